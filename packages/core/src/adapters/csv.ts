/**
 * CSV input for the event-log adapter (RFC 4180: header row, quoted fields with doubled quotes, CRLF or LF, a
 * leading BOM tolerated since Excel writes one). A malformed row is dropped and reported with the line it starts on;
 * the rest is kept, so one bad export line never blanks a pilot's dashboard.
 *
 * Files come from Excel on Chinese Windows and from Chinese CRMs as often as from scripts, so each column is also
 * found under its Chinese header (客户经理编号 for managerId, ...), event types are also read from their Chinese
 * names (上门面访 for visited), times in the forms Excel writes (`2026/11/5 9:30`, `2026-11-05 09:30:00`; no offset
 * means bank time) and amounts with thousands separators or a currency sign. Anything else maps through the
 * `columns` and `types` options. docs/pilot-files.md lists every accepted form.
 */
import { EventColumnsBuilder, eventRowsOf, TYPE_CODE, type EventColumns } from '../engine/event-columns.js';
import { IdTable } from '../engine/id-table.js';
import { createBankZone, daysFromCivil, DAY_MS, digits, parseEventTime, type BankZone } from '../engine/time.js';
import type { StrideLocale } from '../format/index.js';
import {
  LEAD_EVENT_TYPES,
  PERIOD_KINDS,
  StrideError,
  type Customer,
  type LeadEvent,
  type LeadEventType,
  type OrgLevel,
  type OrgTree,
  type PeriodKind,
  type SuppliedDaily,
  type Target,
  type WorkCalendar,
} from '../contracts.js';

/** What was wrong with one record, as data: `csvProblemText` says it in either language. */
export type CsvProblem =
  | { kind: 'empty'; column: string }
  | { kind: 'date' | 'dateTime' | 'number'; column: string; got: string }
  | { kind: 'unknown'; column: string; vocabulary: CsvVocabulary; got: string }
  | { kind: 'fields'; expected: number; got: number }
  | { kind: 'quote'; at: 'unterminated' | 'after-closing' };

/** The closed lists a column's value must come from. */
export type CsvVocabulary = 'event type' | 'org level' | 'period' | 'calendar kind';

export interface CsvRowProblem {
  /** The file name used in messages, e.g. `events.csv`. */
  file: string;
  /** 1-based physical line the record starts on (the header is line 1). */
  line: number;
  /** What was wrong, for `csvProblemText(problem, locale)`. */
  problem: CsvProblem;
  /** The whole message in English, e.g. `events.csv line 17: type: unknown event type "visit"`. */
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
 * One record's fields where they stand in the text: an unquoted field is `text[starts[i], ends[i])`; a quoted one's
 * value (quotes undone) is `quoted[i]`. The events reader reads ids from these positions without a string per field.
 */
export class CsvFields {
  count = 0;
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly quoted: (string | undefined)[] = [];
  constructor(readonly text: string) {}

  value(i: number): string {
    return this.quoted[i] ?? this.text.slice(this.starts[i], this.ends[i]);
  }

  values(): string[] {
    // A loop, not Array.from with a mapping function: this runs once for each of a targets file's 85,000 rows, and
    // Array.from over an array-like took a third of reading them.
    const values: string[] = [];
    for (let i = 0; i < this.count; i++) values.push(this.value(i));
    return values;
  }
}

/**
 * Calls `onRecord(fields, line)` for every non-blank record (`fields` is reused: read it before returning), or
 * `onError(problem, line)` for one that cannot be read (an unterminated quote, text after a closing quote).
 * Callback-based rather than a generator: a million-row log goes through here.
 */
export function scanCsvRecords(
  text: string,
  onRecord: (fields: CsvFields, line: number) => void,
  onError: (problem: CsvProblem, line: number) => void,
): void {
  const length = text.length;
  const fields = new CsvFields(text);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < length) {
    const startLine = line;
    fields.count = 0;
    let error: CsvProblem | null = null;
    for (;;) {
      const at = fields.count++;
      if (text.charCodeAt(pos) === QUOTE) {
        let value = '';
        pos += 1;
        for (;;) {
          const close = text.indexOf('"', pos);
          if (close === -1) {
            error = { kind: 'quote', at: 'unterminated' };
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
          error = { kind: 'quote', at: 'after-closing' };
        }
        fields.quoted[at] = value;
      } else {
        fields.starts[at] = pos;
        let code = text.charCodeAt(pos);
        while (pos < length && code !== COMMA && code !== CR && code !== LF) {
          pos += 1;
          code = text.charCodeAt(pos);
        }
        fields.ends[at] = pos;
        fields.quoted[at] = undefined;
      }
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
    else if (!(fields.count === 1 && fields.value(0) === '')) onRecord(fields, startLine);
  }
}

/** `scanCsvRecords` with each record's fields as strings. */
export function forEachCsvRecord(
  text: string,
  onRecord: (fields: string[], line: number) => void,
  onError: (problem: CsvProblem, line: number) => void,
): void {
  scanCsvRecords(text, (fields, line) => onRecord(fields.values(), line), onError);
}

/** How a file is read: its name in messages, and how its headers and event types map to ours. */
export interface CsvReadOptions {
  /** The file name used in messages; default per table (`events.csv`, `roster.csv`, ...). */
  file?: string;
  /** Our column name -> the header the file uses, for exports whose headers are neither ours nor the Chinese ones. */
  columns?: Readonly<Record<string, string>>;
  /** A type the file writes -> our event type (events only), beyond our ids and their Chinese names. */
  types?: Readonly<Record<string, LeadEventType>>;
  /** The bank's time zone, for times written without an offset. Default `Asia/Shanghai`. */
  timeZone?: string;
}

/** Chinese headers (and common variants) each column is also found under; the first is the one we document. */
export const CSV_HEADER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  at: ['事件时间', '时间', '发生时间', '记录时间'],
  type: ['事件类型', '类型', '动作', '营销动作'],
  leadId: ['商机编号', '商机ID', '名单编号', '线索编号'],
  managerId: ['客户经理编号', '客户经理工号', '经理编号', '员工编号', '工号'],
  customerId: ['客户编号', '客户号', '客户ID'],
  gridId: ['网格编号', '网格ID', '网格'],
  amount: ['金额', '成交金额', '业务金额'],
  id: ['编号', '机构编号', '人员编号'],
  name: ['名称', '机构名称', '姓名'],
  parentId: ['上级编号', '上级机构编号', '上级'],
  level: ['层级', '级别'],
  org: ['机构', '机构编号'],
  indicator: ['指标'],
  period: ['周期'],
  start: ['开始日期', '起始日期'],
  target: ['目标', '目标值'],
  baseline: ['基线', '基期值', '试点前'],
  date: ['日期', '统计日期', '数据日期'],
  value: ['数值', '余额', '日终余额', '发生额'],
  kind: ['类别', '日期类型'],
  phone: ['手机号', '手机号码', '手机', '联系电话', '电话'],
};

/** Each event type's Chinese names as CRMs and the bank material write them (the first is the kit's own label). */
export const EVENT_TYPE_NAMES: Readonly<Record<LeadEventType, readonly string[]>> = {
  assigned: ['名单下发', '下发', '分配'],
  claimed: ['认领', '名单认领', '已认领'],
  contacted: ['首次触达', '触达', '电话触达', '已触达'],
  conversation: ['有效沟通', '沟通'],
  visited: ['上门面访', '面访', '上门拜访', '拜访', '已面访'],
  followup: ['跟进', '回访'],
  logged: ['结果留痕', '过程留痕', '留痕'],
  intent: ['意向客户', '意向', '有意向'],
  applied: ['申请进件', '进件', '已进件'],
  converted: ['成交转化', '成交', '已成交'],
};

const ORG_LEVEL_NAMES: Readonly<Record<OrgLevel, readonly string[]>> = {
  bank: ['总行', '银行'],
  branch: ['分行'],
  subbranch: ['支行'],
  team: ['团队', '小组'],
  manager: ['客户经理', '经理'],
};
const PERIOD_NAMES: Readonly<Record<PeriodKind, readonly string[]>> = {
  day: ['日'],
  week: ['周'],
  month: ['月'],
  quarter: ['季', '季度'],
  year: ['年'],
  pilot: ['试点期', '试点'],
};
const CALENDAR_KIND_NAMES = { holiday: ['节假日', '假日', '休息日'], workday: ['调休上班', '补班', '工作日'] } as const;

/** Thrown by a row reader: what was wrong with which column. */
class RowProblem extends Error {
  readonly problem: CsvProblem;
  constructor(problem: CsvProblem) {
    super(csvProblemText(problem, 'en'));
    this.problem = problem;
  }
}

function fail(problem: CsvProblem): never {
  throw new RowProblem(problem);
}

const VOCABULARY_ZH: Record<CsvVocabulary, string> = {
  'event type': '事件类型',
  'org level': '机构层级',
  period: '期间类型',
  'calendar kind': '日历类型',
};

/**
 * One record's problem in the page's language, naming the column and what was expected, e.g.
 * `type: unknown event type "visit"` or `type：无法识别的事件类型 "visit"`.
 */
export function csvProblemText(problem: CsvProblem, locale: StrideLocale): string {
  const zh = locale === 'zh-CN';
  const got = 'got' in problem ? JSON.stringify(problem.got) : '';
  switch (problem.kind) {
    case 'empty':
      return zh ? `${problem.column}：为空` : `${problem.column}: empty`;
    case 'date':
      return zh
        ? `${problem.column}：应为日期，如 2026-11-05 或 2026/11/5，实际为 ${got}`
        : `${problem.column}: expected a date such as 2026-11-05 or 2026/11/5, got ${got}`;
    case 'dateTime':
      return zh
        ? `${problem.column}：应为日期时间，如 2026-11-05T09:30:00+08:00、2026-11-05 09:30 或 2026/11/5 9:30，实际为 ${got}`
        : `${problem.column}: expected a date-time such as 2026-11-05T09:30:00+08:00, 2026-11-05 09:30 or 2026/11/5 9:30, got ${got}`;
    case 'number':
      return zh
        ? `${problem.column}：应为数字，如 1234.5、1,234.50 或 ¥1,234.50，实际为 ${got}`
        : `${problem.column}: expected a number such as 1234.5, 1,234.50 or ¥1,234.50, got ${got}`;
    case 'unknown':
      return zh
        ? `${problem.column}：无法识别的${VOCABULARY_ZH[problem.vocabulary]} ${got}`
        : `${problem.column}: unknown ${problem.vocabulary} ${got}`;
    case 'fields':
      return zh
        ? `应有 ${problem.expected} 列，实际 ${problem.got} 列`
        : `expected ${problem.expected} fields, got ${problem.got}`;
    case 'quote':
      if (problem.at === 'unterminated') return zh ? '引号没有闭合' : 'unterminated quoted field';
      return zh ? '闭合引号后还有多余的文字' : 'unexpected text after a closing quote';
  }
}

/** A dropped record's line in the page's language: `events.csv 第 17 行：…` or `events.csv line 17: …`. */
export function csvRowProblemText(row: CsvRowProblem, locale: StrideLocale): string {
  const text = csvProblemText(row.problem, locale);
  return locale === 'zh-CN' ? `${row.file} 第 ${row.line} 行：${text}` : `${row.file} line ${row.line}: ${text}`;
}

type Get = (column: string) => string;

function required(get: Get, column: string): string {
  const value = get(column);
  return value === '' ? fail({ kind: 'empty', column }) : value;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** `2026-11-05 09:30`, `2026/11/5 9:30:05`, `2026-11-05T09:30`: a wall time with no offset, read as bank time. */
const LOCAL_DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;
/** `2026/11/5` or `2026-11-05`, as Excel writes a date cell in zh-CN. */
const LOCAL_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
/** `1,234.50`, `¥1,234.50`, `￥ 1234`, `1234.5元`, `CNY 1,234`: a currency sign or word and thousands separators. */
const AMOUNT = /^(-)?(?:[¥￥]|CNY|RMB)?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(?:元)?$/i;

const pad2 = (n: number) => String(n).padStart(2, '0');

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const twoDigits = (text: string, at: number): number => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/**
 * Whether text that matches ISO_DATE_TIME names a real moment by the plain rules (a day of its month, hours 0-23,
 * minutes and seconds 0-59, an offset under 24 h): checked by hand, as Date.parse on each of a million rows was a
 * fifth of reading the log. Anything else (24:00, a leap second) is left to Date.parse, as before.
 */
function plainIsoDateTime(at: string): boolean {
  const year = (twoDigits(at, 0) * 100 + twoDigits(at, 2)) | 0;
  const month = twoDigits(at, 5);
  const day = twoDigits(at, 8);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days || twoDigits(at, 11) > 23 || twoDigits(at, 14) > 59)
    return false;
  if (at.charCodeAt(16) === 58 && twoDigits(at, 17) > 59) return false;
  const last = at.charCodeAt(at.length - 1);
  // Z, or an offset ±hh:mm at the end
  return last === 90 || (twoDigits(at, at.length - 5) < 24 && twoDigits(at, at.length - 2) < 60);
}

function isoDate(get: Get, column: string): string {
  const value = get(column);
  if (plainDate(value)) return value;
  const local = LOCAL_DATE.exec(value);
  if (local && validDay(Number(local[1]), Number(local[2]), Number(local[3])))
    return `${local[1]}-${pad2(Number(local[2]))}-${pad2(Number(local[3]))}`;
  return fail({ kind: 'date', column, got: value });
}

/**
 * Whether `value` is a real day written `2026-11-05`, the form nearly every file writes: checked by hand, as the
 * pattern and a Date for each of a targets file's 85,000 rows were a sixth of reading it.
 */
function plainDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function decimal(get: Get, column: string): number {
  const value = get(column).trim();
  if (DECIMAL.test(value)) return Number(value);
  const amount = AMOUNT.exec(value);
  if (amount) return Number(`${amount[1] ?? ''}${amount[2]!.replace(/,/g, '')}${amount[3] ?? ''}`);
  return fail({ kind: 'number', column, got: value });
}

/** A value that is one of `allowed` or one of their Chinese names (`names`), else the row is dropped. */
function oneOf<T extends string>(
  get: Get,
  column: string,
  allowed: readonly T[],
  vocabulary: CsvVocabulary,
  names: Readonly<Partial<Record<T, readonly string[]>>> = {} as Partial<Record<T, readonly string[]>>,
  extra: Readonly<Record<string, T>> = {},
): T {
  const value = get(column).trim();
  // Our own copy of the word, not the cell's: a million rows then keep one string per type, not one per row.
  const known = (allowed as readonly string[]).indexOf(value);
  if (known >= 0) return allowed[known]!;
  if (Object.hasOwn(extra, value)) return extra[value]!;
  for (const id of allowed) if (names[id]?.includes(value)) return id;
  return fail({ kind: 'unknown', column, vocabulary, got: value });
}

/** The header of `column` in a file: the `columns` option's name, ours, then the Chinese aliases (case and spaces aside). */
function headerCandidates(column: string, options: CsvReadOptions): string[] {
  const mapped = options.columns?.[column];
  return [...(mapped === undefined ? [] : [mapped]), column, ...(CSV_HEADER_ALIASES[column] ?? [])].map(normalHeader);
}

function normalHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/**
 * Reads a CSV table by its header names (any column order, extra columns ignored; each column also under its Chinese
 * header or the name the `columns` option gives). A missing required column makes the whole file unusable and throws
 * StrideError('invalid') naming every header it was looked for under; a bad row is dropped and reported by line.
 * `optional` columns may be absent (then read as empty).
 */
export function parseCsvTable<T>(
  text: string,
  options: CsvReadOptions & { file: string },
  columns: readonly string[],
  readRow: (get: Get) => T,
  optional: readonly string[] = [],
): CsvParseResult<T> {
  const rows: T[] = [];
  const reader = csvRowReader(options, columns, optional);
  let header: Map<string, number> | null = null;
  let record: CsvFields | undefined;
  // A row's fields become strings only as its reader asks for them (no array of every field's string per row).
  const get = (column: string): string => {
    const at = header!.get(column);
    return at === undefined ? '' : record!.value(at);
  };
  scanCsvRecords(
    text,
    (fields, line) => {
      header ??= reader.header(fields.values());
      if (header === null || !reader.hasWidth(fields.count, line)) return;
      record = fields;
      try {
        rows.push(readRow(get));
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        reader.report(error.problem, line);
      }
    },
    reader.report,
  );
  reader.finish();
  return { rows, dropped: reader.dropped };
}

/**
 * What every table reader shares: the header row read into column positions (a missing required column makes the
 * whole file unusable and throws StrideError('invalid') naming every header it was looked for under), rows of the
 * wrong width and bad rows reported by line.
 */
function csvRowReader(
  options: CsvReadOptions & { file: string },
  columns: readonly string[],
  optional: readonly string[],
) {
  const { file } = options;
  const dropped: CsvRowProblem[] = [];
  let index: Map<string, number> | null = null;
  let width = 0;
  const report = (problem: CsvProblem, line: number): void => {
    const row = { file, line, problem, message: '' };
    row.message = csvRowProblemText(row, 'en');
    dropped.push(row);
  };
  return {
    dropped,
    report,
    /** The column positions once the header row has been read; null while `fields` is the header row itself. */
    header(names: readonly string[]): Map<string, number> | null {
      if (index !== null) return index;
      const headers = new Map(names.map((name, i) => [normalHeader(name), i]));
      index = new Map();
      const missing: string[] = [];
      for (const column of [...columns, ...optional]) {
        const at = headerCandidates(column, options).find((candidate) => headers.has(candidate));
        if (at !== undefined) index.set(column, headers.get(at)!);
        else if (!optional.includes(column)) missing.push(column);
      }
      width = names.length;
      if (missing.length > 0) {
        const named = missing.map(
          (c) => `"${c}" (or ${(CSV_HEADER_ALIASES[c] ?? []).map((a) => `"${a}"`).join(', ')})`,
        );
        throw new StrideError(
          'invalid',
          'eventLog',
          `${file}: missing column${missing.length > 1 ? 's' : ''} ${named.join(', ')}; the header row reads ` +
            `${JSON.stringify(names.join(','))}. Rename the column or map it with the "columns" option.`,
        );
      }
      return null;
    },
    /** Whether a record has as many fields as the header; else it is reported. */
    hasWidth(count: number, line: number): boolean {
      if (count === width) return true;
      report({ kind: 'fields', expected: width, got: count }, line);
      return false;
    },
    /** Throws when the file had no header row at all. */
    finish(): void {
      if (index === null)
        throw new StrideError('invalid', 'eventLog', `${file}: no header row (expected ${columns.join(',')})`);
    },
  };
}

/**
 * An event's time in epoch ms, NaN when unreadable: an ISO date-time with offset as written, or a wall time in one of
 * the forms Excel writes, read in the bank's zone.
 */
function eventTimeMs(at: string, zone: BankZone): number {
  if (ISO_DATE_TIME.test(at) && (plainIsoDateTime(at) || Number.isFinite(Date.parse(at))))
    return parseEventTime(at, zone);
  const local = LOCAL_DATE_TIME.exec(at);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1).map((part) => Number(part ?? 0)) as number[];
    if (validDay(year!, month!, day!) && hour! < 24 && minute! < 60 && second! < 60) {
      const wall = Date.UTC(year!, month! - 1, day!, hour, minute, second);
      return wall - zone.offsetAt(wall - zone.offsetAt(wall));
    }
  }
  return NaN;
}

/**
 * The form nearly every export writes, `2026-11-05T09:30:00+08:00`, read where it stands in the text and checked by
 * the plain rules (as `plainIsoDateTime`): epoch ms, or NaN for anything else, which `eventTimeMs` then reads.
 */
function plainTimeAt(text: string, from: number, to: number): number {
  if (to - from !== 25) return NaN;
  const sign = text.charCodeAt(from + 19);
  if (
    text.charCodeAt(from + 4) !== 45 ||
    text.charCodeAt(from + 7) !== 45 ||
    text.charCodeAt(from + 10) !== 84 ||
    text.charCodeAt(from + 13) !== 58 ||
    text.charCodeAt(from + 16) !== 58 ||
    (sign !== 43 && sign !== 45) ||
    text.charCodeAt(from + 22) !== 58
  )
    return NaN;
  const year = digits(text, from, 4);
  const month = digits(text, from + 5, 2);
  const day = digits(text, from + 8, 2);
  const hour = digits(text, from + 11, 2);
  const minute = digits(text, from + 14, 2);
  const second = digits(text, from + 17, 2);
  const offsetHours = digits(text, from + 20, 2);
  const offsetMinutes = digits(text, from + 23, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour < 0 || hour > 23) return NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return NaN;
  const wall = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return sign === 45 ? wall + offset : wall - offset;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The words a file may write for each event type, as a table from word to type code: our ids first, then the
 * `types` option's words, then the Chinese names (the first to claim a word keeps it).
 */
function eventTypeWords(
  types: Readonly<Record<string, LeadEventType>>,
): (text: string, from: number, to: number) => number {
  const words = new IdTable(64);
  const codes: number[] = [];
  const add = (word: string, type: LeadEventType): void => {
    if (words.intern(word) === codes.length) codes.push(TYPE_CODE[type]);
  };
  for (const type of LEAD_EVENT_TYPES) add(type, type);
  for (const [word, type] of Object.entries(types)) add(word, type);
  for (const type of LEAD_EVENT_TYPES) for (const name of EVENT_TYPE_NAMES[type]) add(name, type);
  return (text, from, to) => {
    const word = words.findRange(text, from, to);
    return word < 0 ? -1 : codes[word]!;
  };
}

/** Whether a character may be one that `String.prototype.trim` removes (a cell with one at an end is trimmed first). */
function maybeSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0xfeff || (code >= 0x1680 && code <= 0x3000);
}

/** Field i of a record is empty (i < 0: a column the file does not have). */
function fieldIsEmpty(fields: CsvFields, i: number): boolean {
  if (i < 0) return true;
  const value = fields.quoted[i];
  return value === undefined ? fields.starts[i] === fields.ends[i] : value === '';
}

/** The number of the id in field i, looked up where it stands in the text unless it was quoted. */
function internField(table: IdTable, fields: CsvFields, i: number): number {
  const value = fields.quoted[i];
  return value === undefined ? table.internRange(fields.text, fields.starts[i]!, fields.ends[i]!) : table.intern(value);
}

/** The event type code of field i (its value trimmed), -1 for a word that names no type. */
function fieldTypeCode(
  fields: CsvFields,
  i: number,
  typeOf: (text: string, from: number, to: number) => number,
): number {
  const { text, starts, ends } = fields;
  const from = starts[i]!;
  const to = ends[i]!;
  if (
    fields.quoted[i] === undefined &&
    to > from &&
    !maybeSpace(text.charCodeAt(from)) &&
    !maybeSpace(text.charCodeAt(to - 1))
  )
    return typeOf(text, from, to);
  const word = fields.value(i).trim();
  return typeOf(word, 0, word.length);
}

const EVENT_COLUMNS = ['at', 'type', 'leadId', 'managerId', 'customerId'] as const;
const ID_COLUMNS = ['leadId', 'managerId', 'customerId'] as const;

/**
 * `at,type,leadId,managerId,customerId,gridId,amount` (or their Chinese headers) into the engine's columns: amount on
 * `converted` rows only and the column itself optional; gridId optional. Ids are numbered where they stand in the
 * text (no string per row); a bad row is dropped and reported by line, as every table reader does.
 */
export function readEventsCsv(
  text: string,
  options: CsvReadOptions = {},
): { events: EventColumns; dropped: CsvRowProblem[] } {
  const zone = createBankZone(options.timeZone ?? 'Asia/Shanghai');
  const typeOf = eventTypeWords(options.types ?? {});
  const reader = csvRowReader({ ...options, file: options.file ?? 'events.csv' }, EVENT_COLUMNS, ['gridId', 'amount']);
  // about 70 bytes a row in a bank's export
  const events = new EventColumnsBuilder(Math.ceil(text.length / 64));
  let position: Record<(typeof EVENT_COLUMNS)[number] | 'gridId' | 'amount', number> | undefined;
  scanCsvRecords(
    text,
    (fields, line) => {
      if (position === undefined) {
        const header = reader.header(fields.values());
        if (header === null) return;
        position = {
          at: header.get('at')!,
          type: header.get('type')!,
          leadId: header.get('leadId')!,
          managerId: header.get('managerId')!,
          customerId: header.get('customerId')!,
          gridId: header.get('gridId') ?? -1,
          amount: header.get('amount') ?? -1,
        };
      }
      if (!reader.hasWidth(fields.count, line)) return;
      const at = position;
      let ms =
        fields.quoted[at.at] === undefined ? plainTimeAt(fields.text, fields.starts[at.at]!, fields.ends[at.at]!) : NaN;
      if (Number.isNaN(ms)) {
        const time = fields.value(at.at).trim();
        ms = eventTimeMs(time, zone);
        if (Number.isNaN(ms)) return reader.report({ kind: 'dateTime', column: 'at', got: time }, line);
      }
      const type = fieldTypeCode(fields, at.type, typeOf);
      if (type < 0) {
        const got = fields.value(at.type).trim();
        return reader.report({ kind: 'unknown', column: 'type', vocabulary: 'event type', got }, line);
      }
      for (const column of ID_COLUMNS)
        if (fieldIsEmpty(fields, at[column])) return reader.report({ kind: 'empty', column }, line);
      let amount = NaN;
      if (type === TYPE_CODE.converted && at.amount >= 0) {
        const written = fields.value(at.amount);
        if (written.trim() !== '') {
          try {
            amount = decimal(() => written, 'amount');
          } catch (error) {
            if (!(error instanceof RowProblem)) throw error;
            return reader.report(error.problem, line);
          }
        }
      }
      events.append(
        ms,
        type,
        internField(events.leads, fields, at.leadId),
        internField(events.managers, fields, at.managerId),
        internField(events.customers, fields, at.customerId),
        fieldIsEmpty(fields, at.gridId) ? -1 : internField(events.grids, fields, at.gridId),
        amount,
      );
    },
    reader.report,
  );
  reader.finish();
  return { events: events.finish(), dropped: reader.dropped };
}

/** `readEventsCsv` as event objects, times written in the bank's zone (for callers that want rows). */
export function parseEventsCsv(text: string, options: CsvReadOptions = {}): CsvParseResult<LeadEvent> {
  const { events, dropped } = readEventsCsv(text, options);
  return { rows: eventRowsOf(events, createBankZone(options.timeZone ?? 'Asia/Shanghai')), dropped };
}

const ORG_LEVELS: readonly OrgLevel[] = ['bank', 'branch', 'subbranch', 'team', 'manager'];

/** `id,name,parentId,level`; an empty parentId is the root. */
export function parseRosterCsv(text: string, options: CsvReadOptions = {}): CsvParseResult<OrgTree[number]> {
  return parseCsvTable(
    text,
    { ...options, file: options.file ?? 'roster.csv' },
    ['id', 'name', 'parentId', 'level'],
    (get) => ({
      id: required(get, 'id'),
      name: required(get, 'name'),
      parentId: get('parentId') === '' ? null : get('parentId'),
      level: oneOf(get, 'level', ORG_LEVELS, 'org level', ORG_LEVEL_NAMES),
    }),
  );
}

/**
 * `customerId,name,phone` (phone optional): personal data. A bad row's message names the column, never the value.
 */
export function parseCustomersCsv(text: string, options: CsvReadOptions = {}): CsvParseResult<Customer> {
  return parseCsvTable(
    text,
    { ...options, file: options.file ?? 'customers.csv' },
    ['customerId', 'name'],
    (get) => {
      const customer: Customer = { customerId: required(get, 'customerId'), name: required(get, 'name') };
      const phone = get('phone');
      if (phone !== '') customer.phone = phone;
      return customer;
    },
    ['phone'],
  );
}

/**
 * `date,managerId,indicator,value`: the bank's daily figures of its supplied indicators (docs/supplied-indicators.md),
 * a balance at the day's end or a flow's amount that day.
 */
export function parseSuppliedCsv(text: string, options: CsvReadOptions = {}): CsvParseResult<SuppliedDaily> {
  return parseCsvTable(
    text,
    { ...options, file: options.file ?? 'supplied.csv' },
    ['date', 'managerId', 'indicator', 'value'],
    (get) => ({
      date: isoDate(get, 'date'),
      managerId: required(get, 'managerId'),
      indicator: required(get, 'indicator'),
      value: decimal(get, 'value'),
    }),
  );
}

/** `org,indicator,period,start,target`, and optionally `baseline` (the time before the pilot, DESIGN "Baseline"). */
export function parseTargetsCsv(text: string, options: CsvReadOptions = {}): CsvParseResult<Target> {
  return parseCsvTable(
    text,
    { ...options, file: options.file ?? 'targets.csv' },
    ['org', 'indicator', 'period', 'start', 'target'],
    (get) => {
      const target: Target = {
        org: required(get, 'org'),
        indicator: required(get, 'indicator'),
        period: oneOf<PeriodKind>(get, 'period', PERIOD_KINDS, 'period', PERIOD_NAMES),
        start: isoDate(get, 'start'),
        target: decimal(get, 'target'),
      };
      const baseline = get('baseline');
      if (baseline.trim() !== '') target.baseline = decimal(() => baseline, 'baseline');
      return target;
    },
    ['baseline'],
  );
}

/** `date,kind` with kind `holiday` or `workday` (a make-up working day, 调休). */
export function parseCalendarCsv(
  text: string,
  options: CsvReadOptions = {},
): { calendar: WorkCalendar; dropped: CsvRowProblem[] } {
  const { rows, dropped } = parseCsvTable(
    text,
    { ...options, file: options.file ?? 'calendar.csv' },
    ['date', 'kind'],
    (get) => ({
      date: isoDate(get, 'date'),
      kind: oneOf(get, 'kind', ['holiday', 'workday'] as const, 'calendar kind', CALENDAR_KIND_NAMES),
    }),
  );
  const calendar: WorkCalendar = { holidays: [], workdays: [] };
  for (const row of rows) (row.kind === 'holiday' ? calendar.holidays : calendar.workdays).push(row.date);
  return { calendar, dropped };
}
