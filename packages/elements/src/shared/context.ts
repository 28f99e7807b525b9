/**
 * What <stride-scope> provides and configure() defaults: adapter, query client, scope, locale, theme and `me`.
 * The context key is `Symbol.for('stride:scope:v1')` so two copies of the same major version on a page cooperate.
 */
import type { PropertyDeclarations } from 'lit';
import { ContextRoot, createContext } from '@lit/context';
import type { QueryClient } from '@tanstack/query-core';
import type {
  AlertRules,
  IndicatorDefinition,
  PeriodKind,
  StrideAdapter,
  StrideLocale,
  ThemeSetting,
} from '@stride/core';

export interface StrideSettings {
  adapter?: StrideAdapter | undefined;
  queryClient?: QueryClient | undefined;
  org?: string | undefined;
  manager?: string | undefined;
  period?: PeriodKind | undefined;
  date?: string | undefined;
  me?: string | undefined;
  lang?: StrideLocale | undefined;
  theme?: ThemeSetting | undefined;
  refresh?: number | undefined;
  timeZone?: string | undefined;
  /** Thresholds of the behind rule and of the alerts the kit derives (configure() or a scope's property only). */
  alertRules?: Partial<AlertRules> | undefined;
  /**
   * The indicators to show, relabelled, reordered, and with the back end's supplied ones (property only): set once on
   * a scope, the dashboard or configure(), every widget inside shows the same catalogue.
   */
  catalogue?: readonly IndicatorDefinition[] | undefined;
}

/**
 * The Lit property declarations of the settings above, shared by <stride-scope> and every widget (both offer the same
 * attributes): one list, so a setting added here reaches both.
 */
export const SETTINGS_PROPERTIES = {
  org: {},
  manager: {},
  period: {},
  date: {},
  me: {},
  lang: {},
  theme: {},
  refresh: { type: Number },
  timeZone: { attribute: 'time-zone' },
  adapter: { attribute: false },
  queryClient: { attribute: false },
  catalogue: { attribute: false },
} satisfies PropertyDeclarations;

export const strideScopeContext = createContext<StrideSettings>(Symbol.for('stride:scope:v1'));

// A widget may upgrade before the <stride-scope> around it (script order, lazy definition). One ContextRoot on the
// document holds such early requests and answers them when the scope appears. Attached once per page, shared by
// every copy of Stride of this major version.
const ROOT_KEY = Symbol.for('stride:context-root:v1');
if (typeof document !== 'undefined') {
  const page = globalThis as typeof globalThis & { [ROOT_KEY]?: ContextRoot };
  if (!page[ROOT_KEY]) {
    page[ROOT_KEY] = new ContextRoot();
    page[ROOT_KEY].attach(document.documentElement);
  }
}
