/**
 * `npm run test:engines`: the pilot parity matrix (test/server/parity-matrix.ts) on Spark SQL, PostgreSQL and
 * ClickHouse. Each engine runs the load step (sql/load) and every query file itself; every result must equal the
 * TypeScript engine's, compared as the DuckDB test compares them (fractions to 4 decimals, amounts in fen).
 * Ends with `engines: N passed, N failed` (one per comparison) and exits 1 on any failure.
 *
 *   npm run test:engines [-- --only=spark,postgres] [-- --bank-wide]
 *
 * --bank-wide: no parity (the TypeScript engine is the slow side at that size); a generated bank-wide log
 * (1,000,000 events by default, --events=N) is loaded on each engine and a fixed set of results is timed, each
 * compared with DuckDB's.
 */
import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import type { Dialect } from '../../packages/server/src/dialect.js';
import { setupStatements } from '../../packages/server/src/dialect.js';
import { createMetricsEngine } from '../../packages/core/src/engine/index.js';
import { createMetricsService, type MetricsService } from '../../packages/server/src/metrics.js';
import type { SqlConnection } from '../../packages/server/src/sql.js';
import {
  loadWarehouse,
  openWarehouse,
  type Warehouse,
  type WarehouseInput,
} from '../../packages/server/src/warehouse.js';
import { allCases, input, normalise, withPilot, type ParityCase } from '../server/parity-matrix.js';
import { buildSparkModule, STARTERS, type EngineHandle } from './engines.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'bank-wide': { type: 'boolean', default: false },
    events: { type: 'string' },
    // Spark answers a query in about a second on 2 cores, so within the 5-minute budget it runs every Nth case of
    // each group and result kind (see sparkSample); --spark-every=1 runs all of it
    'spark-every': { type: 'string', default: '8' },
  },
});
const engines = (values.only?.split(',') ?? ['spark', 'postgres', 'clickhouse']) as Exclude<Dialect, 'duckdb'>[];
const started = performance.now();
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const cpu = (s: number): string => `${s.toFixed(s < 10 ? 2 : 0)} s`;

/** The load step on an engine, and the metrics service over it (queries one at a time: one session). */
async function serviceOn(
  handle: EngineHandle,
  data: WarehouseInput,
): Promise<{ service: MetricsService; serviceFor: (c: ParityCase) => MetricsService }> {
  for (const statement of setupStatements(handle.name)) await handle.connection.all(statement, {});
  const loaded = await loadWarehouse(handle, data);
  await handle.afterLoad();
  const connection: SqlConnection = handle.connection;
  const warehouse: Warehouse = {
    ...loaded,
    withConnection: (work) => work(connection),
    close: () => handle.close(),
  };
  const service = createMetricsService(warehouse);
  // a case asked with another configured pilot (baselines) reads the same loaded data
  return {
    service,
    serviceFor: (c) => (c.pilot ? createMetricsService(withPilot(warehouse, c.pilot)) : service),
  };
}

/**
 * Every `every`-th case of each group of the matrix and each result it asks for (a label's first word: indicators,
 * funnel, alerts, grids...), so the sample keeps every kind of result in every group. Every 6th case of the matrix
 * as a whole had left out the grids and the org tree.
 */
function sparkSample(cases: readonly ParityCase[], every: number): Set<number> {
  const seen = new Map<string, number>();
  const picked = new Set<number>();
  cases.forEach((c, i) => {
    const bucket = `${c.group} ${c.label.split(' ')[0]}`;
    const n = seen.get(bucket) ?? 0;
    seen.set(bucket, n + 1);
    if (n % every === 0) picked.add(i);
  });
  return picked;
}

let passed = 0;
let failed = 0;
const failures: string[] = [];

if (engines.some((e) => e === 'spark')) {
  const t = performance.now();
  buildSparkModule();
  console.log(`spark module built (mvn package + classpath) in ${seconds(t)}`);
}

if (!values['bank-wide']) {
  const cases: ParityCase[] = allCases();
  const t = performance.now();
  const engine = createMetricsEngine(input);
  const enginesByPilot = new Map<string, typeof engine>();
  const engineFor = (c: ParityCase): typeof engine => {
    if (!c.pilot) return engine;
    const key = JSON.stringify(c.pilot);
    if (!enginesByPilot.has(key)) enginesByPilot.set(key, createMetricsEngine({ ...input, pilot: c.pilot }));
    return enginesByPilot.get(key)!;
  };
  const expected = cases.map((c) => normalise(c.engine(engineFor(c))));
  console.log(`TypeScript engine: ${cases.length} results in ${seconds(t)}`);

  // the engines run side by side: Spark's time is mostly scheduling latency, which the others fill
  const runEngine = async (name: (typeof engines)[number]): Promise<void> => {
    const sample = name === 'spark' ? sparkSample(cases, Math.max(1, Number(values['spark-every']))) : undefined;
    const picked = cases.map((c, i) => ({ c, i })).filter(({ i }) => sample?.has(i) ?? true);
    const t0 = performance.now();
    let handle: EngineHandle | undefined;
    let enginePassed = 0;
    let engineFailed = 0;
    try {
      handle = await STARTERS[name]();
      const t1 = performance.now();
      const cpuStarted = handle.cpuSeconds();
      const { serviceFor } = await serviceOn(handle, input);
      const cpuLoaded = handle.cpuSeconds();
      console.log(
        `${name}: ${handle.version} started in ${((t1 - t0) / 1000).toFixed(1)} s, loaded in ${seconds(t1)}` +
          (cpuStarted === undefined ? '' : ` (CPU ${cpu(cpuStarted)} + ${cpu(cpuLoaded! - cpuStarted)})`),
      );
      const statsLoaded = await handle.stats();
      const t2 = performance.now();
      let nextCase = 0;
      const worker = async (): Promise<void> => {
        for (let k = nextCase++; k < picked.length; k = nextCase++) {
          const { c, i } = picked[k]!;
          try {
            assert.deepStrictEqual(normalise(await c.sql(serviceFor(c))), expected[i], c.label);
            enginePassed++;
          } catch (error) {
            engineFailed++;
            const message = error instanceof Error ? error.message : String(error);
            failures.push(`${name} ${c.group} ${c.label}: ${message.split('\n').slice(0, 30).join('\n')}`);
          }
        }
      };
      await Promise.all(Array.from({ length: handle.concurrency }, worker));
      const cpuCases = cpuLoaded === undefined ? undefined : handle.cpuSeconds()! - cpuLoaded;
      console.log(
        `${name}: ${enginePassed} passed, ${engineFailed} failed (${picked.length} of ${cases.length} results in ${seconds(t2)}` +
          (cpuCases === undefined ? ')' : `; CPU ${cpu(cpuCases)}, ${cpu(cpuCases / picked.length)} a case)`),
      );
      const statsDone = await handle.stats();
      if (statsDone) console.log(`${name}: after the load ${statsLoaded}; after the cases ${statsDone}`);
    } catch (error) {
      engineFailed += picked.length - enginePassed - engineFailed;
      failures.push(`${name}: ${error instanceof Error ? error.stack : String(error)}`);
      console.log(`${name}: could not run: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    } finally {
      await handle?.close().catch(() => undefined);
    }
    passed += enginePassed;
    failed += engineFailed;
  };
  await Promise.all(engines.map(runEngine));
} else {
  await bankWide();
}

for (const failure of failures.slice(0, 12)) console.log(`\nFAIL ${failure}`);
if (failures.length > 12) console.log(`\n... and ${failures.length - 12} more failures`);
const own = process.cpuUsage();
console.log(
  `\nwall time ${seconds(started)}; Node's CPU (TypeScript engine, chdb) ${cpu((own.user + own.system) / 1e6)}`,
);
console.log(`engines: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** Bank-wide figures: load and query times on each engine, results compared with DuckDB's (not timed as tests). */
async function bankWide(): Promise<void> {
  const { generatePilot } = await import('../../mocks/pilot/index.js');
  const events = Number(values.events ?? 1_000_000);
  const NOW = new Date('2026-03-10T15:30:00+08:00');
  const t = performance.now();
  const data = {
    ...generatePilot({ today: '2026-03-10', now: NOW, events, managers: 10_000, grids: 5_000 }),
    now: () => NOW,
  };
  console.log(`bank-wide log: ${data.events.length} events, generated in ${seconds(t)}`);
  const asks: { label: string; run: (s: MetricsService) => Promise<unknown> }[] = [];
  for (const period of ['day', 'month', 'pilot'] as const) {
    const scope = { org: 'bank', period, date: '2026-03-10' };
    asks.push({ label: `indicators bank ${period}`, run: (s) => s.indicators({ scope }) });
    asks.push({ label: `funnel bank ${period}`, run: (s) => s.funnel({ scope }) });
    asks.push({ label: `coverage bank ${period}`, run: (s) => s.coverage({ scope }) });
    asks.push({
      label: `leaderboard managers/points ${period}`,
      run: (s) => s.leaderboard({ scope, board: 'managers', metric: 'points' }),
    });
  }
  const tDuck = performance.now();
  const duck = await openWarehouse(data);
  console.log(`duckdb: loaded in ${seconds(tDuck)}`);
  const duckService = createMetricsService(duck);
  const reference: unknown[] = [];
  for (const ask of asks) {
    const ta = performance.now();
    reference.push(normalise(await ask.run(duckService)));
    console.log(`duckdb: ${ask.label} ${seconds(ta)}`);
  }
  await duck.close();
  for (const name of engines) {
    let handle: EngineHandle | undefined;
    try {
      const t0 = performance.now();
      handle = await STARTERS[name]();
      const t1 = performance.now();
      const { service } = await serviceOn(handle, data);
      console.log(`${name}: started in ${((t1 - t0) / 1000).toFixed(1)} s, loaded in ${seconds(t1)}`);
      for (let i = 0; i < asks.length; i++) {
        const ta = performance.now();
        try {
          assert.deepStrictEqual(normalise(await asks[i]!.run(service)), reference[i], asks[i]!.label);
          passed++;
        } catch (error) {
          failed++;
          failures.push(`${name} ${asks[i]!.label}: ${error instanceof Error ? error.message.slice(0, 2000) : error}`);
        }
        console.log(`${name}: ${asks[i]!.label} ${seconds(ta)}`);
      }
    } catch (error) {
      failed++;
      failures.push(`${name}: ${error instanceof Error ? error.stack : String(error)}`);
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }
}
