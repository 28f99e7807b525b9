/**
 * Every result of the REST contract from the SQL files. TypeScript here only resolves the scope into bound
 * parameters (period bounds, asOf, the like-for-like previous window) and shapes rows into the Data shapes; the
 * metric definitions themselves live in ../sql.
 */
import { deriveAlerts } from '../../core/src/alerts/derive.js';
import {
  FUNNEL_STAGES,
  type AlertsQuery,
  type AlertsResult,
  type Badge,
  type CoverageCell,
  type CoverageQuery,
  type CoverageResult,
  type FunnelQuery,
  type FunnelResult,
  type FunnelStage,
  type FunnelStageId,
  type Grids,
  type GridsQuery,
  type IndicatorRow,
  type IndicatorsQuery,
  type IndicatorsResult,
  type IndicatorValue,
  type LeaderboardEntry,
  type LeaderboardQuery,
  type LeaderboardResult,
  type LeadsQuery,
  type LeadsResult,
  type LeadRow,
  type LeadEventType,
  StrideError,
  type OrgLevel,
  type OrgNode,
  type OrgTree,
  type Scope,
  type TrendPoint,
} from '../../core/src/contracts.js';
import { createWorkingDays } from '../../core/src/engine/calendar.js';
import { BADGE_LABELS, FUNNEL_LABELS } from '../../core/src/engine/labels.js';
import { DEFAULT_LEADS_SORT, isLeadsIndicator, leadsCursor, readLeadsCursor } from '../../core/src/engine/leads.js';
import { maskName, maskPhone } from '../../core/src/privacy/mask.js';
import {
  DAY_MS,
  formatIsoDate,
  HOUR_MS,
  parseIsoDate,
  periodContaining,
  previousPeriod,
  weekdayOf,
  type DayRange,
} from '../../core/src/engine/time.js';
import { createSharedStatements, type SharedStatementsStats } from './shared-statements.js';
import { num, numOrNull, str, type SqlConnection, type SqlParams, type SqlRow } from './sql.js';
import { pointWeightParams, type LoadedWarehouse, type Warehouse } from './warehouse.js';

/** A time after any event, for "stage not entered" (SQL engines differ on NULL in LEAST). */
const NEVER_MS = 8.64e15;

const BOARD_LEVEL: Record<LeaderboardQuery['board'], OrgLevel> = {
  managers: 'manager',
  teams: 'team',
  subbranches: 'subbranch',
  branches: 'branch',
};

/** Column of indicators.sql / indicator_trend.sql per indicator id; ratios are [count, hits] pairs in the trend. */
const COUNT_COLUMN: Readonly<Record<string, string>> = {
  assigned: 'assigned',
  contacted: 'contacted',
  conversations: 'conversations',
  visits: 'visits',
  intent: 'intent',
  applications: 'applications',
  conversions: 'conversions',
};
/** The facts (load/facts.sql) each indicator counts, and for a rate which slice end it uses. */
const LEADS_FACTS: Readonly<Record<string, { kind: string; rate?: true }>> = {
  assigned: { kind: 'assigned' },
  claim_rate: { kind: 'assigned', rate: true },
  contacted: { kind: 'contacted' },
  conversations: { kind: 'conversation' },
  visits: { kind: 'visit' },
  followup_rate: { kind: 'followup', rate: true },
  logged_rate: { kind: 'action', rate: true },
  intent: { kind: 'intent' },
  applications: { kind: 'applied' },
  conversions: { kind: 'converted' },
};
const FACT_EVENT_TYPE: Readonly<Record<string, LeadEventType>> = { conversation: 'conversation', visit: 'visited' };

const RATIO_COLUMNS: Readonly<Record<string, [string, string]>> = {
  claim_rate: ['claim_count', 'claim_hits'],
  followup_rate: ['followup_count', 'followup_hits'],
  logged_rate: ['logged_count', 'logged_hits'],
};

interface Resolved {
  unit: string;
  period: DayRange;
  asOf: number;
  from: number;
  previousFrom: number;
  previousTo: number;
}

/** One open overdue lead at asOf, as the TypeScript engine's `openOverdue` gives it (without its index number). */
export interface OpenOverdueRow {
  leadId: string;
  managerId: string;
  stage: FunnelStageId;
  enteredAt: number;
  overdueHours: number;
}

export interface MetricsService {
  indicators(q: IndicatorsQuery, signal?: AbortSignal): Promise<IndicatorsResult>;
  leaderboard(q: LeaderboardQuery, signal?: AbortSignal): Promise<LeaderboardResult>;
  funnel(q: FunnelQuery, signal?: AbortSignal): Promise<FunnelResult>;
  coverage(q: CoverageQuery, signal?: AbortSignal): Promise<CoverageResult>;
  grids(q: GridsQuery, signal?: AbortSignal): Promise<Grids>;
  orgTree(q?: unknown, signal?: AbortSignal): Promise<OrgTree>;
  /** Alerts from the indicator rows the SQL computes, judged by the same derivation as the TypeScript engine. */
  alerts(q: AlertsQuery, signal?: AbortSignal): Promise<AlertsResult>;
  /** "Open overdue" at the scope's asOf (open_overdue.sql). */
  openOverdue(scope: Scope, signal?: AbortSignal): Promise<{ asOf: string; scope: Scope; leads: OpenOverdueRow[] }>;
  /**
   * Optional in the contract: a back end without it answers 404, and the kit shows counts without links. Customer
   * data comes back masked unless `access.unmasked` (the session's role decides; see server.ts).
   */
  leads?(q: LeadsQuery, signal?: AbortSignal, access?: { unmasked?: boolean }): Promise<LeadsResult>;
  /** Statements run and shared between requests (./shared-statements.ts), where the service shares them. */
  readonly statements?: SharedStatementsStats;
  /**
   * Computes today's figures for the month of every manager and every team (targets, baselines, supplied figures
   * and sparklines: about 2.4 s of CPU for a bank of 10,000 managers), so that the morning's first requests do not
   * wait for them. Run after a load or a refresh.
   */
  warmToday?(signal?: AbortSignal): Promise<void>;
  /**
   * Runs every team's statements for its month at the clock's now (indicators and sparklines, the board, the funnel
   * and the map, each with the team's managers), so that the morning's first pages share them (./shared-statements.ts)
   * instead of each team's first page computing them while the others queue. They stay shared until a moment of the
   * team's data falls between the warm and the request. Run after warmToday.
   */
  warmTeams?(signal?: AbortSignal): Promise<void>;
}

/**
 * asOf of a scope (Definitions): min(now, end of `date`); a pilot viewed after it ended stops at its last day.
 * Every result is a function of the data version, the query and this instant alone (./result-cache.ts).
 */
/** The scope's asOf at `at` (default now): min(at, end of date, end of a pilot's last day). */
export function scopeAsOf(
  wh: Pick<LoadedWarehouse, 'zone' | 'pilot' | 'now'>,
  scope: Scope,
  at = wh.now().getTime(),
): number {
  const dateDay = parseIsoDate(scope.date);
  const period = periodContaining(scope.period, dateDay, wh.pilot);
  const zone = wh.zone;
  return Math.min(at, zone.dayStart(dateDay + 1) - 1, zone.dayStart(period.end + 1) - 1);
}

export function createMetricsService(wh: Warehouse): MetricsService {
  const zone = wh.zone;
  // every statement runs through here: a live view's are shared with requests whose rows cannot differ
  const shared = createSharedStatements(wh);
  const run = shared.rows;

  function resolve(scope: Scope, at?: number): Resolved {
    const period = periodContaining(scope.period, parseIsoDate(scope.date), wh.pilot);
    const start = zone.dayStart(period.start);
    const asOf = scopeAsOf(wh, scope, at);
    const before = previousPeriod(scope.period, period, wh.pilot);
    const previousFrom = zone.dayStart(before.start);
    // like for like: the same elapsed span into the previous period, clamped to that period's length
    const previousTo = Math.min(previousFrom + (asOf - start), zone.dayStart(before.end + 1) - 1);
    return { unit: scope.manager ?? scope.org, period, asOf, from: start, previousFrom, previousTo };
  }

  const windows = (r: Resolved): SqlParams => ({
    from_ms: r.from,
    to_ms: r.asOf,
    prev_from_ms: r.previousFrom,
    prev_to_ms: r.previousTo,
  });
  const pointWeights = (): SqlParams => pointWeightParams(wh.points);

  function indicatorValue(row: SqlRow | undefined, id: string): number | null {
    if (!row) return null;
    if (id in COUNT_COLUMN || id in RATIO_COLUMNS) return numOrNull(row, id);
    return null;
  }

  const round2OrNull = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
  const suppliedIds = new Set(wh.catalogue.filter((d) => d.measure !== undefined).map((d) => d.id));

  /**
   * Targets, baselines and supplied figures change by the day, not by the instant: they are kept by their
   * day-level parameters, so a live view asked again a second later (its asOf moved) reads a map. One unit's are
   * computed exactly as every other unit's of its level are (row by row, unit by unit), and at the morning peak every
   * manager opens their own month: asked for one unit, they are computed once for every unit of its level in the bank
   * (withLevel). One statement for the bank's 10,000 managers costs about what 20 teams' statements do (bench/README),
   * so the morning's first requests no longer compute the day's figures team by team. The tables they read are
   * loaded once (a refresh swaps facts only).
   *
   * What is kept is bounded by its figures (one unit's one number each, about 100 bytes), not by maps: a bank of
   * 10,000 managers keeps about 220,000 figures of targets and baselines, 150,000 supplied figures and 50,000-110,000
   * figures' room of supplied sparklines for its managers' months. The least recently used go first; a map still
   * being computed counts once it is known.
   */
  const keptFigures = new Map<string, { figures: Promise<unknown>; size: number }>();
  const FIGURES_KEPT = 1_000_000;
  let keptFiguresSize = 0;

  /** Orgs with managers of their own: each manager's team. */
  const teams = new Set<string>();
  for (const node of wh.nodes.values())
    if (node.level === 'manager' && node.parentId !== null && wh.nodes.has(node.parentId)) teams.add(node.parentId);

  /**
   * The units to compute for `units`: a lone manager or a team on its own is computed as the team with its managers
   * (mode 'self+level'), since at the morning peak the team's managers open their own pages and the team's page within
   * minutes, and all of them share the one statement (./shared-statements.ts); any other units as asked. The caller
   * picks its unit's rows.
   */
  function withTeam(units: SqlParams): SqlParams {
    if (units['mode'] !== 'self') return units;
    const node = wh.nodes.get(String(units['unit']));
    const team = node?.level === 'manager' ? node.parentId : node?.id;
    if (team === undefined || team === null || !teams.has(team)) return units;
    return { unit: team, mode: 'self+level', level: 'manager' };
  }

  function dropKeptFigures(key: string): void {
    const kept = keptFigures.get(key);
    if (!kept) return;
    keptFigures.delete(key);
    keptFiguresSize -= kept.size;
  }

  /**
   * The units to compute day-level figures for: a unit asked on its own, with every unit of its level in the bank
   * (mode 'level' under the root); any other units as asked. The caller picks its units' figures.
   */
  function withLevel(units: SqlParams): SqlParams {
    if (units['mode'] !== 'self') return units;
    const node = wh.nodes.get(String(units['unit']));
    if (node === undefined || node.parentId === null) return units;
    let root: OrgNode = node;
    for (let up = wh.nodes.get(root.parentId ?? ''); up; up = wh.nodes.get(up.parentId ?? '')) root = up;
    return { unit: root.id, mode: 'level', level: node.level };
  }

  /** Figures kept by their day-level parameters, computed for the unit's level (withLevel); each counts as one. */
  function figuresOf(
    params: SqlParams,
    compute: (params: SqlParams) => Promise<ReadonlyMap<string, number | null>>,
    keyOf: (params: SqlParams) => string,
  ): Promise<ReadonlyMap<string, number | null>> {
    return keptFor(params, compute, keyOf, (figures) => figures.size);
  }

  /** Anything kept as figures are (figuresOf), `sizeOf` saying how many figures' room it takes. */
  async function keptFor<T>(
    params: SqlParams,
    compute: (params: SqlParams) => Promise<T>,
    keyOf: (params: SqlParams) => string,
    sizeOf: (kept: T) => number,
  ): Promise<T> {
    const computed = withLevel(params);
    // by data version too: only facts are refreshed today, but a kept figure must never outlive the data it read
    const key = `${wh.version ?? 0}|${keyOf(computed)}`;
    let kept = keptFigures.get(key) as { figures: Promise<T>; size: number } | undefined;
    if (kept) {
      // most recently used last
      keptFigures.delete(key);
      keptFigures.set(key, kept);
    } else {
      const entry = { figures: compute(computed), size: 0 };
      kept = entry;
      keptFigures.set(key, entry);
      entry.figures.then(
        (figures) => {
          if (keptFigures.get(key) !== entry) return;
          entry.size = sizeOf(figures);
          keptFiguresSize += entry.size;
          for (const oldest of keptFigures.keys()) {
            if (keptFiguresSize <= FIGURES_KEPT || oldest === key) break;
            dropKeptFigures(oldest);
          }
        },
        // a failed (or interrupted) computation is not kept: the next request computes again
        () => keptFigures.get(key) === entry && dropKeptFigures(key),
      );
    }
    // another request's computation may be interrupted with that request: then compute for this one
    return kept.figures.catch(() => compute(params));
  }

  /**
   * Supplied indicators' figures by unit, indicator and point (supplied.sql): `current` and `previous` (a flow's
   * windows, a balance's points) and a balance's `opening`. Missing where no row stands behind the figure.
   */
  async function suppliedOf(c: SqlConnection, params: SqlParams, r: Resolved) {
    let figures: ReadonlyMap<string, number | null> = new Map();
    if (suppliedIds.size > 0) {
      const asOfDay = zone.dayOf(r.asOf);
      const days = {
        start_day: r.period.start,
        as_of_day: asOfDay,
        prev_from_day: zone.dayOf(r.previousFrom),
        prev_to_day: zone.dayOf(r.previousTo),
        // nothing after asOf is known yet: a period viewed before it starts opens where the balance stands at asOf
        opening_day: Math.min(r.period.start - 1, asOfDay),
      };
      figures = await figuresOf(
        params,
        async (units) => {
          const found = new Map<string, number>();
          for (const row of await run(c, 'supplied.sql', { ...units, ...days })) {
            const value = numOrNull(row, 'value');
            const key = `${str(row, 'unit_id')}|${str(row, 'indicator')}|${str(row, 'w')}`;
            if (value !== null) found.set(key, Math.round(value * 100) / 100);
          }
          return found;
        },
        (units) => `supplied|${JSON.stringify({ ...units, ...days })}`,
      );
    }
    return (unit: string, id: string, point: 'current' | 'previous' | 'opening'): number | null =>
      figures.get(`${unit}|${id}|${point}`) ?? null;
  }

  /** Given figures (targets and baselines) by unit, indicator and figure. */
  async function givenOf(c: SqlConnection, params: SqlParams, scope: Scope, periodStart: number, indicator = '') {
    const asked = { period: scope.period, start: formatIsoDate(periodStart), indicator };
    const given = await figuresOf(
      params,
      async (units) => {
        const found = new Map<string, number | null>();
        for (const row of await run(c, 'targets.sql', { ...units, ...asked })) {
          found.set(`${str(row, 'figure')}|${str(row, 'unit_id')}|${str(row, 'indicator')}`, numOrNull(row, 'amount'));
        }
        return found;
      },
      (units) => `given|${JSON.stringify({ ...units, ...asked })}`,
    );
    return (figure: 'target' | 'baseline', unit: string, id: string): number | null =>
      given.get(`${figure}|${unit}|${id}`) ?? null;
  }

  async function trendOf(c: SqlConnection, r: Resolved): Promise<(id: string) => TrendPoint[]> {
    if (r.asOf < r.from) return () => [];
    const endDay = zone.dayOf(r.asOf);
    const startDay = r.period.start;
    const daily = endDay - startDay + 1 <= 92;
    const firstWeek = startDay - weekdayOf(startDay);
    const buckets = (daily ? endDay - startDay : Math.floor((endDay - firstWeek) / 7)) + 1;
    const units = withTeam({ unit: r.unit, mode: 'self', level: '' });
    const rows = (
      await run(c, 'indicator_trend.sql', {
        ...units,
        from_ms: r.from,
        to_ms: r.asOf,
        claim_ms: wh.sla.claimHours * HOUR_MS,
        daily: daily ? 1 : 0,
        start_day: startDay,
        first_week: firstWeek,
      })
    ).filter((row) => row['unit_id'] === r.unit);
    const byBucket = new Map(rows.map((row) => [num(row, 'bucket'), row]));
    const supplied = await suppliedTrendOf(c, r, { daily, startDay, firstWeek, buckets, endDay });
    return (id) => {
      const count = COUNT_COLUMN[id];
      const ratio = RATIO_COLUMNS[id];
      const suppliedValues = supplied.get(id);
      if (suppliedValues) {
        return suppliedValues.map((value, b) => ({
          date: formatIsoDate(daily ? startDay + b : Math.max(startDay, firstWeek + 7 * b)),
          value,
        }));
      }
      if (!count && !ratio) return [];
      const points: TrendPoint[] = [];
      for (let b = 0; b < buckets; b++) {
        const day = daily ? startDay + b : Math.max(startDay, firstWeek + 7 * b);
        const row = byBucket.get(b);
        let value: number | null;
        if (count) value = row ? num(row, count) : 0;
        else {
          const n = row ? num(row, ratio![0]) : 0;
          value = n === 0 ? null : num(row!, ratio![1]) / n;
        }
        points.push({ date: formatIsoDate(day), value });
      }
      return points;
    };
  }

  /**
   * The supplied indicators' sparklines (supplied_trend.sql), by indicator: a flow's sum per bucket; a balance carried
   * forward per manager from its latest row (before the period, or in an earlier bucket) and summed, so each bucket
   * holds the scope's balance at its last day. Null where no manager has a row. They change by the day: kept as
   * figures are, computed for the unit's level, each unit's series ready.
   */
  async function suppliedTrendOf(
    c: SqlConnection,
    r: Resolved,
    b: { daily: boolean; startDay: number; firstWeek: number; buckets: number; endDay: number },
  ): Promise<ReadonlyMap<string, (number | null)[]>> {
    if (suppliedIds.size === 0) return new Map();
    const days = { daily: b.daily ? 1 : 0, start_day: b.startDay, first_week: b.firstWeek, as_of_day: b.endDay };
    const byUnit = await keptFor(
      { unit: r.unit, mode: 'self', level: '' },
      async (units) => {
        const rows = new Map<string, SqlRow[]>();
        for (const row of await run(c, 'supplied_trend.sql', { ...units, ...days })) {
          let own = rows.get(str(row, 'unit_id'));
          if (!own) rows.set(str(row, 'unit_id'), (own = []));
          own.push(row);
        }
        return new Map([...rows].map(([unit, own]) => [unit, suppliedTrends(own, b.buckets)]));
      },
      (units) => `supplied_trend|${JSON.stringify({ ...units, ...days })}`,
      // a series of n numbers in an array takes about 100 + 8n bytes: 1 + n/12 of a figure's room
      (kept) => kept.size * suppliedIds.size * (1 + b.buckets / 12),
    );
    return byUnit.get(r.unit) ?? suppliedTrends([], b.buckets);
  }

  /** One unit's supplied sparklines from its rows of supplied_trend.sql (see suppliedTrendOf). */
  function suppliedTrends(rows: readonly SqlRow[], buckets: number): ReadonlyMap<string, (number | null)[]> {
    const trends = new Map<string, (number | null)[]>();
    const sums = (id: string): (number | null)[] => {
      let found = trends.get(id);
      if (!found) trends.set(id, (found = new Array<number | null>(buckets).fill(null)));
      return found;
    };
    // indicator -> manager -> bucket -> the manager's latest balance in that bucket
    const balances = new Map<string, Map<string, Map<number, number>>>();
    for (const row of rows) {
      const id = str(row, 'indicator');
      const bucket = num(row, 'bucket');
      const value = num(row, 'value');
      if (str(row, 'figure') === 'flow') {
        if (bucket < buckets) sums(id)[bucket] = value;
        continue;
      }
      let managers = balances.get(id);
      if (!managers) balances.set(id, (managers = new Map()));
      let own = managers.get(str(row, 'manager_id'));
      if (!own) managers.set(str(row, 'manager_id'), (own = new Map()));
      own.set(bucket, value);
    }
    for (const [id, managers] of balances) {
      const total = sums(id);
      for (const own of managers.values()) {
        let carried = own.get(-1) ?? null;
        for (let k = 0; k < buckets; k++) {
          carried = own.get(k) ?? carried;
          if (carried !== null) total[k] = (total[k] ?? 0) + carried;
        }
      }
    }
    for (const definition of wh.catalogue)
      if (suppliedIds.has(definition.id)) trends.set(definition.id, sums(definition.id).map(round2OrNull));
    return trends;
  }

  /** Bound parameters of open_overdue.sql and open_overdue_counts.sql for units chosen as in indicators.sql. */
  function overdueParams(units: SqlParams, asOf: number): SqlParams {
    const slaMs = (id: string): number => {
      const days = wh.sla.stageDays[id];
      return typeof days === 'number' ? days * DAY_MS : NEVER_MS;
    };
    return {
      ...units,
      as_of_ms: asOf,
      never_ms: NEVER_MS,
      sla_claimed_ms: slaMs('claimed'),
      sla_contacted_ms: slaMs('contacted'),
      sla_visited_ms: slaMs('visited'),
      sla_intent_ms: slaMs('intent'),
      sla_applied_ms: slaMs('applied'),
    };
  }

  const working = createWorkingDays(wh.calendar);

  /**
   * The time before the pilot a baseline is derived from (DESIGN "Baseline"), as the TypeScript engine takes it: as
   * many working days just before the configured pilot start as the period has. Null without a configured start,
   * for a period with no working day, or when the events do not reach back that far.
   */
  function baselineWindow(period: DayRange): { from: number; to: number } | null {
    const start = wh.pilotStart;
    const workingDays = working.count(period.start, period.end);
    if (start === undefined || workingDays === 0) return null;
    let first = start;
    for (let counted = 0; counted < workingDays;) if (working.isWorkingDay(--first)) counted++;
    if (!(wh.firstEventDay <= first)) return null;
    return { from: zone.dayStart(first), to: zone.dayStart(start) - 1 };
  }

  /**
   * Baselines derived from the time before the pilot where none is given (DESIGN "Baseline"), as the TypeScript engine
   * derives them: the event indicators of each unit over the baseline window, by the same indicators.sql. A supplied
   * indicator has no events to derive from (null). Undefined without a window (no configured start, or a log that
   * does not reach back that far): then only given baselines count.
   */
  async function derivedBaselinesOf(c: SqlConnection, params: SqlParams, r: Resolved) {
    const window = baselineWindow(r.period);
    if (window === null) return undefined;
    const rows = await run(c, 'indicators.sql', {
      ...params,
      from_ms: window.from,
      to_ms: window.to,
      // no previous span is wanted: a single instant before the window, which the query must still be given
      prev_from_ms: window.from - 1,
      prev_to_ms: window.from - 1,
      claim_ms: wh.sla.claimHours * HOUR_MS,
    });
    const byUnit = new Map(rows.filter((row) => row['w'] === 'current').map((row) => [str(row, 'unit_id'), row]));
    return (unit: string, id: string): number | null => indicatorValue(byUnit.get(unit), id);
  }

  function nodeName(id: string): string {
    return wh.nodes.get(id)?.name ?? id;
  }

  const service: MetricsService = {
    statements: shared.stats,

    async warmToday(signal) {
      const manager = [...wh.nodes.values()].find((node) => node.level === 'manager' && node.parentId !== null);
      if (manager === undefined || manager.parentId === null) return;
      const date = formatIsoDate(zone.dayOf(wh.now().getTime()));
      // asking for one manager's month and their team's computes the day's figures for every manager and team
      await service.indicators(
        { scope: { org: manager.parentId, manager: manager.id, period: 'month', date } },
        signal,
      );
      await service.indicators({ scope: { org: manager.parentId, period: 'month', date } }, signal);
    },
    async warmTeams(signal) {
      const date = formatIsoDate(zone.dayOf(wh.now().getTime()));
      for (const team of teams) {
        signal?.throwIfAborted();
        const scope = { org: team, period: 'month' as const, date };
        await service.indicators({ scope }, signal);
        await service.leaderboard({ scope, board: 'managers', metric: 'points' }, signal);
        await service.funnel({ scope }, signal);
        await service.coverage({ scope }, signal);
      }
    },
    indicators: (q, signal) =>
      wh.withConnection(async (c) => {
        const r = resolve(q.scope);
        const self = { unit: r.unit, mode: 'self', level: '' };
        const rowsParams =
          q.rows === undefined
            ? undefined
            : q.rows === 'managers'
              ? { unit: q.scope.manager ?? q.scope.org, mode: 'level', level: 'manager' }
              : { unit: q.scope.org, mode: 'children', level: '' };
        // Rows under the scope's own unit are asked with it: one statement per file instead of two (on a warehouse
        // such as Spark every statement costs its planning and scheduling whatever its size). A node is never its
        // own child; it is one of the rows of a level when it is at that level.
        const together = rowsParams !== undefined && rowsParams.unit === r.unit;
        const asked = together ? { ...rowsParams, mode: `self+${rowsParams.mode}` } : self;
        const selfIsRow = rowsParams?.mode === 'level' && wh.nodes.get(r.unit)?.level === rowsParams.level;
        const values = await run(c, 'indicators.sql', {
          ...withTeam(asked),
          ...windows(r),
          claim_ms: wh.sla.claimHours * HOUR_MS,
        });
        const current = values.find((row) => row['w'] === 'current' && row['unit_id'] === r.unit);
        const previous = values.find((row) => row['w'] === 'previous' && row['unit_id'] === r.unit);
        const given = await givenOf(c, asked, q.scope, r.period.start);
        const trend = await trendOf(c, r);
        const supplied = await suppliedOf(c, asked, r);
        const derived = await derivedBaselinesOf(c, asked, r);
        const indicators = wh.catalogue.map((definition): IndicatorValue => {
          const id = definition.id;
          const item: IndicatorValue = {
            id,
            value: indicatorValue(current, id),
            target: given('target', r.unit, id),
            previous: indicatorValue(previous, id),
            baseline: given('baseline', r.unit, id) ?? derived?.(r.unit, id) ?? null,
            trend: trend(id),
          };
          if (id === 'conversions') item.amount = current ? Math.round(num(current, 'amount_fen')) / 100 : 0;
          if (definition.measure) {
            item.value = supplied(r.unit, id, 'current');
            item.previous = supplied(r.unit, id, 'previous');
            if (definition.measure === 'balance') item.opening = supplied(r.unit, id, 'opening');
          }
          return item;
        });
        const result: IndicatorsResult = {
          asOf: zone.formatDateTime(r.asOf),
          scope: q.scope,
          period: { start: formatIsoDate(r.period.start), end: formatIsoDate(r.period.end) },
          indicators,
        };
        if (rowsParams) {
          const rowValues = together
            ? values.filter((row) => row['unit_id'] !== r.unit || selfIsRow)
            : await run(c, 'indicators.sql', {
                ...rowsParams,
                ...windows(r),
                claim_ms: wh.sla.claimHours * HOUR_MS,
              });
          const rowGiven = together ? given : await givenOf(c, rowsParams, q.scope, r.period.start);
          const rowSupplied = together ? supplied : await suppliedOf(c, rowsParams, r);
          const rowDerived = together ? derived : await derivedBaselinesOf(c, rowsParams, r);
          const overdue = new Map<string, number>();
          for (const row of await run(c, 'open_overdue_counts.sql', overdueParams(rowsParams, r.asOf))) {
            overdue.set(str(row, 'unit_id'), num(row, 'overdue'));
          }
          const lastAction = new Map<string, number>();
          for (const row of await run(c, 'last_action.sql', { ...rowsParams, as_of_ms: r.asOf })) {
            const last = numOrNull(row, 'last_ms');
            if (last !== null) lastAction.set(str(row, 'unit_id'), last);
          }
          result.rows = rowValues
            .filter((row) => row['w'] === 'current')
            .map((row): IndicatorRow => {
              const id = str(row, 'unit_id');
              const node = wh.nodes.get(id);
              const rowValuesById: Record<string, number | null> = {};
              const targets: Record<string, number | null> = {};
              const baselines: Record<string, number | null> = {};
              const openings: Record<string, number | null> = {};
              for (const definition of wh.catalogue) {
                rowValuesById[definition.id] = indicatorValue(row, definition.id);
                targets[definition.id] = rowGiven('target', id, definition.id);
                baselines[definition.id] =
                  rowGiven('baseline', id, definition.id) ?? rowDerived?.(id, definition.id) ?? null;
                if (definition.measure) rowValuesById[definition.id] = rowSupplied(id, definition.id, 'current');
                if (definition.measure === 'balance')
                  openings[definition.id] = rowSupplied(id, definition.id, 'opening');
              }
              return {
                id,
                name: node?.name ?? id,
                kind: node?.level === 'manager' ? 'manager' : 'org',
                values: rowValuesById,
                targets,
                baselines,
                ...(Object.keys(openings).length > 0 ? { openings } : {}),
                overdue: overdue.get(id) ?? 0,
                lastActionAt: lastAction.has(id) ? zone.formatDateTime(lastAction.get(id)!) : null,
              };
            });
        }
        return result;
      }, signal),

    leaderboard: (q, signal) =>
      wh.withConnection(async (c) => {
        // The board ranks everyone of its level under the org; a manager in the scope is `me`, not a filter.
        const r = resolve({ ...q.scope, manager: undefined });
        const level = BOARD_LEVEL[q.board];
        const board = { unit: q.scope.org, mode: 'level', level };
        const value = new Map<
          string,
          { current: number | null; previous: number | null; byAction?: Record<string, number> }
        >();
        const order: string[] = [];
        if (q.metric === 'points') {
          for (const row of await run(c, 'points.sql', { ...board, ...windows(r), ...pointWeights() })) {
            const id = str(row, 'unit_id');
            const byAction = {
              firstContact: num(row, 'first_contact'),
              conversation: num(row, 'conversation'),
              visit: num(row, 'visit'),
              firstIntent: num(row, 'first_intent'),
              firstApplication: num(row, 'first_application'),
              firstConversion: num(row, 'first_conversion'),
              timelyFollowup: num(row, 'timely_followup'),
            };
            const total = Object.values(byAction).reduce((a, b) => a + b, 0);
            const entry = value.get(id) ?? { current: null, previous: null };
            if (row['w'] === 'current') {
              order.push(id);
              entry.current = total;
              entry.byAction = byAction;
            } else entry.previous = total;
            value.set(id, entry);
          }
        } else {
          for (const row of await run(c, 'indicators.sql', {
            ...board,
            ...windows(r),
            claim_ms: wh.sla.claimHours * HOUR_MS,
          })) {
            const id = str(row, 'unit_id');
            const entry = value.get(id) ?? { current: null, previous: null };
            if (row['w'] === 'current') {
              order.push(id);
              entry.current = indicatorValue(row, q.metric);
            } else entry.previous = indicatorValue(row, q.metric);
            value.set(id, entry);
          }
          // A supplied indicator ranks by the back end's own figures: a balance at asOf, a flow's sum (supplied.sql).
          if (suppliedIds.has(q.metric)) {
            const supplied = await suppliedOf(c, board, r);
            for (const [id, entry] of value) {
              entry.current = supplied(id, q.metric, 'current');
              entry.previous = supplied(id, q.metric, 'previous');
            }
          }
        }
        const given = await givenOf(c, board, q.scope, r.period.start, q.metric);
        const streaks = new Map<string, SqlRow>();
        const badges = new Map<string, SqlRow>();
        if (level === 'manager') {
          const asOfDay = zone.dayOf(r.asOf);
          const pilotTo = wh.pilot ? Math.min(r.asOf, zone.dayStart(wh.pilot.end + 1) - 1) : r.asOf;
          for (const row of await run(c, 'streaks.sql', {
            unit: q.scope.org,
            mode: 'level',
            level,
            as_of_ms: r.asOf,
            as_of_day: asOfDay,
          })) {
            streaks.set(str(row, 'manager_id'), row);
          }
          const badgeRows = await run(c, 'badges.sql', {
            unit: q.scope.org,
            mode: 'level',
            level,
            as_of_ms: r.asOf,
            as_of_day: asOfDay,
            // a week or month is complete once asOf has reached its last instant
            complete_by_day: zone.dayOf(r.asOf + 1) - 1,
            pilot_to_ms: pilotTo,
          });
          for (const row of badgeRows) badges.set(str(row, 'manager_id'), row);
        }
        const labels = BADGE_LABELS[wh.locale];
        const entries = order.map((id): LeaderboardEntry => {
          const node = wh.nodes.get(id) as OrgNode;
          const figures = value.get(id)!;
          const entry: LeaderboardEntry = {
            id,
            name: node.name,
            kind: node.level === 'manager' ? 'manager' : 'org',
            value: figures.current,
            target: given('target', id, q.metric),
            previousValue: figures.previous,
          };
          if (figures.byAction) entry.pointsByAction = figures.byAction;
          const parent = node.parentId === null ? undefined : wh.nodes.get(node.parentId);
          if (parent) entry.orgName = parent.name;
          if (node.avatarUrl) entry.avatarUrl = node.avatarUrl;
          const streak = streaks.get(id);
          const badge = badges.get(id);
          if (streak && badge) {
            entry.streak = num(streak, 'streak');
            const earned: Badge[] = [];
            if (num(badge, 'first_conversion') === 1)
              earned.push({ id: 'first_conversion', label: labels.first_conversion, kind: 'milestone' });
            if (num(badge, 'contacts_100') === 1)
              earned.push({ id: 'contacts_100', label: labels.contacts_100, kind: 'milestone' });
            if (num(streak, 'longest') >= 7) earned.push({ id: 'streak_7', label: labels.streak_7, kind: 'milestone' });
            if (num(badge, 'champion_week') === 1)
              earned.push({ id: 'champion_week', label: labels.champion_week, kind: 'champion' });
            if (num(badge, 'champion_month') === 1)
              earned.push({ id: 'champion_month', label: labels.champion_month, kind: 'champion' });
            entry.badges = earned;
          }
          return entry;
        });
        return { asOf: zone.formatDateTime(r.asOf), scope: q.scope, board: q.board, metric: q.metric, entries };
      }, signal),

    funnel: (q, signal) =>
      wh.withConnection(async (c) => {
        const r = resolve(q.scope);
        const slaMs = (id: string): number | undefined => {
          const days = wh.sla.stageDays[id];
          return typeof days === 'number' ? days * DAY_MS : undefined;
        };
        const funnelOf = async (from: number, asOf: number) =>
          (
            await run(c, 'funnel.sql', {
              ...withTeam({ unit: r.unit, mode: 'self', level: '' }),
              from_ms: from,
              as_of_ms: asOf,
              never_ms: NEVER_MS,
              sla_claimed_ms: slaMs('claimed') ?? NEVER_MS,
              sla_contacted_ms: slaMs('contacted') ?? NEVER_MS,
              sla_visited_ms: slaMs('visited') ?? NEVER_MS,
              sla_intent_ms: slaMs('intent') ?? NEVER_MS,
              sla_applied_ms: slaMs('applied') ?? NEVER_MS,
            })
          ).filter((row) => row['unit_id'] === r.unit);
        const rows = await funnelOf(r.from, r.asOf);
        const byStage = new Map(rows.map((row) => [num(row, 'stage'), row]));
        // Before the pilot: the same funnel of the leads assigned in the baseline window, as it stood at the
        // pilot's start; a stage's rate then is its count over the previous stage's
        const window = baselineWindow(r.period);
        const before =
          window && new Map((await funnelOf(window.from, window.to)).map((row) => [num(row, 'stage'), row]));
        const countBefore = (s: number): number => {
          const row = before?.get(s);
          return row ? num(row, 'lead_count') : 0;
        };
        const labels = FUNNEL_LABELS[wh.locale];
        const stages = FUNNEL_STAGES.map((id, s): FunnelStage => {
          const row = byStage.get(s);
          const stage: FunnelStage = {
            id,
            label: labels[id],
            count: row ? num(row, 'lead_count') : 0,
            medianDwellHours: row ? numOrNull(row, 'median_hours') : null,
          };
          if (slaMs(id) !== undefined) stage.overdue = row ? num(row, 'overdue') : 0;
          if (before && s > 0) stage.baselineRate = countBefore(s - 1) > 0 ? countBefore(s) / countBefore(s - 1) : null;
          return stage;
        });
        return { asOf: zone.formatDateTime(r.asOf), scope: q.scope, stages };
      }, signal),

    coverage: (q, signal) =>
      wh.withConnection(async (c) => {
        const r = resolve(q.scope);
        const result: CoverageResult = { asOf: zone.formatDateTime(r.asOf), scope: q.scope, cells: [] };
        if (wh.features.size === 0) return result;
        // a grid's figures are the same in every scope that has it: a lone manager's grids are read from their
        // team's, which the team's page and its other managers' pages share (./shared-statements.ts)
        const asked = String(withTeam({ unit: r.unit, mode: 'self', level: '' })['unit']);
        const rows = await run(c, 'coverage.sql', { unit: asked, from_ms: r.from, to_ms: r.asOf });
        const manager = asked === r.unit ? undefined : r.unit;
        result.cells = rows.flatMap((row): CoverageCell[] => {
          const gridId = str(row, 'grid_id');
          const managerIds = wh.gridManagers.get(gridId) ?? [];
          if (manager !== undefined && !managerIds.includes(manager)) return [];
          return [
            {
              gridId,
              name: str(row, 'name'),
              managerIds,
              managerNames: managerIds.map(nodeName),
              households: num(row, 'households'),
              covered: num(row, 'covered'),
              openLeads: num(row, 'open_leads'),
            },
          ];
        });
        return result;
      }, signal),

    grids: (q, signal) =>
      wh.withConnection(async (c) => {
        const rows = await run(c, 'grids.sql', { unit: q.org });
        return {
          type: 'FeatureCollection',
          features: rows.map((row) => wh.features.get(str(row, 'grid_id'))!).filter((f) => f !== undefined),
        };
      }, signal),

    alerts: async (q, signal) => {
      const rows = q.rows === 'managers' ? 'managers' : 'children';
      const indicators = await service.indicators({ scope: q.scope, rows }, signal);
      return deriveAlerts(indicators, { catalogue: wh.catalogue, calendar: wh.calendar, timeZone: wh.zone.timeZone });
    },

    openOverdue: (scope, signal) =>
      wh.withConnection(async (c) => {
        const r = resolve(scope);
        const rows = await run(c, 'open_overdue.sql', overdueParams({ unit: r.unit, mode: 'self', level: '' }, r.asOf));
        const leads = rows.map((row): OpenOverdueRow => {
          const enteredAt = num(row, 'entered_ms');
          return {
            leadId: str(row, 'lead_id'),
            managerId: str(row, 'manager_id'),
            stage: FUNNEL_STAGES[num(row, 'stage')]!,
            enteredAt,
            overdueHours: Math.round(((r.asOf - enteredAt - num(row, 'sla_ms')) / HOUR_MS) * 100) / 100,
          };
        });
        return { asOf: zone.formatDateTime(r.asOf), scope, leads };
      }, signal),

    leads: (q, signal, access = {}) =>
      wh.withConnection(async (c) => {
        const latest = resolve(q.scope);
        const page = readLeadsCursor(q, latest.asOf, zone.formatDateTime);
        const r = page.asOf === latest.asOf ? latest : resolve(q.scope, page.asOf);
        const offset = page.offset;
        const f = q.filter ?? {};
        const bad = (message: string): never => {
          throw new StrideError('http', 'leads', `leads: ${message}`, { status: 400 });
        };
        if (f.indicator !== undefined && !isLeadsIndicator(f.indicator)) bad('filter.indicator: unknown indicator');
        if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > 500) bad('limit must be an integer from 1 to 500');
        const asOf = zone.formatDateTime(r.asOf);
        const sort = q.sort ?? DEFAULT_LEADS_SORT;
        const slaMs = (id: string): number => {
          const days = wh.sla.stageDays[id];
          return typeof days === 'number' ? days * DAY_MS : NEVER_MS;
        };
        const fact = f.indicator === undefined ? undefined : LEADS_FACTS[f.indicator];
        const source = fact ? 'indicator' : f.covered ? 'covered' : f.overdue === 'any' ? 'open' : 'cohort';
        const rows = await run(c, 'leads.sql', {
          unit: r.unit,
          from_ms: r.from,
          as_of_ms: r.asOf,
          never_ms: NEVER_MS,
          sla_claimed_ms: slaMs('claimed'),
          sla_contacted_ms: slaMs('contacted'),
          sla_visited_ms: slaMs('visited'),
          sla_intent_ms: slaMs('intent'),
          sla_applied_ms: slaMs('applied'),
          source,
          fact_kind: fact?.kind ?? '',
          fact_to_ms: f.indicator === 'claim_rate' ? r.asOf - wh.sla.claimHours * HOUR_MS : r.asOf,
          rate: fact?.rate ? 1 : 0,
          grid_id: f.gridId ?? '',
          grid_filter: f.gridId !== undefined && !f.covered ? 1 : 0,
          stage_min: f.stage === undefined ? -1 : FUNNEL_STAGES.indexOf(f.stage),
          overdue_stage: f.overdue === undefined || f.overdue === 'any' ? -1 : FUNNEL_STAGES.indexOf(f.overdue),
          overdue_any: f.overdue === 'any' ? 1 : 0,
          outcome: f.outcome ?? '',
          sort: sort.by,
          dir: sort.dir,
          limit: q.limit,
          offset,
        });
        const masked = access.unmasked !== true;
        const total = rows.length > 0 ? num(rows[0]!, 'total') : 0;
        const leads = rows.map((row): LeadRow => {
          const customerId = str(row, 'customer_id');
          const name = typeof row['customer_name'] === 'string' ? row['customer_name'] : undefined;
          const phone = typeof row['customer_phone'] === 'string' ? row['customer_phone'] : undefined;
          const overdueMs = numOrNull(row, 'overdue_ms');
          const lead: LeadRow = {
            leadId: str(row, 'lead_id'),
            // with no customer record, the id stands in (an id is not personal data)
            customer: name === undefined ? customerId : masked ? maskName(name) : name,
            masked: masked && name !== undefined,
            managerId: str(row, 'manager_id'),
            managerName: str(row, 'manager_name'),
            stage: FUNNEL_STAGES[num(row, 'stage')]!,
            enteredAt: zone.formatDateTime(num(row, 'entered_ms')),
            overdueHours: overdueMs === null ? null : Math.round((overdueMs / HOUR_MS) * 10) / 10,
          };
          if (phone !== undefined) lead.phone = masked ? maskPhone(phone) : phone;
          if (typeof row['grid_id'] === 'string') lead.gridId = row['grid_id'];
          const counted = num(row, 'counted');
          if (counted >= 0) lead.counted = counted === 1;
          const eventMs = numOrNull(row, 'event_ms');
          if (eventMs !== null) {
            lead.eventAt = zone.formatDateTime(eventMs);
            const kind = str(row, 'fact_kind');
            lead.eventType = FACT_EVENT_TYPE[kind] ?? ((row['action_type'] as LeadEventType | null) || 'contacted');
          }
          if (typeof row['last_type'] === 'string') {
            lead.lastAction = row['last_type'] as LeadEventType;
            lead.lastActionAt = zone.formatDateTime(num(row, 'last_ms'));
          }
          return lead;
        });
        const end = offset + leads.length;
        return {
          asOf,
          scope: q.scope,
          total,
          nextCursor: end < total ? leadsCursor(q, { offset: end, asOf: r.asOf }, zone.formatDateTime) : null,
          leads,
        };
      }, signal),

    orgTree: (_q, signal) =>
      wh.withConnection(async (c) => {
        const rows = await run(c, 'org_tree.sql', {});
        return rows.map((row): OrgNode => {
          const node: OrgNode = {
            id: str(row, 'id'),
            name: str(row, 'name'),
            parentId: typeof row['parent_id'] === 'string' ? row['parent_id'] : null,
            level: str(row, 'level') as OrgLevel,
          };
          if (typeof row['avatar_url'] === 'string') node.avatarUrl = row['avatar_url'];
          return node;
        });
      }, signal),
  };
  return service;
}
