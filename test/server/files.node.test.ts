/**
 * A bank's files (as mocks/write-pilot.ts writes them) load into the same numbers as the in-memory pilot: DuckDB
 * reads the event CSV itself, the dimensions go through the kit's CSV readers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import {
  calendarToCsv,
  eventsToCsv,
  generatePilot,
  orgTreeToCsv,
  PILOT_CATALOGUE,
  suppliedToCsv,
  targetsToCsv,
} from '../../mocks/pilot/index.js';
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

it('loads supplied.csv and catalogue.json: the deposit balance and AUM equal the engine on the same rows', async () => {
  const own = mkdtempSync(join(tmpdir(), 'stride-supplied-'));
  try {
    writeFileSync(join(own, 'events.csv'), eventsToCsv(pilot.events));
    writeFileSync(join(own, 'roster.csv'), orgTreeToCsv(pilot.orgTree));
    writeFileSync(join(own, 'targets.csv'), targetsToCsv(pilot.targets));
    writeFileSync(join(own, 'calendar.csv'), calendarToCsv(pilot.calendar));
    writeFileSync(join(own, 'supplied.csv'), suppliedToCsv(pilot.supplied));
    writeFileSync(join(own, 'catalogue.json'), JSON.stringify(PILOT_CATALOGUE));
    const options = await loadDataDirectory(own);
    assert.equal(options.supplied?.length, pilot.supplied.length);
    const warehouse = await openWarehouse({ ...options, now: () => NOW });
    try {
      const sql = createMetricsService(warehouse);
      const { pilot: _configured, grids: _grids, ...rest } = pilot;
      const engine = createMetricsEngine({ ...rest, catalogue: PILOT_CATALOGUE, now: () => NOW });
      const q = { scope: { org: 'br-hz', period: 'month' as const, date: '2026-03-10' }, rows: 'managers' as const };
      const balances = (result: Awaited<ReturnType<typeof sql.indicators>>) =>
        result.indicators.filter((i) => i.id === 'deposits' || i.id === 'aum').map(({ trend: _t, ...i }) => i);
      const fromFiles = await sql.indicators(q);
      assert.deepStrictEqual(balances(fromFiles), balances(engine.indicators(q)));
      const deposits = fromFiles.indicators.find((i) => i.id === 'deposits')!;
      // the branch's balance on the 10th, its balance on the last day of February and a month target above that
      assert.ok(deposits.value! > 1e9 && deposits.opening! > 1e9 && deposits.target! > deposits.opening!);
      assert.equal(fromFiles.rows!.length, 40);
      assert.ok(fromFiles.rows!.every((row) => typeof row.openings?.['deposits'] === 'number'));
    } finally {
      await warehouse.close();
    }
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
});

it('refuses a catalogue.json entry it cannot use, naming it', async () => {
  const own = mkdtempSync(join(tmpdir(), 'stride-catalogue-'));
  try {
    writeFileSync(join(own, 'events.csv'), eventsToCsv(pilot.events.slice(0, 10)));
    writeFileSync(join(own, 'roster.csv'), orgTreeToCsv(pilot.orgTree));
    const label = { 'zh-CN': '贷款余额', en: 'Loans' };
    writeFileSync(
      join(own, 'catalogue.json'),
      JSON.stringify([{ id: 'loans', unit: 'amount', measure: 'stock', label }]),
    );
    await assert.rejects(loadDataDirectory(own), /catalogue\[0\]\.measure: expected "flow" \| "balance", got "stock"/);
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
});
