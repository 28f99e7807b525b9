/**
 * The event-log adapter's file path in Node, without a browser (not part of the test suite; timings vary by machine):
 *   node --expose-gc --import tsx test/core/adapters/events-csv.bench.ts bench/files/bank-events.csv bench/files/bank-roster.csv
 * Times (wall and CPU) reading events.csv into the engine's columns and the roster (readEventLogSource, as the worker
 * does), building the engine, and one bank-wide indicators query; then the heap that stays.
 */
import { readFileSync } from 'node:fs';
import { readEventLogSource } from '../../../packages/core/src/adapters/event-log-protocol.js';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';

const [eventsFile, rosterFile] = process.argv.slice(2);
if (!eventsFile || !rosterFile) throw new Error('usage: events-csv.bench.ts <events.csv> <roster.csv>');
const events = readFileSync(eventsFile, 'utf8');
const orgTree = readFileSync(rosterFile, 'utf8');

let mark = performance.now();
let cpuMark = process.cpuUsage();
const lap = (label: string): void => {
  const now = performance.now();
  const used = process.cpuUsage(cpuMark);
  const cpu = (used.user + used.system) / 1000;
  console.log(`${label.padEnd(44)} ${(now - mark).toFixed(0).padStart(6)} ms  (cpu ${cpu.toFixed(0)} ms)`);
  mark = now;
  cpuMark = process.cpuUsage();
};

let parsed = false;
const { input, report } = await readEventLogSource({ events, orgTree }, ({ phase }) => {
  if (phase !== 'indexing' || parsed) return;
  parsed = true;
  lap(`parse: ${eventsFile} and the roster`);
});
lap('the other inputs');
const lastDay = report.lastDate ?? '2026-12-07';
const engine = createMetricsEngine({ ...input, now: () => new Date(`${lastDay}T18:00:00+08:00`) });
lap(`index: createMetricsEngine (${report.rows} events)`);
engine.indicators({ scope: { org: report.rootOrg ?? 'bank', period: 'month', date: lastDay } });
lap('indicators, root org, month');
(globalThis as { gc?: () => void }).gc?.();
const memory = process.memoryUsage();
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
console.log(`heap ${mb(memory.heapUsed)}, array buffers ${mb(memory.arrayBuffers)}, rss ${mb(memory.rss)}`);
