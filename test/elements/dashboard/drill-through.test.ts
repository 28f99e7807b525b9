/**
 * The dashboard opens the leads behind a count in place: the list shows exactly the number activated, a breadcrumb
 * leads back and focus returns to the count; a host that cancels `stride-select` keeps the dashboard as it is; with
 * the `history` attribute each list is a browser history entry, and the kit pops only entries it pushed.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createStrideQueryClient } from '@stride/core';
import '../../../packages/elements/src/dashboard/dashboard.js';
import '../../../packages/elements/src/leads/leads.js';
import type { StrideDashboard } from '../../../packages/elements/src/dashboard/dashboard.component.js';
import type { StrideLeads } from '../../../packages/elements/src/leads/leads.component.js';
import type { StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';
import { TEST_DATE, TEST_ORG, pilotAdapter } from '../../harness/widgets.js';

async function mount(attrs: { history?: boolean } = {}): Promise<StrideDashboard> {
  const el = await fixture<StrideDashboard>(html`<stride-dashboard
    org=${TEST_ORG}
    date=${TEST_DATE}
    lang="en"
    ?history=${attrs.history ?? false}
    .adapter=${pilotAdapter()}
    .queryClient=${createStrideQueryClient()}
  ></stride-dashboard>`);
  return el;
}

const funnelRoot = (el: StrideDashboard) => el.shadowRoot!.querySelector('stride-funnel')!.shadowRoot!;
const funnel = (el: StrideDashboard) => el.shadowRoot!.querySelector<HTMLElement>('stride-funnel')!;
const list = (el: StrideDashboard) => el.shadowRoot!.querySelector<StrideLeads>('stride-leads');
const back = (el: StrideDashboard) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="leads-back"]')!;

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The first stage's overdue link once the funnel has drawn it. */
async function overdueLink(el: StrideDashboard): Promise<HTMLButtonElement> {
  await waitUntil(() => funnelRoot(el).querySelector('[part~="overdue-link"]'), 'the funnel links its overdue', {
    timeout: 8000,
  });
  return funnelRoot(el).querySelector<HTMLButtonElement>('[part~="overdue-link"]')!;
}

async function listOpened(el: StrideDashboard): Promise<StrideLeads> {
  await waitUntil(() => list(el)?.query.state.data, 'the lead list loaded', { timeout: 8000 });
  return list(el)!;
}

const popped = () => new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));

describe('<stride-dashboard> drill-through', () => {
  beforeEach(() => localStorage.clear());

  it("opens a count's leads in place, exactly as many as it said, and goes back to the count", async () => {
    const el = await mount();
    const link = await overdueLink(el);
    const shown = Number(link.querySelector('b')!.textContent!.replace(/\D/g, ''));
    const stage = link.closest('.stage-row')!.querySelector<HTMLElement>('[part~="stage"]')!.dataset['stage']!;
    link.focus();
    await sendKeys({ press: 'Enter' });

    const leads = await listOpened(el);
    expect(leads.query.state.data!.total).to.equal(shown);
    expect(leads.filter).to.deep.equal({ overdue: stage });
    expect(funnel(el).hidden, 'the funnel gives way to the list').to.equal(true);
    expect(leads.closest('.cell')!.classList.contains('funnel'), 'in its place').to.equal(true);
    expect(el.shadowRoot!.querySelector<HTMLElement>('stride-leaderboard')!.hidden, 'other views stay').to.equal(false);
    const crumbs = [...el.shadowRoot!.querySelectorAll('[part~="leads-breadcrumb"] .crumb')].map((c) => c.textContent);
    expect(crumbs[0], 'the way back names the view').to.equal('Lead funnel');
    expect(crumbs[1]).to.match(/^Overdue leads at /);
    expect(deepActive(), 'focus is on the way back').to.equal(back(el));

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(list(el)).to.equal(null);
    expect(funnel(el).hidden).to.equal(false);
    expect(deepActive(), 'focus returns to the count that opened the list').to.equal(link);
  });

  it('Escape inside the list goes back too, to the count even when a click did not focus it (Safari, a script)', async () => {
    const el = await mount();
    const link = await overdueLink(el);
    link.click();
    await listOpened(el);
    back(el).focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(list(el)).to.equal(null);
    expect(deepActive()).to.equal(link);
  });

  it("a grid's covered count lists in place of the map, named by the grid's name", async () => {
    const el = await mount();
    const map = el.shadowRoot!.querySelector('stride-coverage-map')!;
    await waitUntil(() => map.shadowRoot!.querySelector('[part~="view-toggle"]'), 'the map drew', { timeout: 8000 });
    map.shadowRoot!.querySelector<HTMLButtonElement>('[part~="view-toggle"]')!.click();
    await waitUntil(() => map.shadowRoot!.querySelector('[data-open="covered"]'));
    const row = map.shadowRoot!.querySelector<HTMLElement>('tr[data-grid]')!;
    const covered = Number(row.querySelector('[data-open="covered"]')!.textContent!.replace(/\D/g, ''));
    const name = row.querySelector('th')!.textContent!.trim();
    row.querySelector<HTMLButtonElement>('[data-open="covered"]')!.click();
    const leads = await listOpened(el);
    expect(leads.query.state.data!.total).to.equal(covered);
    expect(leads.closest('.cell')!.classList.contains('coverage')).to.equal(true);
    const crumbs = [...el.shadowRoot!.querySelectorAll('[part~="leads-breadcrumb"] .crumb')].map((c) => c.textContent);
    expect(crumbs).to.deep.equal(['Grid coverage', `Covered customers of ${name}`]);
  });

  it("an overdue alert lists its subject's open overdue leads, as many as it said", async () => {
    const el = await mount();
    const alerts = el.shadowRoot!.querySelector('stride-alerts')!;
    await waitUntil(() => alerts.shadowRoot?.querySelector('[data-rule="overdue"]'), 'an overdue alert', {
      timeout: 8000,
    });
    const alert = alerts.shadowRoot!.querySelector<HTMLButtonElement>('[data-rule="overdue"]')!;
    const said = Number(/(\d+)/.exec(alert.querySelector('.line')!.textContent!)![1]);
    alert.click();
    const leads = await listOpened(el);
    expect(leads.query.state.data!.total).to.equal(said);
    expect(leads.closest('.cell')!.classList.contains('alerts')).to.equal(true);
  });

  it('changing the period closes the list and leaves focus on the filter', async () => {
    const el = await mount();
    (await overdueLink(el)).click();
    await listOpened(el);
    const period = el.shadowRoot!.querySelector<HTMLSelectElement>('select[part~="period"]')!;
    period.focus();
    period.value = 'week';
    period.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await el.updateComplete;
    expect(list(el)).to.equal(null);
    expect(funnel(el).hidden).to.equal(false);
    expect(deepActive()).to.equal(period);
  });

  it('a host that cancels stride-select routes it elsewhere: no list opens', async () => {
    const el = await mount();
    const link = await overdueLink(el);
    const routed: StrideSelectEvent[] = [];
    const route = (e: StrideSelectEvent) => {
      routed.push(e);
      e.preventDefault();
    };
    document.addEventListener('stride-select', route);
    try {
      link.click();
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      expect(routed).to.have.length(1);
      expect(routed[0]!.detail.leads).to.have.property('overdue');
      expect(list(el)).to.equal(null);
      expect(funnel(el).hidden).to.equal(false);
    } finally {
      document.removeEventListener('stride-select', route);
    }
  });

  it('pushes no history entry unless asked to', async () => {
    const el = await mount();
    const length = history.length;
    (await overdueLink(el)).click();
    await listOpened(el);
    expect(history.length).to.equal(length);
    back(el).click();
  });

  describe('with the history attribute', () => {
    it('Back closes the list; the host keeps the entries it pushed, state included', async () => {
      history.pushState({ hostPage: 'report' }, '');
      const el = await mount({ history: true });
      const link = await overdueLink(el);
      const before = history.length;

      // open: one entry of the kit's, the host's state kept beside its marker
      link.click();
      await listOpened(el);
      expect(history.length).to.equal(before + 1);
      expect(history.state.hostPage).to.equal('report');
      expect(JSON.stringify(history.state)).not.to.contain('overdue');

      // the breadcrumb pops the kit's entry: back on the host's
      const pop = popped();
      back(el).click();
      await pop;
      expect(history.state).to.deep.equal({ hostPage: 'report' });
      expect(list(el)).to.equal(null);

      // the browser's Back closes an open list
      link.click();
      await listOpened(el);
      const pop2 = popped();
      history.back();
      await pop2;
      await el.updateComplete;
      expect(list(el)).to.equal(null);
      expect(history.state).to.deep.equal({ hostPage: 'report' });
    });

    it('never pops an entry the host pushed on top of the list', async () => {
      const el = await mount({ history: true });
      const link = await overdueLink(el);
      link.click();
      await listOpened(el);
      history.pushState({ hostPage: 'detail' }, '');
      const length = history.length;
      back(el).click();
      await new Promise((r) => setTimeout(r, 100));
      await el.updateComplete;
      expect(list(el), 'the list closes').to.equal(null);
      expect(history.state, "the host's entry stays current").to.deep.equal({ hostPage: 'detail' });
      expect(history.length).to.equal(length);
    });
  });
});
