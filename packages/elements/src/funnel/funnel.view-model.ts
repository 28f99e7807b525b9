/**
 * The funnel's pure view model: a FunnelResult (and optionally the comparison's) -> every number a stage shows.
 * A funnel chart can only size its stages on one base, so the shares against the first stage and against the previous
 * stage, the drop-off to the next stage and the comparison deltas are all worked out here and shown beside the chart.
 * No DOM, no ECharts: unit-tested in Node.
 */
import {
  FUNNEL_LABELS,
  addDays,
  inPageLanguage,
  type FunnelResult,
  type PeriodKind,
  type Scope,
  type StrideLocale,
} from '@stride/core';

export type FunnelOrientation = 'vertical' | 'horizontal';

/** `compare="previous"` or `compare="org:<id>"`. */
export type FunnelCompare = { kind: 'previous' } | { kind: 'org'; org: string };

export interface FunnelStageComparison {
  count: number;
  shareOfFirst: number | null;
  /** This stage's count minus the comparison's. */
  delta: number;
  /** Change of count relative to the comparison (0.1 = 10% more); null when the comparison had none. */
  deltaRate: number | null;
}

export interface FunnelStageView {
  id: string;
  label: string;
  count: number;
  /** count / the first stage's count; null when the first stage is empty. */
  shareOfFirst: number | null;
  /** count / the previous stage's count; null for the first stage or after an empty stage. */
  shareOfPrevious: number | null;
  /**
   * That rate against the time before the pilot (DESIGN "Baseline": a stage rate compared in points); null where
   * the result gives no baselineRate or there is no rate now.
   */
  versusBaseline: number | null;
  /** Leads lost between this stage and the next; null for the last stage. */
  dropOff: number | null;
  /** dropOff / count; null for the last stage or an empty stage. */
  dropOffRate: number | null;
  overdue: number | null;
  medianDwellHours: number | null;
  /** Present when a comparison is shown and it has this stage. */
  comparison?: FunnelStageComparison;
}

export interface FunnelView {
  stages: FunnelStageView[];
  /** Stages of the comparison in the same order, for the second funnel (stages it lacks count as 0). */
  comparisonCounts: number[] | null;
  /** The widest stage of both funnels: both are sized against it so their widths compare honestly. */
  maxCount: number;
  orientation: FunnelOrientation;
  seriesNames: { current: string; comparison: string };
  /** false under prefers-reduced-motion. */
  animate: boolean;
}

export interface FunnelViewOptions {
  /** Stage ids in the order to show; ids not in the data are ignored, stages not named are left out. */
  order?: readonly string[] | undefined;
  /** Labels by stage id, overriding the kit's and the adapter's. */
  labels?: Readonly<Record<string, string>> | undefined;
  /** The page's language: the seven stages the kit knows are named in it, whatever language the adapter wrote. */
  locale?: StrideLocale;
  orientation?: FunnelOrientation;
  seriesNames?: { current: string; comparison: string };
  animate?: boolean;
}

function ratio(numerator: number, denominator: number | undefined): number | null {
  if (denominator === undefined || !(denominator > 0)) return null;
  return numerator / denominator;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function orderedStages(result: FunnelResult, order: readonly string[] | undefined): FunnelResult['stages'] {
  if (!order || order.length === 0) return result.stages;
  const byId = new Map(result.stages.map((stage) => [stage.id, stage]));
  const picked = order.map((id) => byId.get(id)).filter((stage) => stage !== undefined);
  // An order naming none of the data's stages is a configuration slip, not a request for an empty funnel.
  return picked.length > 0 ? picked : result.stages;
}

export function buildFunnelView(
  result: FunnelResult,
  comparison: FunnelResult | undefined,
  options: FunnelViewOptions = {},
): FunnelView {
  const source = orderedStages(result, options.order);
  const first = source[0]?.count;
  const compareById = comparison ? new Map(comparison.stages.map((stage) => [stage.id, stage])) : undefined;
  const compareFirst = comparison ? orderedStages(comparison, options.order)[0]?.count : undefined;

  const stages = source.map((stage, index): FunnelStageView => {
    const previous = index > 0 ? source[index - 1] : undefined;
    const next = source[index + 1];
    const dropOff = next ? stage.count - next.count : null;
    const shareOfPrevious = previous ? ratio(stage.count, previous.count) : null;
    const view: FunnelStageView = {
      id: stage.id,
      label: options.labels?.[stage.id] ?? inPageLanguage(FUNNEL_LABELS, stage.id, stage.label, options.locale),
      count: stage.count,
      shareOfFirst: ratio(stage.count, first),
      shareOfPrevious,
      versusBaseline:
        shareOfPrevious === null || finiteOrNull(stage.baselineRate) === null
          ? null
          : shareOfPrevious - stage.baselineRate!,
      dropOff,
      dropOffRate: dropOff === null ? null : ratio(dropOff, stage.count),
      overdue: finiteOrNull(stage.overdue),
      medianDwellHours: finiteOrNull(stage.medianDwellHours),
    };
    const other = compareById?.get(stage.id);
    if (other) {
      view.comparison = {
        count: other.count,
        shareOfFirst: ratio(other.count, compareFirst),
        delta: stage.count - other.count,
        deltaRate: other.count > 0 ? (stage.count - other.count) / other.count : null,
      };
    }
    return view;
  });

  const comparisonCounts = compareById ? source.map((stage) => compareById.get(stage.id)?.count ?? 0) : null;
  const maxCount = Math.max(0, ...stages.map((s) => s.count), ...(comparisonCounts ?? []));
  return {
    stages,
    comparisonCounts,
    maxCount,
    orientation: options.orientation ?? 'vertical',
    seriesNames: options.seriesNames ?? { current: '', comparison: '' },
    animate: options.animate ?? true,
  };
}

/** Parses the `compare` attribute; anything else means no comparison. */
export function parseCompare(value: string | null | undefined): FunnelCompare | undefined {
  const text = (value ?? '').trim();
  if (text === 'previous') return { kind: 'previous' };
  const match = /^org:(.+)$/.exec(text);
  const org = match?.[1]?.trim();
  return org ? { kind: 'org', org } : undefined;
}

/** The same day `months` months earlier, clamped to the end of a shorter month (03-31 -> 02-28). */
function monthsBack(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Day 0 of the month after is the last day of the target month (Date.UTC carries months across years).
  const lastDay = new Date(Date.UTC(y, m - months, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 - months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * The `date` whose period-to-date is the previous like-for-like span (DESIGN "previous"): the same elapsed part of
 * the period before. Month-to-date on the 31st compares with the whole of a 30-day month, hence the clamp.
 * A pilot has no period before it that a scope can name, so there is none (undefined).
 */
export function previousPeriodDate(period: PeriodKind, date: string): string | undefined {
  switch (period) {
    case 'day':
      return addDays(date, -1);
    case 'week':
      return addDays(date, -7);
    case 'month':
      return monthsBack(date, 1);
    case 'quarter':
      return monthsBack(date, 3);
    case 'year':
      return monthsBack(date, 12);
    case 'pilot':
      return undefined;
  }
}

/** The scope of the comparison funnel, or undefined when there is none to ask for. */
export function comparisonScope(scope: Scope, compare: FunnelCompare | undefined): Scope | undefined {
  if (!compare) return undefined;
  if (compare.kind === 'org') {
    // Another org's funnel: a manager narrowing belongs to the first org, so it does not carry over.
    return { org: compare.org, period: scope.period, date: scope.date };
  }
  const date = previousPeriodDate(scope.period, scope.date);
  return date ? { ...scope, date } : undefined;
}
