// <stride-leads> with 10,000 rows behind a number, beside bare @lit-labs/virtualizer lists of the same rows with no
// features. Goal (issue 25): first render and scroll at most 1.3x a bare list.
//
// Two bare lists. `sameContent` shows in each row what a row of the widget shows: the same seven columns and the same
// strings (customer with its masked mark, mobile, manager, stage, entered, overdue, last action), in a plain grid row
// with the widget's column widths. The strings are made once in setup, outside every timed interval, so the bare list
// pays only for showing them; it has no emphasis, focus or ARIA. The goal is read against it: a list that shows less
// text than the widget would measure the text (each run of Chinese text costs font fallback in layout), not the kit.
// `baseline` is the bare row the bench had first (five fields, two of them Chinese), kept so its ratio stays comparable
// with earlier figures in bench/README.md.
//
// The widget asks its adapter for pages of 200 (as it does a back end) and validates each page at the boundary; the
// adapter here answers from memory, so what is timed is the kit, not a network. The bare lists have all 10,000 rows
// from the start. First render's end point is seen by a MutationObserver and a forced layout, as in
// leaderboard.bench.ts. Scrolling is timed in frames, as a user sees it: a script moves the list a fixed distance every
// frame for a fixed number of frames (so a run always ends, wherever the rows have got to), and the figure is the 95th
// percentile of the intervals between frames.
//
// A further candidate on first render (contractFloor) is the five-field bare list plus what DESIGN requires before a
// lead can show: asking the adapter for the first page (the widget never holds the 10,000 rows) and validating that
// page at the boundary with the kit's own validateResult. It renders the five-field rows, so contractFloor / baseline
// is what the contract costs.
import { html, render } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { createStrideQueryClient, validateResult, type LeadRow, type LeadsQuery, type LeadsResult } from '@stride/core';
import '../../../packages/elements/src/leads/leads.js';
import type { StrideLeads } from '../../../packages/elements/src/leads/leads.component.js';
import { leadCells, type LeadCells } from '../../../packages/elements/src/leads/leads.view-model.js';
import { defineScenario, mountPoint, nextPaint, type Sample } from '../harness.js';

const SIZE = 10_000;
const ROW_HEIGHT = 48;
/** The widget's page size: what the contract floor asks for. */
const PAGE_SIZE = 200;
const SCOPE = { org: 'bank', period: 'month' as const, date: '2026-11-24' };
const STAGES = ['claimed', 'contacted', 'visited', 'intent', 'applied'] as const;
const SURNAMES = ['王', '李', '张', '欧阳', '刘', '陈', '司马', '赵'];

/** The page is `<html lang="zh-CN">` (run.mjs) and the widget's default zone is Asia/Shanghai: what it shows. */
const LOCALE = 'zh-CN';
const TIME_ZONE = 'Asia/Shanghai';
/** The widget's column widths (leads.styles.ts), so the bare grid row lays its text out in the same boxes. */
const COLUMNS =
  'minmax(96px,1.2fr) minmax(104px,1fr) minmax(72px,1fr) minmax(64px,0.8fr) minmax(96px,1fr) minmax(80px,0.9fr) minmax(120px,1.2fr)';

interface Ctx {
  rows: LeadRow[];
  /** What the widget shows in each row, as text, by row index: made in setup, never timed. */
  shown: LeadCells[];
}

function leadRows(): LeadRow[] {
  return Array.from({ length: SIZE }, (_, i) => {
    const surname = SURNAMES[i % SURNAMES.length]!;
    const overdue = i < SIZE / 2;
    return {
      leadId: `L${String(i).padStart(5, '0')}`,
      customer: `${surname}*${i % 3 === 0 ? '' : '明'}`,
      phone: `13${i % 10}****${String(i % 10_000).padStart(4, '0')}`,
      masked: true,
      managerId: `m${i % 400}`,
      managerName: `客户经理${i % 400}`,
      gridId: `g-${i % 60}`,
      stage: STAGES[i % STAGES.length]!,
      enteredAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      overdueHours: overdue ? SIZE - i : null,
      lastAction: 'contacted',
      lastActionAt: new Date(Date.UTC(2026, 10, 2) + i * 60_000).toISOString(),
    };
  });
}

/** An adapter answering pages of the rows from memory, the cursor being the offset. */
function pagedAdapter(rows: LeadRow[]) {
  return {
    leads: async (query: LeadsQuery): Promise<LeadsResult> => {
      const offset = query.cursor ? Number(query.cursor) : 0;
      const end = offset + query.limit;
      return {
        asOf: '2026-11-24T10:00:00+08:00',
        scope: query.scope,
        total: rows.length,
        nextCursor: end < rows.length ? String(end) : null,
        leads: rows.slice(offset, end),
      };
    },
  };
}

const rowTemplate = (row: LeadRow, index: number) => html`<div
  data-index=${index}
  style="height:${ROW_HEIGHT}px;display:flex;gap:8px;align-items:center"
>
  <span>${row.customer}</span><span>${row.phone}</span><span>${row.managerName}</span><span>${row.stage}</span
  ><span>${row.overdueHours}</span>
</div>`;

/** The bare row with the widget's content: seven cells of the same strings in a plain grid row. */
const sameContentRow = (shown: LeadCells[]) => (_row: LeadRow, index: number) => {
  const cells = shown[index]!;
  return html`<div
    data-index=${index}
    style="height:${ROW_HEIGHT}px;display:grid;grid-template-columns:${COLUMNS};column-gap:8px;align-items:center"
  >
    <span>${cells.customer}<span>*</span></span><span>${cells.phone}</span><span>${cells.manager}</span
    ><span>${cells.stage}</span><span>${cells.enteredAt}</span><span>${cells.overdueHours}</span
    ><span>${cells.lastActionAt}</span>
  </div>`;
};

/** Resolves once `[data-index="index"]` is under `root` (checked after every DOM change), then forces layout. */
function rowLaidOut(root: ParentNode & Node, index: number): Promise<void> {
  const selector = `[data-index="${index}"]`;
  return new Promise((resolve) => {
    const done = (): boolean => {
      const row = root.querySelector<HTMLElement>(selector);
      if (!row) return false;
      row.getBoundingClientRect();
      resolve();
      return true;
    };
    if (done()) return;
    const observer = new MutationObserver(() => {
      if (done()) observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-index'] });
  });
}

function bareList(host: HTMLElement, rows: LeadRow[], renderItem = rowTemplate): void {
  render(
    html`<div class="scroller" style="height:420px;overflow:auto">
      ${virtualize({ items: rows, keyFunction: (r: LeadRow) => r.leadId, renderItem, scroller: true })}
    </div>`,
    host,
  );
}

/** The contract floor: the first page from the adapter, validated, then the bare list of its rows. */
async function contractList(host: HTMLElement, rows: LeadRow[]): Promise<void> {
  const page = await pagedAdapter(rows).leads({ scope: SCOPE, filter: { overdue: 'any' }, limit: PAGE_SIZE });
  const { data } = validateResult('leads', page);
  bareList(host, data.leads);
}

function mountLeads(host: HTMLElement, rows: LeadRow[]): StrideLeads {
  const el = document.createElement('stride-leads') as StrideLeads;
  el.setAttribute('org', SCOPE.org);
  el.setAttribute('date', SCOPE.date);
  el.setAttribute('overdue', 'any');
  el.adapter = pagedAdapter(rows);
  el.queryClient = createStrideQueryClient({ staleTime: 0 });
  host.append(el);
  return el;
}

const setup = (): Ctx => {
  const rows = leadRows();
  return { rows, shown: rows.map((row) => leadCells(row, LOCALE, TIME_ZONE)) };
};

const firstRender = defineScenario<Ctx>({
  name: 'leads: first render, 10,000 rows behind a number',
  timed: 'from appending the list (rows in memory; the widget asks its first page of 200) to the top row in the DOM and laid out',
  runs: 41,
  setup,
  goals: { stride: { of: 'sameContent', at: 1.3 } },
  candidates: {
    contractFloor: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const start = performance.now();
      await contractList(host, ctx.rows);
      await rowLaidOut(host, 0);
      const ms = performance.now() - start;
      render(null, host);
      cleanup();
      return ms;
    },
    baseline: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const start = performance.now();
      bareList(host, ctx.rows);
      await rowLaidOut(host, 0);
      const ms = performance.now() - start;
      render(null, host);
      cleanup();
      return ms;
    },
    sameContent: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const start = performance.now();
      bareList(host, ctx.rows, sameContentRow(ctx.shown));
      await rowLaidOut(host, 0);
      const ms = performance.now() - start;
      render(null, host);
      cleanup();
      return ms;
    },
    stride: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const start = performance.now();
      const el = mountLeads(host, ctx.rows);
      await rowLaidOut(el.renderRoot, 0);
      const ms = performance.now() - start;
      cleanup();
      return ms;
    },
  },
});

/** Rows the script moves the list every frame: a fast flick, which crosses a page of 200 every 8 frames. */
const ROWS_PER_FRAME = 25;
const FRAMES = 360;

/** The 95th percentile of `values`. */
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/** The median of `values`. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface ScrollFrames {
  /** Ms between consecutive frames. */
  intervals: number[];
  /**
   * Ms from each frame's start to its animation-frame callback: the frame's scroll handling (the list's window, the
   * widget's render, a forced layout) runs before animation-frame callbacks, so this is the list's own work per frame
   * before the browser's style, layout and paint of it.
   */
  work: number[];
}

/**
 * Moves `scroller` ROWS_PER_FRAME rows down in every frame for FRAMES frames and returns the intervals between those
 * frames and the work before each frame's callback. For the widget, a move past the rows loaded so far stops at their
 * end until the next page has come.
 */
function scriptedScroll(scroller: () => HTMLElement): Promise<ScrollFrames> {
  const intervals: number[] = [];
  const work: number[] = [];
  return new Promise((resolve) => {
    let last: number | undefined;
    const frame = (time: number) => {
      if (last !== undefined) {
        intervals.push(time - last);
        work.push(performance.now() - time);
      }
      last = time;
      if (intervals.length >= FRAMES) {
        resolve({ intervals, work });
        return;
      }
      scroller().scrollTop += ROWS_PER_FRAME * ROW_HEIGHT;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** A run's figure: the p95 frame interval, with the work per frame (median and p95) beside it. */
function scrollSample(frames: ScrollFrames): Sample {
  return { ms: p95(frames.intervals), parts: { 'work median': median(frames.work), 'work p95': p95(frames.work) } };
}

async function settle(): Promise<void> {
  for (let frame = 0; frame < 3; frame += 1) await nextPaint();
}

/** A bare list's scroll sample: mounted, settled, scrolled by the script, removed. */
async function scrollBareList(rows: LeadRow[], renderItem?: Parameters<typeof bareList>[2]) {
  const { host, cleanup } = mountPoint();
  bareList(host, rows, renderItem);
  await rowLaidOut(host, 0);
  await settle();
  const frames = await scriptedScroll(() => host.querySelector<HTMLElement>('.scroller')!);
  render(null, host);
  cleanup();
  return scrollSample(frames);
}

const scroll = defineScenario<Ctx>({
  name: 'leads: scroll, 10,000 rows, 25 rows a frame',
  timed: `the 95th percentile of the intervals between ${FRAMES} frames while a script moves the list ${ROWS_PER_FRAME} rows down every frame (the widget asks its next page of 200 as the window nears the end of what it has)`,
  runs: 5,
  setup,
  goals: { stride: { of: 'sameContent', at: 1.3 } },
  candidates: {
    baseline: (ctx) => scrollBareList(ctx.rows),
    sameContent: (ctx) => scrollBareList(ctx.rows, sameContentRow(ctx.shown)),
    stride: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const el = mountLeads(host, ctx.rows);
      await rowLaidOut(el.renderRoot, 0);
      await settle();
      const frames = await scriptedScroll(() => el.renderRoot.querySelector<HTMLElement>('.list')!);
      cleanup();
      return scrollSample(frames);
    },
  },
});

export default [firstRender, scroll];
