/**
 * The leaderboard's view model: everything the element shows that can be worked out without a DOM (podium, search,
 * huddle pages, contest lanes, the points breakdown, CSV rows, labels). Pure functions over `RankedEntry`.
 */
import {
  BADGE_LABELS,
  DEFAULT_CATALOGUE,
  POINTS_ACTIONS,
  formatValue,
  inPageLanguage,
  paceFor,
  paceStatus,
  periodOfDate,
  periodProgress,
  type AlertRules,
  type Badge,
  type CsvCell,
  type IndicatorDefinition,
  type IndicatorUnit,
  type LeaderboardEntry,
  type LeaderboardResult,
  type StrideLocale,
} from '@stride/core';
import { rankWithTies, type Movement, type RankBy, type RankedEntry, type TieBreak } from './leaderboard.ranking.js';
import { memoLast } from '../shared/memo.js';
import { t, type LeaderboardStringKey } from './leaderboard.strings.js';

/** The page's catalogue (the widget's resolved one): a supplied indicator such as deposits is an entry of it. */
type Catalogue = readonly IndicatorDefinition[];

const indicatorOf = (metric: string, catalogue: Catalogue) => catalogue.find((d) => d.id === metric);

/**
 * Points are a count; an indicator board takes the unit of its catalogue entry (unknown ids are counts), so a board
 * of deposits reads 9,500万 / ¥95M.
 */
export function metricUnit(metric: string, catalogue: Catalogue = DEFAULT_CATALOGUE): IndicatorUnit {
  return indicatorOf(metric, catalogue)?.unit ?? 'count';
}

export function metricLabel(metric: string, locale: StrideLocale, catalogue: Catalogue = DEFAULT_CATALOGUE): string {
  if (metric === 'points') return t(locale, 'points');
  return indicatorOf(metric, catalogue)?.label[locale] ?? metric;
}

/** What a row shows as its number: the value, or with rank-by="target" the share of target (as the board ranks). */
export function formatScore(
  ranked: RankedEntry,
  metric: string,
  rankBy: RankBy,
  locale: StrideLocale,
  catalogue: Catalogue = DEFAULT_CATALOGUE,
): string {
  if (rankBy === 'target') return formatValue(ranked.score, 'fraction', locale);
  return formatValue(ranked.entry.value, metricUnit(metric, catalogue), locale);
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Avatar fallback. Chinese names show the given name (the last two characters), as colleagues address each other;
 * a single-character or two-character name shows its last character. Latin names show the first letters of the
 * first and last words.
 */
/** A badge in the page's language where it is one of the kit's own badges under its standard name. */
export function badgeLabel(badge: Badge, locale: StrideLocale): string {
  return inPageLanguage(BADGE_LABELS, badge.id, badge.label, locale);
}

export function initialsOf(name: string): string {
  const han = Array.from(name).filter((c) => CJK.test(c));
  if (han.length > 0) return han.slice(han.length >= 3 ? -2 : -1).join('');
  const words = name.trim().split(/\s+/);
  const firstLetter = (word = '') => Array.from(word)[0] ?? '';
  return (firstLetter(words[0]) + (words.length > 1 ? firstLetter(words[words.length - 1]) : '')).toUpperCase() || '?';
}

/** Top three by rank: everyone tied into 1st-3rd stands on the podium (a prize rule), at most `limit` shown. */
export function podiumOf(ranked: readonly RankedEntry[], limit = 5): { places: RankedEntry[]; more: number } {
  const eligible: RankedEntry[] = [];
  for (const r of ranked) {
    if (r.rank === null || r.rank > 3) break;
    eligible.push(r);
  }
  return { places: eligible.slice(0, limit), more: Math.max(0, eligible.length - limit) };
}

/** Search by name (and org unit name), case- and width-insensitive. Ranks stay those of the whole board. */
export function searchByName(ranked: readonly RankedEntry[], query: string): readonly RankedEntry[] {
  const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase();
  const needle = fold(query.trim());
  if (needle === '') return ranked;
  return ranked.filter((r) => fold(r.entry.name).includes(needle) || fold(r.entry.orgName ?? '').includes(needle));
}

/**
 * Whether an entry of this board can be behind pace: it needs a target, and a balance's pace needs its opening,
 * which a board entry does not carry. Where none can be, "Behind only" would only empty the board.
 */
export function canBeBehind(
  ranked: readonly RankedEntry[],
  metric: string,
  catalogue: Catalogue = DEFAULT_CATALOGUE,
): boolean {
  if (indicatorOf(metric, catalogue)?.measure === 'balance') return false;
  return ranked.some((r) => (r.entry.target ?? 0) > 0);
}

/**
 * "Behind only": the entries behind pace on the board's metric by the one behind rule (the tiles' and the alerts'),
 * at `share` of the period's working days elapsed. An entry without a target is never behind. Ranks stay the board's.
 */
export function behindPace(
  ranked: readonly RankedEntry[],
  metric: string,
  share: number,
  rules: AlertRules,
  catalogue: Catalogue = DEFAULT_CATALOGUE,
): readonly RankedEntry[] {
  const definition = indicatorOf(metric, catalogue);
  const unit = metricUnit(metric, catalogue);
  const indicator = { unit, measure: definition?.measure };
  const direction = definition?.goodDirection ?? 'up';
  // a board entry carries no opening, so a balance has no pace here and is never listed as behind
  return ranked.filter(
    (r) => paceStatus(r.entry.value, paceFor(indicator, r.entry.target, share), unit, direction, rules) === 'behind',
  );
}

/**
 * The board's derived lists, each recomputed only when its inputs change: ranking, searching and finding the
 * signed-in manager each walk the whole board, and the board renders again on every scroll step that moves the pin.
 */
export function createBoardModel() {
  return {
    rank: memoLast((entries: readonly LeaderboardEntry[], rankBy: RankBy, tieBreak: TieBreak, locale: StrideLocale) =>
      rankWithTies(entries, { rankBy, tieBreak, locale }),
    ),
    search: memoLast(searchByName),
    behind: memoLast(behindPace),
    indexOf: memoLast((shown: readonly RankedEntry[], me: string) => shown.findIndex((r) => r.entry.id === me)),
    // Asked on every render (the header's "Behind only"): the calendar walk and the board walk once per result.
    canBeBehind: memoLast(canBeBehind),
    paceShare: memoLast(boardPaceShare),
  };
}

/** The contest view's `contestants` attribute: comma-separated entry ids. */
export function parseContestants(list: string): string[] {
  return list
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

/** Where the signed-in manager's row is pinned for a visible range: above the list, below it, or not at all. */
export function pinPlacement(meIndex: number, visible: { first: number; last: number }): 'above' | 'below' | 'none' {
  if (meIndex >= 0 && meIndex < visible.first) return 'above';
  return meIndex > visible.last ? 'below' : 'none';
}

/** Each movement kind has a string of the same name; `none` (not ranked now) says nothing. */
export function movementLabel(movement: Movement, locale: StrideLocale): string {
  if (movement.kind === 'none') return '';
  return t(locale, movement.kind, 'by' in movement ? { n: movement.by } : {});
}

export function rankLabel(ranked: RankedEntry, locale: StrideLocale): string {
  if (ranked.rank === null) return t(locale, 'unranked');
  return t(locale, ranked.tied ? 'tiedRankLabel' : 'rankLabel', { rank: ranked.rank });
}

export interface PointsLine {
  action: string;
  label: string;
  points: number;
}

/**
 * "How was this calculated": points by action in the scheme's order (POINTS_ACTIONS, the engine's own list), unknown
 * actions after by name.
 */
export function pointsBreakdown(
  entry: LeaderboardEntry,
  locale: StrideLocale,
): { lines: PointsLine[]; total: number } | undefined {
  const byAction = entry.pointsByAction;
  if (!byAction) return undefined;
  const known = new Set<string>(POINTS_ACTIONS);
  const order = [
    ...POINTS_ACTIONS.filter((a) => a in byAction),
    ...Object.keys(byAction)
      .filter((a) => !known.has(a))
      .sort(),
  ];
  const lines = order.map((action): PointsLine => ({
    action,
    label: known.has(action) ? t(locale, `action_${action}` as LeaderboardStringKey) : action,
    points: byAction[action] ?? 0,
  }));
  return { lines, total: lines.reduce((sum, line) => sum + line.points, 0) };
}

export interface ContestLane {
  ranked: RankedEntry;
  /** value / goal, 0-1 for the bar (a lane past the goal shows a full bar); null when the value is missing. */
  share: number | null;
  /** How far behind the leading lane's value; 0 for the leader, null when either value is missing. */
  gap: number | null;
}

/**
 * Contest (PK) lanes: the chosen contestants (default: every ranked entry, up to `max`), racing to one goal. The goal
 * is the given one, else the largest contestant target (a shared goal is the hardest of theirs), else the leader's
 * value, so the bars always have a common scale.
 */
export function contestLanes(
  ranked: readonly RankedEntry[],
  options: { contestants?: readonly string[]; goal?: number | null; max?: number } = {},
): { lanes: ContestLane[]; goal: number | null } {
  const wanted = options.contestants && options.contestants.length > 0 ? new Set(options.contestants) : undefined;
  const chosen = ranked.filter((r) => (wanted ? wanted.has(r.entry.id) : r.rank !== null)).slice(0, options.max ?? 6);
  const values = chosen.map((r) => r.entry.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const leaderValue = values.length > 0 ? Math.max(...values) : null;
  const targets = chosen.map((r) => r.entry.target).filter((v): v is number => (v ?? 0) > 0);
  let goal: number | null = null;
  if (options.goal && options.goal > 0) goal = options.goal;
  else if (targets.length > 0) goal = Math.max(...targets);
  else if (leaderValue !== null && leaderValue > 0) goal = leaderValue;
  const lanes = chosen.map((r): ContestLane => {
    const value = r.entry.value;
    return {
      ranked: r,
      share: value === null || goal === null ? null : Math.min(1, Math.max(0, value / goal)),
      gap: value === null || leaderValue === null ? null : leaderValue - value,
    };
  });
  return { lanes, goal };
}

/** The board as a CSV table: raw numbers (fractions 0-1, as in data), ranks computed here, movement as a number. */
export function leaderboardCsvRows(
  ranked: readonly RankedEntry[],
  metric: string,
  locale: StrideLocale,
  catalogue: Catalogue = DEFAULT_CATALOGUE,
): CsvCell[][] {
  const header = [
    t(locale, 'rank'),
    t(locale, 'name'),
    t(locale, 'org'),
    metricLabel(metric, locale, catalogue),
    t(locale, 'target'),
    t(locale, 'ofTarget'),
    t(locale, 'previous'),
    t(locale, 'movement'),
    t(locale, 'streak'),
    t(locale, 'badges'),
  ];
  const rows = ranked.map((r): CsvCell[] => {
    const { entry } = r;
    const target = entry.target ?? null;
    const ofTarget = entry.value !== null && target !== null && target > 0 ? entry.value / target : null;
    return [
      r.rank,
      entry.name,
      entry.orgName ?? '',
      entry.value,
      target,
      ofTarget,
      entry.previousValue ?? null,
      // Places moved up (negative: down), from the same two ranks the board's movement compares.
      r.movement.kind === 'new'
        ? t(locale, 'new')
        : r.rank !== null && r.previousRank !== null
          ? r.previousRank - r.rank
          : null,
      entry.streak ?? null,
      (entry.badges ?? []).map((b) => badgeLabel(b, locale)).join('; '),
    ];
  });
  return [header, ...rows];
}

/** The share of the period's working days elapsed at the board's asOf; null where it cannot be known (pilot). */
export function boardPaceShare(data: LeaderboardResult | undefined, timeZone: string): number | null {
  const period = data ? periodOfDate(data.scope.period, data.scope.date) : null;
  return data && period ? periodProgress(period, data.asOf, undefined, timeZone).share : null;
}
