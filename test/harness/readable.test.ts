/**
 * Readability harness: every registry widget at a phone (320, 375 px), a laptop (1366 px) and a wall screen (1920 px),
 * in zh-CN and en, read as its users read it. A person's or an org's name is the one thing a board must always show, so
 * no name may be cut ("西…", half of "李"); no text may sit outside the box that clips it; and nothing on screen may be
 * an emoji or a dingbat, which render as empty boxes on PCs with no emoji font ("🔥27" reads "▯27").
 */
import { expect } from '@open-wc/testing';
import {
  WIDGETS,
  mountWidget,
  pilotAdapter,
  settled,
  shadowRoots,
  widgetName,
  type WidgetUnderTest,
} from './widgets.js';

const WIDTHS = [320, 375, 1366, 1920] as const;
const LANGS = ['zh-CN', 'en'] as const;

/** Besides the registry: a board of orgs, whose names share a suffix ("西湖支行", "滨江支行") and were cut to "西…". */
const ORG_BOARD: WidgetUnderTest = {
  tag: 'stride-leaderboard',
  methods: ['leaderboard'],
  attributes: { board: 'subbranches', metric: 'conversions' },
  chart: false,
};

/** Symbols a bank PC's fonts may lack: emoji (with or without a variation selector), dingbats, enclosed letters. */
const FONT_DEPENDENT = /\p{Extended_Pictographic}|[\u2460-\u24ff\u2700-\u27bf]|\ufe0f/u;

function visible(element: Element): boolean {
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return false;
  return element.checkVisibility({ checkVisibilityCSS: true });
}

/** The nearest ancestor (across shadow roots) that clips its content horizontally, up to the widget itself. */
function horizontalClip(element: Element, host: Element): Element | undefined {
  let node: Element | null = element;
  while (node && node !== host) {
    const style = getComputedStyle(node);
    if (style.overflowX !== 'visible') return node;
    const parent: Node | null = node.parentNode;
    node = parent instanceof ShadowRoot ? parent.host : (parent as Element | null);
  }
  return undefined;
}

interface Finding {
  text: string;
  problem: string;
}

/** What a reader would find wrong in `host` as it is drawn now. */
function read(host: HTMLElement): Finding[] {
  const findings: Finding[] = [];
  const hostBox = host.getBoundingClientRect();
  for (const root of shadowRoots(host)) {
    // Names: the text of every `.name` box is shown whole, not ellipsised or cut.
    for (const name of root.querySelectorAll<HTMLElement>('.name')) {
      if (!visible(name)) continue;
      if (name.scrollWidth > name.clientWidth + 1)
        findings.push({
          text: name.textContent ?? '',
          problem: `name cut: needs ${name.scrollWidth}px, has ${name.clientWidth}px`,
        });
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (text.trim() === '') continue;
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest('style, .visually-hidden, [hidden], option')) continue;
      if (FONT_DEPENDENT.test(text))
        findings.push({ text, problem: 'emoji or dingbat: renders as a box without an emoji font' });
      const range = document.createRange();
      range.selectNodeContents(node);
      const clip = horizontalClip(parent, host);
      const scrolls = clip && /auto|scroll/.test(getComputedStyle(clip).overflowX);
      const bounds = clip && !scrolls ? clip.getBoundingClientRect() : hostBox;
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        if (rect.left < bounds.left - 1 || rect.right > bounds.right + 1)
          findings.push({
            text,
            problem: `outside its box: text ${Math.round(rect.left)}-${Math.round(rect.right)}, box ${Math.round(bounds.left)}-${Math.round(bounds.right)}`,
          });
      }
    }
  }
  return findings;
}

describe('readable at every width and in both languages', function () {
  this.timeout(120_000);
  for (const widget of [...WIDGETS, ORG_BOARD]) {
    for (const lang of LANGS) {
      it(`${widgetName(widget)} ${lang}: names whole, text inside its box, no emoji at ${WIDTHS.join(', ')} px`, async () => {
        const findings: string[] = [];
        for (const width of WIDTHS) {
          const mounted = mountWidget(widget, pilotAdapter());
          try {
            mounted.element.setAttribute('lang', lang);
            mounted.element.style.width = `${width}px`;
            await settled(mounted.element, mounted.client);
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            for (const finding of read(mounted.element))
              findings.push(`${width}px: "${finding.text.trim().slice(0, 40)}" ${finding.problem}`);
          } finally {
            mounted.remove();
          }
        }
        expect(findings, findings.slice(0, 12).join('\n')).to.deep.equal([]);
      });
    }
  }
});
