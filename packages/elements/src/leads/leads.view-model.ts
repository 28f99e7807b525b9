/**
 * What the lead list shows, as plain data: the columns a filter needs, each row's cells as text, and the CSV rows.
 * Customer data is shown and exported exactly as the back end sent it (masked or not): the kit never unmasks and
 * never masks twice, it only marks what the back end marked.
 */
import {
  formatDateTime,
  formatHours,
  MISSING,
  type CsvCell,
  type LeadRow,
  type LeadsFilter,
  type LeadsSort,
  type LeadsSortKey,
  type StrideLocale,
} from '@stride/core';
import { t, type LeadsStringKey } from './leads.strings.js';

export type LeadsColumn =
  'customer' | 'phone' | 'manager' | 'stage' | 'enteredAt' | 'overdueHours' | 'lastActionAt' | 'event' | 'counted';

/** The sort key behind a column header; customer and phone are never sort keys (the order would leak them). */
export const COLUMN_SORT: Partial<Record<LeadsColumn, LeadsSortKey>> = {
  manager: 'managerName',
  stage: 'stage',
  enteredAt: 'enteredAt',
  overdueHours: 'overdueHours',
  lastActionAt: 'lastActionAt',
};

/** The columns of a list: an event-count indicator adds the event, a rate adds whether the row counted. */
export function leadsColumns(filter: LeadsFilter, rows: readonly LeadRow[]): LeadsColumn[] {
  const columns: LeadsColumn[] = ['customer', 'phone', 'manager', 'stage', 'enteredAt', 'overdueHours'];
  if (rows.some((row) => row.eventAt !== undefined)) columns.push('event');
  else columns.push('lastActionAt');
  if (filter.indicator !== undefined && rows.some((row) => row.counted !== undefined)) columns.push('counted');
  return columns;
}

export interface LeadCells {
  customer: string;
  phone: string;
  manager: string;
  stage: string;
  enteredAt: string;
  overdueHours: string;
  lastActionAt: string;
  event: string;
  counted: string;
  overdue: boolean;
  masked: boolean;
}

export function leadCells(row: LeadRow, locale: StrideLocale, timeZone: string): LeadCells {
  const at = (value: string | undefined): string => (value ? formatDateTime(value, locale, timeZone) : MISSING);
  const overdue = row.overdueHours !== null && row.overdueHours > 0;
  const eventLabel = row.eventType ? t(locale, `event_${row.eventType}` as LeadsStringKey) : '';
  const lastLabel = row.lastAction ? t(locale, `event_${row.lastAction}` as LeadsStringKey) : '';
  return {
    customer: row.customer,
    phone: row.phone ?? MISSING,
    manager: row.managerName ?? row.managerId,
    stage: t(locale, `stage_${row.stage}` as LeadsStringKey),
    enteredAt: at(row.enteredAt),
    overdueHours: overdue ? t(locale, 'overdueBy', { hours: formatHours(row.overdueHours, locale) }) : MISSING,
    lastActionAt: row.lastActionAt ? `${lastLabel} ${at(row.lastActionAt)}` : MISSING,
    event: row.eventAt ? `${eventLabel} ${at(row.eventAt)}` : MISSING,
    counted: row.counted === undefined ? '' : t(locale, row.counted ? 'countedYes' : 'countedNo'),
    overdue,
    masked: row.masked,
  };
}

export interface LeadRowView {
  cells: LeadCells;
  /** The row's accessible name: customer, stage and manager, then how overdue and whether it counted. */
  label: string;
}

const rowViews = new WeakMap<LeadRow, { locale: StrideLocale; timeZone: string; view: LeadRowView }>();

/**
 * A row's cells and accessible name, kept per row object (rows are never changed in place: a refresh brings new
 * objects). A scrolled window renders the rows it keeps again every few rows, and formatting a row's two times in the
 * bank's time zone was most of such a render.
 */
export function leadRowView(row: LeadRow, locale: StrideLocale, timeZone: string): LeadRowView {
  const kept = rowViews.get(row);
  if (kept && kept.locale === locale && kept.timeZone === timeZone) return kept.view;
  const cells = leadCells(row, locale, timeZone);
  const separator = locale === 'zh-CN' ? '，' : ', ';
  let label = t(locale, 'rowLabel', { customer: cells.customer, stage: cells.stage, manager: cells.manager });
  if (cells.overdue) label += separator + cells.overdueHours;
  if (cells.counted) label += separator + cells.counted;
  const view = { cells, label };
  rowViews.set(row, { locale, timeZone, view });
  return view;
}

/** The next sort when a column header is activated: the same key flips direction, a new key starts descending. */
export function nextSort(current: LeadsSort, by: LeadsSortKey): LeadsSort {
  if (current.by === by) return { by, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by, dir: 'desc' };
}

/**
 * The CSV of a list: the columns shown, in the user's language, the values as shown (masked exactly as on screen),
 * lead ids for matching back, times as ISO text for a spreadsheet, and a column saying whether a row was masked.
 */
export function leadsCsvRows(
  rows: readonly LeadRow[],
  columns: readonly LeadsColumn[],
  locale: StrideLocale,
): CsvCell[][] {
  const shown = columns.filter((column) => column !== 'counted');
  const header: CsvCell[] = ['leadId', ...shown.map((column) => t(locale, column)), t(locale, 'masked')];
  if (columns.includes('counted')) header.push(t(locale, 'counted'));
  const body = rows.map((row): CsvCell[] => {
    const cells: CsvCell[] = [row.leadId];
    for (const column of shown) {
      switch (column) {
        case 'customer':
          cells.push(row.customer);
          break;
        case 'phone':
          cells.push(row.phone ?? '');
          break;
        case 'manager':
          cells.push(row.managerName ?? row.managerId);
          break;
        case 'stage':
          cells.push(t(locale, `stage_${row.stage}` as LeadsStringKey));
          break;
        case 'enteredAt':
          cells.push(row.enteredAt);
          break;
        case 'overdueHours':
          cells.push(row.overdueHours);
          break;
        case 'lastActionAt':
          cells.push(row.lastActionAt ?? '');
          break;
        case 'event':
          cells.push(row.eventAt ?? '');
          break;
      }
    }
    cells.push(row.masked ? 1 : 0);
    if (columns.includes('counted')) cells.push(row.counted === undefined ? '' : row.counted ? 1 : 0);
    return cells;
  });
  return [header, ...body];
}
