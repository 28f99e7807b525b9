// The dashboard against the real reference back end (DuckDB, packages/server), through createHttpAdapter: the
// same page a bank gets when it points Stride at its own REST service. Served same-origin by
// test/support/stride-server.mjs, on a fixed clock, so every tile can be compared with the SQL's number.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DEFAULT_CATALOGUE, createHttpAdapter, createStrideQueryClient, type IndicatorsResult } from '@stride/core';
import '../../packages/elements/src/bundle.js';

const TOKEN = 'wtr-test-token';
/** The server runs on a fixed clock (test/support/stride-server.mjs): its last day. */
const SERVER_DAY = '2026-11-24';
const adapter = createHttpAdapter({ baseUrl: '/__stride/api', headers: () => ({ authorization: `Bearer ${TOKEN}` }) });

function deepText(root: Element | ShadowRoot): string {
  let text = '';
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) text += ` ${deepText(el.shadowRoot)}`;
  return `${root.textContent ?? ''} ${text}`;
}

describe('<stride-dashboard> on the reference server (DuckDB)', function () {
  this.timeout(90_000);

  it('shows on every indicator tile the number the server computes (fixed clock)', async () => {
    const tree = await adapter.orgTree!({}, { signal: new AbortController().signal });
    const branch = tree.find((n) => n.level === 'branch')!;
    const indicators: IndicatorsResult = await adapter.indicators!(
      { scope: { org: branch.id, period: 'month', date: SERVER_DAY } },
      { signal: new AbortController().signal },
    );
    const el = await fixture(
      html`<stride-dashboard org=${branch.id} date=${SERVER_DAY} lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></stride-dashboard>`,
    );
    const tiles = () => [
      ...(el
        .shadowRoot!.querySelector('stride-indicators')
        ?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="tile"]') ?? []),
    ];
    await waitUntil(() => tiles().length === DEFAULT_CATALOGUE.length, 'every tile rendered', { timeout: 30_000 });
    // the server's catalogue adds the pilot's supplied balances; the dashboard shows the default ten
    expect(indicators.indicators.map((i) => i.id).sort()).to.deep.equal(
      [...DEFAULT_CATALOGUE.map((d) => d.id), 'deposits', 'aum'].sort(),
    );
    const shown = Object.fromEntries(
      tiles().map((tile) => [tile.dataset['indicator'], tile.querySelector('[part~="value"]')?.textContent?.trim()]),
    );
    // Formatted here with Intl as DESIGN says (counts whole, rates as a percentage with one decimal at most), not with
    // the kit's formatter, so a formatting slip shows up too.
    const expected = Object.fromEntries(
      indicators.indicators.flatMap((i) => {
        if (!DEFAULT_CATALOGUE.some((d) => d.id === i.id)) return [];
        const unit = DEFAULT_CATALOGUE.find((d) => d.id === i.id)!.unit;
        const format =
          unit === 'fraction'
            ? new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 })
            : new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
        return [[i.id, i.value === null ? '--' : format.format(i.value)]];
      }),
    );
    expect(shown).to.deep.equal(expected);
    expect(
      Object.values(expected).filter((v) => v !== '--' && v !== '0').length,
      'tiles with a number',
    ).to.be.greaterThan(5);
    // The org tree is its own request: the branch's name shows once it has answered, which may be after the tiles.
    await waitUntil(() => deepText(el.shadowRoot!).includes(branch.name), 'the breadcrumb names the branch', {
      timeout: 30_000,
    });
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
