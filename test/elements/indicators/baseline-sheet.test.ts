// The sheet (一人一表) against the time before the pilot (DESIGN "Baseline"): each cell says how its row compares with
// its own baseline beside its share of target, in both languages, on a phone and a wall screen, and the CSV export
// says the same. November 2026 has 21 Monday-Friday working days; 17 have elapsed by Tuesday the 24th.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  DEFAULT_CATALOGUE,
  createStrideQueryClient,
  type IndicatorDefinition,
  type IndicatorsResult,
  type StrideAdapter,
} from '@stride/core';
import '../../../packages/elements/src/indicators/indicators.js';
import type { StrideIndicators } from '../../../packages/elements/src/indicators/indicators.js';

const definition = (id: string) => DEFAULT_CATALOGUE.find((item) => item.id === id)!;
const catalogue: IndicatorDefinition[] = [
  definition('contacted'),
  definition('claim_rate'),
  { id: 'deposits', unit: 'amount', measure: 'balance', label: { 'zh-CN': '存款余额', en: 'Deposit balance' } },
];

const result: IndicatorsResult = {
  asOf: '2026-11-24T10:00:00+08:00',
  scope: { org: 'br', period: 'month', date: '2026-11-24' },
  period: { start: '2026-11-01', end: '2026-11-30' },
  indicators: [
    { id: 'contacted', value: 120, target: 210, baseline: 42 },
    { id: 'claim_rate', value: 0.8, target: 0.9, baseline: 0.55 },
    { id: 'deposits', value: 95_000_000, target: 100_000_000, opening: 80_000_000, baseline: 76_000_000 },
  ],
  rows: [
    {
      id: 'm1',
      name: '张伟',
      kind: 'manager',
      // 102 against a month's 18 pro-rated: 18 x 17/21 = 14.57, so x7.0; 0.85 - 0.697 = +15.3 points;
      // a balance whole: 4,100万 / 4,000万 = x1.0 (1.025)
      values: { contacted: 102, claim_rate: 0.85, deposits: 41_000_000 },
      targets: { contacted: 105, claim_rate: 0.9, deposits: 50_000_000 },
      baselines: { contacted: 18, claim_rate: 0.697, deposits: 40_000_000 },
      openings: { deposits: 40_000_000 },
    },
    {
      id: 'm2',
      name: '李娜',
      kind: 'manager',
      // 18 / (24 x 17/21) = x0.9; 0.75 - 0.8 = -5 points; no deposits baseline: nothing said
      values: { contacted: 18, claim_rate: 0.75, deposits: 54_000_000 },
      targets: { contacted: 105, claim_rate: 0.9, deposits: 50_000_000 },
      baselines: { contacted: 24, claim_rate: 0.8 },
      openings: { deposits: 40_000_000 },
    },
  ],
};

const adapter: StrideAdapter = { indicators: async () => result };

/** What a wall screen shows: the ten process indicators and the supplied ones, so columns are at their narrowest. */
const everything: IndicatorDefinition[] = [
  ...DEFAULT_CATALOGUE,
  catalogue[2]!,
  { id: 'aum', unit: 'amount', measure: 'balance', label: { 'zh-CN': '管户AUM', en: 'AUM' } },
];

async function mount(
  lang: 'zh-CN' | 'en',
  width: number,
  mode = '',
  shown: readonly IndicatorDefinition[] = catalogue,
): Promise<StrideIndicators> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
    <stride-indicators
      org="br"
      date="2026-11-24"
      lang=${lang}
      mode=${mode}
      layout="table"
      rows="managers"
      .catalogue=${shown}
      .adapter=${adapter}
      .queryClient=${createStrideQueryClient()}
    ></stride-indicators>
  </div>`);
  const el = wrapper.querySelector<StrideIndicators>('stride-indicators')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[data-row="m2"]'), 'the sheet rows');
  await el.updateComplete;
  return el;
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cell = (el: StrideIndicators, rowId: string, col: number) =>
  el.shadowRoot!.querySelectorAll(`[data-row="${rowId}"] [role="cell"]`)[col]!;
const versus = (node: Element) => {
  const part = node.querySelector('[part="cell-baseline"]');
  // what is on screen: the comparison without its words for a screen reader
  return part
    ? text(part)
        .replace(text(part.querySelector('.visually-hidden')), '')
        .trim()
    : null;
};

describe('<stride-indicators> sheet against baselines', () => {
  it('gives each cell its comparison with before the pilot in zh-CN', async () => {
    const el = await mount('zh-CN', 1440);
    expect(versus(cell(el, 'm1', 0))).to.equal('×7');
    expect(versus(cell(el, 'm1', 1))).to.equal('+15.3个百分点');
    expect(versus(cell(el, 'm1', 2))).to.equal('×1');
    expect(versus(cell(el, 'm2', 0))).to.equal('×0.9');
    expect(versus(cell(el, 'm2', 1))).to.equal('-5个百分点');
    expect(versus(cell(el, 'm2', 2))).to.equal(null);
    // the share of target stays beside the number: 102 / 105 = 97%
    expect(text(cell(el, 'm1', 0).querySelector('.pct'))).to.equal('97%');
    // the totals against the scope's own baseline: 120 / (42 x 17/21) = x3.5; 9,500万 / 7,600万 = x1.3
    const totals = [...el.shadowRoot!.querySelectorAll('.totals [role="cell"]')].map(versus);
    expect(totals).to.deep.equal(['×3.5', '+25个百分点', '×1.3']);
    expect(text(el.shadowRoot!.querySelector('[part="legend"]'))).to.contain('较试点前');
    // a screen reader hears what the figure is
    expect(text(cell(el, 'm1', 0).querySelector('[part="cell-baseline"]'))).to.equal('较试点前 ×7');
  });

  it('says the same in English, and the CSV export follows each compared column with its comparison', async () => {
    const el = await mount('en', 1440);
    expect(versus(cell(el, 'm1', 1))).to.equal('+15.3 pts');
    expect(text(cell(el, 'm1', 0).querySelector('[part="cell-baseline"]'))).to.equal('vs pre-pilot ×7');
    const lines = el
      .toCsv()
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).to.equal(
      'Name,Customers contacted,Customers contacted vs pre-pilot (×),Claim rate,Claim rate vs pre-pilot (pts),Deposit balance,Deposit balance vs pre-pilot (×)',
    );
    expect(lines[1]).to.equal('张伟,102,7,0.85,15.3,41000000,1');
    expect(lines[2]).to.equal('李娜,18,0.9,0.75,-5,54000000,');
    expect(lines[3]).to.equal('Total,120,3.5,0.8,25,95000000,1.3');
  });

  it('says nothing about before the pilot where no row has a baseline', async () => {
    const plain: StrideAdapter = {
      indicators: async () => ({
        ...result,
        indicators: result.indicators.map(({ baseline: _, ...rest }) => rest),
        rows: result.rows!.map(({ baselines: _, ...rest }) => rest),
      }),
    };
    const el = await fixture<StrideIndicators>(html`<stride-indicators
      org="br"
      date="2026-11-24"
      lang="en"
      layout="table"
      .catalogue=${catalogue}
      .adapter=${plain}
      .queryClient=${createStrideQueryClient()}
    ></stride-indicators>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-row="m2"]'), 'the sheet rows');
    expect(el.shadowRoot!.querySelector('[part="cell-baseline"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="legend"]')).to.equal(null);
    expect(el.toCsv()).not.to.contain('pre-pilot');
  });

  for (const [lang, width, mode] of [
    ['zh-CN', 375, ''],
    ['en', 375, ''],
    ['zh-CN', 1920, 'huddle'],
    ['en', 1920, 'huddle'],
  ] as const) {
    it(`fits every figure of a cell in its column (${lang}, ${width}px${mode ? ', huddle' : ''})`, async () => {
      const el = await mount(lang, width, mode, everything);
      for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('[role="cell"]')) {
        // nothing cut off by the cell's ellipsis, and the two small lines stay inside the row's height
        expect(node.scrollWidth, text(node)).to.be.at.most(node.clientWidth);
        const side = node.querySelector<HTMLElement>('.side');
        if (side)
          expect(side.getBoundingClientRect().height, text(node)).to.be.at.most(node.getBoundingClientRect().height);
      }
    });
  }
});
