/**
 * The common ground of every data widget: the shared attributes and properties of DESIGN's Public API, their
 * resolution (own property -> nearest <stride-scope> -> configure() default -> built-in default), theme and locale,
 * the typed events, and a factory for the one query controller. One shallow base class; behaviour lives in
 * controllers (query, chart) and pure view-model modules.
 */
import { LitElement, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { QueryClient } from '@tanstack/query-core';
import {
  DEFAULT_CATALOGUE,
  DEFAULT_TIME_ZONE,
  PERIOD_KINDS,
  StrideQueryController,
  alertRules,
  type AlertRules,
  getDefaultQueryClient,
  hasLeads,
  resolveLocale,
  todayInZone,
  type AdapterMethod,
  type AdapterQueries,
  type DroppedItems,
  type GridsOptions,
  type IndicatorDefinition,
  type LeadsBehind,
  type PeriodKind,
  type Scope,
  type StrideAdapter,
  type StrideLocale,
  type ThemeSetting,
} from '@stride/core';
import { SETTINGS_PROPERTIES, strideScopeContext, type StrideSettings } from './context.js';
import { getDefaults, onDefaultsChange } from './configure.js';
import { StrideErrorEvent, StrideSelectEvent, StrideWarningEvent, type SelectKind } from './events.js';
import { baseStyles } from './styles.js';
import { memoLast } from './memo.js';

export interface ResolvedSettings {
  adapter: StrideAdapter | undefined;
  queryClient: QueryClient;
  org: string | undefined;
  manager: string | undefined;
  period: PeriodKind;
  date: string;
  me: string | undefined;
  lang: StrideLocale;
  theme: ThemeSetting;
  refresh: number;
  timeZone: string;
  alertRules: AlertRules;
  catalogue: readonly IndicatorDefinition[];
}

function pick<K extends keyof StrideSettings>(
  key: K,
  own: StrideSettings[K],
  scoped: StrideSettings | undefined,
): StrideSettings[K] {
  if (own !== undefined && own !== null && own !== '') return own;
  const fromScope = scoped?.[key];
  if (fromScope !== undefined && fromScope !== null && fromScope !== '') return fromScope;
  return getDefaults()[key];
}

function hostPageLocale(): StrideLocale | undefined {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return lang ? resolveLocale(lang) : undefined;
}

interface QueryOptions {
  scopeless?: boolean;
  poll?: boolean;
  onDropped?: (dropped: DroppedItems) => void;
  /** How to read the result where the contract leaves a choice (the map's grid id property). */
  validation?: () => GridsOptions | undefined;
}

export class StrideElement extends LitElement {
  static override styles: CSSResultGroup = baseStyles;
  static override properties: PropertyDeclarations = {
    ...SETTINGS_PROPERTIES,
    mode: { reflect: true },
    scopeSettings: { state: true },
  };

  /** Org unit id whose numbers the widget shows. */
  declare org?: string;
  /** Narrows the scope to one manager. */
  declare manager?: string;
  /** `day|week|month|quarter|year|pilot`; default `month`. */
  declare period?: PeriodKind;
  /** `YYYY-MM-DD`; default today in the bank's time zone. */
  declare date?: string;
  /** The signed-in manager: highlighted and pinned wherever shown. */
  declare me?: string;
  /** `zh-CN|en`; default the scope's, the configured one, the host page's `<html lang>`, then zh-CN. */
  override lang = '';
  /** `light|dark|auto`. */
  declare theme?: ThemeSetting;
  /** Seconds between polls; 0 = off. */
  declare refresh?: number;
  /** `huddle` for wall screens where a widget has one. */
  declare mode?: string;
  /** The bank's IANA time zone; default Asia/Shanghai. */
  declare timeZone?: string;
  /** The data adapter (property only). */
  declare adapter?: StrideAdapter;
  /** A QueryClient to share a cache with (property only). */
  declare queryClient?: QueryClient;
  /** Relabel, reorder, drop or add indicators (property only); default the scope's, the configured one, the ten. */
  declare catalogue?: readonly IndicatorDefinition[];

  /** What the nearest <stride-scope> provides, kept current. */
  declare protected scopeSettings?: StrideSettings;
  private readonly scopeConsumer = new ContextConsumer(this, {
    context: strideScopeContext,
    subscribe: true,
    callback: (settings) => {
      this.scopeSettings = settings;
    },
  });

  private stopDefaults: (() => void) | undefined;
  /** The same rules object while the configured thresholds are the same object (memoised views key on it). */
  private readonly rulesOf = memoLast(alertRules);

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopDefaults = onDefaultsChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopDefaults?.();
    this.stopDefaults = undefined;
  }

  /** The settings in force after resolution. Cheap: read it freely in render. */
  get resolved(): ResolvedSettings {
    const scoped = this.scopeSettings;
    const period = pick('period', this.period, scoped);
    const timeZone = pick('timeZone', this.timeZone, scoped) ?? DEFAULT_TIME_ZONE;
    const lang = pick('lang', this.lang ? resolveLocale(this.lang) : undefined, scoped);
    return {
      adapter: pick('adapter', this.adapter, scoped),
      queryClient: pick('queryClient', this.queryClient, scoped) ?? getDefaultQueryClient(),
      org: pick('org', this.org, scoped),
      manager: pick('manager', this.manager, scoped),
      period: period && PERIOD_KINDS.includes(period) ? period : 'month',
      date: pick('date', this.date, scoped) ?? todayInZone(timeZone),
      me: pick('me', this.me, scoped),
      lang: lang ?? hostPageLocale() ?? 'zh-CN',
      theme: pick('theme', this.theme, scoped) ?? 'light',
      refresh: Math.max(0, Number(pick('refresh', this.refresh, scoped) ?? 0) || 0),
      timeZone,
      alertRules: this.rulesOf(scoped?.alertRules ?? getDefaults().alertRules),
      catalogue: pick('catalogue', this.catalogue, scoped) ?? DEFAULT_CATALOGUE,
    };
  }

  /** The scope the widget asks about, or undefined while no org is known. */
  get scope(): Scope | undefined {
    const { org, manager, period, date } = this.resolved;
    if (!org) return undefined;
    return manager ? { org, manager, period, date } : { org, period, date };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const theme = this.resolved.theme;
    if (this.dataset['strideTheme'] !== theme) this.dataset['strideTheme'] = theme;
  }

  /**
   * One query controller per adapter method the widget reads; `build` turns the scope into the query.
   * Options: `scopeless` asks even without an org (the org tree that lets a user choose one); `poll: false` never
   * polls (geometry); `onDropped` replaces the default one-warning-per-result (a widget combining two results).
   */
  protected createQuery<M extends AdapterMethod>(
    method: M,
    build: (scope: Scope) => AdapterQueries[M] | undefined,
    options?: QueryOptions,
  ): StrideQueryController<M>;
  protected createQuery<M extends AdapterMethod>(
    method: M,
    build: () => AdapterQueries[M],
    options: QueryOptions & { scopeless: true },
  ): StrideQueryController<M>;
  protected createQuery<M extends AdapterMethod>(
    method: M,
    build: (scope: Scope) => AdapterQueries[M] | undefined,
    options: QueryOptions = {},
  ): StrideQueryController<M> {
    return new StrideQueryController(this, {
      method,
      config: () => {
        const resolved = this.resolved;
        const scope = this.scope;
        return {
          adapter: resolved.adapter,
          client: resolved.queryClient,
          query: scope ? build(scope) : options.scopeless ? (build as () => AdapterQueries[M])() : undefined,
          refreshSeconds: options.poll === false ? 0 : resolved.refresh,
          validation: options.validation?.(),
        };
      },
      onDropped:
        options.onDropped ??
        ((dropped) => this.dispatchEvent(new StrideWarningEvent({ message: dropped.message, ids: dropped.ids }))),
      onError: (error, stale) => this.dispatchEvent(new StrideErrorEvent({ error, stale })),
    });
  }

  /**
   * The list a count opens (`build` is one of core's builders: stageLeads, gridLeads, ...), or undefined where counts
   * are not links: the adapter has no `leads`, or its back end answered 404.
   */
  protected leadsBehind(build: (scope: Scope) => LeadsBehind | undefined): LeadsBehind | undefined {
    const scope = this.scope;
    return scope && hasLeads(this.resolved.adapter) ? build(scope) : undefined;
  }

  /**
   * Drill-down: fires `stride-select` with the widget's current scope and, where the activated count has rows behind
   * it and the adapter can list them, the leads filter that opens them with the scope it counts in (a row narrows it
   * to the row's manager or org). Returns false when a listener cancelled it.
   */
  protected select(kind: SelectKind, id: string, build?: (scope: Scope) => LeadsBehind | undefined): boolean {
    const behind = build && this.leadsBehind(build);
    const scope = behind?.scope ?? this.scope;
    if (!scope) return true;
    return this.dispatchEvent(new StrideSelectEvent({ kind, id, scope, ...(behind ? { leads: behind.filter } : {}) }));
  }
}
