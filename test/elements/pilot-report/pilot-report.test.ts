import { expect } from '@open-wc/testing';
import { StrideError, createMetricsEngine, createStaticAdapter, type StrideAdapter } from '@stride/core';
import { generatePilot } from '../../../mocks/pilot/index.js';
import { pilotAdapter } from '../../harness/widgets.js';
import {
  FIRST_WEEK,
  LAST_WEEK,
  WEEKS,
  assignedIn,
  countingAdapter,
  mountReport,
  pilotConversions,
  text,
  visitsIn,
  weekBaseline,
} from './report-fixtures.js';

const section = (el: HTMLElement, id: string) => el.shadowRoot!.querySelector(`[part~="${id}-section"]`)!;
const cells = (row: Element | null) => [...(row?.querySelectorAll('th, td') ?? [])].map((c) => text(c));
const times = (value: number, baseline: number) => `×${Math.round((value / baseline) * 10) / 10}`;

describe('<stride-pilot-report>', () => {
  it('shows the ten indicators first week vs last week vs the weekly baseline, and the pilot total', async () => {
    const el = await mountReport(pilotAdapter());
    const indicators = section(el, 'indicators');
    expect(indicators.querySelectorAll('tbody tr')).to.have.length(10);
    const assigned = cells(indicators.querySelector('tr[data-indicator="assigned"]'));
    expect(assigned[0]).to.equal('名单下发');
    expect(assigned[1], 'first week').to.equal(String(assignedIn(FIRST_WEEK)));
    expect(assigned[2], 'last week').to.equal(String(assignedIn(LAST_WEEK)));
    expect(assigned[3], 'baseline of one whole week').to.equal(String(weekBaseline('assigned', LAST_WEEK)));
    const visits = cells(indicators.querySelector('tr[data-indicator="visits"]'));
    expect(visits[5], 'last week vs before').to.equal(times(visitsIn(LAST_WEEK), weekBaseline('visits', LAST_WEEK)));
    const conversions = cells(indicators.querySelector('tr[data-indicator="conversions"]'));
    expect(conversions[6], 'pilot total').to.equal(String(pilotConversions()));
    expect(text(el.shadowRoot!.querySelector('[part~="header"]'))).to.contain(`已完成 ${WEEKS} 个整周`);
  });

  it('every other section from the same pilot: trend per week, funnel, coverage, champions, movers, alerts', async () => {
    const el = await mountReport(pilotAdapter(), { lang: 'en' });
    const trend = section(el, 'trend');
    expect(trend.querySelectorAll('thead th')).to.have.length(2 + WEEKS);
    const visitsTrend = cells(trend.querySelector('tr[data-indicator="visits"]'));
    expect(visitsTrend[2], 'first week').to.equal(String(visitsIn(FIRST_WEEK)));
    expect(visitsTrend[2 + WEEKS - 1], 'last week').to.equal(String(visitsIn(LAST_WEEK)));

    const funnel = section(el, 'funnel');
    expect(funnel.querySelectorAll('tbody tr')).to.have.length(7);
    // the synthetic events begin with the pilot: no pre-pilot funnel, said in words rather than shown as numbers
    expect(text(funnel)).to.contain('no data from before the pilot');

    const coverage = [...section(el, 'coverage').querySelectorAll('tbody tr')].map((r) => cells(r));
    expect(coverage).to.have.length(WEEKS);
    const covered = coverage.map((r) => Number(r[2]!.replace(/,/g, '')));
    expect(covered, 'coverage since the pilot began never falls').to.deep.equal([...covered].sort((a, b) => a - b));

    const champions = section(el, 'champions');
    expect(text(champions)).to.contain('Weekly champion');
    for (const row of champions.querySelectorAll('tbody tr')) expect(text(row)).to.match(/(Weekly|Monthly) champion/);

    const movers = [...section(el, 'movers').querySelectorAll('tbody tr')].map((r) => cells(r));
    expect(movers.length).to.be.within(1, 5);
    for (const m of movers) expect(Number(m[4])).to.equal(Number(m[3]) - Number(m[2]));

    const alerts = section(el, 'alerts').querySelectorAll('tbody tr');
    expect(alerts).to.have.length(WEEKS);
    expect(text(alerts[0])).to.contain('Sep 28–Oct 4');
  });

  it('asks a bounded number of requests: 5 + 3 per whole week, or 5 + 2 when alerts are derived', async () => {
    const withAlerts = countingAdapter(pilotAdapter());
    await mountReport(withAlerts.adapter);
    expect(withAlerts.calls).to.deep.equal({
      indicators: 1 + WEEKS,
      funnel: 1,
      leaderboard: 3,
      coverage: WEEKS,
      alerts: WEEKS,
    });

    const derived = countingAdapter(pilotAdapter(), ['alerts']);
    const el = await mountReport(derived.adapter);
    expect(derived.calls).to.deep.equal({ indicators: 1 + WEEKS, funnel: 1, leaderboard: 3, coverage: WEEKS });
    expect(section(el, 'alerts').querySelectorAll('tbody tr'), 'derived from the weeks').to.have.length(WEEKS);
  });

  it('a missing method or a failed one: the section says which and why, the rest renders', async () => {
    const inner = pilotAdapter();
    const { adapter } = countingAdapter(inner, ['funnel', 'coverage']);
    const failing: StrideAdapter = {
      ...adapter,
      coverage: () =>
        Promise.reject(new StrideError('http', 'coverage', 'coverage: HTTP 404 Not Found', { status: 404 })),
    };
    const el = await mountReport(failing, { lang: 'en' });
    const funnel = text(section(el, 'funnel'));
    expect(funnel).to.contain('Section missing: Lead funnel against before the pilot');
    expect(funnel).to.contain('does not provide funnel');
    const coverage = text(section(el, 'coverage'));
    expect(coverage).to.contain('Section missing: Grid coverage growth');
    expect(coverage).to.contain('HTTP 404');
    expect(section(el, 'indicators').querySelectorAll('tbody tr')).to.have.length(10);
    expect(section(el, 'alerts').querySelectorAll('tbody tr')).to.have.length(WEEKS);
  });

  it('a pilot just started: no whole week and no baseline yet, said so, no made-up comparison', async () => {
    // four days old on a Tuesday: started on Saturday, the first Monday-to-Sunday week has not ended
    const data = generatePilot({ seed: 7, today: '2026-11-24', days: 4, managers: 6, grids: 6, events: 300 });
    const engine = createMetricsEngine({
      ...data,
      targets: data.targets.map(({ baseline: _dropped, ...row }) => row),
      now: () => new Date('2026-11-24T18:00:00+08:00'),
    });
    const adapter = createStaticAdapter({
      indicators: (q) => engine.indicators(q),
      leaderboard: (q) => engine.leaderboard(q),
      funnel: (q) => engine.funnel(q),
      coverage: (q) => engine.coverage(q),
      alerts: (q) => engine.alerts(q),
    });
    const el = await mountReport(adapter);
    const indicators = section(el, 'indicators');
    expect(text(indicators)).to.contain('试点还没有完整的一周');
    expect(cells(indicators.querySelector('thead tr')), 'only the pilot so far').to.deep.equal(['指标', '试点累计']);
    expect(text(section(el, 'movers'))).to.contain('需要至少两个完整周');
    expect(text(section(el, 'trend'))).to.contain('试点还没有完整的一周');
    expect(el.shadowRoot!.textContent).not.to.contain('×');
  });
});
