/**
 * The one registry of widgets the proof harnesses run over (hostile input, strict pages, faults, memory,
 * accessibility). A widget added to the kit is covered by adding one entry here; the harnesses hold no per-widget
 * code. Data comes from the metrics engine on a small synthetic pilot, the same source as the demo and Storybook.
 */
import {
  createMetricsEngine,
  createStaticAdapter,
  createStrideQueryClient,
  type AdapterMethod,
  type StrideAdapter,
} from '@stride/core';
import type { QueryClient } from '@tanstack/query-core';
import { generatePilot, type PilotData } from '../../mocks/pilot/index.js';
import '../../packages/elements/src/indicators/indicators.js';
import '../../packages/elements/src/leaderboard/leaderboard.js';
import '../../packages/elements/src/funnel/funnel.js';
import '../../packages/elements/src/coverage-map/coverage-map.js';
import '../../packages/elements/src/dashboard/dashboard.js';
import '../../packages/elements/src/scope/scope.js';
import '../../packages/elements/src/alerts/alerts.js';
import '../../packages/elements/src/leads/leads.js';
import '../../packages/elements/src/my-day/my-day.js';
import '../../packages/elements/src/pilot-report/pilot-report.js';

export interface WidgetUnderTest {
  tag: string;
  /** The adapter methods the widget reads. */
  methods: readonly AdapterMethod[];
  /** Attributes for a realistic mount (org, period and date are added by `mountWidget`). */
  attributes: Readonly<Record<string, string>>;
  /** Draws with ECharts (so tooltips can be forced open and instances must be disposed). */
  chart: boolean;
  /** The `stride-select` kinds its drill-downs offer at this mount (the keyboard walk must reach and fire each). */
  selects?: readonly ('indicator' | 'org' | 'manager' | 'stage' | 'grid' | 'alert' | 'lead')[];
  /** Parts of its own controls that change the scope (`stride-scope-change`): the keyboard walk must fire each. */
  scopeControls?: readonly string[];
  /** Attributes under which it moves by itself with a short interval (huddle paging or rotation) and a pause control. */
  motion?: Readonly<Record<string, string>>;
  /**
   * False for a widget with no share action: the lead list (customer data never goes into a picture) and my day (a
   * manager's own view; the team's post is the dashboard's).
   */
  shares?: false;
  /** False for a widget without avatars where the leaderboard has them (the pilot report: names only on paper). */
  avatars?: false;
  /** Set when it reads one period whatever `period` says (the pilot report: always the pilot). */
  onePeriod?: 'pilot';
}

export const WIDGETS: readonly WidgetUnderTest[] = [
  { tag: 'stride-indicators', methods: ['indicators'], attributes: {}, chart: false, selects: ['indicator'] },
  {
    tag: 'stride-indicators',
    methods: ['indicators'],
    attributes: { layout: 'table', rows: 'managers' },
    chart: false,
    selects: ['manager'],
  },
  {
    tag: 'stride-leaderboard',
    methods: ['leaderboard'],
    attributes: { board: 'managers', metric: 'points' },
    chart: false,
    selects: ['manager'],
    motion: { mode: 'huddle', 'page-size': '3', 'page-seconds': '1' },
  },
  { tag: 'stride-funnel', methods: ['funnel'], attributes: { compare: 'previous' }, chart: true, selects: ['stage'] },
  { tag: 'stride-coverage-map', methods: ['grids', 'coverage'], attributes: {}, chart: true, selects: ['grid'] },
  {
    tag: 'stride-dashboard',
    methods: ['orgTree', 'indicators', 'alerts', 'leaderboard', 'funnel', 'grids', 'coverage'],
    attributes: {},
    chart: true,
    selects: ['indicator', 'manager', 'stage', 'grid'],
    scopeControls: ['breadcrumb', 'org', 'period', 'previous-day', 'next-day'],
    motion: { mode: 'huddle', rotate: '1' },
  },
  { tag: 'stride-alerts', methods: ['alerts'], attributes: {}, chart: false, selects: ['manager', 'alert'] },
  // an indicator tile's list: few enough rows that every one is in the window (the hostile harness reads them all)
  {
    tag: 'stride-leads',
    methods: ['leads'],
    attributes: { indicator: 'conversions' },
    chart: false,
    selects: ['lead'],
    shares: false,
  },
  // a manager's own day: m-002 is last on points (the rank above has a face), with a streak, badges and a grid
  {
    tag: 'stride-my-day',
    methods: ['indicators', 'leaderboard', 'coverage'],
    attributes: { me: 'm-002' },
    chart: false,
    selects: ['indicator', 'manager', 'grid'],
    shares: false,
  },
  // the printable review: no drill-downs (it is for paper) and no share action (the paper is the share)
  {
    tag: 'stride-pilot-report',
    methods: ['indicators', 'funnel', 'leaderboard', 'coverage', 'alerts'],
    attributes: {},
    chart: false,
    shares: false,
    avatars: false,
    onePeriod: 'pilot',
  },
];

/** A label for test titles: the tag and its distinguishing attributes. */
export function widgetName(widget: WidgetUnderTest): string {
  const extra = Object.entries(widget.attributes)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return extra ? `<${widget.tag} ${extra}>` : `<${widget.tag}>`;
}

let pilot: PilotData | undefined;
/** A small deterministic pilot (fixed day, so numbers do not move between runs). */
export function testPilot(): PilotData {
  pilot ??= generatePilot({ seed: 7, today: '2026-11-24', managers: 12, grids: 16, events: 4_000 });
  return pilot;
}

export const TEST_ORG = 'br-hz';
export const TEST_DATE = '2026-11-24';

let engine: ReturnType<typeof createMetricsEngine> | undefined;
/**
 * The engine on the test pilot, built once per test file: every result it gives is a new object, so adapters sharing
 * it share no state, and the harnesses' thousands of mounts do not each index the same log again.
 */
function testEngine(): ReturnType<typeof createMetricsEngine> {
  engine ??= createMetricsEngine({ ...testPilot(), now: () => new Date('2026-11-24T18:00:00+08:00') });
  return engine;
}

/**
 * An adapter answering every method from the engine on the test pilot, through `createStaticAdapter`. Each call is a
 * new adapter (its own identity, so its own queries in a query client).
 */
export function pilotAdapter(): StrideAdapter {
  const engine = testEngine();
  return createStaticAdapter({
    indicators: (q) => engine.indicators(q),
    leaderboard: (q) => engine.leaderboard(q),
    funnel: (q) => engine.funnel(q),
    coverage: (q) => engine.coverage(q),
    grids: (q) => engine.grids(q),
    orgTree: () => engine.orgTree(),
    alerts: (q) => engine.alerts(q),
    leads: (q) => engine.leads(q),
  });
}

export interface Mounted {
  element: HTMLElement;
  client: QueryClient;
  remove(): void;
}

/**
 * Mounts a widget on `adapter` into `parent` at a realistic size. Its own QueryClient unless `client` is given (the
 * memory harness passes one with a short gcTime, so the cache is not mistaken for a leak).
 */
export function mountWidget(
  widget: WidgetUnderTest,
  adapter: StrideAdapter,
  parent: HTMLElement = document.body,
  client: QueryClient = createStrideQueryClient(),
): Mounted {
  const element = document.createElement(widget.tag);
  for (const [name, value] of Object.entries({ org: TEST_ORG, date: TEST_DATE, ...widget.attributes }))
    element.setAttribute(name, value);
  Object.assign(element, { adapter, queryClient: client });
  element.style.cssText = 'display:block;width:960px;min-height:200px';
  parent.append(element);
  return {
    element,
    client,
    remove() {
      element.remove();
      client.clear();
    },
  };
}

/** Every shadow root under `root`, nested ones included (the dashboard holds widgets in its own shadow root). */
export function shadowRoots(root: Element | ShadowRoot): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (node: Element | ShadowRoot) => {
    const elements = node instanceof ShadowRoot ? node.querySelectorAll('*') : [node, ...node.querySelectorAll('*')];
    for (const el of elements) {
      if (el.shadowRoot) {
        found.push(el.shadowRoot);
        visit(el.shadowRoot);
      }
    }
  };
  visit(root);
  return found;
}

/** Resolves when no Stride query of `client` is fetching and the element has rendered (a bounded wait). */
export async function settled(element: HTMLElement, client: QueryClient, timeoutMs = 8_000): Promise<void> {
  const started = performance.now();
  await new Promise((r) => setTimeout(r, 0));
  while (client.isFetching() > 0 || client.getQueryCache().getAll().length === 0) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`${element.tagName.toLowerCase()} did not settle in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}
