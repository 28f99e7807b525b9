/**
 * Accessibility harness: axe-core over every registry widget in every state it can show (loading, empty, not
 * configured, error, stale, data), light and dark, zh-CN and en. Managers use keyboards and screen readers and wall
 * screens run in dark rooms, so no serious or critical violation is allowed anywhere. axe walks open shadow roots
 * when run on the document, and the run is narrowed to the widget under test.
 */
import { expect } from '@open-wc/testing';
import { StrideError, createStrideQueryClient, type AdapterMethod, type StrideAdapter } from '@stride/core';
import type { QueryClient } from '@tanstack/query-core';
import { WIDGETS, mountWidget, pilotAdapter, shadowRoots, widgetName, type WidgetUnderTest } from './widgets.js';
import { sampled } from './depth.js';

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}
interface Axe {
  run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }>;
}

let axe: Axe | undefined;
async function loadAxe(): Promise<Axe> {
  if (!axe) {
    // axe-core ships a UMD script that registers window.axe.
    await import('axe-core/axe.min.js' as string);
    axe = (window as unknown as { axe: Axe }).axe;
  }
  return axe;
}

type State = 'loading' | 'empty' | 'not configured' | 'error' | 'stale' | 'data';
const STATES: readonly State[] = ['loading', 'empty', 'not configured', 'error', 'stale', 'data'];
/**
 * Every theme and language in Chromium. Firefox checks light zh-CN and dark en: colours and contrast come from the
 * kit's tokens, the same in both browsers, so the pairs Firefox leaves out would repeat what Chromium proves.
 */
const LOOKS = sampled(
  (['light', 'dark'] as const).flatMap((theme) => (['zh-CN', 'en'] as const).map((lang) => ({ theme, lang }))),
  3,
);

const EVERY_RULE = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] };
/**
 * The rules whose answer depends on the colours. A theme changes only colours (custom properties), so light zh-CN
 * and dark en get every rule (each language and each theme once, as Firefox's sample) and the other two looks only
 * these: the names, roles and structure they would check again are those of the same language already checked.
 */
const COLOUR_RULES = { type: 'rule', values: ['color-contrast', 'link-in-text-block'] };
const everyRule = (theme: string, lang: string) =>
  (theme === 'light' && lang === 'zh-CN') || (theme === 'dark' && lang === 'en');

type Method = (query: unknown, options: { signal: AbortSignal }) => Promise<unknown>;

/** A result with every list emptied: the engine's shape with nothing in it (the empty state). */
function emptied(result: unknown): unknown {
  if (Array.isArray(result)) return [];
  if (result && typeof result === 'object') {
    return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Array.isArray(v) ? [] : v]));
  }
  return result;
}

/** The pilot adapter bent into the state under test. `fail()` turns later calls into errors (for stale). */
function adapterFor(state: State): { adapter: StrideAdapter | undefined; fail(): void } {
  if (state === 'not configured') return { adapter: undefined, fail() {} };
  const pilot = pilotAdapter() as unknown as Record<AdapterMethod, Method>;
  let failing = state === 'error';
  const adapter: Record<string, Method> = {};
  for (const [method, fn] of Object.entries(pilot) as [AdapterMethod, Method][]) {
    adapter[method] = async (query, options) => {
      if (state === 'loading') {
        // Never answers: the skeleton stays.
        return new Promise((_, reject) =>
          options.signal.addEventListener('abort', () => reject(options.signal.reason)),
        );
      }
      // Not retryable (a 4xx), so the error shows without waiting out the retry delays.
      if (failing)
        throw new StrideError('http', method, `${method}: the portal back end answered 400`, { status: 400 });
      const result = await fn(query, options);
      return state === 'empty' && method !== 'orgTree' ? emptied(result) : result;
    };
  }
  return {
    adapter: adapter as unknown as StrideAdapter,
    fail() {
      failing = true;
    },
  };
}

/** What marks each state on screen (the shared state views' parts), looked for in every shadow root. */
const STATE_MARK: Record<State, string> = {
  loading: '[part~="loading"]',
  empty: '[part~="state"]',
  'not configured': '[part~="state"]',
  error: '[part~="error"]',
  stale: '[part~="stale"]',
  data: '',
};

function has(element: HTMLElement, selector: string): boolean {
  return shadowRoots(element).some((r) => r.querySelector(selector));
}

async function reach(element: HTMLElement, client: QueryClient, state: State): Promise<void> {
  const started = performance.now();
  const mark = STATE_MARK[state];
  for (;;) {
    await new Promise((r) => setTimeout(r, 10));
    const idle = client.isFetching() === 0;
    const reached =
      state === 'data'
        ? idle && !has(element, '[part~="loading"], [part~="state"], [part~="stale"]')
        : has(element, mark);
    if (reached && (state === 'loading' || idle)) break;
    if (performance.now() - started > 15_000)
      throw new Error(`${element.tagName.toLowerCase()} never showed the ${state} state`);
  }
  const updatable = [element, ...shadowRoots(element).flatMap((r) => [...r.querySelectorAll('*')])] as (Element & {
    updateComplete?: Promise<unknown>;
  })[];
  await Promise.all(updatable.map((el) => el.updateComplete));
  // The virtualised leaderboard lays its rows out over a few frames: check what a user sees once it has settled.
  let previous = -1;
  for (let frame = 0; frame < 30; frame += 1) {
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const count = shadowRoots(element).reduce((n, r) => n + r.querySelectorAll('*').length, 0);
    if (count === previous) break;
    previous = count;
  }
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 4)
          .map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
}

async function check(widget: WidgetUnderTest, state: State, theme: string, lang: string): Promise<AxeViolation[]> {
  const { adapter, fail } = adapterFor(state);
  const client = createStrideQueryClient({ gcTime: 0 });
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  const variant: WidgetUnderTest = { ...widget, attributes: { ...widget.attributes, theme, lang } };
  // The page behind a dark widget is dark too, as a wall screen's would be.
  const page = document.createElement('div');
  page.style.cssText = `background:${theme === 'dark' ? '#0b1220' : '#ffffff'};padding:8px`;
  document.body.append(page);
  const mounted = mountWidget(variant, adapter as StrideAdapter, page, client);
  if (!adapter) (mounted.element as HTMLElement & { adapter?: unknown }).adapter = undefined;
  try {
    if (state === 'stale') {
      await reach(mounted.element, client, 'data');
      fail();
      await client.refetchQueries();
    }
    await reach(mounted.element, client, state);
    const results = await (
      await loadAxe()
    ).run(
      { include: [mounted.element] },
      {
        resultTypes: ['violations'],
        runOnly: everyRule(theme, lang) ? EVERY_RULE : COLOUR_RULES,
      },
    );
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  } finally {
    mounted.remove();
    page.remove();
  }
}

describe('accessibility harness (axe: no serious or critical violation)', function () {
  this.timeout(60_000);
  for (const widget of WIDGETS) {
    for (const state of STATES) {
      it(`${widgetName(widget)} ${state}, ${LOOKS.map(({ theme, lang }) => `${theme} ${lang}`).join(', ')}`, async () => {
        const failures: string[] = [];
        for (const { theme, lang } of LOOKS) {
          const violations = await check(widget, state, theme, lang);
          if (violations.length > 0) failures.push(`[${theme} ${lang}]\n${describeViolations(violations)}`);
        }
        expect(failures, failures.join('\n')).to.deep.equal([]);
      });
    }
  }
});
