/**
 * The event log as the engine reads it: one typed column per field, ids numbered through id tables. A million events
 * as objects (five strings each) cost the browser seconds of garbage collection before the engine could index them;
 * as columns they are a few typed arrays. The CSV reader writes these columns straight from the file's text, and an
 * array of event objects (JSON, tests, the mock back end) is turned into the same columns, so the engine has one input.
 */
import { LEAD_EVENT_TYPES, type LeadEvent, type LeadEventType } from '../contracts.js';
import { IdTable } from './id-table.js';
import { createBankZone, parseEventTime, type BankZone } from './time.js';

export interface EventColumns {
  /** Number of events (records 0 .. size - 1, in the order given). */
  readonly size: number;
  /** Epoch milliseconds. */
  readonly time: Float64Array;
  /** Index into LEAD_EVENT_TYPES. */
  readonly type: Uint8Array;
  /** Numbers into `leadIds`, `managerIds`, `customerIds`; each table numbers ids in order of first appearance. */
  readonly lead: Int32Array;
  readonly manager: Int32Array;
  readonly customer: Int32Array;
  /** Number into `gridIds`, -1 for an event without a grid. */
  readonly grid: Int32Array;
  /** CNY; NaN where the event has none (every type but `converted`). */
  readonly amount: Float64Array;
  readonly leadIds: readonly string[];
  readonly managerIds: readonly string[];
  readonly customerIds: readonly string[];
  readonly gridIds: readonly string[];
  /** Events left out because their time, type, lead or manager could not be read. */
  readonly skipped: number;
}

/** An event's type code (its index in LEAD_EVENT_TYPES). */
export const TYPE_CODE = Object.fromEntries(LEAD_EVENT_TYPES.map((type, i) => [type, i])) as Record<
  LeadEventType,
  number
>;

export function isEventColumns(events: readonly LeadEvent[] | EventColumns): events is EventColumns {
  return !Array.isArray(events);
}

/**
 * Appends events to growing columns. The id tables are open to the CSV reader, which numbers ids where they stand in
 * the file's text (`IdTable.internRange`) before it appends the record.
 */
export class EventColumnsBuilder {
  readonly leads = new IdTable(1 << 14);
  readonly managers = new IdTable(1 << 10);
  readonly customers = new IdTable(1 << 14);
  readonly grids = new IdTable(1 << 10);
  /** Events left out by whoever appends (a bad time, type or id). */
  skipped = 0;
  private size = 0;
  private time: Float64Array;
  private type: Uint8Array;
  private lead: Int32Array;
  private manager: Int32Array;
  private customer: Int32Array;
  private grid: Int32Array;
  private amount: Float64Array;

  constructor(expected = 1024) {
    const capacity = Math.max(16, expected);
    this.time = new Float64Array(capacity);
    this.type = new Uint8Array(capacity);
    this.lead = new Int32Array(capacity);
    this.manager = new Int32Array(capacity);
    this.customer = new Int32Array(capacity);
    this.grid = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  append(time: number, type: number, lead: number, manager: number, customer: number, grid: number, amount = NaN) {
    if (this.size === this.time.length) this.grow();
    const k = this.size++;
    this.time[k] = time;
    this.type[k] = type;
    this.lead[k] = lead;
    this.manager[k] = manager;
    this.customer[k] = customer;
    this.grid[k] = grid;
    this.amount[k] = amount;
  }

  finish(): EventColumns {
    const n = this.size;
    return {
      size: n,
      time: this.time.subarray(0, n),
      type: this.type.subarray(0, n),
      lead: this.lead.subarray(0, n),
      manager: this.manager.subarray(0, n),
      customer: this.customer.subarray(0, n),
      grid: this.grid.subarray(0, n),
      amount: this.amount.subarray(0, n),
      leadIds: this.leads.ids,
      managerIds: this.managers.ids,
      customerIds: this.customers.ids,
      gridIds: this.grids.ids,
      skipped: this.skipped,
    };
  }

  private grow(): void {
    const capacity = this.time.length * 2;
    const grown = <A extends Float64Array | Int32Array | Uint8Array>(column: A, make: (n: number) => A): A => {
      const next = make(capacity);
      next.set(column);
      return next;
    };
    this.time = grown(this.time, (n) => new Float64Array(n));
    this.type = grown(this.type, (n) => new Uint8Array(n));
    this.lead = grown(this.lead, (n) => new Int32Array(n));
    this.manager = grown(this.manager, (n) => new Int32Array(n));
    this.customer = grown(this.customer, (n) => new Int32Array(n));
    this.grid = grown(this.grid, (n) => new Int32Array(n));
    this.amount = grown(this.amount, (n) => new Float64Array(n));
  }
}

/** The event type's code, -1 for an unknown type (a switch over literals: no hashing of each event's string). */
export function eventTypeCode(type: unknown): number {
  switch (type) {
    case 'contacted':
      return TYPE_CODE.contacted;
    case 'conversation':
      return TYPE_CODE.conversation;
    case 'assigned':
      return TYPE_CODE.assigned;
    case 'claimed':
      return TYPE_CODE.claimed;
    case 'logged':
      return TYPE_CODE.logged;
    case 'followup':
      return TYPE_CODE.followup;
    case 'visited':
      return TYPE_CODE.visited;
    case 'intent':
      return TYPE_CODE.intent;
    case 'applied':
      return TYPE_CODE.applied;
    case 'converted':
      return TYPE_CODE.converted;
    default:
      return -1;
  }
}

/**
 * The engine's input events as columns: columns as they are, event objects converted with their times read in the
 * bank's zone (its offsets checked over the span of the log, as the engine's zone is).
 */
export function toEventColumns(events: readonly LeadEvent[] | EventColumns, timeZone: string): EventColumns {
  if (isEventColumns(events)) return events;
  const around = createBankZone(timeZone, [NaN, NaN]);
  const first = events.length > 0 ? parseEventTime(String(events[0]!.at), around) : NaN;
  const last = events.length > 0 ? parseEventTime(String(events[events.length - 1]!.at), around) : NaN;
  return eventColumnsOf(events, createBankZone(timeZone, [Math.min(first, last), Math.max(first, last)]));
}

/**
 * Event objects (JSON, the mock back end's log) as columns. An event whose time, type, lead or manager cannot be
 * read is left out and counted in `skipped`; a missing customer stands for the lead itself, an empty grid for none.
 */
export function eventColumnsOf(events: readonly LeadEvent[], zone: BankZone): EventColumns {
  const builder = new EventColumnsBuilder(events.length);
  for (const event of events) {
    const code = eventTypeCode(event.type);
    const at = event.at;
    const time = typeof at === 'string' ? parseEventTime(at, zone) : NaN;
    const { leadId, managerId, customerId, gridId, amount } = event;
    if (code < 0 || !Number.isFinite(time) || typeof leadId !== 'string' || typeof managerId !== 'string') {
      builder.skipped++;
      continue;
    }
    builder.append(
      time,
      code,
      builder.leads.intern(leadId),
      builder.managers.intern(managerId),
      builder.customers.intern(typeof customerId === 'string' ? customerId : leadId),
      typeof gridId === 'string' && gridId !== '' ? builder.grids.intern(gridId) : -1,
      typeof amount === 'number' ? amount : NaN,
    );
  }
  return builder.finish();
}

/** Columns back as event objects, times written in the bank's zone (for callers that want rows, never the engine). */
export function eventRowsOf(columns: EventColumns, zone: BankZone): LeadEvent[] {
  const rows: LeadEvent[] = [];
  for (let k = 0; k < columns.size; k++) {
    const grid = columns.grid[k]!;
    const time = columns.time[k]!;
    const ms = time - Math.floor(time / 1000) * 1000;
    const at = zone.formatDateTime(time);
    const event: LeadEvent = {
      at: ms === 0 ? at : `${at.slice(0, 19)}.${String(ms).padStart(3, '0')}${at.slice(19)}`,
      type: LEAD_EVENT_TYPES[columns.type[k]!]!,
      leadId: columns.leadIds[columns.lead[k]!]!,
      managerId: columns.managerIds[columns.manager[k]!]!,
      customerId: columns.customerIds[columns.customer[k]!]!,
      gridId: grid < 0 ? '' : columns.gridIds[grid]!,
    };
    const amount = columns.amount[k]!;
    if (!Number.isNaN(amount)) event.amount = amount;
    rows.push(event);
  }
  return rows;
}
