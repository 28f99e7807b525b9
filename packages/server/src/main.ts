/**
 * Starts the reference server on loopback:
 *
 *   node --import tsx packages/server/src/main.ts [--port 8787] [--host 127.0.0.1] [--data DIR]
 *        [--origin http://localhost:5173 ...] [--events N] [--managers N] [--grids N] [--now ISO-DATE-TIME]
 *
 * Without --data it serves the synthetic pilot (mocks/pilot), ending today. With --data it loads the files that
 * mocks/write-pilot.ts writes (events.csv or events.parquet, roster.json or roster.csv, grids.geojson,
 * targets.csv, calendar.csv). --now fixes the server's clock (and the synthetic pilot's last day) for reproducible
 * numbers, as tests need. STRIDE_TOKEN, when set, is the bearer token every request must carry; a bank
 * replaces `verify` with its portal's session check.
 */
import { parseArgs } from 'node:util';
import { timingSafeEqual } from 'node:crypto';
import { generatePilot, type PilotOptions } from '../../../mocks/pilot/index.js';
import { loadDataDirectory } from './files.js';
import { createMetricsService } from './metrics.js';
import { createStrideServer, type VerifyResult } from './server.js';
import { openWarehouse, type WarehouseOptions } from './warehouse.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['PORT'] ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    origin: { type: 'string', multiple: true },
    events: { type: 'string' },
    managers: { type: 'string' },
    grids: { type: 'string' },
    now: { type: 'string' },
    // lead_firsts and facts as the Spark job wrote them (packages/warehouse-spark BuildFacts --out DIR)
    facts: { type: 'string' },
  },
});

const fixedNow = values.now === undefined ? undefined : new Date(values.now);
if (fixedNow && Number.isNaN(fixedNow.getTime())) {
  console.error(`--now must be an ISO date-time such as 2026-11-24T18:00:00+08:00, got "${values.now}"`);
  process.exit(2);
}

const pilotOptions: PilotOptions = {};
if (values.events) pilotOptions.events = Number(values.events);
if (values.managers) pilotOptions.managers = Number(values.managers);
if (values.grids) pilotOptions.grids = Number(values.grids);
if (fixedNow) pilotOptions.now = fixedNow;

const started = performance.now();
const input: WarehouseOptions = values.data ? await loadDataDirectory(values.data) : generatePilot(pilotOptions);
const warehouse = await openWarehouse({
  ...input,
  ...(fixedNow ? { now: () => fixedNow } : {}),
  ...(values.facts ? { factsDir: values.facts } : {}),
});
const token = process.env['STRIDE_TOKEN'];

function bearerMatches(header: string | undefined): boolean {
  if (token === undefined) return true;
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const stride = createStrideServer({
  warehouse,
  metrics: createMetricsService(warehouse),
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

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
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
process.on('SIGTERM', () => stop('SIGTERM'));
