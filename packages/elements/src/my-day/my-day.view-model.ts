/**
 * The view model of <stride-my-day>: the manager's own results in (their indicators with their own row, the board
 * they rank on, their grids' coverage), the sections of a phone screen out. Every number is derived here from results
 * other widgets already ask for; the derived ones (gap to the next rank, the next badge's distance, whether today
 * keeps the streak) are defined in docs/my-day.md. Pure: no DOM, no clock, no formatting.
 */
import {
  DEFAULT_ALERT_RULES,
  dayNumber,
  todayInZone,
  workingCalendar,
  type AlertRules,
  type CoverageCell,
  type IndicatorDefinition,
  type IndicatorRow,
  type IndicatorsResult,
  type IsoDateTime,
  type LeaderboardEntry,
  type StrideLocale,
  type WorkCalendar,
} from '@stride/core';
import { buildTiles, finite, indicatorColumns, type IndicatorTile } from '../indicators/indicators.view-model.js';
import { rankWithTies, type Movement } from '../leaderboard/leaderboard.ranking.js';
import { coverageBand, type CoverageBand } from '../coverage-map/coverage-map.view-model.js';

/* ---------------------------------------------------------------- my indicators against my pace */

export interface PaceBar extends IndicatorTile {
  /** How much of the bar the value fills: value / target, 0-1 (a value past its target fills it). */
  fill: number | null;
  /** Where pace sits on the same bar, 0-1; null without a target. */
  paceAt: number | null;
}

function clampShare(value: number | null): number | null {
  return value === null ? null : Math.min(1, Math.max(0, value));
}

/**
 * My indicators as compact bars, behind ones first (DESIGN's one Behind rule, the tiles' and the alerts'), each
 * group in catalogue order, so the list a manager reads on the bus starts with what needs doing today.
 */
export function paceBars(
  result: IndicatorsResult,
  catalogue: readonly IndicatorDefinition[],
  calendar: WorkCalendar | undefined,
  timeZone: string,
  locale: StrideLocale,
  rules: AlertRules = DEFAULT_ALERT_RULES,
): PaceBar[] {
  const { tiles } = buildTiles(result, indicatorColumns(catalogue, locale), calendar, timeZone, rules);
  const bars = tiles.map((tile): PaceBar => {
    const target = tile.target !== null && tile.target > 0 ? tile.target : null;
    return {
      ...tile,
      fill: target === null || tile.value === null ? null : clampShare(tile.value / target),
      paceAt: target === null || tile.pace === null ? null : clampShare(tile.pace / target),
    };
  });
  const behind = bars.filter((bar) => bar.status === 'behind');
  return [...behind, ...bars.filter((bar) => bar.status !== 'behind')];
}

/** My own row of the indicator rows (open overdue, last action), when the result carries rows. */
export function myRow(result: IndicatorsResult | undefined, manager: string): IndicatorRow | undefined {
  return result?.rows?.find((row) => row.id === manager);
}

/** My open overdue leads (DESIGN "Open overdue"), or null when the back end did not say. */
export function openOverdue(row: IndicatorRow | undefined): number | null {
  const value = finite(row?.overdue);
  return value === null ? null : Math.max(0, Math.round(value));
}

/* ---------------------------------------------------------------- my rank on points */

export interface RankView {
  entry: LeaderboardEntry;
  /** 1-based competition rank (ties share it); null when I have no points yet. */
  rank: number | null;
  tied: boolean;
  /** How many are ranked on the board. */
  of: number;
  movement: Movement;
  /**
   * The nearest better rank and the points that reach it: that rank's points minus mine (equal points share a rank,
   * so matching them is enough). Null at rank 1 or unranked.
   */
  next: { rank: number; gap: number; holders: LeaderboardEntry[] } | null;
}

/** Where I stand on the points board, ranked as the board ranks (ties share, movement from previous values). */
export function myRank(entries: readonly LeaderboardEntry[], manager: string): RankView | null {
  const ranked = rankWithTies(entries);
  const mine = ranked.find((row) => row.entry.id === manager);
  if (!mine) return null;
  const rankedCount = ranked.filter((row) => row.rank !== null).length;
  let next: RankView['next'] = null;
  if (mine.rank !== null && mine.score !== null && mine.rank > 1) {
    let above: { rank: number; score: number } | null = null;
    for (const row of ranked) {
      if (row.rank === null || row.score === null || row.rank >= mine.rank) continue;
      if (!above || row.rank > above.rank) above = { rank: row.rank, score: row.score };
    }
    if (above) {
      const rank = above.rank;
      const holders = ranked.filter((row) => row.rank === rank).map((row) => row.entry);
      next = { rank, gap: Math.max(0, above.score - mine.score), holders };
    }
  }
  return { entry: mine.entry, rank: mine.rank, tied: mine.tied, of: rankedCount, movement: mine.movement, next };
}

/* ---------------------------------------------------------------- my streak today */

/**
 * What today means for the streak (DESIGN "Streak": today counts only once it has an action):
 * - `kept`: asOf's day is a working day and it already has a contact, conversation or visit;
 * - `open`: a working day with none yet: one keeps the streak going;
 * - `rest`: not a working day: it neither counts nor breaks the streak.
 * Null when the last action is unknown (the result has no rows).
 */
export type StreakToday = 'kept' | 'open' | 'rest';

export function streakToday(
  lastActionAt: IsoDateTime | null | undefined,
  asOf: IsoDateTime,
  calendar: WorkCalendar | undefined,
  timeZone: string,
): StreakToday | null {
  const asOfDate = new Date(asOf);
  if (Number.isNaN(asOfDate.getTime()) || lastActionAt === undefined) return null;
  const today = todayInZone(timeZone, asOfDate);
  if (!workingCalendar(calendar).isWorkingDay(dayNumber(today))) return 'rest';
  if (lastActionAt === null) return 'open';
  const last = new Date(lastActionAt);
  if (Number.isNaN(last.getTime())) return null;
  return todayInZone(timeZone, last) === today ? 'kept' : 'open';
}

/* ---------------------------------------------------------------- my badges and the next one */

/** The milestone badges of the default scheme and what earns each (DESIGN "Badges"). */
export const MILESTONES = [
  { id: 'first_conversion', need: 1, measure: 'conversions' },
  { id: 'contacts_100', need: 100, measure: 'contacts' },
  { id: 'streak_7', need: 7, measure: 'days' },
] as const;

export type Milestone = (typeof MILESTONES)[number];

export interface NextBadge {
  id: Milestone['id'];
  measure: Milestone['measure'];
  need: number;
  /** How many more conversions, first contacts in the pilot, or streak days earn it (at least 1). */
  remaining: number;
}

export interface BadgeProgress {
  /** First contacts since the pilot began (the `contacted` indicator over period `pilot`); null while unknown. */
  pilotContacts: number | null;
  /** The current streak in working days; null while unknown. */
  streak: number | null;
}

/**
 * The unearned milestone closest to done: the smallest share of its condition still missing, the scheme's order on
 * a tie. A milestone whose progress is unknown is left out rather than guessed. Champions are not "within reach":
 * they are decided when a week or month ends.
 */
export function nextBadge(earned: ReadonlySet<string>, progress: BadgeProgress): NextBadge | null {
  let best: NextBadge | null = null;
  for (const milestone of MILESTONES) {
    if (earned.has(milestone.id)) continue;
    let done: number | null;
    if (milestone.measure === 'conversions') done = 0;
    else if (milestone.measure === 'contacts') done = finite(progress.pilotContacts);
    else done = finite(progress.streak);
    if (done === null) continue;
    // not earned yet, so at least one more is needed whatever a lagging count says
    const remaining = Math.max(1, Math.ceil(milestone.need - done));
    const candidate: NextBadge = { id: milestone.id, measure: milestone.measure, need: milestone.need, remaining };
    if (!best || remaining / milestone.need < best.remaining / best.need) best = candidate;
  }
  return best;
}

/** Whether the next-badge line needs the pilot's contacts (only while the 100-contact badge is not earned). */
export function needsPilotContacts(earned: ReadonlySet<string>): boolean {
  return !earned.has('contacts_100');
}

/* ---------------------------------------------------------------- my grids */

export interface GridTile {
  gridId: string;
  name: string;
  covered: number;
  households: number;
  /** covered / households, 0-1; null for a grid without households. */
  coverage: number | null;
  band: CoverageBand | null;
}

/** My grids as small tiles, least covered first (where to go next), then by name. */
export function gridTiles(cells: readonly CoverageCell[], locale: StrideLocale): GridTile[] {
  const collator = new Intl.Collator(locale);
  return cells
    .map((cell): GridTile => {
      const households = finite(cell.households) ?? 0;
      const covered = Math.max(0, finite(cell.covered) ?? 0);
      const coverage = households > 0 ? Math.min(1, covered / households) : null;
      return {
        gridId: cell.gridId,
        name: cell.name || cell.gridId,
        covered,
        households,
        coverage,
        band: coverageBand(coverage),
      };
    })
    .sort((a, b) => (a.coverage ?? 2) - (b.coverage ?? 2) || collator.compare(a.name, b.name));
}
