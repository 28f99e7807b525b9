/**
 * The pilot review's numbers, pure: which weeks count, start vs end vs baseline, the weekly trend, the funnel
 * against its baseline, coverage growth, champions, movers and the alerts standing at each week's end. Every
 * definition here is the one docs/pilot-report.md states.
 */
import {
  BADGE_LABELS,
  FUNNEL_LABELS,
  addDays,
  inPageLanguage,
  versusBaseline,
  type AlertsResult,
  type CoverageResult,
  type FunnelResult,
  type IndicatorDefinition,
  type IndicatorsResult,
  type IsoDate,
  type LeaderboardEntry,
  type StrideLocale,
  type VersusBaseline,
} from '@stride/core';

/** A Monday-to-Sunday week. */
export interface PilotWeek {
  start: IsoDate;
  end: IsoDate;
}

/**
 * The most weeks the report asks about. A pilot is about two months (DESIGN: pilot shape); a longer one keeps its
 * first week (the start of every comparison) and the latest ones, so requests stay bounded.
 */
export const MAX_WEEKS = 13;

function weekday(date: IsoDate): number {
  // 0 = Monday ... 6 = Sunday
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The completed weeks of the pilot: Monday-to-Sunday weeks wholly inside the pilot whose Sunday is before the
 * report's date (a week still running is not complete, however late in its Sunday). A pilot that starts mid-week
 * begins counting at its first Monday, so every week compares like with like (five working days, a whole-week
 * target and baseline). More than MAX_WEEKS: the first and the latest MAX_WEEKS - 1.
 */
export function completedWeeks(pilot: { start: IsoDate; end: IsoDate }, date: IsoDate): PilotWeek[] {
  const offset = (7 - weekday(pilot.start)) % 7;
  const lastDay = pilot.end < date ? pilot.end : addDays(date, -1);
  const weeks: PilotWeek[] = [];
  for (let start = addDays(pilot.start, offset); addDays(start, 6) <= lastDay; start = addDays(start, 7))
    weeks.push({ start, end: addDays(start, 6) });
  return weeks.length > MAX_WEEKS ? [weeks[0]!, ...weeks.slice(-(MAX_WEEKS - 1))] : weeks;
}

export interface StartEndRow {
  id: string;
  label: string;
  unit: IndicatorDefinition['unit'];
  start: number | null;
  end: number | null;
  /** The end week's baseline: one whole pre-pilot week (DESIGN "Baseline"). */
  baseline: number | null;
  startVersus: VersusBaseline | null;
  endVersus: VersusBaseline | null;
  /** The whole pilot to date. */
  pilot: number | null;
}

/** The ten indicators: the first completed week, the last, each against its week's baseline, and the pilot total. */
export function startEndRows(
  catalogue: readonly IndicatorDefinition[],
  locale: StrideLocale,
  first: IndicatorsResult | undefined,
  last: IndicatorsResult | undefined,
  pilot: IndicatorsResult | undefined,
): StartEndRow[] {
  return catalogue.map((definition) => {
    const find = (result: IndicatorsResult | undefined) => result?.indicators.find((i) => i.id === definition.id);
    const a = find(first);
    const b = find(last);
    // a completed week has elapsed whole: the baseline is compared unscaled
    return {
      id: definition.id,
      label: definition.label[locale],
      unit: definition.unit,
      start: a?.value ?? null,
      end: b?.value ?? null,
      baseline: b?.baseline ?? null,
      startVersus: versusBaseline(definition.unit, a?.value, a?.baseline, 1),
      endVersus: versusBaseline(definition.unit, b?.value, b?.baseline, 1),
      pilot: find(pilot)?.value ?? null,
    };
  });
}

export interface TrendRow {
  id: string;
  label: string;
  unit: IndicatorDefinition['unit'];
  /** One value per completed week, in order; null where the week's answer has none. */
  values: (number | null)[];
}

export function weeklyTrend(
  catalogue: readonly IndicatorDefinition[],
  locale: StrideLocale,
  weeks: readonly (IndicatorsResult | undefined)[],
): TrendRow[] {
  return catalogue.map((definition) => ({
    id: definition.id,
    label: definition.label[locale],
    unit: definition.unit,
    values: weeks.map((week) => week?.indicators.find((i) => i.id === definition.id)?.value ?? null),
  }));
}

/** Points of a small polyline through the values (missing values break nothing: they are skipped). */
export function sparklinePoints(values: readonly (number | null)[], width: number, height: number): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return '';
  const max = Math.max(...present);
  const min = Math.min(0, ...present);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => (v === null ? '' : `${(i * step).toFixed(1)},${(height - ((v - min) / span) * height).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
}

export interface FunnelRow {
  id: string;
  label: string;
  count: number;
  /** count / previous stage's count; null for the first stage or after an empty stage. */
  rate: number | null;
  baselineRate: number | null;
  /** rate - baselineRate, in points. */
  versus: VersusBaseline | null;
}

export function funnelRows(result: FunnelResult, locale: StrideLocale): FunnelRow[] {
  return result.stages.map((stage, index) => {
    const before = index > 0 ? result.stages[index - 1]!.count : 0;
    const rate = index > 0 && before > 0 ? stage.count / before : null;
    const baselineRate = stage.baselineRate ?? null;
    return {
      id: stage.id,
      label: inPageLanguage(FUNNEL_LABELS, stage.id, stage.label, locale),
      count: stage.count,
      rate,
      baselineRate,
      versus: rate !== null && baselineRate !== null ? { kind: 'points', by: rate - baselineRate } : null,
    };
  });
}

export interface CoverageWeek {
  week: PilotWeek;
  /** Grids with at least one covered customer since the pilot began. */
  gridsReached: number;
  grids: number;
  covered: number;
  households: number;
  /** covered / households over every grid (a ratio of sums, never an average of rates). */
  coverage: number | null;
}

export function coverageGrowth(weeks: readonly PilotWeek[], results: readonly (CoverageResult | undefined)[]) {
  const rows: CoverageWeek[] = [];
  weeks.forEach((week, i) => {
    const cells = results[i]?.cells;
    if (!cells) return;
    const covered = cells.reduce((sum, c) => sum + c.covered, 0);
    const households = cells.reduce((sum, c) => sum + c.households, 0);
    rows.push({
      week,
      gridsReached: cells.filter((c) => c.covered > 0).length,
      grids: cells.length,
      covered,
      households,
      coverage: households > 0 ? covered / households : null,
    });
  });
  return rows;
}

export interface BadgeHolder {
  id: string;
  name: string;
  orgName: string;
  points: number | null;
  badges: string[];
}

/**
 * The champions (a champion badge: rank 1 in points for a completed week or month), most points first, each with
 * every badge they hold; and how many people hold each badge, champions or not (a table of all 40 holders would
 * fill a page with the same two milestones).
 */
export function champions(
  entries: readonly LeaderboardEntry[],
  locale: StrideLocale,
): { champions: BadgeHolder[]; tally: { label: string; count: number }[] } {
  const tally = new Map<string, number>();
  const holders: BadgeHolder[] = [];
  for (const entry of entries) {
    const badges = entry.badges ?? [];
    const labels = badges.map((b) => inPageLanguage(BADGE_LABELS, b.id, b.label, locale));
    for (const label of labels) tally.set(label, (tally.get(label) ?? 0) + 1);
    if (!badges.some((b) => b.kind === 'champion')) continue;
    holders.push({ id: entry.id, name: entry.name, orgName: entry.orgName ?? '', points: entry.value, badges: labels });
  }
  holders.sort((a, b) => (b.points ?? -1) - (a.points ?? -1) || a.id.localeCompare(b.id));
  return { champions: holders, tally: [...tally].map(([label, count]) => ({ label, count })) };
}

export interface Mover {
  id: string;
  name: string;
  orgName: string;
  first: number;
  last: number;
  rise: number;
}

/** Managers whose weekly points rose most from the first completed week to the last (those who rose only). */
export function biggestMovers(
  first: readonly LeaderboardEntry[],
  last: readonly LeaderboardEntry[],
  limit = 5,
): Mover[] {
  const before = new Map(first.map((e) => [e.id, e.value ?? 0]));
  return last
    .filter((e) => e.kind === 'manager' && e.value !== null)
    .map((e) => {
      const was = before.get(e.id) ?? 0;
      return { id: e.id, name: e.name, orgName: e.orgName ?? '', first: was, last: e.value!, rise: e.value! - was };
    })
    .filter((m) => m.rise > 0)
    .sort((a, b) => b.rise - a.rise || a.id.localeCompare(b.id))
    .slice(0, limit);
}

export interface AlertWeek {
  week: PilotWeek;
  pace: number;
  overdue: number;
  inactive: number;
  /** Distinct people or orgs with at least one alert. */
  subjects: number;
  /** The most severe, at most three: name and rule. */
  worst: { name: string; rule: 'pace' | 'overdue' | 'inactive'; indicator?: string }[];
}

export function alertWeeks(weeks: readonly PilotWeek[], results: readonly (AlertsResult | undefined)[]) {
  const rows: AlertWeek[] = [];
  weeks.forEach((week, i) => {
    const alerts = results[i]?.alerts;
    if (!alerts) return;
    const count = (rule: string) => alerts.filter((a) => a.rule === rule).length;
    const worst = [...alerts]
      .sort((a, b) => b.severity - a.severity || a.id.localeCompare(b.id))
      .slice(0, 3)
      .map((a) => ({ name: a.subject.name, rule: a.rule, ...(a.indicator ? { indicator: a.indicator } : {}) }));
    rows.push({
      week,
      pace: count('pace'),
      overdue: count('overdue'),
      inactive: count('inactive'),
      subjects: new Set(alerts.map((a) => a.subject.id)).size,
      worst,
    });
  });
  return rows;
}
