/**
 * The pilot parity matrix: every result for many scopes, periods and dates of the synthetic pilot, asked of the
 * SQL service (on DuckDB in metrics.node.test.ts, on Spark, PostgreSQL and ClickHouse in test/engines) and of
 * the TypeScript engine, compared as JSON with fractions rounded to 4 decimals and amounts in integer fen.
 */
import type {
  LeaderboardQuery,
  LeadsFilter,
  LeadsQuery,
  PeriodKind,
  PilotConfig,
  Scope,
} from '../../packages/core/src/contracts.js';
import { parseIsoDate, pilotRange } from '../../packages/core/src/engine/time.js';
import type { Warehouse } from '../../packages/server/src/warehouse.js';
import { DEFAULT_CATALOGUE, PERIOD_KINDS } from '../../packages/core/src/contracts.js';
import type { MetricsEngine } from '../../packages/core/src/engine/index.js';
import type { MetricsService } from '../../packages/server/src/metrics.js';
import { generatePilot, PILOT_CATALOGUE } from '../../mocks/pilot/index.js';

// Mid-afternoon on the pilot's last day: today is partial, so asOf, the claim window and late logs all matter.
export const NOW = new Date('2026-03-10T15:30:00+08:00');
export const pilot = generatePilot({ today: '2026-03-10', now: NOW });
// the catalogue with the pilot's supplied balances (deposits, AUM): every indicators and alerts result covers them
export const input = { ...pilot, catalogue: PILOT_CATALOGUE, now: () => NOW };

export function normalise(value: unknown, key = ''): unknown {
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

/** One comparison: the same call on the SQL service and on the TypeScript engine. */
export interface ParityCase {
  group: string;
  label: string;
  sql: (service: MetricsService) => Promise<unknown>;
  engine: (engine: MetricsEngine) => unknown;
  /** Asked of a service and an engine configured with this pilot instead of the synthetic pilot's own. */
  pilot?: PilotConfig;
}

/**
 * A pilot configured to start on Monday 2 March, two months into the log: the weeks and months before it are the
 * time a baseline is derived from (DESIGN "Baseline"), which the synthetic pilot's own start (its first event day)
 * never has.
 */
export const LATER_PILOT: PilotConfig = { start: '2026-03-02', end: '2026-03-10' };

/** The same loaded data with another configured pilot: no reload, only the pilot bounds change. */
export function withPilot(warehouse: Warehouse, pilot: PilotConfig): Warehouse {
  return {
    ...warehouse,
    pilot: pilotRange(pilot, warehouse.firstEventDay, warehouse.lastEventDay),
    pilotStart: parseIsoDate(pilot.start),
  };
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

/** Indicators, funnel, coverage and a leaderboard for every date and scope of one period kind. */
export function periodCases(period: PeriodKind): ParityCase[] {
  const cases: ParityCase[] = [];
  const group = `period=${period}`;
  let n = 0;
  for (const date of DATES) {
    for (const base of SCOPES) {
      const scope: Scope = { ...base, period, date };
      const label = JSON.stringify(scope);
      const rows = n % 3 === 0 ? undefined : n % 3 === 1 ? 'managers' : 'children';
      const indicatorsQuery = rows ? { scope, rows: rows as 'managers' | 'children' } : { scope };
      cases.push({
        group,
        label: `indicators ${label} rows=${rows}`,
        sql: (s) => s.indicators(indicatorsQuery),
        engine: (e) => e.indicators(indicatorsQuery),
      });
      cases.push({
        group,
        label: `funnel ${label}`,
        sql: (s) => s.funnel({ scope }),
        engine: (e) => e.funnel({ scope }),
      });
      cases.push({
        group,
        label: `coverage ${label}`,
        sql: (s) => s.coverage({ scope }),
        engine: (e) => e.coverage({ scope }),
      });
      const board = { scope, board: BOARDS[n % BOARDS.length]!, metric: METRICS[n % METRICS.length]! };
      cases.push({
        group,
        label: `leaderboard ${label} ${board.board}/${board.metric}`,
        sql: (s) => s.leaderboard(board),
        engine: (e) => e.leaderboard(board),
      });
      n++;
    }
  }
  return cases;
}

/** The managers board with points, streaks and badges on every day of the pilot's last three weeks. */
export function dailyBoardCases(): ParityCase[] {
  const cases: ParityCase[] = [];
  for (let day = 0; day < 21; day++) {
    const date = new Date(Date.UTC(2026, 1, 18 + day)).toISOString().slice(0, 10);
    const q: LeaderboardQuery = { scope: { org: 'bank', period: 'week', date }, board: 'managers', metric: 'points' };
    cases.push({
      group: 'daily board',
      label: `leaderboard ${date}`,
      sql: (s) => s.leaderboard(q),
      engine: (e) => e.leaderboard(q),
    });
  }
  return cases;
}

/**
 * Every board with every metric (points and each indicator of the catalogue, the supplied deposits and AUM included),
 * for the month and the whole pilot.
 */
export function boardMetricCases(): ParityCase[] {
  const metrics = ['points', ...PILOT_CATALOGUE.map((definition) => definition.id)];
  const cases: ParityCase[] = [];
  for (const period of ['month', 'pilot'] as const) {
    for (const board of BOARDS) {
      for (const metric of metrics) {
        const q: LeaderboardQuery = { scope: { org: 'bank', period, date: '2026-03-10' }, board, metric };
        cases.push({
          group: 'boards x metrics',
          label: `leaderboard ${period} ${board}/${metric}`,
          sql: (s) => s.leaderboard(q),
          engine: (e) => e.leaderboard(q),
        });
      }
    }
  }
  return cases;
}

/**
 * Boards ranked by a supplied balance (deposits, AUM) on every period kind and on three dates: today, a day inside
 * the pilot and a day before any balance row (a board of missing values, never zeros).
 */
export function suppliedBoardCases(): ParityCase[] {
  const cases: ParityCase[] = [];
  let n = 0;
  for (const metric of ['deposits', 'aum']) {
    for (const period of PERIOD_KINDS as PeriodKind[]) {
      for (const date of ['2026-03-10', '2026-02-10', '2025-12-20']) {
        const board = BOARDS[n++ % BOARDS.length]!;
        const q: LeaderboardQuery = { scope: { org: 'bank', period, date }, board, metric };
        cases.push({
          group: 'supplied boards',
          label: `leaderboard ${period} ${date} ${board}/${metric}`,
          sql: (s) => s.leaderboard(q),
          engine: (e) => e.leaderboard(q),
        });
      }
    }
  }
  return cases;
}

/** Grids of three orgs and the org tree. */
export function dimensionCases(): ParityCase[] {
  const cases: ParityCase[] = ['bank', subbranch, team].map((org) => ({
    group: 'dimensions',
    label: `grids ${org}`,
    sql: (s: MetricsService) => s.grids({ org }),
    engine: (e: MetricsEngine) => e.grids({ org }),
  }));
  cases.push({ group: 'dimensions', label: 'org tree', sql: (s) => s.orgTree(), engine: (e) => e.orgTree() });
  return cases;
}

/**
 * "Open overdue" lead by lead for every scope and date (asOf only depends on the date here, so day and month
 * periods cover it), compared without the engine's internal lead number.
 */
export function openOverdueCases(): ParityCase[] {
  const cases: ParityCase[] = [];
  const plain = (result: { asOf: string; leads: { leadId: string; managerId: string; stage: string }[] }) => ({
    asOf: result.asOf,
    leads: result.leads.map(({ leadId, managerId, stage, enteredAt, overdueHours }: Record<string, unknown>) => ({
      leadId,
      managerId,
      stage,
      enteredAt,
      overdueHours,
    })),
  });
  for (const date of DATES) {
    for (const base of SCOPES) {
      for (const period of ['day', 'month'] as const) {
        const scope: Scope = { ...base, period, date };
        cases.push({
          group: 'open overdue',
          label: `open overdue ${JSON.stringify(scope)}`,
          sql: async (s) => plain(await s.openOverdue(scope)),
          engine: (e) => plain(e.openOverdue(scope)),
        });
      }
    }
  }
  return cases;
}

/** Alerts of children and of managers for every scope and date, a month and the whole pilot. */
export function alertsCases(): ParityCase[] {
  const cases: ParityCase[] = [];
  for (const date of DATES) {
    for (const base of SCOPES) {
      for (const period of ['month', 'pilot'] as const) {
        for (const rows of ['children', 'managers'] as const) {
          const q = { scope: { ...base, period, date }, rows };
          cases.push({
            group: 'alerts',
            label: `alerts ${JSON.stringify(q.scope)} rows=${rows}`,
            sql: (s) => s.alerts(q),
            engine: (e) => e.alerts(q),
          });
        }
      }
    }
  }
  return cases;
}

/**
 * The leads behind the numbers: every filter kind (cohort, stage, a stage's overdue, open overdue, a grid's leads and
 * covered customers, every indicator with both outcomes of a rate), each sort key but managerName (string order is
 * the engine's collation), and a second page through the cursor.
 */
export function leadsCases(): ParityCase[] {
  const grid = pilot.grids.features[3]!.properties.gridId;
  const filters: LeadsFilter[] = [
    {},
    { stage: 'contacted' },
    { overdue: 'claimed' },
    { overdue: 'contacted' },
    { overdue: 'visited' },
    { overdue: 'any' },
    { gridId: grid },
    { gridId: grid, covered: true },
    { gridId: grid, stage: 'visited' },
    ...DEFAULT_CATALOGUE.map((d) => ({ indicator: d.id })),
    { indicator: 'claim_rate', outcome: 'missed' },
    { indicator: 'logged_rate', outcome: 'counted' },
  ];
  const sorts: LeadsQuery['sort'][] = [
    undefined,
    { by: 'enteredAt', dir: 'asc' },
    { by: 'lastActionAt', dir: 'desc' },
    { by: 'stage', dir: 'asc' },
    { by: 'overdueHours', dir: 'asc' },
  ];
  const cases: ParityCase[] = [];
  const scopes: Scope[] = [
    { org: 'bank', period: 'month', date: '2026-03-10' },
    { org: subbranch, period: 'pilot', date: '2026-03-10' },
    { org: team, manager, period: 'week', date: '2026-03-06' },
  ];
  let n = 0;
  for (const scope of scopes) {
    for (const filter of filters) {
      const sort = sorts[n++ % sorts.length];
      const q: LeadsQuery = { scope, filter, limit: 40, ...(sort ? { sort } : {}) };
      const label = `leads ${JSON.stringify(scope)} ${JSON.stringify(filter)} ${JSON.stringify(sort ?? 'default')}`;
      cases.push({
        group: 'leads',
        label,
        sql: async (s) => {
          const first = await s.leads!(q);
          const second = first.nextCursor ? await s.leads!({ ...q, cursor: first.nextCursor }) : null;
          return { first, second };
        },
        engine: (e) => {
          const first = e.leads(q);
          const second = first.nextCursor ? e.leads({ ...q, cursor: first.nextCursor }) : null;
          return { first, second };
        },
      });
    }
  }
  return cases;
}

/**
 * The funnel (each stage's baselineRate) and the indicators (each baseline) against the time before a configured
 * pilot start for every scope: a week and a month (whose baseline windows the log reaches) and a quarter (whose window
 * it does not: no rates, and only given baselines).
 */
export function baselineCases(): ParityCase[] {
  const cases: ParityCase[] = [];
  for (const date of ['2026-03-10', '2026-03-04']) {
    for (const base of SCOPES) {
      for (const period of ['week', 'month', 'quarter'] as const) {
        const scope: Scope = { ...base, period, date };
        cases.push({
          group: 'baselines',
          label: `funnel before ${LATER_PILOT.start} ${JSON.stringify(scope)}`,
          sql: (s) => s.funnel({ scope }),
          engine: (e) => e.funnel({ scope }),
          pilot: LATER_PILOT,
        });
        // the indicators' baselines where none is given (the bank, above every target row): derived from the same
        // working days before the start; the rows take the given ones, shared down, or derive their own
        const rows = period === 'week' ? 'managers' : period === 'month' ? 'children' : undefined;
        const indicatorsQuery = rows ? { scope, rows: rows as 'managers' | 'children' } : { scope };
        cases.push({
          group: 'baselines',
          label: `indicators before ${LATER_PILOT.start} ${JSON.stringify(scope)} rows=${rows}`,
          sql: (s) => s.indicators(indicatorsQuery),
          engine: (e) => e.indicators(indicatorsQuery),
          pilot: LATER_PILOT,
        });
      }
    }
  }
  return cases;
}

/** The whole matrix, in the order the DuckDB test runs it. */
export function allCases(): ParityCase[] {
  return [
    ...(PERIOD_KINDS as PeriodKind[]).flatMap(periodCases),
    ...dailyBoardCases(),
    ...boardMetricCases(),
    ...suppliedBoardCases(),
    ...dimensionCases(),
    ...openOverdueCases(),
    ...alertsCases(),
    ...leadsCases(),
    ...baselineCases(),
  ];
}
