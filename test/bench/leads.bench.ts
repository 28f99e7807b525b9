/**
 * Leads bench (Node, not Chromium):
 *
 *   node --max-old-space-size=12000 --import tsx test/bench/leads.bench.ts [--events 1000000] [--runs 5]
 *
 * The first page (200 rows, default sort) of the open overdue leads (`overdue: 'any'`) of the whole bank, from a
 * bank-wide log (10,000 managers, 5,000 grids, 1,000,000 events): the TypeScript engine in Node beside DuckDB in the
 * same run. Indexing and loading are timed apart from the queries; the first query (which builds the per-lead event
 * lists in the engine) apart from the warm median. Prints the figures; nothing asserts a time.
 */
import { parseArgs } from 'node:util';
import type { LeadsQuery } from '../../packages/core/src/contracts.js';
import { createMetricsEngine } from '../../packages/core/src/engine/index.js';
import { createMetricsService } from '../../packages/server/src/metrics.js';
import { openWarehouse } from '../../packages/server/src/warehouse.js';
import { BANK_WIDE, generatePilot } from '../../mocks/pilot/index.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const events = Number(values.events);
const runs = Math.max(1, Number(values.runs));
const TODAY = '2026-11-24';
const NOW = new Date(`${TODAY}T15:00:00+08:00`);
const ms = (start: number): number => Math.round(performance.now() - start);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

let start = performance.now();
const data = generatePilot({
  ...BANK_WIDE,
  events,
  today: TODAY,
  now: NOW,
});
const generateMs = ms(start);
const input = { ...data, now: () => NOW };
const q: LeadsQuery = { scope: { org: 'bank', period: 'month', date: TODAY }, filter: { overdue: 'any' }, limit: 200 };

start = performance.now();
const engine = createMetricsEngine(input);
const indexMs = ms(start);
start = performance.now();
const fromEngine = engine.leads(q);
const engineFirstMs = ms(start);
const engineWarm: number[] = [];
for (let i = 0; i < runs; i++) {
  start = performance.now();
  engine.leads(q);
  engineWarm.push(performance.now() - start);
}

start = performance.now();
const warehouse = await openWarehouse(input);
const loadMs = ms(start);
const sql = createMetricsService(warehouse);
start = performance.now();
const fromSql = await sql.leads!(q);
const sqlFirstMs = ms(start);
const sqlWarm: number[] = [];
for (let i = 0; i < runs; i++) {
  start = performance.now();
  await sql.leads!(q);
  sqlWarm.push(performance.now() - start);
}
await warehouse.close();

const same = JSON.stringify(fromEngine) === JSON.stringify(fromSql);
console.log(
  `leads: first page of open overdue, bank-wide (${data.events.length.toLocaleString('en')} events, ` +
    `${fromEngine.total.toLocaleString('en')} open overdue leads; generated in ${generateMs} ms)`,
);
console.table({
  'TypeScript engine': {
    'index/load ms': indexMs,
    'first query ms': engineFirstMs,
    'warm median ms': Math.round(median(engineWarm)),
  },
  DuckDB: { 'index/load ms': loadMs, 'first query ms': sqlFirstMs, 'warm median ms': Math.round(median(sqlWarm)) },
});
console.log(`same page from both: ${same}`);
