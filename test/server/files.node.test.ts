/**
 * A bank's files (as mocks/write-pilot.ts writes them) load into the same numbers as the in-memory pilot: DuckDB
 * reads the event CSV itself, the dimensions go through the kit's CSV readers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { calendarToCsv, eventsToCsv, generatePilot, orgTreeToCsv, targetsToCsv } from '../../mocks/pilot/index.js';
import { createMetricsEngine } from '../../packages/core/src/engine/index.js';
import { loadDataDirectory } from '../../packages/server/src/files.js';
import { createMetricsService } from '../../packages/server/src/metrics.js';
import { openWarehouse } from '../../packages/server/src/warehouse.js';

const NOW = new Date('2026-03-10T15:30:00+08:00');
const pilot = generatePilot({ today: '2026-03-10', now: NOW });
const dir = mkdtempSync(join(tmpdir(), 'stride-server-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it("loads events.csv, roster.csv, grids.geojson, targets.csv and calendar.csv into the engine's numbers", async () => {
  writeFileSync(join(dir, 'events.csv'), eventsToCsv(pilot.events));
  writeFileSync(join(dir, 'roster.csv'), orgTreeToCsv(pilot.orgTree));
  writeFileSync(join(dir, 'grids.geojson'), JSON.stringify(pilot.grids));
  writeFileSync(join(dir, 'targets.csv'), targetsToCsv(pilot.targets));
  writeFileSync(join(dir, 'calendar.csv'), calendarToCsv(pilot.calendar));
  const options = await loadDataDirectory(dir);
  const warehouse = await openWarehouse({ ...options, now: () => NOW });
  try {
    const sql = createMetricsService(warehouse);
    // the files carry no pilot dates, so `pilot` is first to last event date on both sides (the Definitions' default)
    const { pilot: _configured, ...withoutPilotDates } = pilot;
    const engine = createMetricsEngine({ ...withoutPilotDates, now: () => NOW });
    const scope = { org: 'bank', period: 'pilot' as const, date: '2026-03-10' };
    assert.deepStrictEqual(
      await sql.indicators({ scope, rows: 'children' }),
      engine.indicators({ scope, rows: 'children' }),
    );
    const board = { scope: { ...scope, period: 'week' as const }, board: 'managers' as const, metric: 'points' };
    assert.deepStrictEqual(await sql.leaderboard(board), engine.leaderboard(board));
  } finally {
    await warehouse.close();
  }
});
