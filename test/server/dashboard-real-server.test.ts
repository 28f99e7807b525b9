// The dashboard against the real reference back end (DuckDB, packages/server), through createHttpAdapter: the
// same page a bank gets when it points Stride at its own REST service. Served same-origin by
// test/support/stride-server.mjs.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createHttpAdapter, createStrideQueryClient, type IndicatorsResult } from '@stride/core';
import '../../packages/elements/src/bundle.js';

const TOKEN = 'wtr-test-token';
const adapter = createHttpAdapter({ baseUrl: '/__stride/api', headers: () => ({ authorization: `Bearer ${TOKEN}` }) });

function deepText(root: Element | ShadowRoot): string {
  let text = '';
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) text += ` ${deepText(el.shadowRoot)}`;
  return `${root.textContent ?? ''} ${text}`;
}

describe('<stride-dashboard> on the reference server (DuckDB)', function () {
  this.timeout(90_000);

  it('shows the numbers the server computes', async () => {
    const tree = await adapter.orgTree!({}, { signal: new AbortController().signal });
    const branch = tree.find((n) => n.level === 'branch')!;
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    const indicators: IndicatorsResult = await adapter.indicators!(
      { scope: { org: branch.id, period: 'month', date: today } },
      { signal: new AbortController().signal },
    );
    const visits = indicators.indicators.find((i) => i.id === 'visits')!.value!;
    const el = await fixture(
      html`<stride-dashboard org=${branch.id} lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    await waitUntil(() => deepText(el.shadowRoot!).includes('Visits'), 'indicators rendered', { timeout: 30_000 });
    const tile = [
      ...el.shadowRoot!.querySelector('stride-indicators')!.shadowRoot!.querySelectorAll('[role="listitem"], li'),
    ].find((t) => (t.textContent ?? '').includes('Visits'))!;
    expect(tile.textContent).to.contain(new Intl.NumberFormat('en').format(visits));
    expect(deepText(el.shadowRoot!)).to.contain(branch.name);
  });

  it('turns a rejected session into "session expired"', async () => {
    const rejected = createHttpAdapter({
      baseUrl: '/__stride/api',
      headers: () => ({ authorization: 'Bearer wrong' }),
    });
    const errors: string[] = [];
    const el =
      await fixture(html`<stride-dashboard org="br-hz" lang="en" .adapter=${rejected} .queryClient=${createStrideQueryClient()}
      @stride-error=${(e: CustomEvent<{ error: { kind: string } }>) => errors.push(e.detail.error.kind)}></stride-dashboard>`);
    await waitUntil(() => errors.includes('auth'), 'an auth error reaches the host', { timeout: 30_000 });
    await waitUntil(() => deepText(el.shadowRoot!).includes('session has expired'));
  });
});
