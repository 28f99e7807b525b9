import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import {
  DARK_TOKENS,
  LIGHT_TOKENS,
  StrideError,
  createStrideQueryClient,
  type FunnelQuery,
  type FunnelResult,
  type StrideAdapter,
} from '@stride/core';
import '../../../packages/elements/src/funnel/funnel.js';
import type { StrideFunnel } from '../../../packages/elements/src/funnel/funnel.component.js';
import type { StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';

const IDS = ['assigned', 'claimed', 'contacted', 'visited', 'intent', 'applied', 'converted'];
const LABELS = ['Assigned', 'Claimed', 'Contacted', 'Visited', 'Intent', 'Applied', 'Converted'];

function funnel(counts: number[], org = 'br', date = '2026-11-24', label = (i: number) => LABELS[i]!): FunnelResult {
  return {
    asOf: `${date}T10:00:00+08:00`,
    scope: { org, period: 'month', date },
    stages: counts.map((count, i) => ({
      id: IDS[i]!,
      label: label(i),
      count,
      ...(IDS[i] === 'visited' ? { overdue: 9, medianDwellHours: 52 } : {}),
      ...(IDS[i] === 'claimed' ? { overdue: 0, medianDwellHours: 5 } : {}),
    })),
  };
}

const CURRENT = [200, 180, 150, 60, 30, 12, 6];

function text(el: Node | null | undefined): string {
  return el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function mount(
  adapter: StrideAdapter,
  attrs: { compare?: string; orientation?: string; theme?: string; date?: string } = {},
): Promise<StrideFunnel> {
  const el = await fixture<StrideFunnel>(html`<div style="width:900px">
    <stride-funnel
      org="br"
      lang="en"
      date=${attrs.date ?? '2026-11-24'}
      compare=${attrs.compare ?? ''}
      orientation=${attrs.orientation ?? 'vertical'}
      theme=${attrs.theme ?? 'light'}
      .adapter=${adapter}
      .queryClient=${createStrideQueryClient()}
    ></stride-funnel>
  </div>`).then((wrapper) => wrapper.querySelector('stride-funnel')!);
  return el;
}

async function drawn(el: StrideFunnel): Promise<void> {
  await waitUntil(() => el.chart.drawCount > 0 && el.chart.chart, 'chart drawn', { timeout: 5000 });
}

function stageButton(el: StrideFunnel, id: string): HTMLButtonElement {
  return el.shadowRoot!.querySelector<HTMLButtonElement>(`button.stage[data-stage="${id}"]`)!;
}

function fact(el: StrideFunnel, id: string, name: string): string {
  return text(stageButton(el, id).querySelector(`[data-fact="${name}"] b`));
}

describe('<stride-funnel>', () => {
  // Load the chart module and ECharts (test/support/prebundled-echarts.mjs) once, so each test times only its own
  // work; on a busy machine the first import can take longer than a test's 20 s.
  before(async function () {
    this.timeout(60_000);
    await import('../../../packages/elements/src/funnel/funnel.echarts.js');
  });

  it("says how a stage's rate compares with before the pilot where the result gives a baseline rate", async () => {
    const withBaseline = funnel(CURRENT);
    withBaseline.stages[3]!.baselineRate = 0.15; // visited: 60 / 150 = 40% now
    const el = await mount({ funnel: async () => withBaseline });
    await drawn(el);
    expect(fact(el, 'visited', 'baseline')).to.equal('+25 pts');
    expect(text(stageButton(el, 'visited').querySelector('[data-fact="baseline"]'))).to.equal('vs pre-pilot +25 pts');
    expect(stageButton(el, 'claimed').querySelector('[data-fact="baseline"]')).to.equal(null);
  });

  it("shows every stage's count, share of first and previous, drop-off, overdue and dwell without hovering", async () => {
    const el = await mount({ funnel: async () => funnel(CURRENT) });
    await drawn(el);
    const visited = stageButton(el, 'visited');
    expect(text(visited.querySelector('.stage-count'))).to.equal('60');
    expect(fact(el, 'visited', 'first')).to.equal('30%'); // 60 / 200
    expect(fact(el, 'visited', 'previous')).to.equal('40%'); // 60 / 150
    expect(text(visited.querySelector('[data-fact="drop"]'))).to.contain('30 (50%)'); // 60 - 30, of 60
    expect(fact(el, 'visited', 'overdue')).to.equal('9');
    expect(fact(el, 'visited', 'dwell')).to.equal('2.2 days'); // 52 h
    expect(fact(el, 'claimed', 'dwell')).to.equal('5 hr');
    expect(fact(el, 'assigned', 'previous')).to.equal('--');
    expect(fact(el, 'converted', 'drop')).to.equal('--');
    expect(fact(el, 'converted', 'first')).to.equal('3%'); // 6 / 200
    expect(el.shadowRoot!.querySelectorAll('button.stage')).to.have.length(7);
  });

  it('compares with the previous period: asks for the same day last month and shows per-stage deltas', async () => {
    const asked: FunnelQuery[] = [];
    const adapter: StrideAdapter = {
      funnel: async (query) => {
        asked.push(query);
        return query.scope.date === '2026-11-24'
          ? funnel(CURRENT)
          : funnel([160, 150, 100, 80, 20, 10, 8], 'br', query.scope.date);
      },
    };
    const el = await mount(adapter, { compare: 'previous' });
    await waitUntil(() => el.shadowRoot!.querySelector('[data-fact="delta"]'), 'deltas shown');
    expect(asked.map((q) => q.scope.date).sort()).to.deep.equal(['2026-10-24', '2026-11-24']);
    expect(fact(el, 'assigned', 'delta')).to.equal('+40'); // 200 - 160
    expect(fact(el, 'visited', 'delta')).to.equal('-20'); // 60 - 80
    expect(text(stageButton(el, 'assigned').querySelector('[data-fact="delta"]'))).to.contain('(160, +25%)');
    await waitUntil(
      () => (el.chart.chart?.getOption() as { series: unknown[] } | undefined)?.series.length === 2,
      'second funnel drawn',
    );
    expect(text(el.shadowRoot!.querySelector('.legend'))).to.contain('Previous period');
  });

  it('compares with another org for the same period', async () => {
    const asked: string[] = [];
    const adapter: StrideAdapter = {
      funnel: async (query) => {
        asked.push(`${query.scope.org}@${query.scope.date}`);
        return query.scope.org === 'br' ? funnel(CURRENT) : funnel([100, 90, 80, 70, 60, 50, 40], query.scope.org);
      },
    };
    const el = await mount(adapter, { compare: 'org:sub-2' });
    await waitUntil(() => el.shadowRoot!.querySelector('[data-fact="delta"]'), 'deltas shown');
    expect(asked.sort()).to.deep.equal(['br@2026-11-24', 'sub-2@2026-11-24']);
    expect(fact(el, 'converted', 'delta')).to.equal('-34'); // 6 - 40
    expect(text(el.shadowRoot!.querySelector('.legend'))).to.contain('Org sub-2');
  });

  it('fires stride-select (kind stage) by click, by keyboard and from the canvas', async () => {
    const el = await mount({ funnel: async () => funnel(CURRENT) });
    await drawn(el);
    const selected: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => selected.push(e));
    stageButton(el, 'contacted').click();
    stageButton(el, 'intent').focus();
    await sendKeys({ press: 'Enter' });
    stageButton(el, 'applied').focus();
    await sendKeys({ press: 'Space' });
    // The top stage of the funnel spans the full width of the chart's top row.
    const chart = el.shadowRoot!.querySelector('.chart')!.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(chart.left + chart.width / 2), Math.round(chart.top + 20)],
    });
    await waitUntil(() => selected.length === 4, 'four selections');
    expect(selected.map((e) => e.detail.id)).to.deep.equal(['contacted', 'intent', 'applied', 'assigned']);
    expect(selected.every((e) => e.detail.kind === 'stage' && e.detail.scope.org === 'br')).to.equal(true);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('toggles a data table with the same numbers, and back to a redrawn chart', async () => {
    const el = await mount({ funnel: async () => funnel(CURRENT) });
    await drawn(el);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="toggle"]')!;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(el.shadowRoot!.querySelector('.chart')).to.equal(null);
    const row = el.shadowRoot!.querySelector('tr[data-stage="visited"]')!;
    expect([...row.querySelectorAll('th, td')].map(text)).to.deep.equal([
      'Visited',
      '60',
      '30%',
      '40%',
      '30',
      '9',
      '2.2 days',
    ]);
    const selected: string[] = [];
    el.addEventListener('stride-select', (e) => selected.push(e.detail.id));
    row.querySelector('button')!.click();
    expect(selected).to.deep.equal(['visited']);
    toggle.click();
    await el.updateComplete;
    await waitUntil(() => el.chart.chart && !el.chart.chart.isDisposed(), 'chart back');
    expect(el.shadowRoot!.querySelector('.chart canvas')).to.exist;
  });

  it("names the standard stages in the page's language and keeps a bank's own stage names as given", async () => {
    const zh = ['名单下发', '已认领', '已触达', '已面访', '意向', '已进件', '已成交'];
    const el = await mount({
      // A back end writing its labels in Chinese, one stage relabelled in the bank's own words.
      funnel: async () => funnel(CURRENT, 'br', '2026-11-24', (i) => (i === 2 ? '已联系客户' : zh[i]!)),
    });
    await drawn(el);
    expect(text(stageButton(el, 'assigned').querySelector('.stage-label'))).to.equal('Assigned');
    expect(text(stageButton(el, 'converted').querySelector('.stage-label'))).to.equal('Converted');
    expect(text(stageButton(el, 'contacted').querySelector('.stage-label'))).to.equal('已联系客户');
  });

  it('shows a tooltip label as text: an <img onerror> stage label runs nothing and injects nothing', async () => {
    const w = window as unknown as { __strideFunnelXss?: boolean };
    delete w.__strideFunnelXss;
    const evil = '<img src=x onerror="window.__strideFunnelXss=true">';
    const el = await mount({
      funnel: async () => funnel(CURRENT, 'br', '2026-11-24', (i) => (i === 0 ? evil : LABELS[i]!)),
    });
    await drawn(el);
    const before = el.shadowRoot!.querySelectorAll('*').length;
    const chart = el.chart.chart!;
    const option = chart.getOption() as { tooltip: Array<{ renderMode: string }> };
    expect(option.tooltip[0]!.renderMode).to.equal('richText');
    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(w.__strideFunnelXss).to.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect(document.querySelectorAll('img')).to.have.length(0);
    expect(el.shadowRoot!.querySelectorAll('*').length).to.equal(before);
    // The label is still on screen, as text.
    expect(text(stageButton(el, 'assigned').querySelector('.stage-label'))).to.equal(evil);
    chart.dispatchAction({ type: 'hideTip' });
  });

  it('takes its colours from the theme tokens, light and dark', async () => {
    const light = await mount({ funnel: async () => funnel(CURRENT) });
    await drawn(light);
    const dark = await mount({ funnel: async () => funnel(CURRENT) }, { theme: 'dark' });
    await drawn(dark);
    type Opt = { series: Array<{ data: Array<{ itemStyle: { color: string } }> }> };
    expect((light.chart.chart!.getOption() as Opt).series[0]!.data[0]!.itemStyle.color).to.equal(
      LIGHT_TOKENS['series-1'],
    );
    expect((dark.chart.chart!.getOption() as Opt).series[0]!.data[0]!.itemStyle.color).to.equal(
      DARK_TOKENS['series-1'],
    );
  });

  it('lays the funnel out horizontally on request', async () => {
    const el = await mount({ funnel: async () => funnel(CURRENT) }, { orientation: 'horizontal' });
    await drawn(el);
    expect((el.chart.chart!.getOption() as { series: Array<{ orient: string }> }).series[0]!.orient).to.equal(
      'horizontal',
    );
    const first = stageButton(el, 'assigned').getBoundingClientRect();
    const second = stageButton(el, 'claimed').getBoundingClientRect();
    expect(second.left).to.be.greaterThan(first.left);
    expect(Math.abs(second.top - first.top)).to.be.lessThan(1);
  });

  it('does not redraw on a refresh with unchanged data, and disposes the chart on unmount', async () => {
    const el = await mount({ funnel: async () => funnel(CURRENT) });
    await drawn(el);
    const draws = el.chart.drawCount;
    el.funnelQuery.refetch();
    await waitUntil(() => !el.funnelQuery.state.fetching, 'refetched');
    await el.updateComplete;
    expect(el.chart.drawCount).to.equal(draws);
    const chart = el.chart.chart!;
    el.remove();
    expect(chart.isDisposed()).to.equal(true);
  });

  it('shows a skeleton while loading, then empty with a reason', async () => {
    let resolve: (r: FunnelResult) => void = () => {};
    const el = await mount({ funnel: () => new Promise<FunnelResult>((r) => (resolve = r)) });
    expect(el.shadowRoot!.querySelector('[aria-busy="true"] .skeleton')).to.exist;
    resolve(funnel([0, 0, 0, 0, 0, 0, 0]));
    await waitUntil(() => text(el.shadowRoot!.querySelector('[part="state"]')).includes('No data'));
    expect(text(el.shadowRoot!.querySelector('[part="state"]'))).to.contain('No leads were assigned');
  });

  it('says the session expired on an auth error, with a retry that asks again', async () => {
    let calls = 0;
    const el = await mount({
      funnel: async () => {
        calls += 1;
        if (calls === 1) throw new StrideError('auth', 'funnel', 'GET /v1/funnel: 401', { status: 401 });
        return funnel(CURRENT);
      },
    });
    await waitUntil(() => text(el.shadowRoot!).includes('session has expired'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="retry"]')!.click();
    await waitUntil(() => stageButton(el, 'visited'), 'data after retry');
  });

  it('says "not configured" without an adapter', async () => {
    const el = await fixture<StrideFunnel>(html`<stride-funnel org="br" lang="en"></stride-funnel>`);
    expect(text(el.shadowRoot!)).to.contain('Not configured');
  });

  it('explains that a pilot period has no previous period to compare with', async () => {
    const el = await fixture<StrideFunnel>(html`<stride-funnel org="br" lang="en" period="pilot" compare="previous"
      .adapter=${{ funnel: async () => funnel(CURRENT) }} .queryClient=${createStrideQueryClient()}></stride-funnel>`);
    await waitUntil(() => stageButton(el, 'visited'));
    expect(text(el.shadowRoot!.querySelector('.note'))).to.contain('no previous period');
  });

  it('is accessible to axe in light and dark', async () => {
    const el = await mount({ funnel: async () => funnel(CURRENT) }, { compare: 'previous' });
    await drawn(el);
    await expect(el).to.be.accessible();
    const dark = await mount({ funnel: async () => funnel(CURRENT) }, { theme: 'dark' });
    await drawn(dark);
    await expect(dark).to.be.accessible();
  });
});
