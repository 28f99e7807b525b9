/**
 * Pace and the one "behind" rule (DESIGN "Definitions"): pace is where a count should be by asOf, the target times
 * the share of the period's working days elapsed; a value is behind when it is worse than pace by more than the
 * tolerance. Tiles, sheet bands, "behind only" filters and pace alerts all judge with `paceStatus`, so a red tile and
 * an alert never disagree. Working days come from the bank's calendar (holidays and make-up working days, 调休);
 * without one, Monday-Friday. Pure: no DOM, no clock.
 */
import type { IndicatorMeasure, IndicatorUnit, IsoDate, IsoDateTime, WorkCalendar } from '../contracts.js';
import { todayInZone } from '../format/index.js';
import { formatIsoDate, parseIsoDate, periodContaining } from '../engine/time.js';
import type { PeriodKind } from '../contracts.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD`, or NaN. Calendar dates carry no zone: they are already the bank's. */
export function dayNumber(date: IsoDate): number {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!parts) return Number.NaN;
  return Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) / DAY_MS;
}

export interface WorkingCalendar {
  isWorkingDay(day: number): boolean;
}

export function workingCalendar(calendar: WorkCalendar | undefined): WorkingCalendar {
  const holidays = new Set((calendar?.holidays ?? []).map(dayNumber));
  const workdays = new Set((calendar?.workdays ?? []).map(dayNumber));
  return {
    isWorkingDay(day) {
      // A make-up working day (调休) is worked even on a weekend; a holiday is not worked even on a weekday.
      if (workdays.has(day)) return true;
      if (holidays.has(day)) return false;
      const weekday = new Date(day * DAY_MS).getUTCDay();
      return weekday >= 1 && weekday <= 5;
    },
  };
}

export interface PeriodProgress {
  /** Working days from the period's start up to and including asOf's day (0 before the period starts). */
  elapsed: number;
  /** Working days in the whole period. */
  total: number;
  /** elapsed / total, 0-1: the share of the target that should be done by asOf. */
  share: number;
  /** asOf lies before the period's first day: nothing is expected yet. */
  notStarted: boolean;
}

/**
 * The share of the period's working days elapsed by asOf. asOf's day is taken in the bank's time zone, and counts as
 * elapsed: the pace shown during the day is where the count should be by this evening (as the engine does).
 * A period with no working day at all (a `day` period on a holiday) expects its whole target once it has begun.
 */
export function periodProgress(
  period: { start: IsoDate; end: IsoDate },
  asOf: IsoDateTime,
  calendar: WorkCalendar | undefined,
  timeZone: string,
): PeriodProgress {
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  const asOfDate = new Date(asOf);
  const asOfDay = Number.isNaN(asOfDate.getTime()) ? end : dayNumber(todayInZone(timeZone, asOfDate));
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    return { elapsed: 0, total: 0, share: 0, notStarted: false };
  }
  const working = workingCalendar(calendar);
  const last = Math.min(asOfDay, end);
  let total = 0;
  let elapsed = 0;
  for (let day = start; day <= end; day++) {
    if (!working.isWorkingDay(day)) continue;
    total++;
    if (day <= last) elapsed++;
  }
  const notStarted = asOfDay < start;
  return { elapsed, total, share: notStarted ? 0 : total === 0 ? 1 : elapsed / total, notStarted };
}

/**
 * The calendar period of `kind` containing `date`, for a result that does not carry its bounds (a leaderboard).
 * Null for `pilot`, whose bounds only the back end knows.
 */
export function periodOfDate(kind: PeriodKind, date: IsoDate): { start: IsoDate; end: IsoDate } | null {
  const day = parseIsoDate(date);
  if (kind === 'pilot' || !Number.isFinite(day)) return null;
  const range = periodContaining(kind, day, undefined);
  return { start: formatIsoDate(range.start), end: formatIsoDate(range.end) };
}

export type PaceStatus = 'ahead' | 'on-pace' | 'behind';

/**
 * The thresholds of the behind rule and of the alert rules (DESIGN "Alert"). They configure the kit's own judgement
 * (tiles, bands, the alerts it derives from indicator rows); an adapter implementing `alerts` applies its back end's.
 */
export interface AlertRules {
  /** A count is behind when worse than pace by more than this share of pace. Default 0.10. */
  countTolerance: number;
  /** A fraction is behind when worse than its target by more than this many points (0-1). Default 0.05. */
  fractionTolerance: number;
  /** Sheet band 0 ("well behind"): a behind value under this share of pace. Default 0.6. */
  wellBehind: number;
  /** The overdue alert: open overdue leads at or above this. Default 5. */
  overdueThreshold: number;
  /** The inactive alert: this many completed working days without a contact, conversation or visit. Default 2. */
  inactiveDays: number;
}

export const DEFAULT_ALERT_RULES: Readonly<AlertRules> = {
  countTolerance: 0.1,
  fractionTolerance: 0.05,
  wellBehind: 0.6,
  overdueThreshold: 5,
  inactiveDays: 2,
};

/** Defaults overlaid with whatever finite, non-negative thresholds a host configured. */
export function alertRules(configured?: Partial<AlertRules>): AlertRules {
  const rules = { ...DEFAULT_ALERT_RULES };
  for (const key of Object.keys(rules) as (keyof AlertRules)[]) {
    const value = configured?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) rules[key] = value;
  }
  return rules;
}

/** What the pace rule needs to know of an indicator: its unit and, for a supplied one, how it accumulates. */
export interface PacedIndicator {
  unit: IndicatorUnit;
  measure?: IndicatorMeasure | undefined;
}

/**
 * Where the value should be by asOf: the one pace rule of tiles, sheet bands, pace alerts, my day and the digest.
 * A count or a flow: target x share of working days elapsed. A balance (DESIGN "Supplied indicators") starts the
 * period at its `opening`, so it should have covered that share of the way from opening to target:
 * opening + (target - opening) x share. A fraction (a rate) has no pace: it is compared with its target directly.
 * Null when there is no target to pace against (none, or 0), or a balance has no opening to pace from.
 */
export function paceFor(
  indicator: PacedIndicator,
  target: number | null | undefined,
  share: number,
  opening?: number | null,
): number | null {
  if (typeof target !== 'number' || !Number.isFinite(target) || target === 0) return null;
  if (indicator.unit === 'fraction') return target;
  if (indicator.measure !== 'balance') return target * share;
  return typeof opening === 'number' && Number.isFinite(opening) ? opening + (target - opening) * share : null;
}

/**
 * How a value compares with the time before the pilot (DESIGN "Baseline"). A count's baseline covers one whole
 * period, so it is pro-rated like pace: `times` = value / (baseline x share of working days elapsed), read "x10.2". A
 * fraction's is its rate then: `points` = value - baseline, read "+15.3 pts".
 */
export type VersusBaseline = { kind: 'times'; by: number } | { kind: 'points'; by: number };

/** Null without a value, a baseline (or a count's baseline of 0), or a working day elapsed to pro-rate by. */
export function versusBaseline(
  unit: IndicatorUnit,
  value: number | null | undefined,
  baseline: number | null | undefined,
  share: number,
): VersusBaseline | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (typeof baseline !== 'number' || !Number.isFinite(baseline)) return null;
  if (unit === 'fraction') return { kind: 'points', by: value - baseline };
  const expected = baseline * share;
  return expected > 0 ? { kind: 'times', by: value / expected } : null;
}

const EDGE = 1e-9;

/** How far the value is from pace in the bad direction, in the tolerance's terms (share of pace, or points). */
function shortfall(value: number, pace: number, unit: IndicatorUnit, goodDirection: 'up' | 'down'): number {
  const worseBy = goodDirection === 'down' ? value - pace : pace - value;
  return unit === 'fraction' ? worseBy : worseBy / pace;
}

/**
 * The behind rule: behind when worse than pace by more than the tolerance (a share of pace for a count, points for
 * a fraction), ahead when better by at least as much, else on pace; mirrored where less is better. No status when
 * the value is missing, there is no (or a zero) target, or the pace is still 0 (the period has not started, so
 * nothing can be ahead or behind yet).
 */
export function paceStatus(
  value: number | null | undefined,
  pace: number | null,
  unit: IndicatorUnit = 'count',
  goodDirection: 'up' | 'down' = 'up',
  rules: AlertRules = DEFAULT_ALERT_RULES,
): PaceStatus | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || pace === null || pace <= 0) return null;
  const tolerance = unit === 'fraction' ? rules.fractionTolerance : rules.countTolerance;
  const worse = shortfall(value, pace, unit, goodDirection);
  // decimal inputs on the edge (0.9 - 0.85) must land on the edge, not a float's width either side of it
  if (worse > tolerance + EDGE) return 'behind';
  if (-worse >= tolerance - EDGE) return 'ahead';
  return 'on-pace';
}

/** Colour band of a sheet cell, 0 (well behind) to 3 (ahead). */
export type CellBand = 0 | 1 | 2 | 3;

/**
 * A sheet cell's band by the same rule as the tiles' status (1-3 are behind, on pace, ahead), with "well behind"
 * (0) for a behind value under `wellBehind` of pace. Judging the raw % of target instead would paint every manager
 * red on the 3rd of the month.
 */
export function paceBand(
  value: number | null,
  pace: number | null,
  unit: IndicatorUnit,
  goodDirection: 'up' | 'down' = 'up',
  rules: AlertRules = DEFAULT_ALERT_RULES,
): CellBand | null {
  const status = paceStatus(value, pace, unit, goodDirection, rules);
  if (status === null || value === null || pace === null) return null;
  if (status === 'ahead') return 3;
  if (status === 'on-pace') return 2;
  const attainment = goodDirection === 'down' ? (value === 0 ? Infinity : pace / value) : value / pace;
  return attainment < rules.wellBehind ? 0 : 1;
}
