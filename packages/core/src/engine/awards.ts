/** Streaks and badges of a manager (incentive mechanisms 2 and 3 of the bank material). */
import type { Badge } from '../contracts.js';
import { BADGE_LABELS } from './labels.js';
import type { LogIndex } from './log-index.js';
import { POINTS_ACTIONS, POINTS_SERIES } from './metrics.js';
import { tally, upperBound } from './series.js';
import { periodContaining, type DayRange } from './time.js';
import type { EngineLocale } from './types.js';

/**
 * Consecutive working days ending at asOf with at least one contact, conversation or visit. Holidays and weekends
 * neither count nor break a streak; today counts once it has an action, and until then the streak runs to the
 * previous working day so a manager does not see it drop to 0 every morning.
 */
export function currentStreak(ix: LogIndex, manager: number, asOf: number): number {
  const series = ix.action;
  const lo = series.offsets[manager]!;
  let k = upperBound(series.time, lo, series.offsets[manager + 1]!, asOf) - 1;
  if (k < lo) return 0;
  const today = ix.zone.dayOf(asOf);
  const dayOf = ix.zone.dayOf;
  const oldest = dayOf(series.time[lo]!);
  let streak = 0;
  for (let day = today; day >= oldest; day--) {
    if (!ix.working.isWorkingDay(day)) continue;
    while (k >= lo && dayOf(series.time[k]!) > day) k--;
    if (k >= lo && dayOf(series.time[k]!) === day) streak++;
    else if (day !== today) break;
  }
  return streak;
}

/** The longest run of consecutive working days with an action, up to asOf. */
export function longestStreak(ix: LogIndex, manager: number, asOf: number): number {
  const series = ix.action;
  const lo = series.offsets[manager]!;
  const hi = upperBound(series.time, lo, series.offsets[manager + 1]!, asOf);
  let best = 0;
  let run = 0;
  let previous = NaN;
  const dayOf = ix.zone.dayOf;
  for (let k = lo; k < hi; k++) {
    const day = dayOf(series.time[k]!);
    if (day === previous || !ix.working.isWorkingDay(day)) continue;
    run = !Number.isNaN(previous) && ix.working.count(previous + 1, day - 1) === 0 ? run + 1 : 1;
    if (run > best) best = run;
    previous = day;
  }
  return best;
}

/** Every manager's points in every week (or month) of the log. */
interface PeriodPoints {
  /** The periods from the first event's to the last event's, in order. */
  periods: DayRange[];
  /** points[manager * periods.length + p]: the manager's points in period p. */
  points: Float64Array;
  /** Per contest (by its first manager): the best points of each period, 0 when nobody scored. */
  best: Map<number, Float64Array>;
}

/**
 * Weekly and monthly champions: rank 1 in points among the managers of the same branch (a champion is a branch
 * contest; a bank-wide top spot would go to one of 10,000 people), for a week or month that has ended by asOf.
 * Ties share rank 1; nobody is champion of a period without points. Completed periods never change, so every
 * manager's points in every period are counted once, in one pass over each points series (a tally per manager and
 * period was most of a bank-wide board's time: 10,000 managers, dozens of weeks, seven series each).
 */
export class ChampionBoard {
  private readonly byKind = new Map<'week' | 'month', PeriodPoints>();
  constructor(private readonly ix: LogIndex) {}

  private contestOf(manager: number): [number, number] | undefined {
    const ix = this.ix;
    let node = ix.nodeById.get(ix.managerIds[manager] ?? '');
    let top: string | undefined;
    while (node) {
      top = node.id;
      if (node.level === 'branch') break;
      node = node.parentId === null ? undefined : ix.nodeById.get(node.parentId);
    }
    return top === undefined ? undefined : ix.orgRange(top);
  }

  /**
   * Every manager's points in every period of the kind, as `pointsOf` counts them over the period's days: the same
   * counts times the same weights, summed in the same order.
   */
  private periodPoints(kind: 'week' | 'month'): PeriodPoints {
    let table = this.byKind.get(kind);
    if (table) return table;
    const ix = this.ix;
    const periods: DayRange[] = [];
    for (
      let period = periodContaining(kind, ix.firstEventDay, undefined);
      period.start <= ix.lastEventDay;
      period = periodContaining(kind, period.end + 1, undefined)
    )
      periods.push(period);
    const first = periods[0]!.start;
    const periodOfDay = new Int32Array(ix.lastEventDay - first + 1);
    periods.forEach((period, p) => periodOfDay.fill(p, period.start - first, period.end - first + 1));
    const count = periods.length;
    const managers = ix.managerIds.length;
    const points = new Float64Array(managers * count);
    const counts = new Int32Array(managers * count);
    const dayOf = ix.zone.dayOf;
    for (const action of POINTS_ACTIONS) {
      const series = POINTS_SERIES[action](ix);
      counts.fill(0);
      for (let m = 0; m < managers; m++) {
        for (let k = series.offsets[m]!; k < series.offsets[m + 1]!; k++) {
          counts[m * count + periodOfDay[dayOf(series.time[k]!) - first]!]!++;
        }
      }
      const weight = ix.points[action];
      for (let i = 0; i < points.length; i++) points[i]! += counts[i]! * weight;
    }
    table = { periods, points, best: new Map() };
    this.byKind.set(kind, table);
    return table;
  }

  private bestOf(table: PeriodPoints, range: [number, number]): Float64Array {
    let best = table.best.get(range[0]);
    if (best) return best;
    const count = table.periods.length;
    best = new Float64Array(count);
    for (let m = range[0]; m < range[1]; m++) {
      for (let p = 0; p < count; p++) best[p] = Math.max(best[p]!, table.points[m * count + p]!);
    }
    table.best.set(range[0], best);
    return best;
  }

  /** Whether the manager was champion of any week (or month) ending by asOf, from the first event on. */
  held(manager: number, kind: 'week' | 'month', asOf: number): boolean {
    const ix = this.ix;
    const range = this.contestOf(manager);
    if (!range || !Number.isFinite(ix.firstEventDay)) return false;
    const asOfDay = ix.zone.dayOf(asOf);
    // a period is complete when asOf has reached its last instant
    const completeBy = ix.zone.dayOf(asOf + 1) - 1;
    const table = this.periodPoints(kind);
    const best = this.bestOf(table, range);
    const count = table.periods.length;
    for (let p = 0; p < count; p++) {
      const period = table.periods[p]!;
      if (period.end > completeBy || period.start > asOfDay) break;
      const points = table.points[manager * count + p]!;
      if (points > 0 && points === best[p]) return true;
    }
    return false;
  }
}

export function badgesOf(
  ix: LogIndex,
  champions: ChampionBoard,
  manager: number,
  asOf: number,
  locale: EngineLocale,
): Badge[] {
  const labels = BADGE_LABELS[locale];
  const badges: Badge[] = [];
  const one = { mLo: manager, mHi: manager + 1 };
  if (tally(ix.converted, { ...one, from: -Infinity, to: asOf }).count > 0) {
    badges.push({ id: 'first_conversion', label: labels.first_conversion, kind: 'milestone' });
  }
  const pilotFrom = ix.pilot ? ix.zone.dayStart(ix.pilot.start) : -Infinity;
  const pilotTo = ix.pilot ? Math.min(asOf, ix.zone.dayStart(ix.pilot.end + 1) - 1) : asOf;
  if (tally(ix.contacted, { ...one, from: pilotFrom, to: pilotTo }).count >= 100) {
    badges.push({ id: 'contacts_100', label: labels.contacts_100, kind: 'milestone' });
  }
  if (longestStreak(ix, manager, asOf) >= 7) badges.push({ id: 'streak_7', label: labels.streak_7, kind: 'milestone' });
  if (champions.held(manager, 'week', asOf)) {
    badges.push({ id: 'champion_week', label: labels.champion_week, kind: 'champion' });
  }
  if (champions.held(manager, 'month', asOf)) {
    badges.push({ id: 'champion_month', label: labels.champion_month, kind: 'champion' });
  }
  return badges;
}
