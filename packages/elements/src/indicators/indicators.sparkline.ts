/**
 * Geometry of the daily sparkline, drawn as SVG by Lit (no ECharts: this widget must not load it). Pure.
 * A missing day (null) breaks the line rather than drawing it as 0, which would be a lie.
 */
import type { TrendPoint } from '@stride/core';
import { finite } from './indicators.view-model.js';

export const SPARK_WIDTH = 160;
export const SPARK_HEIGHT = 36;
const PAD = 3;

export interface SparkPoint {
  x: number;
  /** null for a missing day: no dot, the line breaks. */
  y: number | null;
  date: string;
  value: number | null;
}

export interface SparkGeometry {
  points: SparkPoint[];
  /** An SVG path `d`: one `M` per unbroken run of days. */
  path: string;
}

export function sparkGeometry(trend: readonly TrendPoint[], width = SPARK_WIDTH, height = SPARK_HEIGHT): SparkGeometry {
  const values = trend.map((p) => finite(p.value));
  const present = values.filter((v): v is number => v !== null);
  // Counts start from 0 so a flat week of 40 does not look like a cliff; a series with negatives keeps its minimum.
  const min = Math.min(0, ...present);
  const max = Math.max(min + 1e-9, ...present);
  const step = trend.length > 1 ? (width - 2 * PAD) / (trend.length - 1) : 0;
  const points = trend.map((p, i): SparkPoint => {
    const value = values[i] ?? null;
    const x = trend.length > 1 ? PAD + i * step : width / 2;
    const y = value === null ? null : height - PAD - ((value - min) / (max - min)) * (height - 2 * PAD);
    return { x: round(x), y: y === null ? null : round(y), date: p.date, value };
  });
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (point.y === null) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${point.x} ${point.y}`;
    drawing = true;
  }
  return { points, path };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
