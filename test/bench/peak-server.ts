/**
 * The server process of the morning-peak bench (server.bench.ts --morning-peak): the bank-wide data of
 * `npm start -- --bank-wide` (10,000 managers, 5,000 grids, 1,000,000 events, the synthetic pilot's catalogue) on
 * DuckDB behind the real HTTP server, in a process of its own so the load generator's CPU and memory are not
 * counted as the server's (and `--cpu-prof` profiles the server alone).
 *
 * Talks to the bench over the IPC channel: sends `ready` with its URL, the org tree and the day it serves; answers
 * `sample` with its memory and `stats` with the answer cache's counters; `stop` closes it.
 *
 * STRIDE_PEAK_NOW sets the data's last moment and the clock, which stands still there unless STRIDE_PEAK_CLOCK is
 * `moving` (then it runs on from that moment once the server listens), STRIDE_PEAK_EVENTS the event count,
 * STRIDE_PEAK_THREADS DuckDB's worker threads (default: the warehouse's).
 */
import { readFileSync } from 'node:fs';
import { BANK_WIDE, generatePilot, PILOT_CATALOGUE } from '../../mocks/pilot/index.js';
import { createMetricsService } from '../../packages/server/src/metrics.js';
import { createStrideServer } from '../../packages/server/src/server.js';
import { openWarehouse } from '../../packages/server/src/warehouse.js';

export type PeakServerMessage =
  | { type: 'ready'; url: string; date: string; orgTree: { id: string; parentId: string | null; level: string }[] }
  | { type: 'sample'; rss: number; heapUsed: number; external: number }
  /** Memory after a full garbage collection: what the server holds, not what it has yet to collect. */
  | { type: 'live'; rss: number; heapUsed: number }
  | {
      type: 'stats';
      hits: number;
      shared: number;
      misses: number;
      bytes: number;
      entries: number;
      /** Statements run, and answered with rows another request computed (packages/server/src/shared-statements.ts). */
      statementsComputed: number;
      statementsShared: number;
      statementRowsKept: number;
      /** CPU time of the whole process (DuckDB's threads included), microseconds. */
      cpuMicros: number;
      /** Of that, the JavaScript main thread's (Linux only: null where /proc/self/task is not readable). */
      mainThreadCpuMicros: number | null;
    };

export type PeakBenchMessage = { type: 'sample' } | { type: 'live' } | { type: 'stats' } | { type: 'stop' };

const send = (message: PeakServerMessage): void => void process.send?.(message);

/**
 * The main thread's CPU time: the rest of the process's is DuckDB running statements (on libuv's pool threads,
 * one statement per connection) and compression. Read from the thread's own stat line (utime and stime, fields 14
 * and 15, in clock ticks of 10 ms).
 */
function mainThreadCpuMicros(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

const now = new Date(process.env['STRIDE_PEAK_NOW'] ?? Date.now());
const started = performance.now();
const threads = Number(process.env['STRIDE_PEAK_THREADS'] ?? 0);
// a moving clock starts when the server listens: loading takes no time off the morning
const listening: { since?: number } = {};
const clockRunning = (): number => (listening.since === undefined ? 0 : performance.now() - listening.since);

/** Generates and loads the bank; like `npm start`, keeps only the org tree of the input (the digest reads it). */
async function load() {
  const data = generatePilot({
    ...BANK_WIDE,
    events: Number(process.env['STRIDE_PEAK_EVENTS'] ?? BANK_WIDE.events),
    now,
  });
  const warehouse = await openWarehouse({
    ...data,
    catalogue: PILOT_CATALOGUE,
    now: process.env['STRIDE_PEAK_CLOCK'] === 'moving' ? () => new Date(now.getTime() + clockRunning()) : () => now,
    ...(threads > 0 ? { threads } : {}),
  });
  const orgTree = data.orgTree.map(({ id, parentId, level }) => ({ id, parentId, level }));
  return { warehouse, events: data.events.length, today: data.today, orgTree };
}
const { warehouse, events, today, orgTree } = await load();
const metrics = createMetricsService(warehouse);
const stride = createStrideServer({
  warehouse,
  metrics,
  verify: () => ({ ok: true }),
  log: (message, error) => console.error(message, error),
});
// as `npm start` does after a load: the day's figures and every team's statements are ready before the morning
await metrics.warmToday?.();
const warming = performance.now();
await metrics.warmTeams?.();
console.log(`peak server: every team's statements run in ${Math.round(performance.now() - warming)} ms`);
// A bank's server loads and warms overnight and has long collected that garbage (the generated bank's million event
// objects, the warm's answers) by 08:30; here the morning starts seconds after, so collect it now rather than inside
// the measured window, where a full collection of a 2 GB heap stalled every request for seconds in some runs.
(globalThis as { gc?: () => void }).gc?.();
const { url } = await stride.listen(0, '127.0.0.1');
listening.since = performance.now();
console.log(`peak server: ${events} events loaded in ${Math.round(performance.now() - started)} ms`);

process.on('message', (message: PeakBenchMessage) => {
  if (message.type === 'sample') {
    const memory = process.memoryUsage();
    send({ type: 'sample', rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external });
  } else if (message.type === 'live') {
    // the bench starts this process with --expose-gc
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    send({ type: 'live', rss: memory.rss, heapUsed: memory.heapUsed });
  } else if (message.type === 'stats') {
    const stats = stride.cache?.stats ?? { hits: 0, shared: 0, misses: 0, bytes: 0, entries: 0 };
    const cpu = process.cpuUsage();
    send({
      type: 'stats',
      ...stats,
      statementsComputed: metrics.statements?.computed ?? 0,
      statementsShared: metrics.statements?.shared ?? 0,
      statementRowsKept: metrics.statements?.rows ?? 0,
      cpuMicros: cpu.user + cpu.system,
      mainThreadCpuMicros: mainThreadCpuMicros(),
    });
  } else {
    // exit (rather than waiting for the event loop to drain) writes the --cpu-prof profile
    void stride.close(1_000).then(() => process.exit(0));
  }
});
send({ type: 'ready', url, date: today, orgTree });
