/**
 * Server bench (Node, not Chromium):
 *
 *   node --max-old-space-size=12000 --import tsx test/bench/server.bench.ts [--big] [--seconds 10]
 *
 * 1. All four results (indicators with manager rows, managers leaderboard on points, funnel, coverage) for one
 *    branch-month scope from 1,000,000 events (and 10,000,000 with --big): the TypeScript engine in Node against
 *    DuckDB in the same run, load and query timed separately.
 * 2. The server under load on 127.0.0.1 (autocannon, bounded in time): requests per second and p99 latency for a
 *    team's month (what a manager's page asks for) with the pilot and with the bank-wide data.
 * 3. Every endpoint on the `npm start -- --bank-wide` data (10,000 managers, 5,000 grids, 1,000,000 events, the
 *    real clock, so a live view's asOf moves as it does for a user): p50 and p95 over HTTP, one request at a time
 *    (--requests each), then as the dashboard asks on page load, its requests all at once.
 *
 * 4. --morning-peak: every manager opens their page around 08:30 (./peak-server.ts serves the bank-wide data in a
 *    process of its own, clock at 08:30 of the last day). Requests in the mix indicators : leaderboard : funnel :
 *    coverage = 4:2:1:1, each on a scope drawn from the 10,000 managers' own month and their teams' month, no scope
 *    asked more than 3 times, from --connections clients (default 16) for --seconds, or with --rate N sent at N a
 *    second whatever the answers (open loop, each timed from when it was due): requests per second, p50, p95
 *    and p99 (overall and per endpoint), the server's peak RSS and heap (sampled every 200 ms) and the answer
 *    cache's hit rate. --profile DIR writes the server's CPU profile there; --threads N sets DuckDB's threads.
 *
 *   --endpoints            only section 3
 *   --facts DIR            section 3 on the facts the Spark job wrote for the same generated log (--events N;
 *                          --today fixes the log's last day, as given to the job's input)
 *   --label TEXT           names the run in results.json (bench.server.endpoints[label])
 * Prints a table and merges the figures into bench/results.json under "server".
 */
import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { createMetricsEngine } from '../../packages/core/src/engine/index.js';
import { createMetricsService } from '../../packages/server/src/metrics.js';
import { createStrideServer } from '../../packages/server/src/server.js';
import { openWarehouse, type Warehouse } from '../../packages/server/src/warehouse.js';
import { BANK_WIDE, generatePilot, type PilotData } from '../../mocks/pilot/index.js';
import type { PeakBenchMessage, PeakServerMessage } from './peak-server.js';

// autocannon ships no types: the slice of its API used here
interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;
/** A run whose requests differ one from the next, with every response's time (the morning peak). */
interface AutocannonInstance extends Promise<AutocannonResult & { errors: number }> {
  on(
    event: 'response',
    listener: (client: { requestIterator: { context: Record<string, unknown> } }, status: number, bytes: number, ms: number) => void,
  ): void;
}
const autocannonRun = autocannon as unknown as (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: { setupRequest: (request: { path: string }, context: Record<string, unknown>) => { path: string } }[];
}) => AutocannonInstance;

const { values } = parseArgs({
  options: {
    big: { type: 'boolean' },
    seconds: { type: 'string', default: '10' },
    endpoints: { type: 'boolean', default: false },
    facts: { type: 'string' },
    events: { type: 'string', default: '1000000' },
    today: { type: 'string' },
    requests: { type: 'string', default: '20' },
    label: { type: 'string' },
    'morning-peak': { type: 'boolean', default: false },
    connections: { type: 'string', default: '16' },
    // the peak's offered load: requests sent at this rate whatever the answers (open loop), instead of
    // --connections clients each asking again as soon as answered (closed loop, the most the server can take)
    rate: { type: 'string' },
    profile: { type: 'string' },
    threads: { type: 'string' },
    // the peak's clock: 'moving' runs on from 08:30 as a bank's does, so a live answer's asOf moves with it and is
    // never asked again; 'standing' stays at 08:30, so a scope asked again is answered from the answer cache
    clock: { type: 'string', default: 'moving' },
  },
});
const seconds = Math.max(1, Math.min(30, Number(values.seconds)));
const rate = values.rate === undefined ? undefined : Number(values.rate);
if (rate !== undefined && !(rate > 0 && rate <= 2_000)) throw new Error(`--rate: expected 1-2000 a second, got '${values.rate}'`);
if (values.clock !== 'moving' && values.clock !== 'standing') {
  throw new Error(`--clock: expected 'moving' or 'standing', got '${values.clock}'`);
}
const TODAY = '2026-11-24';
const NOW = new Date(`${TODAY}T15:00:00+08:00`);

const ms = (start: number): number => Math.round(performance.now() - start);

function bankWide(events: number): PilotData {
  return generatePilot({ ...BANK_WIDE, events, today: TODAY, now: NOW });
}

interface EngineRun {
  events: number;
  generateMs: number;
  engine: { indexMs: number; queriesMs: number };
  duckdb: { loadMs: number; queriesMs: number; warmQueriesMs: number };
  ratio: { load: number; queries: number; warmQueries: number };
}

async function allFour(data: PilotData): Promise<{ run: Omit<EngineRun, 'events' | 'generateMs' | 'ratio'>; warehouse: Warehouse }> {
  const input = { ...data, now: () => NOW };
  const branch = data.orgTree.find((node) => node.level === 'branch')!.id;
  const scope = { org: branch, period: 'month' as const, date: TODAY };

  let start = performance.now();
  const engine = createMetricsEngine(input);
  const indexMs = ms(start);
  start = performance.now();
  engine.indicators({ scope, rows: 'managers' });
  engine.leaderboard({ scope, board: 'managers', metric: 'points' });
  engine.funnel({ scope });
  engine.coverage({ scope });
  const queriesMs = ms(start);

  start = performance.now();
  const warehouse = await openWarehouse(input);
  const loadMs = ms(start);
  const sql = createMetricsService(warehouse);
  const four = async (): Promise<number> => {
    const begin = performance.now();
    await sql.indicators({ scope, rows: 'managers' });
    await sql.leaderboard({ scope, board: 'managers', metric: 'points' });
    await sql.funnel({ scope });
    await sql.coverage({ scope });
    return ms(begin);
  };
  const cold = await four();
  const warm = await four();
  return { run: { engine: { indexMs, queriesMs }, duckdb: { loadMs, queriesMs: cold, warmQueriesMs: warm } }, warehouse };
}

interface LoadRun {
  data: string;
  endpoint: string;
  seconds: number;
  connections: number;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
}

async function underLoad(warehouse: Warehouse, data: PilotData, label: string): Promise<LoadRun[]> {
  const stride = createStrideServer({
    warehouse: { ...warehouse, close: async () => {} },
    metrics: createMetricsService(warehouse),
    verify: () => ({ ok: true }),
    log: () => {},
  });
  const { url } = await stride.listen(0, '127.0.0.1');
  // what a manager's page asks for: a team's month
  const team = data.orgTree.find((node) => node.level === 'team')!.id;
  const query = `org=${team}&period=month&date=${TODAY}`;
  const runs: LoadRun[] = [];
  for (const endpoint of [`/v1/indicators?${query}`, `/v1/funnel?${query}`]) {
    const result = await autocannon({ url: `${url}${endpoint}`, connections: 4, duration: seconds });
    runs.push({
      data: label,
      endpoint: endpoint.split('?')[0]!,
      seconds,
      connections: 4,
      requestsPerSecond: Math.round(result.requests.average),
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
    });
  }
  await stride.close();
  return runs;
}

interface EndpointFigures {
  endpoint: string;
  query: string;
  mode: 'one at a time' | 'page load';
  requests: number;
  p50Ms: number;
  p95Ms: number;
  /** Median CPU time of the whole process per request (server, DuckDB's threads, client): robust to a busy machine. */
  cpuP50Ms: number;
  bytes: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Section 3: p50/p95 of every endpoint over HTTP on the bank-wide data (or the Spark job's facts for it). */
async function endpointFigures(): Promise<{ data: string; loadMs: number; figures: EndpointFigures[] }> {
  const events = Number(values.events);
  let start = performance.now();
  // what `npm start -- --bank-wide` serves (demo/start.mjs), ending today unless --today says otherwise
  const data = generatePilot({ ...BANK_WIDE, events, ...(values.today ? { today: values.today } : {}) });
  const generateMs = ms(start);
  start = performance.now();
  const warehouse = await openWarehouse({ ...data, ...(values.facts ? { factsDir: values.facts } : {}) });
  const loadMs = ms(start);
  console.log(`endpoints: ${events} events generated in ${generateMs} ms, loaded in ${loadMs} ms`);
  const stride = createStrideServer({
    warehouse,
    metrics: createMetricsService(warehouse),
    verify: () => ({ ok: true }),
    log: (message, error) => console.error(message, error),
    // a bench measures however long an answer takes; the 10 s production deadline turned them into 503s on a
    // machine at load average 30
    requestTimeoutMs: 300_000,
  });
  const { url } = await stride.listen(0, '127.0.0.1');
  const level = (l: string): string => data.orgTree.find((node) => node.level === l)!.id;
  const branch = level('branch');
  const team = level('team');
  const date = data.events.reduce((last, e) => (e.at > last ? e.at : last), '').slice(0, 10);
  const month = `period=month&date=${date}`;
  // the dashboard's requests for its org (the demo's is the branch), then what single widgets ask
  const dashboard = [
    `/v1/org-tree`,
    `/v1/indicators?org=${branch}&${month}`,
    `/v1/leaderboard?org=${branch}&${month}&board=managers&metric=points`,
    `/v1/funnel?org=${branch}&${month}`,
    `/v1/coverage?org=${branch}&${month}`,
    `/v1/grids?org=${branch}`,
  ];
  const widgets = [
    `/v1/indicators?org=${branch}&${month}&rows=children`,
    `/v1/indicators?org=${team}&${month}&rows=managers`,
    `/v1/leaderboard?org=${branch}&${month}&board=managers&metric=contacted`,
    `/v1/leaderboard?org=${branch}&${month}&board=teams&metric=points`,
    `/v1/leaderboard?org=${team}&${month}&board=managers&metric=points`,
    `/v1/funnel?org=${team}&${month}`,
    `/v1/grids?org=${team}`,
    `/v1/indicators?org=${branch}&period=pilot&date=${date}`,
  ];
  type Sample = { ms: number; cpuMs: number; bytes: number };
  const timed = async (path: string): Promise<Sample> => {
    const begin = performance.now();
    const cpu = process.cpuUsage();
    const response = await fetch(`${url}${path}`);
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - begin, cpuMs: (used.user + used.system) / 1000, bytes: body.byteLength };
  };
  const n = Math.max(2, Number(values.requests));
  const figures: EndpointFigures[] = [];
  const add = (path: string, mode: EndpointFigures['mode'], samples: Sample[]): void => {
    const sorted = samples.map((x) => x.ms).sort((a, b) => a - b);
    const cpu = samples.map((x) => x.cpuMs).sort((a, b) => a - b);
    const [endpoint, query = ''] = path.split('?');
    figures.push({
      endpoint: endpoint!,
      query: query.replace(`&${month}`, ' month').replace(`${month}`, 'month'),
      mode,
      requests: samples.length,
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms: Math.round(percentile(sorted, 95)),
      cpuP50Ms: Math.round(percentile(cpu, 50)),
      bytes: samples[0]!.bytes,
    });
  };
  for (const path of [...dashboard, ...widgets]) {
    await timed(path); // first request: JIT, page cache
    const samples = [];
    for (let i = 0; i < n; i++) samples.push(await timed(path));
    add(path, 'one at a time', samples);
  }
  const pageLoads: Sample[][] = dashboard.map(() => []);
  for (let i = 0; i < Math.max(2, Math.round(n / 2)); i++) {
    const answers = await Promise.all(dashboard.map(timed));
    answers.forEach((answer, k) => pageLoads[k]!.push(answer));
  }
  dashboard.forEach((path, k) => add(path, 'page load', pageLoads[k]!));
  await stride.close();
  return {
    data: values.facts ? `Spark-built facts, ${events} events` : `bank-wide, ${events} events`,
    loadMs,
    figures,
  };
}

/** A seeded generator (mulberry32): the same requests in every run, so runs differ only by the machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type PeakKind = 'indicators' | 'leaderboard' | 'funnel' | 'coverage';
const PEAK_MIX: readonly PeakKind[] = ['indicators', 'indicators', 'indicators', 'indicators', 'leaderboard', 'leaderboard', 'funnel', 'coverage'];

/**
 * The morning's requests in arrival order: a manager drawn at random from all of them opens their page and asks for
 * one widget's result (kinds 4:2:1:1), on their own month or, one time in four, their team's month; a scope already
 * asked 3 times is not asked again (so at most 3 requests share a scope, whatever their kind). Paths under /v1.
 */
function morningRequests(orgTree: readonly { id: string; parentId: string | null; level: string }[], date: string, count: number) {
  const random = seeded(830);
  const managers = orgTree.filter((node) => node.level === 'manager');
  const asked = new Map<string, number>();
  const requests: { kind: PeakKind; path: string }[] = [];
  const capacity = managers.length * 3 + new Set(managers.map((m) => m.parentId)).size * 3;
  while (requests.length < Math.min(count, capacity)) {
    const manager = managers[Math.floor(random() * managers.length)]!;
    const team = manager.parentId!;
    const teamScope = `org=${team}&period=month&date=${date}`;
    const ownScope = `org=${team}&manager=${manager.id}&period=month&date=${date}`;
    const wantTeam = random() < 0.25 && (asked.get(teamScope) ?? 0) < 3;
    const scope = wantTeam ? teamScope : ownScope;
    if ((asked.get(scope) ?? 0) >= 3) continue;
    asked.set(scope, (asked.get(scope) ?? 0) + 1);
    const kind = PEAK_MIX[Math.floor(random() * PEAK_MIX.length)]!;
    const extra = kind === 'leaderboard' ? '&board=managers&metric=points' : '';
    requests.push({ kind, path: `/v1/${kind}?${scope}${extra}` });
  }
  return requests;
}

interface PeakRun {
  date: string;
  loadAverage: string;
  seconds: number;
  connections: number;
  /** Requests offered a second in an open-loop run; absent in a closed-loop one (--connections clients). */
  offeredPerSecond?: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  byKind: Record<string, { requests: number; p50Ms: number; p95Ms: number; p99Ms: number }>;
  non2xx: number;
  errors: number;
  /** The server's CPU time (all its threads) per answered request: what a loaded machine changes least. */
  cpuMsPerRequest: number;
  /** Of that, the JavaScript main thread's (HTTP, JSON, the service's own code); null off Linux. */
  mainThreadCpuMsPerRequest: number | null;
  peakRssMB: number;
  peakHeapMB: number;
  /** After the run and a full garbage collection: what the server keeps, not what it has yet to collect. */
  liveRssMB: number;
  liveHeapMB: number;
  cache: { hits: number; shared: number; misses: number; hitRate: number; keptMB: number; entries: number };
  /** The service's statements: run, and shared with another request's rows that could not differ. */
  statements: { computed: number; shared: number; rowsKept: number };
}

/** Section 4: the morning peak against a server process of its own. */
async function morningPeak(): Promise<PeakRun> {
  const child = fork(new URL('./peak-server.ts', import.meta.url), [], {
    execArgv: [
      '--max-old-space-size=8000',
      '--expose-gc',
      '--import',
      'tsx',
      ...(values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : []),
    ],
    // 08:30 in the bank's zone today: the data ends there and the clock starts (or stands) there
    env: {
      ...process.env,
      ...(values.threads ? { STRIDE_PEAK_THREADS: values.threads } : {}),
      ...(values.clock === 'moving' ? { STRIDE_PEAK_CLOCK: 'moving' } : {}),
      STRIDE_PEAK_NOW: `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())}T08:30:00+08:00`,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies: ((message: PeakServerMessage) => void)[] = [];
  let ready: (message: Extract<PeakServerMessage, { type: 'ready' }>) => void = () => {};
  const started = new Promise<Extract<PeakServerMessage, { type: 'ready' }>>((resolve) => (ready = resolve));
  child.on('message', (message: PeakServerMessage) => {
    if (message.type === 'ready') ready(message);
    else replies.shift()?.(message);
  });
  const ask = <T extends PeakServerMessage['type']>(type: T & PeakBenchMessage['type']) =>
    new Promise<Extract<PeakServerMessage, { type: T }>>((resolve) => {
      replies.push(resolve as (message: PeakServerMessage) => void);
      child.send({ type } satisfies PeakBenchMessage);
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { url, date, orgTree } = await started;
  const origin = new URL(url).origin;
  const base = new URL(url).pathname;

  // a warm-up on last month's scopes (JIT, DuckDB's first plans) that shares no answer with the measured run
  const lastMonth = new Date(Date.parse(`${date}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10);
  const fire = async (list: { kind: PeakKind; path: string }[], duration: number) => {
    let next = 0;
    const latencies: { kind: string; ms: number }[] = [];
    const instance = autocannonRun({
      url: origin,
      connections: Number(values.connections),
      duration,
      // a loaded machine answers late; a timeout would count as an error and drop the latency
      timeout: 60,
      requests: [
        {
          setupRequest: (request, context) => {
            const item = list[next++ % list.length]!;
            // the team's own figures or a manager's own page: a team's scope covers all its managers
            context['kind'] = `${item.kind}, ${item.path.includes('manager=') ? 'own' : 'team'}`;
            return { ...request, path: `${base}${item.path}` };
          },
        },
      ],
    });
    instance.on('response', (client, _status, _bytes, ms) => {
      latencies.push({ kind: client.requestIterator.context['kind'] as string, ms });
    });
    const result = await instance;
    return { result, latencies, used: next };
  };
  /**
   * An open-loop load: request i is due at start + i / rate whatever the answers before it, and its time runs from
   * when it was due, so a server that falls behind shows it in the latencies rather than by slowing the sender
   * (no coordinated omission). Each request has a connection of its own while it needs one (kept alive for the next).
   */
  const openLoop = async (list: { kind: PeakKind; path: string }[], perSecond: number, duration: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1_024 });
    const latencies: { kind: string; ms: number }[] = [];
    const result = { non2xx: 0, errors: 0 };
    const answered: Promise<void>[] = [];
    const total = Math.round(perSecond * duration);
    const start = performance.now() + 20;
    for (let i = 0; i < total; i += 1) {
      const due = start + (i * 1_000) / perSecond;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const item = list[i % list.length]!;
      const kind = `${item.kind}, ${item.path.includes('manager=') ? 'own' : 'team'}`;
      answered.push(
        new Promise((resolve) => {
          get(`${origin}${base}${item.path}`, { agent }, (response) => {
            response.resume();
            response.on('end', () => {
              if ((response.statusCode ?? 0) >= 300) result.non2xx += 1;
              latencies.push({ kind, ms: performance.now() - due });
              resolve();
            });
          }).on('error', () => {
            result.errors += 1;
            resolve();
          });
        }),
      );
    }
    await Promise.all(answered);
    agent.destroy();
    return { result, latencies, used: total };
  };
  await fire(morningRequests(orgTree, lastMonth, 2_000), 3);

  const list = morningRequests(orgTree, date, seconds * 1_000);
  const before = await ask('stats');
  let peakRss = 0;
  let peakHeap = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const sample = await ask('sample');
      peakRss = Math.max(peakRss, sample.rss);
      peakHeap = Math.max(peakHeap, sample.heapUsed);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const { result, latencies, used } = rate === undefined ? await fire(list, seconds) : await openLoop(list, rate, seconds);
  sampling = false;
  await sampler;
  const after = await ask('stats');
  const live = await ask('live');
  child.send({ type: 'stop' } satisfies PeakBenchMessage);
  await exited;
  if (used > list.length) console.warn(`morning peak: the request list (${list.length}) ran out; scopes were asked again`);

  const figures = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return {
      requests: sorted.length,
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms: Math.round(percentile(sorted, 95)),
      p99Ms: Math.round(percentile(sorted, 99)),
    };
  };
  const byKind: PeakRun['byKind'] = {};
  for (const kind of [...new Set(latencies.map((l) => l.kind))].sort())
    byKind[kind] = figures(latencies.filter((l) => l.kind === kind).map((l) => l.ms));
  const all = figures(latencies.map((l) => l.ms));
  const hits = after.hits - before.hits;
  const shared = after.shared - before.shared;
  const misses = after.misses - before.misses;
  return {
    date: new Date().toISOString(),
    loadAverage,
    seconds,
    connections: Number(values.connections),
    ...(rate === undefined ? {} : { offeredPerSecond: rate }),
    requests: all.requests,
    requestsPerSecond: Math.round(all.requests / seconds),
    p50Ms: all.p50Ms,
    p95Ms: all.p95Ms,
    p99Ms: all.p99Ms,
    byKind,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMsPerRequest: Math.round(((after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, all.requests)) * 10) / 10,
    mainThreadCpuMsPerRequest:
      after.mainThreadCpuMicros === null || before.mainThreadCpuMicros === null
        ? null
        : Math.round(((after.mainThreadCpuMicros - before.mainThreadCpuMicros) / 1000 / Math.max(1, all.requests)) * 10) /
          10,
    peakRssMB: Math.round(peakRss / 2 ** 20),
    peakHeapMB: Math.round(peakHeap / 2 ** 20),
    liveRssMB: Math.round(live.rss / 2 ** 20),
    liveHeapMB: Math.round(live.heapUsed / 2 ** 20),
    cache: {
      hits,
      shared,
      misses,
      hitRate: Math.round(((hits + shared) / Math.max(1, hits + shared + misses)) * 1000) / 1000,
      keptMB: Math.round((after.bytes / 2 ** 20) * 10) / 10,
      entries: after.entries,
    },
    statements: {
      computed: after.statementsComputed - before.statementsComputed,
      shared: after.statementsShared - before.statementsShared,
      rowsKept: after.statementRowsKept,
    },
  };
}

if (values['morning-peak']) {
  const run = await morningPeak();
  console.log(
    `\nMorning peak, bank-wide (HTTP on 127.0.0.1, ` +
      (run.offeredPerSecond === undefined
        ? `${run.connections} connections, `
        : `${run.offeredPerSecond} requests a second offered, each timed from when it was due, `) +
      `${run.seconds} s, ` +
      `clock ${values.clock === 'moving' ? 'moving from' : 'standing at'} 08:30, load average ${run.loadAverage})`,
  );
  console.table({
    all: { requests: run.requests, 'req/s': run.requestsPerSecond, p50: run.p50Ms, p95: run.p95Ms, p99: run.p99Ms },
    ...Object.fromEntries(
      Object.entries(run.byKind).map(([kind, f]) => [kind, { requests: f.requests, p50: f.p50Ms, p95: f.p95Ms, p99: f.p99Ms }]),
    ),
  });
  console.log(
    `non-2xx ${run.non2xx}, errors ${run.errors}; server CPU ${run.cpuMsPerRequest} ms a request ` +
      (run.mainThreadCpuMsPerRequest === null ? '' : `(main thread ${run.mainThreadCpuMsPerRequest} ms, the rest DuckDB) `) +
      `(${Math.round(2000 / Math.max(0.1, run.cpuMsPerRequest))} req/s on 2 idle cores at most); server peak RSS ${run.peakRssMB} MB, heap ${run.peakHeapMB} MB ` +
      `(after a full collection ${run.liveRssMB} / ${run.liveHeapMB} MB); ` +
      `cache: ${run.cache.hits} hits, ${run.cache.shared} shared, ${run.cache.misses} computed ` +
      `(hit rate ${(run.cache.hitRate * 100).toFixed(1)}%), ${run.cache.entries} kept in ${run.cache.keptMB} MB; ` +
      `statements: ${run.statements.computed} run, ${run.statements.shared} shared, ${run.statements.rowsKept} rows kept`,
  );
  const file = new URL('../../bench/results.json', import.meta.url);
  const existing = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Record<string, unknown>;
  const server = (existing['server'] ?? {}) as Record<string, unknown>;
  const peaks = (server['morningPeak'] ?? {}) as Record<string, unknown[]>;
  const label = values.label ?? 'default';
  peaks[label] = [...(peaks[label] ?? []), { node: process.version, ...run }];
  existing['server'] = { ...server, morningPeak: peaks };
  writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`);
  process.exit(0);
}

if (values.endpoints || values.facts) {
  const run = await endpointFigures();
  console.log(`\nEvery endpoint, ${run.data} (HTTP on 127.0.0.1, ms; page load = the dashboard's requests at once)`);
  console.table(
    run.figures.map((f) => ({
      endpoint: f.endpoint,
      query: f.query,
      mode: f.mode,
      n: f.requests,
      p50: f.p50Ms,
      p95: f.p95Ms,
      'CPU p50': f.mode === 'one at a time' ? f.cpuP50Ms : '',
      KB: Math.round(f.bytes / 1024),
    })),
  );
  const file = new URL('../../bench/results.json', import.meta.url);
  const existing = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Record<string, unknown>;
  const server = (existing['server'] ?? {}) as Record<string, unknown>;
  const endpoints = (server['endpoints'] ?? {}) as Record<string, unknown>;
  endpoints[values.label ?? run.data] = { date: new Date().toISOString(), node: process.version, ...run };
  existing['server'] = { ...server, endpoints };
  writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`);
  process.exit(0);
}

const engineRuns: EngineRun[] = [];
const loadRuns: LoadRun[] = [];

{
  const pilot = generatePilot({ today: TODAY, now: NOW });
  const warehouse = await openWarehouse({ ...pilot, now: () => NOW });
  loadRuns.push(...(await underLoad(warehouse, pilot, `pilot (${pilot.events.length} events)`)));
  await warehouse.close();
}

for (const events of values.big ? [1_000_000, 10_000_000] : [1_000_000]) {
  const start = performance.now();
  const data = bankWide(events);
  const generateMs = ms(start);
  const { run, warehouse } = await allFour(data);
  const ratio = (a: number, b: number): number => Math.round((a / Math.max(b, 1)) * 100) / 100;
  engineRuns.push({
    events,
    generateMs,
    ...run,
    ratio: {
      load: ratio(run.engine.indexMs, run.duckdb.loadMs),
      queries: ratio(run.engine.queriesMs, run.duckdb.queriesMs),
      warmQueries: ratio(run.engine.queriesMs, run.duckdb.warmQueriesMs),
    },
  });
  if (events === 1_000_000) loadRuns.push(...(await underLoad(warehouse, data, 'bank-wide (1,000,000 events)')));
  await warehouse.close();
}

console.log('\nAll four results, one branch-month scope (ms; ratio = engine / DuckDB, >1 means DuckDB is faster)');
console.table(
  engineRuns.map((r) => ({
    events: r.events,
    'engine index': r.engine.indexMs,
    'engine 4 results': r.engine.queriesMs,
    'duckdb load': r.duckdb.loadMs,
    'duckdb 4 results': r.duckdb.queriesMs,
    'duckdb 4 warm': r.duckdb.warmQueriesMs,
    'ratio load': r.ratio.load,
    'ratio results': r.ratio.queries,
  })),
);
console.log(`\nServer under load on 127.0.0.1 (autocannon, ${seconds} s each, 4 connections, a team's month)`);
console.table(loadRuns.map((r) => ({ data: r.data, endpoint: r.endpoint, 'req/s': r.requestsPerSecond, 'p99 ms': r.p99Ms, non2xx: r.non2xx })));

const file = new URL('../../bench/results.json', import.meta.url);
const existing: Record<string, unknown> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
existing['server'] = {
  // section 3's runs stay beside the other sections' figures
  endpoints: (existing['server'] as { endpoints?: unknown } | undefined)?.endpoints,
  date: new Date().toISOString(),
  node: process.version,
  machine: '2 cores shared',
  allFourResults: engineRuns,
  underLoad: loadRuns,
};
writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`);
