// The one-person-one-row sheet (一人一表) with 1,000 managers and all 10 indicators: Stride's windowed sheet against
// the naive approach of rendering every row of a plain <table> with Lit, first render and re-sort.
import { html, render } from 'lit';
import { DEFAULT_CATALOGUE, createStrideQueryClient, formatValue, type IndicatorRow, type IndicatorsResult, type StrideAdapter } from '@stride/core';
import '../../../packages/elements/src/indicators/indicators.js';
import type { StrideIndicators } from '../../../packages/elements/src/indicators/indicators.js';
import { defineScenario, mountPoint, nextPaint } from '../harness.js';

const MANAGERS = 1_000;

interface Ctx {
  result: IndicatorsResult;
}

function sheetResult(): IndicatorsResult {
  const rows: IndicatorRow[] = Array.from({ length: MANAGERS }, (_, i) => ({
    id: `m${i}`,
    name: `客户经理${String(i).padStart(4, '0')}`,
    kind: 'manager',
    values: Object.fromEntries(
      DEFAULT_CATALOGUE.map((d, j) => [d.id, d.unit === 'fraction' ? ((i * 31 + j * 17) % 100) / 100 : (i * 37 + j * 11) % 211]),
    ),
    targets: Object.fromEntries(DEFAULT_CATALOGUE.map((d) => [d.id, d.unit === 'fraction' ? 0.9 : 150])),
  }));
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope: { org: 'bank', period: 'month', date: '2026-11-24' },
    period: { start: '2026-11-01', end: '2026-11-30' },
    indicators: DEFAULT_CATALOGUE.map((d) => ({ id: d.id, value: d.unit === 'fraction' ? 0.8 : 100_000, target: d.unit === 'fraction' ? 0.9 : 150_000 })),
    rows,
  };
}

/** Mounts the element and resolves once its rows are painted. */
async function mountStride(ctx: Ctx, host: HTMLElement): Promise<StrideIndicators> {
  const el = document.createElement('stride-indicators') as StrideIndicators;
  const adapter: StrideAdapter = { indicators: async () => ctx.result };
  el.setAttribute('org', 'bank');
  el.setAttribute('date', '2026-11-24');
  el.setAttribute('layout', 'table');
  el.setAttribute('rows', 'managers');
  el.adapter = adapter;
  el.queryClient = createStrideQueryClient();
  host.append(el);
  while (!el.shadowRoot?.querySelector('.body [role="row"]')) await new Promise((r) => setTimeout(r, 0));
  await nextPaint();
  return el;
}

/** The naive sheet: every row of a Lit <table>, sorted with Array.sort on each click. */
function renderNaive(ctx: Ctx, host: HTMLElement, sortBy: string | null): void {
  const rows = ctx.result.rows ?? [];
  const sorted = sortBy ? [...rows].sort((a, b) => (b.values[sortBy] ?? -1) - (a.values[sortBy] ?? -1)) : rows;
  render(
    html`<div style="max-height:480px;overflow:auto"><table>
      <thead><tr><th>名称</th>${DEFAULT_CATALOGUE.map((d) => html`<th><button>${d.label['zh-CN']}</button></th>`)}</tr></thead>
      <tbody>${sorted.map((row) => html`<tr><th>${row.name}</th>${DEFAULT_CATALOGUE.map((d) => html`<td>${formatValue(row.values[d.id], d.unit, 'zh-CN')}</td>`)}</tr>`)}</tbody>
    </table></div>`,
    host,
  );
}

const firstRender = defineScenario<Ctx>({
  name: 'indicators: 1,000-manager sheet, first render',
  timed: 'from appending the element (adapter answers at once) until its rows are painted',
  runs: 7,
  setup: () => ({ result: sheetResult() }),
  candidates: {
    baseline: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const start = performance.now();
      renderNaive(ctx, host, null);
      await nextPaint();
      const ms = performance.now() - start;
      cleanup();
      return ms;
    },
    stride: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const start = performance.now();
      await mountStride(ctx, host);
      const ms = performance.now() - start;
      cleanup();
      return ms;
    },
  },
});

const resort = defineScenario<Ctx>({
  name: 'indicators: 1,000-manager sheet, re-sort',
  timed: 'from clicking the "contacted" column header until the re-sorted rows are painted',
  runs: 9,
  setup: () => ({ result: sheetResult() }),
  candidates: {
    baseline: async (ctx) => {
      const { host, cleanup } = mountPoint();
      renderNaive(ctx, host, null);
      await nextPaint();
      const start = performance.now();
      renderNaive(ctx, host, 'contacted');
      await nextPaint();
      const ms = performance.now() - start;
      cleanup();
      return ms;
    },
    stride: async (ctx) => {
      const { host, cleanup } = mountPoint();
      const el = await mountStride(ctx, host);
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-sort="contacted"]')!;
      const start = performance.now();
      button.click();
      await el.updateComplete;
      await nextPaint();
      const ms = performance.now() - start;
      cleanup();
      return ms;
    },
  },
});

export default [firstRender, resort];
