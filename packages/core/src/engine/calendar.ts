import type { PilotConfig, Scope, WorkCalendar } from '../contracts.js';
import { createBankZone, parseIsoDate, periodContaining, pilotRange, weekdayOf, type BankZone } from './time.js';

/** Working days of the bank: Monday-Friday, minus holidays, plus make-up working days (调休). */
export interface WorkingDays {
  isWorkingDay(day: number): boolean;
  /** Working days in the inclusive day range. */
  count(from: number, to: number): number;
}

export function createWorkingDays(calendar: WorkCalendar | undefined): WorkingDays {
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  for (const date of calendar?.holidays ?? []) holidays.add(parseIsoDate(date));
  for (const date of calendar?.workdays ?? []) workdays.add(parseIsoDate(date));
  const isWorkingDay = (day: number): boolean => workdays.has(day) || (!holidays.has(day) && weekdayOf(day) < 5);
  return {
    isWorkingDay,
    count(from, to) {
      let total = 0;
      for (let day = from; day <= to; day++) if (isWorkingDay(day)) total++;
      return total;
    },
  };
}

/**
 * Working days of the scope's period: `total` in the whole period, `elapsed` from its start up to and including the
 * day of asOf (= min(now, end of scope.date)). Pace = target x elapsed / total. Today counts as elapsed: the pace
 * shown during the day is where the count should be by this evening. A `pilot` period needs `pilot`; without it
 * the period is the single day `scope.date`.
 */
export function workingDaysElapsed(
  scope: Scope,
  calendar: WorkCalendar | undefined,
  timeZone = 'Asia/Shanghai',
  now: Date = new Date(),
  pilot?: PilotConfig,
): { elapsed: number; total: number } {
  const zone: BankZone = createBankZone(timeZone, [now.getTime(), now.getTime()]);
  const dateDay = parseIsoDate(scope.date);
  if (!Number.isFinite(dateDay))
    throw new RangeError(`workingDaysElapsed: scope.date "${scope.date}" is not YYYY-MM-DD`);
  const period = periodContaining(scope.period, dateDay, pilotRange(pilot, NaN, NaN));
  const working = createWorkingDays(calendar);
  const asOfDay = Math.min(zone.dayOf(now.getTime()), dateDay, period.end);
  return {
    elapsed: asOfDay < period.start ? 0 : working.count(period.start, asOfDay),
    total: working.count(period.start, period.end),
  };
}
