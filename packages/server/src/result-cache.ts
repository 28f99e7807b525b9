/**
 * Answers already computed, kept as the JSON bodies sent. A result is a function of the data version, the query
 * and its asOf alone (the SQL reads nothing else), so those three are its key: an answer is never stale, a
 * refresh (a new data version) simply stops matching the old keys, and nothing is ever invalidated by hand.
 *
 * What it saves on the bank-wide set: the grids' GeoJSON (5,000 polygons, about 11 MB of JSON, serialised again on
 * every map load) and the org tree once per version, any view of a past day (the morning
 * huddle's "yesterday", the pilot review), and identical requests arriving together (they share one
 * computation). A live view's asOf is now, which moves with the clock: its answer is shared while in flight and then
 * let go, since no later request can ask for it; kept, a morning's live answers would only push out the ones that
 * are asked again.
 */
import { promisify } from 'node:util';
import { constants, gzip as zlibGzip, type InputType, type ZlibOptions } from 'node:zlib';
import type { AdapterMethod } from '../../core/src/contracts.js';
import { scopeAsOf } from './metrics.js';
import type { Warehouse } from './warehouse.js';

/** Results that depend on the data and the query only, never on the session (leads are masked by role and audited). */
const CACHEABLE: ReadonlySet<AdapterMethod> = new Set<AdapterMethod>([
  'indicators',
  'leaderboard',
  'funnel',
  'coverage',
  'grids',
  'orgTree',
]);

/** What identifies a request's answer, and whether the answer is kept once computed. */
export interface AnswerKey {
  readonly text: string;
  /** False for a live view (asOf is now): shared with requests arriving while it is computed, then let go. */
  readonly keep: boolean;
}

export interface ResultCache {
  /** The key of a request's answer, or undefined when it must be computed every time. */
  key(operation: AdapterMethod, query: unknown): AnswerKey | undefined;
  /** The body for `key`: kept, being computed for another request (shared), or computed now by `compute`. */
  body(key: AnswerKey | undefined, compute: () => Promise<unknown>): Promise<string>;
  /**
   * The gzip bytes of the body kept for `key`, compressed once (off the main thread) and kept beside it for every
   * later client that accepts gzip; undefined when no body is kept for `key` (the caller compresses its own).
   */
  gzipped(key: AnswerKey | undefined): Promise<Buffer> | undefined;
  readonly stats: ResultCacheStats;
}

/** Counts since the cache was made; `bytes` and `entries` describe what is kept now. */
export interface ResultCacheStats {
  /** Answered from a kept body. */
  hits: number;
  /** Answered by waiting on the same computation for another request. */
  shared: number;
  /** Computed (requests with no key, such as leads, are not counted). */
  misses: number;
  /** Kept keys and bodies (UTF-16 size) and their gzip bytes once compressed, at most maxBytes. */
  bytes: number;
  entries: number;
}

export interface ResultCacheOptions {
  /**
   * Bound on the keys and bodies kept (UTF-16 size); the least recently used go first. Default 64 MB. Keys count
   * because a burst of distinct small answers (one manager's funnel each) is mostly key.
   */
  maxBytes?: number;
}

export function createResultCache(warehouse: Warehouse, options: ResultCacheOptions = {}): ResultCache {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const kept = new Map<string, Kept>();
  const running = new Map<string, Promise<string>>();
  const stats: ResultCacheStats = { hits: 0, shared: 0, misses: 0, bytes: 0, entries: 0 };
  const size = (key: string, entry: Kept): number => (key.length + entry.body.length) * 2 + entry.gzipBytes;

  function evictOverflow(): void {
    for (const [oldest, old] of kept) {
      if (stats.bytes <= maxBytes) break;
      kept.delete(oldest);
      stats.bytes -= size(oldest, old);
    }
    stats.entries = kept.size;
  }

  function keep(key: string, body: string): void {
    const entry: Kept = { body, gzipBytes: 0 };
    // one huge answer must not push out everything else
    if (size(key, entry) > maxBytes / 2 || kept.has(key)) return;
    kept.set(key, entry);
    stats.bytes += size(key, entry);
    evictOverflow();
  }

  return {
    stats,
    key(operation, query) {
      if (!CACHEABLE.has(operation)) return undefined;
      const scope = (query as { scope?: Parameters<typeof scopeAsOf>[1] } | undefined)?.scope;
      const now = warehouse.now().getTime();
      const asOf = scope ? scopeAsOf(warehouse, scope, now) : undefined;
      return {
        text: `${warehouse.version ?? 0}|${operation}|${JSON.stringify(query ?? null)}|${asOf ?? ''}`,
        keep: asOf === undefined || asOf < now,
      };
    },
    async body(answer, compute) {
      const own = async (): Promise<string> => JSON.stringify(await compute());
      if (answer === undefined) return own();
      const key = answer.text;
      const entry = kept.get(key);
      if (entry !== undefined) {
        stats.hits++;
        // most recently used last
        kept.delete(key);
        kept.set(key, entry);
        return entry.body;
      }
      const inFlight = running.get(key);
      if (inFlight) {
        stats.shared++;
        // the other request may be cancelled (its client left): then this one computes for itself
        return inFlight.catch(own);
      }
      stats.misses++;
      const computing = own();
      running.set(key, computing);
      try {
        const computed = await computing;
        if (answer.keep) keep(key, computed);
        return computed;
      } finally {
        running.delete(key);
      }
    },
    gzipped(answer) {
      const key = answer?.text;
      const entry = key === undefined ? undefined : kept.get(key);
      if (key === undefined || entry === undefined) return undefined;
      entry.gzip ??= gzip(entry.body, 'once').then((bytes) => {
        if (kept.get(key) === entry) {
          entry.gzipBytes = bytes.byteLength;
          stats.bytes += entry.gzipBytes;
          evictOverflow();
        }
        return bytes;
      });
      return entry.gzip;
    },
  };
}

/** A kept answer: its JSON body and, once a client accepting gzip has asked for it, its gzip bytes. */
interface Kept {
  body: string;
  gzip?: Promise<Buffer>;
  gzipBytes: number;
}

const gzipAsync = promisify<InputType, ZlibOptions, Buffer>(zlibGzip);

/**
 * Gzip on libuv's thread pool, so compressing an 11 MB body does not hold up other requests. A kept answer is
 * compressed once (`'once'`: zlib's default level, 10.8 MB of bank grids to 2.4 MB in about 220 ms); an answer
 * compressed for one request takes the fastest level (2.9 MB in about 70 ms), as a proxy's on-the-fly gzip does.
 */
export function gzip(body: string, use: 'once' | 'per request'): Promise<Buffer> {
  return gzipAsync(body, { level: use === 'once' ? constants.Z_DEFAULT_COMPRESSION : constants.Z_BEST_SPEED });
}
