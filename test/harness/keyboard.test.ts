/**
 * Keyboard and motion harness, over every registry widget. Managers drive the portal from a keyboard and wall screens
 * run for weeks, so, with real key presses through Playwright (Tab, Shift+Tab, arrows, Enter, Space only):
 * - a walk from just before the widget to just after it reaches every tab stop, activates each one (Enter or Space on
 *   buttons, an arrow on a select or a roving container, then Enter) and must fire every `stride-select` kind the
 *   registry says the widget offers, plus a `stride-scope-change` from each of its scope controls;
 * - every chart met on the walk has a table view reached and opened by keyboard, holding the chart's own numbers
 *   (read back from the ECharts instance);
 * - every focused element shows an outline or box-shadow with at least 3:1 contrast against what is behind it
 *   (WCAG 2.4.7 / 1.4.11), light/en and dark/zh-CN;
 * - whatever moves by itself (registry `motion`) has a pause control reached by keyboard that stops it, and nothing
 *   moves under prefers-reduced-motion.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { getInstanceByDom } from 'echarts/core';
import { createStrideQueryClient } from '@stride/core';
import type { QueryClient } from '@tanstack/query-core';
import { WIDGETS, mountWidget, pilotAdapter, shadowRoots, widgetName, type WidgetUnderTest } from './widgets.js';

type Key = 'Tab' | 'Shift+Tab' | 'Enter' | 'Space' | 'ArrowDown' | 'ArrowUp' | 'ArrowRight' | 'ArrowLeft';
let presses = 0;
async function press(key: Key): Promise<void> {
  presses += 1;
  await sendKeys({ press: key });
}

const nextTask = () => new Promise((r) => setTimeout(r, 0));
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

function inside(el: Element | null, host: Element): boolean {
  for (let node = el; node; node = composedParent(node)) if (node === host) return true;
  return false;
}

function chartContainers(element: HTMLElement): HTMLElement[] {
  return shadowRoots(element).flatMap((r) => [...r.querySelectorAll<HTMLElement>('[part~="chart"], [part~="map"]')]);
}

/** No fetch in flight, no skeleton, every update done and every chart drawn (its ECharts module loads lazily). */
async function quiet(element: HTMLElement, client: QueryClient, timeoutMs = 20_000): Promise<void> {
  const started = performance.now();
  for (;;) {
    await nextTask();
    const updatable = [element, ...shadowRoots(element).flatMap((r) => [...r.querySelectorAll('*')])] as (Element & {
      updateComplete?: Promise<unknown>;
    })[];
    await Promise.all(updatable.map((el) => el.updateComplete));
    const loading = shadowRoots(element).some((r) => r.querySelector('[part~="loading"]'));
    const undrawn = chartContainers(element).some((el) => !getInstanceByDom(el));
    if (client.isFetching() === 0 && client.getQueryCache().getAll().length > 0 && !loading && !undrawn) break;
    if (performance.now() - started > timeoutMs) throw new Error(`${element.tagName.toLowerCase()} did not settle`);
    await sleep(15);
  }
  await frame();
  await frame();
}

/* ------------------------------------------------------------------ colours */

const canvas = document.createElement('canvas');
canvas.width = 1;
canvas.height = 1;
const paint = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
type Rgba = [number, number, number, number];

/** Any CSS colour the browser computes (rgb, color(srgb), oklch) as 0-255 RGB and 0-1 alpha, through a canvas. */
function rgba(css: string): Rgba {
  paint.clearRect(0, 0, 1, 1);
  paint.fillStyle = '#000';
  paint.fillStyle = css;
  paint.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = paint.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour behind `from`: its and its ancestors' backgrounds composited over the page canvas (white). */
function backdrop(from: Element | null): Rgba {
  const layers: Rgba[] = [];
  for (let node = from; node; node = composedParent(node)) {
    const layer = rgba(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] >= 1) break;
  }
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

function describe_(el: Element): string {
  const root = el.getRootNode();
  const host = root instanceof ShadowRoot ? root.host.tagName.toLowerCase() : 'document';
  const label = el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 30) ?? '';
  return `${host} ${el.tagName.toLowerCase()}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}.${el.getAttribute('class') ?? ''} "${label}"`;
}

/** The focus indicator of the focused `el`, or why it is not visible enough. */
function focusProblem(el: Element): string | undefined {
  const style = getComputedStyle(el);
  let colour: string | undefined;
  let inset = false;
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
    colour = style.outlineColor;
    inset = parseFloat(style.outlineOffset) < 0;
  } else if (style.boxShadow !== 'none') {
    colour = /(rgba?|color|oklch|oklab|lab|lch|hsla?)\([^)]*\)/.exec(style.boxShadow)?.[0];
    inset = style.boxShadow.includes('inset');
  }
  // An SVG mark (a sparkline point) shows focus with its stroke, the SVG equivalent of an outline.
  if (!colour && el instanceof SVGElement && style.stroke !== 'none' && parseFloat(style.strokeWidth) > 0)
    colour = style.stroke;
  if (!colour) return `${describe_(el)}: no outline or box-shadow while focused`;
  // An outset ring is drawn over what surrounds the element; an inset one over the element itself.
  const behind = backdrop(inset ? el : composedParent(el));
  const ring = over(rgba(colour), behind);
  const ratio = contrast(ring, behind);
  return ratio >= 3
    ? undefined
    : `${describe_(el)}: focus ring ${colour} has ${ratio.toFixed(2)}:1 against its background`;
}

/* ------------------------------------------------------------------ charts and their tables */

interface ChartPoint {
  series: string;
  name: string;
  value: number;
}

function chartPoints(root: ShadowRoot): ChartPoint[] | undefined {
  const container = root.querySelector<HTMLElement>('[part~="chart"], [part~="map"]');
  const chart = container ? getInstanceByDom(container) : undefined;
  if (!chart) return undefined;
  const series =
    (chart.getOption() as { series?: { name?: string; data?: { name?: string; value?: unknown }[] }[] }).series ?? [];
  return series.flatMap((s) =>
    (s.data ?? []).flatMap((d) =>
      typeof d.value === 'number' && Number.isFinite(d.value)
        ? [{ series: s.name ?? '', name: d.name ?? '', value: d.value }]
        : [],
    ),
  );
}

/** Whether a table cell shows `value`: a count exactly, a fraction as a percentage to the cell's own precision. */
function cellShows(text: string, value: number): boolean {
  const t = text.trim().replace(/,/g, '');
  if (/^[-+]?\d+$/.test(t)) return Number(t) === value;
  const percent = /^([-+]?\d+(?:\.(\d+))?)%$/.exec(t);
  if (percent) {
    const decimals = percent[2]?.length ?? 0;
    return Math.abs(Number(percent[1]) / 100 - value) <= 0.5 * 10 ** -(decimals + 2) + 1e-9;
  }
  return false;
}

function tableProblems(root: ShadowRoot, points: ChartPoint[]): string[] {
  const host = root.host.tagName.toLowerCase();
  const table = root.querySelector('table');
  if (!table) return [`${host}: its table view showed no table`];
  const rows = [...table.querySelectorAll('tbody tr')] as HTMLTableRowElement[];
  const problems: string[] = [];
  for (const point of points) {
    const row = rows.find(
      (r) => Object.values(r.dataset).includes(point.name) || r.cells[0]?.textContent?.trim() === point.name,
    );
    if (!row) problems.push(`${host}: no table row for chart item "${point.name}"`);
    else if (![...row.cells].some((cell) => cellShows(cell.textContent ?? '', point.value))) {
      problems.push(`${host}: table row "${point.name}" does not show ${point.series} ${point.value}`);
    }
  }
  return problems;
}

/* ------------------------------------------------------------------ the walk */

interface Walk {
  stops: Set<string>;
  focusChecked: number;
  problems: string[];
  selects: Map<string, number>;
  scopeChanges: Map<string, number>;
  activations: number;
  chartsSeen: Set<string>;
  chartsTabled: Set<string>;
  numbersChecked: number;
}

/** Identifies a stop across re-renders (numbers stripped: a narrowed scope changes them, not the control). */
function signature(el: Element): string {
  const root = el.getRootNode();
  const host = root instanceof ShadowRoot ? root.host.tagName : '';
  const text = (el.getAttribute('aria-label') ?? el.textContent ?? '')
    .replace(/[\d.,%]+/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60);
  const attrs = [
    'part',
    'class',
    'data-indicator',
    'data-stage',
    'data-grid',
    'data-id',
    'aria-current',
    'disabled',
  ].map((a) => el.getAttribute(a) ?? '');
  return [host, el.tagName, text, ...attrs].join('|');
}

interface Page {
  page: HTMLElement;
  before: HTMLButtonElement;
  after: HTMLButtonElement;
  element: HTMLElement;
  client: QueryClient;
  done(): void;
}

function mountPage(
  widget: WidgetUnderTest,
  theme: 'light' | 'dark',
  lang: 'en' | 'zh-CN',
  extra: Record<string, string> = {},
): Page {
  const savedKeys = new Set(Object.keys(localStorage));
  const page = document.createElement('div');
  page.style.cssText = `background:${theme === 'dark' ? '#0b1220' : '#ffffff'};padding:8px`;
  const before = document.createElement('button');
  before.textContent = 'before';
  const after = document.createElement('button');
  after.textContent = 'after';
  page.append(before);
  document.body.append(page);
  const client = createStrideQueryClient({ gcTime: 0 });
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  const mounted = mountWidget(
    { ...widget, attributes: { ...widget.attributes, theme, lang, ...extra } },
    pilotAdapter(),
    page,
    client,
  );
  page.append(after);
  return {
    page,
    before,
    after,
    element: mounted.element,
    client,
    done() {
      mounted.remove();
      page.remove();
      // The dashboard saves its filters: leave none behind for the next mount.
      for (const key of Object.keys(localStorage)) if (!savedKeys.has(key)) localStorage.removeItem(key);
    },
  };
}

function missing(widget: WidgetUnderTest, walk: Walk): string[] {
  return [
    ...(widget.selects ?? [])
      .filter((kind) => !walk.selects.has(kind))
      .map((kind) => `no stride-select of kind ${kind}`),
    ...(widget.scopeControls ?? [])
      .filter((part) => !walk.scopeChanges.has(part))
      .map((part) => `no stride-scope-change from [part=${part}]`),
    ...[...walk.chartsSeen]
      .filter((host) => !walk.chartsTabled.has(host))
      .map((host) => `the chart of ${host} has no table view reached by keyboard`),
  ];
}

async function activate(p: Page, el: Element, widget: WidgetUnderTest, walk: Walk, fired: Event[]): Promise<void> {
  const isButton = el instanceof HTMLButtonElement || el.getAttribute('role') === 'button';
  // A download leaves the page; the date field needs typed digits; the search box needs typing.
  if (el.matches('[part~="export"], input, textarea, :disabled')) return;
  const root = el.getRootNode() as ShadowRoot;
  const toggle = isButton && el.hasAttribute('aria-pressed') ? chartPoints(root) : undefined;
  fired.length = 0;
  walk.activations += 1;
  if (el instanceof HTMLSelectElement) {
    await press('ArrowDown');
  } else if (isButton) {
    await press(walk.activations % 2 === 0 ? 'Space' : 'Enter');
  } else {
    // A roving container (map, sparkline, list): an arrow moves within it, Enter activates what is current.
    await press('ArrowDown');
    await quiet(p.element, p.client);
    await press('Enter');
  }
  await quiet(p.element, p.client);
  for (const event of fired) {
    if (event.type === 'stride-select') {
      const kind = (event as CustomEvent<{ kind: string }>).detail.kind;
      walk.selects.set(kind, (walk.selects.get(kind) ?? 0) + 1);
    } else {
      for (const part of widget.scopeControls ?? []) {
        if (el.closest(`[part~="${part}"]`)) walk.scopeChanges.set(part, (walk.scopeChanges.get(part) ?? 0) + 1);
      }
    }
  }
  if (toggle && root.querySelector('table')) {
    walk.problems.push(...tableProblems(root, toggle));
    walk.numbersChecked += toggle.length;
    walk.chartsTabled.add(root.host.tagName.toLowerCase());
  }
}

/**
 * Tabs from the sentinel before the widget to the one after it. With `activating`, every new stop is activated once
 * (a re-render that takes focus away is followed by Tab from where it was), and up to three passes are made while
 * something expected is still missing (a breadcrumb only has a parent to go back to after a drill-down).
 */
async function walkWidget(p: Page, widget: WidgetUnderTest, activating: boolean): Promise<Walk> {
  const walk: Walk = {
    stops: new Set(),
    focusChecked: 0,
    problems: [],
    selects: new Map(),
    scopeChanges: new Map(),
    activations: 0,
    chartsSeen: new Set(),
    chartsTabled: new Set(),
    numbersChecked: 0,
  };
  const fired: Event[] = [];
  const record = (e: Event) => fired.push(e);
  p.element.addEventListener('stride-select', record);
  p.element.addEventListener('stride-scope-change', record);
  const activated = new Set<string>();
  const focusFailed = new Set<string>();
  try {
    await quiet(p.element, p.client);
    let stopsBefore = 0;
    for (let pass = 0; pass < (activating ? 3 : 1); pass += 1) {
      p.before.focus();
      for (let step = 0; ; step += 1) {
        if (step > 400)
          throw new Error(`${widgetName(widget)}: Tab never reached the end of the widget (${walk.stops.size} stops)`);
        await press('Tab');
        const el = deepActive();
        if (el === p.after) break;
        if (!el || !inside(el, p.element)) continue;
        for (const container of chartContainers(p.element)) {
          if (getInstanceByDom(container))
            walk.chartsSeen.add((container.getRootNode() as ShadowRoot).host.tagName.toLowerCase());
        }
        const sig = signature(el);
        walk.stops.add(sig);
        walk.focusChecked += 1;
        const problem = focusProblem(el);
        if (problem && !focusFailed.has(sig)) {
          focusFailed.add(sig);
          walk.problems.push(problem);
        }
        if (activating && !activated.has(sig)) {
          activated.add(sig);
          await activate(p, el, widget, walk, fired);
        }
      }
      // Another pass while something expected is missing or the last pass found stops the one before had not
      // (an opened breakdown hands focus to its close button, past the rest of the list).
      const found = walk.stops.size;
      if (!activating || (missing(widget, walk).length === 0 && found === stopsBefore)) break;
      stopsBefore = found;
    }
    // Shift+Tab from the end comes back into the widget.
    p.after.focus();
    await press('Shift+Tab');
    const back = deepActive();
    if (!inside(back, p.element))
      walk.problems.push(`Shift+Tab from after the widget lands on ${back ? describe_(back) : 'nothing'}`);
  } finally {
    p.element.removeEventListener('stride-select', record);
    p.element.removeEventListener('stride-scope-change', record);
  }
  return walk;
}

function summary(walk: Walk): string {
  const count = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  return `${presses} key presses so far, ${walk.stops.size} stops, ${walk.focusChecked} focus rings checked, ${walk.activations} activations, selects: ${count(walk.selects)}, scope changes: ${count(walk.scopeChanges)}, tables: ${[...walk.chartsTabled].join(', ') || 'none'} (${walk.numbersChecked} numbers)`;
}

describe('keyboard harness: walk, drill-downs, chart tables, visible focus', function () {
  this.timeout(90_000);
  for (const widget of WIDGETS) {
    it(`${widgetName(widget)}: every drill-down by keyboard, tables hold the chart's numbers, focus visible (light, en)`, async () => {
      const p = mountPage(widget, 'light', 'en');
      try {
        const walk = await walkWidget(p, widget, true);
        console.log(`keyboard ${widgetName(widget)} light/en: ${summary(walk)}`);
        expect([...walk.problems, ...missing(widget, walk)], summary(walk)).to.deep.equal([]);
        expect(walk.stops.size).to.be.greaterThan(0);
      } finally {
        p.done();
      }
    });
    it(`${widgetName(widget)}: focus visible on every stop (dark, zh-CN)`, async () => {
      const p = mountPage(widget, 'dark', 'zh-CN');
      try {
        const walk = await walkWidget(p, widget, false);
        console.log(
          `keyboard ${widgetName(widget)} dark/zh-CN: ${walk.stops.size} stops, ${walk.focusChecked} focus rings checked`,
        );
        expect(walk.problems).to.deep.equal([]);
        expect(walk.stops.size).to.be.greaterThan(0);
      } finally {
        p.done();
      }
    });
  }
});

/* ------------------------------------------------------------------ motion */

/** The text a viewer sees: every rendered element's own text, in order. */
function onScreen(element: HTMLElement): string {
  const texts: string[] = [];
  for (const root of shadowRoots(element)) {
    for (const el of root.querySelectorAll('*')) {
      if (!el.checkVisibility()) continue;
      for (const node of el.childNodes)
        if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) texts.push(node.textContent.trim());
    }
  }
  return texts.join('|');
}

async function changesWithin(element: HTMLElement, ms: number): Promise<boolean> {
  const start = onScreen(element);
  const started = performance.now();
  while (performance.now() - started < ms) {
    await sleep(100);
    if (onScreen(element) !== start) return true;
  }
  return false;
}

describe('motion harness: what moves by itself can be paused and respects prefers-reduced-motion', function () {
  this.timeout(60_000);
  for (const widget of WIDGETS.filter((w) => w.motion)) {
    it(`${widgetName(widget)} ${Object.entries(widget.motion ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`, async () => {
      const p = mountPage(widget, 'light', 'en', widget.motion);
      try {
        await quiet(p.element, p.client);
        expect(await changesWithin(p.element, 4_000), 'it moves by itself (else this test proves nothing)').to.equal(
          true,
        );
        p.before.focus();
        let pause: Element | null = null;
        for (let step = 0; step < 300 && !pause; step += 1) {
          await press('Tab');
          const el = deepActive();
          if (el === p.after) break;
          if (el?.matches('[part~="pause"]')) pause = el;
        }
        expect(pause, 'a pause control reached by Tab').to.not.equal(null);
        await press('Enter');
        await quiet(p.element, p.client);
        expect(pause?.getAttribute('aria-pressed'), `${pause ? describe_(pause) : ''} says it is pressed`).to.equal(
          'true',
        );
        expect(await changesWithin(p.element, 2_500), 'nothing moves once paused').to.equal(false);
      } finally {
        p.done();
      }
      await emulateMedia({ reducedMotion: 'reduce' });
      const reduced = mountPage(widget, 'light', 'en', widget.motion);
      try {
        await quiet(reduced.element, reduced.client);
        expect(
          await changesWithin(reduced.element, 2_500),
          'nothing moves by itself under prefers-reduced-motion',
        ).to.equal(false);
      } finally {
        reduced.done();
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });
  }
});
