/**
 * A dashboard given `me` on a phone offers the signed-in manager's own day first: a branch's whole view squeezed to
 * 320 px is not what a manager opens a phone for. Self-contained: a width controller and the cell's template; the
 * dashboard adds the cell before its views when `offersMyDay` says so.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { loadComponent, tagName } from '../registry.js';

/** Up to this width (the dashboard's own, in px) it is a phone: the widest phone the view is made for, with margin. */
export const PHONE_MAX_WIDTH = 480;

/** Whether the host is phone-width, from a ResizeObserver on it; re-renders the host only when that changes. */
export class PhoneWidthController implements ReactiveController {
  phone = false;
  private observer: ResizeObserver | undefined;
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width ?? 0;
      const phone = width > 0 && width <= PHONE_MAX_WIDTH;
      if (phone === this.phone) return;
      this.phone = phone;
      // next frame: re-rendering inside the observer's callback resizes what it watches (a loop error)
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.host.requestUpdate());
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    cancelAnimationFrame(this.frame);
  }
}

/** A phone, a signed-in manager, and not a wall screen. */
export function offersMyDay(phone: boolean, me: string | undefined, mode: string | undefined): boolean {
  return phone && !!me && mode !== 'huddle';
}

/** The first cell: the manager's own day (its chunk loads on first use; the page's tag watcher cannot see in here). */
export function renderMyDayCell(me: string, label: string): TemplateResult | typeof nothing {
  void loadComponent('stride-my-day');
  const tag = unsafeStatic(tagName('stride-my-day'));
  // `manager` pinned to me: a dashboard drilled to someone else still offers my own day, not theirs
  return html`<section class="cell my-day" part="cell my-day" aria-label=${label}>
    ${staticHtml`<${tag} manager=${me}></${tag}>`}
  </section>`;
}
