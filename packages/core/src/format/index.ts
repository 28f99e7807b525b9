/**
 * The one formatter module: every number and date a widget shows goes through here, through `Intl`.
 * zh-CN compacts large numbers with 万/亿 (Intl's own zh-CN compact notation), fractions are 0-1 in data and
 * become percents only here, money is CNY.
 */
import type { IsoDate, IsoDateTime } from '../contracts.js';

export type StrideLocale = 'zh-CN' | 'en';
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** Shown wherever a value is missing (null, non-finite): never 0, which would be a lie. */
export const MISSING = '--';

export function resolveLocale(value: string | null | undefined): StrideLocale {
  if (!value) return 'zh-CN';
  return value.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

// Intl formatters are expensive to build and cheap to reuse; a 10,000-row board formats 50,000 numbers.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function reused<F extends Intl.NumberFormat | Intl.DateTimeFormat>(
  Format: new (locale: string, options: object) => F,
  locale: StrideLocale,
  options: object,
): F {
  const key = `${Format.name}|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as F | undefined;
  if (!format) {
    format = new Format(locale, options);
    cache.set(key, format);
  }
  return format;
}
const dateFormat = (locale: StrideLocale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  reused(Intl.DateTimeFormat, locale, options);

/** A number through Intl; -0 (what a difference or a rounding can leave) reads 0, never "-0". */
function formatNumber(value: number, locale: StrideLocale, options: Intl.NumberFormatOptions): string {
  return reused(Intl.NumberFormat, locale, options).format(Object.is(value, -0) ? 0 : value);
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A count: 1,234 / 1.2万 (compact only from 10,000 up, where a wall screen needs it). */
export function formatCount(
  value: number | null | undefined,
  locale: StrideLocale,
  options: { compact?: boolean } = {},
): string {
  if (!isNumber(value)) return MISSING;
  if (options.compact && Math.abs(value) >= 10_000) {
    return formatNumber(value, locale, { notation: 'compact', maximumFractionDigits: 1 });
  }
  return formatNumber(value, locale, { maximumFractionDigits: 0 });
}

/** A 0-1 fraction as a percent: 0.8734 -> 87.3%. */
export function formatPercent(value: number | null | undefined, locale: StrideLocale, digits = 1): string {
  if (!isNumber(value)) return MISSING;
  return formatNumber(value, locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** A signed change of a fraction or ratio, e.g. +12.5% / -3%. */
export function formatSignedPercent(value: number | null | undefined, locale: StrideLocale, digits = 1): string {
  if (!isNumber(value)) return MISSING;
  return formatNumber(value, locale, { style: 'percent', maximumFractionDigits: digits, signDisplay: 'exceptZero' });
}

/**
 * A comparison with a baseline (DESIGN "Baseline"): a count as a multiple (x10.2, x0.8), a fraction as signed
 * percentage points (+15.3 pts / +15.3个百分点).
 */
export function formatVersusBaseline(
  versus: { kind: 'times' | 'points'; by: number } | null,
  locale: StrideLocale,
): string {
  if (versus === null || !isNumber(versus.by)) return MISSING;
  if (versus.kind === 'times') return `×${formatNumber(versus.by, locale, { maximumFractionDigits: 1 })}`;
  const points = formatNumber(versus.by * 100, locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return locale === 'zh-CN' ? `${points}个百分点` : `${points} pts`;
}

/**
 * Money in CNY: ¥1,234.56, or compact (¥12.3万 / ¥12.3K) where space is short. The yuan sign alone in en too (not
 * CN¥), as formatAmount writes the balances beside it: a kit for Chinese banks has one currency on screen.
 */
export function formatMoney(
  value: number | null | undefined,
  locale: StrideLocale,
  options: { compact?: boolean } = {},
): string {
  if (!isNumber(value)) return MISSING;
  if (options.compact && Math.abs(value) >= 10_000) {
    return formatNumber(value, locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
      notation: 'compact',
      maximumFractionDigits: 1,
    });
  }
  return formatNumber(value, locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/** Hours as a duration a manager reads at a glance: 5 h, 2.5 d. */
export function formatHours(value: number | null | undefined, locale: StrideLocale): string {
  if (!isNumber(value)) return MISSING;
  if (Math.abs(value) < 48) {
    return formatNumber(value, locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 });
  }
  return formatNumber(value / 24, locale, {
    style: 'unit',
    unit: 'day',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
}

/**
 * A supplied amount (deposits, AUM; CNY in data) where a tile or a board row has room for a few characters: zh-CN in
 * 万/亿 without a currency sign (1.23亿, 4,560万: how a branch says its balances), en compact with the yuan sign
 * (¥123M, ¥45.6M). Three significant digits; under 10,000 the whole number.
 */
export function formatAmount(value: number | null | undefined, locale: StrideLocale): string {
  if (!isNumber(value)) return MISSING;
  return formatNumber(value, locale, {
    ...(locale === 'en' && { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }),
    ...(Math.abs(value) < 10_000
      ? { maximumFractionDigits: 0 }
      : { notation: 'compact', maximumSignificantDigits: 3, useGrouping: 'always' }),
  });
}

/** A value in its unit: counts, fractions and amounts the same way everywhere. */
export function formatValue(
  value: number | null | undefined,
  unit: 'count' | 'fraction' | 'amount',
  locale: StrideLocale,
  options: { compact?: boolean } = {},
): string {
  if (unit === 'amount') return formatAmount(value, locale);
  return unit === 'fraction' ? formatPercent(value, locale) : formatCount(value, locale, options);
}

/** A calendar date (YYYY-MM-DD) for display: 11月24日 / Nov 24. No time-zone shift: it is already the bank's date. */
export function formatDay(
  date: IsoDate,
  locale: StrideLocale,
  options: { weekday?: boolean; year?: boolean } = {},
): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!parts) return date;
  const utc = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), 12));
  return dateFormat(locale, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    ...(options.year ? { year: 'numeric' } : {}),
    ...(options.weekday ? { weekday: 'short' } : {}),
  }).format(utc);
}

/** An instant (asOf, a refresh time) in the bank's time zone: 11月24日 10:05 / Nov 24, 10:05. */
export function formatDateTime(
  value: IsoDateTime | number | Date,
  locale: StrideLocale,
  timeZone = DEFAULT_TIME_ZONE,
): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return MISSING;
  return dateFormat(locale, {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** Just the time of day in the bank's zone (for "updated 10:05"). */
export function formatTime(
  value: IsoDateTime | number | Date,
  locale: StrideLocale,
  timeZone = DEFAULT_TIME_ZONE,
): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return MISSING;
  return dateFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** Today's date (YYYY-MM-DD) in the bank's time zone: the default `date` of every widget. */
export function todayInZone(timeZone = DEFAULT_TIME_ZONE, now: Date = new Date()): IsoDate {
  const parts = dateFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Shift a YYYY-MM-DD by whole days (previous/next day in the filter bar). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!parts) throw new RangeError(`date: expected YYYY-MM-DD, got "${date}"`);
  const utc = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]) + days));
  return utc.toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
