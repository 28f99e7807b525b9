// <stride-funnel> against raw ECharts drawing the identical option (same view model, tokens and locale through the
// same pure builder) into a container of the same size: what the element adds on top of ECharts (query, validation,
// the Lit stage labels, the chart controller) between having the data and the first painted frame.
import { LIGHT_TOKENS, createStrideQueryClient, type FunnelResult, type StrideAdapter } from '@stride/core';
import '../../../packages/elements/src/funnel/funnel.js';
import type { StrideFunnel } from '../../../packages/elements/src/funnel/funnel.component.js';
import { loadFunnelECharts, type FunnelECharts } from '../../../packages/elements/src/funnel/funnel.echarts.js';
import { buildFunnelOption } from '../../../packages/elements/src/funnel/funnel.option.js';
import { t } from '../../../packages/elements/src/funnel/funnel.strings.js';
import { buildFunnelView } from '../../../packages/elements/src/funnel/funnel.view-model.js';
import { defineScenario, mountPoint, nextPaint, yieldTask } from '../harness.js';

interface Ctx {
  result: FunnelResult;
  echarts: FunnelECharts;
  chartSize: { width: number; height: number };
}

const LABELS: Array<[string, string]> = [
  ['assigned', '名单下发'],
  ['claimed', '已认领'],
  ['contacted', '已触达'],
  ['visited', '已面访'],
  ['intent', '意向'],
  ['applied', '已进件'],
  ['converted', '已成交'],
];

function pilotFunnel(): FunnelResult {
  const counts = [1_240, 1_180, 960, 410, 188, 97, 61];
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope: { org: 'br', period: 'month', date: '2026-11-24' },
    stages: LABELS.map(([id, label], i) => ({ id, label, count: counts[i]!, overdue: (i * 7) % 23, medianDwellHours: i === 6 ? null : 6 + i * 19 })),
  };
}

// A MessageChannel hop yields to the event loop without the 4 ms clamp nested timeouts get.

function createFunnel(ctx: Ctx): StrideFunnel {
  const el = document.createElement('stride-funnel');
  const adapter: StrideAdapter = { funnel: async () => ctx.result };
  el.setAttribute('org', 'br');
  el.setAttribute('date', '2026-11-24');
  el.setAttribute('lang', 'zh-CN');
  el.setAttribute('theme', 'light');
  el.adapter = adapter;
  el.queryClient = createStrideQueryClient();
  return el;
}

export default defineScenario<Ctx>({
  name: 'funnel: 7 stages, element vs raw ECharts with the identical option',
  timed: 'from data in hand (adapter answers at once / option built) to the first painted frame with the funnel drawn',
  runs: 15,
  goals: { stride: 1.15 },
  setup: async () => {
    const result = pilotFunnel();
    // Measure the element's chart box once so raw ECharts draws into exactly the same size.
    const { host, cleanup } = mountPoint(900, 800);
    const el = createFunnel({ result } as Ctx);
    host.append(el);
    while (!el.chart.chart) await yieldTask();
    const box = el.shadowRoot!.querySelector('.chart')!.getBoundingClientRect();
    cleanup();
    return { result, echarts: loadFunnelECharts(), chartSize: { width: Math.round(box.width), height: Math.round(box.height) } };
  },
  candidates: {
    baseline: async (ctx) => {
      const { host, cleanup } = mountPoint(900, 800);
      const start = performance.now();
      const view = buildFunnelView(ctx.result, undefined, {
        orientation: 'vertical',
        seriesNames: { current: t('zh-CN', 'current'), comparison: t('zh-CN', 'previous') },
        animate: true,
      });
      const div = document.createElement('div');
      div.style.cssText = `width:${ctx.chartSize.width}px;height:${ctx.chartSize.height}px`;
      host.append(div);
      const chart = ctx.echarts.init(div, null, { renderer: 'canvas' });
      chart.setOption(buildFunnelOption(view, LIGHT_TOKENS, 'zh-CN'), { notMerge: true, lazyUpdate: false });
      await nextPaint();
      const ms = performance.now() - start;
      chart.dispose();
      cleanup();
      return ms;
    },
    stride: async (ctx) => {
      const { host, cleanup } = mountPoint(900, 800);
      const el = createFunnel(ctx);
      const start = performance.now();
      host.append(el);
      while (el.chart.drawCount === 0) await yieldTask();
      await nextPaint();
      const ms = performance.now() - start;
      cleanup();
      return ms;
    },
  },
});
