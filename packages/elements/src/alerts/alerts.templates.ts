/**
 * The alerts list's template parts: pure functions of the view model and the handlers the element passes in.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCount, formatDay, formatValue, type Alert, type StrideLocale } from '@stride/core';
import { icon } from '../shared/icons.js';
import { t } from './alerts.strings.js';
import {
  SHOW_MORE_GROUPS,
  SHOW_MORE_ROWS,
  type AlertGrouping,
  type AlertRowView,
  type ShownAlerts,
} from './alerts.view-model.js';

export interface AlertsHandlers {
  onGroup: (grouping: AlertGrouping) => void;
  onSubject: (subject: Alert['subject']) => void;
  onAlert: (alert: Alert) => void;
  /** Shows more of a group's rows (by its key), or more groups. */
  onMoreRows: (key: string) => void;
  onMoreGroups: () => void;
}

// A pace below 10 is shown to one decimal (see alertLine); one formatter per language, built once.
const fewDecimals = new Map<StrideLocale, Intl.NumberFormat>();
function formatSmallPace(value: number, locale: StrideLocale): string {
  let format = fewDecimals.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    fewDecimals.set(locale, format);
  }
  return format.format(value);
}

/** "上门面访 12 / 进度应达 30": the value and where it should be, in the indicator's own unit. */
export function alertLine(row: AlertRowView, locale: StrideLocale): string {
  const { alert } = row;
  const value = formatValue(alert.value, row.unit, locale);
  // a small pace is not whole early in a period (1 conversion a month is 0.3 by the 10th): "0 / 0" would read wrong
  const expected =
    row.unit === 'count' && alert.expected < 10 && !Number.isInteger(alert.expected)
      ? formatSmallPace(alert.expected, locale)
      : formatValue(alert.expected, row.unit, locale);
  if (alert.rule === 'pace') {
    const key = row.unit === 'fraction' ? 'targetLine' : 'paceLine';
    return t(locale, key, { indicator: row.what, value, expected });
  }
  return t(locale, alert.rule === 'overdue' ? 'overdueLine' : 'inactiveLine', { value, expected });
}

export function renderToolbar(
  count: number,
  grouping: AlertGrouping,
  derived: boolean,
  locale: StrideLocale,
  handlers: AlertsHandlers,
  tools: unknown = nothing,
): TemplateResult {
  const option = (value: AlertGrouping, label: string) =>
    html`<button
      class="button"
      part="group-toggle"
      aria-pressed=${grouping === value ? 'true' : 'false'}
      @click=${() => handlers.onGroup(value)}
    >
      ${label}
    </button>`;
  return html`<div class="title-bar" part="header">
    <h3 class="title">
      ${t(locale, 'title')} <span class="count" part="count">${t(locale, 'count', { count: formatCount(count, locale) })}</span>
    </h3>
    <div class="toolbar" role="group" aria-label=${t(locale, 'groupBy')}>
      ${option('person', t(locale, 'byPerson'))} ${option('indicator', t(locale, 'byIndicator'))}
    </div>
    <div class="toolbar">${tools}</div>
    ${derived ? html`<p class="derived" part="derived">${t(locale, 'derived')}</p>` : nothing}
  </div>`;
}

function renderRow(row: AlertRowView, grouping: AlertGrouping, locale: StrideLocale, handlers: AlertsHandlers) {
  const { alert } = row;
  const line = alertLine(row, locale);
  const since = alert.since ? t(locale, 'since', { date: formatDay(alert.since, locale) }) : '';
  // by indicator, each row names its person (a drill to their sheet row); by person, the group title does
  return html`<li class="row" data-level=${row.level}>
    ${
      grouping === 'indicator'
        ? html`<button
          class="link who"
          part="subject"
          aria-label=${t(locale, 'openRow', { name: alert.subject.name })}
          @click=${() => handlers.onSubject(alert.subject)}
        >
          ${alert.subject.name}
        </button>`
        : nothing
    }
    <button
      class="alert"
      part="alert"
      data-alert=${alert.id}
      data-rule=${alert.rule}
      data-level=${row.level}
      @click=${() => handlers.onAlert(alert)}
    >
      <span class="mark" aria-hidden="true">${icon(row.level === 'high' ? 'warning' : 'exclamation')}</span>
      ${grouping === 'person' ? html`<span class="visually-hidden">${alert.subject.name}</span>` : nothing}
      <span class="line">${line}</span>
      ${since ? html`<span class="since">${since}</span>` : nothing}
    </button>
  </li>`;
}

/**
 * A "show more" button: how many one press adds and how many are still not shown, or "the other N" when one press
 * shows them all.
 */
function renderMore(
  kind: 'Rows' | 'People' | 'Indicators',
  hidden: number,
  step: number,
  locale: StrideLocale,
  onClick: () => void,
): TemplateResult {
  const rest = formatCount(hidden, locale);
  const label =
    hidden <= step
      ? t(locale, `rest${kind}`, { rest })
      : t(locale, `more${kind}`, { n: formatCount(step, locale), rest });
  return html`<button class="button more" part="more" @click=${onClick}>${label}</button>`;
}

export function renderGroups(
  shown: ShownAlerts,
  grouping: AlertGrouping,
  locale: StrideLocale,
  handlers: AlertsHandlers,
): TemplateResult {
  const count = (n: number) => formatCount(n, locale);
  return html`<div class="groups" part="groups">
    ${shown.groups.map(
      (group) => html`<section class="group" part="group" data-group=${group.key}>
        <h4 class="group-title">
          ${
            group.subject
              ? html`<button
                class="link subject"
                part="subject"
                aria-label=${t(locale, 'openRow', { name: group.title })}
                @click=${() => handlers.onSubject(group.subject!)}
              >
                ${group.title}
              </button>`
              : group.title
          }
          <span class="group-count">${count(group.rows.length + group.hiddenRows)}</span>
        </h4>
        <ul class="rows">
          ${group.rows.map((row) => renderRow(row, grouping, locale, handlers))}
        </ul>
        ${
          group.hiddenRows > 0
            ? renderMore('Rows', group.hiddenRows, SHOW_MORE_ROWS, locale, () => handlers.onMoreRows(group.key))
            : nothing
        }
      </section>`,
    )}
    ${
      shown.hiddenGroups > 0
        ? renderMore(
            grouping === 'person' ? 'People' : 'Indicators',
            shown.hiddenGroups,
            SHOW_MORE_GROUPS,
            locale,
            handlers.onMoreGroups,
          )
        : nothing
    }
  </div>`;
}

export function renderSkeleton(): TemplateResult {
  return html`<div class="groups" aria-hidden="true">
    ${[0, 1, 2].map(
      () => html`<div class="group">
        <div class="skeleton skeleton-title"></div>
        <div class="skeleton skeleton-row"></div>
        <div class="skeleton skeleton-row"></div>
      </div>`,
    )}
  </div>`;
}
