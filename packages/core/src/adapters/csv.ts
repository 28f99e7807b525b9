/**
 * CSV input for the event-log adapter (RFC 4180: header row, quoted fields with doubled quotes, CRLF or LF, a
 * leading BOM tolerated since Excel writes one). A malformed row is dropped and reported with the line it starts on;
 * the rest is kept, so one bad export line never blanks a pilot's dashboard.
 */
import {
  LEAD_EVENT_TYPES,
  PERIOD_KINDS,
  StrideError,
  type LeadEvent,
  type LeadEventType,
  type OrgLevel,
  type OrgTree,
  type PeriodKind,
  type Target,
  type WorkCalendar,
} from '../contracts.js';

export interface CsvRowProblem {
  /** The file name used in messages, e.g. `events.csv`. */
  file: string;
  /** 1-based physical line the record starts on (the header is line 1). */
  line: number;
  /** The whole message, e.g. `events.csv line 17: type: unknown event type "visit"`. */
  message: string;
}

export interface CsvParseResult<T> {
  rows: T[];
  dropped: CsvRowProblem[];
}

const COMMA = 44;
const CR = 13;
const LF = 10;
const QUOTE = 34;

/**
 * Calls `onRecord(fields, line)` for every non-blank record, or `onError(message, line)` for one that cannot be read
 * (an unterminated quote, text after a closing quote). Callback-based rather than a generator: a million-row log
 * goes through here.
 */
export function forEachCsvRecord(
  text: string,
  onRecord: (fields: string[], line: number) => void,
  onError: (message: string, line: number) => void,
): void {
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < length) {
    const startLine = line;
    const fields: string[] = [];
    let error: string | null = null;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        value = '';
        pos += 1;
        for (;;) {
          const close = text.indexOf('"', pos);
          if (close === -1) {
            error = 'unterminated quoted field';
            value += text.slice(pos);
            pos = length;
            break;
          }
          value += text.slice(pos, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            pos = close + 2;
          } else {
            pos = close + 1;
            break;
          }
        }
        for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) line += 1;
        const next = text.charCodeAt(pos);
        if (error === null && pos < length && next !== COMMA && next !== CR && next !== LF) {
          error = 'unexpected text after a closing quote';
        }
      } else {
        const start = pos;
        let code = text.charCodeAt(pos);
        while (pos < length && code !== COMMA && code !== CR && code !== LF) {
          pos += 1;
          code = text.charCodeAt(pos);
        }
        value = text.slice(start, pos);
      }
      fields.push(value);
      if (error !== null) {
        // Skip the rest of the physical line; the next record starts after it.
        while (pos < length && text.charCodeAt(pos) !== LF) pos += 1;
      }
      const code = text.charCodeAt(pos);
      if (code === COMMA && error === null) {
        pos += 1;
        continue;
      }
      if (code === CR) pos += 1;
      if (text.charCodeAt(pos) === LF) pos += 1;
      line += 1;
      break;
    }
    if (error !== null) onError(error, startLine);
    else if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, startLine);
  }
}

/** Thrown by a row reader: the message names the column, e.g. `type: unknown event type "visit"`. */
class RowProblem extends Error {}

function fail(message: string): never {
  throw new RowProblem(message);
}

type Get = (column: string) => string;

function required(get: Get, column: string): string {
  const value = get(column);
  return value === '' ? fail(`${column}: empty`) : value;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function isoDate(get: Get, column: string): string {
  const value = get(column);
  return ISO_DATE.test(value) ? value : fail(`${column}: expected a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
}

function decimal(get: Get, column: string): number {
  const value = get(column);
  return DECIMAL.test(value) ? Number(value) : fail(`${column}: expected a number, got ${JSON.stringify(value)}`);
}

function oneOf<T extends string>(get: Get, column: string, allowed: readonly T[], what: string): T {
  const value = get(column);
  return (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fail(`${column}: unknown ${what} ${JSON.stringify(value)}`);
}

/**
 * Reads a CSV table by its header names (any column order, extra columns ignored). A missing required column makes
 * the whole file unusable and throws StrideError('invalid'); a bad row is dropped and reported by line.
 */
export function parseCsvTable<T>(
  text: string,
  file: string,
  columns: readonly string[],
  readRow: (get: Get) => T,
): CsvParseResult<T> {
  const rows: T[] = [];
  const dropped: CsvRowProblem[] = [];
  const report = (message: string, line: number): void => {
    dropped.push({ file, line, message: `${file} line ${line}: ${message}` });
  };
  let index: Map<string, number> | null = null;
  forEachCsvRecord(
    text,
    (fields, line) => {
      if (index === null) {
        index = new Map(fields.map((name, i) => [name.trim(), i]));
        const missing = columns.filter((column) => !index!.has(column));
        if (missing.length > 0) {
          throw new StrideError(
            'invalid',
            'eventLog',
            `${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} (expected ${columns.join(',')})`,
          );
        }
        return;
      }
      if (fields.length !== index.size) {
        report(`expected ${index.size} fields, got ${fields.length}`, line);
        return;
      }
      const header = index;
      try {
        rows.push(readRow((column) => fields[header.get(column) ?? -1] ?? ''));
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        report(error.message, line);
      }
    },
    report,
  );
  if (index === null)
    throw new StrideError('invalid', 'eventLog', `${file}: no header row (expected ${columns.join(',')})`);
  return { rows, dropped };
}

/** `at,type,leadId,managerId,customerId,gridId,amount`; amount on `converted` rows only. */
export function parseEventsCsv(text: string, file = 'events.csv'): CsvParseResult<LeadEvent> {
  return parseCsvTable(text, file, ['at', 'type', 'leadId', 'managerId', 'customerId', 'gridId', 'amount'], (get) => {
    const at = get('at');
    // The engine buckets events by the bank's calendar day, so an instant without an offset would be ambiguous.
    if (!ISO_DATE_TIME.test(at) || !Number.isFinite(Date.parse(at))) {
      fail(`at: expected an ISO date-time with offset, got ${JSON.stringify(at)}`);
    }
    const type = oneOf<LeadEventType>(get, 'type', LEAD_EVENT_TYPES, 'event type');
    const event: LeadEvent = {
      at,
      type,
      leadId: required(get, 'leadId'),
      managerId: required(get, 'managerId'),
      customerId: required(get, 'customerId'),
      gridId: get('gridId'),
    };
    if (type === 'converted' && get('amount') !== '') event.amount = decimal(get, 'amount');
    return event;
  });
}

const ORG_LEVELS: readonly OrgLevel[] = ['bank', 'branch', 'subbranch', 'team', 'manager'];

/** `id,name,parentId,level`; an empty parentId is the root. */
export function parseRosterCsv(text: string, file = 'roster.csv'): CsvParseResult<OrgTree[number]> {
  return parseCsvTable(text, file, ['id', 'name', 'parentId', 'level'], (get) => ({
    id: required(get, 'id'),
    name: required(get, 'name'),
    parentId: get('parentId') === '' ? null : get('parentId'),
    level: oneOf(get, 'level', ORG_LEVELS, 'org level'),
  }));
}

/** `org,indicator,period,start,target`. */
export function parseTargetsCsv(text: string, file = 'targets.csv'): CsvParseResult<Target> {
  return parseCsvTable(text, file, ['org', 'indicator', 'period', 'start', 'target'], (get) => ({
    org: required(get, 'org'),
    indicator: required(get, 'indicator'),
    period: oneOf<PeriodKind>(get, 'period', PERIOD_KINDS, 'period'),
    start: isoDate(get, 'start'),
    target: decimal(get, 'target'),
  }));
}

/** `date,kind` with kind `holiday` or `workday` (a make-up working day, 调休). */
export function parseCalendarCsv(
  text: string,
  file = 'calendar.csv',
): { calendar: WorkCalendar; dropped: CsvRowProblem[] } {
  const { rows, dropped } = parseCsvTable(text, file, ['date', 'kind'], (get) => ({
    date: isoDate(get, 'date'),
    kind: oneOf(get, 'kind', ['holiday', 'workday'] as const, 'calendar kind'),
  }));
  const calendar: WorkCalendar = { holidays: [], workdays: [] };
  for (const row of rows) (row.kind === 'holiday' ? calendar.holidays : calendar.workdays).push(row.date);
  return { calendar, dropped };
}
