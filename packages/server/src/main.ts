/**
 * Starts the reference server on loopback:
 *
 *   node --import tsx packages/server/src/main.ts [--port 8787] [--host 127.0.0.1] [--data DIR]
 *        [--origin http://localhost:5173 ...] [--bank-wide] [--events N] [--managers N] [--grids N]
 *        [--now ISO-DATE-TIME]
 *        [--facts DIR [--watch-facts]] [--progress line|lines|none]
 *        [--digest 08:00,17:30 [--org ID] [--state FILE] [--digest-lang zh-CN|en] [--digest-period month]
 *         [--robot wecom|dingtalk] [--font FILE] [--image-base-url URL [--image-dir DIR]]]
 *
 * Without --data it serves the synthetic pilot (mocks/pilot), ending today. With --data it loads the files that
 * mocks/write-pilot.ts writes (events.csv or events.parquet, roster.json or roster.csv, grids.geojson,
 * targets.csv, calendar.csv). --now fixes the server's clock (and the synthetic pilot's last day) for reproducible
 * numbers, as tests need. STRIDE_TOKEN, when set, is the bearer token every request must carry; a bank
 * replaces `verify` with its portal's session check.
 *
 * --facts serves the facts the Spark job wrote. SIGHUP (or, with --watch-facts, a new `lead_firsts/_SUCCESS` from
 * the job) reads them again and swaps the new version in without a restart (docs/warehouse.md, the refresh cycle).
 * Loading progress goes to stdout: one line rewritten in place on a terminal (`line`), else a line per phase
 * once loading has taken over a second (`lines`).
 *
 * --digest posts the day's digest to a WeCom or DingTalk group robot at those times (the bank's zone, working days;
 * ./digest/schedule.ts). The webhook and signing secret come only from STRIDE_DIGEST_WEBHOOK and STRIDE_DIGEST_SECRET.
 */
import { watchFile } from 'node:fs';
import { parseArgs } from 'node:util';
import { timingSafeEqual } from 'node:crypto';
import { BANK_WIDE, generatePilot, PILOT_CATALOGUE, type PilotOptions } from '../../../mocks/pilot/index.js';
import { loadDataDirectory } from './files.js';
import { createDayWarmer } from './day-warmer.js';
import { createMetricsService } from './metrics.js';
import { DIGEST_FLAGS, refuseSecretsOnCommandLine, startDigestSchedule } from './digest/cli.js';
import { createStrideServer, type VerifyResult } from './server.js';
import { openWarehouse, type LoadProgress, type Warehouse, type WarehouseOptions } from './warehouse.js';

try {
  refuseSecretsOnCommandLine(process.argv);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    ...DIGEST_FLAGS,
    port: { type: 'string', default: process.env['PORT'] ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    origin: { type: 'string', multiple: true },
    // the synthetic bank of 10,000 managers (mocks/pilot BANK_WIDE); --events, --managers, --grids override it
    'bank-wide': { type: 'boolean', default: false },
    events: { type: 'string' },
    managers: { type: 'string' },
    grids: { type: 'string' },
    now: { type: 'string' },
    // lead_firsts and facts as the Spark job wrote them (packages/warehouse-spark BuildFacts --out DIR)
    facts: { type: 'string' },
    'watch-facts': { type: 'boolean', default: false },
    progress: { type: 'string', default: process.stdout.isTTY ? 'line' : 'lines' },
  },
});

const fixedNow = values.now === undefined ? undefined : new Date(values.now);
if (fixedNow && Number.isNaN(fixedNow.getTime())) {
  console.error(`--now must be an ISO date-time such as 2026-11-24T18:00:00+08:00, got "${values.now}"`);
  process.exit(2);
}

const pilotOptions: PilotOptions = values['bank-wide'] ? { ...BANK_WIDE } : {};
if (values.events) pilotOptions.events = Number(values.events);
if (values.managers) pilotOptions.managers = Number(values.managers);
if (values.grids) pilotOptions.grids = Number(values.grids);
if (fixedNow) pilotOptions.now = fixedNow;

const started = performance.now();
const report = loadReporter(values.progress === 'line' ? 'line' : values.progress === 'none' ? 'none' : 'lines');
report({ phase: values.data ? 'reading files' : 'generating data' });

/**
 * Reads or generates the data and loads it. Only what the digest needs is kept from the input: the events stay in
 * DuckDB alone, not also as a million objects on this process's heap.
 */
async function load(): Promise<{
  warehouse: Warehouse;
  digestData: Pick<WarehouseOptions, 'orgTree' | 'calendar'> & { timeZone: string };
}> {
  // the synthetic pilot's catalogue adds its supplied balances (deposits, AUM) to the ten event indicators
  const input: WarehouseOptions = values.data
    ? await loadDataDirectory(values.data)
    : { ...generatePilot(pilotOptions), catalogue: PILOT_CATALOGUE };
  const warehouse = await openWarehouse({
    ...input,
    ...(fixedNow ? { now: () => fixedNow } : {}),
    ...(values.facts ? { factsDir: values.facts } : {}),
    onProgress: report,
  });
  return {
    warehouse,
    digestData: { orgTree: input.orgTree, timeZone: input.timeZone ?? 'Asia/Shanghai', calendar: input.calendar },
  };
}
const { warehouse, digestData } = await load();
report(undefined);
const token = process.env['STRIDE_TOKEN'];

function bearerMatches(header: string | undefined): boolean {
  if (token === undefined) return true;
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const metrics = createMetricsService(warehouse);
const stride = createStrideServer({
  warehouse,
  metrics,
  allowedOrigins:
    values.origin ??
    (process.env['STRIDE_ORIGINS'] ?? 'http://localhost:5173,http://127.0.0.1:5173,http://localhost:6006').split(','),
  verify: ({ headers }): VerifyResult =>
    bearerMatches(headers.authorization)
      ? { ok: true }
      : { ok: false, status: 401, detail: 'missing or wrong bearer token' },
});
const { url } = await stride.listen(Number(values.port), values.host);
console.log(`stride-server: ${url} (loaded in ${Math.round(performance.now() - started)} ms)`);
const today = createDayWarmer({ zone: warehouse.zone, now: () => warehouse.now().getTime(), warm: warmToday });
void today.warmNow();
today.start();

let digest: ReturnType<typeof startDigestSchedule> | undefined;
if (values.digest !== undefined) {
  try {
    digest = startDigestSchedule(values, {
      source: metrics,
      orgTree: digestData.orgTree,
      timeZone: digestData.timeZone,
      calendar: digestData.calendar,
    });
    digest.start();
  } catch (error) {
    console.error(`stride-digest: ${(error as Error).message}`);
    process.exit(2);
  }
}

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  digest?.stop();
  today.stop();
  console.log(`stride-server: ${signal}, finishing requests in flight`);
  stride.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('stride-server: unclean shutdown', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGHUP', () => refresh('SIGHUP'));
if (values.facts && values['watch-facts']) {
  // Spark writes _SUCCESS once an output is complete; lead_firsts is the job's last output
  watchFile(`${values.facts.replace(/\/+$/, '')}/lead_firsts/_SUCCESS`, { interval: 5_000 }, (now, before) => {
    if (now.mtimeMs > 0 && now.mtimeMs !== before.mtimeMs) refresh('new facts from the job');
  });
}

function refresh(why: string): void {
  if (!warehouse.refresh || !values.facts) {
    console.log(`stride-server: ${why}: nothing to refresh (not serving --facts)`);
    return;
  }
  warehouse.refresh().then(
    (done) => {
      console.log(`stride-server: ${why}: data version ${done.version}, ${done.facts} facts, ${done.ms} ms`);
      void today.warmNow();
    },
    (error: unknown) => console.error(`stride-server: ${why}: refresh failed, still serving the previous data`, error),
  );
}

/**
 * Today's figures for every manager's and team's month, then every team's statements, computed now rather than by
 * the morning's first requests: after the load, after each refresh, and as each bank day begins (./day-warmer.ts).
 */
async function warmToday(): Promise<void> {
  const warming = performance.now();
  try {
    await metrics.warmToday?.();
    await metrics.warmTeams?.();
    console.log(
      `stride-server: today's figures and every team's statements ready in ${Math.round(performance.now() - warming)} ms`,
    );
  } catch (error) {
    console.error("stride-server: warming today's figures failed; requests compute them", error);
  }
}

type LoadStep = LoadProgress | { phase: 'generating data' | 'reading files'; rows?: number; total?: number };

/**
 * Loading progress on the console, kept short: on a terminal one line rewritten in place (phase, rows so far of
 * the total); elsewhere (a log, or `npm start` relaying it) one line per finished phase, and only once loading
 * has taken over a second, so a quick start stays a single line. `undefined` ends the report.
 */
function loadReporter(mode: 'line' | 'lines' | 'none'): (step: LoadStep | undefined) => void {
  const begun = performance.now();
  let latest: LoadStep | undefined;
  let phaseBegun = begun;
  const number = new Intl.NumberFormat('en');
  const rowsOf = (step: LoadStep): string =>
    step.total !== undefined
      ? ` ${number.format(step.rows ?? 0)} / ${number.format(step.total)} rows`
      : step.rows !== undefined
        ? ` ${number.format(step.rows)} rows`
        : '';
  const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  return (step) => {
    if (mode === 'line') {
      process.stdout.write(
        step ? `\r\x1b[2Kstride-server: loading ${step.phase}${rowsOf(step)} (${seconds(begun)})` : '\r\x1b[2K',
      );
    } else if (mode === 'lines' && latest && latest.phase !== step?.phase && performance.now() - begun >= 1_000) {
      console.log(`stride-server: ${latest.phase}${rowsOf(latest)} in ${seconds(phaseBegun)}`);
    }
    if (latest?.phase !== step?.phase) phaseBegun = performance.now();
    latest = step;
  };
}
