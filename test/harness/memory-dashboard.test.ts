/**
 * Memory harness, the dashboard as a wall screen runs it (shared parts in ./memory.ts): the composed dashboard through
 * the same 60 mount/render/unmount cycles as every widget, then polling every second for five minutes on a simulated
 * clock, with data that changes on every poll: it must really redraw and stay bounded (the same live objects, heap,
 * DOM nodes, listeners, ECharts instances).
 */
import { expect } from '@open-wc/testing';
import { timeoutManager, type TimeoutProvider } from '@tanstack/query-core';
import { createStrideQueryClient, type AdapterMethod, type StrideAdapter } from '@stride/core';
import { getInstanceByDom } from 'echarts/core';
import { WIDGETS, mountWidget, pilotAdapter, shadowRoots, type WidgetUnderTest } from './widgets.js';
import {
  GC_TIME_MS,
  chartCandidates,
  chartContainers,
  counters,
  countingAdapter,
  cyclesLeaveNothing,
  liveChartCount,
  logTestTimes,
  rememberingAdapter,
  rendered,
  type Counters,
} from './memory.js';

/** The soak's length in simulated seconds, one poll each: minute 1 is its reference. */
const SOAK_SECONDS = 300;

/** Keys of figures that move from poll to poll in the soak (ids, dates, targets and households stay). */
const MOVING_FIGURES = new Set(['value', 'count', 'covered', 'overdue', 'previousValue']);

/**
 * A wall screen's back end between two polls: figures move and rows come and go. `tick` picks the change, so every
 * poll differs from the one before: each figure gains 0-2 (or 0-2 % for fractions; a grid's covered customers stay
 * within its households), and lists of rows (board entries, grid cells, org rows) lose one row, a different one
 * each time.
 */
function movedAnswer(value: unknown, tick: number, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => movedAnswer(item, tick));
    const rows =
      items.length > 3 && items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
    const identified = rows && items.every((item) => 'id' in (item as object) || 'gridId' in (item as object));
    return identified && key !== 'features' ? items.filter((_, i) => i !== tick % items.length) : items;
  }
  if (typeof value !== 'object' || value === null) {
    if (typeof value !== 'number' || !MOVING_FIGURES.has(key)) return value;
    return Number.isInteger(value) ? value + (tick % 3) : value * (1 + (tick % 3) / 100);
  }
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = movedAnswer(v, tick, k);
  if (typeof copy['covered'] === 'number' && typeof copy['households'] === 'number')
    copy['covered'] = Math.min(copy['covered'], copy['households']);
  return copy;
}

/** `inner` answering with `movedAnswer` for the tick `tick()` says it is. */
function movingAdapter(inner: StrideAdapter, tick: () => number): StrideAdapter {
  const adapter: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(inner) as [
    AdapterMethod,
    (q: unknown, o: { signal: AbortSignal }) => Promise<unknown>,
  ][]) {
    adapter[method] = async (query: unknown, options: { signal: AbortSignal }) =>
      method === 'grids' || method === 'orgTree' ? fn(query, options) : movedAnswer(await fn(query, options), tick());
  }
  return adapter as StrideAdapter;
}

/**
 * Counts what a viewer would see change: DOM mutations in every shadow root (lists and tiles) and ECharts frames
 * finished (charts), watching roots and chart instances as they appear.
 */
function redrawCounter(element: HTMLElement): { watch(): void; lists(): number; charts(): number; stop(): void } {
  let lists = 0;
  let charts = 0;
  const observer = new MutationObserver((records) => (lists += records.length));
  const watchedRoots = new WeakSet<ShadowRoot>();
  const watchedCharts = new WeakSet<object>();
  return {
    watch() {
      for (const root of shadowRoots(element)) {
        if (watchedRoots.has(root)) continue;
        watchedRoots.add(root);
        observer.observe(root, { childList: true, characterData: true, subtree: true });
      }
      for (const container of chartContainers(element)) {
        const chart = getInstanceByDom(container);
        if (!chart || watchedCharts.has(chart)) continue;
        watchedCharts.add(chart);
        chart.on('finished', () => {
          charts += 1;
        });
      }
    },
    lists: () => lists,
    charts: () => charts,
    stop: () => observer.disconnect(),
  };
}

describe('memory harness: the dashboard on a wall screen', function () {
  this.timeout(120_000);
  logTestTimes();

  cyclesLeaveNothing(WIDGETS.find((w) => w.tag === 'stride-dashboard') as WidgetUnderTest);

  it('a wall-screen dashboard whose data changes on every one-second poll, for 5 minutes of simulated time, redraws and stays bounded', async () => {
    const dashboard = WIDGETS.find((w) => w.tag === 'stride-dashboard') as WidgetUnderTest;
    // query-core runs its refetch intervals and gc timers through timeoutManager: a manual clock replaces it, so five
    // minutes of polling take seconds. Rendering, ECharts and the browser run on real time between the ticks.
    const clock = manualClock();
    timeoutManager.setTimeoutProvider(clock.provider);
    let second = 0;
    const counting = countingAdapter(movingAdapter(rememberingAdapter(pilotAdapter()), () => second));
    const client = createStrideQueryClient({ gcTime: GC_TIME_MS });
    const mounted = mountWidget(
      { ...dashboard, attributes: { ...dashboard.attributes, refresh: '1' } },
      counting.adapter,
      document.body,
      client,
    );
    const redraws = redrawCounter(mounted.element);
    try {
      await rendered(mounted.element, client);
      redraws.watch();
      let atMinute1: Counters | undefined;
      let chartsAtMinute1 = 0;
      const callsAtStart = counting.calls();
      for (second = 1; second <= SOAK_SECONDS; second += 1) {
        clock.advance(1_000);
        await rendered(mounted.element, client);
        redraws.watch();
        if (second === 60) {
          atMinute1 = await counters();
          chartsAtMinute1 = liveChartCount(chartCandidates(mounted.element));
        }
      }
      const atEnd = await counters();
      const chartsAtEnd = liveChartCount(chartCandidates(mounted.element));
      const heap1 = atMinute1!.jsHeapUsedSize!;
      const growth = (atEnd.jsHeapUsedSize! - heap1) / heap1;
      console.log(
        `[memory] soak (simulated clock): ${counting.calls() - callsAtStart} adapter calls in ${SOAK_SECONDS} s, ` +
          `${redraws.lists()} DOM mutations, ${redraws.charts()} chart frames; ` +
          `heap ${(heap1 / 1024 / 1024).toFixed(2)} -> ${(atEnd.jsHeapUsedSize! / 1024 / 1024).toFixed(2)} MB ` +
          `(${(growth * 100).toFixed(1)}%), nodes ${atMinute1!.nodes} -> ${atEnd.nodes}, ` +
          `listeners ${atMinute1!.jsEventListeners} -> ${atEnd.jsEventListeners}, charts ${chartsAtMinute1} -> ${chartsAtEnd}, ` +
          `live ${JSON.stringify(atMinute1!.live)} -> ${JSON.stringify(atEnd.live)}`,
      );
      // Every widget polls each second: at least one request per second proves the clock drove the refreshes.
      expect(counting.calls() - callsAtStart).to.be.at.least(SOAK_SECONDS);
      // New data every second must reach the screen: lists and tiles change, charts draw again.
      expect(redraws.lists(), 'DOM mutations from changing data').to.be.at.least(SOAK_SECONDS);
      expect(redraws.charts(), 'chart frames from changing data').to.be.at.least(60);
      expect(growth, 'heap growth from minute 1 to the end').to.be.at.most(0.1);
      // Rows come and go, so counts move by a row or so; a leak per poll would add hundreds over 240 polls.
      expect(atEnd.nodes - atMinute1!.nodes, 'DOM nodes added from minute 1 to the end').to.be.at.most(100);
      expect(
        atEnd.jsEventListeners - atMinute1!.jsEventListeners,
        'JS listeners added from minute 1 to the end',
      ).to.be.at.most(50);
      expect(chartsAtEnd, 'ECharts instances').to.equal(chartsAtMinute1);
      expect(atEnd.live, 'kit elements, ECharts instances and query observers alive').to.deep.equal(atMinute1!.live);
      expect(chartsAtEnd, 'ECharts instances (funnel and map)').to.be.at.most(chartContainers(mounted.element).length);
    } finally {
      redraws.stop();
      mounted.remove();
      timeoutManager.setTimeoutProvider(clock.real);
    }
  });
});

/** A clock for query-core's timers that moves only when told to. */
function manualClock(): { provider: TimeoutProvider<number>; real: TimeoutProvider; advance(ms: number): void } {
  interface Timer {
    due: number;
    callback: () => void;
    every: number | undefined;
  }
  const timers = new Map<number, Timer>();
  let now = 0;
  let nextId = 1;
  const provider: TimeoutProvider<number> = {
    setTimeout(callback, delay) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(0, delay ?? 0), callback: () => callback(), every: undefined });
      return id;
    },
    clearTimeout(id) {
      if (id !== undefined) timers.delete(id);
    },
    setInterval(callback, delay) {
      const id = nextId++;
      timers.set(id, { due: now + delay, callback: () => callback(), every: delay });
      return id;
    },
    clearInterval(id) {
      if (id !== undefined) timers.delete(id);
    },
  };
  return {
    provider,
    real: globalTimers(),
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        let nextTimer: [number, Timer] | undefined;
        for (const entry of timers)
          if (entry[1].due <= until && (!nextTimer || entry[1].due < nextTimer[1].due)) nextTimer = entry;
        if (!nextTimer) break;
        const [id, timer] = nextTimer;
        now = timer.due;
        if (timer.every === undefined) timers.delete(id);
        else timer.due += timer.every;
        timer.callback();
      }
      now = until;
    },
  };
}

/** The page's own timers, as query-core's default provider uses them (that one is not exported). */
function globalTimers(): TimeoutProvider {
  return {
    setTimeout: (cb, delay) => setTimeout(cb, delay),
    clearTimeout: (id) => clearTimeout(id as number),
    setInterval: (cb, delay) => setInterval(cb, delay),
    clearInterval: (id) => clearInterval(id as number),
  };
}
