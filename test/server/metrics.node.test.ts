/**
 * The SQL definitions and the TypeScript engine must give the same numbers: every result for many scopes,
 * periods and dates of the synthetic pilot, compared as JSON with fractions rounded to 4 decimals and amounts in
 * integer fen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LeaderboardQuery, PeriodKind, Scope } from '../../packages/core/src/contracts.js';
import { PERIOD_KINDS } from '../../packages/core/src/contracts.js';
import { createMetricsEngine, type MetricsEngine } from '../../packages/core/src/engine/index.js';
import { createMetricsService, type MetricsService } from '../../packages/server/src/metrics.js';
import { openWarehouse, type Warehouse } from '../../packages/server/src/warehouse.js';
import { generatePilot } from '../../mocks/pilot/index.js';

// Mid-afternoon on the pilot's last day: today is partial, so asOf, the claim window and late logs all matter.
const NOW = new Date('2026-03-10T15:30:00+08:00');
const pilot = generatePilot({ today: '2026-03-10', now: NOW });
const input = { ...pilot, now: () => NOW };

function normalise(value: unknown, key = ''): unknown {
  if (typeof value === 'number') {
    if (key === 'amount') return Math.round(value * 100);
    return Number.isInteger(value) ? value : Math.round(value * 10_000) / 10_000;
  }
  if (Array.isArray(value)) return value.map((item) => normalise(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, k)]));
  }
  return value;
}

const subbranch = pilot.orgTree.find((node) => node.level === 'subbranch')!.id;
const team = pilot.orgTree.filter((node) => node.level === 'team').at(-1)!.id;
const manager = pilot.orgTree.find((node) => node.level === 'manager' && node.parentId === team)!.id;
const SCOPES: Omit<Scope, 'period' | 'date'>[] = [
  { org: 'bank' },
  { org: subbranch },
  { org: team },
  { org: team, manager },
];
// today, a holiday inside the pilot (Spring Festival), the pilot's first day, and a day before any event
const DATES = ['2026-03-10', '2026-02-10', '2026-01-10', '2025-12-20'];
const BOARDS: LeaderboardQuery['board'][] = ['managers', 'teams', 'subbranches', 'branches'];
const METRICS = ['points', 'claim_rate', 'conversions', 'followup_rate', 'logged_rate', 'visits'];

describe("SQL on DuckDB gives the TypeScript engine's numbers on the synthetic pilot", () => {
  let warehouse: Warehouse;
  let sql: MetricsService;
  let engine: MetricsEngine;
  before(async () => {
    engine = createMetricsEngine(input);
    warehouse = await openWarehouse(input);
    sql = createMetricsService(warehouse);
  });
  after(() => warehouse.close());

  const same = (actual: unknown, expected: unknown, label: string): void =>
    assert.deepStrictEqual(normalise(actual), normalise(expected), label);

  for (const period of PERIOD_KINDS as PeriodKind[]) {
    it(`indicators, funnel, coverage and a leaderboard agree for period=${period}`, async () => {
      let n = 0;
      for (const date of DATES) {
        for (const base of SCOPES) {
          const scope: Scope = { ...base, period, date };
          const label = JSON.stringify(scope);
          const rows = n % 3 === 0 ? undefined : n % 3 === 1 ? 'managers' : 'children';
          const indicatorsQuery = rows ? { scope, rows: rows as 'managers' | 'children' } : { scope };
          same(
            await sql.indicators(indicatorsQuery),
            engine.indicators(indicatorsQuery),
            `indicators ${label} rows=${rows}`,
          );
          same(await sql.funnel({ scope }), engine.funnel({ scope }), `funnel ${label}`);
          same(await sql.coverage({ scope }), engine.coverage({ scope }), `coverage ${label}`);
          const board = { scope, board: BOARDS[n % BOARDS.length]!, metric: METRICS[n % METRICS.length]! };
          same(
            await sql.leaderboard(board),
            engine.leaderboard(board),
            `leaderboard ${label} ${board.board}/${board.metric}`,
          );
          n++;
        }
      }
    });
  }

  it('managers board with points, streaks and badges agrees on every day of the last three weeks', async () => {
    for (let day = 0; day < 21; day++) {
      const date = new Date(Date.UTC(2026, 1, 18 + day)).toISOString().slice(0, 10);
      const q: LeaderboardQuery = { scope: { org: 'bank', period: 'week', date }, board: 'managers', metric: 'points' };
      same(await sql.leaderboard(q), engine.leaderboard(q), `leaderboard ${date}`);
    }
  });

  it('a pilot-wide board hands out badges, so the badge SQL is exercised, not just empty lists', async () => {
    const q: LeaderboardQuery = {
      scope: { org: 'bank', period: 'pilot', date: '2026-03-10' },
      board: 'managers',
      metric: 'points',
    };
    const result = await sql.leaderboard(q);
    const kinds = new Set(result.entries.flatMap((entry) => (entry.badges ?? []).map((badge) => badge.id)));
    assert.ok(kinds.has('champion_week') && kinds.has('first_conversion'), `badges seen: ${[...kinds].join(', ')}`);
    assert.ok(result.entries.some((entry) => (entry.streak ?? 0) > 0));
  });

  it('grids and the org tree agree', async () => {
    for (const org of ['bank', subbranch, team]) same(await sql.grids({ org }), engine.grids({ org }), `grids ${org}`);
    same(await sql.orgTree(), engine.orgTree(), 'org tree');
  });
});
