/**
 * The three engines the metric SQL is checked on besides DuckDB, each as a LoadTarget (a connection that binds
 * `$name` parameters in the engine's own syntax, plus bulk appends) that the shared load step fills:
 *
 * - Spark SQL: one JVM running packages/warehouse-spark's SqlRunner (one SparkSession, local[2]), driven over
 *   stdin/stdout, one statement at a time.
 * - PostgreSQL 15 (Debian's): a throwaway cluster in a temp directory, started as the postgres user (initdb
 *   refuses root) on 127.0.0.1 and a free port.
 * - ClickHouse: the engine embedded in the `chdb` npm package (installed with --no-save; loaded by name so the
 *   type check passes where it is absent).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Dialect } from '../../packages/server/src/dialect.js';
import { setupStatements } from '../../packages/server/src/dialect.js';
import { DAY_MS, HOUR_MS, createBankZone } from '../../packages/core/src/engine/time.js';
import { fileStatements, type SqlConnection, type SqlRow, type SqlValue } from '../../packages/server/src/sql.js';
import type { LoadRow, LoadTarget } from '../../packages/server/src/warehouse.js';

export interface EngineHandle extends LoadTarget {
  name: Dialect;
  /** Results asked at once: Spark answers concurrent requests; the others run one statement at a time. */
  concurrency: number;
  /** Whatever the engine reports about itself (version). */
  version: string;
  /**
   * CPU seconds the engine's own processes have used so far (the JVM; PostgreSQL's server processes), read from
   * /proc; undefined where the engine runs inside this Node process (chdb). A run reports these, not wall times:
   * the engines share the cores, so one engine's wall time is mostly the CPU the others leave it.
   */
  cpuSeconds(): number | undefined;
  /** Engine counters worth reporting with the CPU (Spark: stages, jobs, generated classes compiled). */
  stats(): Promise<string>;
  /** Once the load is done: let the engine keep the tables the queries read in memory, where it has a way. */
  afterLoad(): Promise<void>;
  close(): Promise<void>;
}

const root = new URL('../../', import.meta.url).pathname;
const sparkModule = join(root, 'packages/warehouse-spark');

/** `$name` markers in order of appearance, replaced by `marker(name, index of first appearance)`. */
function rewriteMarkers(statement: string, marker: (name: string, index: number) => string): string {
  const order = new Map<string, number>();
  return statement.replace(/\$([a-z_][a-z0-9_]*)/g, (_, name: string) => {
    if (!order.has(name)) order.set(name, order.size + 1);
    return marker(name, order.get(name)!);
  });
}

/** utime + stime (+ the reaped children's, with `children`) of a process, in seconds; 0 once it is gone. */
export function processCpuSeconds(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command (which may hold spaces) in parentheses: state is field 3, utime 14 ... cstime 17
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, ...(children ? [13, 14] : [])].reduce((sum, i) => sum + Number(fields[i]), 0);
    return ticks / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** A process and its live children (by parent pid), the reaped children's too: PostgreSQL's backends. */
function processTreeCpuSeconds(pid: number): number {
  let sum = processCpuSeconds(pid, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) sum += processCpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------------- Spark
/** Compiles the module and writes its classpath (Maven resolves Spark on first use; ~/.m2 caches it). */
export function buildSparkModule(): void {
  const result = spawnSync(
    'mvn',
    ['-B', '-q', 'package', 'dependency:build-classpath', '-Dmdep.outputFile=target/classpath.txt'],
    { cwd: sparkModule, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`mvn package failed in packages/warehouse-spark (${result.status})`);
}

export function sparkJavaArgs(mainClass: string, args: readonly string[]): string[] {
  const classpath = readFileSync(join(sparkModule, 'target/classpath.txt'), 'utf8').trim();
  return [
    `@${join(sparkModule, 'jvm.options')}`,
    '-Xmx3g',
    ...(process.env['STRIDE_SPARK_JAVA_OPTS']?.split(' ').filter(Boolean) ?? []),
    '-cp',
    `${join(sparkModule, 'target/classes')}:${classpath}`,
    mainClass,
    ...args,
  ];
}

/**
 * The java arguments that build the facts on Spark as a cluster would (spark-submit's own launcher class,
 * `SparkSubmit --master local[2]`, running BuildFacts from the module's jar), after writing the load step's SQL as
 * Spark spells it (from the one source, `:name` parameters) to `<work>/sql-spark`. BuildFacts reads `eventsFile`
 * (JSON lines or Parquet) and writes the facts' Parquet to `out`.
 */
export function buildFactsSubmitArgs(work: string, eventsFile: string, out: string): string[] {
  const sqlDir = join(work, 'sql-spark');
  mkdirSync(sqlDir);
  for (const file of ['events', 'lead_firsts', 'facts']) {
    const [statement, ...more] = fileStatements(`load/${file}.sql`, 'spark');
    if (!statement || more.length > 0) throw new Error(`load/${file}.sql: expected one statement`);
    writeFileSync(join(sqlDir, `${file}.sql`), statement.replace(/\$([a-z_][a-z0-9_]*)/g, ':$1'));
  }
  const jar = join(sparkModule, 'target/stride-warehouse-spark-0.1.0.jar');
  return sparkJavaArgs('org.apache.spark.deploy.SparkSubmit', [
    '--master',
    'local[2]',
    '--conf',
    'spark.sql.shuffle.partitions=2',
    '--conf',
    'spark.ui.enabled=false',
    '--conf',
    'spark.driver.host=127.0.0.1',
    '--conf',
    'spark.driver.bindAddress=127.0.0.1',
    '--class',
    'dev.stride.warehouse.BuildFacts',
    jar,
    '--events',
    eventsFile,
    '--sql',
    sqlDir,
    '--out',
    out,
    '--offset-ms',
    String(createBankZone('Asia/Shanghai').offsetAt(Date.now())),
    '--claim-ms',
    String(24 * HOUR_MS),
    '--followup-ms',
    String(3 * DAY_MS),
    '--logged-ms',
    String(24 * HOUR_MS),
  ]);
}

export async function startSpark(): Promise<EngineHandle> {
  const work = mkdtempSync(join(tmpdir(), 'stride-spark-'));
  const child: ChildProcessWithoutNullStreams = spawn(
    'java',
    sparkJavaArgs('dev.stride.warehouse.SqlRunner', ['local[2]', join(work, 'warehouse')]),
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  type Answer = { id?: number; ok: boolean; rows?: SqlRow[]; error?: string; version?: string };
  const pending = new Map<number, (answer: Answer) => void>();
  let onReady: ((answer: Answer) => void) | undefined;
  let exited = false;
  child.on('exit', (code) => {
    exited = true;
    const gone = { ok: false, error: `Spark runner exited (${code}): ${stderrTail}` };
    onReady?.(gone);
    for (const resolve of pending.values()) resolve(gone);
    pending.clear();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('@stride ')) return;
    const answer = JSON.parse(line.slice(8)) as Answer;
    if (answer.id === undefined) onReady?.(answer);
    else {
      pending.get(answer.id)?.(answer);
      pending.delete(answer.id);
    }
  });
  // requests run concurrently in the JVM (a few threads); answers carry the request's id
  let nextId = 0;
  const ask = async (request: object): Promise<SqlRow[]> => {
    if (exited) throw new Error(`spark: runner exited: ${stderrTail}`);
    const id = nextId++;
    const answer = new Promise<Answer>((resolve) => pending.set(id, resolve));
    child.stdin.write(`${JSON.stringify({ ...request, id })}\n`);
    const { ok, rows, error } = await answer;
    if (!ok) throw new Error(`spark: ${error}`);
    return rows ?? [];
  };
  const ready = await new Promise<Answer>((resolve) => (onReady = resolve));
  if (!ready.ok) throw new Error(ready.error);
  let batch = 0;
  const connection: SqlConnection = {
    dialect: 'spark',
    all: (statement, params) => ask({ sql: rewriteMarkers(statement, (name) => `:${name}`), args: params }),
  };
  return {
    name: 'spark',
    concurrency: 4,
    version: `Spark ${ready.version}`,
    connection,
    cpuSeconds: () => (child.pid === undefined ? undefined : processCpuSeconds(child.pid)),
    async stats() {
      const [counters] = await ask({ stats: true });
      return `${counters?.['stages']} stages, ${counters?.['jobs']} jobs, ${counters?.['compiled']} classes compiled`;
    },
    async append(table, rows) {
      const file = join(work, `${table}-${batch++}.jsonl`);
      writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n'));
      await ask({ load: table, file });
    },
    async afterLoad() {
      for (const table of [
        'facts',
        'lead_firsts',
        'period_points',
        'contest_best',
        'manager_days',
        'manager_milestones',
        'org',
        'org_manager',
        'org_ancestor',
        'calendar',
        'manager',
      ]) {
        await connection.all(`CACHE TABLE ${table}`, {});
      }
    },
    async close() {
      child.stdin.end();
      await new Promise<void>((resolve) => (exited ? resolve() : child.on('exit', () => resolve())));
      rmSync(work, { recursive: true, force: true });
    },
  };
}

// ----------------------------------------------------------------------------------------------- PostgreSQL
const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function asPostgres(command: string, args: readonly string[]): void {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}

/** A row as a PostgreSQL CSV line: an unquoted empty field is NULL, a quoted one the empty string. */
function csvLine(row: LoadRow): string {
  return `${row.map((v) => (v === null ? '' : typeof v === 'string' ? `"${v.replaceAll('"', '""')}"` : String(v))).join(',')}\n`;
}

/** The type a bound value is cast to: PostgreSQL infers nothing from `$1` in a SELECT list. */
function pgType(value: SqlValue): string {
  if (typeof value === 'string') return 'TEXT';
  if (typeof value === 'boolean') return 'BOOLEAN';
  return Number.isInteger(value) ? 'BIGINT' : 'DOUBLE PRECISION';
}

export async function startPostgres(): Promise<EngineHandle> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error(`no PostgreSQL at ${PG_BIN} (apt-get install postgresql-15)`);
  const pg = (await import('pg')).default;
  // counts (int8) and numeric come back as text by default; every value here is well inside 2^53
  pg.types.setTypeParser(20, Number);
  pg.types.setTypeParser(1700, Number);
  const work = mkdtempSync(join(tmpdir(), 'stride-pg-'));
  if (process.getuid?.() === 0) chownSync(work, Number(spawnSync('id', ['-u', 'postgres']).stdout.toString()), -1);
  const data = join(work, 'data');
  const port = await freePort();
  asPostgres(join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  asPostgres(join(PG_BIN, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(work, 'log'),
    '-w',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${work} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  // a run stopped midway (Ctrl-C, a time limit) must not leave the cluster running
  const stopCluster = (): void => {
    try {
      asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // not started yet, or already stopped
    }
    rmSync(work, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    stopCluster();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  let copies = 0;
  await client.connect();
  const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
  const connection: SqlConnection = {
    dialect: 'postgres',
    async all(statement, params) {
      const values: SqlValue[] = [];
      const text = rewriteMarkers(statement, (name, index) => {
        values[index - 1] = params[name]!;
        return `CAST($${index} AS ${pgType(params[name]!)})`;
      });
      return (await client.query(text, values)).rows as SqlRow[];
    },
  };
  return {
    name: 'postgres',
    concurrency: 1,
    version: `PostgreSQL ${version}`,
    connection,
    cpuSeconds() {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return processTreeCpuSeconds(pid);
    },
    stats: async () => '',
    async append(table, rows) {
      // COPY from a CSV file the server reads itself (the cluster runs locally as postgres, which owns `work`):
      // a million events load in seconds, where 500-row INSERTs did not finish in 390 s
      for (let start = 0; start < rows.length; start += 250_000) {
        const file = join(work, `${table}-${copies++}.csv`);
        writeFileSync(
          file,
          rows
            .slice(start, start + 250_000)
            .map(csvLine)
            .join(''),
        );
        await client.query(`COPY ${table} FROM '${file}' WITH (FORMAT csv)`);
        rmSync(file);
      }
    },
    async afterLoad() {
      await client.query('ANALYZE');
    },
    async close() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await client.end();
      asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

// ----------------------------------------------------------------------------------------------- ClickHouse
interface ChdbSession {
  query(query: string, format?: string): string;
  /** Off the event loop, so the other engines' requests go on meanwhile. */
  queryBindAsync(query: string, args: object, opts?: { format?: string }): Promise<{ text(): string }>;
  insert(params: { table: string; values: readonly (readonly unknown[])[] }): Promise<unknown>;
  close(): void;
}

function chType(value: SqlValue): string {
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Bool';
  return Number.isInteger(value) ? 'Int64' : 'Float64';
}

export async function startClickHouse(): Promise<EngineHandle> {
  const name = 'chdb';
  let chdb: { Session: new (path?: string) => ChdbSession };
  try {
    chdb = (await import(name)) as typeof chdb;
  } catch {
    throw new Error('chdb is not installed (npm install --no-save chdb)');
  }
  const work = mkdtempSync(join(tmpdir(), 'stride-chdb-'));
  const session = new chdb.Session(work);
  const parse = (out: string): SqlRow[] =>
    out
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as SqlRow);
  const run = (text: string): SqlRow[] => parse(session.query(text, 'JSONEachRow'));
  const runBound = async (text: string, params: Readonly<Record<string, SqlValue>>): Promise<SqlRow[]> => {
    if (Object.keys(params).length === 0) return run(text);
    const bound = rewriteMarkers(text, (name) => `{${name}:${chType(params[name]!)}}`);
    return parse((await session.queryBindAsync(bound, params, { format: 'JSONEachRow' })).text());
  };
  // 64-bit integers as JSON numbers, not strings
  run('SET output_format_json_quote_64bit_integers = 0');
  for (const statement of setupStatements('clickhouse')) run(statement);
  const version = String(run('SELECT version() AS v')[0]!['v']);
  return {
    name: 'clickhouse',
    concurrency: 1,
    version: `ClickHouse ${version} (chdb)`,
    connection: { dialect: 'clickhouse', all: runBound },
    // in this Node process, with the TypeScript engine and the other engines' clients: the run reports Node's
    cpuSeconds: () => undefined,
    stats: async () => '',
    async append(table, rows) {
      for (let start = 0; start < rows.length; start += 10_000) {
        await session.insert({ table, values: rows.slice(start, start + 10_000) });
      }
    },
    async afterLoad() {},
    async close() {
      session.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export const STARTERS: Readonly<Record<Exclude<Dialect, 'duckdb'>, () => Promise<EngineHandle>>> = {
  spark: startSpark,
  postgres: startPostgres,
  clickhouse: startClickHouse,
};
