/**
 * The funnel's pure ECharts option builder: (view model, theme tokens, locale) -> option. Types only from ECharts, so
 * it runs in Node tests and costs nothing at runtime. `createFunnelOptionBuilder` memoises it: an unchanged refresh
 * hands the chart controller the same option object, and the controller skips the redraw.
 */
import type { FunnelSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { TOKEN_NAMES, common, formatCount, formatPercent, type StrideLocale, type ThemeTokens } from '@stride/core';
import type { FunnelView } from './funnel.view-model.js';
import { t } from './funnel.strings.js';
import { memoLast } from '../shared/memo.js';

export type FunnelChartOption = ComposeOption<FunnelSeriesOption | TooltipComponentOption>;

// Space between stages in px: the stage labels beside the chart use the same gap so their rows line up.
export const STAGE_GAP = 4;

/** Later stages fade a little so the eye reads the narrowing even where two counts are close. */
function stageOpacity(index: number, count: number): number {
  return count <= 1 ? 1 : 1 - (0.45 * index) / (count - 1);
}

function tooltipLines(view: FunnelView, seriesIndex: number, dataIndex: number, locale: StrideLocale): string {
  const stage = view.stages[dataIndex];
  if (!stage) return '';
  const line = (label: 'count' | 'shareOfFirst' | 'shareOfPrevious', value: string) =>
    common(locale, 'labelled', { label: t(locale, label), value });
  if (seriesIndex === 1) {
    const comparison = stage.comparison;
    return [
      `${view.seriesNames.comparison} · ${stage.label}`,
      line('count', formatCount(comparison?.count ?? view.comparisonCounts?.[dataIndex], locale)),
      line('shareOfFirst', formatPercent(comparison?.shareOfFirst, locale)),
    ].join('\n');
  }
  return [
    stage.label,
    line('count', formatCount(stage.count, locale)),
    line('shareOfFirst', formatPercent(stage.shareOfFirst, locale)),
    line('shareOfPrevious', formatPercent(stage.shareOfPrevious, locale)),
  ].join('\n');
}

export function buildFunnelOption(view: FunnelView, tokens: ThemeTokens, locale: StrideLocale): FunnelChartOption {
  const horizontal = view.orientation === 'horizontal';
  const compared = view.comparisonCounts !== null;
  const base = {
    type: 'funnel' as const,
    orient: view.orientation,
    // The data's order is the lifecycle's order; ECharts would otherwise re-sort by value.
    sort: 'none' as const,
    gap: STAGE_GAP,
    min: 0,
    max: Math.max(view.maxCount, 1),
    minSize: '2%',
    maxSize: '100%',
    // Labels live beside the chart as HTML (all six numbers, keyboard-focusable); canvas labels would repeat them.
    label: { show: false },
    labelLine: { show: false },
    emphasis: { label: { show: false }, itemStyle: { borderColor: tokens.focus, borderWidth: 2 } },
    itemStyle: { borderColor: tokens.surface, borderWidth: 1 },
    top: 0,
    bottom: 0,
    left: 0,
    right: 0,
  };
  // Mirrored: the current funnel grows from the middle line leftwards (or upwards), the comparison rightwards.
  const half = compared ? '50%' : '100%';
  const current: FunnelSeriesOption = {
    ...base,
    name: view.seriesNames.current,
    funnelAlign: compared ? (horizontal ? 'bottom' : 'right') : 'center',
    ...(horizontal ? { height: half } : { width: half }),
    data: view.stages.map((stage, index) => ({
      name: stage.label,
      value: stage.count,
      itemStyle: { color: tokens['series-1'], opacity: stageOpacity(index, view.stages.length) },
    })),
  };
  const series: FunnelSeriesOption[] = [current];
  if (view.comparisonCounts) {
    series.push({
      ...base,
      name: view.seriesNames.comparison,
      funnelAlign: horizontal ? 'top' : 'left',
      ...(horizontal ? { top: '50%', height: '50%' } : { left: '50%', width: '50%' }),
      data: view.comparisonCounts.map((count, index) => ({
        name: view.stages[index]?.label ?? '',
        value: count,
        itemStyle: { color: tokens['series-2'], opacity: stageOpacity(index, view.stages.length) },
      })),
    });
  }
  return {
    animation: view.animate,
    animationDuration: 300,
    // The stage buttons and the data table are the accessible surface; the canvas is hidden from assistive tech.
    aria: { enabled: false },
    tooltip: {
      trigger: 'item',
      // richText draws on the canvas: no DOM, so an adapter's label can never become markup (and no CSP style-src-attr).
      renderMode: 'richText',
      confine: true,
      backgroundColor: tokens['surface-raised'],
      borderColor: tokens.border,
      textStyle: { color: tokens.text, fontSize: 13 },
      formatter: (params: unknown) => {
        const { seriesIndex = 0, dataIndex = 0 } = (Array.isArray(params) ? params[0] : params) as {
          seriesIndex?: number;
          dataIndex?: number;
        };
        return tooltipLines(view, seriesIndex, dataIndex, locale);
      },
    },
    series,
  };
}

/** The token values as one string: equal values give equal strings, and `tokensOf` reads them back exactly. */
function tokensKey(tokens: ThemeTokens): string {
  return JSON.stringify(TOKEN_NAMES.map((name) => tokens[name]));
}

function tokensOf(key: string): ThemeTokens {
  const values = JSON.parse(key) as string[];
  return Object.fromEntries(TOKEN_NAMES.map((name, i) => [name, values[i] ?? ''])) as ThemeTokens;
}

/** A memoised builder: the same view object, equal token values and the same locale return the same option object. */
export function createFunnelOptionBuilder(): (
  view: FunnelView,
  tokens: ThemeTokens,
  locale: StrideLocale,
) => FunnelChartOption {
  const build = memoLast((view: FunnelView, tokenValues: string, locale: StrideLocale) =>
    buildFunnelOption(view, tokensOf(tokenValues), locale),
  );
  return (view, tokens, locale) => build(view, tokensKey(tokens), locale);
}
