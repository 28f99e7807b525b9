/**
 * What every widget's stories share: the http adapter on the msw pilot, the state stories' msw parameters, and
 * adapters that make the stale and refreshing states appear (first answer good, then failing or slow).
 */
import { StrideError, createHttpAdapter, type AdapterMethod, type StrideAdapter } from '@stride/core';
import { faultHandlers } from '../mocks/handlers.js';

export const API = '/api';
export const pilotHttp = createHttpAdapter({ baseUrl: API });

/** msw parameters for the state stories (Loading never answers, the others answer every endpoint alike). */
export const faultParameters = {
  loading: { msw: { handlers: { pilot: faultHandlers.slow(600_000, { baseUrl: API }) } } },
  empty: { msw: { handlers: { pilot: faultHandlers.empty({ baseUrl: API }) } } },
  serverError: { msw: { handlers: { pilot: faultHandlers.serverError({ baseUrl: API }) } } },
  unauthorized: { msw: { handlers: { pilot: faultHandlers.unauthorized({ baseUrl: API }) } } },
  invalidData: { msw: { handlers: { pilot: faultHandlers.invalidData({ baseUrl: API }) } } },
};

type Call = (query: never, options: { signal: AbortSignal }) => Promise<unknown>;

/** The pilot's answers through `pilotHttp`, with `after` deciding what each call after the first `methods` does. */
function afterFirst(
  methods: readonly AdapterMethod[],
  after: (method: AdapterMethod) => Promise<void>,
  passThrough: readonly AdapterMethod[],
): StrideAdapter {
  const calls = new Map<AdapterMethod, number>();
  const adapter: Record<string, Call> = {};
  for (const method of passThrough)
    adapter[method] = (query, options) => (pilotHttp[method] as unknown as Call)(query, options);
  for (const method of methods) {
    adapter[method] = async (query, options) => {
      const n = (calls.get(method) ?? 0) + 1;
      calls.set(method, n);
      if (n > 1) await after(method);
      return (pilotHttp[method] as unknown as Call)(query, options);
    };
  }
  return adapter as StrideAdapter;
}

/** The pilot's data once, then every refresh fails: the stale badge over the last good data. */
export function failingAfterFirst(
  methods: readonly AdapterMethod[],
  passThrough: readonly AdapterMethod[] = [],
): StrideAdapter {
  return afterFirst(
    methods,
    async (method) => {
      throw new StrideError('network', method, `GET ${API}/v1/${method}: network error`);
    },
    passThrough,
  );
}

/** The pilot's data at once, then each poll takes 4 s: the refreshing hint over the data. */
export function slowRefresh(
  methods: readonly AdapterMethod[],
  passThrough: readonly AdapterMethod[] = [],
): StrideAdapter {
  return afterFirst(methods, () => new Promise((resolve) => setTimeout(resolve, 4_000)), passThrough);
}
