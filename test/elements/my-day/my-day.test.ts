import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createStrideQueryClient, type AdapterMethod, type StrideAdapter } from '@stride/core';
import '../../../packages/elements/src/bundle.js';
import type { StrideMyDay } from '../../../packages/elements/src/my-day/my-day.component.js';
import type { StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';
import { pilotAdapter, settled, TEST_DATE, TEST_ORG } from '../../harness/widgets.js';

// On the test pilot m-004 (彭飞梦) is 4th on points (160, one behind 李磊琳's 161; 11th last month), has a 3-day
// streak with nothing yet on the 24th, only the 7-day-streak badge, 42 first contacts since the pilot began, one grid
// and 42 open overdue leads.
const ME = 'm-004';

function text(el: Element | null | undefined): string {
  return el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function mount(
  adapter: StrideAdapter | undefined,
  attrs: { lang?: string; me?: string; width?: number } = {},
): Promise<StrideMyDay> {
  const client = createStrideQueryClient();
  const el = await fixture<StrideMyDay>(html`<stride-my-day
    org=${TEST_ORG}
    date=${TEST_DATE}
    me=${attrs.me ?? ME}
    lang=${attrs.lang ?? 'zh-CN'}
    style=${`display:block;width:${attrs.width ?? 375}px`}
    .adapter=${adapter}
    .queryClient=${client}
  ></stride-my-day>`);
  if (adapter) {
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="overdue"]'), 'my day shown', { timeout: 8000 });
    await settled(el, client);
  }
  return el;
}

const part = (el: StrideMyDay, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** Taps the middle of an element with a finger: real touch events where the browser offers them. */
async function tap(target: Element): Promise<boolean> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  const { touch } = await executeServerCommand<{ touch: boolean }, { x: number; y: number }>('stride-touch-tap', {
    x: Math.round(box.left + box.width / 2),
    y: Math.round(box.top + box.height / 2),
  });
  // Firefox's launcher has no touch input to drive: the same element is activated as a click instead
  if (!touch) (target as HTMLElement).click();
  return touch;
}

describe('<stride-my-day>', () => {
  it("shows the manager's own day: behind indicators first, rank and gap, streak, badges, grids, overdue", async () => {
    const el = await mount(pilotAdapter());
    expect(text(part(el, 'header'))).to.contain('彭飞梦');
    const bars = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="indicator"]')];
    expect(bars).to.have.length(10);
    const statuses = bars.map((bar) => bar.dataset['status']);
    const firstNotBehind = statuses.findIndex((s) => s !== 'behind');
    expect(firstNotBehind, 'some indicators are behind').to.be.greaterThan(0);
    expect(statuses.slice(firstNotBehind), 'behind ones come first').not.to.include('behind');
    expect(text(part(el, 'indicators-summary'))).to.equal(`${firstNotBehind} 项落后于进度`);

    const rank = part(el, 'rank')!;
    expect(text(rank)).to.contain('第 4 名');
    expect(text(rank)).to.contain('上升 7 名');
    expect(text(part(el, 'gap'))).to.equal('再得 1 分追平第 3 名');

    const streak = part(el, 'streak') as HTMLElement;
    expect(text(streak)).to.contain('连续 3 个工作日');
    expect(streak.dataset['today']).to.equal('open');
    expect(text(streak)).to.contain('今天再完成一次触达、沟通或面访');

    expect(text(part(el, 'badges'))).to.contain('连续7天');
    expect(text(part(el, 'next-badge'))).to.equal('再触达 58 位客户，获得「百户触达」勋章');

    const grids = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="grid"]')];
    expect(grids.map((g) => g.dataset['grid'])).to.deep.equal(['g-006']);
    expect(text(grids[0])).to.contain('已覆盖 23 / 55 户');
    expect(text(part(el, 'overdue'))).to.contain('42 条');
  });

  it('reads the same in English', async () => {
    const el = await mount(pilotAdapter(), { lang: 'en' });
    expect(text(part(el, 'gap'))).to.equal('One more point to reach No. 3');
    expect(text(part(el, 'next-badge'))).to.equal('58 more contacts to the “100 contacts” badge');
    expect(text(part(el, 'streak'))).to.contain('One contact, conversation or visit today keeps the streak going.');
  });

  it('opens where the dashboard would when tapped with a finger, carrying the leads each count opens', async () => {
    const el = await mount(pilotAdapter());
    const selects: StrideSelectEvent['detail'][] = [];
    const touches: string[] = [];
    el.addEventListener('stride-select', (e) => selects.push((e as StrideSelectEvent).detail));
    for (const type of ['touchstart', 'touchend'])
      el.addEventListener(type, () => touches.push(type), { passive: true });

    const firstBar = el.shadowRoot!.querySelector<HTMLElement>('[part="indicator"]')!;
    const touch = await tap(firstBar);
    await waitUntil(() => selects.length === 1, 'indicator opened');
    await tap(part(el, 'overdue')!);
    await waitUntil(() => selects.length === 2, 'overdue opened');
    await tap(el.shadowRoot!.querySelector('[part="grid"]')!);
    await waitUntil(() => selects.length === 3, 'grid opened');
    await tap(part(el, 'rank')!);
    await waitUntil(() => selects.length === 4, 'board row opened');

    // Chromium is driven with real touch input; the taps arrived as touches and then as the clicks they make
    if (navigator.userAgent.includes('Chrome')) expect(touch, 'tapped with touch input').to.equal(true);
    if (touch) expect(touches.slice(0, 2)).to.deep.equal(['touchstart', 'touchend']);
    const mine = { org: TEST_ORG, manager: ME, period: 'month', date: TEST_DATE };
    const indicator = firstBar.dataset['indicator']!;
    expect(selects).to.deep.equal([
      { kind: 'indicator', id: indicator, scope: mine, leads: { indicator } },
      { kind: 'manager', id: ME, scope: mine, leads: { overdue: 'any' } },
      { kind: 'grid', id: 'g-006', scope: mine, leads: { gridId: 'g-006', covered: true } },
      { kind: 'manager', id: ME, scope: mine, leads: {} },
    ]);
  });

  for (const width of [320, 375, 430]) {
    it(`fits one column at ${width} px with every control at least 44 px tall`, async () => {
      const el = await mount(pilotAdapter(), { width });
      const base = part(el, 'base') as HTMLElement;
      expect(base.scrollWidth, 'nothing wider than the phone').to.be.at.most(base.clientWidth);
      const controls = [...el.shadowRoot!.querySelectorAll('button')];
      expect(controls.length).to.be.greaterThan(12);
      for (const control of controls) {
        const box = control.getBoundingClientRect();
        expect(box.height, `${control.getAttribute('part')} height`).to.be.at.least(44);
        expect(box.right, `${control.getAttribute('part')} inside the column`).to.be.at.most(
          el.getBoundingClientRect().right + 0.5,
        );
      }
    });
  }

  it('asks once per distinct query on a page that also shows the dashboard', async () => {
    const inner = pilotAdapter();
    const calls: string[] = [];
    const counting: StrideAdapter = {};
    for (const method of Object.keys(inner) as AdapterMethod[]) {
      const call = inner[method] as (query: unknown, options: { signal: AbortSignal }) => Promise<unknown>;
      Object.assign(counting, {
        [method]: (query: unknown, options: { signal: AbortSignal }) => {
          calls.push(`${method} ${JSON.stringify(query)}`);
          return call(query, options);
        },
      });
    }
    const client = createStrideQueryClient();
    const page = await fixture(html`<div>
      <stride-dashboard org=${TEST_ORG} date=${TEST_DATE} me=${ME} .adapter=${counting} .queryClient=${client}></stride-dashboard>
      <stride-my-day org=${TEST_ORG} date=${TEST_DATE} me=${ME} .adapter=${counting} .queryClient=${client}></stride-my-day>
    </div>`);
    const myDay = page.querySelector('stride-my-day') as StrideMyDay;
    await waitUntil(() => myDay.shadowRoot?.querySelector('[part~="overdue"]'), 'my day shown', { timeout: 8000 });
    await waitUntil(() => calls.some((c) => c.startsWith('coverage')) && client.isFetching() === 0, 'all loaded', {
      timeout: 8000,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.length, `each distinct query once:\n${calls.join('\n')}`).to.equal(new Set(calls).size);
    // the points board of the org is one request for both the dashboard's leaderboard and my rank
    const board = calls.filter((c) => c.startsWith('leaderboard') && c.includes('"metric":"points"'));
    expect(board).to.have.length(1);
    // and my day adds no adapter method: only what the dashboard's widgets read
    expect([...new Set(calls.map((c) => c.split(' ')[0]))].sort()).to.deep.equal([
      'alerts',
      'coverage',
      'funnel',
      'grids',
      'indicators',
      'leaderboard',
      'orgTree',
    ]);
    page.remove();
  });

  it('says what is missing without an adapter or without a manager', async () => {
    const bare = await mount(undefined);
    expect(bare.shadowRoot!.querySelectorAll('[part="state"]')).to.have.length(1);
    expect(text(bare.shadowRoot!.querySelector('[part="state"]'))).to.contain('未配置');
    const client = createStrideQueryClient();
    const nobody = await fixture<StrideMyDay>(html`<stride-my-day
      org=${TEST_ORG}
      date=${TEST_DATE}
      lang="en"
      .adapter=${pilotAdapter()}
      .queryClient=${client}
    ></stride-my-day>`);
    expect(text(nobody.shadowRoot!.querySelector('[part="state"]'))).to.contain('Set the `me` attribute');
  });

  it('says once that someone is not on the board, leaving out streak and badges', async () => {
    const inner = pilotAdapter();
    const adapter: StrideAdapter = {
      ...inner,
      leaderboard: async (query, options) => {
        const board = await inner.leaderboard!(query, options);
        return { ...board, entries: board.entries.filter((e) => e.id !== ME) };
      },
    };
    const el = await mount(adapter);
    expect(text(part(el, 'rank'))).to.equal('英雄榜上没有你的记录。');
    expect(el.shadowRoot!.querySelector('[data-section="streak"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[data-section="badges"]')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('[part="indicator"]')).to.have.length(10);
  });

  it('holds the place of the indicators while they load, so the page does not jump', async () => {
    const inner = pilotAdapter();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const adapter: StrideAdapter = {
      ...inner,
      indicators: async (query, options) => {
        await gate;
        return inner.indicators!(query, options);
      },
    };
    const el = await fixture<StrideMyDay>(html`<stride-my-day
      org=${TEST_ORG}
      date=${TEST_DATE}
      me=${ME}
      style="display:block;width:375px"
      .adapter=${adapter}
      .queryClient=${createStrideQueryClient()}
    ></stride-my-day>`);
    const section = () => el.shadowRoot!.querySelector('[data-section="indicators"]')!;
    await waitUntil(() => section()?.querySelector('[part="loading"]'), 'skeleton shown');
    const loading = section().getBoundingClientRect().height;
    release();
    await waitUntil(() => section().querySelector('[part="indicator"]'), 'indicators shown');
    const loaded = section().getBoundingClientRect().height;
    expect(Math.abs(loaded - loading) / loaded, `${loading} px loading, ${loaded} px loaded`).to.be.below(0.1);
  });

  it('keeps the other sections when one query fails, with one retry for it', async () => {
    const inner = pilotAdapter();
    let failBoard = true;
    const adapter: StrideAdapter = {
      ...inner,
      leaderboard: (query, options) =>
        failBoard ? Promise.reject(new Error('board down')) : inner.leaderboard!(query, options),
    };
    const el = await fixture<StrideMyDay>(html`<stride-my-day
      org=${TEST_ORG}
      date=${TEST_DATE}
      me=${ME}
      .adapter=${adapter}
      .queryClient=${createStrideQueryClient()}
    ></stride-my-day>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'error shown', { timeout: 8000 });
    await waitUntil(() => part(el, 'overdue'), 'overdue shown', { timeout: 8000 });
    // one error for the board, not one per section that reads it; indicators and overdue stay
    expect(el.shadowRoot!.querySelectorAll('[part~="error"]')).to.have.length(1);
    const retry = el.shadowRoot!.querySelector('[part~="error"] [part="retry"]')!;
    expect(retry.getBoundingClientRect().height, 'retry is thumb-sized').to.be.at.least(44);
    expect(el.shadowRoot!.querySelector('[data-section="streak"]')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('[part="indicator"]')).to.have.length(10);
    failBoard = false;
    (el.shadowRoot!.querySelector('[part~="error"] [part="retry"]') as HTMLButtonElement).click();
    await waitUntil(() => part(el, 'streak'), 'streak shown after retry', { timeout: 8000 });
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
  });
});
