// The pilot dashboard, as a morning huddle opens it, and the wall screen's every refresh.
//
// 1. From data in hand to all four widgets painted, against the same four widgets mounted on their own side by side
//    on the same answers: the baseline is the widgets' own work, so the ratio is what the dashboard adds (filter bar,
//    layout, the shared scope and cache). Both sides start with ECharts loaded and the grid map registered.
// 2. A refresh whose answers equal the last ones, against a refresh where one number moved: an unchanged refresh must
//    not redraw a chart (ChartController.drawCount stays put; the run stops with an error if it moves), so it should
//    cost a fraction of a changed one.
import { createStrideQueryClient, type AdapterMethod, type StrideAdapter } from '@stride/core';
import type { QueryClient } from '@tanstack/query-core';
import type { ChartController } from '../../../packages/elements/src/shared/chart-controller.js';
import { TEST_DATE, TEST_ORG, WIDGETS, pilotAdapter, shadowRoots } from '../../harness/widgets.js';
import { defineScenario, mountPoint, nextPaint, yieldTask } from '../harness.js';

type Method = (query: unknown, options: { signal: AbortSignal }) => Promise<unknown>;

interface Ctx {
  /** The engine's answers, computed once; every call hands out a fresh copy as a back end would. */
  answers: Map<string, unknown>;
  adapter: (nudge?: () => number) => StrideAdapter;
}


function chartControllers(root: HTMLElement): ChartController[] {
  const hosts = [root, ...shadowRoots(root).flatMap((r) => [...r.querySelectorAll('*')])] as (Element & { chart?: unknown })[];
  return hosts.map((el) => el.chart).filter((c): c is ChartController => !!c && typeof (c as ChartController).drawCount === 'number');
}

/** Data on screen everywhere, no fetch in flight, every chart container drawn. */
async function painted(roots: HTMLElement[], client: QueryClient): Promise<void> {
  for (;;) {
    await yieldTask();
    const busy =
      client.isFetching() > 0 ||
      roots.some((root) =>
        shadowRoots(root).some((r) => r.querySelector('[part~="loading"]') || [...r.querySelectorAll<HTMLElement>('[part~="chart"], [part~="map"]')].some((c) => !c.querySelector('canvas'))),
      );
    if (!busy) break;
  }
  await nextPaint();
}

function mountTag(tag: string, attributes: Record<string, string>, adapter: StrideAdapter, client: QueryClient, style: string): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries({ org: TEST_ORG, date: TEST_DATE, lang: 'zh-CN', theme: 'light', ...attributes })) el.setAttribute(k, v);
  Object.assign(el, { adapter, queryClient: client });
  el.style.cssText = style;
  return el;
}

const dashboard = WIDGETS.find((w) => w.tag === 'stride-dashboard')!;
const ownWidgets = ['stride-indicators', 'stride-leaderboard', 'stride-funnel', 'stride-coverage-map'].map((tag) => WIDGETS.find((w) => w.tag === tag)!);

async function setup(): Promise<Ctx> {
  const answers = new Map<string, unknown>();
  const pilot = pilotAdapter() as unknown as Record<AdapterMethod, Method>;
  const adapter = (nudge?: () => number): StrideAdapter => {
    const out: Record<string, Method> = {};
    for (const [method, fn] of Object.entries(pilot) as [AdapterMethod, Method][]) {
      out[method] = async (query, options) => {
        const key = `${method} ${JSON.stringify(query)}`;
        if (!answers.has(key)) answers.set(key, await fn(query, options));
        const copy = structuredClone(answers.get(key)) as { stages?: { count: number }[] };
        // A changed refresh: the first funnel stage moves by one.
        if (nudge && copy.stages?.[0]) copy.stages[0].count += nudge();
        return copy;
      };
    }
    return out as unknown as StrideAdapter;
  };
  // Fill the answers and load ECharts and the grid map once, so no candidate pays for a first import.
  const { host, cleanup } = mountPoint(1200, 900);
  const client = createStrideQueryClient();
  const el = mountTag(dashboard.tag, dashboard.attributes, adapter(), client, 'display:block;width:1200px');
  host.append(el);
  await painted([el], client);
  cleanup();
  client.clear();
  return { answers, adapter };
}

const firstPaint = defineScenario<Ctx>({
  name: 'dashboard: pilot, data ready to all four widgets painted',
  timed: 'from mount with answers at hand (adapter resolves at once) to the frame with every widget showing data and both charts drawn',
  runs: 7,
  goals: { stride: 1.25 },
  setup,
  candidates: {
    baseline: async (ctx) => {
      const { host, cleanup } = mountPoint(1200, 1800);
      const client = createStrideQueryClient();
      const started = performance.now();
      const els = ownWidgets.map((w) => mountTag(w.tag, w.attributes, ctx.adapter(), client, 'display:block;width:600px;height:420px'));
      host.append(...els);
      await painted(els, client);
      const ms = performance.now() - started;
      cleanup();
      client.clear();
      return ms;
    },
    stride: async (ctx) => {
      const { host, cleanup } = mountPoint(1200, 1800);
      const client = createStrideQueryClient();
      const started = performance.now();
      const el = mountTag(dashboard.tag, dashboard.attributes, ctx.adapter(), client, 'display:block;width:1200px');
      host.append(el);
      await painted([el], client);
      const ms = performance.now() - started;
      cleanup();
      client.clear();
      return ms;
    },
  },
});

async function timeRefresh(ctx: Ctx, changed: boolean): Promise<number> {
  const { host, cleanup } = mountPoint(1200, 1800);
  const client = createStrideQueryClient();
  let nudge = 0;
  const el = mountTag(dashboard.tag, dashboard.attributes, ctx.adapter(() => nudge), client, 'display:block;width:1200px');
  host.append(el);
  await painted([el], client);
  const charts = chartControllers(el);
  const drawsBefore = charts.reduce((n, c) => n + c.drawCount, 0);
  if (changed) nudge = 1;
  const started = performance.now();
  await client.refetchQueries();
  await painted([el], client);
  const ms = performance.now() - started;
  const redraws = charts.reduce((n, c) => n + c.drawCount, 0) - drawsBefore;
  cleanup();
  client.clear();
  if (charts.length === 0) throw new Error('dashboard refresh: no chart controller found');
  if (!changed && redraws !== 0) throw new Error(`dashboard refresh with unchanged data redrew ${redraws} chart(s)`);
  if (changed && redraws === 0) throw new Error('dashboard refresh with a changed funnel did not redraw');
  return ms;
}

const refresh = defineScenario<Ctx>({
  name: 'dashboard: refresh with unchanged data (no chart redraw) vs one changed number',
  timed: 'from refetch of every query to the next painted frame with nothing fetching; drawCount checked after',
  runs: 7,
  goals: { stride: 1.0 },
  setup,
  candidates: {
    baseline: (ctx) => timeRefresh(ctx, true),
    stride: (ctx) => timeRefresh(ctx, false),
  },
});

export default [firstPaint, refresh];
