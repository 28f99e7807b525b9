import { html, nothing, type PropertyValues } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { addDays, todayInZone, type OrgTree, type PeriodKind } from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { ShareController } from '../shared/share-controller.js';
import { renderQueryState } from '../shared/states.js';
import { baseStyles } from '../shared/styles.js';
import {
  StrideScopeChangeEvent,
  isHuddlePaced,
  type StrideErrorEvent,
  type StrideSelectEvent,
} from '../shared/events.js';
import { loadComponent, tagName, type StrideTag } from '../registry.js';
import { t } from './dashboard.strings.js';
import { AutoAdvanceController } from '../shared/auto-advance-controller.js';
import { dashboardStyles } from './dashboard.styles.js';
import { PhoneWidthController, offersMyDay, renderMyDayCell } from './dashboard.my-day.js';
import { QueryActivityController } from './dashboard.activity.js';
import type { StrideCoverageMap } from '../coverage-map/coverage-map.component.js';
import { InPlaceListController, listTitle, type OpenList } from './dashboard.drill.js';
import {
  renderBreadcrumb,
  renderFilterBar,
  renderHuddleControls,
  renderLeadsView,
  type ViewId,
} from './dashboard.templates.js';
import { loadFilters, rootOrg, saveFilters, storageKey, type DashboardFilters } from './dashboard.filters.js';

const VIEWS: { id: ViewId; tag: StrideTag }[] = [
  { id: 'indicators', tag: 'stride-indicators' },
  // Who is behind, and why: what a huddle starts with, so it follows the indicators in the layout and the rotation.
  { id: 'alerts', tag: 'stride-alerts' },
  // Pages through the whole board in huddle mode and says when it is done (StrideHuddleLapEvent).
  { id: 'leaderboard', tag: 'stride-leaderboard' },
  { id: 'funnel', tag: 'stride-funnel' },
  { id: 'coverage', tag: 'stride-coverage-map' },
];

/**
 * The pilot team's daily dashboard: a filter bar (org tree, period, date with previous/next day), the four widgets in
 * a responsive layout, the as-of time and refresh state, drill-down from any widget with a breadcrumb back, and a
 * huddle mode for wall screens that rotates the views (with a pause control; never by itself under reduced motion).
 * Every widget inside shares one QueryClient, so a query several widgets need is requested once.
 *
 * @tagname stride-dashboard
 * @summary Filter bar plus indicators, leaderboard, funnel and coverage map for one scope.
 * @event stride-scope-change - The user changed the org, manager, period or date (filter bar, breadcrumb or drill-down).
 * @event stride-select - Re-emitted from the widgets (drill-down) as they bubble; the dashboard narrows its scope on an
 * org (and a manager without `leads`), and opens a count's lead list (`detail.leads`) in place unless a listener
 * cancelled the event (preventDefault: the host routes it), with a breadcrumb back to the count.
 * @attr history - Each lead list opened pushes a browser history entry, so Back closes it; only the kit's own entries
 * are ever popped.
 * @csspart leads-view - The lead list, shown in place of the view whose count opened it.
 * @csspart leads-breadcrumb - Its breadcrumb; `leads-back` is the way back to the views.
 * @event stride-error - From the widgets; on `auth` the dashboard also shows "session expired".
 * @event stride-share - The Share button (分享) made this section's digest: `detail: {png, text, markdown: {wecom, dingtalk}}`.
 * @prop {IndicatorDefinition[]} catalogue - The indicators every widget inside shows (tiles, sheet, alerts, my day, the
 * board's labels), supplied ones included; default the scope's, the configured one, the ten of the design.
 * @attr grid-id-property - The grid id's property in the bank's GeoJSON, passed to the map as its `id-property`.
 * @csspart header - The filter bar, breadcrumb and status.
 * @csspart layout - The grid of widgets.
 * @csspart cell - Each widget's card.
 * @csspart share - The Share button (分享); its status line follows it.
 * @cssproperty --stride-surface-sunken - The dashboard's background.
 */
export class StrideDashboard extends StrideElement {
  static override styles = [...baseStyles, dashboardStyles];
  static override properties = {
    rotate: { type: Number },
    dashboardId: { attribute: 'dashboard-id' },
    gridIdProperty: { attribute: 'grid-id-property' },
    filters: { state: true },
    activeView: { state: true },
    sessionExpired: { state: true },
    history: { type: Boolean },
  };

  /** Seconds per view in huddle mode; the board turns a page every half of that and keeps the screen until its last. */
  rotate = 20;
  /** Distinguishes two dashboards on one page in saved filters. */
  dashboardId = '';
  /** A GIS export's own name for the grid id property (the map's `id-property`). */
  declare gridIdProperty?: string;
  /** Each lead list opened pushes a browser history entry (Back closes it); off by default, for hosts that route. */
  history = false;

  private filters: DashboardFilters = {};
  private activeView = 0;
  private sessionExpired = false;

  // The org tree is asked for even before an org is known: it is how the user picks one.
  private readonly orgTree = this.createQuery('orgTree', () => ({}), { scopeless: true, poll: false });
  /** Share (分享): the four widgets' sections together, from the data they show. */
  readonly sharing: ShareController = new ShareController(
    this,
    () => {
      const widgets = [...this.renderRoot.querySelectorAll('.cell > *')] as Partial<{ sharing: ShareController }>[];
      const input = Object.assign({}, ...widgets.map((widget) => widget.sharing?.input()));
      return Object.keys(input).length > 0 ? input : undefined;
    },
    () => {
      const org = this.current.org;
      const name = this.orgTree.state.data?.find((node) => node.id === org)?.name;
      return name ? { orgName: name } : {};
    },
  );
  // A view whose widget pages by itself (the board) keeps the screen until it has shown every page: the rotation's
  // timer stands still on it and the widget's lap moves on instead.
  private readonly rotation = new AutoAdvanceController(this, {
    seconds: () => this.rotate,
    active: () => this.mode === 'huddle' && !this.leadsList.list && !isHuddlePaced(this.activeWidget()),
    advance: () => this.showView(this.activeView + 1),
  });
  private readonly width = new PhoneWidthController(this);
  private readonly activity = new QueryActivityController(this, () => this.resolved.queryClient);
  /** The lead list opened in place of a view by a count, with its way back. */
  private readonly leadsList = new InPlaceListController(this, {
    history: () => this.history,
    viewOf: (event) => this.viewOf(event),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.filters = loadFilters(this.storage(), this.key(), this.today());
    // views that are their own chunk load now: the page's tag watcher cannot see inside this shadow root
    for (const view of VIEWS) void loadComponent(view.tag);
    void loadComponent('stride-leads');
  }

  /** The scope the dashboard shows: its filters over the resolved defaults, the tree's root when no org is set. */
  get current(): { org: string | undefined; manager: string | undefined; period: PeriodKind; date: string } {
    const resolved = this.resolved;
    const tree = this.orgTree.state.data;
    return {
      org: this.filters.org ?? resolved.org ?? rootOrg(tree ?? []),
      manager: this.filters.org || this.filters.manager ? this.filters.manager : resolved.manager,
      period: this.filters.period ?? resolved.period,
      date: this.filters.date ?? resolved.date,
    };
  }

  private today(): string {
    return todayInZone(this.resolved.timeZone);
  }

  private storage(): Storage | undefined {
    try {
      return window.localStorage;
    } catch {
      return undefined;
    }
  }

  private key(): string {
    return storageKey(location.pathname, this.dashboardId);
  }

  private setFilters(change: DashboardFilters): void {
    // another scope: the list open was the rows of a number no longer on screen (focus stays on the filter)
    this.leadsList.close(true, false);
    this.filters = { ...this.filters, ...change };
    saveFilters(this.storage(), this.key(), this.filters, this.today());
    const { org, manager, period, date } = this.current;
    if (org)
      this.dispatchEvent(new StrideScopeChangeEvent(manager ? { org, manager, period, date } : { org, period, date }));
  }

  private onSelect(event: StrideSelectEvent): void {
    if (this.leadsList.onSelect(event)) return;
    const { kind, id } = event.detail;
    if (kind === 'org') this.selectOrg(id);
    else if (kind === 'manager') this.setFilters({ org: this.current.org, manager: id });
    else if (kind === 'alert') {
      // an alert opens its subject: a manager's own numbers, or the org's
      const subject = event.detail.scope;
      if (subject.manager) this.setFilters({ org: this.current.org, manager: subject.manager });
      else this.selectOrg(subject.org);
    }
  }

  /** The view (layout cell) an event came from. */
  private viewOf(event: Event): ViewId | undefined {
    const path = event.composedPath();
    return VIEWS.find((view) => {
      const widget = this.widgetOf(view.id);
      return widget && path.includes(widget);
    })?.id;
  }

  private selectOrg(org: string): void {
    this.setFilters({ org, manager: undefined });
  }

  private onError(event: StrideErrorEvent): void {
    if (event.detail.error.kind === 'auth') this.sessionExpired = true;
  }

  override render() {
    const resolved = this.resolved;
    const current = this.current;
    const tree = this.orgTree.state.data ?? [];
    const huddle = this.mode === 'huddle';
    const list = this.leadsList.list;
    const scopeTag = unsafeStatic(tagName('stride-scope'));
    return html`
      <header part="header">
        ${renderBreadcrumb(tree, current.org, current.manager, resolved.lang, (org) => this.selectOrg(org))}
        ${renderFilterBar(
          {
            tree,
            current,
            today: this.today(),
            lang: resolved.lang,
            timeZone: resolved.timeZone,
            activity: this.activity.latest,
            share: this.sharing.render(),
          },
          {
            onOrg: (org) => this.selectOrg(org),
            onPeriod: (period) => this.setFilters({ period }),
            onDate: (date) => this.setFilters({ date }),
            onShiftDate: (days) => this.shiftDate(days),
          },
        )}
        ${
          huddle
            ? renderHuddleControls(
                VIEWS,
                {
                  activeView: this.activeView,
                  paused: this.rotation.paused,
                  heldByMotionPreference: this.rotation.heldByMotionPreference,
                },
                resolved.lang,
                {
                  onView: (index) => {
                    this.showView(index);
                    this.rotation.restart();
                  },
                  onPause: () => this.rotation.togglePause(),
                },
              )
            : nothing
        }
      </header>
      ${this.sessionExpired ? html`<div class="alert" role="alert" part="alert">${t(this.resolved.lang, 'sessionExpired')}</div>` : nothing}
      ${
        this.orgTree.state.status === 'error' || this.orgTree.state.status === 'not-configured'
          ? renderQueryState(this.orgTree.state, {
              locale: resolved.lang,
              timeZone: resolved.timeZone,
              method: 'orgTree',
              skeleton: () => html``,
              data: () => html``,
              retry: () => this.orgTree.refetch(),
            })
          : nothing
      }
      ${staticHtml`<${scopeTag}
        .adapter=${resolved.adapter}
        .queryClient=${resolved.queryClient}
        .catalogue=${resolved.catalogue}
        org=${current.org ?? nothing}
        manager=${current.manager ?? nothing}
        period=${current.period}
        date=${current.date}
        me=${resolved.me ?? nothing}
        lang=${resolved.lang}
        theme=${resolved.theme}
        refresh=${resolved.refresh}
        time-zone=${resolved.timeZone}
        @stride-select=${(e: StrideSelectEvent) => this.onSelect(e)}
        @stride-error=${(e: StrideErrorEvent) => this.onError(e)}
        @stride-huddle-lap=${(e: Event) => this.onHuddleLap(e)}
      >
        ${list && !list.view ? html`<section class="cell listing">${this.renderList(list, tree)}</section>` : nothing}
        <div class="layout" part="layout" ?hidden=${list !== undefined && !list.view}>
          ${offersMyDay(this.width.phone, resolved.me, this.mode) ? renderMyDayCell(resolved.me!, t(resolved.lang, 'view_myDay')) : nothing}
          ${VIEWS.map((view, index) => this.renderCell(view.id, view.tag, huddle && index !== this.activeView, tree))}
        </div>
      </${scopeTag}>`}
    `;
  }

  private renderCell(id: ViewId, tag: StrideTag, hidden: boolean, tree: OrgTree) {
    const widget = unsafeStatic(tagName(tag));
    // The widget stays mounted (and first) under an open list: going back costs no request and finds its count.
    const list = this.leadsList.list?.view === id ? this.leadsList.list : undefined;
    return html`<section class="cell ${id} ${list ? 'listing' : ''}" part="cell ${id}" ?hidden=${hidden} aria-label=${t(this.resolved.lang, `view_${id}`)}>
      ${staticHtml`<${widget} ?hidden=${list !== undefined} mode=${this.mode ?? nothing} page-seconds=${tag === 'stride-leaderboard' ? this.rotate / 2 : nothing} id-property=${tag === 'stride-coverage-map' ? (this.gridIdProperty ?? nothing) : nothing}></${widget}>`}
      ${list ? this.renderList(list, tree) : nothing}
    </section>`;
  }

  /** The rows behind the count activated, under a breadcrumb back to the view. */
  private renderList(list: OpenList, tree: OrgTree) {
    const lang = this.resolved.lang;
    const map = this.renderRoot.querySelector<StrideCoverageMap>(tagName('stride-coverage-map'));
    const gridName = map?.coverageQuery.state.data?.cells.find((cell) => cell.gridId === list.filter.gridId)?.name;
    return renderLeadsView(list, listTitle(list, lang, tree, gridName), { lang, mode: this.mode }, () =>
      this.leadsList.close(true),
    );
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // One pause stops everything that moves: a board pages only while it is on screen and the rotation runs.
    VIEWS.forEach((view, index) => {
      const widget = this.widgetOf(view.id);
      if (isHuddlePaced(widget)) widget.holdHuddle(this.rotation.paused || index !== this.activeView);
    });
  }

  /** The widget a view's cell holds (first in the cell: an open list follows it). */
  private widgetOf(id: ViewId | undefined): Element | null {
    return (id && this.renderRoot.querySelector(`.cell.${id}`)?.firstElementChild) || null;
  }

  /** The widget of the view on screen. */
  private activeWidget(): Element | null {
    return this.widgetOf(VIEWS[this.activeView]?.id);
  }

  private showView(index: number): void {
    this.activeView = index % VIEWS.length;
    void this.updateComplete.then(() => {
      const widget = this.activeWidget();
      if (this.mode === 'huddle' && isHuddlePaced(widget)) widget.restartHuddle();
    });
  }

  /** The board on screen has shown its last page: on to the next view, unless the viewer paused the rotation. */
  private onHuddleLap(event: Event): void {
    if (this.mode !== 'huddle' || this.rotation.paused) return;
    if (event.composedPath().includes(this.activeWidget() as EventTarget)) this.showView(this.activeView + 1);
  }

  private shiftDate(days: number): void {
    const next = addDays(this.current.date, days);
    if (next > this.today()) return;
    this.setFilters({ date: next });
  }
}
