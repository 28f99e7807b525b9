import { html, nothing, type TemplateResult } from 'lit';
import {
  ALERTS_RESULT_SPEC,
  common,
  deriveAlerts,
  formatDateTime,
  formatDay,
  registerResultSpec,
  type AdapterMethod,
  type AlertRules,
  type AlertsResult,
  type IndicatorDefinition,
  type QueryState,
  type Scope,
  type StrideQueryController,
  type WorkCalendar,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { baseStyles } from '../shared/styles.js';
import { memoLast } from '../shared/memo.js';
import { mergeDropped } from '../shared/combined-query.js';
import { renderNotices } from '../shared/states.js';
import { pilotReportStyles } from './pilot-report.styles.js';
import { t } from './pilot-report.strings.js';
import {
  renderAlerts,
  renderChampions,
  renderCoverage,
  renderFunnel,
  renderIndicators,
  renderMovers,
  renderTrend,
  type SectionId,
} from './pilot-report.templates.js';
import { MAX_WEEKS, completedWeeks, type PilotWeek } from './pilot-report.view-model.js';

// the report asks for the alerts that stood each week; their checks load with it (core/src/validation/alerts.ts)
registerResultSpec('alerts', ALERTS_RESULT_SPEC);

/** A section's data, or why it cannot be shown yet (loading) or at all (missing, with the reason). */
export type Section<T> =
  { status: 'ready'; data: T } | { status: 'loading' } | { status: 'missing'; reason: string; retry?: () => void };

/** The `@page` rule cannot live in a shadow root: the document gets it while a report is on the page. */
const pageSheet = typeof CSSStyleSheet === 'undefined' ? undefined : new CSSStyleSheet();
pageSheet?.replaceSync('@page { size: A4 landscape; margin: 12mm; }');
let reportsOnPage = 0;

/**
 * @tagname stride-pilot-report
 * @summary The end-of-pilot review (试点总结) on pages a person prints or saves as PDF: the ten indicators first
 * week vs last week vs before the pilot, the weekly trend, the funnel against its baseline, coverage growth,
 * champions and badges, the biggest movers and the alerts standing at the end of each week.
 *
 * The pilot's dates come from the adapter's own `period: 'pilot'` answer (its `period.start` and `end`: the back
 * end's pilot configuration, or first to last event date), so the report never guesses them. From them it asks,
 * through the kit's shared query client, only existing methods: for N completed weeks (at most 13), 5 + 3N requests
 * with an adapter that has `alerts` (2N + 5 without: alerts are then derived from each week's rows). A section whose
 * method is missing or failed says so and the rest renders.
 *
 * Printing is the browser's (Ctrl+P, "Save as PDF"); the element has no print button of its own, as a host page
 * decides where its print control goes (and a `window.print()` in a component blocks a page's automation).
 * Print: A4 landscape (an `@page` rule added to the document while a report is on it), one section per page start,
 * no table row cut, buttons hidden, black on white whatever the theme.
 *
 * @prop catalogue - The indicator catalogue (labels and units); default the ten of the design.
 * @prop calendar - Holidays and make-up working days, for derived alerts.
 *
 * @event stride-error - A request failed: `detail: {error, stale}`.
 * @event stride-warning - Items were dropped from a result by validation: `detail: {message, ids}`.
 *
 * @csspart base - The report.
 * @csspart header - Title and pilot dates.
 * @csspart section - Each section, also named `<id>-section`.
 * @csspart missing - A section's notice that its data is missing, and why.
 * @csspart state - Not-configured message.
 */
export class StridePilotReport extends StrideElement {
  static override styles = [...baseStyles, pilotReportStyles];
  static override properties = {
    calendar: { attribute: false },
  };

  declare calendar?: WorkCalendar;

  /** The report is always the pilot: the org (or manager) and the date come from the attributes. */
  override get scope(): Scope | undefined {
    const { org, manager, date } = this.resolved;
    if (!org) return undefined;
    return manager ? { org, manager, period: 'pilot', date } : { org, period: 'pilot', date };
  }

  private readonly weeksOf = memoLast(completedWeeks);

  /** The completed weeks, once the pilot's dates are known. */
  get weeks(): PilotWeek[] | undefined {
    const period = this.pilotQuery.state.data?.period;
    return period ? this.weeksOf(period, this.resolved.date) : undefined;
  }

  private weekScope(scope: Scope, week: PilotWeek | undefined, period: 'week' | 'pilot'): Scope | undefined {
    return week ? { ...scope, period, date: week.end } : undefined;
  }

  readonly pilotQuery = this.createQuery('indicators', (scope) => ({ scope }));
  readonly funnelQuery = this.createQuery('funnel', (scope) => ({ scope }));
  readonly boardQuery = this.createQuery('leaderboard', (scope) => ({ scope, board: 'managers', metric: 'points' }));
  private readonly weekBoard = (pick: (weeks: PilotWeek[]) => PilotWeek | undefined) =>
    this.createQuery('leaderboard', (scope) => {
      const weeks = this.weeks;
      const week = weeks && weeks.length >= 2 ? pick(weeks) : undefined;
      const weekScope = this.weekScope(scope, week, 'week');
      return weekScope ? { scope: weekScope, board: 'managers', metric: 'points' } : undefined;
    });
  readonly firstBoardQuery = this.weekBoard((weeks) => weeks[0]);
  readonly lastBoardQuery = this.weekBoard((weeks) => weeks[weeks.length - 1]);
  // one controller per possible week: those past the pilot's weeks stay idle and ask nothing
  readonly weekQueries = Array.from({ length: MAX_WEEKS }, (_, i) =>
    this.createQuery('indicators', (scope) => {
      const weekScope = this.weekScope(scope, this.weeks?.[i], 'week');
      return weekScope ? { scope: weekScope, rows: 'managers' } : undefined;
    }),
  );
  readonly coverageQueries = Array.from({ length: MAX_WEEKS }, (_, i) =>
    this.createQuery('coverage', (scope) => {
      const weekScope = this.weekScope(scope, this.weeks?.[i], 'pilot');
      return weekScope ? { scope: weekScope } : undefined;
    }),
  );
  readonly alertsQueries = Array.from({ length: MAX_WEEKS }, (_, i) =>
    this.createQuery('alerts', (scope) => {
      const weekScope = this.weekScope(scope, this.weeks?.[i], 'week');
      return weekScope && this.alertsFromBackEnd ? { scope: weekScope, rows: 'managers' } : undefined;
    }),
  );

  /** The back end computes alerts with its own thresholds; else the kit derives them from each week's rows. */
  private get alertsFromBackEnd(): boolean {
    return typeof this.resolved.adapter?.alerts === 'function';
  }

  /** Each completed week's alerts, derived again only when a week's rows or the options change. */
  private readonly deriveWeeks = memoLast(
    (options: Parameters<typeof deriveAlerts>[1], ...weeks: Parameters<typeof deriveAlerts>[0][]) =>
      weeks.map((week) => deriveAlerts(week, options)),
  );
  private readonly deriveOptions = memoLast(
    (
      catalogue: readonly IndicatorDefinition[],
      calendar: WorkCalendar | undefined,
      timeZone: string,
      rules: AlertRules,
    ) => ({
      catalogue,
      calendar,
      timeZone,
      rules,
    }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    if (pageSheet && reportsOnPage++ === 0) document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (pageSheet && --reportsOnPage === 0)
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== pageSheet);
  }

  /** Every query the report holds (idle ones included: they are neither stale nor carry dropped items). */
  private get queries(): readonly StrideQueryController<AdapterMethod>[] {
    return [
      this.pilotQuery,
      this.funnelQuery,
      this.boardQuery,
      this.firstBoardQuery,
      this.lastBoardQuery,
      ...this.weekQueries,
      ...this.coverageQueries,
      ...this.alertsQueries,
    ] as readonly StrideQueryController<AdapterMethod>[];
  }

  /**
   * One stale badge for the report (the oldest data kept through a failed refresh, with its time), one notice of
   * what validation dropped from any answer, and the refreshing hint: above the sections, not once per week.
   */
  private renderReportNotices(): TemplateResult {
    const { lang, timeZone } = this.resolved;
    const states = this.queries.map((q) => q.state);
    const stale = states.filter((s) => s.stale).sort((a, b) => a.dataUpdatedAt - b.dataUpdatedAt)[0];
    const combined = {
      ...(stale ?? this.pilotQuery.state),
      stale: stale !== undefined,
      fetching: states.some((s) => s.fetching && s.data !== undefined),
      dropped: mergeDropped(states.map((s) => s.dropped)),
    };
    return renderNotices(combined, { locale: lang, timeZone, retry: () => this.queries.forEach((q) => q.refetch()) });
  }

  /** One section from one or more queries of one method: missing if any is unsupported or failed with no data. */
  private section<T, R>(
    method: AdapterMethod,
    states: readonly QueryState<T>[],
    retry: () => void,
    build: (data: T[]) => R,
  ): Section<R> {
    const { lang } = this.resolved;
    if (states.some((s) => s.status === 'not-supported'))
      return { status: 'missing', reason: t(lang, 'missingMethod', { method }) };
    const failed = states.find((s) => s.status === 'error' && s.data === undefined);
    if (failed) {
      const message = failed.error?.kind === 'auth' ? common(lang, 'sessionExpired') : (failed.error?.message ?? '');
      return { status: 'missing', reason: t(lang, 'missingFailed', { method, message }), retry };
    }
    if (states.some((s) => s.data === undefined)) return { status: 'loading' };
    return { status: 'ready', data: build(states.map((s) => s.data as T)) };
  }

  /** The per-week queries' states for the completed weeks (none while the pilot's dates are unknown). */
  private weekStates<M extends AdapterMethod>(queries: readonly StrideQueryController<M>[]) {
    return queries.slice(0, this.weeks?.length ?? 0).map((q) => q.state);
  }

  /** A weekly section: missing when the pilot's dates are, else its queries' section. */
  private weekly<T, R>(
    method: AdapterMethod,
    states: readonly QueryState<T>[],
    retry: () => void,
    build: (data: T[]) => R,
  ): Section<R> {
    const pilot = this.pilotQuery.state;
    if (pilot.status === 'loading') return { status: 'loading' };
    if (!this.weeks) return { status: 'missing', reason: t(this.resolved.lang, 'missingSpan') };
    return this.section(method, states, retry, build);
  }

  override render(): TemplateResult {
    const { lang, timeZone, alertRules } = this.resolved;
    const pilot = this.pilotQuery.state;
    if (pilot.status === 'not-configured' || pilot.status === 'idle') {
      const why = pilot.status === 'idle' ? common(lang, 'noOrg') : common(lang, 'notConfiguredReason');
      return html`<div part="base" class="base">
        <div class="state" part="state" role="status"><strong>${common(lang, 'notConfigured')}</strong><span>${why}</span></div>
      </div>`;
    }
    const span = pilot.data?.period;
    const header = html`<header class="header" part="header">
        <div>
          <h1 class="title">${t(lang, 'title')}</h1>
          <p class="sub">
            ${
              span
                ? html`<span>${t(lang, 'span', { start: formatDay(span.start, lang), end: formatDay(span.end, lang) })}</span>
                  <span>${t(lang, 'weeksDone', { count: this.weeks?.length ?? 0 })}</span>`
                : nothing
            }
            ${pilot.data ? html`<span>${common(lang, 'asOf', { time: formatDateTime(pilot.data.asOf, lang, timeZone) })}</span>` : nothing}
          </p>
        </div>
      </header>
      ${this.renderReportNotices()}`;
    // a pilot with no indicator at all: one empty state, not seven empty sections
    if (pilot.data && pilot.data.indicators.length === 0) {
      return html`<article part="base" class="base" lang=${lang}>
        ${header}
        <div class="state" part="state" role="status">
          <strong>${common(lang, 'empty')}</strong><span>${t(lang, 'emptyReason')}</span>
        </div>
      </article>`;
    }
    const weeks = this.weeks ?? [];
    const retryAll = (queries: readonly { refetch(): void }[]) => () => queries.forEach((q) => q.refetch());
    const weekResults = this.weekly(
      'indicators',
      this.weekStates(this.weekQueries),
      retryAll(this.weekQueries),
      (d) => d,
    );
    const pilotSection = this.section('indicators', [pilot], retryAll([this.pilotQuery]), ([d]) => d!);
    const options = this.deriveOptions(this.resolved.catalogue, this.calendar, timeZone, alertRules);
    const alerts: Section<AlertsResult[]> = this.alertsFromBackEnd
      ? this.weekly('alerts', this.weekStates(this.alertsQueries), retryAll(this.alertsQueries), (d) => d)
      : weekResults.status === 'ready'
        ? { status: 'ready', data: this.deriveWeeks(options, ...weekResults.data) }
        : weekResults;
    const movers =
      weeks.length < 2
        ? { status: 'ready' as const, data: undefined }
        : this.section(
            'leaderboard',
            [this.firstBoardQuery.state, this.lastBoardQuery.state],
            retryAll([this.firstBoardQuery, this.lastBoardQuery]),
            ([first, last]) => ({ first: first!.entries, last: last!.entries }),
          );
    const context = { lang, catalogue: this.resolved.catalogue, weeks };
    const parts: [SectionId, TemplateResult][] = [
      ['indicators', renderIndicators(pilotSection, weekResults, context)],
      ['trend', renderTrend(weekResults, context)],
      [
        'funnel',
        renderFunnel(
          this.section('funnel', [this.funnelQuery.state], retryAll([this.funnelQuery]), ([d]) => d!),
          context,
        ),
      ],
      [
        'coverage',
        renderCoverage(
          this.weekly('coverage', this.weekStates(this.coverageQueries), retryAll(this.coverageQueries), (d) => d),
          context,
        ),
      ],
      [
        'champions',
        renderChampions(
          this.section('leaderboard', [this.boardQuery.state], retryAll([this.boardQuery]), ([d]) => d!.entries),
          context,
        ),
      ],
      ['movers', renderMovers(movers, context)],
      ['alerts', renderAlerts(alerts, context)],
    ];
    return html`<article part="base" class="base" lang=${lang}>
      ${header}
      ${parts.map(
        ([id, body]) => html`<section class="section ${id}" part="section ${id}-section" aria-labelledby="${id}-title">
          <h2 class="section-title" id="${id}-title">${t(lang, `${id}Title`)}</h2>
          ${body}
        </section>`,
      )}
    </article>`;
  }
}
