import type {
  Customer,
  LeadEvent,
  OrgTree,
  SuppliedDaily,
  Target,
  WorkCalendar,
} from '../../packages/core/src/contracts.js';

/**
 * The files a pilot brings (RFC 4180: header row, CRLF line ends, a field quoted only when it holds a comma, a quote
 * or a line break, quotes doubled). No BOM and no formula escaping: these are data for the event-log adapter and
 * back ends to read back exactly, unlike the widgets' CSV exports, which are meant for Excel.
 */
const NEEDS_QUOTES = /[",\r\n]/;

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: readonly string[], rows: readonly string[]): string {
  return `${header.join(',')}\r\n${rows.length > 0 ? `${rows.join('\r\n')}\r\n` : ''}`;
}

/** `at,type,leadId,managerId,customerId,gridId,amount`; amount (CNY, 2 decimals) on `converted` rows only. */
export function eventsToCsv(events: readonly LeadEvent[]): string {
  const rows = new Array<string>(events.length);
  for (let i = 0; i < events.length; i += 1) {
    const e = events[i] as LeadEvent;
    const amount = e.amount === undefined ? '' : e.amount.toFixed(2);
    rows[i] =
      `${field(e.at)},${field(e.type)},${field(e.leadId)},${field(e.managerId)},${field(e.customerId)},${field(e.gridId)},${amount}`;
  }
  return csv(['at', 'type', 'leadId', 'managerId', 'customerId', 'gridId', 'amount'], rows);
}

/** The roster: `id,name,parentId,level`, parentId empty for the root. */
export function orgTreeToCsv(tree: OrgTree): string {
  return csv(
    ['id', 'name', 'parentId', 'level'],
    tree.map((n) => [n.id, n.name, n.parentId, n.level].map(field).join(',')),
  );
}

export function targetsToCsv(targets: readonly Target[]): string {
  return csv(
    ['org', 'indicator', 'period', 'start', 'target', 'baseline'],
    targets.map((t) => [t.org, t.indicator, t.period, t.start, t.target, t.baseline ?? ''].map(field).join(',')),
  );
}

/** `date,managerId,indicator,value`: the daily balances and flows of the supplied indicators. */
export function suppliedToCsv(rows: readonly SuppliedDaily[]): string {
  return csv(
    ['date', 'managerId', 'indicator', 'value'],
    rows.map((r) => [r.date, r.managerId, r.indicator, r.value].map(field).join(',')),
  );
}

/** `date,kind` with kind `holiday` or `workday` (a make-up working day, 调休), in date order. */
export function calendarToCsv(calendar: WorkCalendar): string {
  const rows = [
    ...calendar.holidays.map((date) => ({ date, kind: 'holiday' })),
    ...calendar.workdays.map((date) => ({ date, kind: 'workday' })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return csv(
    ['date', 'kind'],
    rows.map((r) => `${field(r.date)},${field(r.kind)}`),
  );
}

/** `customerId,name,phone`: personal data, read by the event-log adapter and back ends, shown only masked by default. */
export function customersToCsv(customers: readonly Customer[]): string {
  return csv(
    ['customerId', 'name', 'phone'],
    customers.map((c) => [c.customerId, c.name, c.phone].map(field).join(',')),
  );
}
