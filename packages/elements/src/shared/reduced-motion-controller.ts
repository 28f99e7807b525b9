/**
 * Whether the viewer asked for reduced motion (prefers-reduced-motion: reduce), kept current while the host is
 * connected. The one place a widget learns it: auto-advance pauses on it, charts skip their animation.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const QUERY = '(prefers-reduced-motion: reduce)';

export class ReducedMotionController implements ReactiveController {
  /** True while the viewer prefers reduced motion. */
  reduced = false;
  private readonly host: ReactiveControllerHost;
  private media: MediaQueryList | undefined;
  private readonly onChange = (event: MediaQueryListEvent): void => {
    this.reduced = event.matches;
    this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // Hosts without matchMedia (a server render, an old embedded browser) get motion.
    if (typeof matchMedia !== 'function') return;
    this.media = matchMedia(QUERY);
    this.reduced = this.media.matches;
    this.media.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.onChange);
    this.media = undefined;
  }
}
