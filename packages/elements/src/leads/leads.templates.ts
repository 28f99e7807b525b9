/** The lead list's templates: pure functions of what to show and the handlers to call. */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCount, type LeadRow, type LeadsSort, type StrideLocale } from '@stride/core';
import { t } from './leads.strings.js';
import { COLUMN_SORT, leadRowView, type LeadsColumn } from './leads.view-model.js';

/** Columns hidden in a phone-sized frame (still in each row's label and in the CSV). */
const OPTIONAL: ReadonlySet<LeadsColumn> = new Set([
  'phone',
  'manager',
  'enteredAt',
  'lastActionAt',
  'event',
  'counted',
]);

export interface LeadsListContext {
  locale: StrideLocale;
  timeZone: string;
  columns: readonly LeadsColumn[];
  activeIndex: number;
}

export function renderLeadsHeader(
  total: number,
  masked: boolean,
  locale: StrideLocale,
  exporting: boolean,
  onExport: () => void,
): TemplateResult {
  return html`<div class="head title-bar" part="header">
    <div>
      <h2 class="title">${t(locale, 'title')}</h2>
      <span class="sub">${t(locale, 'total', { n: formatCount(total, locale) })}</span>
      ${masked ? html`<span class="sub"> · ${t(locale, 'maskedNote')}</span>` : nothing}
    </div>
    <button class="button" part="export" ?disabled=${exporting} @click=${onExport}>
      ${t(locale, exporting ? 'exporting' : 'exportCsv')}
    </button>
  </div>`;
}

export function renderColumnHeaders(
  columns: readonly LeadsColumn[],
  sort: LeadsSort,
  locale: StrideLocale,
  onSort: (column: LeadsColumn) => void,
): TemplateResult {
  return html`<div class="columns" part="columns" role="group" aria-label=${t(locale, 'title')}>
    ${columns.map((column) => {
      const key = COLUMN_SORT[column];
      const label = t(locale, column);
      const optional = OPTIONAL.has(column) ? 'optional' : '';
      if (!key) return html`<span class="cell ${optional}">${label}</span>`;
      const active = sort.by === key;
      const arrow = active ? (sort.dir === 'asc' ? '▲' : '▼') : '';
      const state = active ? `, ${t(locale, sort.dir === 'asc' ? 'ascending' : 'descending')}` : '';
      return html`<button
        class="sort cell ${optional}"
        part="sort"
        aria-pressed=${active ? 'true' : 'false'}
        aria-label=${`${t(locale, 'sortBy', { column: label })}${state}`}
        @click=${() => onSort(column)}
      >
        ${label}<span aria-hidden="true">${arrow}</span>
      </button>`;
    })}
  </div>`;
}

/**
 * One lead. The cells are one template with a slot per column, not a template per cell: a list's columns are always
 * customer, phone, manager, stage, entered, overdue, then the event or the last action, then (a rate) whether the row
 * counted, so the slots are fixed and a row is one template instance with text bindings. Activation is handled once on
 * the list (see renderLeadsList), not by listeners on every row.
 */
export function renderLeadRow(row: LeadRow, index: number, total: number, context: LeadsListContext): TemplateResult {
  const { locale, timeZone, columns } = context;
  const { cells, label } = leadRowView(row, locale, timeZone);
  const last = columns.includes('event') ? cells.event : cells.lastActionAt;
  return html`<div
    class=${cells.overdue ? 'row overdue' : 'row'}
    part="row"
    role="listitem"
    data-index=${index}
    data-lead=${row.leadId}
    tabindex=${index === context.activeIndex ? '0' : '-1'}
    aria-label=${label}
    aria-posinset=${index + 1}
    aria-setsize=${total}
  >
    <span class="cell" aria-hidden="true"
      >${cells.customer}${cells.masked ? html`<span class="masked-mark" part="masked">*</span>` : nothing}</span
    ><span class="cell optional" aria-hidden="true">${cells.phone}</span
    ><span class="cell optional" aria-hidden="true">${cells.manager}</span
    ><span class="cell" aria-hidden="true">${cells.stage}</span
    ><span class="cell optional" aria-hidden="true">${cells.enteredAt}</span
    ><span class=${cells.overdue ? 'cell overdue-hours' : 'cell muted'} aria-hidden="true">${cells.overdueHours}</span
    ><span class="cell optional" aria-hidden="true">${last}</span
    >${columns.includes('counted') ? html`<span class="cell optional" aria-hidden="true">${cells.counted}</span>` : nothing}
  </div>`;
}

export function renderLeadsList(
  total: number,
  locale: StrideLocale,
  parts: {
    rows: unknown;
    loadingMore: boolean;
    onFocus: (event: FocusEvent) => void;
    onKeyDown: (event: KeyboardEvent) => void;
    /** A row was clicked, or Enter or Space pressed on it. */
    onActivate: (index: number) => void;
  },
): TemplateResult {
  const rowIndex = (event: Event): number | undefined => {
    const row = (event.target as Element).closest<HTMLElement>('.row[data-index]');
    return row ? Number(row.dataset['index']) : undefined;
  };
  return html`<div
      class="list"
      part="list"
      role="list"
      aria-label=${t(locale, 'rows', { n: formatCount(total, locale) })}
      tabindex="0"
      @focus=${parts.onFocus}
      @click=${(event: MouseEvent) => {
        const index = rowIndex(event);
        if (index !== undefined) parts.onActivate(index);
      }}
      @keydown=${(event: KeyboardEvent) => {
        const index = event.key === 'Enter' || event.key === ' ' ? rowIndex(event) : undefined;
        if (index === undefined) return parts.onKeyDown(event);
        event.preventDefault();
        parts.onActivate(index);
      }}
    >
      ${parts.rows}
    </div>
    ${parts.loadingMore ? html`<div class="more" role="status">${t(locale, 'loadingMore')}</div>` : nothing}`;
}

export function renderLeadsSkeleton(rows: number): TemplateResult {
  return html`<div class="skeleton skeleton-title"></div>
    ${Array.from({ length: rows }, () => html`<div class="skeleton skeleton-row"></div>`)}`;
}
