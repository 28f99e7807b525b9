/**
 * What the hostile-input, strict-page and fault harnesses look at inside a mounted widget, without knowing which
 * widget it is: every ECharts instance (through the shared ChartController), every CSV export (the public `toCsv()`),
 * every view toggle, and anything an attacker could have planted in a shadow root.
 */
import type { EChartsType } from 'echarts/core';
import { ChartController } from '../../packages/elements/src/shared/chart-controller.js';
import { shadowRoots } from './widgets.js';

/** The element and every custom element inside its shadow roots (the dashboard's inner widgets). */
export function widgetHosts(element: HTMLElement): HTMLElement[] {
  return [
    element,
    ...shadowRoots(element)
      .map((root) => root.host as HTMLElement)
      .filter((host) => host !== element),
  ];
}

/** Waits for every Lit host under `element` to finish its update, then (unless `frame` is false) one frame. */
export async function allUpdated(element: HTMLElement, frame = true): Promise<void> {
  for (let pass = 0; pass < 3; pass += 1) {
    const pending = widgetHosts(element)
      .map((host) => (host as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete)
      .filter((p): p is Promise<unknown> => p !== undefined);
    const changed = await Promise.all(pending);
    if (changed.every((done) => done === true)) break;
  }
  if (frame) await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
}

/** Every chart controller under `element` (by the one shared class, so a new chart widget is found too). */
export function chartControllers(element: HTMLElement): ChartController[] {
  const found: ChartController[] = [];
  for (const host of widgetHosts(element)) {
    const candidate = (host as HTMLElement & { chart?: unknown }).chart;
    if (candidate instanceof ChartController) found.push(candidate);
  }
  return found;
}

/** The live ECharts instances under `element`, once each controller has loaded ECharts and drawn. */
export async function liveCharts(element: HTMLElement): Promise<EChartsType[]> {
  const charts: EChartsType[] = [];
  for (const controller of chartControllers(element)) {
    await controller.ready();
    if (!controller.chart) await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    const chart = controller.chart;
    if (chart && !chart.isDisposed()) charts.push(chart);
  }
  return charts;
}

/**
 * Forces the tooltip of every data item of every series, and of every region of every geo component (the coverage
 * map), open, one after the other; returns how many were shown.
 */
export function forceEveryTooltip(chart: EChartsType): number {
  const option = chart.getOption() as { series?: { data?: unknown[] }[]; geo?: { regions?: { name: string }[] }[] };
  let shown = 0;
  (option.series ?? []).forEach((series, seriesIndex) => {
    const count = Math.min(series.data?.length ?? 0, 40);
    for (let dataIndex = 0; dataIndex < count; dataIndex += 1) {
      chart.dispatchAction({ type: 'showTip', seriesIndex, dataIndex });
      shown += 1;
    }
  });
  (option.geo ?? []).forEach((geo, geoIndex) => {
    for (const region of (geo.regions ?? []).slice(0, 40)) {
      chart.dispatchAction({ type: 'showTip', geoIndex, name: region.name });
      shown += 1;
    }
  });
  chart.dispatchAction({ type: 'hideTip' });
  return shown;
}

/** Clicks every chart/table and map/table toggle under `element` (so the other view renders). */
export function toggleViews(element: HTMLElement): number {
  let clicked = 0;
  for (const root of shadowRoots(element)) {
    for (const button of root.querySelectorAll<HTMLButtonElement>('[part~="toggle"], [part~="view-toggle"]')) {
      button.click();
      clicked += 1;
    }
  }
  return clicked;
}

/** Every `toCsv()` under `element` (each exporting widget's public export, identical to the download). */
export function csvExports(element: HTMLElement): string[] {
  const texts: string[] = [];
  for (const host of widgetHosts(element)) {
    const toCsv = (host as HTMLElement & { toCsv?: () => string }).toCsv;
    if (typeof toCsv === 'function') texts.push(toCsv.call(host));
  }
  return texts;
}

/** RFC 4180 cells (quotes doubled, CRLF rows), the BOM removed. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Cells a spreadsheet would run as a formula: text starting with = + - @, tab or CR (DESIGN: CSV exports escape
 * them). A plain number such as -3 is data, not a formula.
 */
export function formulaCells(csv: string): string[] {
  return parseCsv(csv)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell));
}

const FOREIGN_TAGS = new Set([
  'SCRIPT',
  'IFRAME',
  'FRAME',
  'FRAMESET',
  'OBJECT',
  'EMBED',
  'BASE',
  'META',
  'LINK',
  'FORM',
  'MARQUEE',
  'APPLET',
  'XMP',
  'NOSCRIPT',
]);

/**
 * Elements an adapter string could only have produced by being parsed as HTML: an inline event handler attribute,
 * a script-capable or navigating tag, or an image whose address is not one a widget chose (an avatar goes through
 * `safeUrl`; `src=x` is the payload's).
 */
export function injectedElements(
  element: HTMLElement,
  allowedImage: (src: string) => boolean = () => false,
): Element[] {
  const found: Element[] = [];
  for (const root of shadowRoots(element)) {
    for (const el of root.querySelectorAll('*')) {
      const handler = [...el.attributes].some((attr) => attr.name.toLowerCase().startsWith('on'));
      const foreign = FOREIGN_TAGS.has(el.tagName.toUpperCase());
      const image = el.tagName === 'IMG' && !allowedImage(el.getAttribute('src') ?? '');
      if (handler || foreign || image) found.push(el);
    }
  }
  return found;
}

/** Every URL-bearing attribute under `element`'s shadow roots. */
export function urlAttributes(element: HTMLElement): string[] {
  const urls: string[] = [];
  for (const root of shadowRoots(element)) {
    for (const el of root.querySelectorAll('[src], [href], [srcset], [action], [formaction], [xlink\\:href]')) {
      for (const name of ['src', 'href', 'srcset', 'action', 'formaction', 'xlink:href']) {
        const value = el.getAttribute(name);
        if (value !== null) urls.push(value);
      }
    }
  }
  return urls;
}

/** The text a user can read (and a screen reader hears) across every shadow root, verbatim. */
export function visibleText(element: HTMLElement): string {
  return shadowRoots(element)
    .map((root) => root.textContent ?? '')
    .join('\n');
}

export interface ExecutionTrap {
  /** alert/confirm/prompt calls and sentinel calls since install. */
  readonly count: () => number;
  readonly calls: () => string[];
  restore(): void;
}

/** Replaces alert/confirm/prompt and installs `window.__strideXss` so any execution of a payload is counted. */
export function trapExecution(): ExecutionTrap {
  const calls: string[] = [];
  const win = window as unknown as Record<string, unknown>;
  const saved = { alert: win['alert'], confirm: win['confirm'], prompt: win['prompt'] };
  win['alert'] = (message?: unknown) => void calls.push(`alert(${String(message)})`);
  win['confirm'] = (message?: unknown) => (calls.push(`confirm(${String(message)})`), false);
  win['prompt'] = (message?: unknown) => (calls.push(`prompt(${String(message)})`), null);
  win['__strideXss'] = (tag?: unknown) => void calls.push(`sentinel(${String(tag)})`);
  return {
    count: () => calls.length,
    calls: () => [...calls],
    restore() {
      Object.assign(win, saved);
      delete win['__strideXss'];
    },
  };
}
