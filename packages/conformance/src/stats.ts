/** Latency statistics and the two limits that keep a conformance run polite to a shared back end. */

/**
 * The nearest-rank percentile (the smallest sample with at least `p` percent of samples at or below it), so a
 * reported p95 is always a latency some request really had. Null for no samples.
 */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * Runs tasks with at most `limit` in flight. A bank's reporting database is shared with its own staff, so the run
 * never fans out wider than this, whatever the size of the plan.
 */
export async function runBounded<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      results[index] = await tasks[index]!();
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}

/** A fixed number of requests to spend; once spent, further requests are skipped rather than sent. */
export class RequestBudget {
  #left: number;
  #skipped = 0;
  #made = 0;
  constructor(readonly max: number) {
    this.#left = max;
  }
  take(): boolean {
    if (this.#left <= 0) {
      this.#skipped += 1;
      return false;
    }
    this.#left -= 1;
    this.#made += 1;
    return true;
  }
  get made(): number {
    return this.#made;
  }
  get skipped(): number {
    return this.#skipped;
  }
}
