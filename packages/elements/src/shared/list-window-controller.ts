/**
 * The kit's one way to window a long list (the board's rows, the indicators sheet, the lead list): only the rows in
 * and near the viewport are in the DOM, between two spacers that stand for the rows before and after them. Every list
 * of the kit has rows of one known height, so where a row stands is arithmetic: nothing is measured but the scrolling
 * element's own height and where its rows start (below a sticky header, for the sheet).
 *
 * The controller owns the window, the scroll and resize listening, scrolling a row into the window and the roving
 * tab stop across rows (a row out of the window is not in the DOM, so the stop is an index, not an element). A widget
 * supplies its rows, their template and the scrolling element; it knows nothing of spacers.
 *
 * The first frame renders only the rows the list shows; the rows beyond the edges (`overhang`) follow in the frame
 * after it is painted, so a 10,000-row list paints its top as soon as a list of ten would.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { RovingFocusController, rovingTarget } from './roving-focus-controller.js';
import { styleProps } from './style-props.js';

export interface VisibleRange {
  first: number;
  last: number;
}

/** Rows `from` (inclusive) to `to` (exclusive) are in the DOM. */
export interface RenderedRange {
  from: number;
  to: number;
}

export interface ListWindowOptions {
  /** The height of a row in px, border box: every row has exactly this height. */
  rowHeight: () => number;
  /** Px of rows kept rendered beyond each edge once the first rows are painted: more than a wheel step or PageDown. */
  overhang: number;
  /** Rows assumed visible before the list has been measured. */
  initial: VisibleRange;
  /** Called when the visible range changes; the host decides whether that needs a render. */
  onVisibleChange?: (before: VisibleRange, after: VisibleRange) => void;
  /** The scrolling element. */
  list: () => HTMLElement | null;
  /** A selector for the focusable element of row `index` inside the list. */
  focusable: (index: number) => string;
}

/**
 * The rows of `count` whose boxes meet the viewport: `scrollTop` and `viewport` in px of the scrolling element, `top`
 * the px of its content above the first row. Pure.
 */
export function visibleRows(
  scrollTop: number,
  viewport: number,
  top: number,
  rowHeight: number,
  count: number,
): VisibleRange {
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const start = Math.max(0, scrollTop - top);
  const first = Math.min(count - 1, Math.floor(start / rowHeight));
  const last = Math.min(count - 1, Math.max(first, Math.ceil((start + Math.max(viewport, 1)) / rowHeight) - 1));
  return { first, last };
}

/**
 * The rows to render for a visible range: `extra` rows beyond each edge, within the list. A render is needed only
 * once the visible rows come within half the extra rows of an edge that is not the list's own (`current` is what is
 * rendered), so a scroll re-renders every few rows rather than every row. Pure.
 */
export function renderedRows(
  visible: VisibleRange,
  extra: number,
  count: number,
  current?: RenderedRange,
): RenderedRange {
  const wanted = { from: Math.max(0, visible.first - extra), to: Math.min(count, visible.last + 1 + extra) };
  if (!current || current.to > count) return wanted;
  const margin = Math.floor(extra / 2);
  const topOk = current.from === 0 ? visible.first >= 0 : visible.first - current.from >= margin;
  const bottomOk = current.to === count ? visible.last < count : current.to - 1 - visible.last >= margin;
  const covers = current.from <= visible.first && visible.last < current.to;
  return covers && topOk && bottomOk && current.to - current.from <= wanted.to - wanted.from + extra ? current : wanted;
}

const ROWS = 'rows';

export class ListWindowController implements ReactiveController {
  /** The rows in the viewport. Not reactive: it changes on every scroll step. */
  visible: VisibleRange;
  private readonly host: ReactiveControllerHost;
  private readonly options: ListWindowOptions;
  private readonly roving: RovingFocusController;
  /** Px beyond the edges: 0 until the first rows are painted. */
  private overhang = 0;
  private frame: number | undefined;
  private rendered: RenderedRange | undefined;
  private count = 0;
  private bound: HTMLElement | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private viewport = 0;

  constructor(host: ReactiveControllerHost, options: ListWindowOptions) {
    this.host = host;
    this.options = options;
    this.visible = options.initial;
    this.roving = new RovingFocusController(host);
    host.addController(this);
  }

  /** The row holding the list's one tab stop (the first until one is chosen). */
  get activeIndex(): number {
    return this.roving.active(ROWS) ?? 0;
  }

  /** Gives the tab stop to a row (one the pointer activated). */
  setActive(index: number): void {
    this.roving.set(ROWS, index);
  }

  /** Back to the first row: the list now holds other rows (a new board, a search). */
  resetActive(): void {
    this.roving.clear(ROWS);
  }

  /**
   * The scrolling list is itself a tab stop (a scroll region must stay keyboard-reachable, and the active row may be
   * scrolled out of the window). Entering it from outside moves focus on to the active row where that row is
   * rendered; coming back from a row (Shift+Tab) stays on the list.
   */
  readonly onFocus = (event: FocusEvent): void => {
    const list = event.currentTarget as HTMLElement;
    if (event.target !== list || (event.relatedTarget instanceof Node && list.contains(event.relatedTarget))) return;
    if (list.querySelector(this.options.focusable(this.activeIndex))) void this.focusRow(this.activeIndex);
  };

  /** Arrow keys, PageUp/PageDown, Home and End over `count` rows. */
  onKeyDown(event: KeyboardEvent, count: number): void {
    const target = event.target as HTMLElement;
    let next: number | undefined;
    if (target === event.currentTarget) {
      // From the list itself the arrows go to the active row; PageUp and PageDown keep scrolling the list.
      const arrow = event.key === 'ArrowDown' || event.key === 'ArrowUp';
      next = arrow ? this.activeIndex : rovingTarget(event.key, this.activeIndex, count, { axis: 'vertical' });
      if (next !== undefined) event.preventDefault();
    } else {
      const row = target.closest<HTMLElement>('[data-index]');
      if (!row) return;
      const current = Number(row.dataset['index'] ?? this.activeIndex);
      next = this.roving.handleKey(event, ROWS, current, count, { axis: 'vertical', pageStep: this.pageStep });
    }
    if (next !== undefined) void this.focusRow(next);
  }

  /** Moves the tab stop to a row and focuses it, scrolling it into the window first. */
  async focusRow(index: number): Promise<void> {
    this.roving.set(ROWS, index);
    this.scrollToRow(index);
    await this.roving.focusWhenRendered(
      () => this.options.list()?.querySelector<HTMLElement>(this.options.focusable(index)),
      2,
    );
  }

  /** Scrolls the list the least that shows row `index` whole, and renders the window around it. */
  scrollToRow(index: number): void {
    const list = this.options.list();
    if (!list) return;
    const height = this.options.rowHeight();
    const top = this.rowsTop(list) + index * height;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + height > list.scrollTop + list.clientHeight) list.scrollTop = top + height - list.clientHeight;
    this.update(list);
  }

  /** Rows a PageUp or PageDown moves: one window. */
  get pageStep(): number {
    return Math.max(1, this.visible.last - this.visible.first);
  }

  /**
   * The windowed rows, for inside the scrolling element: a spacer for the rows before the window, the rows, a spacer
   * for the rows after. Row elements are reused by position, not keyed by item: keyed rows (Lit's repeat) left one
   * node behind per refresh of a re-ranked board in the memory harness's ten-minute soak.
   */
  rows<T>(items: readonly T[], render: (item: T, index: number) => TemplateResult): unknown {
    this.count = items.length;
    const height = this.options.rowHeight();
    const range = renderedRows(this.visible, this.extraRows(height), items.length, this.rendered);
    this.rendered = range;
    const shown = items.slice(range.from, range.to);
    return html`<div class="window-spacer" aria-hidden="true" style=${styleProps({ height: `${range.from * height}px` })}></div>
      ${shown.map((item, i) => render(item, range.from + i))}
      <div aria-hidden="true" style=${styleProps({ height: `${(items.length - range.to) * height}px` })}></div>`;
  }

  hostUpdated(): void {
    const list = this.options.list() ?? undefined;
    if (list !== this.bound) this.bind(list);
    if (list && this.viewport === 0) this.update(list);
  }

  hostDisconnected(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.bind(undefined);
  }

  private bind(list: HTMLElement | undefined): void {
    this.bound?.removeEventListener('scroll', this.onScroll);
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.bound = list;
    this.viewport = 0;
    if (!list) return;
    list.addEventListener('scroll', this.onScroll, { passive: true });
    // A wall screen or a phone frame shows more or fewer rows than the first guess.
    this.resizeObserver = new ResizeObserver(() => {
      if (list.clientHeight !== this.viewport) this.update(list);
    });
    this.resizeObserver.observe(list);
  }

  private readonly onScroll = (): void => {
    if (this.bound) this.update(this.bound);
  };

  /** Reads where the list stands, tells the host about a new visible range and renders a new window if one is due. */
  private update(list: HTMLElement): void {
    this.viewport = list.clientHeight;
    const height = this.options.rowHeight();
    const visible = visibleRows(list.scrollTop, this.viewport, this.rowsTop(list), height, this.count);
    if (this.count > 0 && (visible.first !== this.visible.first || visible.last !== this.visible.last)) {
      const before = this.visible;
      this.visible = visible;
      this.options.onVisibleChange?.(before, visible);
    }
    if (this.overhang === 0) this.widenAfterPaint();
    const next = renderedRows(this.visible, this.extraRows(height), this.count, this.rendered);
    if (next !== this.rendered) this.host.requestUpdate();
  }

  /** Px of the list's content above its first row (a sticky header inside the scrolling element). */
  private rowsTop(list: HTMLElement): number {
    const spacer = list.querySelector<HTMLElement>('.window-spacer');
    if (!spacer) return 0;
    return spacer.getBoundingClientRect().top - list.getBoundingClientRect().top - list.clientTop + list.scrollTop;
  }

  private extraRows(height: number): number {
    return height > 0 ? Math.ceil(this.overhang / height) : 0;
  }

  /**
   * The first visible rows are in the DOM: render the rows beyond the edges in the frame after the one that paints
   * them (a frame callback runs before its own frame's paint, so the first one only waits for the next).
   */
  private widenAfterPaint(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = requestAnimationFrame(() => {
        this.frame = undefined;
        this.overhang = this.options.overhang;
        this.host.requestUpdate();
      });
    });
  }
}
