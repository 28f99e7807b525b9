/// <reference lib="webworker" />
/**
 * The event-log adapter's worker: holds the metrics engine, so a million-event pilot never blocks the portal's main
 * thread and pages without this adapter never download the engine. Shipped as its own file (never a blob: URL, which strict CSP pages refuse).
 */
import { createMetricsEngine, type MetricsEngine } from '../engine/index.js';
import {
  callEngine,
  describeFailure,
  readEventLogSource,
  type FromEventLogWorker,
  type ToEventLogWorker,
} from './event-log-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

let engine: MetricsEngine | null = null;
let initFailure: unknown = null;
// asOf = min(now, end of date) must use the page's clock, so each request brings its own `now`.
let now = Date.now();

self.addEventListener('message', (event: MessageEvent<ToEventLogWorker>) => {
  const message = event.data;
  if (message.kind === 'init') {
    let read: FromEventLogWorker;
    try {
      const { input, report } = readEventLogSource(message.source);
      engine = createMetricsEngine({ ...input, now: () => new Date(now) });
      read = { kind: 'read', ok: true, report };
    } catch (error) {
      initFailure = error;
      read = { kind: 'read', ok: false, error: describeFailure(error) };
    }
    self.postMessage(read);
    return;
  }
  let reply: FromEventLogWorker;
  try {
    if (engine === null) throw initFailure ?? new Error('event-log worker: request before init');
    now = message.now;
    reply = { kind: 'reply', id: message.id, ok: true, result: callEngine(engine, message.method, message.query) };
  } catch (error) {
    reply = { kind: 'reply', id: message.id, ok: false, error: describeFailure(error) };
  }
  self.postMessage(reply);
});
