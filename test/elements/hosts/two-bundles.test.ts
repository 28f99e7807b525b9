/**
 * Two copies of the drop-in bundle on one page (a portal whose header already includes Stride, plus a page that
 * includes it again): the second copy warns once, defines nothing, and `window.Stride` stays the first copy's.
 * The drop-in bundle is dist/stride.min.js as built (`npm test` builds first), served by test/support/dist-pages.mjs.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { OrgTree } from '@stride/core';
import type { StrideGlobal } from '../../../packages/elements/src/bundle.js';

interface ProbedWindow extends Window {
  warnings: string[];
  defined: string[];
  first?: StrideGlobal;
  definedByFirst?: number;
  firstDashboard?: CustomElementConstructor;
}

// Classic scripts run in document order, so each probe sees exactly what the copy before it did.
const page = `<!doctype html>
<html lang="en"><body>
<script>
  window.warnings = [];
  console.warn = (...args) => window.warnings.push(args.map(String).join(' '));
  window.defined = [];
  const realDefine = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => { window.defined.push(name); return realDefine(name, ctor, options); };
</script>
<script src="/__dist/files/stride.min.js"></script>
<script>
  window.first = window.Stride;
  window.definedByFirst = window.defined.length;
  window.firstDashboard = customElements.get('stride-dashboard');
</script>
<script src="/__dist/files/stride.min.js"></script>
</body></html>`;

async function loadPage(): Promise<{ frame: HTMLIFrameElement; win: ProbedWindow }> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = page;
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as unknown as ProbedWindow };
}

describe('two copies of the bundle on one page', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('the first copy installs Stride and defines the tags', async () => {
    ({ frame } = await loadPage());
    const win = frame.contentWindow as unknown as ProbedWindow;
    expect(win.first, 'window.Stride after the first copy').to.be.an('object');
    expect(win.first!.configure).to.be.a('function');
    expect(win.defined).to.include.members(['stride-scope', 'stride-dashboard']);
    expect(win.definedByFirst).to.equal(win.defined.length);
  });

  it('the second copy warns once, defines nothing and leaves window.Stride to the first', async () => {
    let win: ProbedWindow;
    ({ frame, win } = await loadPage());
    const fromStride = win.warnings.filter((w) => /stride/i.test(w));
    expect(fromStride).to.have.length(1);
    expect(fromStride[0]).to.match(/another copy/);
    expect(win.defined.length, 'customElements.define calls in all').to.equal(win.definedByFirst);
    expect(win.Stride).to.equal(win.first);
    expect(win.customElements.get('stride-dashboard')).to.equal(win.firstDashboard);
  });

  it('the page still works through the first copy', async () => {
    let win: ProbedWindow;
    ({ frame, win } = await loadPage());
    const tree: OrgTree = [
      { id: 'bank', name: 'Bank', parentId: null, level: 'bank' },
      { id: 'br', name: 'Hangzhou branch', parentId: 'bank', level: 'branch' },
    ];
    const stride = win.Stride!;
    stride.configure({ adapter: stride.createStaticAdapter({ orgTree: tree }), lang: 'en' });
    const el = win.document.createElement('stride-dashboard');
    el.setAttribute('org', 'br');
    win.document.body.append(el);
    const crumbs = () => [...(el.shadowRoot?.querySelectorAll('nav .crumb') ?? [])].map((c) => c.textContent?.trim());
    await waitUntil(() => crumbs().length === 2, 'breadcrumb rendered by the first copy');
    expect(crumbs()).to.deep.equal(['Bank', 'Hangzhou branch']);
  });
});
