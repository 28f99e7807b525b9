/**
 * Something that moves on by itself on a wall screen (the board's pages, the dashboard's views), with the pause
 * control WCAG 2.2.2 asks for. One precedence rule: the viewer's own choice (pause or play) wins; until they make one,
 * the motion preference decides, so under prefers-reduced-motion nothing moves unless the viewer presses play.
 * A step taken by hand restarts the interval, so the page or view just chosen gets its full time.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ReducedMotionController } from './reduced-motion-controller.js';

export type AdvanceChoice = 'auto' | 'paused' | 'playing';

export interface AutoAdvanceOptions {
  /** Seconds between steps; 0 or less never advances. */
  seconds: () => number;
  /** Whether there is anything to move through now (huddle mode, more than one page). */
  active: () => boolean;
  /** Takes one step. */
  advance: () => void;
}

export class AutoAdvanceController implements ReactiveController {
  /** The viewer's choice; `auto` follows the motion preference. */
  choice: AdvanceChoice = 'auto';
  private readonly host: ReactiveControllerHost;
  private readonly options: AutoAdvanceOptions;
  private readonly motion: ReducedMotionController;
  private timer: ReturnType<typeof setInterval> | undefined;
  private every = 0;
  private connected = false;

  constructor(host: ReactiveControllerHost, options: AutoAdvanceOptions) {
    this.host = host;
    this.options = options;
    this.motion = new ReducedMotionController(host);
    host.addController(this);
  }

  /** Paused by the viewer, or by the motion preference while they have not chosen. */
  get paused(): boolean {
    return this.choice === 'auto' ? this.motion.reduced : this.choice === 'paused';
  }

  /** Held still only because the viewer prefers reduced motion (worth telling them why). */
  get heldByMotionPreference(): boolean {
    return this.choice === 'auto' && this.motion.reduced;
  }

  /** Moving by itself right now. */
  get running(): boolean {
    return this.options.active() && !this.paused && this.options.seconds() > 0;
  }

  /** The pause/resume button. */
  togglePause(): void {
    this.choice = this.paused ? 'playing' : 'paused';
    this.host.requestUpdate();
  }

  /** A step taken by hand: the interval starts again from now. */
  restart(): void {
    this.stop();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private sync(): void {
    const seconds = this.options.seconds();
    if (!this.connected || !this.running) return this.stop();
    if (this.timer !== undefined && this.every === seconds) return;
    this.stop();
    this.every = seconds;
    this.timer = setInterval(() => this.options.advance(), seconds * 1000);
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
