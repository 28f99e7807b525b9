/**
 * The share action (分享): a widget's section as a picture drawn on a canvas and texts, sent in `stride-share`,
 * copied where the browser allows it, else downloaded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createStaticAdapter, createStrideQueryClient, type LeaderboardResult } from '@stride/core';
import '../../../packages/elements/src/leaderboard/leaderboard.js';
import '../../../packages/elements/src/dashboard/dashboard.js';
import type { StrideShareEvent } from '../../../packages/elements/src/shared/events.js';
import { pilotAdapter, TEST_DATE, TEST_ORG } from '../../harness/widgets.js';

const SCOPE = { org: 'br-hz', period: 'month' as const, date: '2026-11-24' };
// 02:05 UTC: the picture and the text say 10:05, the bank's time
const AS_OF = '2026-11-24T02:05:00Z';

const board: LeaderboardResult = {
  asOf: AS_OF,
  scope: SCOPE,
  board: 'managers',
  metric: 'points',
  entries: [
    { id: 'm1', name: '张伟', kind: 'manager', value: 40 },
    { id: 'm2', name: '王芳', kind: 'manager', value: 35 },
    { id: 'm3', name: '李娜', kind: 'manager', value: 35 },
    { id: 'm4', name: '刘洋', kind: 'manager', value: 20 },
    { id: 'm5', name: '陈静', kind: 'manager', value: 9 },
  ],
};

function shareButton(host: Element): HTMLButtonElement {
  const button = host.shadowRoot?.querySelector<HTMLButtonElement>('button[part~="share"]');
  if (!button) throw new Error(`${host.tagName} has no share button`);
  return button;
}

async function share(host: HTMLElement, prevent = false): Promise<StrideShareEvent> {
  const shared = new Promise<StrideShareEvent>((resolve) =>
    host.addEventListener(
      'stride-share',
      (event) => {
        if (prevent) event.preventDefault();
        resolve(event);
      },
      { once: true },
    ),
  );
  shareButton(host).click();
  return shared;
}

const status = (host: Element): string =>
  host.shadowRoot?.querySelector('button[part~="share"] + [role="status"]')?.textContent ?? '';

describe('share', () => {
  it('sends the board section as a PNG and texts, and says what it did', async () => {
    const el = await fixture<HTMLElement>(html`<stride-leaderboard
      org="br-hz"
      date="2026-11-24"
      lang="zh-CN"
      me="m5"
      .adapter=${createStaticAdapter({ leaderboard: board, orgTree: [{ id: 'br-hz', name: '杭州分行', parentId: null, level: 'branch' }] })}
      .queryClient=${createStrideQueryClient()}
    ></stride-leaderboard>`);
    await waitUntil(() => el.shadowRoot?.querySelector('button[part~="share"]'), 'share button shown with data');
    expect(shareButton(el).textContent?.trim()).to.equal('分享');
    const event = await share(el);
    const { png, text, markdown } = event.detail;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(png.type).to.equal('image/png');
    const picture = await createImageBitmap(png);
    expect(picture.width).to.equal(1200);
    expect(picture.height).to.be.greaterThan(400);
    expect(text.split('\n')).to.deep.equal([
      '【杭州分行 · 今日进展】',
      '本月（11月1日起） · 数据截至 11月24日 10:05',
      '',
      '【积分排行 · 客户经理】',
      '第1名 张伟 40',
      '第2名 李娜 35',
      '第2名 王芳 35',
      '第5名 陈静（我） 9',
    ]);
    expect(markdown.wecom).to.contain('第2名 王芳 **35**');
    expect(markdown.dingtalk).to.contain('#### 积分排行 · 客户经理');
    // headless Chromium has no clipboard permission: the picture is downloaded instead
    await waitUntil(() => /图片已(复制|下载)/.test(status(el)), `status: ${status(el)}`);
  });

  it('leaves the file to a portal that handles the event, in English', async () => {
    const el = await fixture<HTMLElement>(html`<stride-leaderboard
      org="br-hz"
      date="2026-11-24"
      lang="en"
      .adapter=${createStaticAdapter({ leaderboard: board })}
      .queryClient=${createStrideQueryClient()}
    ></stride-leaderboard>`);
    await waitUntil(() => el.shadowRoot?.querySelector('button[part~="share"]'));
    expect(shareButton(el).textContent?.trim()).to.equal('Share');
    const event = await share(el, true);
    // no org tree in this adapter: the title names the org by its id
    expect(event.detail.text.split('\n')[0]).to.equal('【br-hz · Today】');
    await waitUntil(() => /Picture copied|Handed to the portal/.test(status(el)), `status: ${status(el)}`);
  });

  it('shares the whole dashboard: indicators, alerts, board, funnel and coverage with the org name', async function () {
    this.timeout(20_000);
    const el = await fixture<HTMLElement>(html`<stride-dashboard
      org=${TEST_ORG}
      date=${TEST_DATE}
      lang="zh-CN"
      .adapter=${pilotAdapter()}
      .queryClient=${createStrideQueryClient()}
      style="display:block;width:1200px"
    ></stride-dashboard>`);
    const cells = () => [...(el.shadowRoot?.querySelectorAll('.cell > *') ?? [])];
    await waitUntil(
      () => cells().length === 5 && cells().every((cell) => cell.shadowRoot?.querySelector('button[part~="share"]')),
      'every widget has its data',
      { timeout: 15_000 },
    );
    const { text } = (await share(el)).detail;
    const headings = text
      .split('\n')
      .filter((line) => line.startsWith('【'))
      .map((line) => line.replace(/预警 \d+ 条/, '预警 {n} 条'));
    expect(headings).to.deep.equal([
      '【杭州分行 · 今日进展】',
      '【过程指标】',
      '【积分排行 · 客户经理】',
      '【商机漏斗】',
      '【网格覆盖】',
      '【预警 {n} 条】',
    ]);
  });
});
