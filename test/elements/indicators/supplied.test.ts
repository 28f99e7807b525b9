// <stride-indicators> with indicators the back end supplies (DESIGN "Supplied indicators"): a deposit balance tile
// reads its balance in 万/亿 (¥…M in English) and where it should stand today, paced from its opening. November 2026
// has 21 Monday-Friday working days and 17 have elapsed by Tuesday the 24th.
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

const catalogue: IndicatorDefinition[] = [
  {
    id: 'deposits',
    unit: 'amount',
    measure: 'balance',
    label: { 'zh-CN': '存款余额', en: 'Deposit balance' },
  },
  { id: 'new_accounts', unit: 'count', measure: 'flow', label: { 'zh-CN': '新开户', en: 'New accounts' } },
  ...DEFAULT_CATALOGUE.filter((definition) => definition.id === 'contacted'),
];

const result: IndicatorsResult = {
  asOf: '2026-11-24T10:00:00+08:00',
  scope: { org: 'br', period: 'month', date: '2026-11-24' },
  period: { start: '2026-11-01', end: '2026-11-30' },
  indicators: [
    // pace 8,000万 + (1亿 - 8,000万) x 17/21 = 96,190,476: 9,500万 is 1.2% under, on pace
    {
      id: 'deposits',
      value: 95_000_000,
      opening: 80_000_000,
      target: 100_000_000,
      previous: 76_000_000,
      // the balance at each day's end; the last point is today's, so far
      trend: [
        { date: '2026-11-23', value: 94_800_000 },
        { date: '2026-11-24', value: 95_000_000 },
      ],
    },
    // a flow paces from zero: 42 x 17/21 = 34, and 20 is 41% under
    { id: 'new_accounts', value: 20, target: 42 },
    { id: 'contacted', value: 120, target: 210 },
  ],
};

const adapter: StrideAdapter = { indicators: async () => result };

async function mount(lang: 'zh-CN' | 'en'): Promise<StrideIndicators> {
  const el = await fixture<StrideIndicators>(html`<stride-indicators
    org="br"
    date="2026-11-24"
    lang=${lang}
    .catalogue=${catalogue}
    .adapter=${adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-indicators>`);
  await waitUntil(() => el.shadowRoot!.querySelector('li[data-indicator="deposits"]'), 'the deposits tile');
  await el.updateComplete;
  return el;
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (el: StrideIndicators, id: string, name: string) =>
  text(el.shadowRoot!.querySelector(`li[data-indicator="${id}"] [part~="${name}"]`));
const statusOf = (el: StrideIndicators, id: string) =>
  text(el.shadowRoot!.querySelector(`li[data-indicator="${id}"] [part~="status"] span:last-child`));

describe('<stride-indicators> supplied indicators', () => {
  it('shows a deposit balance in 万/亿 with its opening and its pace, in zh-CN', async () => {
    const el = await mount('zh-CN');
    expect(part(el, 'deposits', 'tile-label')).to.equal('存款余额');
    expect(part(el, 'deposits', 'value')).to.equal('9,500万');
    expect(part(el, 'deposits', 'target')).to.equal('目标 1亿 · 完成 95%');
    expect(part(el, 'deposits', 'opening')).to.equal('期初 8,000万 · 应达 9,620万');
    expect(statusOf(el, 'deposits')).to.equal('符合进度');
    // the bar runs from the opening (8,000万) to the target (1亿): 9,500万 is 75% of the way, pace 81% (17/21)
    const bar = el.shadowRoot!.querySelector<HTMLElement>('li[data-indicator="deposits"] [part="progress"]')!;
    expect(bar.querySelector<HTMLElement>('.fill')!.style.width).to.equal('75%');
    expect(parseFloat(bar.querySelector<HTMLElement>('.marker')!.style.insetInlineStart)).to.be.closeTo(80.95, 0.01);
    // the same point of last month: 9,500万 against 7,600万
    expect(part(el, 'deposits', 'change')).to.equal('▲ 较上期 +25%');
  });

  it('shows the same tile in English as compact yuan amounts', async () => {
    const el = await mount('en');
    expect(part(el, 'deposits', 'value')).to.equal('¥95M');
    expect(part(el, 'deposits', 'target')).to.equal('Target ¥100M · 95% of target');
    expect(part(el, 'deposits', 'opening')).to.equal('Opening ¥80M · pace ¥96.2M');
    expect(statusOf(el, 'deposits')).to.equal('On pace');
  });

  it("draws the balance's trend and reads each point as an amount, in both languages", async () => {
    const point = (el: StrideIndicators, index: number) =>
      el
        .shadowRoot!.querySelector(`li[data-indicator="deposits"] [part="sparkline"] circle[data-index="${index}"]`)
        ?.getAttribute('aria-label');
    const zh = await mount('zh-CN');
    expect(point(zh, 0)).to.equal('11月23日：9,480万');
    expect(point(zh, 1)).to.equal('11月24日（今日进行中）：9,500万');
    const en = await mount('en');
    expect(point(en, 0)).to.equal('Nov 23: ¥94.8M');
  });

  it('paces a supplied flow from zero like the event counts, and says nothing of an opening', async () => {
    const el = await mount('en');
    expect(part(el, 'new_accounts', 'value')).to.equal('20');
    expect(statusOf(el, 'new_accounts')).to.equal('Behind');
    expect(el.shadowRoot!.querySelector('li[data-indicator="new_accounts"] [part~="opening"]')).to.equal(null);
    expect(
      [...el.shadowRoot!.querySelectorAll('li[data-indicator]')].map((li) => li.getAttribute('data-indicator')),
    ).to.deep.equal(['deposits', 'new_accounts', 'contacted']);
  });

  it('shows every tile on a wall screen in even rows: 12 tiles as 6 + 6, 10 as 5 + 5', async () => {
    const rowsOf = async (definitions: IndicatorDefinition[]): Promise<number[]> => {
      const all: IndicatorsResult = {
        ...result,
        indicators: definitions.map((d) => ({ id: d.id, value: d.unit === 'fraction' ? 0.5 : 40, target: 80 })),
      };
      const wall = await fixture<HTMLDivElement>(html`<div style="width: 1700px">
        <stride-indicators
          org="br"
          date="2026-11-24"
          lang="en"
          .catalogue=${definitions}
          .adapter=${{ indicators: async () => all } satisfies StrideAdapter}
          .queryClient=${createStrideQueryClient()}
        ></stride-indicators>
      </div>`);
      const el = wall.querySelector('stride-indicators') as StrideIndicators;
      await waitUntil(() => el.shadowRoot!.querySelectorAll('li[data-indicator]').length === definitions.length);
      const tops = [...el.shadowRoot!.querySelectorAll<HTMLElement>('li[data-indicator]')].map((li) => li.offsetTop);
      return [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
    };
    const balances: IndicatorDefinition[] = [
      catalogue[0]!,
      { id: 'aum', unit: 'amount', measure: 'balance', label: { 'zh-CN': '管户AUM', en: 'AUM' } },
    ];
    expect(await rowsOf([...DEFAULT_CATALOGUE, ...balances])).to.deep.equal([6, 6]);
    expect(await rowsOf([...DEFAULT_CATALOGUE])).to.deep.equal([5, 5]);
  });
});
