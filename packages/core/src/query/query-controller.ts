/**
 * The one query controller: a Lit ReactiveController over @tanstack/query-core's QueryObserver.
 *
 * Why not @tanstack/lit-query: it is experimental (0.x, API still moving), and it would still leave the parts that
 * make Stride correct to us: keys that include the adapter's identity (two adapters on a page never share a cache
 * entry), validation at the boundary with dropped-item reports that survive structural sharing, the retry policy by
 * error kind, and mounting a shared client exactly while something uses it. Wrapping QueryObserver ourselves is
 * ~200 lines and keeps one dependency (query-core) that we pin and understand.
 *
 * Flow: host properties -> `config()` -> query key -> shared QueryClient -> adapter method (with AbortSignal) ->
 * validateResult -> the host renders `state`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  QueryClient,
  QueryObserver,
  hashKey,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/query-core';
import {
  StrideError,
  isStrideError,
  type AdapterMethod,
  type AdapterQueries,
  type AdapterResults,
  type StrideAdapter,
} from '../contracts.js';
import { validateResult, type DroppedItems, type GridsOptions, type Validated } from '../validation/index.js';

/** gcTime: how long an unobserved result stays cached. Long enough that a dashboard's views reuse it, short enough
 * that a wall screen running for weeks holds only what it shows. */
export const DEFAULT_GC_TIME_MS = 5 * 60_000;
/** A result younger than this is reused by another widget mounting with the same query instead of refetched. */
export const DEFAULT_STALE_TIME_MS = 30_000;
/** Retry schedule: network, timeout and 5xx failures are retried twice, after 1 s and 2 s; auth, invalid and other
 * 4xx failures are never retried (retrying cannot fix them, and an expired session must reach the host at once). */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];

export function isRetryable(error: unknown): boolean {
  if (!isStrideError(error)) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.kind === 'http' && (error.status === undefined || error.status >= 500);
}

export function createStrideQueryClient(options: { gcTime?: number; staleTime?: number } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        gcTime: options.gcTime ?? DEFAULT_GC_TIME_MS,
        staleTime: options.staleTime ?? DEFAULT_STALE_TIME_MS,
        refetchOnWindowFocus: false,
        refetchOnReconnect: true,
        retry: (failureCount, error) => failureCount < RETRY_DELAYS_MS.length && isRetryable(error),
        retryDelay: (attempt) => RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 1_000,
      },
    },
  });
}

let defaultClient: QueryClient | undefined;
/** The page-wide client used when neither the element, a <stride-scope> nor configure() gives one. */
export function getDefaultQueryClient(): QueryClient {
  defaultClient ??= createStrideQueryClient();
  return defaultClient;
}

// A QueryClient's mount() subscribes to window focus/online events; keep it mounted exactly while controllers use it.
const mountCounts = new WeakMap<QueryClient, number>();
function retainClient(client: QueryClient): void {
  const count = mountCounts.get(client) ?? 0;
  if (count === 0) client.mount();
  mountCounts.set(client, count + 1);
}
function releaseClient(client: QueryClient): void {
  const count = (mountCounts.get(client) ?? 1) - 1;
  mountCounts.set(client, count);
  if (count === 0) client.unmount();
}

// Two adapters never share a cache entry, even if they answer the same query: their identity is part of the key.
const adapterIds = new WeakMap<StrideAdapter, number>();
let nextAdapterId = 1;
function adapterId(adapter: StrideAdapter): number {
  let id = adapterIds.get(adapter);
  if (id === undefined) {
    id = nextAdapterId++;
    adapterIds.set(adapter, id);
  }
  return id;
}

export function strideQueryKey<M extends AdapterMethod>(
  adapter: StrideAdapter,
  method: M,
  query: AdapterQueries[M],
): readonly unknown[] {
  return ['stride', adapterId(adapter), method, query];
}

function isPlainRecord(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Deep equality for JSON-shaped data (plain objects, arrays, primitives); anything else is equal only to itself. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainRecord(a) || !isPlainRecord(b)) return false;
  let count = 0;
  for (const key in a) {
    if (!Object.hasOwn(b, key) || !sameData(a[key], b[key])) return false;
    count += 1;
  }
  for (const key in b) if (Object.hasOwn(b, key)) count -= 1;
  return count === 0;
}

/**
 * Structural sharing for validated results: a result equal to the previous one is the previous object, so an
 * unchanged poll changes nothing a widget keys its work on; a changed result comes through as it is. query-core's
 * default also keeps the unchanged parts of a changed result, by building a copy as it compares: on a refreshed
 * 10,000-entry board that copy cost more than ranking the board, and no widget keys anything on part of a result.
 */
function keepUnchangedResult<T>(previous: T | undefined, next: T): T {
  return previous !== undefined && sameData(previous, next) ? previous : next;
}

/** What the kit's queries in one client are doing: what a dashboard shows as its as-of time and refresh state. */
export interface QueryActivity {
  /** When the newest result in use was received (ms since epoch), 0 if none yet. */
  updatedAt: number;
  /** The latest `asOf` among the results in use (an ISO string), '' if none carries one. */
  asOf: string;
  /** How many queries in use have a request in flight. */
  fetching: number;
}

/** Reads the activity of the kit's queries that some widget observes now (the org tree carries no asOf). */
export function readQueryActivity(client: QueryClient): QueryActivity {
  let updatedAt = 0;
  let asOf = '';
  let fetching = 0;
  for (const query of client.getQueryCache().getAll()) {
    if (query.queryKey[0] !== 'stride' || query.getObserversCount() === 0) continue;
    if (query.state.fetchStatus === 'fetching') fetching += 1;
    updatedAt = Math.max(updatedAt, query.state.dataUpdatedAt);
    const dataAsOf = (query.state.data as Validated<{ asOf?: unknown }> | undefined)?.data.asOf;
    if (typeof dataAsOf === 'string' && dataAsOf > asOf) asOf = dataAsOf;
  }
  return { updatedAt, asOf, fetching };
}

/** Calls `onChange` with the activity now and after every change in the client's cache; returns the unsubscribe. */
export function watchQueryActivity(client: QueryClient, onChange: (activity: QueryActivity) => void): () => void {
  const unsubscribe = client.getQueryCache().subscribe(() => onChange(readQueryActivity(client)));
  onChange(readQueryActivity(client));
  return unsubscribe;
}

/** Turns whatever an adapter threw into the kit's one error type. Aborts pass through untouched. */
export function toStrideError(method: AdapterMethod, error: unknown): StrideError {
  if (isStrideError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StrideError('network', method, `${method}: ${message}`, { cause: error });
}

export interface QueryConfig<M extends AdapterMethod> {
  adapter: StrideAdapter | undefined;
  client: QueryClient;
  /** undefined while the host is not ready to ask (e.g. no org yet). */
  query: AdapterQueries[M] | undefined;
  /** Seconds between polls; 0 = off. */
  refreshSeconds: number;
  /** How the result is read where the contract leaves a choice (the grid id property of a GIS export). */
  validation?: GridsOptions | undefined;
}

export interface QueryControllerOptions<M extends AdapterMethod> {
  method: M;
  config: () => QueryConfig<M>;
  /** Called once per new result that had items dropped by validation. */
  onDropped?: (dropped: DroppedItems) => void;
  /** Called once per failure; `stale` is true when the last good data stays on screen. */
  onError?: (error: StrideError, stale: boolean) => void;
}

export type QueryStatus = 'not-configured' | 'not-supported' | 'idle' | 'loading' | 'success' | 'error';

export interface QueryState<T> {
  status: QueryStatus;
  /** The last good data, kept through a failed refresh. */
  data: T | undefined;
  error: StrideError | undefined;
  /** True when `data` is shown although the latest refresh failed. */
  stale: boolean;
  /** A request is in flight (first load or refresh). */
  fetching: boolean;
  /** When `data` was received (ms since epoch), 0 if never. */
  dataUpdatedAt: number;
  dropped: DroppedItems | null;
}

type Result<M extends AdapterMethod> = QueryObserverResult<Validated<AdapterResults[M]>, StrideError>;
type Options<M extends AdapterMethod> = QueryObserverOptions<
  Validated<AdapterResults[M]>,
  StrideError,
  Validated<AdapterResults[M]>,
  Validated<AdapterResults[M]>,
  readonly unknown[]
>;

export class StrideQueryController<M extends AdapterMethod> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: QueryControllerOptions<M>;
  private observer:
    | QueryObserver<
        Validated<AdapterResults[M]>,
        StrideError,
        Validated<AdapterResults[M]>,
        Validated<AdapterResults[M]>,
        readonly unknown[]
      >
    | undefined;
  private client: QueryClient | undefined;
  private unsubscribe: (() => void) | undefined;
  private optionsHash = '';
  private result: Result<M> | undefined;
  private gate: 'not-configured' | 'not-supported' | 'idle' | 'open' = 'idle';
  private connected = false;
  private reportedDataAt = 0;
  private reportedErrorAt = 0;

  constructor(host: ReactiveControllerHost, options: QueryControllerOptions<M>) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    // A reconnected host (moved in the DOM) resubscribes on its next update.
    this.optionsHash = '';
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }

  hostUpdate(): void {
    if (this.connected) this.sync();
  }

  /** Ask again now (the retry button). */
  refetch(): void {
    void this.observer?.refetch();
  }

  get state(): QueryState<AdapterResults[M]> {
    if (this.gate !== 'open') {
      return {
        status: this.gate,
        data: undefined,
        error: undefined,
        stale: false,
        fetching: false,
        dataUpdatedAt: 0,
        dropped: null,
      };
    }
    const result = this.result;
    const validated = result?.data;
    const error = result?.error ?? undefined;
    const hasData = validated !== undefined;
    let status: QueryStatus = 'loading';
    if (hasData) status = 'success';
    else if (result?.status === 'error') status = 'error';
    return {
      status,
      data: validated?.data,
      error,
      stale: hasData && result?.status === 'error',
      fetching: result?.isFetching ?? true,
      dataUpdatedAt: result?.dataUpdatedAt ?? 0,
      dropped: validated?.dropped ?? null,
    };
  }

  private sync(): void {
    const config = this.options.config();
    const { method } = this.options;
    if (!config.adapter) return this.close('not-configured');
    if (typeof config.adapter[method] !== 'function') return this.close('not-supported');
    if (!config.query) return this.close('idle');

    const adapter = config.adapter;
    const query = config.query;
    const validation = config.validation;
    // Read another way, the same answer is another result: the reading is part of the key.
    const queryKey = validation?.idProperty
      ? ([...strideQueryKey(adapter, method, query), validation] as const)
      : strideQueryKey(adapter, method, query);
    const refetchInterval = config.refreshSeconds > 0 ? config.refreshSeconds * 1000 : false;
    const queryHash = hashKey(queryKey);
    const hash = `${queryHash}|${String(refetchInterval)}`;
    if (this.observer && this.client === config.client && hash === this.optionsHash) return;

    const observerOptions: Options<M> = {
      queryKey,
      // the key's hash, made once here: query-core would hash the key again each time it defaults the options
      queryHash,
      queryFn: async ({ signal }) => {
        const call = adapter[method] as (q: AdapterQueries[M], o: { signal: AbortSignal }) => Promise<unknown>;
        let raw: unknown;
        try {
          raw = await call.call(adapter, query, { signal });
        } catch (error) {
          if (signal.aborted) throw error;
          throw toStrideError(method, error);
        }
        return validateResult(method, raw, validation);
      },
      refetchInterval,
      refetchIntervalInBackground: true,
      structuralSharing: keepUnchangedResult,
    };
    this.optionsHash = hash;
    this.gate = 'open';
    // setOptions (and the constructor, which calls it) leaves the observer's result current for the new options:
    // read it rather than have query-core default the options and build the result a second time
    if (this.observer && this.client === config.client) {
      this.observer.setOptions(observerOptions);
      this.result = this.observer.getCurrentResult();
      return;
    }
    this.detach();
    this.client = config.client;
    retainClient(config.client);
    this.observer = new QueryObserver(config.client, observerOptions);
    this.result = this.observer.getCurrentResult();
    this.unsubscribe = this.observer.subscribe((result) => this.onResult(result));
  }

  private onResult(result: Result<M>): void {
    this.result = result;
    if (result.data && result.dataUpdatedAt !== this.reportedDataAt) {
      this.reportedDataAt = result.dataUpdatedAt;
      if (result.data.dropped) this.options.onDropped?.(result.data.dropped);
    }
    if (result.status === 'error' && result.error && result.errorUpdatedAt !== this.reportedErrorAt) {
      this.reportedErrorAt = result.errorUpdatedAt;
      this.options.onError?.(result.error, result.data !== undefined);
    }
    this.host.requestUpdate();
  }

  private close(gate: 'not-configured' | 'not-supported' | 'idle'): void {
    this.detach();
    this.gate = gate;
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.observer?.destroy();
    this.observer = undefined;
    if (this.client) releaseClient(this.client);
    this.client = undefined;
    this.result = undefined;
    this.optionsHash = '';
  }
}
