import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createStrideQueryClient } from '@stride/core';
import '../../../packages/elements/src/bundle.js';
import type { StrideDashboard } from '../../../packages/elements/src/dashboard/dashboard.component.js';
import { pilotAdapter, TEST_DATE, TEST_ORG } from '../../harness/widgets.js';

async function mount(width: number, me: string | undefined): Promise<StrideDashboard> {
  return fixture<StrideDashboard>(html`<stride-dashboard
    org=${TEST_ORG}
    date=${TEST_DATE}
    me=${me ?? ''}
    dashboard-id=${`offer-${width}-${me ?? 'none'}`}
    style=${`display:block;width:${width}px`}
    .adapter=${pilotAdapter()}
    .queryClient=${createStrideQueryClient()}
  ></stride-dashboard>`);
}

const cells = (el: StrideDashboard) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="cell"]')].map((cell) => cell.getAttribute('part'));

describe('<stride-dashboard> on a phone', () => {
  it("offers the signed-in manager's own day first, pinned to them", async () => {
    const el = await mount(375, 'm-004');
    await waitUntil(() => el.shadowRoot!.querySelector('stride-my-day'), 'my day offered', { timeout: 5000 });
    expect(cells(el)[0]).to.equal('cell my-day');
    const myDay = el.shadowRoot!.querySelector('stride-my-day')!;
    expect(myDay.getAttribute('manager')).to.equal('m-004');
    await waitUntil(() => myDay.shadowRoot?.querySelector('[part~="overdue"]'), 'my day loaded', { timeout: 8000 });
    // the views follow it, in their usual order
    expect(cells(el).slice(1, 3)).to.deep.equal(['cell indicators', 'cell alerts']);
  });

  it('offers nothing extra without a signed-in manager, or on a wide screen', async () => {
    const anonymous = await mount(375, undefined);
    const wide = await mount(1200, 'm-004');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await anonymous.updateComplete;
    await wide.updateComplete;
    expect(cells(anonymous)[0]).to.equal('cell indicators');
    expect(cells(wide)[0]).to.equal('cell indicators');
    expect(wide.shadowRoot!.querySelector('stride-my-day')).to.equal(null);
  });
});
