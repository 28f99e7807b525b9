/**
 * Running beside another version of Stride: the page opts out of automatic definition and registers this copy
 * under suffixed tags with `define({suffix})`; the dashboard then builds its inner tree from suffixed tags too.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, unsafeStatic } from 'lit/static-html.js';
import { createStrideQueryClient, type OrgTree, type StrideAdapter } from '@stride/core';

const tree: OrgTree = [
  { id: 'bank', name: 'Bank', parentId: null, level: 'bank' },
  { id: 'br', name: 'Hangzhou branch', parentId: 'bank', level: 'branch' },
];
const adapter: StrideAdapter = { orgTree: async () => tree };

let definedTags: string[] = [];

describe('define({suffix})', () => {
  before(async () => {
    // Set before the bundle runs, as a page's inline script before the <script src> would.
    window.StrideOptions = { define: false };
    const bundle = await import('../../../packages/elements/src/bundle.js');
    definedTags = bundle.define({ suffix: 'v2' });
  });

  it('registers every element under the suffixed tag and leaves the plain tags free', () => {
    expect(definedTags).to.include.members(['stride-scope-v2', 'stride-dashboard-v2']);
    for (const tag of definedTags) {
      expect(tag).to.match(/^stride-[a-z-]+-v2$/);
      expect(customElements.get(tag), tag).to.be.a('function');
    }
    expect(customElements.get('stride-dashboard')).to.equal(undefined);
    expect(customElements.get('stride-scope')).to.equal(undefined);
  });

  it('the suffixed dashboard renders suffixed inner tags and works through them', async () => {
    localStorage.clear();
    const tag = unsafeStatic('stride-dashboard-v2');
    const el = await fixture<HTMLElement>(
      // eslint-disable-next-line lit/binding-positions, lit/no-invalid-html -- a static tag from lit/static-html
      html`<${tag} org="br" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></${tag}>`,
    );
    const root = el.shadowRoot!;
    const scope = root.querySelector('stride-scope-v2');
    expect(scope, 'inner <stride-scope-v2>').to.not.equal(null);
    expect(scope).to.be.instanceOf(customElements.get('stride-scope-v2')!);
    const inner = [...root.querySelectorAll('*')]
      .map((node) => node.localName)
      .filter((name) => name.startsWith('stride-'));
    expect(inner).to.include.members([
      'stride-indicators-v2',
      'stride-leaderboard-v2',
      'stride-funnel-v2',
      'stride-coverage-map-v2',
    ]);
    expect(
      inner.every((name) => name.endsWith('-v2')),
      `unsuffixed inner tag in ${inner.join(', ')}`,
    ).to.equal(true);
    // The breadcrumb comes from orgTree() through the suffixed copy: registration did not break the data flow.
    await waitUntil(() => root.querySelectorAll('nav .crumb').length === 2);
    expect([...root.querySelectorAll('nav .crumb')].map((c) => c.textContent?.trim())).to.deep.equal([
      'Bank',
      'Hangzhou branch',
    ]);
  });

  it('refuses a suffix that would make an invalid tag', async () => {
    const bundle = await import('../../../packages/elements/src/bundle.js');
    expect(() => bundle.define({ suffix: 'V2 <x>' })).to.throw(TypeError);
  });
});
