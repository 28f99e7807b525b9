// Issue 24's very large GIS export: a 52 MB grids.geojson (2,000 grids, 1.39 million full-precision positions,
// CGCS2000 crs) dropped on a pilot page with its events and roster, through the event-log adapter's worker to the
// coverage map painted. Beside it, what a page does without the kit: the file parsed on the page and drawn by raw
// ECharts. Each run also reports the longest main-thread task (Long Tasks API): the page must stay responsive.
//
//
// The files are not in git: write them first (bench/README.md, "Big files"), into bench/files/ (or STRIDE_BENCH_FILES).
import { createEventLogAdapter, createStrideQueryClient, LIGHT_TOKENS, type Grids } from '@stride/core';
import '../../../packages/elements/src/coverage-map/coverage-map.js';
import type { StrideCoverageMap } from '../../../packages/elements/src/coverage-map/coverage-map.js';
import { init, registerMap } from '../../../packages/elements/src/coverage-map/coverage-map.echarts.js';
import { buildMapOption, paletteFrom } from '../../../packages/elements/src/coverage-map/coverage-map.option.js';
import { buildCoverageView } from '../../../packages/elements/src/coverage-map/coverage-map.view-model.js';
import { aspectScaleFor } from '../../../packages/elements/src/coverage-map/coverage-map.geometry.js';
import { gridBounds } from '../../elements/coverage-map/detailed-grids.js';
import { forgetRegisteredGridMaps } from '../../../packages/elements/src/coverage-map/coverage-map.registry.js';
import { defineScenario, mountPoint, nextPaint } from '../harness.js';

const WIDTH = 1200;
const MAP_HEIGHT = 760;
const workerUrl = new URL('/event-log.worker.js', location.origin);

async function file(name: string): Promise<Blob> {
  const response = await fetch(`/files/${name}`);
  if (!response.ok) throw new Error(`bench/files/${name} is missing: write it first (bench/README.md, "Big files")`);
  return response.blob();
}

/** Long tasks on the page from now on; `longest()` is the longest so far, in ms (0 when none passed 50 ms). */
function watchLongTasks(): { longest: () => number } {
  const start = performance.now();
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.startTime >= start) seen.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return {
    longest: () => {
      for (const entry of observer.takeRecords()) if (entry.startTime >= start) seen.push(entry.duration);
      observer.disconnect();
      return Math.max(0, ...seen);
    },
  };
}

interface GridsCtx {
  grids: Blob;
  events: Blob;
  roster: Blob;
}

const bigGrids = defineScenario<GridsCtx>({
  name: 'big files: a 52 MB grids.geojson to the painted coverage map',
  timed:
    'from the files in hand (Blobs, as dropped) to the first painted frame of the map; parts: the longest main-thread task. stride: events.csv (100,000), roster.csv and the grids file through createEventLogAdapter (read, parsed and checked in its worker) to <stride-coverage-map>; baseline: the grids file read and JSON.parse-d on the page, drawn by raw ECharts (no validation, no coverage)',
  runs: 5,
  setup: async () => ({
    grids: await file('grids-big.geojson'),
    events: await file('events.csv'),
    roster: await file('roster.csv'),
  }),
  candidates: {
    baseline: async (ctx) => {
      const { host, cleanup } = mountPoint(WIDTH - 24, MAP_HEIGHT);
      const tasks = watchLongTasks();
      const start = performance.now();
      const grids = JSON.parse(await ctx.grids.text()) as Grids;
      registerMap('bench-big-raw', grids as unknown as Parameters<typeof registerMap>[1]);
      const chart = init(host, null, { renderer: 'canvas' });
      const view = buildCoverageView([], grids);
      chart.setOption(
        buildMapOption({
          view,
          mapName: 'bench-big-raw',
          palette: paletteFrom(LIGHT_TOKENS),
          locale: 'zh-CN',
          aspectScale: aspectScaleFor(gridBounds(grids)),
          labelled: new Set(),
        }),
        { notMerge: true, lazyUpdate: false },
      );
      await nextPaint();
      const ms = performance.now() - start;
      const longestTask = tasks.longest();
      chart.dispose();
      cleanup();
      return { ms, parts: { longestTask } };
    },
    stride: async (ctx) => {
      forgetRegisteredGridMaps();
      const { host, cleanup } = mountPoint(WIDTH, MAP_HEIGHT + 200);
      const tasks = watchLongTasks();
      const start = performance.now();
      const adapter = createEventLogAdapter({
        events: ctx.events,
        orgTree: ctx.roster,
        grids: ctx.grids,
        workerUrl,
        locale: 'zh-CN',
        now: () => new Date('2026-12-06T18:00:00+08:00'),
      });
      const el = document.createElement('stride-coverage-map') as StrideCoverageMap;
      el.style.cssText = `width:${WIDTH}px;--stride-map-height:${MAP_HEIGHT}px`;
      el.setAttribute('org', 'bank');
      el.setAttribute('period', 'month');
      el.setAttribute('date', '2026-12-06');
      el.adapter = adapter;
      el.queryClient = createStrideQueryClient();
      host.append(el);
      await el.chart.nextDraw();
      await nextPaint();
      const ms = performance.now() - start;
      const longestTask = tasks.longest();
      const report = await adapter.report;
      if (report.gridsProblem) throw new Error(report.gridsProblem);
      adapter.dispose();
      cleanup();
      return { ms, parts: { longestTask } };
    },
  },
});

export default bigGrids;
