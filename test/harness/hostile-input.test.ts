/**
 * Proof harness 1, hostile input: every widget in the registry renders the pilot with every display string replaced by
 * attack payloads (the Big List of Naughty Strings and ECharts' XSS payload) until each payload has been in each
 * field path at least once, with tooltips forced open, both views rendered and the CSV export produced; then with
 * each payload as the error detail of one widget; then with hostile avatar URLs. Nothing may run, nothing may be injected, the
 * strings must read as text and every exported cell must be formula-safe.
 */
import { expect } from '@open-wc/testing';
import { safeUrl } from '@stride/core';
import {
  WIDGETS,
  mountWidget,
  pilotAdapter,
  settled,
  shadowRoots,
  widgetName,
  type Mounted,
  type WidgetUnderTest,
} from './widgets.js';
import {
  allUpdated,
  csvExports,
  forceEveryTooltip,
  formulaCells,
  injectedElements,
  liveCharts,
  toggleViews,
  trapExecution,
  urlAttributes,
  visibleText,
  type ExecutionTrap,
} from './probes.js';
import {
  ECHARTS_XSS_PAYLOADS,
  HARMLESS_REMOTE_URLS,
  HARMLESS_URLS,
  HOSTILE_URLS,
  createRotation,
  hostileCatalogue,
  hostileErrorAdapter,
  hostileTextAdapter,
  hostileUrlAdapter,
  loadPayloads,
} from './hostile.js';
import { sampled } from './depth.js';

const totals = { renders: 0, fields: 0, tooltips: 0, csv: 0, panels: 0 };

/**
 * Views of registry widgets that only some attributes show: the sub-branch contest (PK lanes) and the wall-screen
 * huddle pages. Hostile text must reach these too; the other harnesses run over the registry's default views.
 */
const MORE_VIEWS: readonly WidgetUnderTest[] = [
  {
    tag: 'stride-leaderboard',
    methods: ['leaderboard'],
    attributes: { board: 'subbranches', metric: 'points', view: 'contest' },
    chart: false,
  },
  {
    tag: 'stride-leaderboard',
    methods: ['leaderboard'],
    attributes: { board: 'managers', metric: 'points', mode: 'huddle', 'page-size': '4', 'page-seconds': '1' },
    chart: false,
  },
];

/** Text as laid out: every run of white space one space, trimmed. */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function parts(element: HTMLElement, part: string): HTMLElement[] {
  return shadowRoots(element).flatMap((root) => [...root.querySelectorAll<HTMLElement>(`[part~="${part}"]`)]);
}

/** One more render of new adapter answers: refetch every query, let query-core notify (a task), let Lit update. */
async function render(mounted: Mounted): Promise<void> {
  await mounted.client.refetchQueries();
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (mounted.client.isFetching() > 0) await settled(mounted.element, mounted.client);
  await allUpdated(mounted.element, false);
  totals.renders += 1;
}

/** Images a widget put there itself: avatars that passed the URL rule. */
const avatarOnly = (src: string) => safeUrl(src) === src && !/^x$/i.test(src.trim());

describe('harness: hostile strings', function () {
  this.timeout(90_000);
  let everyPayload: string[] = [];
  /** The payloads placed: all of them in Chromium; in Firefox every fourth and every ECharts one (./depth.ts). */
  let list: string[] = [];
  let trap: ExecutionTrap;

  before(async () => {
    everyPayload = await loadPayloads();
    list = sampled(everyPayload, 4, (payload) => ECHARTS_XSS_PAYLOADS.includes(payload));
    trap = trapExecution();
  });

  after(() => {
    trap.restore();
    // The note the issue asks for; shows in the browser log of the run.
    console.log(
      `[hostile]  ${list.length} payloads, ${totals.fields} field paths, ${totals.renders} renders, ${WIDGETS.length + MORE_VIEWS.length} widget views, ${totals.tooltips} tooltips, ${totals.panels} breakdown panels, ${totals.csv} CSV exports`,
    );
  });

  it('loads the full list (485 naughty strings) and the ECharts payloads', () => {
    expect(everyPayload.length).to.be.greaterThan(480);
    for (const payload of ECHARTS_XSS_PAYLOADS) expect(list).to.include(payload);
  });

  for (const widget of [...WIDGETS, ...MORE_VIEWS]) {
    it(`${widgetName(widget)}: every payload in every text field renders as text, runs nothing, exports safely`, async () => {
      const rotation = createRotation(list.length);
      const mounted = mountWidget(widget, hostileTextAdapter(pilotAdapter(), list, rotation));
      // A widget that takes a catalogue shows its labels: those get payloads too, a new set each render.
      const relabel = () => {
        if ('catalogue' in mounted.element)
          Object.assign(mounted.element, { catalogue: hostileCatalogue(list, rotation) });
      };
      relabel();
      const seenAsText = new Set<number>();
      const assigned = new Set<number>();
      const problems: string[] = [];
      // Paged views (huddle) show a page at a time, so a payload may be placed on a row that is not on screen.
      const everyRowShown = !('page-size' in widget.attributes);
      try {
        await settled(mounted.element, mounted.client);
        let renders = 0;
        // The first render came with mounting; refetch until each field path has carried every payload.
        for (; renders === 0 || !rotation.complete(); renders += 1) {
          if (renders > 0) {
            rotation.startRender();
            relabel();
            await render(mounted);
          }
          const placed = [...rotation.placedThisRender];
          for (const i of placed) assigned.add(i);
          const look = () => {
            const text = collapse(visibleText(mounted.element));
            for (const i of placed) if (text.includes(collapse(list[i]!))) seenAsText.add(i);
          };
          // Each render is seen in both views (chart/table, map/table), so both meet every payload.
          const views = toggleViews(mounted.element) > 0 ? 2 : 1;
          for (let view = 0; view < views; view += 1) {
            if (view > 0) toggleViews(mounted.element);
            await allUpdated(mounted.element, false);
            for (const chart of await liveCharts(mounted.element)) totals.tooltips += forceEveryTooltip(chart);
            look();
          }
          // Panels a row opens (the points breakdown), each in turn: their labels include keys the kit does not know.
          for (const opener of parts(mounted.element, 'why')) {
            opener.click();
            await allUpdated(mounted.element, false);
            totals.panels += 1;
            look();
          }
          for (const csv of csvExports(mounted.element)) {
            totals.csv += 1;
            const unsafe = formulaCells(csv);
            if (unsafe.length > 0)
              problems.push(`render ${renders}: formula cells ${JSON.stringify(unsafe.slice(0, 3))}`);
          }
          const injected = injectedElements(mounted.element, avatarOnly);
          if (injected.length > 0)
            problems.push(`render ${renders}: injected ${injected.map((e) => e.outerHTML.slice(0, 80)).join(' | ')}`);
          if (problems.length > 5) break;
          if (renders > 700) throw new Error('payload rotation never completed');
        }
        // Injected images fire onerror asynchronously: give them a task before counting executions.
        await new Promise((resolve) => setTimeout(resolve, 50));
        totals.fields += rotation.fields();
        expect(problems).to.deep.equal([]);
        expect(trap.calls()).to.deep.equal([]);
        // A widget that never asked the hostile adapter for anything proved nothing: that is a failure, not a pass.
        expect(rotation.calls(), 'calls to the hostile adapter').to.be.greaterThan(0);
        expect(rotation.fields(), 'text fields the widget received').to.be.greaterThan(0);
        expect(rotation.complete()).to.equal(true);
        if (everyRowShown) {
          // Every payload, not only markup-like ones, is on screen as the characters themselves (runs of white space
          // read as one space, as the browser lays them out).
          const hidden = [...assigned]
            .filter((i) => collapse(list[i]!) !== '' && !seenAsText.has(i))
            .map((i) => list[i]);
          expect(hidden, 'payloads not shown as text').to.deep.equal([]);
        }
      } finally {
        mounted.remove();
      }
    });
  }

  // Every widget shows an error through the one shared state view (shared/states.ts), so the payloads are dealt out:
  // each widget shows every W-th of them and every ECharts one, and together the widgets show them all once.
  WIDGETS.forEach((widget, w) => {
    it(`${widgetName(widget)}: its share of the payloads as the error detail shows as text and runs nothing`, async () => {
      const mine = list.filter((payload, i) => i % WIDGETS.length === w || ECHARTS_XSS_PAYLOADS.includes(payload));
      let n = 0;
      let current = '';
      const mounted = mountWidget(
        widget,
        hostileErrorAdapter(pilotAdapter(), () => (current = mine[n % mine.length]!)),
      );
      const problems: string[] = [];
      try {
        await settled(mounted.element, mounted.client);
        for (; n < mine.length; n += 1) {
          if (n > 0) await render(mounted);
          const text = visibleText(mounted.element);
          if (current.trim() !== '' && !text.includes(current))
            problems.push(`not shown as text: ${JSON.stringify(current)}`);
          const injected = injectedElements(mounted.element);
          if (injected.length > 0)
            problems.push(`injected ${injected.map((e) => e.outerHTML.slice(0, 80)).join(' | ')}`);
          if (problems.length > 5) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(problems).to.deep.equal([]);
        expect(trap.calls()).to.deep.equal([]);
      } finally {
        mounted.remove();
      }
    });
  });
});

describe('harness: hostile URLs', () => {
  it('safeUrl keeps http(s) and relative addresses and drops every other scheme and its disguises', () => {
    for (const url of [...HARMLESS_URLS, ...HARMLESS_REMOTE_URLS]) expect(safeUrl(url), url).to.equal(url);
    for (const url of HOSTILE_URLS.filter((u) => !u.includes('&')))
      expect(safeUrl(url), JSON.stringify(url)).to.equal(undefined);
  });

  for (const widget of WIDGETS) {
    it(`${widgetName(widget)}: puts no javascript:, data:, vbscript: or other scheme into the page`, async () => {
      const trap = trapExecution();
      const mounted = mountWidget(widget, hostileUrlAdapter(pilotAdapter()));
      try {
        await settled(mounted.element, mounted.client);
        await allUpdated(mounted.element);
        // Harmless avatars load; give them a moment so a wrongly refused one would be gone.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const urls = urlAttributes(mounted.element);
        const bad = urls.filter(
          (url) =>
            safeUrl(url) === undefined ||
            // eslint-disable-next-line no-control-regex -- browsers strip control characters before a URL scheme
            /^\s*(javascript|data|vbscript|file|blob)\s*:/i.test(url.replace(/[\u0000-\u0020]/g, '')),
        );
        expect(bad).to.deep.equal([]);
        // Where a widget shows avatars, the harmless addresses must still get through.
        const images = urls.filter((url) => HARMLESS_URLS.includes(url));
        if (widget.methods.includes('leaderboard') && widget.avatars !== false)
          expect(images.length, 'avatars shown').to.be.greaterThan(0);
        expect(trap.calls()).to.deep.equal([]);
      } finally {
        mounted.remove();
        trap.restore();
      }
    });
  }
});
