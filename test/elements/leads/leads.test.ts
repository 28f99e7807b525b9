import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMetricsEngine, createStrideQueryClient, type LeadsQuery, type StrideAdapter } from '@stride/core';
import { sendKeys } from '@web/test-runner-commands';
import '../../../packages/elements/src/leads/leads.js';
import type { StrideLeads } from '../../../packages/elements/src/leads/leads.js';
import type { StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';
import { generatePilot } from '../../../mocks/pilot/index.js';

const TODAY = '2026-11-24';
const pilot = generatePilot({ seed: 5, today: TODAY, managers: 40, events: 60_000 });
const engine = createMetricsEngine({ ...pilot, now: () => new Date('2026-11-24T18:00:00+08:00') });
const names = new Set(pilot.customers.map((c) => c.name));
const phones = new Set(pilot.customers.map((c) => c.phone!));

/** The engine on the pilot, counting the requests a list makes. */
function pilotAdapter(requests: LeadsQuery[] = []): StrideAdapter {
  return {
    leads: async (q) => {
      requests.push(q);
      return engine.leads(q);
    },
  };
}

async function mount(attrs: string, adapter: StrideAdapter, lang = 'en'): Promise<StrideLeads> {
  const el = await fixture<StrideLeads>(html`<div></div>`);
  el.outerHTML = `<stride-leads org="br-hz" period="pilot" date="${TODAY}" lang="${lang}" ${attrs}></stride-leads>`;
  const leads = document.querySelector('stride-leads') as StrideLeads;
  Object.assign(leads, { adapter, queryClient: createStrideQueryClient() });
  await waitUntil(() => leads.shadowRoot!.querySelector('.row, .state'), 'list rendered', { timeout: 8000 });
  await leads.updateComplete;
  return leads;
}

afterEach(() => document.querySelectorAll('stride-leads').forEach((el) => el.remove()));

describe('<stride-leads>', () => {
  it('opens exactly the rows of the funnel overdue it was given, overdue ones emphasised', async () => {
    const scope = { org: 'br-hz', period: 'pilot' as const, date: TODAY };
    const overdue = engine.funnel({ scope }).stages.find((s) => s.id === 'contacted')!.overdue!;
    const el = await mount('overdue="contacted"', pilotAdapter());
    expect(el.shadowRoot!.querySelector('.sub')!.textContent).to.contain(`${overdue.toLocaleString('en')} in all`);
    const rows = [...el.shadowRoot!.querySelectorAll('.row')];
    expect(rows.length).to.be.greaterThan(3);
    expect(rows.every((row) => row.classList.contains('overdue'))).to.equal(true);
    expect(rows[0]!.querySelector('.overdue-hours')!.textContent).to.match(/overdue/);
  });

  it('shows customers as the back end masked them, marks them, and never shows a real name or mobile', async () => {
    const el = await mount('stage="assigned"', pilotAdapter());
    const text = el.shadowRoot!.textContent ?? '';
    expect(el.shadowRoot!.querySelectorAll('[part="masked"]').length).to.be.greaterThan(3);
    for (const phone of phones) expect(text).not.to.contain(phone);
    const shown = [...el.shadowRoot!.querySelectorAll('.row .cell:first-child')].map((c) => c.textContent!.trim());
    expect(shown.some((name) => names.has(name.replace(/\*$/, '')))).to.equal(false);
  });

  it('loads further pages as the list scrolls, one request per page, only the rows in view in the DOM', async () => {
    const requests: LeadsQuery[] = [];
    const el = await mount('overdue="any"', pilotAdapter(requests));
    const total = engine.leads({
      scope: { org: 'br-hz', period: 'pilot', date: TODAY },
      filter: { overdue: 'any' },
      limit: 1,
    }).total;
    expect(total).to.be.greaterThan(400);
    const list = el.shadowRoot!.querySelector<HTMLElement>('.list')!;
    for (let i = 0; i < 6 && el.rows.length < total; i++) {
      list.scrollTop = list.scrollHeight;
      await waitUntil(() => requests.length >= i + 2 || el.rows.length >= total, 'next page', { timeout: 4000 });
      await el.updateComplete;
    }
    expect(el.rows.length).to.be.greaterThan(400);
    expect(new Set(el.rows.map((r) => r.leadId)).size).to.equal(el.rows.length);
    expect(requests.slice(1).every((q) => typeof q.cursor === 'string')).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('.row').length).to.be.lessThan(60);
  });

  it('keeps the rows scrolled to when it refreshes, reloading as many and changing them at once', async () => {
    const requests: LeadsQuery[] = [];
    // the refresh brings a later asOf, as a live day's does (an answer equal to the last one changes nothing)
    const answer = { asOf: '' };
    const moving: StrideAdapter = {
      leads: async (q) => {
        requests.push(q);
        const result = engine.leads(q);
        return answer.asOf ? { ...result, asOf: answer.asOf } : result;
      },
    };
    const el = await mount('overdue="any"', moving);
    const list = el.shadowRoot!.querySelector<HTMLElement>('.list')!;
    for (let i = 0; i < 2; i++) {
      list.scrollTop = list.scrollHeight;
      await waitUntil(() => requests.length >= i + 2, 'next page', { timeout: 4000 });
      await waitUntil(() => el.rows.length >= (i + 2) * 200, 'rows of the page', { timeout: 4000 });
    }
    await el.updateComplete;
    const loaded = el.rows.length;
    list.scrollTop = list.scrollHeight - list.clientHeight - 2000;
    const scrolledTo = list.scrollTop;
    const shortest: number[] = [];
    const watch = new MutationObserver(() => shortest.push(el.rows.length));
    watch.observe(el.shadowRoot!, { childList: true, subtree: true });
    const asked = requests.length;
    answer.asOf = '2026-11-24T18:05:00+08:00';
    await el.query.refetch();
    await waitUntil(() => requests.length >= asked + 3, 'the refresh: its first page and the two after it', {
      timeout: 8000,
    });
    await waitUntil(() => el.rows.length >= loaded, 'as many rows as before', { timeout: 4000 });
    await el.updateComplete;
    watch.disconnect();
    expect(Math.min(...shortest), 'rows on screen at any moment of the refresh').to.be.at.least(loaded);
    expect(new Set(el.rows.map((r) => r.leadId)).size).to.equal(el.rows.length);
    expect(list.scrollTop).to.equal(scrolledTo);
    expect(requests.slice(asked + 1).every((q) => typeof q.cursor === 'string')).to.equal(true);
  });

  it('sorts by a column header (the back end sorts), and never by customer', async () => {
    const requests: LeadsQuery[] = [];
    const el = await mount('stage="claimed"', pilotAdapter(requests));
    const headers = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.sort')];
    expect(headers.map((h) => h.textContent!.trim().replace(/[▲▼]/, ''))).not.to.include('Customer');
    const stage = headers.find((h) => h.textContent!.includes('Entered'))!;
    stage.click();
    await waitUntil(() => requests.some((q) => q.sort?.by === 'enteredAt'), 'sorted request');
    await waitUntil(() => el.shadowRoot!.querySelector('.sort[aria-pressed="true"]')?.textContent?.includes('Entered'));
    expect(requests.at(-1)!.sort).to.deep.equal({ by: 'enteredAt', dir: 'desc' });
    stage.click();
    await waitUntil(() => requests.some((q) => q.sort?.dir === 'asc'), 'flipped');
  });

  it('is keyboard-navigable and fires a cancelable stride-select with the lead id only', async () => {
    const el = await mount('stage="claimed"', pilotAdapter());
    const selects: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => selects.push(e));
    const rowFocused = () => el.shadowRoot!.activeElement?.classList.contains('row') === true;
    el.shadowRoot!.querySelector<HTMLElement>('.list')!.focus();
    // Entering the list moves focus on to its first row. Firefox holds the focus event back from a page that is not
    // the focused window (the runner has two open); a key press brings the page forward, and an arrow key on the
    // list itself goes to its first row too.
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!rowFocused()) await sendKeys({ press: 'ArrowDown' });
    await waitUntil(rowFocused, 'first row focused');
    expect(el.shadowRoot!.activeElement?.getAttribute('data-index')).to.equal('0');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('data-index') === '1', 'second row');
    await sendKeys({ press: 'Enter' });
    expect(selects).to.have.length(1);
    expect(selects[0]!.cancelable).to.equal(true);
    expect(selects[0]!.detail.kind).to.equal('lead');
    expect(selects[0]!.detail.id).to.equal(el.rows[1]!.leadId);
    expect(JSON.stringify(selects[0]!.detail)).not.to.match(/customer|phone/);
  });

  it('exports every row as CSV with a BOM, masked exactly as shown, formula cells escaped', async () => {
    const requests: LeadsQuery[] = [];
    const el = await mount('overdue="any"', pilotAdapter(requests), 'zh-CN');
    const csv = await el.toCsvAll();
    expect(el.toCsv().trim().split('\r\n').length).to.equal(el.rows.length + 1);
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    const lines = csv.trim().split('\r\n');
    const total = engine.leads({
      scope: { org: 'br-hz', period: 'pilot', date: TODAY },
      filter: { overdue: 'any' },
      limit: 1,
    }).total;
    expect(lines.length).to.equal(total + 1);
    expect(lines[0]).to.contain('客户').and.to.contain('已脱敏');
    for (const phone of phones) expect(csv).not.to.contain(phone);
    const formula: StrideAdapter = {
      leads: async (q) => {
        const result = engine.leads(q);
        return { ...result, leads: result.leads.map((row) => ({ ...row, customer: '=HYPERLINK("x")' })) };
      },
    };
    // mount() takes the first list on the page: this one must be the new list, not the first one re-fed
    el.remove();
    const hostile = await mount('stage="claimed"', formula);
    expect(hostile.toCsv()).to.contain(`"'=HYPERLINK(""x"")"`);
  });

  it('says so when nothing is behind the number, and shows the back end error with a retry', async () => {
    const empty = await mount('gridId="none" grid-id="no-such-grid"', pilotAdapter());
    expect(empty.shadowRoot!.querySelector('.state')!.textContent).to.contain('No leads behind this number');
    empty.remove();
    const failing = await mount('stage="claimed"', {
      leads: async () => {
        throw new Error('boom');
      },
    });
    await waitUntil(() => failing.shadowRoot!.querySelector('[part~="retry"]'), 'error state', { timeout: 8000 });
  });
});
