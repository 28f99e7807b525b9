/**
 * The kit's one way to window a long list (the board's rows, the indicators sheet, the lead list): only the rows in
 * and near the viewport are in the DOM, through @lit-labs/virtualizer. The controller owns the layout, the visible
 * range, the overhang and scrolling a row into the window, so a widget only supplies its rows and their template.
 *
 * Rows have one expected height, told to the layout up front: its own first guess is 100px, so the first frame would
 * render half the rows, measure them and lay out the rest in a second pass. Rows are still measured, so a host page
 * that changes the height only gets the second pass back. `overhang` (px of rows kept beyond each edge) starts at 0,
 * so the first frame renders and paints only the rows the list shows, and widens once that frame is painted; the
 * virtualizer's default of 1000px doubled the rows of every frame.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import { RovingFocusController, rovingTarget } from './roving-focus-controller.js';

export interface VisibleRange {
  first: number;
  last: number;
}

/**
 * The flow layout with a known row height and an adjustable overhang. Version 2.1 has no public setting for either:
 * `_itemSize` (public in its typings) and the protected `_overhang` are the only ways in, and this class is the only
 * place that touches them (test/elements/shared/list-window.node.test.ts fails if an upgrade renames them).
 */
export class FixedRowsLayout extends FlowLayout {
  override _itemSize = { width: 100, height: 56 };
  protected override _overhang = 0;

  set rowHeight(px: number) {
    this._itemSize = { width: this._itemSize.width, height: px };
  }

  set overhang(px: number) {
    if (px === this._overhang) return;
    this._overhang = px;
    this._triggerReflow();
  }
}

export interface ListWindowOptions {
  /** The expected height of a row in px, border box. */
  rowHeight: () => number;
  /** Px of rows kept rendered beyond each edge once the first rows are painted: more than a wheel step or PageDown. */
  overhang: number;
  /** Rows assumed visible before the virtualizer reports what it shows. */
  initial: VisibleRange;
  /** Called when the visible range changes; the host decides whether that needs a render. */
  onVisibleChange?: (before: VisibleRange, after: VisibleRange) => void;
  /** The scrolling element, for rows that take focus. */
  list: () => HTMLElement | null;
  /** A selector for the focusable element of row `index` inside the list. */
  focusable: (index: number) => string;
}

const ROWS = 'rows';

export class ListWindowController implements ReactiveController {
  /** The rows the virtualizer shows. Not reactive: it changes on every scroll step. */
  visible: VisibleRange;
  private readonly host: ReactiveControllerHost;
  private readonly options: ListWindowOptions;
  private overhang = 0;
  private frame: number | undefined;
  private readonly roving: RovingFocusController;

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
   * The scrolling list is itself a tab stop: the virtualizer renders no rows while the list is outside the window's
   * viewport (a dashboard below the fold), and a scroll region must stay keyboard-reachable. Entering it from outside
   * moves focus on to the active row once that row is rendered; coming back from a row (Shift+Tab) stays on the list.
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
    const list = this.options.list() as VirtualizerHostElement | null;
    list?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
    await this.roving.focusWhenRendered(
      () => this.options.list()?.querySelector<HTMLElement>(this.options.focusable(index)),
      10,
    );
  }

  hostDisconnected(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  /** Rows a PageUp or PageDown moves: one window. */
  get pageStep(): number {
    return Math.max(1, this.visible.last - this.visible.first);
  }

  /**
   * The windowed rows, for inside the scrolling element (which gets `@visibilityChanged=${controller.onVisibility}`).
   * A layout pass queued before the list shrank can still ask for indices past the new end: those get no row.
   */
  rows<T>(items: readonly T[], key: (item: T) => string, render: (item: T, index: number) => TemplateResult): unknown {
    // The virtualizer hands the specifier's other fields to the layout's setters.
    const layout = { type: FixedRowsLayout, rowHeight: this.options.rowHeight(), overhang: this.overhang };
    return virtualize({
      items: items as T[],
      keyFunction: (item: T | undefined, index: number) => (item === undefined ? `#${index}` : key(item)),
      renderItem: (item: T | undefined, index: number) => (item === undefined ? html`` : render(item, index)),
      scroller: true,
      layout,
    });
  }

  readonly onVisibility = (event: VisibilityChangedEvent): void => {
    if (this.overhang === 0) this.widenAfterPaint();
    const { first, last } = event;
    if (first === this.visible.first && last === this.visible.last) return;
    const before = this.visible;
    this.visible = { first, last };
    this.options.onVisibleChange?.(before, this.visible);
  };

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
