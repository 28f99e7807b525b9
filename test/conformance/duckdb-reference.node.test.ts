/**
 * The conformance kit against the real reference back end (the metric SQL on DuckDB, packages/server): what a bank
 * runs against its own service must pass every check on ours.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runConformance } from '../../packages/conformance/src/index.js';
import { createMetricsService } from '../../packages/server/src/metrics.js';
import { createStrideServer, type StrideServer } from '../../packages/server/src/server.js';
import { openWarehouse, type Warehouse } from '../../packages/server/src/warehouse.js';
import { generatePilot } from '../../mocks/pilot/index.js';

const NOW = new Date('2026-03-10T15:30:00+08:00');
const TOKEN = 'conformance-run';
let warehouse: Warehouse;
let server: StrideServer;
let base: string;

before(async () => {
  warehouse = await openWarehouse({
    ...generatePilot({ today: '2026-03-10', now: NOW, managers: 16, grids: 20, events: 6_000 }),
    now: () => NOW,
  });
  server = createStrideServer({
    warehouse,
    metrics: createMetricsService(warehouse),
    verify: ({ headers }) => (headers.authorization === `Bearer ${TOKEN}` ? { ok: true } : { ok: false, status: 401 }),
  });
  base = (await server.listen(0, '127.0.0.1')).url;
});
after(async () => {
  await server.close();
});

test('the DuckDB reference server passes every conformance check', async () => {
  const report = await runConformance({
    url: base,
    headers: { Authorization: `Bearer ${TOKEN}` },
    dates: ['2026-03-10', '2026-02-27'],
    now: () => NOW,
    maxRequests: 300,
  });
  const failed = report.checks
    .filter((c) => c.status === 'fail')
    .map((c) => `${c.id}: ${c.examples.map((e) => e.message).join('; ')}`);
  assert.deepEqual(failed, []);
  assert.ok(report.requests.made > 50, `made ${report.requests.made} requests`);
  assert.equal(report.checks.filter((c) => c.status === 'pass').length >= 10, true);
});
