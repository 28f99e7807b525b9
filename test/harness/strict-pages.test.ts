/**
 * Proof harness 1, strict pages: every registry widget mounted, hovered, refreshed and unmounted (test/harness/
 * strict-page.ts) inside an iframe whose page is served with `script-src 'self'; style-src 'self'; object-src 'none'`,
 * then the same with `require-trusted-types-for 'script'` enforced, after the host called
 * allowEChartsUnderTrustedTypes(), and on a page whose host already owns the default policy. Each must end with 0
 * policy violations and 0 uncaught errors; a canary run afterwards proves the page really is that strict.
 */
import { expect } from '@open-wc/testing';
import { allowEChartsUnderTrustedTypes } from '@stride/elements';
import { WIDGETS, widgetName } from './widgets.js';
import type { ShareReport, StrictReport, StrictRunOptions } from './strict-page.js';

type StrictWindow = Window & {
  strideStrict?: {
    run(options: StrictRunOptions): Promise<StrictReport>;
    canary(): { inlineScriptRan: boolean; markupAccepted: boolean };
    share(): Promise<ShareReport>;
  };
  __strideStrictLog?: { violations: string[]; errors: string[] };
};

const opened: HTMLIFrameElement[] = [];
const totals = { pages: 0, widgets: 0, tooltips: 0, violations: 0 };

async function strictPage(query: string): Promise<StrictWindow> {
  const frame = document.createElement('iframe');
  frame.src = `/__stride/strict/page.html?${query}`;
  // Visible and full size: a hidden frame gets no animation frames and its charts no size.
  frame.style.cssText = 'position:fixed;left:0;top:0;width:1000px;height:760px;border:0;background:white';
  document.body.append(frame);
  opened.push(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as StrictWindow;
  for (let i = 0; i < 200 && !win.strideStrict; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!win.strideStrict)
    throw new Error(`the strict page (${query}) did not load its module: ${JSON.stringify(win.__strideStrictLog)}`);
  return win;
}

function expectClean(report: StrictReport, expectedWidgets: number): void {
  totals.pages += 1;
  totals.widgets += report.widgets.length;
  totals.tooltips += report.widgets.reduce((n, w) => n + w.tooltips, 0);
  totals.violations += report.violations.length;
  expect(report.violations, 'securitypolicyviolation events').to.deep.equal([]);
  expect(report.errors, 'uncaught errors').to.deep.equal([]);
  expect(report.widgets.map((w) => w.name)).to.have.length(expectedWidgets);
  for (const widget of report.widgets) {
    expect(widget.dataShown, `${widget.name} showed its data throughout`).to.equal(true);
    expect(widget.hovered, `${widget.name} hovered`).to.be.greaterThan(0);
  }
  const charted = report.widgets.filter((w) => w.charts > 0);
  expect(charted.length, 'chart widgets drew on the strict page').to.equal(WIDGETS.filter((w) => w.chart).length);
  for (const widget of charted) expect(widget.tooltips, `${widget.name} tooltips forced open`).to.be.greaterThan(0);
}

async function expectStrict(win: StrictWindow, trustedTypes: boolean): Promise<void> {
  const before = win.__strideStrictLog!.violations.length;
  const canary = win.strideStrict!.canary();
  expect(canary.inlineScriptRan, 'an inline script runs').to.equal(false);
  // Violation events are queued as tasks: give them a moment to arrive.
  for (let i = 0; i < 40 && win.__strideStrictLog!.violations.length === before; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 25));
  expect(win.__strideStrictLog!.violations.length, 'the canary is reported').to.be.greaterThan(before);
  expect(canary.markupAccepted, 'markup accepted by innerHTML').to.equal(!trustedTypes);
}

describe('harness: strict pages (CSP and Trusted Types)', function () {
  this.timeout(90_000);

  after(() => {
    for (const frame of opened) frame.remove();
    console.log(
      `[strict-pages] ${totals.pages} strict pages, ${totals.widgets} widget runs over ${WIDGETS.length} widgets, ${totals.tooltips} tooltips forced open, ${totals.violations} violations`,
    );
  });

  it("every widget under script-src 'self'; style-src 'self'; object-src 'none': 0 violations, 0 errors", async () => {
    const win = await strictPage('tt=0');
    const report = await win.strideStrict!.run({ setup: 'none' });
    expect(report.trustedTypesEnforced).to.equal(false);
    expectClean(report, WIDGETS.length);
    await expectStrict(win, false);
  });

  it("every widget with require-trusted-types-for 'script' after allowEChartsUnderTrustedTypes(): 0 violations, 0 errors", async () => {
    const win = await strictPage('tt=1');
    const report = await win.strideStrict!.run({ setup: 'kit' });
    expect(report.trustedTypesEnforced).to.equal(true);
    expect(report.setup).to.equal('created');
    expectClean(report, WIDGETS.length);
    // The allowance passes the empty string and nothing else.
    await expectStrict(win, true);
  });

  it('a host that already owns the default policy keeps it, and the widgets work through it', async () => {
    const win = await strictPage('tt=1&host-policy=1');
    const report = await win.strideStrict!.run({ setup: 'kit' });
    expect(report.setup).to.equal('existing');
    expect(report.hostPolicyKept, "the host's policy is still the default").to.equal(true);
    expectClean(report, WIDGETS.length);
    await expectStrict(win, true);
  });

  it('without the allowance Trusted Types refuses the charts (why a host must allow the empty string)', async () => {
    const win = await strictPage('tt=1');
    const report = await win.strideStrict!.run({ setup: 'none', chartsOnly: true });
    const refused = report.violations.filter((v) => v.startsWith('require-trusted-types-for'));
    expect(refused.length, 'Trusted Types violations from the charts').to.be.greaterThan(0);
    // Refused, not broken: the page keeps running and no error escapes a widget.
    expect(report.errors, 'uncaught errors').to.deep.equal([]);
  });

  for (const [title, query] of [
    ["default-src 'self'; img-src 'self'", 'img=1&tt=0'],
    ["default-src 'self'; img-src 'self' and Trusted Types", 'img=1&tt=1'],
  ] as const) {
    it(`every widget with a share action shares its picture under ${title}: 0 violations, 0 errors`, async () => {
      const win = await strictPage(query);
      const { runs, violations, errors, imageRefused } = await win.strideStrict!.share();
      expect(imageRefused, 'the page refuses a data: image').to.equal(true);
      expect(violations, 'securitypolicyviolation events').to.deep.equal([]);
      expect(errors, 'uncaught errors').to.deep.equal([]);
      expect(runs.map((r) => r.name)).to.deep.equal(
        WIDGETS.filter((w) => w.shares !== false).map((w) => widgetName(w)),
      );
      for (const run of runs) {
        expect(run.width, `${run.name}: the PNG's width`).to.equal(1200);
        expect(run.height, `${run.name}: the PNG's height`).to.be.greaterThan(300);
        expect(run.status, `${run.name}: status`).to.match(/Picture (copied|downloaded)/);
      }
    });
  }

  it('allowEChartsUnderTrustedTypes() is exported and on a page without an enforced policy only reports what it did', () => {
    // This page enforces nothing; the call must still be safe (Chromium has trustedTypes, so a policy may be created once).
    const result = allowEChartsUnderTrustedTypes();
    expect(['created', 'existing', 'unsupported']).to.include(result);
    expect(allowEChartsUnderTrustedTypes(), 'a second call leaves the first policy').to.equal('existing');
  });
});
