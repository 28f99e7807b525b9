import type { IsoDate, WorkCalendar } from '../../packages/core/src/contracts.js';

/**
 * Calendar arithmetic on "day numbers" (days since 1970-01-01 of the bank's local calendar). The generator keeps every
 * instant as local seconds since the first pilot day and applies the bank's UTC offset only when it writes `at`.
 * The offset is taken once, at `now`: bank time zones in China have no daylight saving, so one offset covers the pilot.
 */
export const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = 86_400_000;

export function dayNumber(date: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`expected a date YYYY-MM-DD, got "${date}"`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / MS_PER_DAY;
  if (isoDate(day) !== date) throw new RangeError(`not a calendar date: "${date}"`);
  return day;
}

export function isoDate(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The Monday of the week containing `day`: bank weeks start on Monday. */
export function mondayOf(day: number): number {
  return day - ((weekday(day) + 6) % 7);
}

/** The bank's local date at an instant, `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Shanghai: 480). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone is UTC.
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `+08:00` for 480. */
export function offsetSuffix(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Holidays and a make-up working day (调休) placed relative to today, so they always fall inside the pilot window
 * whatever day the data is generated: the Monday and Tuesday of the first full week that starts at or after the middle
 * of the window are a public holiday, and the Saturday before that Monday is worked instead, as Chinese holiday
 * schedules do. A window shorter than about three weeks may hold neither; then the calendar is plain Monday-Friday.
 */
export function pilotCalendar(firstDay: number, lastDay: number): WorkCalendar {
  const middle = firstDay + Math.floor((lastDay - firstDay) / 2);
  const monday = mondayOf(middle + 6); // first Monday on or after the middle
  const holidays = [monday, monday + 1].filter((d) => d >= firstDay && d < lastDay);
  const workdays = [monday - 2].filter((d) => d >= firstDay && d < lastDay && holidays.length > 0);
  return { holidays: holidays.map(isoDate), workdays: workdays.map(isoDate) };
}

/** Working days by the calendar: Monday-Friday unless a holiday, plus make-up working days. */
export function workingDayTest(calendar: WorkCalendar): (day: number) => boolean {
  const holidays = new Set(calendar.holidays.map(dayNumber));
  const workdays = new Set(calendar.workdays.map(dayNumber));
  return (day) => {
    if (holidays.has(day)) return false;
    if (workdays.has(day)) return true;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  };
}
