// A portal sets its catalogue once (the ten indicators plus the deposit balance the back end supplies): on the
// dashboard, on a <stride-scope> or through configure(), and every widget inside shows the same indicators.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  DEFAULT_CATALOGUE,
  createStrideQueryClient,
  type AlertsResult,
  type IndicatorDefinition,
  type IndicatorsResult,
  type OrgTree,
  type StrideAdapter,
} from '@stride/core';
import '../../../packages/elements/src/dashboard/dashboard.js';
import '../../../packages/elements/src/scope/scope.js';
import '../../../packages/elements/src/indicators/indicators.js';
import '../../../packages/elements/src/alerts/alerts.js';
import { configure } from '../../../packages/elements/src/index.js';
import type { StrideDashboard } from '../../../packages/elements/src/dashboard/dashboard.component.js';
import type { StrideIndicators } from '../../../packages/elements/src/indicators/indicators.js';

const deposits: IndicatorDefinition = {
  id: 'deposits',
  unit: 'amount',
  measure: 'balance',
  label: { 'zh-CN': '存款余额', en: 'Deposit balance' },
};
const catalogue: IndicatorDefinition[] = [...DEFAULT_CATALOGUE, deposits];

const tree: OrgTree = [
  { id: 'br', name: '杭州分行', parentId: null, level: 'branch' },
  { id: 'm-1', name: '张伟', parentId: 'br', level: 'manager' },
];
const indicators: IndicatorsResult = {
  asOf: '2026-11-24T10:00:00+08:00',
  scope: { org: 'br', period: 'month', date: '2026-11-24' },
  period: { start: '2026-11-01', end: '2026-11-30' },
  indicators: [
    { id: 'contacted', value: 120, target: 210 },
    { id: 'deposits', value: 95_000_000, opening: 80_000_000, target: 100_000_000 },
  ],
};
// 张伟's deposit pace: 4,000万 + 1,000万 x 17/21 = 4,809.5万, and he stands at 4,100万 (docs/supplied-indicators.md)
const alerts: AlertsResult = {
  asOf: indicators.asOf,
  scope: indicators.scope,
  alerts: [
    {
      id: 'm-1:pace:deposits',
      subject: { kind: 'manager', id: 'm-1', name: '张伟' },
      rule: 'pace',
      indicator: 'deposits',
      value: 41_000_000,
      expected: 48_095_238.1,
      severity: 0.148,
      since: null,
    },
  ],
};
const adapter: StrideAdapter = {
  orgTree: async () => tree,
  indicators: async () => indicators,
  alerts: async () => alerts,
};

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const depositsTile = (widget: Element | null | undefined) =>
  widget?.shadowRoot?.querySelector('li[data-indicator="deposits"]') ?? null;

describe('one catalogue for every widget', () => {
  beforeEach(() => localStorage.clear());

  it("the dashboard's catalogue reaches its tiles and its alerts", async () => {
    const el = await fixture<StrideDashboard>(html`<stride-dashboard
      org="br"
      date="2026-11-24"
      lang="zh-CN"
      .catalogue=${catalogue}
      .adapter=${adapter}
      .queryClient=${createStrideQueryClient()}
    ></stride-dashboard>`);
    const tiles = () => el.shadowRoot!.querySelector('.cell.indicators > *');
    await waitUntil(() => depositsTile(tiles()), 'the deposit balance tile', { timeout: 5000 });
    expect(text(depositsTile(tiles())!.querySelector('[part="value"]'))).to.equal('9,500万');
    const alertsWidget = () => el.shadowRoot!.querySelector('.cell.alerts > *');
    await waitUntil(() => text(alertsWidget()?.shadowRoot?.querySelector('[data-alert]')) !== '', 'the alert', {
      timeout: 5000,
    });
    const alert = text(alertsWidget()!.shadowRoot!.querySelector('[data-alert]'));
    expect(alert).to.contain('存款余额').and.contain('4,100万');
  });

  it('a scope sets it for the widgets inside; a widget of its own still wins', async () => {
    const wrapper = await fixture<HTMLElement>(html`<stride-scope
      org="br"
      date="2026-11-24"
      lang="en"
      .catalogue=${catalogue}
      .adapter=${adapter}
      .queryClient=${createStrideQueryClient()}
    >
      <stride-indicators id="shared"></stride-indicators>
      <stride-indicators id="own" .catalogue=${DEFAULT_CATALOGUE}></stride-indicators>
    </stride-scope>`);
    const shared = wrapper.querySelector<StrideIndicators>('#shared')!;
    const own = wrapper.querySelector<StrideIndicators>('#own')!;
    await waitUntil(() => depositsTile(shared), 'the deposit balance tile');
    expect(text(depositsTile(shared)!.querySelector('[part="value"]'))).to.equal('¥95M');
    await waitUntil(() => own.shadowRoot!.querySelector('li[data-indicator="contacted"]'), 'the own tiles');
    expect(depositsTile(own)).to.equal(null);
  });

  it('configure() sets it for a page with no scope', async () => {
    configure({ catalogue });
    try {
      const el = await fixture<StrideIndicators>(html`<stride-indicators
        org="br"
        date="2026-11-24"
        lang="en"
        .adapter=${adapter}
        .queryClient=${createStrideQueryClient()}
      ></stride-indicators>`);
      await waitUntil(() => depositsTile(el), 'the deposit balance tile');
      expect(text(depositsTile(el)!.querySelector('[part="tile-label"]'))).to.equal('Deposit balance');
    } finally {
      configure({ catalogue: undefined });
    }
  });
});
