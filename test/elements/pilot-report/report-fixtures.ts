/**
 * Shared by the pilot report's browser tests: mounting it on the test pilot, and the figures the tests compute
 * straight from the pilot's raw events and target rows (not through the metrics engine the adapter runs), so a
 * wrong week, a wrong baseline or a wrong section is caught.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { createStrideQueryClient, type StrideAdapter } from '@stride/core';
import '../../../packages/elements/src/pilot-report/pilot-report.js';
import type { StridePilotReport } from '../../../packages/elements/src/pilot-report/pilot-report.component.js';
import { settled, testPilot, TEST_DATE, TEST_ORG } from '../../harness/widgets.js';

/** The test pilot runs 2026-09-26 (a Saturday) to 2026-11-24: eight whole weeks, Sep 28 to Nov 22
 * (the 24th is a Tuesday: the week of the 23rd is still running). */
export const FIRST_WEEK = { start: '2026-09-28', end: '2026-10-04' };
export const LAST_WEEK = { start: '2026-11-16', end: '2026-11-22' };
export const WEEKS = 8;
/** The test adapter's clock (pilotAdapter): nothing after it has happened. */
const NOW = '2026-11-24T18:00:00+08:00';

export function text(el: Element | null | undefined): string {
  return el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export async function mountReport(
  adapter: StrideAdapter,
  attrs: { lang?: string; theme?: string } = {},
): Promise<StridePilotReport> {
  const client = createStrideQueryClient();
  const el = await fixture<StridePilotReport>(html`<stride-pilot-report
    org=${TEST_ORG}
    date=${TEST_DATE}
    lang=${attrs.lang ?? 'zh-CN'}
    theme=${attrs.theme ?? 'light'}
    style="display:block;width:1100px"
    .adapter=${adapter}
    .queryClient=${client}
  ></stride-pilot-report>`);
  // every section has its data or its notice: nothing still loading
  await waitUntil(
    () =>
      el.shadowRoot!.querySelectorAll('section').length === 7 && !el.shadowRoot!.querySelector('[aria-busy="true"]'),
    'report rendered',
    { timeout: 15000 },
  );
  await settled(el, client, 15000);
  return el;
}

/** The bank's date of an event: its time is written with the bank's +08:00 offset. */
const dayOf = (at: string) => at.slice(0, 10);

/** Leads assigned in a week, from the raw events (one `assigned` per lead). */
export function assignedIn(week: { start: string; end: string }): number {
  const leads = new Set(
    testPilot()
      .events.filter((e) => e.type === 'assigned' && dayOf(e.at) >= week.start && dayOf(e.at) <= week.end)
      .map((e) => e.leadId),
  );
  return leads.size;
}

/** `visited` events in a week. */
export function visitsIn(week: { start: string; end: string }): number {
  return testPilot().events.filter((e) => e.type === 'visited' && dayOf(e.at) >= week.start && dayOf(e.at) <= week.end)
    .length;
}

/** Leads converted since the pilot began, up to the adapter's now. */
export function pilotConversions(): number {
  return new Set(
    testPilot()
      .events.filter((e) => e.type === 'converted' && e.at <= NOW)
      .map((e) => e.leadId),
  ).size;
}

/** The branch's baseline for one whole week, from the target rows. */
export function weekBaseline(indicator: string, week: { start: string }): number {
  const row = testPilot().targets.find(
    (t) => t.org === TEST_ORG && t.indicator === indicator && t.period === 'week' && t.start === week.start,
  );
  if (row?.baseline === undefined) throw new Error(`no baseline for ${indicator} in the week of ${week.start}`);
  return row.baseline;
}

/** An adapter that counts the calls of each method, around another. */
export function countingAdapter(
  inner: StrideAdapter,
  drop: readonly string[] = [],
): {
  adapter: StrideAdapter;
  calls: Record<string, number>;
} {
  const calls: Record<string, number> = {};
  const adapter: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(inner)) {
    if (drop.includes(method) || typeof fn !== 'function') continue;
    adapter[method] = (query: unknown, options: unknown) => {
      calls[method] = (calls[method] ?? 0) + 1;
      return (fn as (q: unknown, o: unknown) => unknown).call(inner, query, options);
    };
  }
  return { adapter: adapter as StrideAdapter, calls };
}
