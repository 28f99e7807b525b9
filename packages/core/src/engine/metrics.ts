/**
 * The indicator table and the points scheme of the Definitions, over one slice (managers x time window) of the
 * index. Ratios are summed numerators over summed denominators of the whole slice, never averages of rates.
 */
import type { IndicatorUnit, TrendPoint } from '../contracts.js';
import type { LogIndex } from './log-index.js';
import { forEachRecord, tally, type Series, type Slice } from './series.js';
import { formatIsoDate, HOUR_MS, weekdayOf } from './time.js';
import type { PointsScheme } from './types.js';

export const BUILT_IN_UNITS: Readonly<Record<string, IndicatorUnit>> = {
  assigned: 'count',
  claim_rate: 'fraction',
  contacted: 'count',
  conversations: 'count',
  visits: 'count',
  followup_rate: 'fraction',
  logged_rate: 'fraction',
  intent: 'count',
  applications: 'count',
  conversions: 'count',
};

export interface IndicatorFigure {
  value: number | null;
  /** conversions only, CNY */
  amount?: number;
}

const COUNT_SERIES: Readonly<Record<string, (ix: LogIndex) => Series>> = {
  assigned: (ix) => ix.assigned,
  contacted: (ix) => ix.contacted,
  conversations: (ix) => ix.conversation,
  visits: (ix) => ix.visit,
  intent: (ix) => ix.intent,
  applications: (ix) => ix.applied,
  conversions: (ix) => ix.converted,
};

export function isBuiltIn(id: string): boolean {
  return id in BUILT_IN_UNITS;
}

function ratio(hits: number, count: number): number | null {
  return count === 0 ? null : hits / count;
}

/** An indicator's value over the slice; the slice's `to` is asOf. null for an id the engine does not know. */
export function indicatorFigure(ix: LogIndex, id: string, slice: Slice): IndicatorFigure {
  const counted = COUNT_SERIES[id];
  if (counted) {
    const t = tally(counted(ix), slice);
    if (id === 'conversions') return { value: t.count, amount: Math.round(t.extra) / 100 };
    return { value: t.count };
  }
  switch (id) {
    case 'claim_rate': {
      // only leads whose claim window has closed by asOf: assigned at or before asOf - 24 h
      const t = tally(ix.assigned, { ...slice, to: slice.to - ix.sla.claimHours * HOUR_MS });
      return { value: ratio(t.hits, t.count) };
    }
    case 'followup_rate': {
      const t = tally(ix.followup, slice);
      return { value: ratio(t.hits, t.count) };
    }
    case 'logged_rate': {
      const t = tally(ix.action, slice);
      // a contact in the last 24 h before asOf whose `logged` came after asOf was not yet logged as of asOf
      let late = 0;
      const tail = Math.max(slice.from, slice.to - ix.sla.loggedHours * HOUR_MS);
      forEachRecord(ix.action, { ...slice, from: tail }, (k) => {
        if (ix.action.hit[k] === 1 && ix.action.extra[k]! > slice.to) late++;
      });
      return { value: ratio(t.hits - late, t.count) };
    }
    default:
      return { value: null };
  }
}

/**
 * Trend points from the period's first day to asOf's day. Daily while that is at most 92 days (a quarter);
 * longer spans (year, a long pilot) are per Monday-start week so a sparkline stays under ~55 points, each dated
 * by the first day of its bucket inside the period.
 */
export function indicatorTrend(ix: LogIndex, id: string, slice: Slice, startDay: number): TrendPoint[] {
  if (!isBuiltIn(id) || slice.to < slice.from) return [];
  const endDay = ix.zone.dayOf(slice.to);
  const { daily, firstWeek, starts } = trendBuckets(startDay, endDay);
  const bucketOf = daily ? (day: number) => day - startDay : (day: number) => Math.floor((day - firstWeek) / 7);
  const buckets = starts.length;
  const count = new Float64Array(buckets);
  const hits = new Float64Array(buckets);
  const counted = COUNT_SERIES[id];
  const dayOf = ix.zone.dayOf;
  let fraction = true;

  if (counted) {
    fraction = false;
    const series = counted(ix);
    forEachRecord(series, slice, (k) => count[bucketOf(dayOf(series.time[k]!))]!++);
  } else if (id === 'claim_rate' || id === 'followup_rate') {
    const series = id === 'claim_rate' ? ix.assigned : ix.followup;
    const to = id === 'claim_rate' ? slice.to - ix.sla.claimHours * HOUR_MS : slice.to;
    forEachRecord(series, { ...slice, to }, (k) => {
      const b = bucketOf(dayOf(series.time[k]!));
      count[b]!++;
      hits[b]! += series.hit[k]!;
    });
  } else {
    const series = ix.action;
    forEachRecord(series, slice, (k) => {
      const b = bucketOf(dayOf(series.time[k]!));
      count[b]!++;
      if (series.hit[k] === 1 && series.extra[k]! <= slice.to) hits[b]!++;
    });
  }

  return starts.map((day, b) => ({
    date: formatIsoDate(day),
    value: fraction ? ratio(hits[b]!, count[b]!) : count[b]!,
  }));
}

/**
 * The buckets of a trend from `startDay` to `endDay`: days while that is at most 92 (a quarter), else Monday-start
 * weeks; `starts` holds each bucket's first day inside the period. Shared by the event and the supplied trends.
 */
export function trendBuckets(
  startDay: number,
  endDay: number,
): { daily: boolean; firstWeek: number; starts: number[] } {
  const daily = endDay - startDay + 1 <= 92;
  const firstWeek = startDay - weekdayOf(startDay);
  const count = (daily ? endDay - startDay : Math.floor((endDay - firstWeek) / 7)) + 1;
  const starts = Array.from({ length: Math.max(0, count) }, (_, b) =>
    daily ? startDay + b : Math.max(startDay, firstWeek + 7 * b),
  );
  return { daily, firstWeek, starts };
}

export type PointsAction = keyof PointsScheme;
export const POINTS_ACTIONS: readonly PointsAction[] = [
  'firstContact',
  'conversation',
  'visit',
  'firstIntent',
  'firstApplication',
  'firstConversion',
  'timelyFollowup',
];

/** The fact series each points action counts. */
export const POINTS_SERIES: Readonly<Record<PointsAction, (ix: LogIndex) => Series>> = {
  firstContact: (ix) => ix.contacted,
  conversation: (ix) => ix.conversation,
  visit: (ix) => ix.visit,
  firstIntent: (ix) => ix.intent,
  firstApplication: (ix) => ix.applied,
  firstConversion: (ix) => ix.converted,
  timelyFollowup: (ix) => ix.timely,
};

/** Points earned in the slice, in total and by action (firsts per lead, each dated by its own event). */
export function pointsOf(ix: LogIndex, slice: Slice): { total: number; byAction: Record<PointsAction, number> } {
  const byAction = {} as Record<PointsAction, number>;
  let total = 0;
  for (const action of POINTS_ACTIONS) {
    byAction[action] = tally(POINTS_SERIES[action](ix), slice).count * ix.points[action];
    total += byAction[action];
  }
  return { total, byAction };
}
