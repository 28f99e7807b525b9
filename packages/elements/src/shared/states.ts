/**
 * The states every widget shows (DESIGN "Rules every widget follows"): loading (a skeleton of the widget's own shape,
 * so nothing jumps), empty (with the reason), not configured, error (what failed, a retry button, "session expired"
 * for auth), stale (last good data kept with an unmistakable badge and the time of that data) and refreshing.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { common, formatDateTime, type AdapterMethod, type QueryState, type StrideLocale } from '@stride/core';
import { icon } from './icons.js';

export interface StateViews<T> {
  locale: StrideLocale;
  timeZone: string;
  method: AdapterMethod;
  skeleton: () => TemplateResult;
  data: (data: T) => TemplateResult;
  /** Empty is a result with nothing to show; the reason names the scope. */
  isEmpty?: (data: T) => boolean;
  emptyReason?: string;
  retry: () => void;
}

export function renderQueryState<T>(state: QueryState<T>, views: StateViews<T>): TemplateResult {
  const { locale } = views;
  switch (state.status) {
    case 'not-configured':
      return html`<div class="state" part="state" role="status">
        <strong>${common(locale, 'notConfigured')}</strong><span>${common(locale, 'notConfiguredReason')}</span>
      </div>`;
    case 'not-supported':
      return html`<div class="state" part="state" role="status">
        <strong>${common(locale, 'notConfigured')}</strong><span>${common(locale, 'notSupported', { method: views.method })}</span>
      </div>`;
    case 'idle':
      return html`<div class="state" part="state" role="status">
        <strong>${common(locale, 'notConfigured')}</strong><span>${common(locale, 'noOrg')}</span>
      </div>`;
    case 'loading':
      return html`<div aria-busy="true" part="loading"><span class="visually-hidden" role="status">${common(locale, 'loading')}</span>${views.skeleton()}</div>`;
    case 'error':
      return renderError(state, views);
    case 'success': {
      const data = state.data as T;
      const body = views.isEmpty?.(data)
        ? html`<div class="state" part="state" role="status">
            <strong>${common(locale, 'empty')}</strong>${views.emptyReason ? html`<span>${views.emptyReason}</span>` : nothing}
          </div>`
        : views.data(data);
      return html`${renderNotices(state, views)}${body}`;
    }
  }
}

function renderError<T>(state: QueryState<T>, views: StateViews<T>): TemplateResult {
  const { locale } = views;
  const auth = state.error?.kind === 'auth';
  return html`<div class="state error" part="state error" role="alert">
    <strong>${auth ? common(locale, 'sessionExpired') : common(locale, 'error')}</strong>
    ${auth ? nothing : html`<span>${state.error?.message ?? ''}</span>`}
    <button class="button" part="retry" @click=${views.retry}>${common(locale, 'retry')}</button>
  </div>`;
}

/** The stale badge, the refreshing hint and the dropped-items notice that sit above the data. */
export function renderNotices<T>(
  state: QueryState<T>,
  views: Pick<StateViews<T>, 'locale' | 'timeZone' | 'retry'>,
): TemplateResult {
  const { locale } = views;
  // The data's time is formatted inside the stale branch, the one place it shows: every render of every widget comes
  // through here, and a time in the bank's zone costs more than the rest of the notices together.
  return html`${
    state.stale
      ? html`<div class="notice" part="stale" role="status">
        <span class="badge-stale">${icon('warning')} ${common(locale, 'stale')}</span>
        <span>${common(locale, 'staleAsOf', {
          time: state.dataUpdatedAt ? formatDateTime(state.dataUpdatedAt, locale, views.timeZone) : '',
        })}</span>
        ${state.error?.kind === 'auth' ? html`<span>${common(locale, 'sessionExpired')}</span>` : nothing}
        <button class="button" part="retry" @click=${views.retry}>${common(locale, 'retry')}</button>
      </div>`
      : nothing
  }${
    state.dropped
      ? html`<div class="notice" part="dropped" role="status">
        <details>
          <summary>${common(locale, 'dropped', { count: state.dropped.ids.length, ids: state.dropped.ids.slice(0, 20).join(', ') + (state.dropped.ids.length > 20 ? ' …' : '') })}</summary>
          <p class="reasons">${state.dropped.message}</p>
        </details>
      </div>`
      : nothing
  }${
    state.fetching && !state.stale
      ? html`<span class="refreshing" part="refreshing" role="status">${common(locale, 'refreshing')}</span>`
      : nothing
  }`;
}
