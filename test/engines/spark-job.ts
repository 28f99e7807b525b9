/**
 * `npm run test:spark-job`: "Spark builds, the server answers", end to end. Writes the pilot's events as JSON
 * lines, writes the load step's SQL as Spark spells it (from the one source), submits BuildFacts through
 * `org.apache.spark.deploy.SparkSubmit --master local[2]` from the Maven classpath (as spark-submit does on a
 * cluster), then opens the reference server's DuckDB warehouse on the Parquet it wrote and requires the parity
 * matrix to equal the TypeScript engine's. Ends with `spark-job: N passed, N failed`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetricsEngine } from '../../packages/core/src/engine/index.js';
import { createMetricsService } from '../../packages/server/src/metrics.js';
import { openWarehouse } from '../../packages/server/src/warehouse.js';
import { allCases, input, normalise } from '../server/parity-matrix.js';
import { buildFactsSubmitArgs, buildSparkModule } from './engines.js';

const work = mkdtempSync(join(tmpdir(), 'stride-spark-job-'));
const started = performance.now();
let passed = 0;
let failed = 0;
try {
  buildSparkModule();
  const eventsFile = join(work, 'events.json');
  writeFileSync(eventsFile, input.events.map((event) => JSON.stringify(event)).join('\n'));
  const out = join(work, 'out');
  const t = performance.now();
  const submit = spawnSync('java', buildFactsSubmitArgs(work, eventsFile, out), {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (submit.status !== 0) throw new Error(`SparkSubmit failed (${submit.status}):\n${submit.stderr.slice(-4000)}`);
  console.log(submit.stdout.trim());
  const days = readdirSync(join(out, 'facts')).filter((name) => name.startsWith('day='));
  console.log(
    `SparkSubmit BuildFacts: ${days.length} day partitions in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const warehouse = await openWarehouse({ ...input, factsDir: out });
  const service = createMetricsService(warehouse);
  const engine = createMetricsEngine(input);
  for (const c of allCases()) {
    try {
      assert.deepStrictEqual(normalise(await c.sql(service)), normalise(c.engine(engine)), c.label);
      passed++;
    } catch (error) {
      failed++;
      if (failed <= 5) console.log(`FAIL ${c.label}: ${String(error).slice(0, 2000)}`);
    }
  }
  await warehouse.close();
} catch (error) {
  failed++;
  console.log(`FAIL ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`spark-job: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
