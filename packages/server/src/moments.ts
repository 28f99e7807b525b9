/**
 * When a live answer can change. The data of a version is fixed, so a statement's rows depend on asOf only through
 * the comparisons its SQL makes between asOf (or an instant derived from it: the previous window's end, the pilot's
 * last instant) and the times in the data, each plus a duration the statement is given (the claim window, a stage
 * SLA). Between two asOf values with no such time in between, every comparison comes out the same and so do the
 * rows. sql/moments.sql lists those times per owner: a manager (most statements read only their scope's managers'
 * data) or a grid (`grid <id>`: coverage reads its grids' data, whoever acted there).
 */
import { query, type SqlConnection } from './sql.js';

export interface DataMoments {
  /**
   * True when no instant of `owners`' data, plus any of `durations` (0 is always included), lies between `a` and `b`
   * (both ends included): then a statement over those owners' data gives the same rows at `a` as at `b`.
   */
  unchanged(owners: Iterable<string>, a: number, b: number, durations: readonly number[]): boolean;
  /** The data version these are the moments of: rows shared under them belong to it alone. */
  readonly version: number;
  /** Instants held, over all owners. */
  readonly size: number;
}

export async function readMoments(connection: SqlConnection, version: number): Promise<DataMoments> {
  const byOwner = new Map<string, Float64Array>();
  let size = 0;
  for (const row of await query(connection, 'moments.sql')) {
    const list = row['instants'] as { items: readonly unknown[] };
    const instants = Float64Array.from(list.items, Number);
    byOwner.set(String(row['owner']), instants);
    size += instants.length;
  }
  return {
    version,
    size,
    unchanged(owners, a, b, durations) {
      if (a === b) return true;
      const low = Math.min(a, b);
      const high = Math.max(a, b);
      for (const owner of owners) {
        const instants = byOwner.get(owner);
        if (instants === undefined) continue;
        if (!clear(instants, low, high)) return false;
        for (const duration of durations) if (!clear(instants, low - duration, high - duration)) return false;
      }
      return true;
    },
  };
}

/** True when no value of the ascending `instants` lies in [low, high]. */
function clear(instants: Float64Array, low: number, high: number): boolean {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (instants[mid]! < low) lo = mid + 1;
    else hi = mid;
  }
  return lo === instants.length || instants[lo]! > high;
}
