/** The lead list's templates: pure functions of what to show and the handlers to call. */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCount, type LeadRow, type LeadsSort, type StrideLocale } from '@stride/core';
import { t } from './leads.strings.js';
import { COLUMN_SORT, leadRowView, type LeadsColumn } from './leads.view-model.js';

/** What every row of a render shares, worked out once per render rather than once per row. */
export interface LeadsListContext {
  locale: StrideLocale;
  timeZone: string;
  /** The last column shows each row's event (an event-count indicator) rather than its last action. */
  showEvent: boolean;
  /** A rate's list: each row says whether it counted. */
  showCounted: boolean;
  activeIndex: number;
}

/** The row template's context for a list with these columns. */
export function leadsListContext(
  columns: readonly LeadsColumn[],
  locale: StrideLocale,
  timeZone: string,
  activeIndex: number,
): LeadsListContext {
  return {
    locale,
    timeZone,
    showEvent: columns.includes('event'),
    showCounted: columns.includes('counted'),
    activeIndex,
  };
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

/**
 * A sortable column's header button, `optional` when a phone-sized frame hides it. It names its column in
 * `data-column`: the header group's one click listener sorts by it.
 */
function sortButton(column: LeadsColumn, optional: boolean, sort: LeadsSort, locale: StrideLocale): TemplateResult {
  const label = t(locale, column);
  const active = sort.by === COLUMN_SORT[column];
  const state = active ? `, ${t(locale, sort.dir === 'asc' ? 'ascending' : 'descending')}` : '';
  return html`<button
    class="sort cell ${optional ? 'optional' : ''}"
    part="sort"
    data-column=${column}
    aria-pressed=${active ? 'true' : 'false'}
    aria-label=${`${t(locale, 'sortBy', { column: label })}${state}`}
  >
    ${label}<span aria-hidden="true">${active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
  </button>`;
}

/**
 * The column headers, one slot per column like the rows (see renderLeadRow): customer and phone are never sort keys
 * (the order would leak them), manager to overdue always are, then the last action (sortable) or the event (not),
 * then whether the row counted. One click listener on the group sorts by the button's column. Cells marked
 * `optional` are hidden in a phone-sized frame (still in each row's accessible name and in the CSV).
 */
export function renderColumnHeaders(
  columns: readonly LeadsColumn[],
  sort: LeadsSort,
  locale: StrideLocale,
  onSort: (column: LeadsColumn) => void,
): TemplateResult {
  const sortable = (column: LeadsColumn, optional: boolean) => sortButton(column, optional, sort, locale);
  const cells = [
    html`<span class="cell">${t(locale, 'customer')}</span>`,
    html`<span class="cell optional">${t(locale, 'phone')}</span>`,
    sortable('manager', true),
    sortable('stage', false),
    sortable('enteredAt', true),
    sortable('overdueHours', false),
    columns.includes('event')
      ? html`<span class="cell optional">${t(locale, 'event')}</span>`
      : sortable('lastActionAt', true),
    columns.includes('counted') ? html`<span class="cell optional">${t(locale, 'counted')}</span>` : nothing,
  ];
  return html`<div
    class="columns"
    part="columns"
    role="group"
    aria-label=${t(locale, 'title')}
    @click=${(event: MouseEvent) => {
      const column = (event.target as Element).closest<HTMLElement>('[data-column]')?.dataset['column'];
      if (column) onSort(column as LeadsColumn);
    }}
  >
    ${cells}
  </div>`;
}

/** The mark beside a customer the back end masked: static, one template result for every row. */
const MASKED_MARK = html`<span class="masked-mark" part="masked">*</span>`;

/**
 * One lead. The cells are one template with a slot per column, not a template per cell: a list's columns are always
 * customer, phone, manager, stage, entered, overdue, then the event or the last action, then (a rate) whether the row
 * counted, so the slots are fixed and a row is one template instance with text bindings. Activation is handled once on
 * the list (see renderLeadsList), not by listeners on every row.
 */
export function renderLeadRow(row: LeadRow, index: number, total: number, context: LeadsListContext): TemplateResult {
  const { cells, label } = leadRowView(row, context.locale, context.timeZone);
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
      >${cells.customer}${cells.masked ? MASKED_MARK : nothing}</span
    ><span class="cell optional" aria-hidden="true">${cells.phone}</span
    ><span class="cell optional" aria-hidden="true">${cells.manager}</span
    ><span class="cell" aria-hidden="true">${cells.stage}</span
    ><span class="cell optional" aria-hidden="true">${cells.enteredAt}</span
    ><span class=${cells.overdue ? 'cell overdue-hours' : 'cell muted'} aria-hidden="true">${cells.overdueHours}</span
    ><span class="cell optional" aria-hidden="true">${context.showEvent ? cells.event : cells.lastActionAt}</span
    >${context.showCounted ? html`<span class="cell optional" aria-hidden="true">${cells.counted}</span>` : nothing}
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

/**
 * The loading state in the list's shape: the title bar and the rows the list shows before it is measured. One static
 * template (nothing bound): every first render renders it and throws it away when the first page comes.
 */
const LEADS_SKELETON = html`<div class="skeleton skeleton-title"></div>
  <div class="skeleton skeleton-row"></div>
  <div class="skeleton skeleton-row"></div>
  <div class="skeleton skeleton-row"></div>
  <div class="skeleton skeleton-row"></div>
  <div class="skeleton skeleton-row"></div>
  <div class="skeleton skeleton-row"></div>
  <div class="skeleton skeleton-row"></div>
  <div class="skeleton skeleton-row"></div>`;

export function renderLeadsSkeleton(): TemplateResult {
  return LEADS_SKELETON;
}
