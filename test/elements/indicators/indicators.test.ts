// <stride-indicators> in Chromium: the numbers a pilot team reads against the adapter's data. November 2026 has 21
// Monday-Friday working days; 17 have elapsed by Tuesday the 24th, so a count's pace is target x 17/21.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  StrideError,
  createStrideQueryClient,
  type IndicatorRow,
  type IndicatorsQuery,
  type IndicatorsResult,
  type StrideAdapter,
} from '@stride/core';
import '../../../packages/elements/src/indicators/indicators.js';
import type { StrideIndicators } from '../../../packages/elements/src/indicators/indicators.js';
import type { StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';

const scope = { org: 'br', period: 'month' as const, date: '2026-11-24' };

function result(overrides: Partial<IndicatorsResult> = {}): IndicatorsResult {
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope,
    period: { start: '2026-11-01', end: '2026-11-30' },
    indicators: [
      { id: 'assigned', value: 400, target: 0, previous: 380 },
      { id: 'claim_rate', value: 0.9, target: 0.9, previous: 0.95 },
      { id: 'contacted', value: 120, target: 210, previous: 100 },
      { id: 'conversations', value: 170, target: 210, previous: 170 },
      { id: 'visits', value: 30, target: 21, previous: null },
      { id: 'followup_rate', value: 0.5, target: 0.8 },
      { id: 'logged_rate', value: null, target: 0.9 },
      { id: 'intent', value: null, target: 10, previous: 4 },
      { id: 'applications', value: 5, previous: 0 },
      {
        id: 'conversions',
        value: 12,
        target: 20,
        previous: 10,
        amount: 1234567.89,
        trend: [
          { date: '2026-11-23', value: 2 },
          { date: '2026-11-24', value: null },
          { date: '2026-11-25', value: 5 },
        ],
      },
    ],
    ...overrides,
  };
}

function adapterOf(make: (q: IndicatorsQuery) => IndicatorsResult): StrideAdapter & { queries: IndicatorsQuery[] } {
  const queries: IndicatorsQuery[] = [];
  return {
    queries,
    indicators: async (q) => {
      queries.push(q);
      return make(q);
    },
  };
}

async function mount(
  adapter: StrideAdapter,
  attrs: { layout?: string; indicators?: string; rows?: string; me?: string } = {},
): Promise<StrideIndicators> {
  const el = await fixture<StrideIndicators>(html`<stride-indicators
    org="br"
    date="2026-11-24"
    lang="en"
    layout=${attrs.layout ?? 'tiles'}
    rows=${attrs.rows ?? 'children'}
    indicators=${attrs.indicators ?? ''}
    me=${attrs.me ?? ''}
    .adapter=${adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-indicators>`);
  return el;
}

const text = (el: Node | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const tile = (el: StrideIndicators, id: string) =>
  el.shadowRoot!.querySelector<HTMLLIElement>(`li[data-indicator="${id}"]`);
const part = (el: StrideIndicators, id: string, name: string) => text(tile(el, id)?.querySelector(`[part~="${name}"]`));
/** The status as words plus the icon the eye sees, e.g. `Behind (!)`: colour is never the only signal. */
const status = (el: StrideIndicators, id: string) => {
  const box = tile(el, id)?.querySelector('[part~="status"]');
  const drawn = box?.querySelector<SVGElement>('.icon svg')?.dataset['icon'];
  const icon = drawn ? { check: '✓', equals: '=', exclamation: '!' }[drawn] : undefined;
  const words = text(box?.querySelector('span:last-child'));
  return icon ? `${words} (${icon})` : words;
};

async function loaded(el: StrideIndicators, selector: string): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector(selector), `waiting for ${selector}`);
  await el.updateComplete;
}

describe('<stride-indicators> tiles', () => {
  it('shows one tile per indicator in catalogue order, with value, target and % of target', async () => {
    const el = await mount(adapterOf(() => result()));
    await loaded(el, 'li[data-indicator]');
    const ids = [...el.shadowRoot!.querySelectorAll('li[data-indicator]')].map((li) =>
      li.getAttribute('data-indicator'),
    );
    expect(ids).to.deep.equal([
      'assigned',
      'claim_rate',
      'contacted',
      'conversations',
      'visits',
      'followup_rate',
      'logged_rate',
      'intent',
      'applications',
      'conversions',
    ]);
    expect(part(el, 'contacted', 'value')).to.equal('120');
    // 120 / 210 = 57.1%
    expect(part(el, 'contacted', 'target')).to.equal('Target 210 · 57% of target');
    expect(part(el, 'claim_rate', 'value')).to.equal('90%');
    expect(part(el, 'conversions', 'amount')).to.equal('Amount ¥1.2M');
  });

  it('judges status against working-day pace: behind, on pace, ahead, and a rate against its target', async () => {
    const el = await mount(adapterOf(() => result()));
    await loaded(el, 'li[data-indicator]');
    // contacted: pace 210 x 17/21 = 170; 120 < 153 (10% under) -> behind.
    expect(status(el, 'contacted')).to.equal('Behind (!)');
    // conversations: 170 is exactly pace.
    expect(status(el, 'conversations')).to.equal('On pace (=)');
    // visits: pace 21 x 17/21 = 17; 30 >= 18.7 (10% over) -> ahead.
    expect(status(el, 'visits')).to.equal('Ahead (✓)');
    // claim_rate 0.9 against 0.9: on pace; followup_rate 0.5 against 0.8: behind.
    expect(status(el, 'claim_rate')).to.equal('On pace (=)');
    expect(status(el, 'followup_rate')).to.equal('Behind (!)');
    expect(tile(el, 'contacted')!.classList.contains('behind')).to.equal(true);
  });

  it('gives no status for a zero target, a missing target or a null value, and shows -- for null', async () => {
    const el = await mount(adapterOf(() => result()));
    await loaded(el, 'li[data-indicator]');
    expect(status(el, 'assigned')).to.equal('No pace status');
    expect(part(el, 'assigned', 'target')).to.equal('No target');
    expect(status(el, 'applications')).to.equal('No pace status');
    expect(part(el, 'intent', 'value')).to.equal('--');
    expect(status(el, 'intent')).to.equal('No pace status');
    expect(part(el, 'logged_rate', 'value')).to.equal('--');
  });

  it('shows the change against the previous period with an arrow, coloured by the good direction', async () => {
    const el = await mount(adapterOf(() => result()));
    await loaded(el, 'li[data-indicator]');
    // (120 - 100) / 100 = +20%
    expect(part(el, 'contacted', 'change')).to.equal('▲ +20% vs previous');
    expect(tile(el, 'contacted')!.querySelector('[part="change"]')!.classList.contains('good')).to.equal(true);
    // (0.9 - 0.95) / 0.95 = -5.26...%
    expect(part(el, 'claim_rate', 'change')).to.equal('▼ -5.3% vs previous');
    expect(tile(el, 'claim_rate')!.querySelector('[part="change"]')!.classList.contains('bad')).to.equal(true);
    expect(part(el, 'conversations', 'change')).to.equal('→ 0% vs previous');
    // no previous, and a previous of 0: nothing to compare with.
    expect(part(el, 'visits', 'change')).to.equal('-- vs previous');
    expect(part(el, 'applications', 'change')).to.equal('-- vs previous');
  });

  it('compares with the time before the pilot only where a baseline is given: a count pro-rated, a rate in points', async () => {
    const el = await mount(
      adapterOf(() => {
        const r = result();
        const withBaseline: Record<string, number | null> = {
          contacted: 21,
          claim_rate: 0.55,
          followup_rate: 0.6,
          intent: 4,
        };
        r.indicators = r.indicators.map((item) => ({ ...item, baseline: withBaseline[item.id] ?? null }));
        return r;
      }),
    );
    await loaded(el, 'li[data-indicator]');
    const baseline = (id: string) => tile(el, id)!.querySelector('[part="baseline"]');
    // a month of 21 before the pilot, 17 of 21 working days elapsed: 120 / (21 x 17/21) = 7.06
    expect(text(baseline('contacted'))).to.equal('×7.1 vs pre-pilot');
    expect(baseline('contacted')!.classList.contains('good')).to.equal(true);
    // 0.9 - 0.55 = +35 points; 0.5 - 0.6 = -10 points, worse than before
    expect(text(baseline('claim_rate'))).to.equal('+35 pts vs pre-pilot');
    expect(text(baseline('followup_rate'))).to.equal('-10 pts vs pre-pilot');
    expect(baseline('followup_rate')!.classList.contains('bad')).to.equal(true);
    // no value to compare, and no baseline given: nothing is said
    expect(baseline('intent')).to.equal(null);
    expect(baseline('visits')).to.equal(null);
  });

  it('gives each tile an accessible name carrying value, target and status', async () => {
    const el = await mount(adapterOf(() => result()));
    await loaded(el, 'li[data-indicator]');
    expect(el.shadowRoot!.querySelector('ul[part="tiles"]')!.getAttribute('role')).to.equal('list');
    expect(tile(el, 'contacted')!.getAttribute('aria-label')).to.equal(
      'Customers contacted: 120, target 210 (57%), Behind',
    );
    expect(tile(el, 'conversions')!.getAttribute('aria-label')).to.equal(
      'Conversions: 12 (amount ¥1.2M), target 20 (60%), Behind',
    );
  });

  it('moves the pace with the calendar: a holiday lowers where the count should be', async () => {
    // target 200: Mon-Fri pace 200 x 17/21 = 161.9, so 145 is more than 10% under it (145.7) and behind; with
    // Monday 2nd a holiday the pace is 200 x 16/20 = 160 and 145 is within 10% (144): on pace.
    const make = () => result({ indicators: [{ id: 'contacted', value: 145, target: 200 }] });
    const el = await mount(adapterOf(make), { indicators: 'contacted' });
    await loaded(el, 'li[data-indicator]');
    expect(status(el, 'contacted')).to.equal('Behind (!)');
    expect(text(el.shadowRoot!.querySelector('[part="period"]'))).to.contain('Working days 17/21');
    el.calendar = { holidays: ['2026-11-02'], workdays: [] };
    await el.updateComplete;
    expect(status(el, 'contacted')).to.equal('On pace (=)');
    expect(text(el.shadowRoot!.querySelector('[part="period"]'))).to.contain('Working days 16/20');
  });

  it('says the period has not started and shows no status before its first day', async () => {
    const make = () =>
      result({
        period: { start: '2026-12-01', end: '2026-12-31' },
        indicators: [{ id: 'contacted', value: 0, target: 200 }],
      });
    const el = await mount(adapterOf(make), { indicators: 'contacted' });
    await loaded(el, 'li[data-indicator]');
    expect(status(el, 'contacted')).to.equal('Period not started');
    expect(text(el.shadowRoot!.querySelector('[part="period"]'))).to.contain('Period not started');
  });

  it('shows a subset from the indicators attribute and relabels through the catalogue property', async () => {
    const el = await mount(
      adapterOf(() => result()),
      { indicators: 'visits,contacted' },
    );
    await loaded(el, 'li[data-indicator]');
    expect(
      [...el.shadowRoot!.querySelectorAll('li[data-indicator]')].map((li) => li.getAttribute('data-indicator')),
    ).to.deep.equal(['contacted', 'visits']);
    el.indicators = '';
    el.catalogue = [
      { id: 'visits', unit: 'count', label: { 'zh-CN': '面访', en: 'Door visits' } },
      { id: 'contacted', unit: 'count', label: { 'zh-CN': '触达', en: 'Reached' } },
      { id: 'referrals', unit: 'count', label: { 'zh-CN': '转介', en: 'Referrals' } },
    ];
    await el.updateComplete;
    const labels = [...el.shadowRoot!.querySelectorAll('[part="tile-label"]')].map((b) => text(b));
    expect(labels).to.deep.equal(['Door visits', 'Reached', 'Referrals']);
    expect(part(el, 'referrals', 'value')).to.equal('--');
  });

  it('lets the sparkline points be read by keyboard, skipping no day with data', async () => {
    const el = await mount(
      adapterOf(() => result()),
      { indicators: 'conversions' },
    );
    await loaded(el, 'svg[part="sparkline"]');
    const circles = () => [...el.shadowRoot!.querySelectorAll<SVGCircleElement>('svg[part="sparkline"] circle')];
    // The null day draws no dot.
    expect(circles().length).to.equal(2);
    const last = circles().find((c) => c.getAttribute('tabindex') === '0')!;
    expect(last.getAttribute('aria-label')).to.equal('Nov 25: 5');
    last.focus();
    await el.updateComplete;
    expect(part(el, 'conversions', 'readout')).to.equal('Nov 25: 5');
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    await waitUntil(() => part(el, 'conversions', 'readout') === 'Nov 23: 2');
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Nov 23: 2');
  });

  it('plots working days only, marks today as so far, and says why the claim rate ends early', async () => {
    // Tuesday the 24th at 10:00: Saturday and Sunday sit between Friday the 20th and Monday the 23rd.
    const daily = (values: (number | null)[]) =>
      values.map((value, i) => ({ date: `2026-11-${String(19 + i).padStart(2, '0')}`, value }));
    const el = await mount(
      adapterOf(() =>
        result({
          indicators: [
            { id: 'contacted', value: 120, target: 210, trend: daily([30, 28, 0, 0, 31, 6]) },
            { id: 'claim_rate', value: 0.9, target: 0.9, trend: daily([0.9, 0.85, null, null, null, null]) },
          ],
        }),
      ),
      { indicators: 'contacted,claim_rate' },
    );
    await loaded(el, 'svg[part="sparkline"]');
    const spark = tile(el, 'contacted')!.querySelector('svg[part="sparkline"]')!;
    const labels = [...spark.querySelectorAll('circle')].map((c) => c.getAttribute('aria-label'));
    // No point for the weekend's zeros: the line does not plunge to the floor between Friday and Monday.
    expect(labels).to.deep.equal(['Nov 19: 30', 'Nov 20: 28', 'Nov 23: 31', 'Nov 24 (today, so far): 6']);
    expect(spark.getAttribute('aria-label')).to.equal('Customers contacted, daily trend (working days only)');
    expect(spark.querySelectorAll('rect.rest').length).to.equal(1);
    const today = spark.querySelector<SVGCircleElement>('circle[data-date="2026-11-24"]')!;
    expect(today.classList.contains('partial')).to.equal(true);
    // Hollow: the point is drawn in the tile's background, its outline in the series colour.
    expect(getComputedStyle(today).fill).to.equal(getComputedStyle(tile(el, 'contacted')!).backgroundColor);
    expect(spark.querySelector('path.partial')).to.not.equal(null);
    today.focus();
    await el.updateComplete;
    expect(part(el, 'contacted', 'readout')).to.equal('Nov 24 (today, so far): 6');

    // The claim rate's last working days have no value yet; the tile says why, and a counts tile says nothing.
    expect(part(el, 'claim_rate', 'trend-note')).to.equal('A day counts once its leads are 24 h old');
    const rateSpark = tile(el, 'claim_rate')!.querySelector('svg[part="sparkline"]')!;
    const noteId = rateSpark.getAttribute('aria-describedby')!;
    expect(el.shadowRoot!.getElementById(noteId)?.textContent).to.equal('A day counts once its leads are 24 h old');
    expect(tile(el, 'contacted')!.querySelector('[part~="trend-note"]')).to.equal(null);
  });

  it('speaks zh-CN: labels from the catalogue, money compacted with 万', async () => {
    const el = await mount(
      adapterOf(() => result()),
      { indicators: 'contacted,conversions' },
    );
    el.lang = 'zh-CN';
    await loaded(el, 'li[data-indicator]');
    await el.updateComplete;
    expect(text(tile(el, 'contacted')!.querySelector('[part="tile-label"]'))).to.equal('首次触达');
    expect(status(el, 'contacted')).to.equal('落后 (!)');
    expect(part(el, 'conversions', 'amount')).to.equal('金额 ¥123.5万');
  });

  it('fires stride-select with kind indicator from a tile label', async () => {
    const el = await mount(adapterOf(() => result()));
    await loaded(el, 'li[data-indicator]');
    const events: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => events.push(e));
    tile(el, 'visits')!.querySelector<HTMLButtonElement>('[part="tile-label"]')!.click();
    expect(events.map((e) => [e.detail.kind, e.detail.id, e.detail.scope.org])).to.deep.equal([
      ['indicator', 'visits', 'br'],
    ]);
  });
});

describe('<stride-indicators> states', () => {
  it('is not configured without an adapter', async () => {
    const el = await fixture<StrideIndicators>(
      html`<stride-indicators org="br" lang="en" .queryClient=${createStrideQueryClient()}></stride-indicators>`,
    );
    expect(text(el.shadowRoot!.querySelector('[part~="state"]'))).to.contain('Not configured');
  });

  it('shows a tile-shaped skeleton while loading, then the data', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const el = await mount({ indicators: async () => (await gate, result()) });
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-busy="true"]'));
    expect(el.shadowRoot!.querySelectorAll('[aria-busy="true"] li.tile').length).to.equal(10);
    release();
    await loaded(el, 'li[data-indicator]');
  });

  it('says "No data" with the reason when the result has nothing', async () => {
    const el = await mount(adapterOf(() => result({ indicators: [] })));
    await waitUntil(() => text(el.shadowRoot!.querySelector('[part~="state"]')).includes('No data'));
    const reason = text(el.shadowRoot!.querySelector('[part~="state"]'));
    expect(reason).to.contain('Nothing was recorded for the selected org or person in this period');
    expect(reason, 'no raw org id on screen').to.not.contain('br');
  });

  it('says the session expired on an auth error, and retries', async () => {
    let calls = 0;
    const el = await mount({
      indicators: async () => {
        calls += 1;
        throw new StrideError('auth', 'indicators', 'GET /v1/indicators: 401');
      },
    });
    await waitUntil(() => text(el.shadowRoot!).includes('session has expired'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => calls === 2);
  });

  it('keeps the last tiles with a stale badge when a refresh fails', async () => {
    let fail = false;
    const el = await mount({
      indicators: async () => {
        if (fail) throw new StrideError('http', 'indicators', 'GET /v1/indicators: 400', { status: 400 });
        return result();
      },
    });
    await loaded(el, 'li[data-indicator]');
    fail = true;
    el.query.refetch();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="stale"]'));
    expect(part(el, 'contacted', 'value')).to.equal('120');
  });
});

/* ---------------------------------------------------------------- the sheet */

function people(count: number): IndicatorRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    name: `Manager ${String(i).padStart(4, '0')}`,
    kind: 'manager' as const,
    values: { contacted: (i * 37) % 101, visits: i % 7 === 0 ? null : i % 13 },
    targets: { contacted: 100, visits: 10 },
  }));
}

describe('<stride-indicators> table', () => {
  const small = (): IndicatorRow[] => [
    { id: 'sb-2', name: 'West', kind: 'org', values: { contacted: 40, visits: null }, targets: { contacted: 100 } },
    { id: 'sb-1', name: 'East', kind: 'org', values: { contacted: 90, visits: 12 }, targets: { contacted: 100 } },
    { id: 'sb-3', name: '=HYPERLINK("x")', kind: 'org', values: { contacted: 65, visits: 3 } },
  ];
  const sheetResult = (rows = small()) =>
    result({
      indicators: [
        { id: 'contacted', value: 195, target: 300 },
        { id: 'visits', value: 15, target: 30 },
      ],
      rows,
    });
  const names = (el: StrideIndicators) =>
    [...el.shadowRoot!.querySelectorAll('.body [role="row"] [role="rowheader"]')].map((c) => text(c));

  it('asks for the rows it shows and lists them by name with a totals row from the scope', async () => {
    const adapter = adapterOf(() => sheetResult());
    const el = await mount(adapter, { layout: 'table', rows: 'children', indicators: 'contacted,visits' });
    await loaded(el, '.body [role="row"]');
    expect(adapter.queries[0]).to.deep.equal({ scope, rows: 'children' });
    expect(names(el)).to.deep.equal(['=HYPERLINK("x")', 'East', 'West']);
    const totals = [...el.shadowRoot!.querySelectorAll('.totals [role="cell"] .num')].map((c) => text(c));
    expect(totals).to.deep.equal(['195', '15']);
  });

  it('"behind only" keeps the rows behind pace on some indicator, and the CSV follows', async () => {
    const el = await mount(
      adapterOf(() => sheetResult()),
      { layout: 'table', indicators: 'contacted,visits' },
    );
    await loaded(el, '.body [role="row"]');
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="behind-only"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    // pace 100 x 17/21 = 80.95: West 40 is behind; East 90 is ahead; the third row has no target to be behind
    expect(names(el)).to.deep.equal(['West']);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(el.toCsv()).to.contain('West').and.not.contain('East');
    toggle.click();
    await el.updateComplete;
    expect(names(el)).to.have.length(3);
  });

  it('colours each cell by % of target against pace and shows the %', async () => {
    const el = await mount(
      adapterOf(() => sheetResult()),
      { layout: 'table', indicators: 'contacted,visits' },
    );
    await loaded(el, '.body [role="row"]');
    const cell = (rowId: string, col: number) =>
      el.shadowRoot!.querySelectorAll(`[data-row="${rowId}"] [role="cell"]`)[col]!;
    // pace 100 x 17/21 = 80.95: East 90 -> 1.11 ahead (3); West 40 -> 0.49 (0); no target -> no band.
    expect(cell('sb-1', 0).getAttribute('data-band')).to.equal('3');
    expect(text(cell('sb-1', 0))).to.equal('90 90%');
    expect(cell('sb-2', 0).getAttribute('data-band')).to.equal('0');
    expect(cell('sb-3', 0).hasAttribute('data-band')).to.equal(false);
    expect(text(cell('sb-2', 1))).to.equal('--');
  });

  it('sorts by a column (best first, missing last), then reverses, and says so in aria-sort', async () => {
    const el = await mount(
      adapterOf(() => sheetResult()),
      { layout: 'table', indicators: 'contacted,visits' },
    );
    await loaded(el, '.body [role="row"]');
    const sortButton = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-sort="visits"]')!;
    sortButton.click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['East', '=HYPERLINK("x")', 'West']);
    expect(sortButton.closest('[role="columnheader"]')!.getAttribute('aria-sort')).to.equal('descending');
    sortButton.click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['=HYPERLINK("x")', 'East', 'West']);
    expect(sortButton.closest('[role="columnheader"]')!.getAttribute('aria-sort')).to.equal('ascending');
  });

  it('fires stride-select with the row kind when a row is activated', async () => {
    const el = await mount(
      adapterOf(() => sheetResult()),
      { layout: 'table', indicators: 'contacted' },
    );
    await loaded(el, '.body [role="row"]');
    const events: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => events.push(e));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-row="sb-1"] .row-open')!.click();
    el.shadowRoot!.querySelector<HTMLElement>('[data-row="sb-2"] [role="cell"]')!.click();
    expect(events.map((e) => [e.detail.kind, e.detail.id])).to.deep.equal([
      ['org', 'sb-1'],
      ['org', 'sb-2'],
    ]);
  });

  it('exports the sheet as shown to CSV with a BOM, formula-safe, totals last', async () => {
    const el = await mount(
      adapterOf(() => sheetResult()),
      { layout: 'table', indicators: 'contacted,visits' },
    );
    await loaded(el, '.body [role="row"]');
    const blobs: Blob[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:test-export';
    };
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    let downloadName = '';
    const onClick = (e: Event) => {
      const a = e.composedPath()[0] as HTMLAnchorElement;
      downloadName = a.download;
      e.preventDefault();
    };
    el.shadowRoot!.addEventListener('click', onClick, true);
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click();
      await waitUntil(() => revoked.length === 1);
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    }
    expect(downloadName).to.equal('indicators-br-month-2026-11-24.csv');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    expect(csv).to.equal(
      'Name,Customers contacted,Visits\r\n' +
        `"'=HYPERLINK(""x"")",65,3\r\n` +
        'East,90,12\r\n' +
        'West,40,\r\n' +
        'Total,195,15\r\n',
    );
  });

  it('renders only the visible rows of 1,000 managers and follows the scroll', async () => {
    const adapter = adapterOf(() =>
      result({ indicators: [{ id: 'contacted', value: 1, target: 2 }], rows: people(1000) }),
    );
    const el = await mount(adapter, { layout: 'table', rows: 'managers', indicators: 'contacted,visits' });
    await loaded(el, '.body [role="row"]');
    expect(adapter.queries[0]!.rows).to.equal('managers');
    const rendered = () => el.shadowRoot!.querySelectorAll('.body [role="row"]').length;
    expect(rendered()).to.be.greaterThan(5).and.lessThan(60);
    expect(el.shadowRoot!.querySelector('[role="table"]')!.getAttribute('aria-rowcount')).to.equal('1002');
    const sheet = el.shadowRoot!.querySelector<HTMLElement>('.sheet')!;
    sheet.scrollTop = 36 * 500;
    sheet.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    expect(names(el)).to.include('Manager 0500');
    expect(names(el)).not.to.include('Manager 0000');
    expect(rendered()).to.be.lessThan(60);
  });

  it('highlights and pins the signed-in manager', async () => {
    const el = await mount(
      adapterOf(() => result({ rows: people(200) })),
      { layout: 'table', rows: 'managers', indicators: 'contacted', me: 'm150' },
    );
    await loaded(el, '.body [role="row"]');
    const pinned = el.shadowRoot!.querySelector('.head [data-row="m150"]');
    expect(pinned).to.exist;
    expect(pinned!.classList.contains('me')).to.equal(true);
  });
});

describe('<stride-indicators> accessibility', () => {
  it('passes axe with tiles', async () => {
    const el = await mount(adapterOf(() => result()));
    await loaded(el, 'li[data-indicator]');
    await expect(el).to.be.accessible();
  });

  it('passes axe with the sheet', async () => {
    const el = await mount(
      adapterOf(() => result({ rows: people(30) })),
      { layout: 'table', rows: 'managers', me: 'm3' },
    );
    await loaded(el, '.body [role="row"]');
    await expect(el).to.be.accessible();
  });
});

describe('<stride-indicators> import graph', () => {
  it('loads no ECharts module', async () => {
    // Walk the module graph the dev server serves, from the element's entry, and look at every specifier.
    const seen = new Set<string>();
    const queue = [new URL('../../../packages/elements/src/indicators/indicators.ts', import.meta.url).href];
    // Static imports and re-exports start a line in the served modules; dynamic imports may sit anywhere.
    const importPattern =
      /^\s*(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const source = await (await fetch(url)).text();
      for (const match of source.matchAll(importPattern)) {
        const specifier = match[1] ?? match[2];
        if (!specifier) continue;
        queue.push(new URL(specifier, url).href);
      }
    }
    expect(seen.size).to.be.greaterThan(10);
    expect([...seen].some((url) => url.includes('lit'))).to.equal(true);
    expect([...seen].filter((url) => /echarts|zrender/i.test(url))).to.deep.equal([]);
  });
});
