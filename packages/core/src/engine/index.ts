/**
 * The metrics engine: an event log in, every widget's result out, computing exactly the Definitions of the design.
 * Pure and synchronous (no DOM), so the event-log adapter runs it in a Web Worker and the mock server in Node.
 */
import {
  DEFAULT_CATALOGUE,
  FUNNEL_STAGES,
  PERIOD_KINDS,
  StrideError,
  type AlertsQuery,
  type AlertsResult,
  type CoverageCell,
  type CoverageQuery,
  type CoverageResult,
  type FunnelQuery,
  type FunnelResult,
  type FunnelStage,
  type GridFeature,
  type Grids,
  type GridsQuery,
  type IndicatorRow,
  type IndicatorsQuery,
  type IndicatorsResult,
  type IndicatorUnit,
  type IndicatorValue,
  type LeaderboardEntry,
  type LeaderboardQuery,
  type LeaderboardResult,
  type LeadsQuery,
  type LeadsResult,
  type OrgLevel,
  type OrgNode,
  type OrgTree,
  type Scope,
  type TrendPoint,
} from '../contracts.js';
import { deriveAlerts } from '../alerts/derive.js';
import { badgesOf, ChampionBoard, currentStreak } from './awards.js';
import { FUNNEL_LABELS } from './labels.js';
import { createLeadsQuery, readLeadsCursor } from './leads.js';
import { buildLogIndex, T, TYPE_COUNT, type GivenFigures, type LogIndex } from './log-index.js';
import { BUILT_IN_UNITS, indicatorFigure, indicatorTrend, pointsOf, trendBuckets } from './metrics.js';
import { countOpenOverdue, enterStages, lastActionTime, openOverdueLeads, stageSlaMs } from './overdue.js';
import type { OpenOverdueLead } from './overdue.js';
import { forEachRecord, type Slice } from './series.js';
import { indexSupplied, isSupplied } from './supplied.js';
import { formatIsoDate, HOUR_MS, parseIsoDate, periodContaining, previousPeriod, type DayRange } from './time.js';
import type { EngineLocale, EventLogInput } from './types.js';

export { workingDaysElapsed } from './calendar.js';
export { DEFAULT_POINTS, DEFAULT_SLA } from './log-index.js';
export { FUNNEL_LABELS, BADGE_LABELS, type BadgeId } from './labels.js';
export { openOverdueLeads, countOpenOverdue, lastActionTime, type OpenOverdueLead } from './overdue.js';

/** The open overdue leads of a scope at its asOf (see overdue.ts), for lists and alerts. */
export interface OpenOverdueResult {
  asOf: string;
  scope: Scope;
  leads: OpenOverdueLead[];
}

export interface MetricsEngine {
  indicators(q: IndicatorsQuery): IndicatorsResult;
  leaderboard(q: LeaderboardQuery): LeaderboardResult;
  funnel(q: FunnelQuery): FunnelResult;
  coverage(q: CoverageQuery): CoverageResult;
  /** The grid features whose managers include one under `org`. */
  grids(q: GridsQuery): Grids;
  orgTree(): OrgTree;
  /** Alerts derived from the indicator rows with the default thresholds (core/alerts/derive.ts). */
  alerts(q: AlertsQuery): AlertsResult;
  /** "Open overdue" at the scope's asOf: leads of the scope's managers, whatever period assigned them. */
  openOverdue(scope: Scope): OpenOverdueResult;
  /** The rows behind a number (DESIGN "LeadsQuery"); customer data masked unless `unmaskedCustomers`. */
  leads(q: LeadsQuery): LeadsResult;
}

/** A scope resolved against the index: managers, period, asOf and the two windows every number uses. */
interface Resolved {
  scope: Scope;
  mLo: number;
  mHi: number;
  period: DayRange;
  asOf: number;
  current: Slice;
  previous: Slice;
}

const BOARD_LEVEL: Record<LeaderboardQuery['board'], OrgLevel> = {
  managers: 'manager',
  teams: 'team',
  subbranches: 'subbranch',
  branches: 'branch',
};

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numbers without a comparator call per pair: a bank's funnel has a dwell time per lead.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return round2(value);
}

export function createMetricsEngine(input: EventLogInput): MetricsEngine {
  const ix: LogIndex = buildLogIndex(input);
  const locale: EngineLocale = input.locale ?? 'zh-CN';
  const now = input.now ?? (() => new Date());
  const catalogue = input.catalogue ?? DEFAULT_CATALOGUE;
  const unitOf = (id: string): IndicatorUnit =>
    catalogue.find((definition) => definition.id === id)?.unit ?? BUILT_IN_UNITS[id] ?? 'count';
  const supplied = indexSupplied(input.supplied ?? [], ix.managerIndex);
  const champions = new ChampionBoard(ix);
  const leadsQuery = createLeadsQuery(ix, {
    ...(input.customers ? { customers: input.customers } : {}),
    unmasked: input.unmaskedCustomers === true,
    formatDateTime: ix.zone.formatDateTime,
  });

  /** The scope's windows at `at` (default now): asOf = min(at, end of date). */
  function resolve(scope: Scope, method: string, at = now().getTime()): Resolved {
    const dateDay = parseIsoDate(scope.date);
    if (!Number.isFinite(dateDay)) {
      throw new StrideError('http', method, `${method}: scope.date "${scope.date}" is not a YYYY-MM-DD date`, {
        status: 400,
      });
    }
    if (!PERIOD_KINDS.includes(scope.period)) {
      throw new StrideError('http', method, `${method}: unknown period "${String(scope.period)}"`, { status: 400 });
    }
    const unit = scope.manager ?? scope.org;
    const range = scope.manager
      ? ((m) => (m === undefined ? undefined : ([m, m + 1] as [number, number])))(ix.managerIndex.get(scope.manager))
      : ix.orgRange(scope.org);
    if (!range) throw new StrideError('http', method, `${method}: unknown org or manager "${unit}"`, { status: 404 });

    const period = periodContaining(scope.period, dateDay, ix.pilot);
    const start = ix.zone.dayStart(period.start);
    // asOf = min(now, end of date); a pilot viewed after it ended stops at its last day
    const asOf = Math.min(at, ix.zone.dayStart(dateDay + 1) - 1, ix.zone.dayStart(period.end + 1) - 1);
    const before = previousPeriod(scope.period, period, ix.pilot);
    const previousStart = ix.zone.dayStart(before.start);
    // like for like: the same elapsed span into the previous period, clamped to that period's length
    const previousTo = Math.min(previousStart + (asOf - start), ix.zone.dayStart(before.end + 1) - 1);
    return {
      scope,
      mLo: range[0],
      mHi: range[1],
      period,
      asOf,
      current: { mLo: range[0], mHi: range[1], from: start, to: asOf },
      previous: { mLo: range[0], mHi: range[1], from: previousStart, to: previousTo },
    };
  }

  /**
   * A node's given figure (its target, or its baseline): its own, else the nearest ancestor's. A count is shared
   * evenly among the ancestor's managers (an org gets its managers' share); a fraction applies as it is.
   */
  function givenFor(
    given: GivenFigures,
    nodeId: string,
    indicator: string,
    scope: Scope,
    periodStart: number,
  ): number | null {
    const byOrg = given.of(indicator, scope.period, formatIsoDate(periodStart));
    if (byOrg === undefined) return null;
    const own = byOrg.get(nodeId);
    if (own !== undefined) return own;
    const node = ix.nodeById.get(nodeId);
    if (!node) return null;
    const share = node.level === 'manager' ? 1 : ix.treeManagersUnder(nodeId);
    let ancestor = node.parentId === null ? undefined : ix.nodeById.get(node.parentId);
    const seen = new Set<string>([nodeId]);
    while (ancestor && !seen.has(ancestor.id)) {
      seen.add(ancestor.id);
      const target = byOrg.get(ancestor.id);
      if (target !== undefined) {
        if (unitOf(indicator) === 'fraction') return target;
        const managers = ix.treeManagersUnder(ancestor.id);
        return managers === 0 ? null : round2((target * share) / managers);
      }
      ancestor = ancestor.parentId === null ? undefined : ix.nodeById.get(ancestor.parentId);
    }
    return null;
  }

  /**
   * DESIGN "Baseline", derived where none is given: the working days just before pilot.start, as many as `period`
   * has, so a count covers one whole period of that kind. Null without a configured start, for a period with no
   * working day, or when the log does not reach back that far (a log that begins with the pilot has no history).
   */
  function baselineWindow(period: DayRange): { from: number; to: number } | null {
    const start = input.pilot ? parseIsoDate(input.pilot.start) : Number.NaN;
    const workingDays = ix.working.count(period.start, period.end);
    if (!Number.isFinite(start) || workingDays === 0) return null;
    let first = start;
    for (let counted = 0; counted < workingDays;) if (ix.working.isWorkingDay(--first)) counted++;
    if (!(ix.firstEventDay <= first)) return null;
    return { from: ix.zone.dayStart(first), to: ix.zone.dayStart(start) - 1 };
  }

  /** A node's baseline for an indicator: given with the targets, else derived from the time before the pilot. */
  function baselineOf(
    nodeId: string,
    indicator: string,
    scope: Scope,
    r: Resolved,
    slice: Slice,
    window: { from: number; to: number } | null,
  ): number | null {
    const given = givenFor(ix.baselines, nodeId, indicator, scope, r.period.start);
    if (given !== null || window === null) return given;
    return indicatorFigure(ix, indicator, { mLo: slice.mLo, mHi: slice.mHi, ...window }).value;
  }

  /**
   * A supplied indicator for managers [mLo, mHi) (DESIGN "Supplied indicators"): a flow summed over the current and
   * the previous window; a balance at asOf's day, at the same point of the previous period, and its opening (the
   * balance at the end of the day before the period starts, or at asOf when that is earlier: nothing after asOf is
   * known yet).
   */
  function suppliedFigures(
    definition: { id: string; measure: 'flow' | 'balance' },
    r: Resolved,
    mLo: number,
    mHi: number,
  ): { value: number | null; previous: number | null; opening?: number | null } {
    const dayOf = ix.zone.dayOf;
    const [asOfDay, previousFrom, previousTo] = [dayOf(r.asOf), dayOf(r.previous.from), dayOf(r.previous.to)];
    if (definition.measure === 'flow') {
      return {
        value: supplied.flow(definition.id, mLo, mHi, r.period.start, asOfDay),
        previous: supplied.flow(definition.id, mLo, mHi, previousFrom, previousTo),
      };
    }
    return {
      value: supplied.balance(definition.id, mLo, mHi, asOfDay),
      previous: supplied.balance(definition.id, mLo, mHi, previousTo),
      opening: supplied.balance(definition.id, mLo, mHi, Math.min(r.period.start - 1, asOfDay)),
    };
  }

  /**
   * A supplied indicator's sparkline in the event trends' buckets (days, or weeks over a quarter): a flow's figures
   * summed per bucket, a balance as it stood at each bucket's last day (asOf's day for the last).
   */
  function suppliedTrend(definition: { id: string; measure: 'flow' | 'balance' }, r: Resolved): TrendPoint[] {
    if (r.current.to < r.current.from) return [];
    const asOfDay = ix.zone.dayOf(r.asOf);
    const { starts } = trendBuckets(r.period.start, asOfDay);
    const values = supplied.trend(definition.id, definition.measure, r.mLo, r.mHi, starts, asOfDay);
    return starts.map((day, b) => ({ date: formatIsoDate(day), value: values[b] ?? null }));
  }

  /** The funnel of the leads assigned in `slice`, each placed at its furthest stage by `asOf`. */
  function funnelTally(slice: Slice, asOf: number): { counts: number[]; overdue: number[]; dwell: number[][] } {
    const stageCount = FUNNEL_STAGES.length;
    const counts = new Array<number>(stageCount).fill(0);
    const overdue = new Array<number>(stageCount).fill(0);
    const dwell: number[][] = FUNNEL_STAGES.map(() => []);
    const slaMs = stageSlaMs(ix);
    const entered = new Float64Array(stageCount);
    const series = ix.assigned;
    forEachRecord(series, slice, (k) => {
      const furthest = enterStages(ix, series.lead[k]!, asOf, entered);
      for (let s = 0; s <= furthest; s++) counts[s]!++;
      const sla = slaMs[furthest];
      if (sla !== undefined && asOf - entered[furthest]! > sla) overdue[furthest]!++;
      // dwell: from this stage's own first event to the first event of any later stage it reached
      let next = Infinity;
      for (let s = furthest; s >= 0; s--) {
        const enteredAt = entered[s]!;
        if (s < furthest && enteredAt !== Infinity) dwell[s]!.push(Math.max(0, next - enteredAt) / HOUR_MS);
        if (enteredAt < next) next = enteredAt;
      }
    });
    return { counts, overdue, dwell };
  }

  function value(metric: string, slice: Slice): number | null {
    return metric === 'points' ? pointsOf(ix, slice).total : indicatorFigure(ix, metric, slice).value;
  }

  /** Nodes of `level` at or under `orgId`, in tree order. */
  function nodesUnder(orgId: string, level: OrgLevel): OrgNode[] {
    const found: OrgNode[] = [];
    const seen = new Set<string>();
    const walk = (node: OrgNode): void => {
      if (seen.has(node.id)) return;
      seen.add(node.id);
      if (node.level === level) found.push(node);
      for (const child of ix.children.get(node.id) ?? []) walk(child);
    };
    const root = ix.nodeById.get(orgId);
    if (root) walk(root);
    return found;
  }

  function rangeOfNode(id: string): [number, number] {
    return ix.orgRange(id) ?? [0, 0];
  }

  function gridManagers(feature: GridFeature): string[] {
    const listed = feature.properties['managerIds'];
    if (Array.isArray(listed) && listed.every((id): id is string => typeof id === 'string')) return listed;
    const g = ix.grids.byId.get(feature.properties.gridId);
    return g === undefined ? [] : [...ix.grids.managersSeen[g]!].sort((a, b) => a - b).map((m) => ix.managerIds[m]!);
  }

  /** A grid is in scope when one of its managers is; the bank node also owns grids nobody is assigned to yet. */
  function gridInScope(managerIds: readonly string[], mLo: number, mHi: number, orgId: string | undefined): boolean {
    if (orgId !== undefined && ix.nodeById.get(orgId)?.level === 'bank') return true;
    return managerIds.some((id) => {
      const m = ix.managerIndex.get(id);
      return m !== undefined && m >= mLo && m < mHi;
    });
  }

  const engine: MetricsEngine = {
    indicators(q) {
      const r = resolve(q.scope, 'indicators');
      const scopeNode = q.scope.manager ?? q.scope.org;
      const window = baselineWindow(r.period);
      const indicators: IndicatorValue[] = catalogue.map((definition) => {
        const id = definition.id;
        const figure = indicatorFigure(ix, id, r.current);
        const item: IndicatorValue = {
          id,
          value: figure.value,
          target: givenFor(ix.targets, scopeNode, id, q.scope, r.period.start),
          previous: indicatorFigure(ix, id, r.previous).value,
          baseline: baselineOf(scopeNode, id, q.scope, r, r.current, window),
          trend: indicatorTrend(ix, id, r.current, r.period.start),
        };
        if (figure.amount !== undefined) item.amount = figure.amount;
        if (isSupplied(definition)) {
          Object.assign(item, suppliedFigures(definition, r, r.mLo, r.mHi));
          item.trend = suppliedTrend(definition, r);
        }
        return item;
      });
      const result: IndicatorsResult = {
        asOf: ix.zone.formatDateTime(r.asOf),
        scope: q.scope,
        period: { start: formatIsoDate(r.period.start), end: formatIsoDate(r.period.end) },
        indicators,
      };
      if (q.rows) {
        let nodes: OrgNode[];
        if (q.rows === 'managers') {
          nodes = q.scope.manager
            ? ix.nodes.filter((node) => node.id === q.scope.manager)
            : nodesUnder(q.scope.org, 'manager');
        } else {
          nodes = ix.children.get(q.scope.org) ?? [];
        }
        result.rows = nodes.map((node): IndicatorRow => {
          const [mLo, mHi] = rangeOfNode(node.id);
          const slice = { ...r.current, mLo, mHi };
          const values: Record<string, number | null> = {};
          const targets: Record<string, number | null> = {};
          const baselines: Record<string, number | null> = {};
          const openings: Record<string, number | null> = {};
          for (const definition of catalogue) {
            values[definition.id] = indicatorFigure(ix, definition.id, slice).value;
            targets[definition.id] = givenFor(ix.targets, node.id, definition.id, q.scope, r.period.start);
            baselines[definition.id] = baselineOf(node.id, definition.id, q.scope, r, slice, window);
            if (!isSupplied(definition)) continue;
            const figures = suppliedFigures(definition, r, mLo, mHi);
            values[definition.id] = figures.value;
            if (figures.opening !== undefined) openings[definition.id] = figures.opening;
          }
          const last = lastActionTime(ix, slice, r.asOf);
          return {
            id: node.id,
            name: node.name,
            kind: node.level === 'manager' ? 'manager' : 'org',
            values,
            targets,
            baselines,
            ...(Object.keys(openings).length > 0 ? { openings } : {}),
            overdue: countOpenOverdue(ix, slice, r.asOf),
            lastActionAt: last === null ? null : ix.zone.formatDateTime(last),
          };
        });
      }
      return result;
    },

    leaderboard(q) {
      // The board ranks everyone of its level under the org; a manager in the scope is `me`, not a filter.
      const r = resolve({ ...q.scope, manager: undefined }, 'leaderboard');
      const level = BOARD_LEVEL[q.board];
      if (!level)
        throw new StrideError('http', 'leaderboard', `leaderboard: unknown board "${String(q.board)}"`, {
          status: 400,
        });
      // A supplied indicator of the catalogue ranks by the back end's own figures (a balance at asOf, a flow's sum).
      const suppliedMetric = catalogue.find((definition) => definition.id === q.metric);
      const rankedSupplied = suppliedMetric && isSupplied(suppliedMetric) ? suppliedMetric : undefined;
      // A metric the engine cannot compute is a bad request, not a board of nulls (found by the conformance kit).
      if (q.metric !== 'points' && !(q.metric in BUILT_IN_UNITS) && !rankedSupplied) {
        throw new StrideError('http', 'leaderboard', `leaderboard: unknown metric "${String(q.metric)}"`, {
          status: 400,
        });
      }
      const entries = nodesUnder(q.scope.org, level).map((node): LeaderboardEntry => {
        const [mLo, mHi] = rangeOfNode(node.id);
        const slice = { ...r.current, mLo, mHi };
        const previous = { ...r.previous, mLo, mHi };
        const parent = node.parentId === null ? undefined : ix.nodeById.get(node.parentId);
        const entry: LeaderboardEntry = {
          id: node.id,
          name: node.name,
          kind: node.level === 'manager' ? 'manager' : 'org',
          value: null,
          target: givenFor(ix.targets, node.id, q.metric, q.scope, r.period.start),
          previousValue: value(q.metric, previous),
        };
        if (q.metric === 'points') {
          const points = pointsOf(ix, slice);
          entry.value = points.total;
          entry.pointsByAction = points.byAction;
        } else if (rankedSupplied) {
          const figures = suppliedFigures(rankedSupplied, r, mLo, mHi);
          entry.value = figures.value;
          entry.previousValue = figures.previous;
        } else {
          entry.value = indicatorFigure(ix, q.metric, slice).value;
        }
        if (parent) entry.orgName = parent.name;
        if (node.avatarUrl) entry.avatarUrl = node.avatarUrl;
        if (node.level === 'manager' && mHi > mLo) {
          entry.streak = currentStreak(ix, mLo, r.asOf);
          entry.badges = badgesOf(ix, champions, mLo, r.asOf, locale);
        }
        return entry;
      });
      return { asOf: ix.zone.formatDateTime(r.asOf), scope: q.scope, board: q.board, metric: q.metric, entries };
    },

    funnel(q) {
      const r = resolve(q.scope, 'funnel');
      const slaMs = stageSlaMs(ix);
      const { counts, overdue, dwell } = funnelTally(r.current, r.asOf);
      // Before the pilot: the same funnel of the leads assigned in the baseline window, as it stood at the pilot's start.
      const window = baselineWindow(r.period);
      const before = window === null ? null : funnelTally({ ...r.current, ...window }, window.to).counts;
      const labels = FUNNEL_LABELS[locale];
      const stages = FUNNEL_STAGES.map((id, s): FunnelStage => {
        const stage: FunnelStage = { id, label: labels[id], count: counts[s]!, medianDwellHours: median(dwell[s]!) };
        if (slaMs[s] !== undefined) stage.overdue = overdue[s]!;
        if (before !== null && s > 0) stage.baselineRate = before[s - 1]! > 0 ? before[s]! / before[s - 1]! : null;
        return stage;
      });
      return { asOf: ix.zone.formatDateTime(r.asOf), scope: q.scope, stages };
    },

    coverage(q) {
      const r = resolve(q.scope, 'coverage');
      const cells: CoverageCell[] = [];
      const result: CoverageResult = { asOf: ix.zone.formatDateTime(r.asOf), scope: q.scope, cells };
      if (!input.grids) return result;
      const stamp = new Int32Array(ix.customerCount);
      const g = ix.grids;
      const ft = ix.firstTime;
      for (const feature of input.grids.features) {
        const managerIds = gridManagers(feature);
        if (!gridInScope(managerIds, r.mLo, r.mHi, q.scope.manager ? undefined : q.scope.org)) continue;
        const households = Number(feature.properties.households);
        const cell: CoverageCell = {
          gridId: feature.properties.gridId,
          name: feature.properties.name,
          managerIds,
          managerNames: managerIds.map((id) => ix.nodeById.get(id)?.name ?? id),
          households: Number.isFinite(households) && households > 0 ? households : 0,
          covered: 0,
          openLeads: 0,
        };
        const gi = g.byId.get(cell.gridId);
        if (gi !== undefined) {
          const mark = cells.length + 1;
          let covered = 0;
          for (let k = g.actionOffsets[gi]!; k < g.actionOffsets[gi + 1]!; k++) {
            const t = g.actionTime[k]!;
            if (t > r.current.to) break;
            if (t < r.current.from) continue;
            const customer = g.actionCustomer[k]!;
            if (stamp[customer] !== mark) {
              stamp[customer] = mark;
              covered++;
            }
          }
          // household counts are the denominator; more customers than households (a stale count) reads as full
          cell.covered = Math.min(covered, cell.households);
          let open = 0;
          for (let k = g.leadOffsets[gi]!; k < g.leadOffsets[gi + 1]!; k++) {
            const base = g.leads[k]! * TYPE_COUNT;
            if (ft[base + T.assigned]! <= r.asOf && !(ft[base + T.converted]! <= r.asOf)) open++;
          }
          cell.openLeads = open;
        }
        cells.push(cell);
      }
      return result;
    },

    grids(q) {
      const range = ix.orgRange(q.org);
      if (!range) throw new StrideError('http', 'grids', `grids: unknown org "${q.org}"`, { status: 404 });
      const features = (input.grids?.features ?? []).filter((feature) =>
        gridInScope(gridManagers(feature), range[0], range[1], q.org),
      );
      return { type: 'FeatureCollection', features };
    },

    orgTree() {
      return ix.nodes.map((node) => ({ ...node }));
    },

    alerts(q) {
      const indicators = engine.indicators({ scope: q.scope, rows: q.rows === 'managers' ? 'managers' : 'children' });
      return deriveAlerts(indicators, { catalogue, calendar: input.calendar, timeZone: input.timeZone });
    },

    openOverdue(scope) {
      const r = resolve(scope, 'openOverdue');
      return { asOf: ix.zone.formatDateTime(r.asOf), scope, leads: openOverdueLeads(ix, r, r.asOf) };
    },

    leads(q) {
      const latest = resolve(q.scope, 'leads');
      const page = readLeadsCursor(q, latest.asOf, ix.zone.formatDateTime);
      const r = page.asOf === latest.asOf ? latest : resolve(q.scope, 'leads', page.asOf);
      return leadsQuery(q, { mLo: r.mLo, mHi: r.mHi, current: r.current, asOf: r.asOf }, page.offset);
    },
  };
  return engine;
}
