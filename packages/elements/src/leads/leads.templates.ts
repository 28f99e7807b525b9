/** The lead list's templates: pure functions of what to show and the handlers to call. */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCount, type LeadRow, type LeadsSort, type StrideLocale } from '@stride/core';
import { t } from './leads.strings.js';
import { COLUMN_SORT, leadCells, type LeadsColumn } from './leads.view-model.js';

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
  onActivate: (row: LeadRow, index: number) => void;
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

export function renderLeadRow(row: LeadRow, index: number, total: number, context: LeadsListContext): TemplateResult {
  const { locale, timeZone, columns } = context;
  const cells = leadCells(row, locale, timeZone);
  const label = [
    t(locale, 'rowLabel', { customer: cells.customer, stage: cells.stage, manager: cells.manager }),
    cells.overdue ? cells.overdueHours : '',
    cells.counted,
  ]
    .filter(Boolean)
    .join(locale === 'zh-CN' ? '，' : ', ');
  return html`<div
    class="row ${cells.overdue ? 'overdue' : ''}"
    part="row"
    role="listitem"
    data-index=${index}
    data-lead=${row.leadId}
    tabindex=${index === context.activeIndex ? '0' : '-1'}
    aria-label=${label}
    aria-posinset=${index + 1}
    aria-setsize=${total}
    @click=${() => context.onActivate(row, index)}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        context.onActivate(row, index);
      }
    }}
  >
    ${columns.map((column) => renderCell(column, cells))}
  </div>`;
}

function renderCell(column: LeadsColumn, cells: ReturnType<typeof leadCells>): TemplateResult {
  const optional = OPTIONAL.has(column) ? 'optional' : '';
  switch (column) {
    case 'customer':
      return html`<span class="cell" aria-hidden="true"
        >${cells.customer}${cells.masked ? html`<span class="masked-mark" part="masked">*</span>` : nothing}</span
      >`;
    case 'overdueHours':
      return html`<span class="cell ${cells.overdue ? 'overdue-hours' : 'muted'}" aria-hidden="true"
        >${cells.overdueHours}</span
      >`;
    default:
      return html`<span class="cell ${optional}" aria-hidden="true">${cells[column]}</span>`;
  }
}

export function renderLeadsList(
  total: number,
  locale: StrideLocale,
  parts: {
    rows: unknown;
    loadingMore: boolean;
    onFocus: (event: FocusEvent) => void;
    onKeyDown: (event: KeyboardEvent) => void;
  },
): TemplateResult {
  return html`<div
      class="list"
      part="list"
      role="list"
      aria-label=${t(locale, 'rows', { n: formatCount(total, locale) })}
      tabindex="0"
      @focus=${parts.onFocus}
      @keydown=${parts.onKeyDown}
    >
      ${parts.rows}
    </div>
    ${parts.loadingMore ? html`<div class="more" role="status">${t(locale, 'loadingMore')}</div>` : nothing}`;
}

export function renderLeadsSkeleton(rows: number): TemplateResult {
  return html`<div class="skeleton skeleton-title"></div>
    ${Array.from({ length: rows }, () => html`<div class="skeleton skeleton-row"></div>`)}`;
}
