import {
  html,
  type PropertyValues,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import {
  ALERTS_RESULT_SPEC,
  registerResultSpec,
  deriveAlerts,
  openOverdueLeads,
  type Alert,
  type AlertRules,
  type AlertsResult,
  type IndicatorDefinition,
  type IndicatorRows,
  type IndicatorsResult,
  type QueryState,
  type WorkCalendar,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { ShareController } from '../shared/share-controller.js';
import { baseStyles } from '../shared/styles.js';
import { memoLast } from '../shared/memo.js';
import { renderQueryState } from '../shared/states.js';
import { StrideAlertEvent, StrideSelectEvent } from '../shared/events.js';
import { alertsStyles } from './alerts.styles.js';
import { t } from './alerts.strings.js';
import { renderGroups, renderSkeleton, renderToolbar, type AlertsHandlers } from './alerts.templates.js';
import {
  GROUPS_SHOWN,
  ROWS_SHOWN,
  SHOW_MORE_GROUPS,
  SHOW_MORE_ROWS,
  alertsToAnnounce,
  groupAlerts,
  parseGrouping,
  shownAlerts,
  type AlertFeedMemory,
  type AlertGrouping,
} from './alerts.view-model.js';

// the alerts an adapter returns are checked here, not on every page (see core/src/validation/alerts.ts)
registerResultSpec('alerts', ALERTS_RESULT_SPEC);

/**
 * Fires `stride-alert` after an update that brought a new result: the scope's first with `initial: true`, then only
 * alerts that were not in the previous result. One concern: it knows nothing of the host's template.
 */
class AlertFeedController implements ReactiveController {
  private memory: AlertFeedMemory | undefined;
  private last: AlertsResult | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly current: () => { result: AlertsResult; scopeKey: string } | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const current = this.current();
    if (!current || current.result === this.last) return;
    this.last = current.result;
    const { announce, seen } = alertsToAnnounce(this.memory, current.scopeKey, current.result.alerts);
    this.memory = seen;
    if (announce) this.host.dispatchEvent(new StrideAlertEvent(announce));
  }
}

/**
 * @tagname stride-alerts
 * @summary Who is behind, and why (预警提醒): pace, overdue and inactive alerts, most severe first.
 *
 * Each row says who, what, how far off in the indicator's own unit ("上门面访 12 / 进度应达 30") and since when.
 * Uses the adapter's `alerts` where it has one (the back end's thresholds); otherwise derives the same list from the
 * indicator rows with the page's `alertRules`, judged by the one behind rule the tiles use.
 *
 * @attr rows - `managers` (default: the managers under the org) or `children` (its child orgs).
 * @attr group - `person` (default) or `indicator`.
 * @prop catalogue - The indicator catalogue (labels and units); default the ten of the design.
 * @prop calendar - Holidays and make-up working days, for a derived list's pace and idle days.
 *
 * @event stride-alert - `detail: {alerts, initial}`: a scope's first result (initial), then only new alerts.
 * @event stride-select - A person (`manager`/`org`) or an alert (`alert`, with `leads` for overdue and pace) was
 *   activated; cancelable.
 * @event stride-error - A request failed: `detail: {error, stale}`.
 * @event stride-warning - Alerts were dropped from a result by validation: `detail: {message, ids}`.
 * @event stride-share - The Share button (分享) made this section's digest: `detail: {png, text, markdown: {wecom, dingtalk}}`.
 *
 * @csspart base - The frame around everything.
 * @csspart header - Title, count and the grouping toggle.
 * @csspart group-toggle - A grouping button.
 * @csspart groups - The list of groups.
 * @csspart group - One group (a person or an indicator).
 * @csspart subject - A person's name: opens their row of the indicators sheet.
 * @csspart alert - One alert row (a button).
 * @csspart more - "Show more": a group's further rows, or further groups (a long list starts with the worst).
 * @csspart state - Empty, not-configured and error messages.
 * @csspart share - The Share button (分享); its status line follows it.
 */
export class StrideAlerts extends StrideElement {
  static override styles = [...baseStyles, alertsStyles];
  static override properties = {
    rows: {},
    group: {},
    calendar: { attribute: false },
  };

  rows: IndicatorRows = 'managers';
  group: AlertGrouping = 'person';
  declare calendar?: WorkCalendar;

  private get rowsKind(): IndicatorRows {
    return this.rows === 'children' ? 'children' : 'managers';
  }

  /** The back end computes alerts with its own thresholds; else the kit derives them from indicator rows. */
  private get fromBackEnd(): boolean {
    return typeof this.resolved.adapter?.alerts === 'function';
  }

  readonly alertsQuery = this.createQuery('alerts', (scope) =>
    this.fromBackEnd ? { scope, rows: this.rowsKind } : undefined,
  );
  readonly rowsQuery = this.createQuery('indicators', (scope) =>
    this.fromBackEnd ? undefined : { scope, rows: this.rowsKind },
  );

  private readonly derive = memoLast(
    (
      result: IndicatorsResult,
      catalogue: readonly IndicatorDefinition[],
      calendar: WorkCalendar | undefined,
      timeZone: string,
      rules: AlertRules,
    ): AlertsResult => deriveAlerts(result, { catalogue, calendar, timeZone, rules }),
  );
  private readonly groupsOf = memoLast(groupAlerts);
  private readonly ruleNames = memoLast((overdue: string, inactive: string) => ({ overdue, inactive }));

  /** The alerts as shown: the adapter's, or derived from the rows (same states, the derived data in place). */
  get alertsState(): QueryState<AlertsResult> {
    if (this.fromBackEnd) return this.alertsQuery.state;
    const state = this.rowsQuery.state;
    const { timeZone, alertRules } = this.resolved;
    const data = state.data && this.derive(state.data, this.resolved.catalogue, this.calendar, timeZone, alertRules);
    return { ...state, data };
  }

  /** Share (分享): the alert counts and the most severe, as a picture and texts for the team's chat. */
  readonly sharing: ShareController = new ShareController(
    this,
    () => (this.alertsState.data ? { alerts: this.alertsState.data } : undefined),
    () => ({ catalogue: this.resolved.catalogue, calendar: this.calendar }),
  );

  private readonly feed = new AlertFeedController(this, () => {
    const state = this.alertsState;
    if (state.status !== 'success' || !state.data) return undefined;
    return { result: state.data, scopeKey: `${JSON.stringify(state.data.scope)}|${this.rowsKind}` };
  });

  /** How far the reader has asked to see, for the grouping and scope it was asked in (see shownAlerts). */
  private groupsShown = GROUPS_SHOWN;
  private readonly rowsShown = new Map<string, number>();
  private shownFor = '';
  /** The first row a "show more" revealed: focus moves there, so a keyboard reader goes on where the list grew. */
  private focusAfterUpdate: string | undefined;

  private readonly handlers: AlertsHandlers = {
    onGroup: (grouping) => {
      this.group = grouping;
    },
    onSubject: (subject) => this.select(subject.kind === 'manager' ? 'manager' : 'org', subject.id),
    onAlert: (alert) => this.selectAlert(alert),
    onMoreRows: (key) => {
      const before = this.rowsShown.get(key) ?? ROWS_SHOWN;
      this.rowsShown.set(key, before + SHOW_MORE_ROWS);
      this.focusAfterUpdate = `[data-group="${CSS.escape(key)}"] .rows > li:nth-child(${before + 1}) [part~="alert"]`;
      this.requestUpdate();
    },
    onMoreGroups: () => {
      const before = this.groupsShown;
      this.groupsShown += SHOW_MORE_GROUPS;
      this.focusAfterUpdate = `.groups > section:nth-of-type(${before + 1}) [part~="alert"]`;
      this.requestUpdate();
    },
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // a new scope or grouping starts again from the worst; a refresh of the same keeps what the reader opened
    const scope = this.alertsState.data?.scope;
    const shownFor = `${parseGrouping(this.group)}|${scope ? JSON.stringify(scope) : ''}`;
    if (shownFor !== this.shownFor) {
      this.shownFor = shownFor;
      this.groupsShown = GROUPS_SHOWN;
      this.rowsShown.clear();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.focusAfterUpdate) return;
    this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate)?.focus();
    this.focusAfterUpdate = undefined;
  }

  /**
   * An alert opens the leads behind it, for its subject: its open overdue leads, or the rows a behind indicator
   * missed; where the adapter cannot list leads (none, or a 404), and for an inactive alert, it names the subject.
   */
  private selectAlert(alert: Alert): void {
    const scope = this.scope;
    if (!scope) return;
    const subjectScope =
      alert.subject.kind === 'manager' ? { ...scope, manager: alert.subject.id } : { ...scope, org: alert.subject.id };
    if (alert.subject.kind === 'org') delete subjectScope.manager;
    const behind = this.leadsBehind(() => {
      if (alert.rule === 'overdue') return openOverdueLeads(subjectScope);
      if (alert.rule === 'pace' && alert.indicator)
        return { scope: subjectScope, filter: { indicator: alert.indicator, outcome: 'missed' } };
      return undefined;
    });
    this.dispatchEvent(
      new StrideSelectEvent({
        kind: 'alert',
        id: alert.id,
        scope: subjectScope,
        ...(behind ? { leads: behind.filter } : {}),
      }),
    );
  }

  override render(): TemplateResult {
    const { lang, timeZone } = this.resolved;
    const grouping = parseGrouping(this.group);
    return html`<div part="base">
      ${renderQueryState(this.alertsState, {
        locale: lang,
        timeZone,
        method: this.fromBackEnd ? 'alerts' : 'indicators',
        skeleton: renderSkeleton,
        isEmpty: (data) => data.alerts.length === 0,
        emptyReason: t(lang, 'emptyReason'),
        data: (data) => {
          const names = this.ruleNames(t(lang, 'ruleOverdue'), t(lang, 'ruleInactive'));
          const groups = this.groupsOf(data, grouping, this.resolved.catalogue, lang, names);
          return html`${renderToolbar(data.alerts.length, grouping, !this.fromBackEnd, lang, this.handlers, this.sharing.render())}
          ${renderGroups(shownAlerts(groups, this.groupsShown, this.rowsShown), grouping, lang, this.handlers)}`;
        },
        retry: () => (this.fromBackEnd ? this.alertsQuery.refetch() : this.rowsQuery.refetch()),
      })}
    </div>`;
  }
}
