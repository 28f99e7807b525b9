/**
 * A legacy portal's global CSS must not reach inside Stride, and Stride's styles must not reach the portal.
 * The dashboard's filter bar is measured on a clean page, then again after a hostile stylesheet lands on the page;
 * probes in the host page keep their computed styles whether or not a dashboard is on the page.
 */
import { expect, nextFrame, waitUntil } from '@open-wc/testing';
import { createStrideQueryClient, type OrgTree, type StrideAdapter } from '@stride/core';
import '../../../packages/elements/src/dashboard/dashboard.js';
import '../../../packages/elements/src/scope/scope.js';
import type { StrideDashboard } from '../../../packages/elements/src/dashboard/dashboard.component.js';

const HOSTILE = `
  html { font-size: 62.5%; }
  body { line-height: 3; letter-spacing: 3px; word-spacing: 12px; text-transform: uppercase; text-align: center; font-size: 2.4rem; font-weight: bold; }
  * { box-sizing: content-box; }
  div { line-height: 3; padding: 7px; }
  svg { width: 16px; height: 16px; }
  button { all: unset; }
  select, input { font-size: 30px; padding: 20px; height: 60px; }
  label { display: block; font-style: italic; }
  nav, ol, li { margin: 20px; padding: 20px; }
  section { border: 9px solid red; }
`;

const tree: OrgTree = [
  { id: 'bank', name: '某某银行', parentId: null, level: 'bank' },
  { id: 'br', name: '杭州分行', parentId: 'bank', level: 'branch' },
  { id: 'sb-a', name: '西湖支行', parentId: 'br', level: 'subbranch' },
];
const adapter: StrideAdapter = { orgTree: async () => tree };

const MEASURED = [
  'select[part="org"]',
  'select[part="period"]',
  'input[part="date"]',
  'button[part="previous-day"]',
  'button[part="next-day"]',
  'nav .crumb',
  '.bar > label',
  '.cell',
];
const STYLE_PROPS = [
  'fontSize',
  'lineHeight',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'textTransform',
  'boxSizing',
  'paddingTop',
  'marginTop',
  'borderTopWidth',
  'display',
] as const;

type Measure = Record<string, string>;

function measureInside(el: StrideDashboard): Measure {
  const out: Measure = { host: `${getComputedStyle(el).fontSize} ${getComputedStyle(el).lineHeight}` };
  for (const selector of MEASURED) {
    const node = el.shadowRoot!.querySelector<HTMLElement>(selector);
    if (!node) throw new Error(`missing ${selector}`);
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    out[selector] = [box.width.toFixed(1), box.height.toFixed(1), ...STYLE_PROPS.map((p) => style[p])].join(' ');
  }
  return out;
}

function measureProbes(probes: HTMLElement[]): Measure {
  const out: Measure = {};
  for (const probe of probes) {
    const box = probe.getBoundingClientRect();
    const style = getComputedStyle(probe);
    out[probe.className] = [
      box.width.toFixed(1),
      box.height.toFixed(1),
      style.fontFamily,
      style.color,
      ...STYLE_PROPS.map((p) => style[p]),
    ].join(' ');
  }
  return out;
}

function addHostileSheet(): HTMLStyleElement {
  const sheet = document.createElement('style');
  sheet.textContent = HOSTILE;
  document.head.append(sheet);
  return sheet;
}

async function mountDashboard(parent: HTMLElement): Promise<StrideDashboard> {
  const el = document.createElement('stride-dashboard');
  Object.assign(el, { adapter, queryClient: createStrideQueryClient() });
  for (const [name, value] of [
    ['org', 'sb-a'],
    ['lang', 'en'],
    ['date', '2026-03-10'],
  ] as const)
    el.setAttribute(name, value);
  parent.append(el);
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelectorAll('nav .crumb').length === 3, 'breadcrumb rendered');
  return el;
}

describe('hostile global CSS', () => {
  let sheet: HTMLStyleElement | undefined;
  let frame: HTMLElement;
  beforeEach(() => {
    localStorage.clear();
    frame = document.createElement('section');
    frame.style.cssText = 'width: 900px; display: block; border: 0';
    document.body.append(frame);
  });
  afterEach(() => {
    sheet?.remove();
    sheet = undefined;
    frame.remove();
  });

  it('leaves the dashboard filter bar, breadcrumb and cells exactly as on a clean page', async () => {
    const el = await mountDashboard(frame);
    const clean = measureInside(el);
    expect(clean.host).to.equal(`14px ${(14 * 1.45).toFixed(2).replace(/0$/, '')}px`);

    sheet = addHostileSheet();
    await nextFrame();
    // The sheet did land: the page around the dashboard changed.
    expect(getComputedStyle(document.documentElement).fontSize).to.equal('10px');
    expect(measureInside(el)).to.deep.equal(clean);
  });

  it('keeps its styles inside: host-page elements around it look the same with and without a dashboard', async () => {
    sheet = addHostileSheet();
    const slot = document.createElement('div');
    slot.className = 'dashboard-slot';
    frame.append(slot);
    const probes = ['probe-div', 'probe-button', 'probe-label', 'probe-select', 'probe-p'].map((className) => {
      const tag = className.slice('probe-'.length);
      const probe = document.createElement(tag);
      probe.className = className;
      if (probe instanceof HTMLSelectElement) probe.append(new Option('西湖支行'));
      else probe.textContent = '门户自己的内容 Portal content';
      frame.append(probe);
      return probe;
    });
    await nextFrame();
    const before = measureProbes(probes);
    // The hostile sheet is really in force on the probes, so "unchanged" below means it stayed in force.
    expect(getComputedStyle(probes[0]!).lineHeight).to.equal(`${24 * 3}px`);

    const el = await mountDashboard(slot);
    // Moves the probes down but must not restyle them: compare everything except their position.
    expect(measureProbes(probes)).to.deep.equal(before);
    el.remove();
    await nextFrame();
    expect(measureProbes(probes)).to.deep.equal(before);
  });
});
