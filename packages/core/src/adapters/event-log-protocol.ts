/** Messages between the event-log adapter and its worker (event-log.worker.ts). Structured-clone friendly only. */
import {
  isStrideError,
  type AdapterMethod,
  type AdapterQueries,
  type Grids,
  type LeadEvent,
  type OrgTree,
  type StrideErrorKind,
  type Target,
  type WorkCalendar,
} from '../contracts.js';
import type { MetricsEngine } from '../engine/index.js';
import type { EventLogInput } from '../engine/types.js';
import { parseCalendarCsv, parseEventsCsv, parseRosterCsv, parseTargetsCsv, type CsvRowProblem } from './csv.js';

/**
 * What the page hands the worker: the engine input where any of events, org tree, targets and calendar may still be
 * CSV text, and without the clock, which cannot cross a worker boundary (each request carries its `now`).
 */
export interface EventLogSource extends Omit<
  EventLogInput,
  'now' | 'events' | 'orgTree' | 'targets' | 'calendar' | 'grids'
> {
  events: readonly LeadEvent[] | string;
  orgTree: OrgTree | string;
  grids?: Grids;
  targets?: readonly Target[] | string;
  calendar?: WorkCalendar | string;
}

/**
 * What reading the CSV inputs found: `rows` is the number of events the adapter computes from, `dropped` every
 * malformed row of any CSV input, by file and line (`events.csv line 17: type: unknown event type "visit"`).
 */
export interface EventLogReport {
  rows: number;
  dropped: CsvRowProblem[];
}

/**
 * Reads the CSV parts of a source (in the worker, so a million-line file never blocks the page). A file that cannot
 * be read at all (no header, missing columns) throws StrideError('invalid') naming it; bad rows are dropped and listed.
 */
export function readEventLogSource(source: EventLogSource): {
  input: Omit<EventLogInput, 'now'>;
  report: EventLogReport;
} {
  const dropped: CsvRowProblem[] = [];
  const fromCsv = <T>(parsed: { rows: T[]; dropped: CsvRowProblem[] }): T[] => {
    dropped.push(...parsed.dropped);
    return parsed.rows;
  };
  const { events, orgTree, targets, calendar, ...rest } = source;
  const input: Omit<EventLogInput, 'now'> = {
    ...rest,
    events: typeof events === 'string' ? fromCsv(parseEventsCsv(events)) : events,
    orgTree: typeof orgTree === 'string' ? fromCsv(parseRosterCsv(orgTree)) : orgTree,
  };
  if (targets !== undefined) input.targets = typeof targets === 'string' ? fromCsv(parseTargetsCsv(targets)) : targets;
  if (typeof calendar === 'string') {
    const parsed = parseCalendarCsv(calendar);
    dropped.push(...parsed.dropped);
    input.calendar = parsed.calendar;
  } else if (calendar !== undefined) {
    input.calendar = calendar;
  }
  return { input, report: { rows: input.events.length, dropped } };
}

export type ToEventLogWorker =
  | { kind: 'init'; source: EventLogSource }
  | { kind: 'request'; id: number; method: AdapterMethod; query: unknown; now: number };

export interface WorkerFailure {
  name: string;
  message: string;
  /** Set when the engine threw a StrideError, so the adapter can rebuild it with its kind and status. */
  strideKind?: StrideErrorKind;
  status?: number;
}

export type FromEventLogWorker =
  | { kind: 'read'; ok: true; report: EventLogReport }
  | { kind: 'read'; ok: false; error: WorkerFailure }
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WorkerFailure };

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
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
