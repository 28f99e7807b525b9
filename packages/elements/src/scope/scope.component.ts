import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { QueryClient } from '@tanstack/query-core';
import { resolveLocale, type PeriodKind, type StrideAdapter, type ThemeSetting } from '@stride/core';
import { strideScopeContext, type StrideSettings } from '../shared/context.js';

/**
 * Provides adapter, query client, scope, locale, theme and `me` to every Stride widget inside it, through
 * @lit/context. It has no UI of its own (`display: contents`): it wraps whatever layout the portal already has.
 * A widget's own property still wins over the scope's; the scope wins over `configure()` defaults.
 *
 * @tagname stride-scope
 * @summary Shares data source, scope and settings with the Stride widgets inside it.
 * @slot - Any content; Stride widgets anywhere inside read the scope.
 */
export class StrideScope extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Org unit id. */
  @property() org?: string;
  /** Narrows every widget inside to one manager. */
  @property() manager?: string;
  /** `day|week|month|quarter|year|pilot`. */
  @property() period?: PeriodKind;
  /** `YYYY-MM-DD`. */
  @property() date?: string;
  /** The signed-in manager. */
  @property() me?: string;
  /** `zh-CN|en`. */
  @property() override lang = '';
  /** `light|dark|auto`. */
  @property() theme?: ThemeSetting;
  /** Seconds between polls; 0 = off. */
  @property({ type: Number }) refresh?: number;
  /** The bank's IANA time zone. */
  @property({ attribute: 'time-zone' }) timeZone?: string;
  /** The data adapter (property only). */
  @property({ attribute: false }) adapter?: StrideAdapter;
  /** The shared QueryClient (property only). */
  @property({ attribute: false }) queryClient?: QueryClient;

  private readonly provider = new ContextProvider(this, { context: strideScopeContext, initialValue: {} });

  /** The settings this scope provides (only what it sets; unset values fall through to configure()). */
  get settings(): StrideSettings {
    return {
      adapter: this.adapter,
      queryClient: this.queryClient,
      org: this.org || undefined,
      manager: this.manager || undefined,
      period: this.period,
      date: this.date || undefined,
      me: this.me || undefined,
      lang: this.lang ? resolveLocale(this.lang) : undefined,
      theme: this.theme,
      refresh: this.refresh,
      timeZone: this.timeZone,
    };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A new object each time: consumers with `subscribe: true` are notified of the change.
    this.provider.setValue(this.settings);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
