/**
 * Roving focus (one tab stop per group of items, arrow keys move it): the board's rows, each sparkline's days, the
 * map's grids. One rule for the keys: the arrows of the group's axis step by one, PageUp/PageDown by `pageStep`,
 * Home and End go to the ends; a list stops at its ends, a ring (`wrap`) goes round. The controller holds which item
 * has the stop per group and moves focus to it once the host has rendered it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type RovingAxis = 'vertical' | 'horizontal' | 'both';

export interface RovingMove {
  axis: RovingAxis;
  /** Past the last item comes the first (and the other way round). */
  wrap?: boolean;
  /** Items a PageUp or PageDown moves; without it those keys do nothing. */
  pageStep?: number;
}

const FORWARD: Record<RovingAxis, readonly string[]> = {
  vertical: ['ArrowDown'],
  horizontal: ['ArrowRight'],
  both: ['ArrowDown', 'ArrowRight'],
};
const BACK: Record<RovingAxis, readonly string[]> = {
  vertical: ['ArrowUp'],
  horizontal: ['ArrowLeft'],
  both: ['ArrowUp', 'ArrowLeft'],
};

/**
 * The index `key` moves the stop to among `count` items from `current` (-1: none yet), or undefined for a key that
 * does not move it. Pure.
 */
export function rovingTarget(key: string, current: number, count: number, move: RovingMove): number | undefined {
  if (count <= 0) return undefined;
  const last = count - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  let step: number | undefined;
  if (FORWARD[move.axis].includes(key)) step = 1;
  else if (BACK[move.axis].includes(key)) step = -1;
  else if (move.pageStep !== undefined && (key === 'PageDown' || key === 'PageUp'))
    step = key === 'PageDown' ? move.pageStep : -move.pageStep;
  if (step === undefined) return undefined;
  if (move.wrap) {
    if (current < 0) return step > 0 ? 0 : last;
    return (((current + step) % count) + count) % count;
  }
  return Math.max(0, Math.min(last, current + step));
}

export class RovingFocusController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly stops = new Map<string, number>();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to set up: a widget moved in the DOM keeps its tab stops.
  }

  /** The index holding the tab stop in `group`, or undefined before one is chosen. */
  active(group: string): number | undefined {
    return this.stops.get(group);
  }

  /** Gives `group`'s tab stop to `index` and renders again if it moved. */
  set(group: string, index: number): void {
    if (this.stops.get(group) === index) return;
    this.stops.set(group, index);
    this.host.requestUpdate();
  }

  /** Forgets `group`'s stop (a new scope, the pointer left); the group falls back to its default. */
  clear(group?: string): void {
    if (group === undefined ? this.stops.size === 0 : !this.stops.has(group)) return;
    if (group === undefined) this.stops.clear();
    else this.stops.delete(group);
    this.host.requestUpdate();
  }

  /**
   * Moves `group`'s stop for a key press from `current`; returns the new index, or undefined (and leaves the event
   * alone) for a key that does not move it.
   */
  handleKey(event: KeyboardEvent, group: string, current: number, count: number, move: RovingMove): number | undefined {
    const next = rovingTarget(event.key, current, count, move);
    if (next === undefined) return undefined;
    event.preventDefault();
    this.set(group, next);
    return next;
  }

  /**
   * Focuses the element `find` returns once the host has rendered it. A windowed list renders a row a frame or two
   * after it is scrolled to, so up to `frames` frames are waited for.
   */
  async focusWhenRendered(find: () => HTMLElement | SVGElement | null | undefined, frames = 0): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      await this.host.updateComplete;
      const element = find();
      if (element) {
        element.focus();
        return;
      }
      if (attempt >= frames) return;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }
}
