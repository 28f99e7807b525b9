/**
 * A fact series: one record per countable fact (a lead's first contact, a conversation, a follow-up deadline...),
 * grouped by manager and sorted by time within each manager. Managers are numbered so that every org's managers
 * are one contiguous range, so any scope is a slice and any window is two binary searches per manager.
 */
import type { BankZone } from './time.js';

export interface Series {
  /** Records of manager m are [offsets[m], offsets[m + 1]). */
  readonly offsets: Int32Array;
  readonly time: Float64Array;
  readonly day: Int32Array;
  readonly lead: Int32Array;
  /** 1 where the record counts in a ratio's numerator. */
  readonly hit: Uint8Array;
  /** hitPrefix[i] = hits in records [0, i). */
  readonly hitPrefix: Int32Array;
  /** A per-record number (amount in cents, the time of the matching `logged` event...), NaN where unused. */
  readonly extra: Float64Array;
  /** centsPrefix[i] = sum of extra over records [0, i) where extra is a cent amount. */
  readonly extraPrefix: Float64Array;
}

export class SeriesBuilder {
  private manager: Int32Array;
  private time: Float64Array;
  private lead: Int32Array;
  private hit: Uint8Array;
  private extra: Float64Array;
  private length = 0;

  /** Sized from the event counts up front: growing large typed arrays makes the garbage collector work hard. */
  constructor(capacity = 1024) {
    const size = Math.max(16, capacity);
    this.manager = new Int32Array(size);
    this.time = new Float64Array(size);
    this.lead = new Int32Array(size);
    this.hit = new Uint8Array(size);
    this.extra = new Float64Array(size);
  }

  add(manager: number, time: number, lead: number, hit = 0, extra = NaN): number {
    if (this.length === this.manager.length) this.grow();
    const i = this.length++;
    this.manager[i] = manager;
    this.time[i] = time;
    this.lead[i] = lead;
    this.hit[i] = hit;
    this.extra[i] = extra;
    return i;
  }

  private grow(): void {
    const size = this.manager.length * 2;
    const grown = <A extends Int32Array | Float64Array | Uint8Array>(array: A, next: A): A => {
      next.set(array);
      return next;
    };
    this.manager = grown(this.manager, new Int32Array(size));
    this.time = grown(this.time, new Float64Array(size));
    this.lead = grown(this.lead, new Int32Array(size));
    this.hit = grown(this.hit, new Uint8Array(size));
    this.extra = grown(this.extra, new Float64Array(size));
  }

  setHit(record: number, hit: number): void {
    this.hit[record] = hit;
  }

  get size(): number {
    return this.length;
  }

  /** Stable counting sort by manager; records added in time order stay in time order, others are sorted. */
  build(managerCount: number, zone: BankZone): Series {
    const n = this.length;
    const offsets = new Int32Array(managerCount + 1);
    for (let i = 0; i < n; i++) offsets[this.manager[i]! + 1]!++;
    for (let m = 0; m < managerCount; m++) offsets[m + 1]! += offsets[m]!;
    const cursor = offsets.slice(0, managerCount);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[cursor[this.manager[i]!]!++] = i;

    for (let m = 0; m < managerCount; m++) {
      const from = offsets[m]!;
      const to = offsets[m + 1]!;
      let sorted = true;
      for (let k = from + 1; k < to && sorted; k++) sorted = this.time[order[k - 1]!]! <= this.time[order[k]!]!;
      if (!sorted) {
        const slice = Array.from(order.subarray(from, to)).sort((a, b) => this.time[a]! - this.time[b]!);
        order.set(slice, from);
      }
    }

    const time = new Float64Array(n);
    const day = new Int32Array(n);
    const lead = new Int32Array(n);
    const hit = new Uint8Array(n);
    const extra = new Float64Array(n);
    const hitPrefix = new Int32Array(n + 1);
    const extraPrefix = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const t = this.time[i]!;
      time[k] = t;
      day[k] = zone.dayOf(t);
      lead[k] = this.lead[i]!;
      hit[k] = this.hit[i]!;
      const x = this.extra[i]!;
      extra[k] = x;
      hitPrefix[k + 1] = hitPrefix[k]! + hit[k]!;
      extraPrefix[k + 1] = extraPrefix[k]! + (Number.isFinite(x) ? x : 0);
    }
    return { offsets, time, day, lead, hit, hitPrefix, extra, extraPrefix };
  }
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
  for (let m = slice.mLo; m < slice.mHi; m++) {
    const lo = series.offsets[m]!;
    const hi = series.offsets[m + 1]!;
    if (lo === hi) continue;
    const a = lowerBound(series.time, lo, hi, slice.from);
    const b = upperBound(series.time, a, hi, slice.to);
    result.count += b - a;
    result.hits += series.hitPrefix[b]! - series.hitPrefix[a]!;
    result.extra += series.extraPrefix[b]! - series.extraPrefix[a]!;
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
