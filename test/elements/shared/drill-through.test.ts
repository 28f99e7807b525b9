/**
 * Counts become links only where the adapter has `leads`: on the test pilot each widget's counts are buttons that fire
 * a cancelable `stride-select` carrying the LeadsQuery filter (and its scope), with ids and stages only; without
 * `leads`, or once the back end has answered 404 on /v1/leads, the same counts are plain numbers again.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createHttpAdapter, createStrideQueryClient, type AdapterMethod, type StrideAdapter } from '@stride/core';
import type { StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';
import {
  TEST_DATE,
  TEST_ORG,
  mountWidget,
  pilotAdapter,
  settled,
  testPilot,
  type Mounted,
  type WidgetUnderTest,
} from '../../harness/widgets.js';

const mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.remove();
});

function widget(tag: string, methods: AdapterMethod[], attributes: Record<string, string> = {}): WidgetUnderTest {
  return { tag, methods, attributes: { lang: 'en', ...attributes }, chart: false };
}

/** The pilot adapter without its `leads` method: a back end that cannot list the rows. */
function withoutLeads(): StrideAdapter {
  const { leads: _leads, ...rest } = pilotAdapter();
  return rest;
}

async function mount(w: WidgetUnderTest, adapter: StrideAdapter): Promise<HTMLElement> {
  const m = mountWidget(w, adapter);
  mounted.push(m);
  await settled(m.element, m.client);
  return m.element;
}

const root = (el: HTMLElement) => el.shadowRoot!;

function selections(el: HTMLElement): StrideSelectEvent[] {
  const seen: StrideSelectEvent[] = [];
  el.addEventListener('stride-select', (e) => seen.push(e));
  return seen;
}

/** No customer name or mobile of the pilot anywhere in what the events carry. */
function expectNoCustomerData(events: StrideSelectEvent[]): void {
  const text = JSON.stringify(events.map((e) => e.detail));
  for (const customer of testPilot().customers) {
    expect(text).not.to.contain(customer.name);
    if (customer.phone) expect(text).not.to.contain(customer.phone);
  }
}

describe('drill-through from the funnel', () => {
  it("a stage's count and its overdue are buttons that open those leads, by keyboard too", async () => {
    const el = await mount(widget('stride-funnel', ['funnel']), pilotAdapter());
    const seen = selections(el);
    const overdue = root(el).querySelector<HTMLButtonElement>('button[part~="overdue-link"]');
    expect(overdue, 'a stage with overdue leads links them').to.not.equal(null);
    const stageId = overdue!.closest('.stage-row')!.querySelector<HTMLElement>('[part~="stage"]')!.dataset['stage']!;
    expect(overdue!.getAttribute('aria-label')).to.match(/^Overdue \d+: open those leads at /);
    overdue!.focus();
    await sendKeys({ press: 'Enter' });
    root(el).querySelector<HTMLButtonElement>(`[part~="stage"][data-stage="${stageId}"]`)!.click();
    expect(seen.map((e) => [e.detail.kind, e.detail.id, e.detail.leads])).to.deep.equal([
      ['stage', stageId, { overdue: stageId }],
      ['stage', stageId, { stage: stageId }],
    ]);
    expect(seen.every((e) => e.cancelable && e.detail.scope.org === TEST_ORG)).to.equal(true);
    expectNoCustomerData(seen);
  });

  it('in the table view the count and the overdue cells are the links', async () => {
    const el = await mount(widget('stride-funnel', ['funnel']), pilotAdapter());
    root(el).querySelector<HTMLButtonElement>('[part~="toggle"]')!.click();
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const seen = selections(el);
    const row = root(el).querySelector<HTMLElement>('tr[data-stage="contacted"]')!;
    row.querySelector<HTMLButtonElement>('[data-open="count"]')!.click();
    row.querySelector<HTMLButtonElement>('[data-open="overdue"]')?.click();
    expect(seen[0]!.detail.leads).to.deep.equal({ stage: 'contacted' });
    if (seen[1]) expect(seen[1].detail.leads).to.deep.equal({ overdue: 'contacted' });
  });

  it('without `leads` the numbers are plain and the events carry no filter', async () => {
    const el = await mount(widget('stride-funnel', ['funnel']), withoutLeads());
    expect(root(el).querySelector('[part~="overdue-link"]')).to.equal(null);
    expect(root(el).querySelector('[data-fact="overdue"] b'), 'the overdue count is still shown').to.not.equal(null);
    const seen = selections(el);
    root(el).querySelector<HTMLButtonElement>('[part~="stage"]')!.click();
    expect(seen).to.have.length(1);
    expect(seen[0]!.detail).not.to.have.property('leads');
  });
});

describe('drill-through from the indicator tiles and sheet', () => {
  it("a tile's number is a link to the rows it counts; a rate's opens its denominator", async () => {
    const el = await mount(widget('stride-indicators', ['indicators']), pilotAdapter());
    const seen = selections(el);
    const number = (id: string) => root(el).querySelector<HTMLElement>(`li[data-indicator="${id}"] [part~="value"]`)!;
    expect(number('visits').tagName).to.equal('BUTTON');
    number('visits').click();
    number('claim_rate').click();
    expect(seen.map((e) => [e.detail.kind, e.detail.id, e.detail.leads])).to.deep.equal([
      ['indicator', 'visits', { indicator: 'visits' }],
      ['indicator', 'claim_rate', { indicator: 'claim_rate' }],
    ]);
  });

  it('without `leads` the number is not a button', async () => {
    const el = await mount(widget('stride-indicators', ['indicators']), withoutLeads());
    const number = root(el).querySelector<HTMLElement>('li[data-indicator="visits"] [part~="value"]')!;
    expect(number.tagName).to.equal('DIV');
  });

  it("a manager's row of the sheet opens that manager's leads, the scope narrowed to them", async () => {
    const el = await mount(
      widget('stride-indicators', ['indicators'], { layout: 'table', rows: 'managers' }),
      pilotAdapter(),
    );
    const seen = selections(el);
    const row = root(el).querySelector<HTMLElement>('.row[data-row]')!;
    row.querySelector<HTMLButtonElement>('.row-open')!.click();
    const id = row.dataset['row']!;
    expect(seen[0]!.detail.leads).to.deep.equal({});
    expect(seen[0]!.detail.scope).to.deep.equal({ org: TEST_ORG, manager: id, period: 'month', date: TEST_DATE });
  });
});

describe('drill-through from the leaderboard', () => {
  it("a manager's row opens the rows of the metric the board ranks by, for that manager", async () => {
    const el = await mount(
      widget('stride-leaderboard', ['leaderboard'], { board: 'managers', metric: 'visits' }),
      pilotAdapter(),
    );
    const seen = selections(el);
    const row = root(el).querySelector<HTMLElement>('.row[data-id]')!;
    row.querySelector<HTMLButtonElement>('.row-main')!.click();
    expect(seen[0]!.detail.kind).to.equal('manager');
    expect(seen[0]!.detail.leads).to.deep.equal({ indicator: 'visits' });
    expect(seen[0]!.detail.scope.manager).to.equal(row.dataset['id']);
  });
});

describe('drill-through from the coverage map', () => {
  it("the data table's covered count opens the grid's covered customers", async () => {
    const el = await mount(widget('stride-coverage-map', ['grids', 'coverage']), pilotAdapter());
    root(el).querySelector<HTMLButtonElement>('[part~="view-toggle"]')!.click();
    await waitUntil(() => root(el).querySelector('[data-open="covered"]'), 'covered counts are links');
    const seen = selections(el);
    const row = root(el).querySelector<HTMLElement>('tr[data-grid]')!;
    const link = row.querySelector<HTMLButtonElement>('[data-open="covered"]')!;
    expect(link.getAttribute('aria-label')).to.match(/^Open the \d+ covered customers of /);
    link.click();
    expect(seen[0]!.detail.kind).to.equal('grid');
    expect(seen[0]!.detail.leads).to.deep.equal({ gridId: row.dataset['grid'], covered: true });
  });

  it('without `leads` the covered count is a number', async () => {
    const el = await mount(widget('stride-coverage-map', ['grids', 'coverage']), withoutLeads());
    root(el).querySelector<HTMLButtonElement>('[part~="view-toggle"]')!.click();
    await waitUntil(() => root(el).querySelector('tr[data-grid]'));
    expect(root(el).querySelector('[data-open="covered"]')).to.equal(null);
  });
});

describe('a back end without /v1/leads', () => {
  it('its 404 turns the links off for that adapter, and only for it', async () => {
    const engineAdapter = pilotAdapter();
    const leadsAsked: string[] = [];
    // the http adapter on a back end that has every endpoint but /v1/leads
    const fetch = async (url: string): Promise<Response> => {
      const path = new URL(url, location.href).pathname.replace('/api/v1/', '');
      if (path === 'leads') {
        leadsAsked.push(url);
        return new Response('{"title":"Not Found","status":404}', {
          status: 404,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }
      const scope = { org: TEST_ORG, period: 'month' as const, date: TEST_DATE };
      const funnel = await engineAdapter.funnel!({ scope }, { signal: new AbortController().signal });
      return new Response(JSON.stringify(funnel));
    };
    const http = createHttpAdapter({ baseUrl: '/api', fetch });
    const el = await mount(widget('stride-funnel', ['funnel']), http);
    const other = await mount(widget('stride-funnel', ['funnel']), pilotAdapter());
    expect(root(el).querySelector('[part~="overdue-link"]'), 'links until the back end says otherwise').to.not.equal(
      null,
    );

    // the list a count opens asks /v1/leads, and the back end has none
    const list = document.createElement('stride-leads');
    Object.assign(list, { adapter: http, queryClient: createStrideQueryClient(), filter: { overdue: 'contacted' } });
    list.setAttribute('org', TEST_ORG);
    list.setAttribute('date', TEST_DATE);
    document.body.append(list);
    try {
      await waitUntil(() => leadsAsked.length > 0 && !root(el).querySelector('[part~="overdue-link"]'), 'links gone', {
        timeout: 5000,
      });
      expect(root(el).querySelector('[data-fact="overdue"] b'), 'the overdue count is still shown').to.not.equal(null);
      expect(root(other).querySelector('[part~="overdue-link"]'), 'another adapter keeps its links').to.not.equal(null);
      expect(leadsAsked.every((url) => !/customer|phone/i.test(url))).to.equal(true);
    } finally {
      list.remove();
    }
  });
});
