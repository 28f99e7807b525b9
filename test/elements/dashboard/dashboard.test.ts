import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { StrideError, createStrideQueryClient, type OrgTree, type StrideAdapter } from '@stride/core';
import '../../../packages/elements/src/dashboard/dashboard.js';
import '../../../packages/elements/src/scope/scope.js';
import '../../../packages/elements/src/leaderboard/leaderboard.js';
import '../../../packages/elements/src/alerts/alerts.js';
import {
  StrideErrorEvent,
  StrideSelectEvent,
  type StrideScopeChangeEvent,
} from '../../../packages/elements/src/index.js';
import type { StrideDashboard } from '../../../packages/elements/src/dashboard/dashboard.component.js';
import {
  loadFilters,
  orgOptions,
  orgPath,
  storageKey,
} from '../../../packages/elements/src/dashboard/dashboard.filters.js';

const tree: OrgTree = [
  { id: 'bank', name: '某某银行', parentId: null, level: 'bank' },
  { id: 'br', name: '杭州分行', parentId: 'bank', level: 'branch' },
  { id: 'sb-a', name: '西湖支行', parentId: 'br', level: 'subbranch' },
  { id: 'sb-b', name: '滨江支行', parentId: 'br', level: 'subbranch' },
  { id: 'm-1', name: '张伟', parentId: 'sb-a', level: 'manager' },
];
const adapter: StrideAdapter = { orgTree: async () => tree };

function innerScope(el: StrideDashboard): HTMLElement {
  return el.shadowRoot!.querySelector('stride-scope') as HTMLElement;
}
function crumbs(el: StrideDashboard): string[] {
  return [...el.shadowRoot!.querySelectorAll('nav .crumb')].map((c) => c.textContent!.trim());
}

describe('<stride-dashboard>', () => {
  beforeEach(() => localStorage.clear());

  it('fills the org filter from orgTree() and starts at the given org with the breadcrumb to it', async () => {
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard org="sb-a" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    await waitUntil(() => crumbs(el).length === 3);
    expect(crumbs(el)).to.deep.equal(['某某银行', '杭州分行', '西湖支行']);
    const options = [...el.shadowRoot!.querySelectorAll('select[part="org"] option')].map(
      (o) => (o as HTMLOptionElement).value,
    );
    expect(options).to.deep.equal(['bank', 'br', 'sb-a', 'sb-b']);
    expect(innerScope(el).getAttribute('org')).to.equal('sb-a');
    expect(innerScope(el).getAttribute('period')).to.equal('month');
  });

  it("says in its status line that widgets are refreshing, then the newest data's as-of time", async () => {
    let answer: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const withBoard: StrideAdapter = {
      ...adapter,
      leaderboard: async (q) => {
        await gate;
        return { asOf: '2026-11-24T10:00:00+08:00', scope: q.scope, board: q.board, metric: q.metric, entries: [] };
      },
    };
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" lang="en" .adapter=${withBoard} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    const status = (): string => el.shadowRoot!.querySelector('[part~="status"]')!.textContent!.replace(/\s+/g, ' ');
    await waitUntil(() => status().includes('Refreshing'), 'refreshing while the board is asked for');
    // the org tree has arrived (an update time) but carries no as-of: the board's answer is the first with one
    expect(status()).to.contain('Updated');
    expect(status()).not.to.contain('As of');
    answer();
    await waitUntil(() => !status().includes('Refreshing'), 'done refreshing');
    expect(status()).to.match(/As of .*10:00/);
  });

  it('without an org, asks for the org tree and starts at its root', async () => {
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    await waitUntil(() => crumbs(el).length === 1);
    expect(crumbs(el)).to.deep.equal(['某某银行']);
    expect(innerScope(el).getAttribute('org')).to.equal('bank');
  });

  it('narrows the scope on a drill-down from a widget and goes back through the breadcrumb', async () => {
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    await waitUntil(() => crumbs(el).length === 2);
    const changes: StrideScopeChangeEvent[] = [];
    el.addEventListener('stride-scope-change', (e) => changes.push(e));
    const widget = el.shadowRoot!.querySelector('.cell.indicators > *')!;
    widget.dispatchEvent(
      new StrideSelectEvent({ kind: 'org', id: 'sb-b', scope: { org: 'br', period: 'month', date: '2026-11-24' } }),
    );
    await el.updateComplete;
    expect(innerScope(el).getAttribute('org')).to.equal('sb-b');
    expect(crumbs(el)).to.deep.equal(['某某银行', '杭州分行', '滨江支行']);
    expect(changes.at(-1)!.detail.scope.org).to.equal('sb-b');

    widget.dispatchEvent(
      new StrideSelectEvent({
        kind: 'manager',
        id: 'm-1',
        scope: { org: 'sb-b', period: 'month', date: '2026-11-24' },
      }),
    );
    await el.updateComplete;
    expect(innerScope(el).getAttribute('manager')).to.equal('m-1');
    expect(crumbs(el).at(-1)).to.equal('Manager 张伟');

    const branchCrumb = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button.crumb')].find(
      (b) => b.textContent!.trim() === '杭州分行',
    )!;
    branchCrumb.click();
    await el.updateComplete;
    expect(innerScope(el).getAttribute('org')).to.equal('br');
    expect(innerScope(el).hasAttribute('manager')).to.equal(false);
  });

  it('an alert without leads behind it opens its subject: a manager alert narrows the dashboard to that manager', async () => {
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard org="sb-a" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    await waitUntil(() => crumbs(el).length === 3);
    const alerts = el.shadowRoot!.querySelector('.cell.alerts > stride-alerts')!;
    expect(alerts, 'the alerts view is in the layout').to.not.equal(null);
    alerts.dispatchEvent(
      new StrideSelectEvent({
        kind: 'alert',
        id: 'm-1:inactive',
        scope: { org: 'sb-a', manager: 'm-1', period: 'month', date: '2026-11-24' },
      }),
    );
    await el.updateComplete;
    expect(innerScope(el).getAttribute('manager')).to.equal('m-1');
    expect(crumbs(el).at(-1)).to.equal('Manager 张伟');
  });

  it('moves the date a day back and forward but never past today', async () => {
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" date="2026-01-10" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="previous-day"]')!.click();
    await el.updateComplete;
    expect(innerScope(el).getAttribute('date')).to.equal('2026-01-09');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="next-day"]')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="next-day"]')!.click();
    await el.updateComplete;
    expect(innerScope(el).getAttribute('date')).to.equal('2026-01-11');
  });

  it('keeps the chosen filters across a reload, and ignores corrupt storage', async () => {
    const first = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    const select = first.shadowRoot!.querySelector<HTMLSelectElement>('select[part="period"]')!;
    select.value = 'week';
    select.dispatchEvent(new Event('change'));
    await first.updateComplete;
    first.remove();
    const reloaded = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    expect(innerScope(reloaded).getAttribute('period')).to.equal('week');
    reloaded.remove();

    localStorage.setItem(storageKey(location.pathname, ''), '{not json');
    const afterCorruption = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    expect(innerScope(afterCorruption).getAttribute('period')).to.equal('month');
  });

  it('restores a saved date only on the day it was chosen; drops unknown periods', () => {
    const storage = new Map<string, string>();
    const fake = { getItem: (k: string) => storage.get(k) ?? null } as Storage;
    storage.set('k', JSON.stringify({ org: 'br', period: 'fortnight', date: '2026-11-20', savedOn: '2026-11-23' }));
    expect(loadFilters(fake, 'k', '2026-11-24')).to.deep.equal({ org: 'br' });
    storage.set('k', JSON.stringify({ org: 'br', period: 'week', date: '2026-11-20', savedOn: '2026-11-24' }));
    expect(loadFilters(fake, 'k', '2026-11-24')).to.deep.equal({ org: 'br', period: 'week', date: '2026-11-20' });
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(loadFilters(throwing, 'k', '2026-11-24')).to.deep.equal({});
  });

  it('survives a cycle in bad org-tree data', () => {
    const cyclic: OrgTree = [
      { id: 'a', name: 'A', parentId: 'b', level: 'branch' },
      { id: 'b', name: 'B', parentId: 'a', level: 'subbranch' },
    ];
    expect(orgPath(cyclic, 'a').map((n) => n.id)).to.deep.equal(['b', 'a']);
    expect(orgOptions(cyclic).length).to.be.at.most(2);
  });

  it('says the session expired when a widget reports an auth error', async () => {
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    const widget = el.shadowRoot!.querySelector('.cell.funnel > *')!;
    widget.dispatchEvent(
      new StrideErrorEvent({
        error: new StrideError('auth', 'funnel', 'GET /v1/funnel: 401 Unauthorized', { status: 401 }),
        stale: false,
      }),
    );
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('session has expired');
  });

  it("passes a GIS export's grid id property on to its map", async () => {
    const el = await fixture<StrideDashboard>(
      html`<stride-dashboard org="br" grid-id-property="WGBM" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    expect(el.shadowRoot!.querySelector('stride-coverage-map')!.getAttribute('id-property')).to.equal('WGBM');
  });

  describe('huddle mode', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    function activeCell(el: StrideDashboard): string {
      return [...el.shadowRoot!.querySelectorAll('.cell')].find((c) => !c.hasAttribute('hidden'))!.classList[1]!;
    }

    it('shows one view at a time and rotates until paused', async () => {
      const el = await fixture<StrideDashboard>(
        html`<stride-dashboard org="br" mode="huddle" rotate="0.05" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
      );
      expect(el.shadowRoot!.querySelectorAll('.cell:not([hidden])').length).to.equal(1);
      const seen = new Set<string>();
      await waitUntil(() => {
        seen.add(activeCell(el));
        return seen.size >= 3;
      }, 'rotates through the views');
      expect([...seen].slice(0, 2), 'who is behind comes right after the indicators').to.deep.equal([
        'indicators',
        'alerts',
      ]);
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="pause"]')!.click();
      await el.updateComplete;
      const paused = activeCell(el);
      await new Promise((r) => setTimeout(r, 200));
      expect(activeCell(el)).to.equal(paused);
    });

    it('keeps the board on screen until every page of it has been shown', async () => {
      const entries = Array.from({ length: 30 }, (_, i) => ({
        id: `m${i}`,
        name: `经理${i}`,
        kind: 'manager' as const,
        value: 100 - i,
      }));
      const withBoard: StrideAdapter = {
        ...adapter,
        leaderboard: async (q) => ({
          asOf: '2026-11-24T10:00:00+08:00',
          scope: q.scope,
          board: q.board,
          metric: q.metric,
          entries,
        }),
      };
      const el = await fixture<StrideDashboard>(
        html`<stride-dashboard org="br" mode="huddle" rotate="0.2" lang="en" .adapter=${withBoard} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
      );
      await waitUntil(() => activeCell(el) === 'leaderboard', 'rotates to the board', { timeout: 5_000 });
      const board = el.shadowRoot!.querySelector('stride-leaderboard')!;
      const seen = new Set<string>();
      await waitUntil(
        () => {
          if (activeCell(el) !== 'leaderboard') return true;
          for (const row of board.shadowRoot?.querySelectorAll<HTMLElement>('.page .row') ?? [])
            seen.add(row.dataset['id']!);
          return false;
        },
        'moves on after the board',
        { timeout: 10_000, interval: 10 },
      );
      expect(seen.size, 'every entry was on screen before the rotation moved on').to.equal(entries.length);
    });

    it('does not rotate by itself under prefers-reduced-motion', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const el = await fixture<StrideDashboard>(
        html`<stride-dashboard org="br" mode="huddle" rotate="0.05" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
      );
      const first = activeCell(el);
      await new Promise((r) => setTimeout(r, 250));
      expect(activeCell(el)).to.equal(first);
      expect(el.shadowRoot!.textContent).to.contain('reduced motion');
    });
  });
});
