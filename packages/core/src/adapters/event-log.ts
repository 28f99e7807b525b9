import { StrideError, type AdapterMethod, type AdapterQueries, type StrideAdapter } from '../contracts.js';
import { abortReason, throwIfAborted } from './abort.js';
import { defaultWorkerUrl } from './worker-url.js';
import { isPackedGrids, unpackGrids } from './packed-grids.js';
import type {
  EventLogProgress,
  EventLogReport,
  EventLogSource,
  FromEventLogWorker,
  ToEventLogWorker,
  WorkerFailure,
} from './event-log-protocol.js';

export type { EventLogProgress, EventLogReport } from './event-log-protocol.js';
export type { CsvInput } from './csv-input.js';

export interface EventLogAdapterOptions extends EventLogSource {
  /** Clock for asOf; default the page's. */
  now?: () => Date;
  /** Where the worker file is served; default `event-log.worker.js` next to this module (next to the bundle). */
  workerUrl?: string | URL;
  /** Loading progress, from the worker: bytes read (of `totalBytes` when every file's size is known), events read. */
  onProgress?: (progress: EventLogProgress) => void;
  /** Cancels loading (and the adapter): the worker stops, `report` rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface EventLogAdapter extends StrideAdapter {
  /**
   * Settles once the worker has read the inputs: the number of events and every malformed CSV row by file and line
   * (`events.csv line 17: type: unknown event type "visit"`). Rejects with StrideError('invalid') naming the file when
   * one cannot be read at all (no header row, missing columns); every request then fails with the same message.
   */
  readonly report: Promise<EventLogReport>;
  /** Terminates the worker and rejects requests still waiting for it. */
  dispose(): void;
}

function toStrideError(method: string, failure: WorkerFailure): StrideError {
  if (failure.strideKind) {
    return new StrideError(failure.strideKind, method, failure.message, {
      ...(failure.status !== undefined ? { status: failure.status } : {}),
    });
  }
  return new StrideError('invalid', method, `${method}: the event log could not be computed: ${failure.message}`);
}

/**
 * The embedded default for a pilot with no back end: computes every widget's result in the browser from an event log
 * (objects or CSV text), in a module Web Worker loaded from its own file and started at once. The CSV reading and the
 * metrics engine live only in that file, so a page that never uses this adapter never downloads them, and a
 * million-event log never blocks the page. `report` tells what reading the inputs found.
 */
export function createEventLogAdapter(options: EventLogAdapterOptions): EventLogAdapter {
  const { now, workerUrl, onProgress, signal, ...source } = options;
  const clock = now ?? (() => new Date());
  let disposed = false;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<
    number,
    {
      method: AdapterMethod;
      signal: AbortSignal;
      resolve: (value: unknown) => void;
      reject: (error: unknown) => void;
    }
  >();
  let settleReport: { resolve: (report: EventLogReport) => void; reject: (error: unknown) => void } | null = null;
  const report = new Promise<EventLogReport>((resolve, reject) => {
    settleReport = { resolve, reject };
  });
  // A page that never reads the report must not see an unhandled rejection; requests carry the same failure.
  report.catch(() => undefined);
  const rejectAll = (error: (method: AdapterMethod) => unknown): void => {
    for (const [id, request] of pending) {
      pending.delete(id);
      request.reject(error(request.method));
    }
  };
  const startWorker = (): Worker => {
    const started = new Worker(workerUrl ?? defaultWorkerUrl(), { type: 'module' });
    started.addEventListener('message', (event: MessageEvent<FromEventLogWorker>) => {
      const message = event.data;
      if (message.kind === 'progress') {
        onProgress?.(message.progress);
        return;
      }
      if (message.kind === 'read') {
        if (message.ok) settleReport?.resolve(message.report);
        else settleReport?.reject(toStrideError('eventLog', message.error));
        return;
      }
      const request = pending.get(message.id);
      // A reply to an aborted request finds nothing here and is dropped.
      if (!request) return;
      pending.delete(message.id);
      if (!message.ok) request.reject(toStrideError(request.method, message.error));
      // Grids arrive as transferred buffers and are rebuilt in slices, between which the page keeps responding.
      else if (isPackedGrids(message.result))
        unpackGrids(message.result, request.signal).then(request.resolve, request.reject);
      else request.resolve(message.result);
    });
    started.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      const detail = event.message || 'the worker script could not be loaded';
      settleReport?.reject(new StrideError('network', 'eventLog', `eventLog: event-log worker failed: ${detail}`));
      rejectAll((method) => new StrideError('network', method, `${method}: event-log worker failed: ${detail}`));
      started.terminate();
      if (worker === started) worker = null;
    });
    const init: ToEventLogWorker = { kind: 'init', source };
    // A byte stream cannot be copied to the worker, only handed over; every other input is copied.
    const streams = [source.events, source.orgTree, source.targets, source.calendar, source.customers].filter(
      (value): value is ReadableStream<Uint8Array> =>
        typeof ReadableStream !== 'undefined' && value instanceof ReadableStream,
    );
    started.postMessage(init, streams);
    return started;
  };
  const stop = (reason: unknown, message: string): void => {
    disposed = true;
    worker?.terminate();
    worker = null;
    settleReport?.reject(reason);
    rejectAll((name) => new StrideError('network', name, `${name}: ${message}`));
  };
  if (signal?.aborted) {
    stop(signal.reason, 'loading the event log was cancelled');
    return { report, dispose: () => undefined } as EventLogAdapter;
  }
  signal?.addEventListener('abort', () => stop(signal.reason, 'loading the event log was cancelled'), { once: true });
  worker = startWorker();
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
        signal,
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

  const method =
    <M extends AdapterMethod>(name: M) =>
    (query: AdapterQueries[M], { signal }: { signal: AbortSignal }) =>
      call(name, query, signal);

  const adapter = {
    report,
    indicators: method('indicators'),
    leaderboard: method('leaderboard'),
    funnel: method('funnel'),
    coverage: method('coverage'),
    orgTree: method('orgTree'),
    alerts: method('alerts'),
    leads: method('leads'),
    ...(source.grids ? { grids: method('grids') } : {}),
    dispose(): void {
      stop(
        new StrideError('network', 'eventLog', 'eventLog: the event-log adapter has been disposed'),
        'the event-log adapter has been disposed',
      );
    },
  };
  return adapter as EventLogAdapter;
}
