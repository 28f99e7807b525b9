// A board ranked by a supplied amount (metric = the deposit balance of the page's catalogue): its values read in
// 万/亿 in zh-CN and as compact yuan in English, and so do the contest's goal and gaps and the header's label.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  DEFAULT_CATALOGUE,
  createStrideQueryClient,
  type IndicatorDefinition,
  type LeaderboardResult,
  type StrideAdapter,
} from '@stride/core';
import '../../../packages/elements/src/leaderboard/leaderboard.js';
import type { StrideLeaderboard } from '../../../packages/elements/src/leaderboard/leaderboard.js';

const catalogue: IndicatorDefinition[] = [
  ...DEFAULT_CATALOGUE,
  { id: 'deposits', unit: 'amount', measure: 'balance', label: { 'zh-CN': '存款余额', en: 'Deposit balance' } },
];

const board: LeaderboardResult = {
  asOf: '2026-11-24T10:00:00+08:00',
  scope: { org: 'br', period: 'month', date: '2026-11-24' },
  board: 'managers',
  metric: 'deposits',
  entries: [
    { id: 'm1', name: '张伟', kind: 'manager', value: 41_000_000, target: 50_000_000, previousValue: 39_200_000 },
    { id: 'm2', name: '李娜', kind: 'manager', value: 154_000_000, target: 150_000_000, previousValue: 136_800_000 },
    { id: 'm3', name: '王芳', kind: 'manager', value: 8_650.5, target: 10_000, previousValue: null },
  ],
};
const adapter: StrideAdapter = { leaderboard: async () => board };

async function mount(lang: 'zh-CN' | 'en', view = 'board'): Promise<StrideLeaderboard> {
  const el = await fixture<StrideLeaderboard>(html`<stride-leaderboard
    org="br"
    date="2026-11-24"
    lang=${lang}
    metric="deposits"
    view=${view}
    .catalogue=${catalogue}
    .adapter=${adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-leaderboard>`);
  await waitUntil(() => el.shadowRoot!.querySelector('.row, .lane'), 'board rendered');
  await el.updateComplete;
  return el;
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<stride-leaderboard> ranked by a supplied amount', () => {
  it('reads balances in 万/亿 and names the indicator, in zh-CN', async () => {
    const el = await mount('zh-CN');
    expect(text(el.shadowRoot!.querySelector('.sub'))).to.contain('存款余额');
    const row = (id: string) => text(el.shadowRoot!.querySelector(`.row[data-id="${id}"] .value`));
    expect(row('m2')).to.equal('1.54亿');
    expect(row('m1')).to.equal('4,100万');
    // under 10,000 yuan a figure is shown whole
    expect(row('m3')).to.equal('8,651');
  });

  it('reads them as compact yuan in English', async () => {
    const el = await mount('en');
    expect(text(el.shadowRoot!.querySelector('.sub'))).to.contain('Deposit balance');
    const row = (id: string) => text(el.shadowRoot!.querySelector(`.row[data-id="${id}"] .value`));
    expect(row('m2')).to.equal('¥154M');
    expect(row('m1')).to.equal('¥41M');
  });

  it("gives the contest's goal and gaps in the same units", async () => {
    const el = await mount('zh-CN', 'contest');
    const contest = text(el.shadowRoot!.querySelector('[part~="contest"]'));
    // the goal is the largest contestant target, 1.5亿; 张伟 is 1.54亿 - 4,100万 = 1.13亿 behind the leader
    expect(contest).to.contain('共同目标 1.5亿');
    expect(contest).to.contain('落后领先者 1.13亿');
  });

  it("exports the raw yuan under the indicator's name", async () => {
    const el = await mount('en');
    const csv = el
      .toCsv()
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    expect(csv[0]).to.contain('Deposit balance');
    expect(csv[1]).to.contain('154000000').and.contain('150000000').and.contain('136800000');
  });

  it('offers no "Behind only" for a balance, and a behind-only page still lists every entry', async () => {
    // a balance's pace needs its opening, which a board entry does not carry: no entry could be listed as behind
    const el = await mount('en');
    expect(el.shadowRoot!.querySelector('[part="behind-only"]')).to.equal(null);
    el.behindOnly = true;
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('.row[data-id]')].map((r) => r.getAttribute('data-id'))).to.have.members(
      ['m1', 'm2', 'm3'],
    );
  });
});
