// Issue 31's pilot with no back end at bank scale: 1,000,000 events of CSV (with the roster, 5,000 grids, targets and
// calendar of a 10,000-manager bank) through the event-log adapter's streaming input (events as a ReadableStream) to
// all four widgets painted, reported beside its parts (read, parse, index, each widget's compute, render), against a
// bare parse of the same CSV on the page in the same run.
//
// The files are not in git: write them first (bench/README.md, "Big files"), into bench/files/ (or STRIDE_BENCH_FILES).
import { createEventLogAdapter, createStrideQueryClient, type EventLogProgress, type StrideAdapter } from '@stride/core';
import type { QueryClient } from '@tanstack/query-core';
import '../../../packages/elements/src/indicators/indicators.js';
import '../../../packages/elements/src/leaderboard/leaderboard.js';
import '../../../packages/elements/src/funnel/funnel.js';
import '../../../packages/elements/src/coverage-map/coverage-map.js';
import { forgetRegisteredGridMaps } from '../../../packages/elements/src/coverage-map/coverage-map.registry.js';
import { shadowRoots } from '../../harness/widgets.js';
import { defineScenario, mountPoint } from '../harness.js';

const workerUrl = new URL('/event-log.worker.js', location.origin);

async function file(name: string): Promise<Blob> {
  const response = await fetch(`/files/${name}`);
  if (!response.ok) throw new Error(`bench/files/${name} is missing: write it first (bench/README.md, "Big files")`);
  return response.blob();
}

interface MillionCtx {
  events: Blob;
  roster: Blob;
  grids: Blob;
  targets: Blob;
  calendar: Blob;
  /** The bank-time day of the last event: the widgets open on its month. */
  date: string;
}


/**
 * Data on screen in every widget, no fetch in flight, every chart container drawn (as the dashboard bench), checked once
 * a frame and timed to the frame that shows it. Not every task: a poll every task kept the page's main thread busy for
 * the whole run, one of the machine's two cores taken from the worker it waits for (a trace of the bench showed the
 * page busy for 19 of 33 s), where a portal's page sits idle.
 */
async function painted(roots: HTMLElement[], client: QueryClient): Promise<void> {
  const busy = () =>
    client.isFetching() > 0 ||
    roots.some((root) =>
      shadowRoots(root).some(
        (r) =>
          r.querySelector('[part~="loading"]') ||
          [...r.querySelectorAll<HTMLElement>('[part~="chart"], [part~="map"]')].some((c) => !c.querySelector('canvas')),
      ),
    );
  // Checked in the frame's callback, before it paints: once all is there, the first task after it follows the paint.
  while (await new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(busy()))));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

const FOUR = [
  ['stride-indicators', {}],
  ['stride-leaderboard', { board: 'managers', metric: 'points' }],
  ['stride-funnel', {}],
  ['stride-coverage-map', {}],
] as const;
/** The adapter methods each widget calls, in the order the worker answers them (the widgets mount in this order). */
const WIDGET_OF: Record<string, string> = {
  indicators: 'indicators',
  leaderboard: 'leaderboard',
  funnel: 'funnel',
  grids: 'coverage-map',
  coverage: 'coverage-map',
};

const million = defineScenario<MillionCtx>({
  name: 'big files: 1,000,000 events of CSV to all four widgets painted',
  timed:
    'stride: from the files in hand (events as a ReadableStream, roster, 5,000 grids, targets, calendar as Blobs) through createEventLogAdapter to indicators, leaderboard, funnel and coverage map painted for the bank, month to date (issue 31 goal: at most 2,000 ms); parts: read (files read in the worker), parse (events.csv to the engine\'s columns), index (the other files checked and the engine built), each widget\'s compute as its answers arrive, render (last answer to the painted frame), the page\'s JS heap in MB. baseline: a bare parse of the same events.csv on the page (streamed, decoded, split into lines and fields)',
  runs: 3,
  setup: async () => {
    const events = await file('bank-events.csv');
    const tail = await events.slice(Math.max(0, events.size - 200)).text();
    const date = /(\d{4}-\d{2}-\d{2})T[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^\n]*\n?$/.exec(tail)?.[1] ?? '2026-12-07';
    return {
      events,
      roster: await file('bank-roster.csv'),
      grids: await file('bank-grids.geojson'),
      targets: await file('bank-targets.csv'),
      calendar: await file('bank-calendar.csv'),
      date,
    };
  },
  candidates: {
    baseline: async (ctx) => {
      const start = performance.now();
      const reader = ctx.events.stream().pipeThrough(new TextDecoderStream()).getReader();
      let rest = '';
      let rows = 0;
      let fields = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const lines = (rest + value).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          fields += line.split(',').length;
          rows += 1;
        }
      }
      if (rows < 1_000_000 || fields < rows * 7) throw new Error(`bare parse read ${rows} rows`);
      return performance.now() - start;
    },
    stride: async (ctx) => {
      forgetRegisteredGridMaps();
      const { host, cleanup } = mountPoint(1200, 1800);
      const client = createStrideQueryClient();
      const phases: Partial<Record<EventLogProgress['phase'], number>> = {};
      const answered: [method: string, at: number][] = [];
      const start = performance.now();
      const adapter = createEventLogAdapter({
        events: ctx.events.stream(),
        orgTree: ctx.roster,
        grids: ctx.grids,
        targets: ctx.targets,
        calendar: ctx.calendar,
        workerUrl,
        locale: 'zh-CN',
        now: () => new Date(`${ctx.date}T18:00:00+08:00`),
        onProgress: ({ phase }) => {
          phases[phase] ??= performance.now();
        },
      });
      // Every answer's arrival, by method: the worker answers the widgets' requests one after another once ready.
      const timed: Record<string, unknown> = {};
      for (const [method, call] of Object.entries(adapter)) {
        if (typeof call !== 'function' || method === 'dispose') continue;
        timed[method] = async (...args: unknown[]) => {
          const result: unknown = await (call as (...a: unknown[]) => Promise<unknown>)(...args);
          answered.push([method, performance.now()]);
          return result;
        };
      }
      const els = FOUR.map(([tag, attributes]) => {
        const el = document.createElement(tag);
        for (const [k, v] of Object.entries({ org: 'bank', date: ctx.date, lang: 'zh-CN', ...attributes }))
          el.setAttribute(k, v);
        Object.assign(el, { adapter: timed as unknown as StrideAdapter, queryClient: client });
        el.style.cssText = 'display:block;width:600px;height:420px';
        return el;
      });
      host.append(...els);
      await painted(els, client);
      const ms = performance.now() - start;
      const report = await adapter.report;
      if (report.rows < 1_000_000) throw new Error(`the adapter read ${report.rows} events`);
      const parts: Record<string, number> = {
        read: (phases.parsing ?? start) - start,
        parse: (phases.indexing ?? start) - (phases.parsing ?? start),
        index: (phases.ready ?? start) - (phases.indexing ?? start),
      };
      let last = phases.ready ?? start;
      for (const [method, at] of answered.sort((a, b) => a[1] - b[1])) {
        const widget = `compute ${WIDGET_OF[method] ?? method}`;
        parts[widget] = (parts[widget] ?? 0) + Math.max(0, at - last);
        last = Math.max(last, at);
      }
      parts.render = start + ms - last;
      const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
      if (memory) parts['page heap MB'] = memory.usedJSHeapSize / 2 ** 20;
      adapter.dispose();
      cleanup();
      client.clear();
      return { ms, parts };
    },
  },
});

export default million;
