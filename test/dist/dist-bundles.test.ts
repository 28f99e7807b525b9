/**
 * The files a bank ships, tested as it loads them: dist/stride.min.js as a classic script on a page declared GBK, and
 * dist/stride.esm.js with its chunks as a module script, each under `script-src 'self'; style-src 'self'` and again
 * with Trusted Types enforced (test/support/dist-pages.mjs serves the pages and the files exactly as they are on disk).
 * Every registry widget is mounted through the bundle's own `window.Stride` and must paint its data: text for the
 * lists and tiles, pixels on the canvas for the charts. The event-log worker beside each bundle must compute the pilot.
 * `npm test` builds first; with no dist/ these tests fail, they never skip.
 */
import { expect } from '@open-wc/testing';
import { createMetricsEngine, type IndicatorsResult, type StrideAdapter } from '@stride/core';
import type { StrideGlobal } from '../../packages/elements/src/bundle.js';
import { eventsToCsv } from '../../mocks/pilot/index.js';
import { TEST_DATE, TEST_ORG, WIDGETS, testPilot, widgetName, type WidgetUnderTest } from '../harness/widgets.js';

type DistWindow = Window &
  typeof globalThis & {
    Stride?: StrideGlobal;
    __strideDistLog?: { violations: string[]; errors: string[] };
  };

const NOW = new Date('2026-11-24T18:00:00+08:00');
const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openPage(query: string): Promise<DistWindow> {
  const frame = document.createElement('iframe');
  frame.src = `/__dist/page.html?${query}`;
  // Visible and full size: a hidden frame gets no animation frames and its charts no size.
  frame.style.cssText = 'position:fixed;left:0;top:0;width:1100px;height:800px;border:0;background:white';
  document.body.append(frame);
  frames.push(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as DistWindow;
  // A module script runs after load; a classic one has run by now.
  for (let i = 0; i < 100 && !win.Stride; i += 1) await pause(25);
  expect(win.__strideDistLog, 'the page set-up ran').to.be.an('object');
  expect(win.__strideDistLog!.errors, `errors while ${query} loaded`).to.deep.equal([]);
  if (!win.Stride) throw new Error(`window.Stride is missing on ${query}: the bundle did not run`);
  return win;
}

/** Copies a value into the page's realm, as data from the page's own back end would arrive. */
function intoPage<T>(win: DistWindow, value: T): T {
  return win.JSON.parse(JSON.stringify(value)) as T;
}

/** The bundle's own static adapter, answering from the metrics engine on the test pilot (computed out here). */
function pilotAdapterIn(win: DistWindow): StrideAdapter {
  const engine = createMetricsEngine({ ...testPilot(), now: () => NOW });
  const copy = <Q>(query: Q): Q => JSON.parse(JSON.stringify(query)) as Q;
  return win.Stride!.createStaticAdapter({
    indicators: (q) => intoPage(win, engine.indicators(copy(q))),
    leaderboard: (q) => intoPage(win, engine.leaderboard(copy(q))),
    funnel: (q) => intoPage(win, engine.funnel(copy(q))),
    coverage: (q) => intoPage(win, engine.coverage(copy(q))),
    grids: (q) => intoPage(win, engine.grids(copy(q))),
    orgTree: () => intoPage(win, engine.orgTree()),
    leads: (q) => intoPage(win, engine.leads(copy(q))),
  });
}

/** The element's shadow roots, nested ones included (no `instanceof`: the page is another realm). */
function shadowRootsOf(element: Element): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (root: ShadowRoot) => {
    found.push(root);
    for (const node of root.querySelectorAll('*')) if (node.shadowRoot) visit(node.shadowRoot);
  };
  if (element.shadowRoot) visit(element.shadowRoot);
  return found;
}

function shadowText(element: Element): string {
  return shadowRootsOf(element)
    .map((root) => root.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

function count(element: Element, selector: string): number {
  return shadowRootsOf(element).reduce((n, root) => n + root.querySelectorAll(selector).length, 0);
}

/** Distinct colours on a canvas, sampled on a grid (a blank or single-colour canvas has at most one). */
function canvasColours(canvas: HTMLCanvasElement): number {
  if (canvas.width === 0 || canvas.height === 0) return 0;
  const context = canvas.getContext('2d');
  if (!context) return 0;
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  const colours = new Set<number>();
  const step = 4 * 7;
  for (let i = 0; i < data.length; i += step)
    if (data[i + 3]! > 0) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  return colours.size;
}

function paintedCanvases(element: Element): number {
  return shadowRootsOf(element)
    .flatMap((root) => [...root.querySelectorAll('canvas')])
    .filter((canvas) => canvasColours(canvas) >= 3).length;
}

interface Painted {
  ok: boolean;
  why: string;
}

function paintState(widget: WidgetUnderTest, element: Element): Painted {
  if (count(element, '[part~="loading"]') > 0) return { ok: false, why: 'still loading' };
  const states = shadowRootsOf(element).flatMap((root) => [...root.querySelectorAll('[part~="state"]')]);
  if (states.length > 0)
    return { ok: false, why: `shows a state instead of data: ${states.map((s) => s.textContent?.trim()).join(' | ')}` };
  if (count(element, '[part~="dropped"]') > 0) return { ok: false, why: 'dropped items of valid data' };
  if (!/\d/.test(shadowText(element))) return { ok: false, why: 'no number on screen' };
  if (widget.chart && paintedCanvases(element) === 0) return { ok: false, why: 'no chart drawn on a canvas' };
  return { ok: true, why: '' };
}

async function mountAndPaint(
  win: DistWindow,
  widget: WidgetUnderTest,
  adapter: StrideAdapter,
  tag = widget.tag,
): Promise<HTMLElement> {
  const element = win.document.createElement(tag);
  for (const [name, value] of Object.entries({ org: TEST_ORG, date: TEST_DATE, ...widget.attributes }))
    element.setAttribute(name, value);
  Object.assign(element, { adapter, queryClient: win.Stride!.createStrideQueryClient() });
  element.style.display = 'block';
  element.style.width = '1000px';
  win.document.body.append(element);
  let state: Painted = { ok: false, why: 'not rendered' };
  for (let i = 0; i < 200 && !state.ok; i += 1) {
    await pause(50);
    state = paintState(widget, element);
  }
  expect(state.ok, `${widgetName(widget)} painted its data (${state.why})`).to.equal(true);
  return element;
}

const PAGES = [
  { name: 'stride.min.js (classic script) on a GBK page, strict CSP', query: 'bundle=iife', trustedTypes: false },
  {
    name: 'stride.min.js (classic script) on a GBK page, Trusted Types',
    query: 'bundle=iife&tt=1',
    trustedTypes: true,
  },
  { name: 'stride.esm.js (module) and its chunks, strict CSP', query: 'bundle=esm', trustedTypes: false },
  { name: 'stride.esm.js (module) and its chunks, Trusted Types', query: 'bundle=esm&tt=1', trustedTypes: true },
];

describe('the built files in dist/', () => {
  it('are served as built (run `npm run build` first)', async () => {
    for (const file of ['stride.min.js', 'stride.esm.js', 'stride-event-log.worker.js']) {
      const response = await fetch(`/__dist/files/${file}`);
      expect(response.status, `${file}: ${response.status === 404 ? await response.text() : ''}`).to.equal(200);
      // No charset: a classic script is then decoded in the page's encoding, as on a GBK intranet page.
      expect(response.headers.get('content-type')).to.equal('text/javascript');
    }
  });

  for (const page of PAGES) {
    it(`${page.name}: every widget paints its data, with no violation or error`, async () => {
      const win = await openPage(page.query);
      if (page.trustedTypes) expect(win.Stride!.allowEChartsUnderTrustedTypes()).to.equal('created');
      const adapter = pilotAdapterIn(win);
      for (const widget of WIDGETS) {
        const element = await mountAndPaint(win, widget, adapter);
        if (widget.tag === 'stride-indicators' && !widget.attributes.layout) {
          // The bundle's own Chinese labels survive the page's encoding (the classic bundle is pure ASCII).
          expect(shadowText(element)).to.include('名单下发').and.to.include('名单认领率');
          const engine = createMetricsEngine({ ...testPilot(), now: () => NOW });
          const assigned = engine
            .indicators({ scope: { org: TEST_ORG, period: 'month', date: TEST_DATE } })
            .indicators.find((i) => i.id === 'assigned');
          expect(shadowText(element)).to.include(new Intl.NumberFormat('zh-CN').format(assigned!.value!));
        }
        element.remove();
      }
      await pause(100);
      expect(win.__strideDistLog!.violations, 'securitypolicyviolation events').to.deep.equal([]);
      expect(win.__strideDistLog!.errors, 'uncaught errors').to.deep.equal([]);
    });
  }

  for (const bundle of ['iife', 'esm']) {
    it(`the event-log worker beside ${bundle === 'iife' ? 'stride.min.js' : 'stride.esm.js'} computes the pilot from CSV`, async () => {
      const win = await openPage(`bundle=${bundle}`);
      const data = testPilot();
      const adapter = win.Stride!.createEventLogAdapter({
        events: eventsToCsv(data.events),
        orgTree: intoPage(win, data.orgTree),
        grids: intoPage(win, data.grids),
        targets: intoPage(win, data.targets),
        calendar: intoPage(win, data.calendar),
        pilot: intoPage(win, data.pilot),
        now: () => NOW,
      });
      try {
        const report = await adapter.report;
        expect(report.rows).to.equal(data.events.length);
        expect(report.dropped).to.deep.equal([]);
        const query = { scope: { org: TEST_ORG, period: 'month' as const, date: TEST_DATE } };
        const fromWorker = (await adapter.indicators!(intoPage(win, query), {
          signal: new win.AbortController().signal,
        })) as IndicatorsResult;
        const expected = createMetricsEngine({ ...data, now: () => NOW }).indicators(query);
        expect(fromWorker.indicators.map((i) => [i.id, i.value])).to.deep.equal(
          expected.indicators.map((i) => [i.id, i.value]),
        );
        await mountAndPaint(win, WIDGETS[0]!, adapter);
        expect(win.__strideDistLog!.violations, 'securitypolicyviolation events').to.deep.equal([]);
      } finally {
        adapter.dispose();
      }
    });
  }

  it('stride.min.js adds only `Stride` to the page, besides the version registries Lit keeps there', async () => {
    const blank = document.createElement('iframe');
    document.body.append(blank);
    frames.push(blank);
    const before = new Set(Object.keys(blank.contentWindow!));
    const win = await openPage('bundle=iife');
    const added = Object.keys(win).filter((key) => !before.has(key) && !key.startsWith('__strideDist'));
    // Lit records its versions and property metadata on window by design, so copies of Lit can find each other.
    const lit = new Set(['litPropertyMetadata', 'reactiveElementVersions', 'litHtmlVersions', 'litElementVersions']);
    expect(added.filter((key) => !lit.has(key))).to.deep.equal(['Stride']);
  });

  it('with define: false, stride.min.js defines nothing until Stride.define({suffix}), then a suffixed dashboard works', async () => {
    const win = await openPage('bundle=iife&define=false');
    expect(win.customElements.get('stride-dashboard'), 'stride-dashboard before define()').to.equal(undefined);
    const tags = win.Stride!.define({ suffix: 'bank' });
    expect(tags).to.include.members(['stride-scope-bank', 'stride-dashboard-bank', 'stride-indicators-bank']);
    expect(win.customElements.get('stride-dashboard')).to.equal(undefined);
    const dashboard = WIDGETS.find((w) => w.tag === 'stride-dashboard')!;
    const element = await mountAndPaint(win, dashboard, pilotAdapterIn(win), 'stride-dashboard-bank');
    const inner = shadowRootsOf(element)
      .map((root) => root.host.localName)
      .filter((name) => name !== 'stride-dashboard-bank');
    expect(inner).to.include.members([
      'stride-indicators-bank',
      'stride-leaderboard-bank',
      'stride-funnel-bank',
      'stride-coverage-map-bank',
    ]);
    expect(
      inner.every((name) => name.endsWith('-bank')),
      inner.join(', '),
    ).to.equal(true);
  });
});
