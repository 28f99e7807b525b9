/**
 * What the memory harness files share (memory.test.ts: every widget alone; memory-dashboard.test.ts: the composed
 * dashboard as a wall screen runs it). Portals mount and unmount widgets all day and wall screens run for weeks, so
 * every widget in the registry is mounted, rendered on pilot data and unmounted 60 times, and must leave nothing
 * behind: not one kit element, ECharts instance or query observer still alive after GC (counted exactly over the
 * DevTools protocol, so a single retained widget fails, where a heap sum needs hundreds of cycles to show it), a flat
 * heap, no new map registration, and DOM nodes and JS listeners back where they were.
 *
 * The query cache is shared across cycles with a short gcTime, as a portal would share it, so an entry that is
 * dropped after its gcTime is not mistaken for a leak; one that outlives it is.
 *
 * The harness is two files so that neither nears web-test-runner's limit for one file and they run side by side.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { getInstanceByDom } from 'echarts/core';
import { QueryObserver, type QueryClient } from '@tanstack/query-core';
import { createStrideQueryClient, type AdapterMethod, type StrideAdapter } from '@stride/core';
import { registeredGridMapCount } from '../../packages/elements/src/coverage-map/coverage-map.registry.js';
import { StrideElement } from '../../packages/elements/src/shared/stride-element.js';
import { yieldTask } from '../bench/harness.js';
import { mountWidget, pilotAdapter, shadowRoots, widgetName, type WidgetUnderTest } from './widgets.js';

export interface Counters {
  documents: number;
  nodes: number;
  jsEventListeners: number;
  jsHeapUsedSize: number | null;
  /** Objects alive whose prototype chain holds each of LIVE's prototypes (the prototypes of subclasses included). */
  live: Partial<Record<keyof typeof LIVE, number>>;
}

/** The first cycles load lazy modules and warm caches; what they leave is the reference the rest must not grow. */
export const REFERENCE_CYCLES = 10;
export const CYCLES = 60;
/** Short enough that the cycles cannot hide a cache behind it, long enough to outlive one render. */
export const GC_TIME_MS = 10;

/** What must not outlive an unmount, counted by prototype: every kit element, ECharts instance and query observer. */
export const LIVE: { elements: object; observers: object; charts?: object } = {
  elements: StrideElement.prototype,
  observers: QueryObserver.prototype,
};
(globalThis as { __strideLive?: typeof LIVE }).__strideLive = LIVE;

/** Full GC (twice, over CDP), the renderer's counters, and the live objects of LIVE. */
export function readCounters(): Promise<Counters> {
  const live = Object.fromEntries(Object.keys(LIVE).map((name) => [name, `globalThis.__strideLive.${name}`]));
  return executeServerCommand<Counters, { collectGarbage: boolean; live: Record<string, string> }>(
    'stride-cdp-counters',
    { collectGarbage: true, live },
  );
}

/**
 * The counters once what was just unmounted has been let go: the browser itself holds a detached subtree for a
 * moment after removal (no page timer does: none is pending then), so the counters are read again every 250 ms, up
 * to 5 s, until DOM nodes and live objects stop falling. A real leak never falls.
 */
export async function counters(): Promise<Counters> {
  let last = await readCounters();
  for (let tries = 0; tries < 20; tries += 1) {
    await new Promise((r) => setTimeout(r, 250));
    const next = await readCounters();
    const fell =
      next.nodes < last.nodes ||
      Object.keys(next.live).some(
        (name) => next.live[name as keyof typeof LIVE]! < last.live[name as keyof typeof LIVE]!,
      );
    last = next;
    if (!fell) break;
  }
  return last;
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

export type Updatable = Element & { updateComplete?: Promise<unknown> };

/** Every custom element inside `root` (nested shadow roots included), for their updateComplete. */
export function strideElements(root: HTMLElement): Updatable[] {
  const inner = shadowRoots(root).flatMap((r) => [...r.querySelectorAll('*')].filter((el) => el.tagName.includes('-')));
  return [root, ...inner];
}

/** The elements charts draw into (the chart controllers' containers carry these parts). */
export function chartContainers(element: HTMLElement): HTMLElement[] {
  return shadowRoots(element).flatMap((r) => [...r.querySelectorAll<HTMLElement>('[part~="chart"], [part~="map"]')]);
}

/** Resolves once the widget has data on screen (generous first time: the dev server transforms ECharts on demand): no fetch in flight, no loading skeleton, every update done. */
export async function rendered(element: HTMLElement, client: QueryClient, timeoutMs = 30_000): Promise<void> {
  const started = performance.now();
  for (;;) {
    await yieldTask();
    await Promise.all(strideElements(element).map((el) => el.updateComplete));
    const loading = shadowRoots(element).some((r) => r.querySelector('[part~="loading"]'));
    // A chart draws once its ECharts module has loaded (a dynamic import): wait for every chart, not only the data.
    const undrawn = chartContainers(element).some((el) => !getInstanceByDom(el));
    if (client.isFetching() === 0 && client.getQueryCache().getAll().length > 0 && !loading && !undrawn) return;
    if (performance.now() - started > timeoutMs) {
      const waiting = [
        client.isFetching() > 0 ? 'a fetch' : '',
        loading ? 'a loading skeleton' : '',
        ...chartContainers(element)
          .filter((el) => !getInstanceByDom(el))
          .map((el) => `a chart in ${(el.getRootNode() as ShadowRoot).host.tagName.toLowerCase()}`),
      ].filter(Boolean);
      throw new Error(
        `${element.tagName.toLowerCase()} did not render data in ${timeoutMs} ms (waiting for ${waiting.join(', ')})`,
      );
    }
  }
}

/** Adapter calls per method, counted in front of the pilot adapter. */
export function countingAdapter(inner: StrideAdapter): { adapter: StrideAdapter; calls: () => number } {
  let count = 0;
  const adapter: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(inner) as [
    AdapterMethod,
    (q: unknown, o: { signal: AbortSignal }) => Promise<unknown>,
  ][]) {
    adapter[method] = (query: unknown, options: { signal: AbortSignal }) => {
      count += 1;
      return fn(query, options);
    };
  }
  return { adapter: adapter as StrideAdapter, calls: () => count };
}

/**
 * The pilot adapter with the engine's answers remembered per query: the cycles measure the widgets, not the engine.
 * Each call still hands out a fresh copy, as a back end would.
 */
export function rememberingAdapter(inner: StrideAdapter): StrideAdapter {
  const answers = new Map<string, unknown>();
  const adapter: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(inner) as [
    AdapterMethod,
    (q: unknown, o: { signal: AbortSignal }) => Promise<unknown>,
  ][]) {
    adapter[method] = async (query: unknown, options: { signal: AbortSignal }) => {
      const key = `${method} ${JSON.stringify(query)}`;
      if (!answers.has(key)) answers.set(key, await fn(query, options));
      options.signal.throwIfAborted();
      return structuredClone(answers.get(key));
    };
  }
  return adapter as StrideAdapter;
}

/** Elements an ECharts instance could be bound to: every element in the widget's shadow roots. */
export function chartCandidates(element: HTMLElement): HTMLElement[] {
  return shadowRoots(element).flatMap((r) => [...r.querySelectorAll<HTMLElement>('div, section, figure')]);
}

export function liveChartCount(elements: HTMLElement[]): number {
  return elements.filter((el) => getInstanceByDom(el) !== undefined && getInstanceByDom(el) !== null).length;
}

/** Mocha hooks that print each test's wall time, so the run's log shows where the harness spends it. */
export function logTestTimes(): void {
  let started = 0;
  beforeEach(() => {
    started = performance.now();
  });
  afterEach(function () {
    console.log(
      `[memory] ${this.currentTest?.title.slice(0, 40)}: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });
}

/**
 * `CYCLES` mounts, renders and unmounts of `widget` on one shared query client: what the cycles after the first
 * `REFERENCE_CYCLES` leave must equal what those left.
 */
export function cyclesLeaveNothing(widget: WidgetUnderTest): void {
  describe(widgetName(widget), () => {
    it(`${CYCLES} mount/render/unmount cycles leave no element, chart or observer alive, a flat heap, no new map, and DOM/listener counts at baseline`, async () => {
      const adapter = rememberingAdapter(pilotAdapter());
      const client = createStrideQueryClient({ gcTime: GC_TIME_MS });
      const parent = document.createElement('div');
      document.body.append(parent);
      let chartsSeen = 0;
      const cycle = async (n: number): Promise<void> => {
        const mounted = mountWidget(widget, adapter, parent, client);
        await rendered(mounted.element, client);
        const candidates = widget.chart ? chartCandidates(mounted.element) : [];
        const charts = candidates.map((el) => getInstanceByDom(el)).filter((chart) => chart);
        chartsSeen = Math.max(chartsSeen, charts.length);
        if (charts[0]) LIVE.charts ??= Object.getPrototypeOf(charts[0]) as object;
        mounted.element.remove();
        if (widget.chart)
          expect(liveChartCount(candidates), `ECharts instances left after unmount, cycle ${n}`).to.equal(0);
      };
      /** Counters once gcTime has expired and the cache has dropped the unobserved queries. */
      const settledCounters = async (): Promise<Counters> => {
        await new Promise((r) => setTimeout(r, GC_TIME_MS * 3));
        await nextFrame();
        return counters();
      };
      try {
        for (let n = 1; n <= REFERENCE_CYCLES; n += 1) await cycle(n);
        const reference = await settledCounters();
        const mapsAtReference = registeredGridMapCount();
        for (let n = REFERENCE_CYCLES + 1; n <= CYCLES; n += 1) await cycle(n);
        const now = await settledCounters();
        const growth = (now.jsHeapUsedSize! - reference.jsHeapUsedSize!) / reference.jsHeapUsedSize!;
        const added = CYCLES - REFERENCE_CYCLES;
        console.log(
          `[memory] ${widgetName(widget)}: heap ${(reference.jsHeapUsedSize! / 1024 / 1024).toFixed(2)} MB @${REFERENCE_CYCLES}` +
            ` -> ${(now.jsHeapUsedSize! / 1024 / 1024).toFixed(2)} MB @${CYCLES} (${(growth * 100).toFixed(2)}%),` +
            ` live ${JSON.stringify(reference.live)} -> ${JSON.stringify(now.live)},` +
            ` nodes ${reference.nodes} -> ${now.nodes}, listeners ${reference.jsEventListeners} -> ${now.jsEventListeners},` +
            ` documents ${reference.documents} -> ${now.documents}, maps ${mapsAtReference} -> ${registeredGridMapCount()}`,
        );
        // Exact: one widget, chart or observer kept alive by anything (a listener on window, a cache, a timer) fails.
        expect(
          now.live,
          `kit elements, ECharts instances and query observers alive after ${added} more cycles`,
        ).to.deep.equal(reference.live);
        // 2 % over 50 cycles is the old 10 % over 250 (about 10 KB a cycle of a 25 MB heap); it moved at most 0.5 %.
        expect(growth, `heap growth from cycle ${REFERENCE_CYCLES} to ${CYCLES}`).to.be.at.most(0.02);
        expect(now.nodes - reference.nodes, `DOM nodes added over ${added} cycles`).to.be.at.most(5);
        expect(
          now.jsEventListeners - reference.jsEventListeners,
          `JS listeners added over ${added} cycles`,
        ).to.be.at.most(5);
        expect(now.documents, 'documents').to.equal(reference.documents);
        expect(registeredGridMapCount(), 'grid maps registered').to.equal(mapsAtReference);
        if (widget.chart) expect(chartsSeen, 'the harness saw the chart drawn').to.be.greaterThan(0);
        expect(client.getQueryCache().getAll(), 'queries left in the cache after gcTime').to.have.length(0);
      } finally {
        parent.remove();
        client.clear();
      }
    });
  });
}
