/// <reference lib="webworker" />
/**
 * The event-log adapter's worker: holds the metrics engine, so a million-event pilot never blocks the portal's main
 * thread and pages without this adapter never download the engine. Shipped as its own file (never a blob: URL, which
 * strict CSP pages refuse). Files are read here too, in chunks, with progress sent to the page.
 */
import type { AdapterMethod, Grids } from '../contracts.js';
import { createMetricsEngine, type MetricsEngine } from '../engine/index.js';
import {
  callEngine,
  describeFailure,
  readEventLogSource,
  type EventLogProgress,
  type EventLogSource,
  type FromEventLogWorker,
  type ToEventLogWorker,
} from './event-log-protocol.js';
import { packGrids } from './packed-grids.js';

declare const self: DedicatedWorkerGlobalScope;

let engine: MetricsEngine | null = null;
let initFailure: unknown = null;
// asOf = min(now, end of date) must use the page's clock, so each request brings its own `now`.
let now = Date.now();

/** Reads the source (files in chunks, with progress), then builds the engine; requests wait for it. */
async function init(source: EventLogSource): Promise<void> {
  let read: FromEventLogWorker;
  try {
    const progress = (p: EventLogProgress) =>
      self.postMessage({ kind: 'progress', progress: p } satisfies FromEventLogWorker);
    const { input, report } = await readEventLogSource(source, progress);
    engine = createMetricsEngine({ ...input, now: () => new Date(now) });
    progress({ phase: 'ready', bytes: 0, events: report.rows });
    read = { kind: 'read', ok: true, report };
  } catch (error) {
    initFailure = error;
    read = { kind: 'read', ok: false, error: describeFailure(error) };
  }
  reading = false;
  self.postMessage(read);
  for (const waiting of mapFirst(queued.splice(0))) answer(waiting);
}

/**
 * The map's requests (grids, then coverage) ahead of the others, each group in arrival order. Drawing thousands of
 * grid polygons is the page's longest step once the answers arrive; answered first, the page draws the map while this
 * worker computes the other widgets' answers, instead of after them.
 */
function mapFirst<T extends { method: AdapterMethod }>(requests: T[]): T[] {
  const rank = (method: AdapterMethod): number => MAP_ORDER[method] ?? MAP_ORDER.coverage + 1;
  return requests.sort((a, b) => rank(a.method) - rank(b.method));
}
const MAP_ORDER: Partial<Record<AdapterMethod, number>> & { coverage: number } = { grids: 0, coverage: 1 };

/** Requests that arrived while the source was still being read. */
const queued: (ToEventLogWorker & { kind: 'request' })[] = [];
let reading = true;

function answer(message: ToEventLogWorker & { kind: 'request' }): void {
  let reply: FromEventLogWorker;
  let transfer: Transferable[] = [];
  try {
    if (engine === null) throw initFailure ?? new Error('event-log worker: request before init');
    now = message.now;
    const result = callEngine(engine, message.method, message.query);
    if (message.method === 'grids') {
      // Grids go as transferred buffers (see packed-grids.ts): a GIS export's GeoJSON, cloned, held the page for
      // seconds while it was taken apart.
      const packed = packGrids(result as Grids);
      transfer = packed.transfer;
      reply = { kind: 'reply', id: message.id, ok: true, result: packed.packed };
    } else {
      reply = { kind: 'reply', id: message.id, ok: true, result };
    }
  } catch (error) {
    reply = { kind: 'reply', id: message.id, ok: false, error: describeFailure(error) };
  }
  self.postMessage(reply, transfer);
}

self.addEventListener('message', (event: MessageEvent<ToEventLogWorker>) => {
  const message = event.data;
  if (message.kind === 'init') {
    void init(message.source);
    return;
  }
  if (reading) queued.push(message);
  else answer(message);
});
