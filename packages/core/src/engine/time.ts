/**
 * Bank-time arithmetic for the metrics engine. Days are integers: the number of local calendar days since
 * 1970-01-01 in the bank's time zone, so weeks, months and working-day counts are integer maths on one axis.
 */
import type { IsoDate, IsoDateTime, PeriodKind, PilotConfig } from '../contracts.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A time zone resolved once: epoch ms -> UTC offset in ms, and the conversions built on it. */
export interface BankZone {
  readonly timeZone: string;
  offsetAt(epochMs: number): number;
  /** The local day index of an instant. */
  dayOf(epochMs: number): number;
  /** The instant local midnight of `day` begins. */
  dayStart(day: number): number;
  /** `YYYY-MM-DDTHH:mm:ss+08:00` */
  formatDateTime(epochMs: number): IsoDateTime;
}

function intlOffset(format: Intl.DateTimeFormat, epochMs: number): number {
  const parts = format.formatToParts(new Date(epochMs));
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Most bank zones (Asia/Shanghai has had no daylight saving since 1991) have one offset; sampling every two weeks
 * over the data's span plus a year either side finds any change, and then the zone costs one subtraction per event.
 * Zones that do change fall back to Intl, cached per hour.
 */
export function createBankZone(
  timeZone: string,
  spanMs: readonly [number, number] = [Date.now(), Date.now()],
): BankZone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const from = (Number.isFinite(spanMs[0]) ? spanMs[0] : Date.now()) - 400 * DAY_MS;
  const to = (Number.isFinite(spanMs[1]) ? spanMs[1] : Date.now()) + 400 * DAY_MS;
  const first = intlOffset(format, from);
  let fixed = true;
  for (let t = from; t <= to && fixed; t += 14 * DAY_MS) fixed = intlOffset(format, t) === first;
  if (fixed) fixed = intlOffset(format, to) === first;

  const perHour = new Map<number, number>();
  const offsetAt = fixed
    ? (): number => first
    : (epochMs: number): number => {
        const hour = Math.floor(epochMs / HOUR_MS);
        let offset = perHour.get(hour);
        if (offset === undefined) {
          offset = intlOffset(format, hour * HOUR_MS);
          perHour.set(hour, offset);
        }
        return offset;
      };

  return {
    timeZone,
    offsetAt,
    dayOf: (epochMs) => Math.floor((epochMs + offsetAt(epochMs)) / DAY_MS),
    dayStart(day) {
      const wall = day * DAY_MS;
      const guess = wall - offsetAt(wall);
      return wall - offsetAt(guess);
    },
    formatDateTime(epochMs) {
      const offset = offsetAt(epochMs);
      const local = new Date(Math.floor((epochMs + offset) / 1000) * 1000).toISOString().slice(0, 19);
      const minutes = Math.round(Math.abs(offset) / 60_000);
      const sign = offset < 0 ? '-' : '+';
      return `${local}${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
    },
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD` -> day index, or NaN when it is not a real calendar date. */
export function parseIsoDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return NaN;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return NaN;
  return ms / DAY_MS;
}

export function formatIsoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Event times as exported by bank systems: `YYYY-MM-DDTHH:mm[:ss[.sss]]` with `Z`, `±HH:MM` or no offset (then
 * read as bank time). Hand-parsed because Date.parse dominates indexing a million-event log; anything unusual goes
 * through Date.parse. Returns NaN for an unreadable time.
 */
export function parseEventTime(text: string, zone: BankZone): number {
  const n = text.length;
  if (n >= 16 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(13) === 58) {
    const y = digits(text, 0, 4);
    const mo = digits(text, 5, 2);
    const d = digits(text, 8, 2);
    const h = digits(text, 11, 2);
    const mi = digits(text, 14, 2);
    let i = 16;
    let s = 0;
    let ms = 0;
    if (text.charCodeAt(i) === 58) {
      s = digits(text, 17, 2);
      i = 19;
      if (text.charCodeAt(i) === 46) {
        let j = i + 1;
        let scale = 100;
        while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) {
          ms += (text.charCodeAt(j) - 48) * scale;
          scale /= 10;
          j++;
        }
        ms = Math.floor(ms);
        i = j;
      }
    }
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 24 && mi >= 0 && s >= 0) {
      const wall = daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms;
      if (i === n) return wall - zone.offsetAt(wall - zone.offsetAt(wall));
      const c = text.charCodeAt(i);
      if ((c === 90 || c === 122) && i + 1 === n) return wall;
      if ((c === 43 || c === 45) && i + 6 === n && text.charCodeAt(i + 3) === 58) {
        const oh = digits(text, i + 1, 2);
        const om = digits(text, i + 4, 2);
        if (oh >= 0 && om >= 0) return wall - (c === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
      }
    }
  }
  return Date.parse(text);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): Date.UTC without the object. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The decimal digits at `text[from, from + count)` as a number, -1 when one of them is not a digit. */
export function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Inclusive day range. */
export interface DayRange {
  start: number;
  end: number;
}

function ymd(day: number): [number, number] {
  const date = new Date(day * DAY_MS);
  return [date.getUTCFullYear(), date.getUTCMonth()];
}
function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1) / DAY_MS;
}

/** The period of `kind` containing `day`; weeks start on Monday. */
export function periodContaining(kind: PeriodKind, day: number, pilot: DayRange | undefined): DayRange {
  switch (kind) {
    case 'day':
      return { start: day, end: day };
    case 'week': {
      const start = day - weekdayOf(day);
      return { start, end: start + 6 };
    }
    case 'month': {
      const [y, m] = ymd(day);
      return { start: monthStart(y, m), end: monthStart(y, m + 1) - 1 };
    }
    case 'quarter': {
      const [y, m] = ymd(day);
      const q = m - (m % 3);
      return { start: monthStart(y, q), end: monthStart(y, q + 3) - 1 };
    }
    case 'year': {
      const [y] = ymd(day);
      return { start: monthStart(y, 0), end: monthStart(y + 1, 0) - 1 };
    }
    case 'pilot':
      return pilot ? { start: pilot.start, end: pilot.end } : { start: day, end: day };
  }
}

/** The period before `period` of the same kind (for a pilot: the same number of days just before it). */
export function previousPeriod(kind: PeriodKind, period: DayRange, pilot: DayRange | undefined): DayRange {
  if (kind === 'pilot') {
    const length = period.end - period.start + 1;
    return { start: period.start - length, end: period.start - 1 };
  }
  return periodContaining(kind, period.start - 1, pilot);
}

/** The configured pilot, else first to last event date; undefined when there is neither. */
export function pilotRange(
  pilot: PilotConfig | undefined,
  firstEventDay: number,
  lastEventDay: number,
): DayRange | undefined {
  if (pilot) {
    const start = parseIsoDate(pilot.start);
    const end = parseIsoDate(pilot.end);
    if (Number.isFinite(start) && Number.isFinite(end) && end >= start) return { start, end };
  }
  if (Number.isFinite(firstEventDay) && Number.isFinite(lastEventDay))
    return { start: firstEventDay, end: lastEventDay };
  return undefined;
}
