/**
 * A fact series: one record per countable fact (a lead's first contact, a conversation, a follow-up deadline...),
 * grouped by manager and sorted by time within each manager. Managers are numbered so that every org's managers
 * are one contiguous range, so any scope is a slice and any window is two binary searches per manager.
 */
export interface Series {
  /** Records of manager m are [offsets[m], offsets[m + 1]). */
  readonly offsets: Int32Array;
  readonly time: Float64Array;
  /** The lead of each record where a query needs it (the funnel's assigned cohort); empty elsewhere. */
  readonly lead: Int32Array;
  /** 1 where the record counts in a ratio's numerator; empty for a series that is only counted. */
  readonly hit: Uint8Array;
  /** hitPrefix[i] = hits in records [0, i); empty with `hit`. */
  readonly hitPrefix: Int32Array;
  /** A per-record number (amount in cents, the time of the matching `logged` event...); empty where unused. */
  readonly extra: Float64Array;
  /** extraPrefix[i] = sum of extra over records [0, i), where extra is a cent amount; empty otherwise. */
  readonly extraPrefix: Float64Array;
}

/**
 * Event positions of one kind of fact, appended in time order. Only positions are kept while the log is walked:
 * times, hits and amounts are read from the columns when the series is built, so the walk allocates 4 bytes a fact.
 */
export class FactList {
  readonly records: Int32Array;
  size = 0;

  /** `capacity` is an upper bound counted from the log, so the list never grows. */
  constructor(capacity: number) {
    this.records = new Int32Array(capacity);
  }

  add(event: number): void {
    this.records[this.size++] = event;
  }
}

/** How a series reads its records from the event columns (by event position). */
export interface SeriesShape {
  managerOf: Int32Array;
  timeOf(event: number): number;
  /** Keep each record's lead (from this column). */
  leadOf?: Int32Array;
  extraOf?(event: number): number;
  /** 1 when the record counts in the numerator; `extra` is the record's extra (NaN without extraOf). */
  hitOf?(event: number, extra: number): number;
  /** extra is a cent amount to sum (conversions). */
  sumExtra?: boolean;
}

const NO_INT = new Int32Array(0);
const NO_BYTE = new Uint8Array(0);
const NO_DOUBLE = new Float64Array(0);

/**
 * Groups a fact list by manager with a counting sort straight into the final arrays. Facts listed in time order
 * stay in time order within a manager; a manager whose records are not (follow-up deadlines counted in working
 * days can cross) is sorted, stably.
 */
export function buildSeries(list: FactList, managerCount: number, shape: SeriesShape): Series {
  const n = list.size;
  const records = list.records;
  const managerOf = shape.managerOf;
  const offsets = new Int32Array(managerCount + 1);
  for (let r = 0; r < n; r++) offsets[managerOf[records[r]!]! + 1]!++;
  for (let m = 0; m < managerCount; m++) offsets[m + 1]! += offsets[m]!;
  const cursor = offsets.slice(0, managerCount);

  const leadOf = shape.leadOf;
  const extraOf = shape.extraOf;
  const hitOf = shape.hitOf;
  const time = new Float64Array(n);
  const lead = leadOf ? new Int32Array(n) : NO_INT;
  const extra = extraOf ? new Float64Array(n) : NO_DOUBLE;
  const hit = hitOf ? new Uint8Array(n) : NO_BYTE;
  for (let r = 0; r < n; r++) {
    const k = records[r]!;
    const at = cursor[managerOf[k]!]!++;
    time[at] = shape.timeOf(k);
    if (leadOf) lead[at] = leadOf[k]!;
    const x = extraOf ? extraOf(k) : NaN;
    if (extraOf) extra[at] = x;
    if (hitOf) hit[at] = hitOf(k, x);
  }

  for (let m = 0; m < managerCount; m++) {
    const from = offsets[m]!;
    const to = offsets[m + 1]!;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) sorted = time[k - 1]! <= time[k]!;
    if (!sorted) {
      const order = Array.from({ length: to - from }, (_, j) => from + j).sort((a, b) => time[a]! - time[b]!);
      const permute = <A extends Int32Array | Uint8Array | Float64Array>(column: A): void => {
        if (column.length === 0) return;
        const values = order.map((k) => column[k]!);
        for (let j = 0; j < values.length; j++) column[from + j] = values[j]!;
      };
      permute(time);
      permute(lead);
      permute(extra);
      permute(hit);
    }
  }

  let hitPrefix = NO_INT;
  if (hitOf) {
    hitPrefix = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) hitPrefix[k + 1] = hitPrefix[k]! + hit[k]!;
  }
  let extraPrefix = NO_DOUBLE;
  if (extraOf && shape.sumExtra) {
    extraPrefix = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) {
      const x = extra[k]!;
      extraPrefix[k + 1] = extraPrefix[k]! + (Number.isFinite(x) ? x : 0);
    }
  }
  return { offsets, time, lead, hit, hitPrefix, extra, extraPrefix };
}

/** First index in [lo, hi) whose time is >= t. */
export function lowerBound(time: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) whose time is > t. */
export function upperBound(time: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Managers [mLo, mHi) and the closed time window [from, to]. */
export interface Slice {
  mLo: number;
  mHi: number;
  from: number;
  to: number;
}

export interface Tally {
  count: number;
  hits: number;
  extra: number;
}

export function tally(series: Series, slice: Slice): Tally {
  const result: Tally = { count: 0, hits: 0, extra: 0 };
  if (slice.from > slice.to) return result;
  const hitPrefix = series.hitPrefix.length > 0 ? series.hitPrefix : undefined;
  const extraPrefix = series.extraPrefix.length > 0 ? series.extraPrefix : undefined;
  for (let m = slice.mLo; m < slice.mHi; m++) {
    const lo = series.offsets[m]!;
    const hi = series.offsets[m + 1]!;
    if (lo === hi) continue;
    const a = lowerBound(series.time, lo, hi, slice.from);
    const b = upperBound(series.time, a, hi, slice.to);
    result.count += b - a;
    if (hitPrefix) result.hits += hitPrefix[b]! - hitPrefix[a]!;
    if (extraPrefix) result.extra += extraPrefix[b]! - extraPrefix[a]!;
  }
  return result;
}

/** Calls `visit(record)` for every record of the slice, manager by manager, in time order within a manager. */
export function forEachRecord(series: Series, slice: Slice, visit: (record: number) => void): void {
  if (slice.from > slice.to) return;
  for (let m = slice.mLo; m < slice.mHi; m++) {
    const lo = series.offsets[m]!;
    const hi = series.offsets[m + 1]!;
    if (lo === hi) continue;
    const b = upperBound(series.time, lo, hi, slice.to);
    for (let k = lowerBound(series.time, lo, b, slice.from); k < b; k++) visit(k);
  }
}
