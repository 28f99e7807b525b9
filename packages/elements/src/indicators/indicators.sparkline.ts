/**
 * Geometry of the daily sparkline, drawn as SVG by Lit (no ECharts: this widget must not load it). Pure.
 * A missing day (null) breaks the line rather than drawing it as 0, which would be a lie.
 *
 * Only working days are plotted. Nobody works weekends and holidays, so their zeros would pull every count line to
 * the floor at each weekend and at the end of any period that ends on one; they become a narrow shaded gap
 * instead, which keeps the tiles' days aligned. The day still running at asOf (today, so far) is drawn hollow and
 * joined by a dashed segment: its count is not a fall, it is unfinished.
 */
import type { IsoDate, TrendPoint } from '@stride/core';
import { finite } from './indicators.view-model.js';

export const SPARK_WIDTH = 160;
export const SPARK_HEIGHT = 36;
const PAD = 3;
const DAY_MS = 86_400_000;
/** A run of non-working days takes this share of a working day's width: visible, but it does not eat the line. */
const REST_WIDTH = 0.5;

/** What the sparkline needs to know about the days: the bank's calendar and which day is still running. */
export interface TrendDays {
  isWorkingDay(date: IsoDate): boolean;
  /** The day asOf falls in when that day is not over yet (today, so far); null for a finished span. */
  partialDate: IsoDate | null;
}

export interface SparkPoint {
  x: number;
  /** null for a missing day: no dot, the line breaks. */
  y: number | null;
  date: string;
  value: number | null;
  /** The bucket still filling at asOf: drawn hollow, with a dashed segment into it. */
  partial: boolean;
}

/** Where non-working days were left out of the line. */
export interface SparkRest {
  /** The centre of the band that stands for the days left out (a light shade, as charts shade weekends). */
  x: number;
  /** The band's edges, inside the box. */
  from: number;
  to: number;
  /** The days left out, in order. */
  dates: string[];
  /** What was recorded on them anyway (a count's sum), 0 when nothing. */
  recorded: number;
}

export interface SparkGeometry {
  points: SparkPoint[];
  /** An SVG path `d`: one `M` per unbroken run of finished days. */
  path: string;
  /** The dashed segment from the last finished day into the partial one; '' when there is none. */
  partialPath: string;
  rests: SparkRest[];
  /**
   * Working days at the end with no value yet. For a rate this is its window not having closed (claim rate needs
   * 24 hours after assignment), so the line ends before its neighbours' and the tile says why.
   */
  pendingTail: number;
  /** The buckets are days (else weeks: the engine sends weeks beyond 92 days, and they are plotted as they come). */
  daily: boolean;
}

function isDaily(trend: readonly TrendPoint[]): boolean {
  for (let i = 1; i < trend.length; i++) {
    const a = Date.parse(`${trend[i - 1]!.date}T00:00:00Z`);
    const b = Date.parse(`${trend[i]!.date}T00:00:00Z`);
    if (b - a !== DAY_MS) return false;
  }
  return trend.length > 0;
}

interface Slot {
  /** Position in working-day units. */
  at: number;
  point: TrendPoint;
  value: number | null;
}

export function sparkGeometry(
  trend: readonly TrendPoint[],
  days?: TrendDays,
  width = SPARK_WIDTH,
  height = SPARK_HEIGHT,
): SparkGeometry {
  const daily = isDaily(trend);
  const filter = days !== undefined && daily;
  const slots: Slot[] = [];
  const restRuns: { at: number; dates: string[]; recorded: number }[] = [];
  let at = 0;
  let run: { at: number; dates: string[]; recorded: number } | undefined;
  for (const point of trend) {
    const value = finite(point.value);
    if (filter && !days.isWorkingDay(point.date)) {
      if (!run) {
        run = { at: slots.length === 0 ? 0 : at - 1 + (1 + REST_WIDTH) / 2, dates: [], recorded: 0 };
        restRuns.push(run);
        at += REST_WIDTH;
      }
      run.dates.push(point.date);
      run.recorded += value ?? 0;
      continue;
    }
    run = undefined;
    slots.push({ at, point, value });
    at += 1;
  }
  // Units span from the first working day (or a rest run before it, at 0) to the last one or a rest run after it.
  const last = Math.max(slots.at(-1)?.at ?? 0, ...restRuns.map((r) => r.at));

  const present = slots.map((s) => s.value).filter((v): v is number => v !== null);
  // Counts start from 0 so a flat week of 40 does not look like a cliff; a series with negatives keeps its minimum.
  const min = Math.min(0, ...present);
  const max = Math.max(min + 1e-9, ...present);
  const partialDate = days?.partialDate ?? null;
  const xOf = (units: number) => (last > 0 ? PAD + (units / last) * (width - 2 * PAD) : width / 2);
  const points = slots.map((slot): SparkPoint => {
    const y = slot.value === null ? null : height - PAD - ((slot.value - min) / (max - min)) * (height - 2 * PAD);
    return {
      x: round(xOf(slot.at)),
      y: y === null ? null : round(y),
      date: slot.point.date,
      value: slot.value,
      partial: slot.point.date === partialDate,
    };
  });

  let path = '';
  let partialPath = '';
  let previous: SparkPoint | undefined;
  for (const point of points) {
    if (point.y === null) {
      previous = undefined;
      continue;
    }
    if (point.partial) {
      if (previous) partialPath = `M${previous.x} ${previous.y}L${point.x} ${point.y}`;
    } else {
      path += `${previous ? 'L' : 'M'}${point.x} ${point.y}`;
    }
    previous = point;
  }

  let pendingTail = 0;
  for (let i = points.length - 1; i >= 0 && points[i]!.value === null; i--) pendingTail++;
  const unit = last > 0 ? (width - 2 * PAD) / last : 0;
  const rests = restRuns.map((r): SparkRest => {
    const x = xOf(r.at);
    const half = (unit * REST_WIDTH) / 2;
    return {
      x: round(x),
      from: round(Math.max(0, x - half)),
      to: round(Math.min(width, x + half)),
      dates: r.dates,
      recorded: r.recorded,
    };
  });
  return { points, path, partialPath, rests, pendingTail, daily };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
