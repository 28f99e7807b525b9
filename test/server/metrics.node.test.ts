/**
 * The SQL definitions on DuckDB and the TypeScript engine must give the same numbers on the pilot parity matrix
 * (parity-matrix.ts; test/engines runs the same matrix on Spark, PostgreSQL and ClickHouse).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LeaderboardQuery, PeriodKind } from '../../packages/core/src/contracts.js';
import { PERIOD_KINDS } from '../../packages/core/src/contracts.js';
import { createMetricsEngine, type MetricsEngine } from '../../packages/core/src/engine/index.js';
import { generatePilot } from '../../mocks/pilot/index.js';
import { createMetricsService, type MetricsService } from '../../packages/server/src/metrics.js';
import { openWarehouse, type Warehouse } from '../../packages/server/src/warehouse.js';
import {
  LATER_PILOT,
  NOW,
  baselineCases,
  boardMetricCases,
  suppliedBoardCases,
  dailyBoardCases,
  dimensionCases,
  input,
  alertsCases,
  leadsCases,
  normalise,
  openOverdueCases,
  periodCases,
  pilot,
  type ParityCase,
  withPilot,
} from './parity-matrix.js';

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

  const agree = async (cases: readonly ParityCase[]): Promise<void> => {
    for (const c of cases) assert.deepStrictEqual(normalise(await c.sql(sql)), normalise(c.engine(engine)), c.label);
  };

  for (const period of PERIOD_KINDS as PeriodKind[]) {
    it(`indicators, funnel, coverage and a leaderboard agree for period=${period}`, () => agree(periodCases(period)));
  }

  it('the funnel and the indicators against the time before a configured pilot start agree (baselineRate, baseline)', async () => {
    const later = createMetricsService(withPilot(warehouse, LATER_PILOT));
    const laterEngine = createMetricsEngine({ ...input, pilot: LATER_PILOT });
    const cases = baselineCases();
    for (const c of cases)
      assert.deepStrictEqual(normalise(await c.sql(later)), normalise(c.engine(laterEngine)), c.label);
    // the rates are there to compare: a month's window is reached, a quarter's is not
    const month = await later.funnel({ scope: { org: 'bank', period: 'month', date: '2026-03-10' } });
    assert.ok(month.stages.slice(1).every((stage) => typeof stage.baselineRate === 'number'));
    const quarter = await later.funnel({ scope: { org: 'bank', period: 'quarter', date: '2026-03-10' } });
    assert.ok(quarter.stages.every((stage) => !('baselineRate' in stage)));
    // the bank has no target row, so no given baseline: its month's are derived, the deposit balance's is not
    const bank = await later.indicators({ scope: { org: 'bank', period: 'month', date: '2026-03-10' } });
    const baseline = (id: string) => bank.indicators.find((item) => item.id === id)?.baseline;
    assert.ok(typeof baseline('contacted') === 'number' && baseline('contacted')! > 0);
    assert.ok(typeof baseline('claim_rate') === 'number');
    assert.equal(baseline('deposits'), null);
    // without a configured start there is no time before the pilot to derive from
    const own = await sql.indicators({ scope: { org: 'bank', period: 'month', date: '2026-03-10' } });
    assert.equal(own.indicators.find((item) => item.id === 'contacted')?.baseline, null);
  });

  it('managers board with points, streaks and badges agrees on every day of the last three weeks', () =>
    agree(dailyBoardCases()));

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

  it('every board agrees with every metric (points and each indicator), month and pilot', () =>
    agree(boardMetricCases()));

  it('boards ranked by a supplied balance agree on every period kind, before any balance row included', async () => {
    await agree(suppliedBoardCases());
    // there is something to rank: today's deposits board has every manager's balance
    const board = await sql.leaderboard({
      scope: { org: 'bank', period: 'month', date: '2026-03-10' },
      board: 'managers',
      metric: 'deposits',
    });
    assert.ok(board.entries.length > 0 && board.entries.every((entry) => typeof entry.value === 'number'));
    assert.ok(board.entries.every((entry) => typeof entry.previousValue === 'number'));
  });

  it('grids and the org tree agree', () => agree(dimensionCases()));

  it('open overdue agrees lead by lead (stage, entered, hours past the SLA) for every scope and date', async () => {
    await agree(openOverdueCases());
    // not a vacuous agreement: the pilot's last day has open overdue leads at the bank, beyond this month's cohort
    const today = await sql.openOverdue({ org: 'bank', period: 'month', date: '2026-03-10' });
    assert.ok(today.leads.length > 0);
    const cohort = (await sql.funnel({ scope: { org: 'bank', period: 'month', date: '2026-03-10' } })).stages;
    const cohortOverdue = cohort.reduce((sum, stage) => sum + (stage.overdue ?? 0), 0);
    assert.ok(
      today.leads.length > cohortOverdue,
      `${today.leads.length} open overdue vs ${cohortOverdue} in the cohort`,
    );
  });

  it('alerts from the SQL rows equal the TypeScript derivation for every scope, date and row kind', async () => {
    await agree(alertsCases());
    // every rule comes up, so the agreement covers each of them: pace and overdue on the pilot's last day, inactive
    // before the first event (nobody has acted yet)
    const today = await sql.alerts({ scope: { org: 'bank', period: 'month', date: '2026-03-10' }, rows: 'managers' });
    assert.deepEqual([...new Set(today.alerts.map((alert) => alert.rule))].sort(), ['overdue', 'pace']);
    const before = await sql.alerts({ scope: { org: 'bank', period: 'month', date: '2025-12-20' }, rows: 'managers' });
    assert.ok(before.alerts.some((alert) => alert.rule === 'inactive'));
  });

  it('indicator rows carry overdue and lastActionAt from the SQL', async () => {
    const result = await sql.indicators({
      scope: { org: 'bank', period: 'day', date: '2026-03-10' },
      rows: 'managers',
    });
    const rows = result.rows!;
    assert.ok(rows.some((row) => (row.overdue ?? 0) > 0));
    assert.ok(rows.every((row) => row.lastActionAt === null || /^2026-0[1-3]-\d\dT/.test(row.lastActionAt!)));
  });

  it('the leads behind every number agree: each filter kind, sort key and a second page', () => agree(leadsCases()));

  // Written out by hand from the calendar, not computed by the helper both sides share: weeks start on Monday, the
  // pilot runs from its configured first day to its last (2026-01-10 to 2026-03-10 in this pilot).
  it('period bounds are the calendar periods written out by hand', async () => {
    const expected: Record<PeriodKind, [string, string, string]> = {
      day: ['2026-03-10', '2026-03-10', '2026-03-10'],
      week: ['2026-03-10', '2026-03-09', '2026-03-15'],
      month: ['2026-02-10', '2026-02-01', '2026-02-28'],
      quarter: ['2026-03-10', '2026-01-01', '2026-03-31'],
      year: ['2025-12-20', '2025-01-01', '2025-12-31'],
      pilot: ['2026-02-10', pilot.pilot.start, pilot.pilot.end],
    };
    assert.deepEqual([pilot.pilot.start, pilot.pilot.end], ['2026-01-10', '2026-03-10']);
    for (const [period, [date, start, end]] of Object.entries(expected) as [PeriodKind, [string, string, string]][]) {
      const result = await sql.indicators({ scope: { org: 'bank', period, date } });
      assert.deepEqual(result.period, { start, end }, `${period} containing ${date}`);
      assert.deepEqual(engine.indicators({ scope: { org: 'bank', period, date } }).period, { start, end });
    }
  });
});

describe('a live day on DuckDB', () => {
  it('pages through one snapshot while the clock moves on, as the TypeScript engine does', async () => {
    let clock = input.now().getTime();
    const live = { ...input, now: () => new Date(clock) };
    const warehouse = await openWarehouse(live);
    try {
      const sql = createMetricsService(warehouse);
      const engine = createMetricsEngine(live);
      const branch = pilot.orgTree.find((node) => node.level === 'branch')!;
      const q = { scope: { org: branch.id, period: 'day' as const, date: pilot.today }, filter: {}, limit: 5 };
      const first = await sql.leads!(q);
      const firstByEngine = engine.leads(q);
      assert.ok(first.nextCursor, `${first.total} leads today`);
      clock += 30 * 60_000;
      const second = await sql.leads!({ ...q, cursor: first.nextCursor });
      assert.equal(second.asOf, first.asOf);
      assert.deepStrictEqual(
        normalise(second),
        normalise(engine.leads({ ...q, cursor: firstByEngine.nextCursor! })),
        'the same next page as the engine',
      );
      assert.ok(second.leads.every((row) => !first.leads.some((f) => f.leadId === row.leadId)));
    } finally {
      await warehouse.close();
    }
  });
});

describe('figures that change by the day, not by the instant', () => {
  let warehouse: Warehouse;
  before(async () => {
    warehouse = await openWarehouse(input);
  });
  after(() => warehouse.close());

  it('a team’s board asked again a minute later reads its targets from memory, not from the targets table', async () => {
    let clock = NOW.getTime();
    const statements: string[] = [];
    // the same warehouse with a clock that moves and every statement it runs written down
    const watched: Warehouse = {
      ...warehouse,
      now: () => new Date(clock),
      withConnection: (work, signal) =>
        warehouse.withConnection(
          (c) =>
            work({
              dialect: c.dialect,
              all: (statement, params) => {
                statements.push(statement);
                return c.all(statement, params);
              },
            }),
          signal,
        ),
    };
    const sql = createMetricsService(watched);
    const team = pilot.orgTree.filter((node) => node.level === 'team').at(-1)!.id;
    const q: LeaderboardQuery = {
      scope: { org: team, period: 'month', date: '2026-03-10' },
      board: 'managers',
      metric: 'contacted',
    };
    const readsTargets = (): number => statements.filter((s) => s.includes('FROM targets')).length;
    const first = await sql.leaderboard(q);
    assert.equal(readsTargets(), 1);
    assert.ok(
      first.entries.some((entry) => entry.target !== null),
      'the board has targets to keep',
    );
    clock += 60_000;
    const later = await sql.leaderboard(q);
    assert.notEqual(later.asOf, first.asOf);
    assert.equal(readsTargets(), 1);
    assert.deepStrictEqual(
      later.entries.map((entry) => [entry.id, entry.target]),
      first.entries.map((entry) => [entry.id, entry.target]),
    );
  });
});

describe('the 100-contact badge on DuckDB is earned on the engine’s day', () => {
  // a few managers with many events each: they pass 100 first contacts within the pilot at different days
  const busy = generatePilot({ managers: 4, grids: 6, events: 6_000, today: '2026-03-10', now: NOW });
  const busyInput = { ...busy, now: () => NOW };
  let warehouse: Warehouse;
  before(async () => {
    warehouse = await openWarehouse(busyInput);
  });
  after(() => warehouse.close());

  it('every day of the pilot, each manager’s badges agree, and the badge is earned on some day but not the first', async () => {
    const sql = createMetricsService(warehouse);
    const engine = createMetricsEngine(busyInput);
    const earned: number[] = [];
    const first = Date.parse(`${busy.pilot.start}T00:00:00Z`);
    for (let day = first; day <= Date.parse('2026-03-10T00:00:00Z'); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      const q: LeaderboardQuery = {
        scope: { org: 'bank', period: 'pilot', date },
        board: 'managers',
        metric: 'points',
      };
      const [fromSql, fromEngine] = [await sql.leaderboard(q), engine.leaderboard(q)];
      assert.deepStrictEqual(normalise(fromSql), normalise(fromEngine), date);
      earned.push(fromSql.entries.filter((e) => e.badges?.some((b) => b.id === 'contacts_100')).length);
    }
    assert.equal(earned[0], 0);
    assert.ok(earned.at(-1)! > 0, `managers with 100 contacts by the last day: ${earned.at(-1)}`);
  });
});
