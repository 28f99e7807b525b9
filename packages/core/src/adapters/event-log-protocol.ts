/** Messages between the event-log adapter and its worker (event-log.worker.ts). Structured-clone friendly only. */
import {
  isStrideError,
  type AdapterMethod,
  type AdapterQueries,
  type Customer,
  type Grids,
  type LeadEvent,
  type OrgTree,
  type StrideErrorKind,
  type Target,
  type WorkCalendar,
} from '../contracts.js';
import type { MetricsEngine } from '../engine/index.js';
import type { EventLogInput } from '../engine/types.js';
import { toEventColumns, type EventColumns } from '../engine/event-columns.js';
import {
  parseCalendarCsv,
  parseCustomersCsv,
  readEventsCsv,
  parseRosterCsv,
  parseTargetsCsv,
  type CsvReadOptions,
  type CsvRowProblem,
} from './csv.js';
import { readCsvInput, type CsvInput } from './csv-input.js';
import { createBankZone } from '../engine/time.js';
import { registerResultSpec, validateResult } from '../validation/index.js';
import { GRIDS_RESULT_SPEC } from '../validation/grids.js';

// A grids file is read, parsed and checked here in the worker: a GIS export runs to 50 MB, and parsing and checking it
// on the page held the page for seconds. (The page imports this module's types only.)
registerResultSpec('grids', GRIDS_RESULT_SPEC);

/**
 * What the page hands the worker: the engine input where any of events, org tree, targets and calendar may still be a
 * CSV file (text, an ArrayBuffer, a Blob or a byte stream), and without the clock, which cannot cross a worker
 * boundary (each request carries its `now`). `columns` and `types` map an export's own headers and event types.
 */
export interface EventLogSource extends Omit<
  EventLogInput,
  'now' | 'events' | 'orgTree' | 'targets' | 'calendar' | 'grids' | 'customers'
> {
  events: readonly LeadEvent[] | CsvInput;
  /** Without one, every manager of the log sits under one pilot node, named by their ids (all the log knows). */
  orgTree?: OrgTree | CsvInput;
  /** Grid polygons: a GeoJSON FeatureCollection, or its file (read, parsed and checked in the worker). */
  grids?: Grids | CsvInput;
  targets?: readonly Target[] | CsvInput;
  calendar?: WorkCalendar | CsvInput;
  /** Names and mobiles (customers.csv); shown only in the leads list, masked unless `unmaskedCustomers`. */
  customers?: readonly Customer[] | CsvInput;
  columns?: CsvReadOptions['columns'];
  types?: CsvReadOptions['types'];
}

/**
 * What reading the CSV inputs found: `rows` is the number of events the adapter computes from, `dropped` every
 * malformed row of any CSV input, by file and line (`events.csv line 17: type: unknown event type "visit"`).
 */
export interface EventLogReport {
  rows: number;
  dropped: CsvRowProblem[];
  /** The org the tree starts from: the roster's root, or the pilot node that stands in for a missing roster. */
  rootOrg: string | undefined;
  /** The bank-time day of the last event (a finished pilot has nothing today: a page may open on this day). */
  lastDate: string | undefined;
  /**
   * The org nearest the root that the targets name: where every tile has a target to compare with (a page may open
   * there rather than on a root no target applies to). Undefined without targets.
   */
  targetOrg: string | undefined;
  /**
   * What a grids file could not give, in English, naming the file: the whole file (not JSON, a projected CRS; the map
   * then has no polygons) or the features dropped and why. Undefined when every feature was kept.
   */
  gridsProblem?: string;
}

/** The id of the node a log without a roster is summed under. */
export const PILOT_ROOT = 'pilot';

/** One pilot node with every manager of the log beneath it, each named by its id. */
export function rosterFromManagers(managerIds: readonly string[], locale: 'zh-CN' | 'en' = 'zh-CN'): OrgTree {
  return [
    { id: PILOT_ROOT, name: locale === 'zh-CN' ? '试点' : 'Pilot', parentId: null, level: 'branch' },
    ...managerIds.map((id) => ({ id, name: id, parentId: PILOT_ROOT, level: 'manager' as const })),
  ];
}

/** Where loading a source is: bytes read of all files, events read, and the phase. */
export interface EventLogProgress {
  phase: 'reading' | 'parsing' | 'indexing' | 'ready';
  bytes: number;
  /** The size of all files together when every one of them has a known size. */
  totalBytes?: number;
  events: number;
}

/** A CSV file in any form the adapter takes (else the value is rows or a calendar object already). */
export function isCsvInput(value: unknown): value is CsvInput {
  return (
    typeof value === 'string' ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream)
  );
}

/**
 * Reads the CSV parts of a source (in the worker, so a million-line file never blocks the page). A file that cannot
 * be read at all (no header, missing columns, a workbook) throws StrideError('invalid') naming it; bad rows are
 * dropped and listed. Reports progress as files are read and parsed; stops when `signal` aborts.
 */
export async function readEventLogSource(
  source: EventLogSource,
  onProgress: (progress: EventLogProgress) => void = () => undefined,
  signal?: AbortSignal,
): Promise<{ input: Omit<EventLogInput, 'now'>; report: EventLogReport }> {
  const { events, orgTree, targets, calendar, customers, grids, columns, types, ...rest } = source;
  const options = { ...(columns ? { columns } : {}), ...(types ? { types } : {}), timeZone: rest.timeZone };
  const files: [CsvInput, string][] = [];
  for (const [value, file] of [
    [events, 'events.csv'],
    [orgTree, 'roster.csv'],
    [targets, 'targets.csv'],
    [calendar, 'calendar.csv'],
    [customers, 'customers.csv'],
    [grids, 'grids.geojson'],
  ] as const) {
    if (isCsvInput(value)) files.push([value, file]);
  }
  const sizes = files.map(([value]) => knownSize(value));
  const totalBytes = sizes.every((size) => size !== undefined) ? sizes.reduce((a = 0, b = 0) => a + b, 0) : undefined;
  const report = (phase: EventLogProgress['phase'], bytes: number, eventCount: number) =>
    onProgress({ phase, bytes, ...(totalBytes === undefined ? {} : { totalBytes }), events: eventCount });
  // Every file is read at once: a stream of events arrives over a few hundred milliseconds, in which this thread would
  // otherwise wait, and the other files' chunks are decoded between its chunks.
  const readBytes = files.map(() => 0);
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const settled = await Promise.allSettled(
    files.map(async ([value, file], index) => {
      const text = await readCsvInput(
        value,
        file,
        ({ bytes }) => {
          readBytes[index] = bytes;
          report('reading', sum(readBytes), 0);
        },
        signal,
      );
      // Text is counted by its length, as its size is (a string reports no progress of its own).
      readBytes[index] = sizes[index] ?? readBytes[index]!;
      return text;
    }),
  );
  // A file that cannot be read fails the whole source, the first such file in the order above (as when read in turn).
  const texts = new Map<string, string>();
  for (const [index, outcome] of settled.entries()) {
    if (outcome.status === 'rejected') throw outcome.reason;
    texts.set(files[index]![1], outcome.value);
  }
  const done = sum(readBytes);
  signal?.throwIfAborted();
  report('parsing', done, 0);

  const dropped: CsvRowProblem[] = [];
  const fromCsv = <T>(parsed: { rows: T[]; dropped: CsvRowProblem[] }): T[] => {
    dropped.push(...parsed.dropped);
    return parsed.rows;
  };
  const text = (file: string) => texts.get(file)!;
  const timeZone = rest.timeZone ?? 'Asia/Shanghai';
  // events become the engine's columns here, from a file or from objects alike
  let eventColumns: EventColumns;
  if (isCsvInput(events)) {
    const read = readEventsCsv(text('events.csv'), options);
    dropped.push(...read.dropped);
    eventColumns = read.events;
  } else {
    eventColumns = toEventColumns(events, timeZone);
  }
  const input: Omit<EventLogInput, 'now'> = { ...rest, events: eventColumns, orgTree: [] };
  input.orgTree = isCsvInput(orgTree)
    ? fromCsv(parseRosterCsv(text('roster.csv'), options))
    : (orgTree ?? rosterFromManagers(eventColumns.managerIds, rest.locale));
  report('indexing', done, eventColumns.size);
  if (targets !== undefined)
    input.targets = isCsvInput(targets) ? fromCsv(parseTargetsCsv(text('targets.csv'), options)) : targets;
  if (isCsvInput(calendar)) {
    const parsed = parseCalendarCsv(text('calendar.csv'), options);
    dropped.push(...parsed.dropped);
    input.calendar = parsed.calendar;
  } else if (calendar !== undefined) {
    input.calendar = calendar;
  }
  if (customers !== undefined)
    input.customers = isCsvInput(customers) ? fromCsv(parseCustomersCsv(text('customers.csv'), options)) : customers;
  let gridsProblem: string | undefined;
  if (isCsvInput(grids)) {
    const read = readGrids(text('grids.geojson'));
    if (read.grids) input.grids = read.grids;
    gridsProblem = read.problem;
  } else if (grids !== undefined) {
    input.grids = grids;
  }
  const zone = createBankZone(timeZone);
  let last = -Infinity;
  for (let k = 0; k < eventColumns.size; k++) if (eventColumns.time[k]! > last) last = eventColumns.time[k]!;
  const root = input.orgTree.find((node) => node.parentId === null) ?? input.orgTree[0];
  return {
    input,
    report: {
      rows: eventColumns.size,
      dropped,
      rootOrg: root?.id,
      lastDate: Number.isFinite(last) ? zone.formatDateTime(last).slice(0, 10) : undefined,
      targetOrg: highestTargetOrg(input.orgTree, input.targets ?? []),
      ...(gridsProblem ? { gridsProblem } : {}),
    },
  };
}

/** A grids file's text, parsed and checked as the map checks an adapter's grids: what it keeps and what it could not. */
function readGrids(text: string): { grids?: Grids; problem?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problem: `grids.geojson: not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    const checked = validateResult('grids', raw);
    return {
      grids: checked.data,
      ...(checked.dropped ? { problem: `grids.geojson: ${checked.dropped.message}` } : {}),
    };
  } catch (error) {
    return { problem: `grids.geojson: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Of the orgs the targets name, the one nearest the tree's root (the first in the tree among equals). */
function highestTargetOrg(tree: OrgTree, targets: readonly Target[]): string | undefined {
  const named = new Set(targets.map((target) => target.org));
  const parentOf = new Map(tree.map((node) => [node.id, node.parentId]));
  const depth = (id: string): number => {
    let steps = 0;
    for (let at = parentOf.get(id); at != null && steps <= tree.length; at = parentOf.get(at)) steps += 1;
    return steps;
  };
  let best: { id: string; depth: number } | undefined;
  for (const node of tree) {
    if (!named.has(node.id)) continue;
    const d = depth(node.id);
    if (!best || d < best.depth) best = { id: node.id, depth: d };
  }
  return best?.id;
}

function knownSize(value: CsvInput): number | undefined {
  if (typeof value === 'string') return value.length;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value.size;
  return undefined;
}

export type ToEventLogWorker =
  | { kind: 'init'; source: EventLogSource }
  | { kind: 'request'; id: number; method: AdapterMethod; query: unknown; now: number };

export interface WorkerFailure {
  name: string;
  message: string;
  /** Set when the engine threw a StrideError, so the adapter can rebuild it with its kind and status. */
  strideKind?: StrideErrorKind;
  status?: number;
}

export type FromEventLogWorker =
  | { kind: 'progress'; progress: EventLogProgress }
  | { kind: 'read'; ok: true; report: EventLogReport }
  | { kind: 'read'; ok: false; error: WorkerFailure }
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WorkerFailure };

/** One adapter call on the engine, as the worker answers it (tests call it on the page to compare). */
export function callEngine(engine: MetricsEngine, method: AdapterMethod, query: unknown): unknown {
  switch (method) {
    case 'indicators':
      return engine.indicators(query as AdapterQueries['indicators']);
    case 'leaderboard':
      return engine.leaderboard(query as AdapterQueries['leaderboard']);
    case 'funnel':
      return engine.funnel(query as AdapterQueries['funnel']);
    case 'coverage':
      return engine.coverage(query as AdapterQueries['coverage']);
    case 'grids':
      return engine.grids(query as AdapterQueries['grids']);
    case 'orgTree':
      return engine.orgTree();
    case 'alerts':
      return engine.alerts(query as AdapterQueries['alerts']);
    case 'leads':
      return engine.leads(query as AdapterQueries['leads']);
  }
}

export function describeFailure(error: unknown): WorkerFailure {
  if (isStrideError(error)) {
    return {
      name: error.name,
      message: error.message,
      strideKind: error.kind,
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
  }
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
