import {
  StrideError,
  type AdapterMethod,
  type AdapterQueries,
  type Grids,
  type LeadEvent,
  type OrgTree,
  type PilotConfig,
  type StrideAdapter,
  type Target,
  type WorkCalendar,
} from '../contracts.js';
import type { EventLogInput } from '../engine/types.js';
import { abortReason, throwIfAborted } from './abort.js';
import { parseCalendarCsv, parseEventsCsv, parseRosterCsv, parseTargetsCsv, type CsvRowProblem } from './csv.js';
import { defaultWorkerUrl } from './worker-url.js';
import type { FromEventLogWorker, ToEventLogWorker, WorkerFailure } from './event-log-protocol.js';

export interface EventLogAdapterOptions {
  /** The lead event log, as objects or as `events.csv` text (`at,type,leadId,managerId,customerId,gridId,amount`). */
  events: readonly LeadEvent[] | string;
  /** The org tree, or roster CSV text (`id,name,parentId,level`). */
  orgTree: OrgTree | string;
  /** Grid polygons; without them the adapter has no `grids` method (the map shows "not configured"). */
  grids?: Grids;
  /** Targets, or CSV text (`org,indicator,period,start,target`). */
  targets?: readonly Target[] | string;
  /** Working-day calendar, or CSV text (`date,kind`, kind `holiday|workday`). */
  calendar?: WorkCalendar | string;
  pilot?: PilotConfig;
  /** IANA time zone of the bank. Default `Asia/Shanghai`. */
  timeZone?: string;
  catalogue?: EventLogInput['catalogue'];
  sla?: EventLogInput['sla'];
  points?: EventLogInput['points'];
  locale?: EventLogInput['locale'];
  /** Clock for asOf; default the page's. */
  now?: () => Date;
  /** Where the worker file is served; default `event-log.worker.js` next to this module (next to the bundle). */
  workerUrl?: string | URL;
}

/**
 * What reading the CSV inputs found: `rows` is the number of events the adapter computes from, `dropped` every
 * malformed row of any CSV input, by file and line (`events.csv line 17: type: unknown event type "visit"`).
 */
export interface EventLogReport {
  rows: number;
  dropped: CsvRowProblem[];
}

export interface EventLogAdapter extends StrideAdapter {
  readonly report: EventLogReport;
  /** Terminates the worker and rejects requests still waiting for it. */
  dispose(): void;
}

function toStrideError(method: AdapterMethod, failure: WorkerFailure): StrideError {
  if (failure.strideKind) {
    return new StrideError(failure.strideKind, method, failure.message, {
      ...(failure.status !== undefined ? { status: failure.status } : {}),
    });
  }
  return new StrideError('invalid', method, `${method}: the event log could not be computed: ${failure.message}`);
}

/** Reads CSV inputs once, up front, so `report` is known before the first widget asks. */
function readInput(options: EventLogAdapterOptions): { input: EventLogInput; report: EventLogReport } {
  const dropped: CsvRowProblem[] = [];
  const fromCsv = <T>(parsed: { rows: T[]; dropped: CsvRowProblem[] }): T[] => {
    dropped.push(...parsed.dropped);
    return parsed.rows;
  };
  const events = typeof options.events === 'string' ? fromCsv(parseEventsCsv(options.events)) : options.events;
  const orgTree = typeof options.orgTree === 'string' ? fromCsv(parseRosterCsv(options.orgTree)) : options.orgTree;
  const targets = typeof options.targets === 'string' ? fromCsv(parseTargetsCsv(options.targets)) : options.targets;
  let calendar = options.calendar;
  if (typeof calendar === 'string') {
    const parsed = parseCalendarCsv(calendar);
    dropped.push(...parsed.dropped);
    calendar = parsed.calendar;
  }
  const input: EventLogInput = { events, orgTree };
  if (options.grids) input.grids = options.grids;
  if (targets) input.targets = targets;
  if (calendar) input.calendar = calendar;
  if (options.pilot) input.pilot = options.pilot;
  if (options.timeZone) input.timeZone = options.timeZone;
  if (options.catalogue) input.catalogue = options.catalogue;
  if (options.sla) input.sla = options.sla;
  if (options.points) input.points = options.points;
  if (options.locale) input.locale = options.locale;
  return { input, report: { rows: events.length, dropped } };
}

/**
 * The embedded default for a pilot with no back end: computes every widget's result in the browser from an event log,
 * in a module Web Worker loaded from its own file (started on the first request). The metrics engine lives only in
 * that file, so a page that never uses this adapter never downloads it, and a large log never blocks the page.
 * CSV inputs are parsed when the adapter is created; see `report` for malformed rows.
 */
export function createEventLogAdapter(options: EventLogAdapterOptions): EventLogAdapter {
  const { input, report } = readInput(options);
  const clock = options.now ?? (() => new Date());
  let disposed = false;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { method: AdapterMethod; resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const rejectAll = (error: (method: AdapterMethod) => unknown): void => {
    for (const [id, request] of pending) {
      pending.delete(id);
      request.reject(error(request.method));
    }
  };
  const startWorker = (): Worker => {
    const started = new Worker(options.workerUrl ?? defaultWorkerUrl(), { type: 'module' });
    started.addEventListener('message', (event: MessageEvent<FromEventLogWorker>) => {
      const reply = event.data;
      const request = pending.get(reply.id);
      // A reply to an aborted request finds nothing here and is dropped.
      if (!request) return;
      pending.delete(reply.id);
      if (reply.ok) request.resolve(reply.result);
      else request.reject(toStrideError(request.method, reply.error));
    });
    started.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      const detail = event.message || 'the worker script could not be loaded';
      rejectAll((method) => new StrideError('network', method, `${method}: event-log worker failed: ${detail}`));
      started.terminate();
      if (worker === started) worker = null;
    });
    const init: ToEventLogWorker = { kind: 'init', input };
    started.postMessage(init);
    return started;
  };
  const inWorker = (method: AdapterMethod, query: unknown, signal: AbortSignal): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker ??= startWorker();
      const id = nextId;
      nextId += 1;
      const onAbort = (): void => {
        pending.delete(id);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = (finish: () => void): void => {
        signal.removeEventListener('abort', onAbort);
        finish();
      };
      pending.set(id, {
        method,
        resolve: (value) => settle(() => resolve(value)),
        reject: (error) => settle(() => reject(error)),
      });
      const request: ToEventLogWorker = { kind: 'request', id, method, query, now: clock().getTime() };
      worker.postMessage(request);
    });

  const call = async (method: AdapterMethod, query: unknown, signal: AbortSignal): Promise<unknown> => {
    throwIfAborted(signal);
    if (disposed) throw new StrideError('network', method, `${method}: the event-log adapter has been disposed`);
    return inWorker(method, query, signal);
  };

  const method = <M extends AdapterMethod>(name: M) =>
    (query: AdapterQueries[M], { signal }: { signal: AbortSignal }) => call(name, query, signal);

  const adapter = {
    report,
    indicators: method('indicators'),
    leaderboard: method('leaderboard'),
    funnel: method('funnel'),
    coverage: method('coverage'),
    orgTree: method('orgTree'),
    ...(input.grids ? { grids: method('grids') } : {}),
    dispose(): void {
      disposed = true;
      worker?.terminate();
      worker = null;
      rejectAll((name) => new StrideError('network', name, `${name}: the event-log adapter has been disposed`));
    },
  };
  return adapter as EventLogAdapter;
}
