import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LIGHT_TOKENS, DARK_TOKENS, type FunnelResult } from '@stride/core';
import {
  buildFunnelView,
  comparisonScope,
  parseCompare,
  previousPeriodDate,
} from '../../../packages/elements/src/funnel/funnel.view-model.js';
import { buildFunnelOption, createFunnelOptionBuilder } from '../../../packages/elements/src/funnel/funnel.option.js';

const scope = { org: 'br', period: 'month' as const, date: '2026-11-24' };

function funnel(
  counts: number[],
  extra: Partial<
    Record<string, { overdue?: number; medianDwellHours?: number | null; baselineRate?: number | null }>
  > = {},
): FunnelResult {
  const ids = ['assigned', 'claimed', 'contacted', 'visited', 'intent', 'applied', 'converted'];
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope,
    stages: counts.map((count, i) => ({ id: ids[i]!, label: ids[i]!, count, ...extra[ids[i]!] })),
  };
}

describe('buildFunnelView', () => {
  const result = funnel([200, 180, 150, 60, 30, 12, 6], { visited: { overdue: 9, medianDwellHours: 52 } });

  it('gives every stage its share of the first and of the previous stage, and the drop-off to the next', () => {
    const view = buildFunnelView(result, undefined);
    const claimed = view.stages[1]!;
    assert.equal(claimed.shareOfFirst, 0.9); // 180 / 200
    assert.equal(claimed.shareOfPrevious, 0.9); // 180 / 200
    assert.equal(claimed.dropOff, 30); // 180 - 150
    assert.equal(claimed.dropOffRate, 30 / 180);
    const visited = view.stages[3]!;
    assert.equal(visited.shareOfFirst, 0.3); // 60 / 200
    assert.equal(visited.shareOfPrevious, 0.4); // 60 / 150
    assert.equal(visited.dropOff, 30); // 60 - 30
    assert.equal(visited.dropOffRate, 0.5);
    assert.equal(visited.overdue, 9);
    assert.equal(visited.medianDwellHours, 52);
  });

  it("compares a stage's rate with its rate before the pilot, in points, only where one is given", () => {
    const view = buildFunnelView(
      funnel([200, 180, 150, 60, 30, 12, 6], { visited: { baselineRate: 0.15 }, intent: { baselineRate: null } }),
      undefined,
    );
    // visited: 60 / 150 = 40% now, 15% before: +25 points
    assert.ok(Math.abs(view.stages[3]!.versusBaseline! - 0.25) < 1e-12);
    assert.equal(view.stages[4]!.versusBaseline, null);
    assert.equal(view.stages[1]!.versusBaseline, null);
  });

  it('has no previous share for the first stage and no drop-off for the last', () => {
    const view = buildFunnelView(result, undefined);
    assert.equal(view.stages[0]!.shareOfPrevious, null);
    assert.equal(view.stages[0]!.shareOfFirst, 1);
    assert.equal(view.stages[6]!.dropOff, null);
    assert.equal(view.stages[6]!.shareOfPrevious, 0.5); // 6 / 12
    assert.equal(view.stages[6]!.overdue, null);
  });

  it('shows missing shares, not 0% or Infinity, after an empty stage', () => {
    const view = buildFunnelView(funnel([0, 0, 0]), undefined);
    assert.equal(view.stages[1]!.shareOfFirst, null);
    assert.equal(view.stages[1]!.shareOfPrevious, null);
    assert.equal(view.stages[0]!.dropOffRate, null);
  });

  it('follows a configured order and labels, leaving out stages not named', () => {
    const view = buildFunnelView(result, undefined, {
      order: ['assigned', 'visited', 'converted', 'nope'],
      labels: { visited: '上门' },
    });
    assert.deepEqual(
      view.stages.map((s) => s.id),
      ['assigned', 'visited', 'converted'],
    );
    assert.equal(view.stages[1]!.label, '上门');
    assert.equal(view.stages[1]!.shareOfPrevious, 0.3); // 60 / 200: the previous shown stage is assigned
    assert.equal(view.stages[1]!.dropOff, 54); // 60 - 6
  });

  it('compares stage by stage with the other funnel', () => {
    const view = buildFunnelView(result, funnel([160, 150, 100, 80, 20, 10, 8]));
    const assigned = view.stages[0]!;
    assert.deepEqual(assigned.comparison, { count: 160, shareOfFirst: 1, delta: 40, deltaRate: 0.25 });
    const visited = view.stages[3]!;
    assert.equal(visited.comparison!.delta, -20); // 60 - 80
    assert.equal(visited.comparison!.shareOfFirst, 0.5); // 80 / 160
    assert.deepEqual(view.comparisonCounts, [160, 150, 100, 80, 20, 10, 8]);
    assert.equal(view.maxCount, 200);
  });
});

describe('compare scopes', () => {
  it('parses the compare attribute', () => {
    assert.deepEqual(parseCompare('previous'), { kind: 'previous' });
    assert.deepEqual(parseCompare('org:sub-2'), { kind: 'org', org: 'sub-2' });
    assert.equal(parseCompare('org:'), undefined);
    assert.equal(parseCompare(''), undefined);
  });

  it('moves the date back one period, clamping to a shorter month', () => {
    assert.equal(previousPeriodDate('month', '2026-03-31'), '2026-02-28');
    assert.equal(previousPeriodDate('month', '2024-03-31'), '2024-02-29');
    assert.equal(previousPeriodDate('month', '2026-01-15'), '2025-12-15');
    assert.equal(previousPeriodDate('week', '2026-03-02'), '2026-02-23');
    assert.equal(previousPeriodDate('day', '2026-03-01'), '2026-02-28');
    assert.equal(previousPeriodDate('quarter', '2026-05-31'), '2026-02-28');
    assert.equal(previousPeriodDate('year', '2024-02-29'), '2023-02-28');
    assert.equal(previousPeriodDate('pilot', '2026-03-01'), undefined);
  });

  it("asks another org for the same period, without the first org's manager", () => {
    assert.deepEqual(comparisonScope({ ...scope, manager: 'm1' }, { kind: 'org', org: 'sub-2' }), {
      org: 'sub-2',
      period: 'month',
      date: '2026-11-24',
    });
    assert.deepEqual(comparisonScope({ ...scope, manager: 'm1' }, { kind: 'previous' }), {
      ...scope,
      manager: 'm1',
      date: '2026-10-24',
    });
    assert.equal(comparisonScope({ ...scope, period: 'pilot' }, { kind: 'previous' }), undefined);
  });
});

describe('funnel option', () => {
  const result = funnel([200, 180, 150]);

  it('draws the stages in the data order with token colours and a rich-text tooltip', () => {
    const option = buildFunnelOption(buildFunnelView(result, undefined), LIGHT_TOKENS, 'en');
    const series = option.series as Array<{
      sort: string;
      max: number;
      data: Array<{ name: string; value: number; itemStyle: { color: string } }>;
    }>;
    assert.equal(series.length, 1);
    assert.equal(series[0]!.sort, 'none');
    assert.equal(series[0]!.max, 200);
    assert.deepEqual(
      series[0]!.data.map((d) => d.value),
      [200, 180, 150],
    );
    assert.equal(series[0]!.data[0]!.itemStyle.color, LIGHT_TOKENS['series-1']);
    const tooltip = option.tooltip as { renderMode: string; formatter: (p: unknown) => string };
    assert.equal(tooltip.renderMode, 'richText');
    assert.equal(
      tooltip.formatter({ seriesIndex: 0, dataIndex: 1 }),
      'claimed\nLeads: 180\n% of first: 90%\n% of previous: 90%',
    );
  });

  it('draws the comparison as a second, mirrored funnel sized on the same scale', () => {
    const option = buildFunnelOption(buildFunnelView(result, funnel([250, 100, 50])), DARK_TOKENS, 'en');
    const series = option.series as Array<{
      funnelAlign: string;
      max: number;
      data: Array<{ value: number; itemStyle: { color: string } }>;
    }>;
    assert.equal(series.length, 2);
    assert.deepEqual([series[0]!.funnelAlign, series[1]!.funnelAlign], ['right', 'left']);
    assert.equal(series[0]!.max, 250);
    assert.equal(series[1]!.max, 250);
    assert.equal(series[1]!.data[0]!.itemStyle.color, DARK_TOKENS['series-2']);
  });

  it('returns the same option object for an unchanged view, tokens and locale, and a new one when the theme changes', () => {
    const build = createFunnelOptionBuilder();
    const view = buildFunnelView(result, undefined);
    const first = build(view, { ...LIGHT_TOKENS }, 'en');
    assert.equal(build(view, { ...LIGHT_TOKENS }, 'en'), first);
    assert.notEqual(build(view, { ...DARK_TOKENS }, 'en'), first);
  });
});
