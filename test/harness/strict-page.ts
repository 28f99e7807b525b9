/**
 * Runs inside the strict page served by test/support/strict-pages.mjs (an iframe of strict-pages.test.ts): every
 * registry widget is mounted, hovered (pointer events over every element, tooltips of every chart item forced open),
 * switched to its other view and back, refreshed, moved to another period and unmounted, on a page whose CSP allows
 * only same-origin scripts and stylesheets, optionally with Trusted Types enforced. The page's own shim (an external
 * file) records every `securitypolicyviolation` and uncaught error from before the first module loaded.
 */
import { allowEChartsUnderTrustedTypes, type EChartsTrustedTypesSetup } from '@stride/elements';
import { WIDGETS, mountWidget, pilotAdapter, settled, shadowRoots, widgetName } from './widgets.js';
import { allUpdated, forceEveryTooltip, liveCharts, toggleViews } from './probes.js';
import type { StrideShareEvent } from '../../packages/elements/src/shared/events.js';

export interface StrictRunOptions {
  /** `kit`: the host calls allowEChartsUnderTrustedTypes(); `none`: nothing is allowed (shows why it is needed). */
  setup: 'kit' | 'none';
  /** Only the widgets that draw charts (the negative case needs no more). */
  chartsOnly?: boolean;
}

export interface StrictWidgetReport {
  name: string;
  /** States seen with data on screen (not loading, not error) after mount, after the view toggles and after refresh. */
  dataShown: boolean;
  charts: number;
  tooltips: number;
  hovered: number;
}

export interface StrictReport {
  trustedTypesEnforced: boolean;
  setup: EChartsTrustedTypesSetup | 'skipped';
  /** Whether the host's own default policy (if any) is still the page's default policy after set-up. */
  hostPolicyKept: boolean | null;
  widgets: StrictWidgetReport[];
  violations: string[];
  errors: string[];
}

interface StrictLog {
  violations: string[];
  errors: string[];
}

declare global {
  interface Window {
    __strideStrictLog?: StrictLog;
    __hostDefaultPolicy?: unknown;
    strideStrict?: {
      run(options: StrictRunOptions): Promise<StrictReport>;
      canary(): { inlineScriptRan: boolean; markupAccepted: boolean };
      share(): Promise<ShareReport>;
    };
  }
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

function parts(element: HTMLElement, part: string): number {
  return shadowRoots(element).reduce((n, root) => n + root.querySelectorAll(`[part~="${part}"]`).length, 0);
}

function showsData(element: HTMLElement): boolean {
  return parts(element, 'error') === 0 && parts(element, 'loading') === 0;
}

/** What a pointer moving over the widget dispatches, on every element it could land on (capped per root). */
function hoverEverything(element: HTMLElement): number {
  let hovered = 0;
  for (const root of shadowRoots(element)) {
    for (const target of [...root.querySelectorAll('*')].slice(0, 300)) {
      const box = target.getBoundingClientRect();
      const init = {
        bubbles: true,
        composed: true,
        clientX: box.left + box.width / 2,
        clientY: box.top + box.height / 2,
      };
      target.dispatchEvent(new PointerEvent('pointerover', init));
      target.dispatchEvent(new MouseEvent('mouseover', init));
      target.dispatchEvent(new MouseEvent('mousemove', init));
      target.dispatchEvent(new PointerEvent('pointerout', init));
      target.dispatchEvent(new MouseEvent('mouseout', init));
      hovered += 1;
    }
  }
  return hovered;
}

async function exercise(widget: (typeof WIDGETS)[number], host: HTMLElement): Promise<StrictWidgetReport> {
  const mounted = mountWidget(widget, pilotAdapter(), host);
  const report: StrictWidgetReport = { name: widgetName(widget), dataShown: true, charts: 0, tooltips: 0, hovered: 0 };
  const look = async () => {
    await settled(mounted.element, mounted.client);
    await allUpdated(mounted.element);
    report.dataShown &&= showsData(mounted.element);
  };
  const hover = async () => {
    report.hovered += hoverEverything(mounted.element);
    for (const chart of await liveCharts(mounted.element)) {
      report.charts += 1;
      report.tooltips += forceEveryTooltip(chart);
    }
    await frame();
  };
  try {
    await look();
    await hover();
    // The other view (table) and back, so each chart is disposed and created again.
    if (toggleViews(mounted.element) > 0) {
      await allUpdated(mounted.element);
      toggleViews(mounted.element);
      await look();
      await hover();
    }
    await mounted.client.refetchQueries();
    await look();
    // New data, so the charts really redraw.
    mounted.element.setAttribute('period', 'week');
    await look();
    await hover();
  } finally {
    mounted.remove();
  }
  await frame();
  return report;
}

async function run(options: StrictRunOptions): Promise<StrictReport> {
  const log = window.__strideStrictLog;
  if (!log) throw new Error('the strict page shim did not run');
  const trustedTypesEnforced = new URL(location.href).searchParams.get('tt') === '1';
  const hostPolicy = window.__hostDefaultPolicy;
  const setup = options.setup === 'kit' ? allowEChartsUnderTrustedTypes() : 'skipped';
  const hostPolicyKept =
    hostPolicy === undefined
      ? null
      : (window as { trustedTypes?: { defaultPolicy: unknown } }).trustedTypes?.defaultPolicy === hostPolicy;

  const host = document.createElement('div');
  document.body.append(host);
  const widgets: StrictWidgetReport[] = [];
  // One widget at a time: a violation is then easy to place, and the page stays small.
  for (const widget of WIDGETS) {
    if (options.chartsOnly && !widget.chart) continue;
    widgets.push(await exercise(widget, host));
  }
  host.remove();
  await frame();
  return {
    trustedTypesEnforced,
    setup,
    hostPolicyKept,
    widgets,
    violations: [...log.violations],
    errors: [...log.errors],
  };
}

export interface ShareRun {
  name: string;
  /** The shared PNG's size, as decoded in the page; 0 when no picture came. */
  width: number;
  height: number;
  /** The status line after sharing (copied, downloaded). */
  status: string;
}

export interface ShareReport {
  runs: ShareRun[];
  violations: string[];
  errors: string[];
  /** The page refused a data: image (proof that `img-src 'self'` is in force). */
  imageRefused: boolean;
}

/**
 * Every widget with a share action shares its section: the picture is drawn on a canvas and decoded here, then
 * copied or downloaded, on a page that may load no image it did not serve itself.
 */
async function share(): Promise<ShareReport> {
  const log = window.__strideStrictLog;
  if (!log) throw new Error('the strict page shim did not run');
  if (new URL(location.href).searchParams.get('tt') === '1') allowEChartsUnderTrustedTypes();
  const host = document.createElement('div');
  document.body.append(host);
  const runs: ShareRun[] = [];
  for (const widget of WIDGETS) {
    if (widget.shares === false) continue;
    const mounted = mountWidget(widget, pilotAdapter(), host);
    const run: ShareRun = { name: widgetName(widget), width: 0, height: 0, status: '' };
    try {
      await settled(mounted.element, mounted.client);
      await allUpdated(mounted.element);
      const button = mounted.element.shadowRoot?.querySelector<HTMLButtonElement>('button[part~="share"]');
      if (!button) continue;
      const shared = new Promise<StrideShareEvent>((resolve) =>
        mounted.element.addEventListener('stride-share', resolve, { once: true }),
      );
      button.click();
      const picture = await createImageBitmap((await shared).detail.png);
      [run.width, run.height] = [picture.width, picture.height];
      const status = () => button.nextElementSibling?.textContent ?? '';
      for (let i = 0; i < 100 && /…/.test(status()); i += 1) await frame();
      run.status = status();
    } finally {
      runs.push(run);
      mounted.remove();
    }
  }
  host.remove();
  await frame();
  const report = { runs, violations: [...log.violations], errors: [...log.errors] };
  // The canary, after the report: the page really refuses a picture it did not serve (an SVG as a data: image, the
  // way the share picture must not be made)
  const canary = new Image();
  const refused = new Promise<boolean>((resolve) => {
    canary.onerror = () => resolve(true);
    canary.onload = () => resolve(false);
  });
  canary.src = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/%3E';
  return { ...report, imageRefused: await refused };
}

/**
 * Proves the page is as strict as claimed, after the run (its own violations are expected): an inline script must
 * not run, and, with Trusted Types enforced, markup must not reach innerHTML even through the default policy.
 */
function canary(): { inlineScriptRan: boolean; markupAccepted: boolean } {
  const flags = window as unknown as { __strideCanary?: boolean };
  try {
    // Under Trusted Types this assignment already throws; under CSP alone the script is refused when inserted.
    const script = document.createElement('script');
    script.textContent = 'window.__strideCanary = true;';
    document.body.append(script);
    script.remove();
  } catch {
    // refused
  }
  const probe = document.createElement('div');
  let markupAccepted = true;
  try {
    // A canary, not product code: under enforced Trusted Types this assignment must be refused (and reported).
    // eslint-disable-next-line no-restricted-syntax
    probe.innerHTML = '<b>markup</b>';
  } catch {
    markupAccepted = false;
  }
  return { inlineScriptRan: flags.__strideCanary === true, markupAccepted };
}

window.strideStrict = { run, canary, share };
