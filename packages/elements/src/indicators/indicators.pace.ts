/**
 * Pace and status of an indicator against its target (DESIGN "Definitions"): pace is where a count should be by asOf,
 * the target times the share of the period's working days elapsed. Working days come from the bank's calendar
 * (holidays and make-up working days, 调休); without one, Monday-Friday. Pure: no DOM, no clock.
 */
import { todayInZone, type IndicatorUnit, type IsoDate, type IsoDateTime, type WorkCalendar } from '@stride/core';

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

export type PaceStatus = 'ahead' | 'on-pace' | 'behind';

/** Within 5% either side of pace counts as on pace: a day's noise should not flip a tile red on a wall screen. */
export const PACE_TOLERANCE = 0.05;

/**
 * Where the value should be by asOf. A count: target x share of working days elapsed. A fraction (a rate) has no
 * pace: it is compared with its target directly. Null when there is no target to pace against (none, or 0).
 */
export function paceFor(unit: IndicatorUnit, target: number | null | undefined, share: number): number | null {
  if (typeof target !== 'number' || !Number.isFinite(target) || target === 0) return null;
  return unit === 'fraction' ? target : target * share;
}

/**
 * The status rule: ahead when value >= pace x 1.05, behind when value < pace x 0.95, else on pace (mirrored for an
 * indicator where less is better). No status when the value is missing, there is no (or a zero) target, or the pace
 * is still 0 (the period has not started, so nothing can be ahead or behind yet).
 */
export function paceStatus(
  value: number | null | undefined,
  pace: number | null,
  goodDirection: 'up' | 'down' = 'up',
): PaceStatus | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || pace === null || pace <= 0) return null;
  if (goodDirection === 'down') {
    if (value <= pace * (1 - PACE_TOLERANCE)) return 'ahead';
    if (value > pace * (1 + PACE_TOLERANCE)) return 'behind';
    return 'on-pace';
  }
  if (value >= pace * (1 + PACE_TOLERANCE)) return 'ahead';
  if (value < pace * (1 - PACE_TOLERANCE)) return 'behind';
  return 'on-pace';
}
