import type { AdapterMethod, AdapterQueries, AdapterResults, StrideAdapter } from '../contracts.js';
import { throwIfAborted } from './abort.js';

/** A fixed result, or a function of the query returning one (sync or async). */
export type StaticSource<M extends AdapterMethod> =
  AdapterResults[M] | ((query: AdapterQueries[M]) => AdapterResults[M] | Promise<AdapterResults[M]>);

export type StaticAdapterOptions = { [M in AdapterMethod]?: StaticSource<M> };

/**
 * An adapter over data the page already has (Storybook, tests, a host that fetched everything itself).
 * Methods not given are absent, so a widget that needs one shows "not configured" instead of failing.
 */
export function createStaticAdapter(options: StaticAdapterOptions): StrideAdapter {
  const adapter: Record<string, unknown> = {};
  for (const method of Object.keys(options) as AdapterMethod[]) {
    const source = options[method];
    if (source === undefined) continue;
    adapter[method] = async (query: unknown, { signal }: { signal: AbortSignal }): Promise<unknown> => {
      throwIfAborted(signal);
      const result: unknown = typeof source === 'function' ? await (source as (q: unknown) => unknown)(query) : source;
      // A function may be slow; a caller that gave up must not get a late answer.
      throwIfAborted(signal);
      return result;
    };
  }
  return adapter as StrideAdapter;
}
