/** Streaks and badges of a manager (incentive mechanisms 2 and 3 of the bank material). */
import type { Badge } from '../contracts.js';
import { BADGE_LABELS } from './labels.js';
import type { LogIndex } from './log-index.js';
import { pointsOf } from './metrics.js';
import { tally, upperBound } from './series.js';
import { periodContaining } from './time.js';
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

/**
 * Weekly and monthly champions: rank 1 in points among the managers of the same branch (a champion is a branch
 * contest; a bank-wide top spot would go to one of 10,000 people), for a week or month that has ended by asOf.
 * Ties share rank 1; nobody is champion of a period without points. Completed periods never change, so each is
 * computed once per branch.
 */
export class ChampionBoard {
  private readonly cache = new Map<string, Set<number>>();
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

  private championsOf(range: [number, number], kind: 'week' | 'month', startDay: number, endDay: number): Set<number> {
    const key = `${range[0]}-${range[1]}|${kind}|${startDay}`;
    let champions = this.cache.get(key);
    if (champions) return champions;
    champions = new Set();
    const from = this.ix.zone.dayStart(startDay);
    const to = this.ix.zone.dayStart(endDay + 1) - 1;
    let best = 0;
    for (let m = range[0]; m < range[1]; m++) {
      const points = pointsOf(this.ix, { mLo: m, mHi: m + 1, from, to }).total;
      if (points > best) {
        best = points;
        champions = new Set([m]);
      } else if (points === best && best > 0) champions.add(m);
    }
    this.cache.set(key, champions);
    return champions;
  }

  /** Whether the manager was champion of any week (or month) ending by asOf, from the first event on. */
  held(manager: number, kind: 'week' | 'month', asOf: number): boolean {
    const ix = this.ix;
    const range = this.contestOf(manager);
    if (!range || !Number.isFinite(ix.firstEventDay)) return false;
    const asOfDay = ix.zone.dayOf(asOf);
    // a period is complete when asOf has reached its last instant
    const completeBy = ix.zone.dayOf(asOf + 1) - 1;
    let period = periodContaining(kind, ix.firstEventDay, undefined);
    while (period.end <= completeBy && period.start <= asOfDay) {
      if (this.championsOf(range, kind, period.start, period.end).has(manager)) return true;
      period = periodContaining(kind, period.end + 1, undefined);
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
