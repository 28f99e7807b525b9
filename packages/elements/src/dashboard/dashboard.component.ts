import { html, nothing, type PropertyValues } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { QueryClient } from '@tanstack/query-core';
import {
  PERIOD_KINDS,
  addDays,
  common,
  formatDateTime,
  isIsoDate,
  periodLabel,
  todayInZone,
  translator,
  type OrgTree,
  type PeriodKind,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { renderQueryState } from '../shared/states.js';
import { baseStyles } from '../shared/styles.js';
import { StrideScopeChangeEvent, type StrideErrorEvent, type StrideSelectEvent } from '../shared/events.js';
import { tagName, type StrideTag } from '../registry.js';
import { dashboardStrings } from './dashboard.strings.js';
import { dashboardStyles } from './dashboard.styles.js';
import {
  loadFilters,
  orgOptions,
  orgPath,
  rootOrg,
  saveFilters,
  storageKey,
  type DashboardFilters,
} from './dashboard.filters.js';

type ViewId = 'indicators' | 'leaderboard' | 'funnel' | 'coverage';
const dashboardText = translator(dashboardStrings);

const VIEWS: { id: ViewId; tag: StrideTag }[] = [
  { id: 'indicators', tag: 'stride-indicators' },
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
 * @event stride-select - Re-emitted from the widgets (drill-down) as they bubble; the dashboard narrows its scope on org and manager.
 * @event stride-error - From the widgets; on `auth` the dashboard also shows "session expired".
 * @csspart header - The filter bar, breadcrumb and status.
 * @csspart layout - The grid of widgets.
 * @csspart cell - Each widget's card.
 * @cssproperty --stride-surface-sunken - The dashboard's background.
 */
export class StrideDashboard extends StrideElement {
  static override styles = [...baseStyles, dashboardStyles];
  static override properties = {
    rotate: { type: Number },
    dashboardId: { attribute: 'dashboard-id' },
    filters: { state: true },
    activeView: { state: true },
    paused: { state: true },
    reducedMotion: { state: true },
    sessionExpired: { state: true },
    lastUpdated: { state: true },
    latestAsOf: { state: true },
    fetching: { state: true },
  };

  /** Seconds per view in huddle mode. */
  rotate = 20;
  /** Distinguishes two dashboards on one page in saved filters. */
  dashboardId = '';

  private filters: DashboardFilters = {};
  private activeView = 0;
  private paused = false;
  private reducedMotion = false;
  private sessionExpired = false;
  private lastUpdated = 0;
  private latestAsOf = '';
  private fetching = 0;

  // The org tree is asked for even before an org is known: it is how the user picks one.
  private readonly orgTree = this.createQuery('orgTree', () => ({}), { scopeless: true, poll: false });
  private rotationTimer: ReturnType<typeof setInterval> | undefined;
  private motionQuery: MediaQueryList | undefined;
  private stopCacheWatch: (() => void) | undefined;
  private watchedClient: QueryClient | undefined;

  private readonly onMotionChange = (event: MediaQueryListEvent) => {
    this.reducedMotion = event.matches;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.filters = loadFilters(this.storage(), this.key(), this.today());
    this.motionQuery = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    this.reducedMotion = this.motionQuery?.matches ?? false;
    this.motionQuery?.addEventListener('change', this.onMotionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.motionQuery?.removeEventListener('change', this.onMotionChange);
    this.stopRotation();
    this.stopCacheWatch?.();
    this.stopCacheWatch = undefined;
    this.watchedClient = undefined;
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

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // In willUpdate, so the first read of the cache lands in this render rather than scheduling another.
    this.watchCache(this.resolved.queryClient);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncRotation();
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
    this.filters = { ...this.filters, ...change };
    saveFilters(this.storage(), this.key(), this.filters, this.today());
    const { org, manager, period, date } = this.current;
    if (org)
      this.dispatchEvent(new StrideScopeChangeEvent(manager ? { org, manager, period, date } : { org, period, date }));
  }

  // The as-of time and refresh state come from the shared cache, so the dashboard needs no hook into each widget.
  private watchCache(client: QueryClient): void {
    if (client === this.watchedClient) return;
    this.stopCacheWatch?.();
    this.watchedClient = client;
    const cache = client.getQueryCache();
    const read = () => {
      let updated = 0;
      let asOf = '';
      let fetching = 0;
      for (const query of cache.getAll()) {
        if (query.queryKey[0] !== 'stride' || query.getObserversCount() === 0) continue;
        if (query.state.fetchStatus === 'fetching') fetching += 1;
        updated = Math.max(updated, query.state.dataUpdatedAt);
        // Every validated result carries asOf (an ISO string); the org tree has none.
        const dataAsOf = (query.state.data as { data?: { asOf?: string } } | undefined)?.data?.asOf;
        if (dataAsOf && dataAsOf > asOf) asOf = dataAsOf;
      }
      // Reactive properties: an unchanged value schedules no render.
      this.lastUpdated = updated;
      this.latestAsOf = asOf;
      this.fetching = fetching;
    };
    this.stopCacheWatch = cache.subscribe(read);
    read();
  }

  private syncRotation(): void {
    const shouldRotate = this.mode === 'huddle' && !this.paused && !this.reducedMotion && this.rotate > 0;
    if (shouldRotate && !this.rotationTimer) {
      this.rotationTimer = setInterval(() => {
        this.activeView = (this.activeView + 1) % VIEWS.length;
      }, this.rotate * 1000);
    } else if (!shouldRotate) {
      this.stopRotation();
    }
  }

  private stopRotation(): void {
    clearInterval(this.rotationTimer);
    this.rotationTimer = undefined;
  }

  private onSelect(event: StrideSelectEvent): void {
    const { kind, id } = event.detail;
    if (kind === 'org') this.selectOrg(id);
    else if (kind === 'manager') this.setFilters({ org: this.current.org, manager: id });
  }

  private selectOrg(org: string): void {
    this.setFilters({ org, manager: undefined });
  }

  private onError(event: StrideErrorEvent): void {
    if (event.detail.error.kind === 'auth') this.sessionExpired = true;
  }

  private t(key: keyof (typeof dashboardStrings)['en'], params?: Record<string, string | number>): string {
    return dashboardText(this.resolved.lang, key, params);
  }

  override render() {
    const resolved = this.resolved;
    const current = this.current;
    const tree = this.orgTree.state.data ?? [];
    const huddle = this.mode === 'huddle';
    const scopeTag = unsafeStatic(tagName('stride-scope'));
    return html`
      <header part="header">
        ${this.renderBreadcrumb(tree, current.org, current.manager)}
        <div class="bar" role="group" aria-label=${this.t('filters')}>
          ${this.renderOrgFilter(tree, current.org)}
          <label>
            ${this.t('period')}
            <select
              part="period"
              .value=${current.period}
              @change=${(e: Event) => this.setFilters({ period: (e.target as HTMLSelectElement).value as PeriodKind })}
            >
              ${PERIOD_KINDS.map((p) => html`<option value=${p} ?selected=${p === current.period}>${periodLabel(resolved.lang, p)}</option>`)}
            </select>
          </label>
          <label>
            ${this.t('date')}
            <span class="date-row">
              <button class="button" part="previous-day" aria-label=${this.t('previousDay')} @click=${() => this.shiftDate(-1)}>‹</button>
              <input
                type="date"
                part="date"
                .value=${current.date}
                max=${this.today()}
                @change=${(e: Event) => {
                  const value = (e.target as HTMLInputElement).value;
                  if (isIsoDate(value)) this.setFilters({ date: value });
                }}
              />
              <button
                class="button"
                part="next-day"
                aria-label=${this.t('nextDay')}
                ?disabled=${current.date >= this.today()}
                @click=${() => this.shiftDate(1)}
              >›</button>
            </span>
          </label>
          <div class="toolbar status" part="status" role="status">
            ${this.latestAsOf ? html`<span>${common(resolved.lang, 'asOf', { time: formatDateTime(this.latestAsOf, resolved.lang, resolved.timeZone) })}</span>` : nothing}
            ${
              this.lastUpdated
                ? html`<span>${common(resolved.lang, 'updatedAt', { time: formatDateTime(this.lastUpdated, resolved.lang, resolved.timeZone) })}</span>`
                : html`<span>${this.t('notLoaded')}</span>`
            }
            ${this.fetching > 0 ? html`<span>${common(resolved.lang, 'refreshing')}</span>` : nothing}
          </div>
        </div>
        ${huddle ? this.renderHuddleControls() : nothing}
      </header>
      ${this.sessionExpired ? html`<div class="alert" role="alert" part="alert">${this.t('sessionExpired')}</div>` : nothing}
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
      >
        <div class="layout" part="layout">
          ${VIEWS.map((view, index) => this.renderCell(view.id, view.tag, huddle && index !== this.activeView))}
        </div>
      </${scopeTag}>`}
    `;
  }

  private renderCell(id: ViewId, tag: StrideTag, hidden: boolean) {
    const widget = unsafeStatic(tagName(tag));
    return html`<section class="cell ${id}" part="cell ${id}" ?hidden=${hidden} aria-label=${this.t(`view_${id}`)}>
      ${staticHtml`<${widget} mode=${this.mode ?? nothing}></${widget}>`}
    </section>`;
  }

  private renderOrgFilter(tree: OrgTree, org: string | undefined) {
    const options = orgOptions(tree);
    return html`<label>
      ${this.t('org')}
      <select
        part="org"
        ?disabled=${options.length === 0}
        @change=${(e: Event) => this.selectOrg((e.target as HTMLSelectElement).value)}
      >
        ${options.length === 0 && org ? html`<option value=${org} selected>${org}</option>` : nothing}
        ${options.map(
          ({ node, depth }) =>
            html`<option value=${node.id} ?selected=${node.id === org}>${'\u3000'.repeat(depth)}${node.name}</option>`,
        )}
      </select>
    </label>`;
  }

  private renderBreadcrumb(tree: OrgTree, org: string | undefined, manager: string | undefined) {
    const path = orgPath(tree, org);
    if (path.length === 0) return nothing;
    const managerNode = manager ? tree.find((n) => n.id === manager) : undefined;
    return html`<nav aria-label=${this.t('breadcrumb')} part="breadcrumb">
      <ol>
        ${path.map((node, index) => {
          const last = index === path.length - 1 && !manager;
          return html`<li>
            <button
              class="crumb"
              aria-current=${last ? 'page' : nothing}
              @click=${last ? nothing : () => this.selectOrg(node.id)}
            >${node.name}</button>
          </li>`;
        })}
        ${
          manager
            ? html`<li><span class="crumb" aria-current="page">${this.t('manager', { name: managerNode?.name ?? manager })}</span></li>`
            : nothing
        }
      </ol>
    </nav>`;
  }

  private renderHuddleControls() {
    return html`<div class="toolbar" part="huddle-controls">
      <div class="views" role="group" aria-label=${this.t('views')}>
        ${VIEWS.map(
          (view, index) => html`<button
            class="button"
            aria-pressed=${index === this.activeView}
            @click=${() => {
              this.activeView = index;
            }}
          >${this.t(`view_${view.id}`)}</button>`,
        )}
      </div>
      <button class="button" part="pause" aria-pressed=${this.paused} @click=${() => (this.paused = !this.paused)}>
        ${this.t(this.paused ? 'resumeRotation' : 'pauseRotation')}
      </button>
      ${this.reducedMotion ? html`<span>${this.t('rotationReduced')}</span>` : nothing}
    </div>`;
  }

  private shiftDate(days: number): void {
    const next = addDays(this.current.date, days);
    if (next > this.today()) return;
    this.setFilters({ date: next });
  }
}
