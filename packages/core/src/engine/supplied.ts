/**
 * Supplied indicators (DESIGN "Supplied indicators"): figures the bank's own systems keep per manager and day
 * (deposits, loans, AUM, accounts opened), not computed from lead events. A flow sums its daily figures over a window,
 * like the event counts; a balance is read at a point: each manager's latest end-of-day balance on or before that
 * day, summed over the scope's managers. The reference back end's sql/supplied.sql computes exactly the same.
 */
import type { IndicatorDefinition, SuppliedDaily } from '../contracts.js';
import { parseIsoDate } from './time.js';

/** One indicator's days and figures per manager index, in day order. */
type Series = Map<number, { days: number[]; values: number[] }>;

export interface SuppliedIndex {
  /** The sum of a flow's figures on days [fromDay, toDay] over managers [mLo, mHi); null without any row there. */
  flow(id: string, mLo: number, mHi: number, fromDay: number, toDay: number): number | null;
  /** The sum over managers [mLo, mHi) of each one's latest balance on or before `day`; null when none has one. */
  balance(id: string, mLo: number, mHi: number, day: number): number | null;
  /**
   * The sparkline over buckets of days (bucket b runs from `starts[b]` to the day before `starts[b + 1]`, the last to
   * `lastDay`): a flow's sum in each bucket, a balance at each bucket's last day. Null where no manager has a row.
   */
  trend(
    id: string,
    measure: 'flow' | 'balance',
    mLo: number,
    mHi: number,
    starts: readonly number[],
    lastDay: number,
  ): (number | null)[];
}

/**
 * Rows as the back end loads them: one per date, manager and indicator (the last given wins), dates readable,
 * values finite. Both the engine and the SQL load step take rows through here, so they read the same table.
 */
export function uniqueSuppliedRows(rows: readonly SuppliedDaily[]): SuppliedDaily[] {
  const byKey = new Map<string, SuppliedDaily>();
  for (const row of rows) {
    if (!Number.isFinite(row.value) || !Number.isFinite(parseIsoDate(row.date))) continue;
    const key = `${row.date}|${row.managerId}|${row.indicator}`;
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function indexSupplied(
  rows: readonly SuppliedDaily[],
  managerIndex: ReadonlyMap<string, number>,
): SuppliedIndex {
  const byIndicator = new Map<string, Series>();
  const sorted = uniqueSuppliedRows(rows)
    .map((row) => ({ row, day: parseIsoDate(row.date) }))
    .sort((a, b) => a.day - b.day);
  for (const { row, day } of sorted) {
    const m = managerIndex.get(row.managerId);
    if (m === undefined) continue;
    let series = byIndicator.get(row.indicator);
    if (!series) byIndicator.set(row.indicator, (series = new Map()));
    let own = series.get(m);
    if (!own) series.set(m, (own = { days: [], values: [] }));
    own.days.push(day);
    own.values.push(row.value);
  }
  const eachManager = (id: string, mLo: number, mHi: number, read: (days: number[], values: number[]) => void) => {
    const series = byIndicator.get(id);
    if (!series) return;
    for (let m = mLo; m < mHi; m++) {
      const own = series.get(m);
      if (own) read(own.days, own.values);
    }
  };
  return {
    flow(id, mLo, mHi, fromDay, toDay) {
      let sum: number | null = null;
      eachManager(id, mLo, mHi, (days, values) => {
        days.forEach((day, k) => {
          if (day >= fromDay && day <= toDay) sum = (sum ?? 0) + values[k]!;
        });
      });
      return sum === null ? null : round2(sum);
    },
    balance(id, mLo, mHi, day) {
      let sum: number | null = null;
      eachManager(id, mLo, mHi, (days, values) => {
        const k = days.findLastIndex((d) => d <= day);
        if (k >= 0) sum = (sum ?? 0) + values[k]!;
      });
      return sum === null ? null : round2(sum);
    },
    trend(id, measure, mLo, mHi, starts, lastDay) {
      const sums: (number | null)[] = starts.map(() => null);
      const add = (b: number, value: number) => (sums[b] = (sums[b] ?? 0) + value);
      const endOf = (b: number) => (b + 1 < starts.length ? starts[b + 1]! - 1 : lastDay);
      eachManager(id, mLo, mHi, (days, values) => {
        // one walk over the manager's days, in order, for all buckets
        let k = 0;
        let carried: number | null = null;
        for (let b = 0; b < starts.length; b++) {
          if (measure === 'flow') {
            while (k < days.length && days[k]! < starts[b]!) k++;
            while (k < days.length && days[k]! <= endOf(b)) add(b, values[k++]!);
          } else {
            while (k < days.length && days[k]! <= endOf(b)) carried = values[k++]!;
            if (carried !== null) add(b, carried);
          }
        }
      });
      return sums.map((sum) => (sum === null ? null : round2(sum)));
    },
  };
}

/** A catalogue entry the bank supplies figures for: one with a measure. */
export function isSupplied(definition: IndicatorDefinition): definition is IndicatorDefinition & {
  measure: 'flow' | 'balance';
} {
  return definition.measure === 'flow' || definition.measure === 'balance';
}
