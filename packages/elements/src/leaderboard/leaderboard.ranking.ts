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

interface Scored {
  index: number;
  score: number | null;
  secondary: number;
}

/**
 * Competition ranks for `scored` (higher is better). `secondary` breaks ties when used (higher first); equal score
 * and equal secondary share a rank. Returns ranks by input index (null for a null score) and the ranked indices in
 * rank order. Sorting compares numbers only: names are compared just inside a tie, because collation is the
 * expensive part of ranking 10,000 entries.
 */
function competitionRanks(scored: Scored[], useSecondary: boolean): { ranks: (number | null)[]; order: Scored[] } {
  const ranks: (number | null)[] = new Array<number | null>(scored.length).fill(null);
  const order = scored.filter((s) => s.score !== null);
  order.sort((a, b) => (b.score as number) - (a.score as number) || (useSecondary ? b.secondary - a.secondary : 0));
  let previous: Scored | undefined;
  let previousRank = 0;
  order.forEach((s, position) => {
    const same = previous !== undefined && previous.score === s.score && (!useSecondary || previous.secondary === s.secondary);
    const rank = same ? previousRank : position + 1;
    ranks[s.index] = rank;
    previous = s;
    previousRank = rank;
  });
  return { ranks, order };
}

function movementOf(rank: number | null, previousRank: number | null, hasPrevious: boolean): Movement {
  if (rank === null) return { kind: 'none' };
  if (!hasPrevious || previousRank === null) return { kind: 'new' };
  if (rank < previousRank) return { kind: 'up', by: previousRank - rank };
  if (rank > previousRank) return { kind: 'down', by: rank - previousRank };
  return { kind: 'same' };
}

/**
 * Ranks a board: returns every entry once, ranked entries first in rank order (ties by name), then the unranked
 * ones by name. Ranking by target scores the previous period against the current target too: the bank gives no
 * target for the previous span, and comparing both spans against one plan keeps the movement like for like.
 */
export function rankWithTies(entries: readonly LeaderboardEntry[], options: RankOptions = {}): RankedEntry[] {
  const rankBy = options.rankBy ?? 'value';
  const tieBreak = options.tieBreak ?? 'shared';
  const collator = new Intl.Collator(options.locale ?? 'zh-CN');

  const current: Scored[] = [];
  const previous: Scored[] = [];
  entries.forEach((entry, index) => {
    const prevScore = scoreOf(entry.previousValue, entry.target, rankBy);
    const secondary = tieBreak === 'previous' ? (prevScore ?? -Infinity) : tieBreak === 'streak' ? (entry.streak ?? 0) : 0;
    current.push({ index, score: scoreOf(entry.value, entry.target, rankBy), secondary });
    // The previous board is ranked plainly: a tie-break is a prize rule for this period, not history.
    previous.push({ index, score: prevScore, secondary: 0 });
  });
  const { ranks, order } = competitionRanks(current, tieBreak !== 'shared');
  const previousRanks = competitionRanks(previous, false).ranks;
  const byName = (a: number, b: number): number => {
    const x = entries[a] as LeaderboardEntry;
    const y = entries[b] as LeaderboardEntry;
    return collator.compare(x.name, y.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  };

  // Rank order, each tie listed by name; then the unranked entries by name.
  const sequence: number[] = [];
  for (let start = 0; start < order.length; ) {
    const rank = ranks[(order[start] as Scored).index];
    let end = start + 1;
    while (end < order.length && ranks[(order[end] as Scored).index] === rank) end += 1;
    const run = order.slice(start, end).map((s) => s.index);
    if (run.length > 1) run.sort(byName);
    sequence.push(...run);
    start = end;
  }
  const unranked: number[] = [];
  for (const s of current) if (s.score === null) unranked.push(s.index);
  unranked.sort(byName);
  sequence.push(...unranked);

  const counts = new Map<number, number>();
  for (const rank of ranks) if (rank !== null) counts.set(rank, (counts.get(rank) ?? 0) + 1);
  return sequence.map((index): RankedEntry => {
    const entry = entries[index] as LeaderboardEntry;
    const rank = ranks[index] ?? null;
    const previousRank = previousRanks[index] ?? null;
    const hasPrevious = entry.previousValue !== null && entry.previousValue !== undefined;
    return {
      entry,
      rank,
      tied: rank !== null && (counts.get(rank) ?? 0) > 1,
      score: current[index]?.score ?? null,
      previousRank,
      movement: movementOf(rank, previousRank, hasPrevious),
    };
  });
}
