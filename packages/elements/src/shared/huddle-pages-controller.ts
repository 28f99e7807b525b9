/**
 * A list shown a page at a time on a wall screen (huddle mode), turning by itself. A wall screen has no scrolling, so
 * a page holds the rows that fit between the list's top and the bottom of the screen (unless the host sets a page
 * size). After the last page it starts again from the first and fires StrideHuddleLapEvent, which an enclosing
 * dashboard waits for before it rotates to its next view; the dashboard also starts it from the top when its turn
 * comes and holds it still while it is off screen or paused (HuddlePaced). Pausing and reduced motion follow
 * AutoAdvanceController's one precedence rule.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AutoAdvanceController } from './auto-advance-controller.js';
import { StrideHuddleLapEvent, type HuddlePaced } from './events.js';

/** A page holds at least this many rows, however little of the screen is left. */
const MIN_ROWS = 3;
/** Space kept below a page (the page's own margins). */
const BOTTOM_MARGIN = 32;

export interface HuddlePagesOptions {
  /** Whether the host pages now (huddle mode); off, nothing turns and no lap is fired. */
  active: () => boolean;
  /** Whether the list is what is shown; otherwise (an empty or failed state) a turn is a whole lap. */
  listShown: () => boolean;
  /** Rows to page through. */
  count: () => number;
  /** Rows per page set by the host; undefined fits the screen. */
  pageSize: () => number | undefined;
  seconds: () => number;
  /** The page's element and, inside it, a row (to measure); null while nothing is drawn. */
  measure: () => { page: HTMLElement | null; row: HTMLElement | null; below: number };
}

export class HuddlePagesController implements ReactiveController, HuddlePaced {
  /** The page on screen, 0-based. */
  page = 0;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: HuddlePagesOptions;
  private fitted = MIN_ROWS;
  private held = false;
  private readonly turning: AutoAdvanceController;

  constructor(host: ReactiveControllerHost & HTMLElement, options: HuddlePagesOptions) {
    this.host = host;
    this.options = options;
    this.turning = new AutoAdvanceController(host, {
      seconds: options.seconds,
      active: () => options.active() && !this.held,
      advance: () => this.advance(),
    });
    host.addController(this);
  }

  get rowsPerPage(): number {
    const set = this.options.pageSize();
    return set !== undefined && set > 0 ? set : this.fitted;
  }

  get pages(): number {
    return Math.max(1, Math.ceil(this.options.count() / Math.max(1, this.rowsPerPage)));
  }

  /**
   * The rows of the page on screen, [start, end) of the list, with the page wrapped into range: the list can shrink
   * under a page (a new board, a search) between a turn and the next render.
   */
  get range(): { page: number; pages: number; start: number; end: number } {
    const pages = this.pages;
    const page = ((this.page % pages) + pages) % pages;
    const start = page * this.rowsPerPage;
    return { page, pages, start, end: Math.min(this.options.count(), start + this.rowsPerPage) };
  }

  /** Paused by the viewer, by the motion preference, or held by an enclosing dashboard. */
  get paused(): boolean {
    return this.turning.paused || this.held;
  }

  /** Turning by itself right now (its page number is then not announced on every turn). */
  get running(): boolean {
    return this.turning.running;
  }

  togglePause(): void {
    this.turning.togglePause();
  }

  /** A page turned by hand; the interval starts again from now. */
  turn(delta: number): void {
    this.page = (this.page + delta + this.pages) % this.pages;
    this.turning.restart();
  }

  /** Back to the first page (a new board, a new search). */
  reset(): void {
    this.page = 0;
  }

  restartHuddle(): void {
    this.page = 0;
    this.turning.restart();
  }

  holdHuddle(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    window.addEventListener('resize', this.onResize);
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.onResize);
  }

  hostUpdated(): void {
    // Measured once this update has finished: a new page size is then the next update, not one inside this one.
    if (this.options.active() && this.options.pageSize() === undefined) queueMicrotask(() => this.fit());
  }

  private readonly onResize = (): void => {
    if (this.options.active()) this.host.requestUpdate();
  };

  private advance(): void {
    const next = this.options.listShown() ? this.page + 1 : this.pages;
    this.page = next % this.pages;
    if (next >= this.pages) this.host.dispatchEvent(new StrideHuddleLapEvent());
    this.host.requestUpdate();
  }

  /** Rows that fit between the page's top and the screen's bottom; nothing is measured while the list is hidden. */
  private fit(): void {
    if (!this.host.isConnected) return;
    const { page, row, below } = this.options.measure();
    if (!page || !row || row.offsetHeight === 0) return;
    const top = page.getBoundingClientRect().top + window.scrollY;
    const room = window.innerHeight - top - below - BOTTOM_MARGIN;
    const fit = Math.max(MIN_ROWS, Math.floor(room / row.offsetHeight));
    if (fit !== this.fitted) {
      this.fitted = fit;
      this.host.requestUpdate();
    }
  }
}
