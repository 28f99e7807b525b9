import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import {
  StrideError,
  createStrideQueryClient,
  type LeaderboardEntry,
  type LeaderboardResult,
  type StrideAdapter,
} from '@stride/core';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../packages/elements/src/leaderboard/leaderboard.js';
import type { StrideLeaderboard } from '../../../packages/elements/src/leaderboard/leaderboard.js';
import type { StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';

function result(entries: LeaderboardEntry[], board: LeaderboardResult['board'] = 'managers'): LeaderboardResult {
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope: { org: 'br', period: 'month', date: '2026-11-24' },
    board,
    metric: 'points',
    entries,
  };
}

function manager(
  id: string,
  name: string,
  value: number | null,
  extra: Partial<LeaderboardEntry> = {},
): LeaderboardEntry {
  return { id, name, kind: 'manager', value, ...extra };
}

/** 10,000 managers with distinct values: m0 has 10,000 points (rank 1), m{i} has 10,000 - i (rank i + 1). */
function bigBoard(): LeaderboardEntry[] {
  return Array.from({ length: 10_000 }, (_, i) => manager(`m${i}`, `经理${i}`, 10_000 - i));
}

function adapterOf(entries: LeaderboardEntry[]): StrideAdapter {
  return { leaderboard: async (q) => ({ ...result(entries), board: q.board, metric: q.metric }) };
}

async function mount(
  entries: LeaderboardEntry[],
  attrs: { me?: string; mode?: string; view?: string; pageSeconds?: number; pageSize?: number | 'fit' } = {},
): Promise<StrideLeaderboard> {
  const el = await fixture<StrideLeaderboard>(html`<stride-leaderboard
    org="br"
    lang="en"
    date="2026-11-24"
    me=${attrs.me ?? ''}
    mode=${attrs.mode ?? ''}
    view=${attrs.view ?? 'board'}
    page-seconds=${attrs.pageSeconds ?? 10}
    page-size=${attrs.pageSize === 'fit' ? nothing : (attrs.pageSize ?? 10)}
    .adapter=${adapterOf(entries)}
    .queryClient=${createStrideQueryClient()}
  ></stride-leaderboard>`);
  await waitUntil(() => el.shadowRoot!.querySelector('.row, .lane, .state'), 'board rendered');
  await el.updateComplete;
  return el;
}

function rowTexts(el: StrideLeaderboard, selector = '.list .row'): { id: string; rank: string; label: string }[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)].map((row) => ({
    id: row.dataset['id'] ?? '',
    rank: row.querySelector('.rank')?.textContent?.trim() ?? '',
    label: row.querySelector('.row-main .visually-hidden')?.textContent?.trim() ?? '',
  }));
}

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

describe('<stride-leaderboard>', () => {
  it('ranks with ties (1, 2, 2, 4) and lists entries without data last as "--"', async () => {
    const el = await mount([
      manager('d', '赵强', 5),
      manager('x', '孙丽', null),
      manager('b', '李娜', 9),
      manager('a', '张伟', 12),
      manager('c', '王芳', 9),
    ]);
    const rows = rowTexts(el);
    expect(rows.map((r) => [r.id, r.rank])).to.deep.equal([
      ['a', '1'],
      ['b', '2'],
      ['c', '2'],
      ['d', '4'],
      ['x', '--'],
    ]);
    expect(rows[1]!.label).to.equal('Tied rank 2');
    expect(rows[4]!.label).to.equal('No data, not ranked');
  });

  it('shows movement against the previous period and "new" without a previous value', async () => {
    const el = await mount([
      manager('a', 'A', 10, { previousValue: 1 }),
      manager('b', 'B', 5, { previousValue: 8 }),
      manager('c', 'C', 1),
    ]);
    const moves = [...el.shadowRoot!.querySelectorAll('.list .move')].map((m) => m.getAttribute('aria-label'));
    expect(moves).to.deep.equal(['Up 1', 'Down 1', 'New']);
  });

  it('puts everyone tied into the top three on the podium', async () => {
    const el = await mount([manager('a', 'A', 9), manager('b', 'B', 9), manager('c', 'C', 7), manager('d', 'D', 1)]);
    const podium = el.shadowRoot!.querySelector('[part="podium"]')!;
    const names = [...podium.querySelectorAll('.place .name')].map((n) => n.textContent);
    expect(names).to.deep.equal(['A', 'B', 'C']);
    expect(podium.textContent).to.contain('Rank 3');
  });

  it('keeps at most about 100 row elements in the DOM with 10,000 entries, and scrolling shows later rows', async () => {
    const el = await mount(bigBoard());
    await nextFrame();
    const rows = el.shadowRoot!.querySelectorAll('.list .row');
    expect(rows.length).to.be.greaterThan(3);
    expect(rows.length).to.be.at.most(100);
    const list = el.shadowRoot!.querySelector<HTMLElement>('.list')!;
    await waitUntil(() => {
      list.scrollTop = 56 * 5_000;
      return el.shadowRoot!.querySelector('.row[data-id="m5000"]');
    }, 'row 5,001 rendered after scrolling');
    expect(el.shadowRoot!.querySelectorAll('.list .row').length).to.be.at.most(100);
    expect(el.shadowRoot!.querySelector('.row[data-id="m5000"] .rank')!.textContent!.trim()).to.equal('5001');
  });

  it('renders the rows a list of the default height shows in its first frame, with no second update', async () => {
    const entries = bigBoard();
    const el = document.createElement('stride-leaderboard');
    el.setAttribute('org', 'br');
    el.setAttribute('date', '2026-11-24');
    el.adapter = adapterOf(entries);
    el.queryClient = createStrideQueryClient();
    let updates = 0;
    let first: { update: number; rows: number; listHeight: number; pending: boolean } | undefined;
    el.addController({
      hostUpdated: () => {
        updates += 1;
        const list = el.shadowRoot!.querySelector<HTMLElement>('.list');
        if (first === undefined && list?.querySelector('.row')) {
          const rows = list.querySelectorAll('.row').length;
          first = { update: updates, rows, listHeight: list.clientHeight, pending: el.isUpdatePending };
        }
      },
    });
    document.body.append(el);
    try {
      await waitUntil(() => first !== undefined, 'rows rendered');
      // The update after the skeleton's renders the rows; the list window's measure of that frame (its hostUpdated
      // ran before this controller's) found the window right, so nothing is due to render again.
      expect(first).to.deep.equal({
        update: 2,
        rows: Math.ceil(first!.listHeight / 56),
        listHeight: 478,
        pending: false,
      });
    } finally {
      el.remove();
    }
  });

  it('paints the rows it shows first, then keeps rows ready below the list for scrolling', async () => {
    const el = await mount(bigBoard());
    const list = el.shadowRoot!.querySelector<HTMLElement>('.list')!;
    // 480px of 56px rows shows rows 1-9; rendering rows 10 and beyond waits for the first painted frame, after
    // which about 500px more (rows up to ~18) are kept rendered beyond the bottom edge.
    const below = (): number =>
      [...list.querySelectorAll<HTMLElement>('.row')].filter(
        (row) => row.getBoundingClientRect().top >= list.getBoundingClientRect().bottom,
      ).length;
    await waitUntil(() => below() >= 5, 'rows rendered beyond the bottom edge');
    expect(list.querySelectorAll('.row').length).to.be.at.most(100);
  });

  it('highlights me and pins my row with its rank when it is outside the visible rows', async () => {
    const el = await mount(bigBoard(), { me: 'm4321' });
    await nextFrame();
    const pinned = el.shadowRoot!.querySelector('[part="pinned"]');
    expect(pinned, 'pinned row').to.exist;
    expect(pinned!.querySelector('.rank')!.textContent!.trim()).to.equal('4322');
    expect(pinned!.querySelector('.row')!.getAttribute('part')).to.equal('row row-me');
    // Scrolling my row into view unpins it.
    const list = el.shadowRoot!.querySelector<HTMLElement>('.list')!;
    // The list takes its height once laid out; scroll until it takes.
    await waitUntil(() => {
      list.scrollTop = 56 * 4_320;
      return !el.shadowRoot!.querySelector('[part="pinned"]');
    }, 'unpinned once visible');
    expect(el.shadowRoot!.querySelector('.list .row[data-id="m4321"]')!.classList.contains('me')).to.equal(true);
  });

  it('does not pin me when my row is already visible', async () => {
    const el = await mount([manager('a', 'A', 3), manager('me', 'Me', 2), manager('c', 'C', 1)], { me: 'me' });
    await nextFrame();
    expect(el.shadowRoot!.querySelector('[part="pinned"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.list .row.me')!.getAttribute('data-id')).to.equal('me');
  });

  it('fires stride-select with kind manager or org when a row is activated', async () => {
    const el = await mount([manager('m1', 'A', 3), { id: 't1', name: '一队', kind: 'org', value: 2 }]);
    const events: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => events.push(e));
    el.shadowRoot!.querySelector<HTMLButtonElement>('.row[data-id="m1"] .row-main')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.row[data-id="t1"] .row-main')!.click();
    expect(events.map((e) => [e.detail.kind, e.detail.id, e.detail.scope.org])).to.deep.equal([
      ['manager', 'm1', 'br'],
      ['org', 't1', 'br'],
    ]);
  });

  it('moves focus between rows with the arrow keys, End and Home (one tab stop)', async () => {
    const el = await mount(bigBoard());
    await nextFrame();
    const tabStops = el.shadowRoot!.querySelectorAll('.list .row-main[tabindex="0"]');
    expect(tabStops.length).to.equal(1);
    const first = tabStops[0] as HTMLButtonElement;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await waitUntil(
      () => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['index'] === '1',
      'second row focused',
    );
    (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }),
    );
    await waitUntil(
      () => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['index'] === '9999',
      'last row focused',
    );
    expect(el.shadowRoot!.activeElement!.closest('.row')!.getAttribute('data-id')).to.equal('m9999');
  });

  it('searches by name and keeps the board ranks', async () => {
    const el = await mount([manager('a', '张伟', 12), manager('b', '李娜', 9), manager('c', '张敏', 3)]);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = '张';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await nextFrame();
    expect(rowTexts(el).map((r) => [r.id, r.rank])).to.deep.equal([
      ['a', '1'],
      ['c', '3'],
    ]);
    expect(el.shadowRoot!.querySelector('[part="podium"]')).to.equal(null);
  });

  it('exports the whole board as CSV with a BOM, formula-safe', async () => {
    const el = await mount([manager('a', '=cmd()', 12), manager('b', '李娜', 9)]);
    const blobs: Blob[] = [];
    const downloads: string[] = [];
    const create = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    };
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click();
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(downloads).to.deep.equal(['leaderboard-managers-points-2026-11-24.csv']);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = await blobs[0]!.text();
    expect(text).to.contain("1,'=cmd(),,12");
    expect(text).to.contain('2,李娜,,9');
  });

  it('shows how the points were calculated for an entry', async () => {
    const el = await mount([
      manager('a', '张伟', 12, { pointsByAction: { firstContact: 3, visit: 6, timelyFollowup: 3 } }),
    ]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.row[data-id="a"] .why')!.click();
    await el.updateComplete;
    const panel = el.shadowRoot!.querySelector('[part="breakdown"]')!;
    const cells = [...panel.querySelectorAll('tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent!.trim()).join(' '),
    );
    expect(cells).to.deep.equal(['First contact 3', 'Visits 6', 'Timely follow-ups 3', 'Total 12']);
  });

  it('renders adapter strings as text, never markup', async () => {
    const el = await mount([
      manager('a', '<img src=x onerror="window.__pwned=1">', 1, { avatarUrl: 'javascript:alert(1)' }),
    ]);
    expect(el.shadowRoot!.querySelector('.list img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.list .name')!.textContent).to.contain('<img');
  });

  it('shows the avatar for a relative URL and falls back to initials when it fails to load', async () => {
    const el = await mount([
      manager('a', '张伟', 2, { avatarUrl: '/node_modules/playwright-core/lib/server/chromium/appIcon.png' }),
      manager('b', '李小娜', 1, { avatarUrl: '/missing-avatar.png' }),
    ]);
    await waitUntil(() => !el.shadowRoot!.querySelector('.list .row[data-id="b"] img'), 'broken avatar removed');
    expect(el.shadowRoot!.querySelector('.list .row[data-id="b"] .avatar')!.textContent!.trim()).to.equal('小娜');
    const img = el.shadowRoot!.querySelector<HTMLImageElement>('.list .row[data-id="a"] img')!;
    expect(img.getAttribute('src')).to.equal('/node_modules/playwright-core/lib/server/chromium/appIcon.png');
  });

  it('labels badges and streaks for assistive technology', async () => {
    const el = await mount([
      manager('a', '张伟', 1, {
        streak: 7,
        // As the reference back end writes them: the standard badge in Chinese, and a bank's own badge.
        badges: [
          { id: 'champion_week', label: '周冠军', kind: 'champion' },
          { id: 'deposit_star', label: '存款之星', kind: 'action' },
        ],
      }),
    ]);
    const labels = [...el.shadowRoot!.querySelectorAll('.list [role="img"]')].map((n) => n.getAttribute('aria-label'));
    expect(labels).to.include('Champion badge: Weekly champion');
    expect(labels).to.include('Action badge: 存款之星');
    expect(labels).to.include('Active 7 working days in a row');
  });

  it('shows the contest lanes racing to a shared goal', async () => {
    const teams = [
      { id: 't1', name: '一队', kind: 'org' as const, value: 60, target: 100 },
      { id: 't2', name: '二队', kind: 'org' as const, value: 30, target: 120 },
    ];
    const el = await mount(teams, { view: 'contest' });
    const bars = [...el.shadowRoot!.querySelectorAll('[role="progressbar"]')].map((b) =>
      b.getAttribute('aria-valuenow'),
    );
    expect(bars).to.deep.equal(['50', '25']);
    expect(el.shadowRoot!.querySelector('[part="contest"]')!.textContent).to.contain('30 behind the leader');
  });

  it('pages through the board in huddle mode and stops when paused', async () => {
    const entries = Array.from({ length: 25 }, (_, i) => manager(`m${i}`, `M${i}`, 100 - i));
    const el = await mount(entries, { mode: 'huddle', pageSeconds: 0.05, pageSize: 10 });
    const pageText = () => el.shadowRoot!.querySelector('[part="pager"] span')!.textContent!.trim();
    expect(el.shadowRoot!.querySelectorAll('.page .row').length).to.equal(10);
    if (!matchMedia('(prefers-reduced-motion: reduce)').matches) {
      await waitUntil(() => pageText() === 'Page 2 of 3', 'turns to page 2 by itself');
      expect(rowTexts(el, '.page .row')[0]!.rank).to.equal('11');
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="pause"]')!.click();
    await el.updateComplete;
    const paused = pageText();
    await new Promise((r) => setTimeout(r, 200));
    expect(pageText()).to.equal(paused);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Next page"]')!.click();
    await el.updateComplete;
    expect(pageText()).to.not.equal(paused);
  });

  it('fits a huddle page to the screen and pages through everyone, then laps', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => manager(`m${i}`, `经理${i}`, 100 - i));
    const el = await mount(entries, { mode: 'huddle', pageSeconds: 0.05, pageSize: 'fit', me: 'm39' });
    let laps = 0;
    el.addEventListener('stride-huddle-lap', () => laps++);
    // Under a reduced-motion preference the viewer's "resume" lets it page.
    const pause = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="pause"]')!;
    if (pause.getAttribute('aria-pressed') === 'true') pause.click();
    const seen = new Set<string>();
    await waitUntil(
      () => {
        const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.page .row')];
        // Every row of a page is on screen: a wall screen does not scroll.
        for (const row of rows) expect(row.getBoundingClientRect().bottom).to.be.at.most(innerHeight);
        for (const row of rows) seen.add(row.dataset['id']!);
        return laps > 0;
      },
      'laps after the last page',
      { timeout: 5_000, interval: 10 },
    );
    expect(seen.size, 'every manager was on some page, the last place included').to.equal(40);
    expect(el.shadowRoot!.querySelector('[part="podium"]'), 'no podium taking rows on a wall screen').to.equal(null);
  });

  it('does not page by itself under prefers-reduced-motion, but pages on request', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const entries = Array.from({ length: 25 }, (_, i) => manager(`m${i}`, `M${i}`, 100 - i));
      const el = await mount(entries, { mode: 'huddle', pageSeconds: 0.05, pageSize: 10 });
      const pageText = () => el.shadowRoot!.querySelector('[part="pager"] span')!.textContent!.trim();
      await new Promise((r) => setTimeout(r, 200));
      expect(pageText()).to.equal('Page 1 of 3');
      expect(el.shadowRoot!.querySelector('[part="pause"]')!.getAttribute('aria-pressed')).to.equal('true');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Next page"]')!.click();
      await el.updateComplete;
      expect(pageText()).to.equal('Page 2 of 3');
      // Pressing "Resume" is the viewer's explicit choice to let it page.
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="pause"]')!.click();
      await waitUntil(() => pageText() === 'Page 3 of 3', 'pages after an explicit resume');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('leaves no paging timer behind after unmount', async () => {
    const entries = Array.from({ length: 25 }, (_, i) => manager(`m${i}`, `M${i}`, 100 - i));
    const el = await mount(entries, { mode: 'huddle', pageSeconds: 0.05 });
    el.remove();
    const before = (el as unknown as { page: number }).page;
    await new Promise((r) => setTimeout(r, 200));
    expect((el as unknown as { page: number }).page).to.equal(before);
  });

  it('shows a skeleton while loading, then "No data" for an empty board', async () => {
    let resolve: (r: LeaderboardResult) => void = () => {};
    const adapter: StrideAdapter = { leaderboard: () => new Promise((r) => (resolve = r)) };
    const el = await fixture<StrideLeaderboard>(
      html`<stride-leaderboard org="br" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-leaderboard>`,
    );
    expect(el.shadowRoot!.querySelector('[aria-busy="true"] .skeleton-row')).to.exist;
    resolve(result([]));
    await waitUntil(() => el.shadowRoot!.textContent!.includes('No data'));
    expect(el.shadowRoot!.textContent).to.contain('Nothing to rank for the selected org in this period');
  });

  it('says the session expired on an auth error and retries', async () => {
    let calls = 0;
    const adapter: StrideAdapter = {
      leaderboard: async () => {
        calls += 1;
        if (calls === 1) throw new StrideError('auth', 'leaderboard', 'GET /v1/leaderboard: 401', { status: 401 });
        return result([manager('a', 'A', 1)]);
      },
    };
    const el = await fixture<StrideLeaderboard>(
      html`<stride-leaderboard org="br" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-leaderboard>`,
    );
    await waitUntil(() => el.shadowRoot!.textContent!.includes('session has expired'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.list .row[data-id="a"]'), 'data after retry');
  });

  it('shows "not configured" without an adapter', async () => {
    const el = await fixture<StrideLeaderboard>(html`<stride-leaderboard org="br" lang="en"></stride-leaderboard>`);
    expect(el.shadowRoot!.textContent).to.contain('Not configured');
  });

  it('passes an axe check (no serious or critical violations) with data', async () => {
    const el = await mount(
      [
        manager('a', '张伟', 12, { previousValue: 3, streak: 2, pointsByAction: { visit: 12 } }),
        manager('b', '李娜', null),
      ],
      { me: 'b' },
    );
    await expect(el).to.be.accessible();
  });
});

describe('<stride-leaderboard> behind only', () => {
  it('lists only the entries behind pace by the one behind rule, keeping their board ranks', async () => {
    // November 24: 17 of 21 working days, so a target of 210 points is 170 by now; behind under 153 (10% short)
    const entries = [
      manager('a', 'Ahead', 200, { target: 210 }),
      manager('b', 'On pace', 160, { target: 210 }),
      manager('c', 'Behind', 120, { target: 210 }),
      manager('d', 'No target', 10),
    ];
    const el = await mount(entries);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="behind-only"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    await waitUntil(() => rowTexts(el).length === 1, 'one row left');
    expect(rowTexts(el).map((r) => [r.id, r.rank])).to.deep.equal([['c', '3']]);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  });
});
