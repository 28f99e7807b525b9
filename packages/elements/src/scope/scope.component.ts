import { LitElement, css, html, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { QueryClient } from '@tanstack/query-core';
import {
  resolveLocale,
  type IndicatorDefinition,
  type PeriodKind,
  type StrideAdapter,
  type ThemeSetting,
} from '@stride/core';
import { SETTINGS_PROPERTIES, strideScopeContext, type StrideSettings } from '../shared/context.js';

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

  static override properties = SETTINGS_PROPERTIES;

  /** Org unit id. */
  declare org?: string;
  /** Narrows every widget inside to one manager. */
  declare manager?: string;
  /** `day|week|month|quarter|year|pilot`. */
  declare period?: PeriodKind;
  /** `YYYY-MM-DD`. */
  declare date?: string;
  /** The signed-in manager. */
  declare me?: string;
  /** `zh-CN|en`. */
  override lang = '';
  /** `light|dark|auto`. */
  declare theme?: ThemeSetting;
  /** Seconds between polls; 0 = off. */
  declare refresh?: number;
  /** The bank's IANA time zone. */
  declare timeZone?: string;
  /** The data adapter (property only). */
  declare adapter?: StrideAdapter;
  /** The shared QueryClient (property only). */
  declare queryClient?: QueryClient;
  /** The indicator catalogue every widget inside shows (property only): set once for the whole portal page. */
  declare catalogue?: readonly IndicatorDefinition[];

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
      catalogue: this.catalogue,
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
