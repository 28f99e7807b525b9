/**
 * Spark job bench (issue 30; bench, not a test): "Spark builds, the server answers" at bank scale.
 *
 *   node --max-old-space-size=12000 --import tsx test/bench/spark-job.bench.ts [--events 1000000] [--today DATE]
 *        [--driver-memory 6g]
 *
 * 1. Generates the bank-wide log (10,000 managers, 5,000 grids, --events) and writes it as Parquet, the export a
 *    bank's events table gives.
 * 2. Submits BuildFacts through `org.apache.spark.deploy.SparkSubmit --master local[2]` from the Maven classpath
 *    (as spark-submit does on a cluster) under /usr/bin/time: wall time, and the JVM's peak resident memory.
 * 3. Runs section 3 of server.bench.ts on the Parquet it wrote (`--facts`): the server's DuckDB load of it, and
 *    every endpoint's p50/p95.
 * The job's output stays in bench/spark-facts-<events>/ (not committed) for the refresh cycle to be tried on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { BANK_WIDE, generatePilot } from '../../mocks/pilot/index.js';
import { buildFactsSubmitArgs, buildSparkModule } from '../engines/engines.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    // the log ends today by default, so the server bench's live views compute rather than hit its answer cache
    today: { type: 'string' },
    'driver-memory': { type: 'string', default: '6g' },
  },
});
const events = Number(values.events);
const root = new URL('../../', import.meta.url).pathname;
const out = join(root, 'bench', `spark-facts-${events}`);
const work = join(root, 'bench', `spark-input-${events}`);
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

buildSparkModule();
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

/**
 * Generates the log and writes it as Parquet inside a function of its own, so the generated events (several GB at
 * 10,000,000) can be collected before the Spark JVM and the server bench need the memory.
 */
async function writeEventsParquet(eventsFile: string): Promise<void> {
  let t = performance.now();
  const data = generatePilot({ ...BANK_WIDE, events, ...(values.today ? { today: values.today } : {}) });
  console.log(`spark-job bench: ${data.events.length} events generated in ${seconds(t)}`);
  t = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE events ("at" VARCHAR, "type" VARCHAR, leadId VARCHAR, managerId VARCHAR, customerId VARCHAR, gridId VARCHAR, amount DOUBLE)',
  );
  const appender = await connection.createAppender('events');
  for (const event of data.events) {
    appender.appendVarchar(event.at);
    appender.appendVarchar(event.type);
    appender.appendVarchar(event.leadId);
    appender.appendVarchar(event.managerId);
    for (const value of [event.customerId, event.gridId]) {
      if (typeof value === 'string') appender.appendVarchar(value);
      else appender.appendNull();
    }
    if (typeof event.amount === 'number') appender.appendDouble(event.amount);
    else appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`COPY events TO '${eventsFile}' (FORMAT PARQUET)`);
  connection.closeSync();
  instance.closeSync();
  console.log(`spark-job bench: events.parquet written in ${seconds(t)}`);
}

const eventsFile = join(work, 'events.parquet');
await writeEventsParquet(eventsFile);

const java = buildFactsSubmitArgs(work, eventsFile, out).map((arg) =>
  arg === '-Xmx3g' ? `-Xmx${values['driver-memory']}` : arg,
);
const t = performance.now();
const timeFile = join(work, 'time.txt');
const submit = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, 'java', ...java], {
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
const buildSeconds = seconds(t);
if (submit.status !== 0) {
  console.log(submit.stderr.slice(-4000));
  throw new Error(`SparkSubmit failed (${submit.status})`);
}
const timing = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(timing)?.[1] ?? NaN);
const cpu = (label: string): number => Number(new RegExp(`${label} \\(seconds\\): ([\\d.]+)`).exec(timing)?.[1] ?? NaN);
console.log(submit.stdout.trim());
console.log(
  `spark-job bench: SparkSubmit BuildFacts local[2], ${events} events: ${buildSeconds} wall, ` +
    `${(cpu('User time') + cpu('System time')).toFixed(0)} s CPU, peak RSS ${(peakKb / 1024 / 1024).toFixed(2)} GB ` +
    `(-Xmx${values['driver-memory']})`,
);
rmSync(work, { recursive: true, force: true });

// the server on what Spark built: DuckDB's load of the Parquet and every endpoint's p50/p95
const server = spawnSync(
  process.execPath,
  [
    '--max-old-space-size=12000',
    '--import',
    'tsx',
    join(root, 'test/bench/server.bench.ts'),
    '--facts',
    out,
    '--events',
    String(events),
    ...(values.today ? ['--today', values.today] : []),
    '--requests',
    '12',
    '--label',
    `spark-built facts, ${events} events`,
  ],
  { stdio: 'inherit' },
);
process.exit(server.status ?? 1);
