/** Messages between the event-log adapter and its worker (event-log.worker.ts). Structured-clone friendly only. */
import { isStrideError, type AdapterMethod, type AdapterQueries, type StrideErrorKind } from '../contracts.js';
import type { MetricsEngine } from '../engine/index.js';
import type { EventLogInput } from '../engine/types.js';

/** The engine input without the clock, which cannot cross a worker boundary: each request carries its `now`. */
export type WorkerEngineInput = Omit<EventLogInput, 'now'>;

export type ToEventLogWorker =
  | { kind: 'init'; input: WorkerEngineInput }
  | { kind: 'request'; id: number; method: AdapterMethod; query: unknown; now: number };

export interface WorkerFailure {
  name: string;
  message: string;
  /** Set when the engine threw a StrideError, so the adapter can rebuild it with its kind and status. */
  strideKind?: StrideErrorKind;
  status?: number;
}

export type FromEventLogWorker =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WorkerFailure };

/** One adapter call on the engine, as the worker answers it (tests call it on the page to compare). */
export function callEngine(engine: MetricsEngine, method: AdapterMethod, query: unknown): unknown {
  switch (method) {
    case 'indicators':
      return engine.indicators(query as AdapterQueries['indicators']);
    case 'leaderboard':
      return engine.leaderboard(query as AdapterQueries['leaderboard']);
    case 'funnel':
      return engine.funnel(query as AdapterQueries['funnel']);
    case 'coverage':
      return engine.coverage(query as AdapterQueries['coverage']);
    case 'grids':
      return engine.grids(query as AdapterQueries['grids']);
    case 'orgTree':
      return engine.orgTree();
  }
}

export function describeFailure(error: unknown): WorkerFailure {
  if (isStrideError(error)) {
    return {
      name: error.name,
      message: error.message,
      strideKind: error.kind,
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
  }
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
