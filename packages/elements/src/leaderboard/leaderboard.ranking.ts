/**
 * Ranking for the incentive boards (业绩英雄榜). The kit ranks; the adapter never does (DESIGN "Data shapes"), so two
 * back ends that send the same numbers always show the same ranks, and a prize list can be checked by hand.
 *
 * - Standard competition ranking ("1224"): entries with equal scores share a rank and the next rank skips, because a
 *   ranking prize for "top 3" must go to everyone tied at 3rd, and nobody may be pushed down by an alphabet.
 * - Entries with no score (value null, or no target when ranking by target) are listed last as "--" and never ranked:
 *   a missing number is not zero, and a manager whose data did not arrive must not be shown as last.
 * - Movement compares this rank with the rank the previous period's values would give, ranked the same way.
 * No DOM here: everything is unit-tested in Node.
 */
import type { LeaderboardEntry } from '@stride/core';

/** `value`: the metric itself; `target`: value as a share of the entry's own target (pace against plan). */
export type RankBy = 'value' | 'target';

/**
 * How equal scores are resolved.
 * - `shared` (default): equal scores share a rank (1, 2, 2, 4). Within a tie rows are listed by name.
 * - `previous`: the higher previous-period score goes first (sustained performance); still-equal entries share.
 * - `streak`: the longer current streak goes first (daily effort); still-equal entries share.
 */
export type TieBreak = 'shared' | 'previous' | 'streak';
export const TIE_BREAKS: readonly TieBreak[] = ['shared', 'previous', 'streak'];

export type Movement =
  | { kind: 'up'; by: number }
  | { kind: 'down'; by: number }
  | { kind: 'same' }
  /** No previous value: new to the board this period. */
  | { kind: 'new' }
  /** Not ranked now, so there is nothing to compare. */
  | { kind: 'none' };

export interface RankedEntry {
  entry: LeaderboardEntry;
  /** 1-based competition rank; null when the entry has no score ("--", listed last). */
  rank: number | null;
  /** True when another entry shares this rank. */
  tied: boolean;
  /** What the board ranks by: the value, or value / target. */
  score: number | null;
  /** The rank the previous period's values give, ranked the same way; null when there is none. */
  previousRank: number | null;
  movement: Movement;
}

export interface RankOptions {
  rankBy?: RankBy;
  tieBreak?: TieBreak;
  /** Collation for listing tied and unranked entries by name (zh-CN collates by pinyin). */
  locale?: string;
}

function scoreOf(value: number | null | undefined, target: number | null | undefined, rankBy: RankBy): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (rankBy === 'value') return value;
  // A share of a missing or zero target means nothing: such an entry is not ranked by target.
  if (target === null || target === undefined || !Number.isFinite(target) || target <= 0) return null;
  return value / target;
}

/**
 * Indices of the entries with a score (NaN = none), highest score first, equal scores in input order. A radix sort
 * on the scores' bits: a comparator sort of a bank-wide board costs more than the rest of its first frame, and
 * a score's bits, mapped so unsigned order is descending numeric order, sort in a few linear passes.
 * The caller folds -0 into 0 so the two tie, as they do in arithmetic.
 */
function orderByScore(scores: Float64Array): Int32Array {
  const size = scores.length;
  const order = new Int32Array(size);
  let count = 0;
  let max = 0;
  let wholeCounts = true;
  for (let i = 0; i < size; i += 1) {
    const score = scores[i] as number;
    if (Number.isNaN(score)) continue;
    order[count++] = i;
    if (score > max) max = score;
    // Points and event counts, the usual boards, are small whole numbers: one counting pass sorts them.
    if (!(score >= 0 && score <= MAX_COUNTING_SCORE && Math.floor(score) === score)) wholeCounts = false;
  }
  const ranked = order.subarray(0, count);
  if (wholeCounts && max <= count * 16) return countingOrder(ranked, scores, max);
  // Descending keys: a negative number's bits already grow as it falls; a positive one's must be inverted, with the
  // sign bit set so every positive sorts before every negative. (Little-endian: word 1 holds sign and exponent.)
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, size * 2);
  const lo = new Uint32Array(size);
  const hi = new Uint32Array(size);
  for (const i of ranked) {
    const high = bits[2 * i + 1] as number;
    const low = bits[2 * i] as number;
    const negative = high >>> 31 === 1;
    hi[i] = negative ? high : (high ^ 0x7fffffff) >>> 0;
    lo[i] = negative ? low : ~low >>> 0;
  }
  return radixOrder(ranked, [lo, hi]);
}

/** Largest whole score the counting sort takes; the bucket array is bounded by 16 per entry as well. */
const MAX_COUNTING_SCORE = 0xffffff;

/** `order` stably sorted by descending whole scores from 0 to `max`: a count per score, then one placing pass. */
function countingOrder(order: Int32Array, scores: Float64Array, max: number): Int32Array {
  const starts = new Int32Array(max + 2);
  for (let k = 0; k < order.length; k += 1) {
    const slot = max - (scores[order[k] as number] as number) + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let slot = 1; slot <= max + 1; slot += 1) starts[slot] = (starts[slot] as number) + (starts[slot - 1] as number);
  const sorted = new Int32Array(order.length);
  for (let k = 0; k < order.length; k += 1) {
    const i = order[k] as number;
    const slot = max - (scores[i] as number);
    const at = starts[slot] as number;
    sorted[at] = i;
    starts[slot] = at + 1;
  }
  return sorted;
}

/** `order` stably sorted by ascending keys, given as 32-bit words, least significant word first. */
function radixOrder(order: Int32Array, words: readonly Uint32Array[]): Int32Array {
  const count = order.length;
  const passes = words.length * 4;
  // Every byte's histogram in one read of the keys: a byte every key shares (the high bytes of small counts, the
  // empty low bits of whole numbers) then costs neither a counting pass nor a scatter pass.
  const buckets = new Int32Array(passes * 0x100);
  for (let w = 0; w < words.length; w += 1) {
    const keys = words[w] as Uint32Array;
    const base = w * 0x400;
    for (let k = 0; k < count; k += 1) {
      const key = keys[order[k] as number] as number;
      for (let byte = 0; byte < 4; byte += 1) {
        const at = base + byte * 0x100 + ((key >>> (byte * 8)) & 0xff);
        buckets[at] = (buckets[at] as number) + 1;
      }
    }
  }
  let from: Int32Array = order;
  let to: Int32Array = new Int32Array(count);
  // Byte by byte, lowest first (each pass is stable): 256 buckets keep each pass about as cheap as reading the keys.
  for (let pass = 0; pass < passes && count > 1; pass += 1) {
    const keys = words[pass >> 2] as Uint32Array;
    const shift = (pass & 3) * 8;
    const base = pass * 0x100;
    if (buckets[base + (((keys[from[0] as number] as number) >>> shift) & 0xff)] === count) continue;
    for (let digit = 0, at = 0; digit < 0x100; digit += 1) {
      const n = buckets[base + digit] as number;
      buckets[base + digit] = at;
      at += n;
    }
    for (let k = 0; k < count; k += 1) {
      const i = from[k] as number;
      const slot = base + (((keys[i] as number) >>> shift) & 0xff);
      const at = buckets[slot] as number;
      to[at] = i;
      buckets[slot] = at + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * Competition ranks (1 + the number of entries ranked strictly above; 0 = unranked) and the ranked indices in rank
 * order. With `secondary`, equal scores are split by it (higher first) and only equal score and equal secondary
 * share a rank.
 */
function competitionRanks(scores: Float64Array, secondary?: Float64Array): { ranks: Int32Array; order: Int32Array } {
  const order = orderByScore(scores);
  const ranks = new Int32Array(scores.length);
  for (let start = 0; start < order.length;) {
    const score = scores[order[start] as number];
    let end = start + 1;
    while (end < order.length && scores[order[end] as number] === score) end += 1;
    if (secondary && end - start > 1) {
      const tie = order.subarray(start, end);
      tie.sort((a, b) => (secondary[b] as number) - (secondary[a] as number) || a - b);
      for (let k = 0; k < tie.length; k += 1) {
        const same = k > 0 && secondary[tie[k - 1] as number] === secondary[tie[k] as number];
        ranks[tie[k] as number] = same ? (ranks[tie[k - 1] as number] as number) : start + k + 1;
      }
    } else {
      for (let k = start; k < end; k += 1) ranks[order[k] as number] = start + 1;
    }
    start = end;
  }
  return { ranks, order };
}

// One shared object per movement that carries no number: a board makes 10,000 of them on every refresh.
const NO_MOVEMENT: Movement = Object.freeze({ kind: 'none' });
const NEW_ENTRY: Movement = Object.freeze({ kind: 'new' });
const SAME_RANK: Movement = Object.freeze({ kind: 'same' });

/** A previous rank exists exactly when the entry has a previous score: without one it is new to the board. */
function movementOf(rank: number | null, previousRank: number | null): Movement {
  if (rank === null) return NO_MOVEMENT;
  if (previousRank === null) return NEW_ENTRY;
  if (rank < previousRank) return { kind: 'up', by: previousRank - rank };
  if (rank > previousRank) return { kind: 'down', by: rank - previousRank };
  return SAME_RANK;
}

/**
 * Ranks a board: returns every entry once, ranked entries first in rank order (ties by name), then the unranked
 * ones by name. Ranking by target scores the previous period against the current target too: the bank gives no
 * target for the previous span, and comparing both spans against one plan keeps the movement like for like.
 */
export function rankWithTies(entries: readonly LeaderboardEntry[], options: RankOptions = {}): RankedEntry[] {
  const rankBy = options.rankBy ?? 'value';
  const tieBreak = options.tieBreak ?? 'shared';
  const collator = collatorFor(options.locale ?? 'zh-CN');
  const size = entries.length;

  // Scores as numbers (NaN = none) so the sorts below compare numbers only; names are compared just inside a tie,
  // because collation is the expensive part of ranking 10,000 entries.
  const scores = new Float64Array(size);
  const previousScores = new Float64Array(size);
  const secondary = tieBreak === 'shared' ? undefined : new Float64Array(size);
  entries.forEach((entry, index) => {
    const score = scoreOf(entry.value, entry.target, rankBy);
    const prevScore = scoreOf(entry.previousValue, entry.target, rankBy);
    scores[index] = score === null ? NaN : score + 0;
    // The previous board is ranked plainly: a tie-break is a prize rule for this period, not history.
    previousScores[index] = prevScore === null ? NaN : prevScore + 0;
    if (secondary) secondary[index] = tieBreak === 'previous' ? (prevScore ?? -Infinity) : (entry.streak ?? 0);
  });
  const { ranks, order } = competitionRanks(scores, secondary);
  const previousRanks = competitionRanks(previousScores).ranks;
  const perRank = new Int32Array(size + 1);
  for (let k = 0; k < order.length; k += 1) {
    const rank = ranks[order[k] as number] as number;
    perRank[rank] = (perRank[rank] as number) + 1;
  }
  // Read once: `collator.compare` is a getter. Equal names (a bank-wide board repeats common names such as 王伟) need
  // no collation: a collator finds every string equal to itself.
  const compareNames = collator.compare;
  const byId = (a: number, b: number): number => {
    const x = (entries[a] as LeaderboardEntry).id;
    const y = (entries[b] as LeaderboardEntry).id;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const byName = (a: number, b: number): number => {
    const x = (entries[a] as LeaderboardEntry).name;
    const y = (entries[b] as LeaderboardEntry).name;
    return (x === y ? 0 : compareNames(x, y)) || byId(a, b);
  };
  // Rank order, then the unranked entries; each tie, and the unranked entries, listed by name.
  const sequence = new Int32Array(size);
  sequence.set(order);
  let at = order.length;
  for (let i = 0; i < size; i += 1) if (ranks[i] === 0) sequence[at++] = i;
  // Start and end of each group too large for an insertion sort.
  const largeGroups: number[] = [];
  for (let start = 0; start < order.length;) {
    const count = perRank[ranks[sequence[start] as number] as number] as number;
    if (count > 8) {
      largeGroups.push(start, start + count);
    } else {
      // Most ties are a handful of entries: an insertion sort saves a sort call for each.
      for (let k = start + 1; k < start + count; k += 1) {
        const index = sequence[k] as number;
        let to = k;
        while (to > start && byName(sequence[to - 1] as number, index) > 0) {
          sequence[to] = sequence[to - 1] as number;
          to -= 1;
        }
        sequence[to] = index;
      }
    }
    start += count;
  }
  if (order.length < size) largeGroups.push(order.length, size);
  const keys = collationKeys(entries, sequence, largeGroups, compareNames);
  const byKey = keys
    ? (a: number, b: number): number => (keys[a] as number) - (keys[b] as number) || byId(a, b)
    : byName;
  for (let g = 0; g < largeGroups.length; g += 2) {
    sequence.subarray(largeGroups[g] as number, largeGroups[g + 1] as number).sort(byKey);
  }

  const ranked = new Array<RankedEntry>(size);
  for (let k = 0; k < size; k += 1) {
    const index = sequence[k] as number;
    const entry = entries[index] as LeaderboardEntry;
    const rank = (ranks[index] as number) || null;
    const previousRank = (previousRanks[index] as number) || null;
    ranked[k] = {
      entry,
      rank,
      tied: rank !== null && (perRank[rank] as number) > 1,
      score: rank === null ? null : (scores[index] as number),
      previousRank,
      movement: movementOf(rank, previousRank),
    };
  }
  return ranked;
}

/**
 * Collation keys of the names in `groups` (start and end pairs in `sequence`), indexed like the entries, or undefined
 * when collating inside each group costs less. JavaScript has no collation sort keys, so a name's key is its place
 * among the groups' distinct names, sorted once: a points board of 10,000 managers has ties of dozens and repeats
 * common names, and sorting its distinct names once collates a fraction of the times sorting every tie by name does.
 * Names the collator finds equal (canonically equivalent ones) share a key, so their entries still fall to their ids.
 */
function collationKeys(
  entries: readonly LeaderboardEntry[],
  sequence: Int32Array,
  groups: readonly number[],
  compareNames: (x: string, y: string) => number,
): Int32Array | undefined {
  if (groups.length === 0) return undefined;
  let compareEstimate = 0;
  const keyOf = new Map<string, number>();
  for (let g = 0; g < groups.length; g += 2) {
    const start = groups[g] as number;
    const end = groups[g + 1] as number;
    compareEstimate += (end - start) * Math.log2(end - start);
    for (let k = start; k < end; k += 1) keyOf.set((entries[sequence[k] as number] as LeaderboardEntry).name, 0);
  }
  const names = [...keyOf.keys()];
  // Sorting the names, then one compare per neighbour to find equal ones, against sorting every group.
  if (names.length * (Math.log2(names.length) + 1) >= compareEstimate) return undefined;
  names.sort(compareNames);
  for (let k = 1; k < names.length; k += 1) {
    const name = names[k] as string;
    const previous = names[k - 1] as string;
    keyOf.set(name, compareNames(previous, name) === 0 ? (keyOf.get(previous) as number) : k);
  }
  const keys = new Int32Array(entries.length);
  for (let g = 0; g < groups.length; g += 2) {
    for (let k = groups[g] as number; k < (groups[g + 1] as number); k += 1) {
      const index = sequence[k] as number;
      keys[index] = keyOf.get((entries[index] as LeaderboardEntry).name) as number;
    }
  }
  return keys;
}

// Building an ICU collator costs more than a whole tie's worth of comparisons; a board re-ranks on every refresh.
const collators = new Map<string, Intl.Collator>();
function collatorFor(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale);
    collators.set(locale, collator);
  }
  return collator;
}
