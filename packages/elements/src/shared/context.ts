/**
 * What <stride-scope> provides and configure() defaults: adapter, query client, scope, locale, theme and `me`.
 * The context key is `Symbol.for('stride:scope:v1')` so two copies of the same major version on a page cooperate.
 */
import { createContext } from '@lit/context';
import type { QueryClient } from '@tanstack/query-core';
import type { PeriodKind, StrideAdapter, StrideLocale, ThemeSetting } from '@stride/core';

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
}

export const strideScopeContext = createContext<StrideSettings>(Symbol.for('stride:scope:v1'));
