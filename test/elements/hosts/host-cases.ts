/**
 * The cases every framework host must pass: properties reach the element as properties, Stride's events reach the
 * host's listeners, a re-render with a new org shows that org, and after unmount no request is made.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createStrideQueryClient, type OrgTree, type StrideAdapter } from '@stride/core';
import '../../../packages/elements/src/dashboard/dashboard.js';
import '../../../packages/elements/src/scope/scope.js';
import '../../../packages/elements/src/funnel/funnel.js';
import { StrideSelectEvent } from '../../../packages/elements/src/index.js';
import type { StrideDashboard } from '../../../packages/elements/src/dashboard/dashboard.component.js';
import type { MountHost } from './host-contract.js';

export const hostTree: OrgTree = [
  { id: 'bank', name: '某某银行', parentId: null, level: 'bank' },
  { id: 'br', name: '杭州分行', parentId: 'bank', level: 'branch' },
  { id: 'sb-a', name: '西湖支行', parentId: 'br', level: 'subbranch' },
  { id: 'sb-b', name: '滨江支行', parentId: 'br', level: 'subbranch' },
  { id: 'm-1', name: '张伟', parentId: 'sb-b', level: 'manager' },
];

/** An adapter that counts its calls, so a request made after unmount is visible. */
export function countingAdapter(): { adapter: StrideAdapter; calls: () => number } {
  let calls = 0;
  return {
    adapter: {
      orgTree: async () => {
        calls += 1;
        return hostTree;
      },
      // The org tree is fetched once (it is not polled); the widgets' results are what `refresh` polls.
      funnel: async (query) => {
        calls += 1;
        return {
          asOf: `${query.scope.date}T12:00:00+08:00`,
          scope: query.scope,
          stages: [{ id: 'assigned', label: '名单下发', count: calls }],
        };
      },
    },
    calls: () => calls,
  };
}

export function dashboardIn(container: HTMLElement): StrideDashboard {
  const el = container.querySelector('stride-dashboard');
  if (!el) throw new Error('the host rendered no <stride-dashboard>');
  return el as StrideDashboard;
}

export function crumbs(el: HTMLElement): string[] {
  return [...(el.shadowRoot?.querySelectorAll('nav .crumb') ?? [])].map((c) => c.textContent?.trim() ?? '');
}

function heard(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.host-log li')].map((li) => li.textContent ?? '');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeFrameworkHost(name: string, load: () => Promise<MountHost>): void {
  describe(`${name} host`, () => {
    let container: HTMLElement;
    beforeEach(() => {
      localStorage.clear();
      container = document.createElement('div');
      document.body.append(container);
    });
    afterEach(() => container.remove());

    it('passes adapter and queryClient as properties and shows the org it renders with', async () => {
      const mount = await load();
      const { adapter } = countingAdapter();
      const queryClient = createStrideQueryClient();
      const host = mount(container, { adapter, queryClient, org: 'sb-a', refresh: 0 });
      const el = dashboardIn(container);
      expect(el.adapter).to.equal(adapter);
      expect(el.queryClient).to.equal(queryClient);
      expect(el.hasAttribute('adapter')).to.equal(false);
      await waitUntil(() => crumbs(el).length === 3, 'breadcrumb from the org tree');
      expect(crumbs(el)).to.deep.equal(['某某银行', '杭州分行', '西湖支行']);
      host.unmount();
    });

    it('re-renders with a new org from the host state and hears stride-scope-change and stride-select', async () => {
      const mount = await load();
      const { adapter } = countingAdapter();
      const host = mount(container, { adapter, queryClient: createStrideQueryClient(), org: 'sb-a', refresh: 0 });
      const el = dashboardIn(container);
      await waitUntil(() => crumbs(el).at(-1) === '西湖支行');

      host.showOrg('sb-b');
      await waitUntil(() => crumbs(el).at(-1) === '滨江支行', 'the dashboard follows the host to 滨江支行');
      expect(el.shadowRoot!.querySelector('stride-scope')!.getAttribute('org')).to.equal('sb-b');
      // The same element was updated in place, not replaced.
      expect(dashboardIn(container)).to.equal(el);

      const period = el.shadowRoot!.querySelector<HTMLSelectElement>('select[part="period"]')!;
      period.value = 'week';
      period.dispatchEvent(new Event('change'));
      await waitUntil(() => heard(container).includes('scope:sb-b:week'), 'the host hears the filter change');

      const widget = el.shadowRoot!.querySelector('.cell.leaderboard > *')!;
      widget.dispatchEvent(
        new StrideSelectEvent({
          kind: 'manager',
          id: 'm-1',
          scope: { org: 'sb-b', period: 'week', date: '2026-11-24' },
        }),
      );
      await waitUntil(() => heard(container).includes('select:manager:m-1'), 'the host hears the drill-down');
      await waitUntil(() => crumbs(el).at(-1) === 'Manager 张伟');
      host.unmount();
    });

    it('makes no request after unmount', async () => {
      const mount = await load();
      const { adapter, calls } = countingAdapter();
      const host = mount(container, { adapter, queryClient: createStrideQueryClient(), org: 'br', refresh: 1 });
      // Polling every second: the count keeps rising while the element is mounted.
      await waitUntil(() => calls() >= 2, 'polls while mounted', { timeout: 5000 });
      host.unmount();
      expect(container.querySelector('stride-dashboard')).to.equal(null);
      const atUnmount = calls();
      await pause(2500);
      expect(calls()).to.equal(atUnmount);
    });
  });
}
