/**
 * Proof harness 1, races: for every registry widget, fast-check's scheduler decides the order in which adapter
 * answers arrive and scope changes (org, period, date) happen, while requests are in flight. Whatever the order, the
 * widget must end showing exactly what a fresh mount of the final scope shows, and every request whose query nobody
 * observes any more when its answer arrives (it was superseded) must have seen its AbortSignal aborted, so a slow
 * answer for an old scope can never land on screen.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  createStrideQueryClient,
  strideQueryKey,
  type AdapterMethod,
  type AdapterQueries,
  type StrideAdapter,
} from '@stride/core';
import type { QueryClient } from '@tanstack/query-core';
import {
  TEST_DATE,
  TEST_ORG,
  WIDGETS,
  mountWidget,
  pilotAdapter,
  settled,
  shadowRoots,
  widgetName,
  type WidgetUnderTest,
} from './widgets.js';
import { allUpdated } from './probes.js';

interface RaceScope {
  org: string;
  period: string;
  date: string;
}

/** The mount's own scope first; each other one differs from it in one field. */
const SCOPES: readonly RaceScope[] = [
  { org: TEST_ORG, period: 'month', date: TEST_DATE },
  { org: TEST_ORG, period: 'week', date: TEST_DATE },
  { org: 'sb-xh', period: 'month', date: TEST_DATE },
  { org: TEST_ORG, period: 'month', date: '2026-10-20' },
];
// Both browsers run every run: each widget's property must see a request superseded at least once, which 5 runs
// did not always give (Firefox, <stride-leads>, one CI run).
const RUNS_PER_WIDGET = 20;

function applyScope(element: HTMLElement, scope: RaceScope): void {
  element.setAttribute('org', scope.org);
  element.setAttribute('period', scope.period);
  element.setAttribute('date', scope.date);
}

/**
 * What a user reads, whitespace folded (layout whitespace is not data), once it has stopped changing: a windowed list
 * adds the rows beyond its edges in the frame after the data is painted.
 */
async function reading(element: HTMLElement): Promise<string> {
  const read = () => {
    const parts: string[] = [];
    for (const root of shadowRoots(element)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        parts.push(node.textContent ?? '');
      }
    }
    // The dashboard's "Updated <time>" is the wall-clock time the answers arrived, not the scope's data.
    return parts
      .join(' ')
      .replace(/\s+/g, ' ')
      .replace(/Updated [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2}/g, 'Updated (time)')
      .trim();
  };
  let last = read();
  for (let frame = 0; frame < 30; frame += 1) {
    await allUpdated(element);
    const next = read();
    if (next === last && frame >= 2) break;
    last = next;
  }
  return last;
}

interface Call {
  method: AdapterMethod;
  signal: AbortSignal;
  /** Set when the scheduler lets the answer through. */
  released: boolean;
  observedAtRelease: boolean;
  abortedAtRelease: boolean;
}

type AnyMethod = (query: unknown, options: { signal: AbortSignal }) => Promise<unknown>;

/** The pilot adapter with every answer held until the scheduler releases it; an aborted request rejects, as fetch does. */
function scheduledAdapter(scheduler: fc.Scheduler, calls: Call[], client: () => QueryClient): StrideAdapter {
  const base = pilotAdapter() as unknown as Record<string, AnyMethod>;
  const adapter: Record<string, AnyMethod> = {};
  for (const method of Object.keys(base) as AdapterMethod[]) {
    adapter[method] = (query, { signal }) => {
      const call: Call = { method, signal, released: false, observedAtRelease: false, abortedAtRelease: false };
      calls.push(call);
      const answer = base[method]!(query, { signal });
      return scheduler.schedule(answer, `${method} ${JSON.stringify(query)}`).then((result) => {
        const key = strideQueryKey(adapter as unknown as StrideAdapter, method, query as AdapterQueries[typeof method]);
        const observed =
          client()
            .getQueryCache()
            .find({ queryKey: [...key], exact: true })
            ?.getObserversCount() ?? 0;
        call.released = true;
        call.observedAtRelease = observed > 0;
        call.abortedAtRelease = signal.aborted;
        if (signal.aborted)
          throw signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
        return result;
      });
    };
  }
  return adapter as unknown as StrideAdapter;
}

const references = new Map<string, string>();
/** The widget on the final scope with answers in order: what the raced widget must end up showing. */
async function reference(widget: WidgetUnderTest, scopeIndex: number): Promise<string> {
  const id = `${widgetName(widget)}#${scopeIndex}`;
  const known = references.get(id);
  if (known !== undefined) return known;
  const mounted = mountWidget(widget, pilotAdapter());
  applyScope(mounted.element, SCOPES[scopeIndex]!);
  try {
    await settled(mounted.element, mounted.client);
    await allUpdated(mounted.element);
    const text = await reading(mounted.element);
    references.set(id, text);
    return text;
  } finally {
    mounted.remove();
  }
}

const totals = { runs: 0, requests: 0, superseded: 0, scopeChanges: 0 };

describe('harness: races (fast-check scheduler)', function () {
  this.timeout(90_000);

  after(() => {
    console.log(
      `[races] ${totals.runs} scheduled runs over ${WIDGETS.length} widgets: ${totals.scopeChanges} scope changes, ${totals.requests} requests, ${totals.superseded} superseded (all aborted)`,
    );
  });

  for (const widget of WIDGETS) {
    it(`${widgetName(widget)}: the race's scopes read differently when settled (so the race check can tell them apart)`, async () => {
      const texts = [];
      for (let i = 0; i < SCOPES.length; i += 1) texts.push(await reference(widget, i));
      // a widget that reads one period whatever `period` says cannot tell scopes apart by period alone
      const told = new Set(SCOPES.map((s) => JSON.stringify({ ...s, period: widget.onePeriod ?? s.period })));
      expect(new Set(texts).size, 'distinct readings').to.equal(told.size);
    });

    it(`${widgetName(widget)}: scope changed while requests are in flight ends on the latest scope; superseded requests are aborted`, async () => {
      let superseded = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.array(fc.integer({ min: 0, max: SCOPES.length - 1 }), { minLength: 1, maxLength: 4 }),
          async (scheduler, changes) => {
            const calls: Call[] = [];
            const client = createStrideQueryClient();
            const mounted = mountWidget(
              widget,
              scheduledAdapter(scheduler, calls, () => client),
              document.body,
              client,
            );
            try {
              // The scope changes are scheduled too, so they land anywhere among the answers.
              const sequence = scheduler.scheduleSequence(
                changes.map((index) => ({
                  label: `scope ${JSON.stringify(SCOPES[index])}`,
                  builder: async () => {
                    applyScope(mounted.element, SCOPES[index]!);
                    await allUpdated(mounted.element, false);
                  },
                })),
              );
              for (let step = 0; step < 400; step += 1) {
                // Let Lit render and query-core notify (it batches on a task) so new requests get scheduled.
                await new Promise((resolve) => setTimeout(resolve, 0));
                if (scheduler.count() > 0) await scheduler.waitOne();
                else if (sequence.done && client.isFetching() === 0) break;
              }
              expect(scheduler.count(), 'answers still held').to.equal(0);
              await settled(mounted.element, client);
              await allUpdated(mounted.element);
              const finalScope = changes[changes.length - 1]!;
              const shown = await reading(mounted.element);
              const expected = await reference(widget, finalScope);
              if (shown !== expected) {
                let at = 0;
                while (shown[at] === expected[at]) at += 1;
                expect.fail(
                  `shows the latest scope: differs at ${at}: shown "${shown.slice(Math.max(0, at - 60), at + 80)}" expected "${expected.slice(Math.max(0, at - 60), at + 80)}"`,
                );
              }
              for (const call of calls) {
                expect(call.released, `${call.method} answered`).to.equal(true);
                if (!call.observedAtRelease) {
                  superseded += 1;
                  expect(call.abortedAtRelease, `superseded ${call.method} request aborted`).to.equal(true);
                }
              }
              totals.runs += 1;
              totals.requests += calls.length;
              totals.scopeChanges += changes.length;
            } finally {
              mounted.remove();
            }
          },
        ),
        { numRuns: RUNS_PER_WIDGET, includeErrorInReport: true },
      );
      totals.superseded += superseded;
      expect(superseded, 'the races superseded some requests').to.be.greaterThan(0);
    });
  }
});
