/**
 * Edge values over every widget: empty arrays, null, NaN, Infinity, -0, huge numbers and 10,000-character names in
 * every result the widget reads. No throw, a sensible display (no "NaN", "Infinity" or "-0" on screen, the host box
 * not blown open by a long name), and for non-finite numbers the warning DESIGN's validation rule promises.
 */
import { expect } from '@open-wc/testing';
import type { AdapterMethod, StrideAdapter } from '@stride/core';
import { WIDGETS, mountWidget, pilotAdapter, settled, shadowRoots, widgetName } from './widgets.js';
import { allUpdated, visibleText } from './probes.js';

type Edge =
  'empty arrays' | 'null numbers' | 'NaN' | 'Infinity' | '-Infinity' | '-0' | 'huge numbers' | '10,000-character names';
const EDGES: readonly Edge[] = [
  'empty arrays',
  'null numbers',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  'huge numbers',
  '10,000-character names',
];
const NON_FINITE: readonly Edge[] = ['NaN', 'Infinity', '-Infinity'];

// Fields that are identity, time or geometry rather than figures: an edge value there is a different test (validation).
const KEEP = new Set([
  'asOf',
  'scope',
  'period',
  'coordinates',
  'date',
  'start',
  'end',
  'id',
  'gridId',
  'parentId',
  'kind',
  'level',
  'board',
  'metric',
  'type',
]);
const NAME_FIELDS = new Set(['name', 'label', 'orgName']);
const LONG_NAME = '长'.repeat(5_000) + 'x'.repeat(5_000);

function mutate(value: unknown, edge: Edge, key = ''): unknown {
  if (Array.isArray(value)) {
    if (edge === 'empty arrays' && key !== 'coordinates' && key !== '') return [];
    return value.map((item) => mutate(item, edge, key === 'managerNames' ? 'name' : key));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = KEEP.has(k) ? v : mutate(v, edge, k);
    return out;
  }
  if (typeof value === 'number') {
    switch (edge) {
      case 'null numbers':
        return ['value', 'target', 'previous', 'previousValue', 'amount', 'medianDwellHours'].includes(key)
          ? null
          : value;
      case 'NaN':
        return Number.NaN;
      case 'Infinity':
        return Number.POSITIVE_INFINITY;
      case '-Infinity':
        return Number.NEGATIVE_INFINITY;
      case '-0':
        return value === 0 ? -0 : value;
      case 'huge numbers':
        return value * 1e12;
      default:
        return value;
    }
  }
  if (typeof value === 'string' && edge === '10,000-character names' && NAME_FIELDS.has(key)) return LONG_NAME;
  return value;
}

function edgeAdapter(edge: Edge): StrideAdapter {
  const base = pilotAdapter() as Record<AdapterMethod, (q: unknown, o: { signal: AbortSignal }) => Promise<unknown>>;
  const adapter: Record<string, unknown> = {};
  for (const method of Object.keys(base) as AdapterMethod[]) {
    // The org tree keeps its shape (an empty tree is the dashboard's "not configured"); its names still get long.
    adapter[method] = async (q: unknown, o: { signal: AbortSignal }) => {
      const result = await base[method](q, o);
      return method === 'orgTree' && edge !== '10,000-character names' ? result : mutate(result, edge);
    };
  }
  return adapter as StrideAdapter;
}

describe('harness: edge values', function () {
  this.timeout(60_000);
  let uncaught: string[] = [];
  const onError = (event: ErrorEvent) => {
    uncaught.push(event.message);
  };
  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));

  let cases = 0;
  after(() => console.log(`[edge values] ${cases} cases: ${WIDGETS.length} widgets x ${EDGES.length} edges`));

  for (const widget of WIDGETS) {
    for (const edge of EDGES) {
      it(`${widgetName(widget)}: ${edge}`, async () => {
        uncaught = [];
        const warnings: string[][] = [];
        const onWarning = (e: Event) => warnings.push((e as CustomEvent<{ ids: string[] }>).detail.ids);
        document.body.addEventListener('stride-warning', onWarning);
        const frame = document.createElement('div');
        frame.style.cssText = 'width:960px';
        document.body.append(frame);
        const mounted = mountWidget(widget, edgeAdapter(edge), frame);
        try {
          await settled(mounted.element, mounted.client);
          await allUpdated(mounted.element);
          cases += 1;
          // The dropped-items notice opens to why, naming the bad value ("value: NaN treated as missing"): that is the
          // report of the edge value, not a number shown as one, so it is read apart from the rest.
          const reasons = shadowRoots(mounted.element).flatMap((root) =>
            [...root.querySelectorAll('[part~="dropped"] .reasons')].map((r) => r.textContent ?? ''),
          );
          const text = reasons.reduce((rest, reason) => rest.replace(reason, ''), visibleText(mounted.element));
          expect(uncaught, 'uncaught errors').to.deep.equal([]);
          // An edge value is data to show (or an empty state), never a reason to replace the widget with an error.
          const errors = shadowRoots(mounted.element).flatMap((root) => [...root.querySelectorAll('[part~="error"]')]);
          expect(
            errors.map((e) => e.textContent?.replace(/\s+/g, ' ').trim()),
            'error states shown',
          ).to.deep.equal([]);
          expect(text).not.to.match(/\bNaN\b/);
          expect(text).not.to.match(/Infinity|∞/);
          expect(text).not.to.match(/(^|[^\d.,])-0(?![\d.,])/);
          if (NON_FINITE.includes(edge)) {
            expect(warnings.length, 'non-finite numbers are reported in a stride-warning').to.be.greaterThan(0);
            expect(warnings.flat().length, 'the warning names the items').to.be.greaterThan(0);
            expect(reasons.join(' '), 'the notice opens to why, naming the value').to.contain(String(edge));
          }
          // A long name wraps or is cut inside the widget: the host box keeps the width its page gave it.
          expect(mounted.element.getBoundingClientRect().width).to.be.at.most(frame.getBoundingClientRect().width + 1);
        } finally {
          document.body.removeEventListener('stride-warning', onWarning);
          mounted.remove();
          frame.remove();
        }
      });
    }
  }
});
