/**
 * The leads behind a number (DESIGN "LeadsQuery"): every count on screen opens exactly the rows it counts. Rows are
 * read from the same series records, slices and stage rule the numbers are computed from, so a count and its list
 * cannot drift apart.
 */
import {
  FUNNEL_STAGES,
  LEAD_EVENT_TYPES,
  StrideError,
  type Customer,
  type FunnelStageId,
  type LeadEventType,
  type LeadRow,
  type LeadsQuery,
  type LeadsResult,
  type LeadsSort,
} from '../contracts.js';
import { maskName, maskPhone } from '../privacy/mask.js';
import { T, type LogIndex } from './log-index.js';
import { enterStages, openOverdueLeads, stageSlaMs } from './overdue.js';
import { forEachRecord, type Series, type Slice } from './series.js';
import { HOUR_MS } from './time.js';

const STAGE_COUNT = FUNNEL_STAGES.length;
export const DEFAULT_LEADS_SORT: LeadsSort = { by: 'overdueHours', dir: 'desc' };

/** Where a row comes from: a lead, an event of a lead, or a customer with their latest lead. */
interface Candidate {
  lead: number;
  /** Event rows: the event's time and type code. */
  eventAt?: number;
  eventType?: number;
  counted?: boolean;
}

/** How the indicator tiles count (metrics.ts): which series, which rows, and for a rate which are its numerator. */
interface IndicatorSource {
  series: (ix: LogIndex) => Series;
  /** Event rows carry eventAt/eventType; lead rows do not. */
  events?: LeadEventType;
  rate?: boolean;
  /** The slice's end for this indicator (claim_rate: only claim windows closed by asOf). */
  to?: (ix: LogIndex, asOf: number) => number;
  /** A rate's numerator test for record k. */
  hit?: (series: Series, k: number, asOf: number) => boolean;
}

const INDICATOR_SOURCES: Readonly<Record<string, IndicatorSource>> = {
  assigned: { series: (ix) => ix.assigned },
  claim_rate: {
    series: (ix) => ix.assigned,
    rate: true,
    to: (ix, asOf) => asOf - ix.sla.claimHours * HOUR_MS,
    hit: (series, k) => series.hit[k] === 1,
  },
  contacted: { series: (ix) => ix.contacted },
  conversations: { series: (ix) => ix.conversation, events: 'conversation' },
  visits: { series: (ix) => ix.visit, events: 'visited' },
  followup_rate: { series: (ix) => ix.followup, rate: true, hit: (series, k) => series.hit[k] === 1 },
  // one row per contact, conversation or visit; counted when logged within the SLA and by asOf
  logged_rate: {
    series: (ix) => ix.action,
    events: 'contacted',
    rate: true,
    hit: (series, k, asOf) => series.hit[k] === 1 && series.extra[k]! <= asOf,
  },
  intent: { series: (ix) => ix.intent },
  applications: { series: (ix) => ix.applied },
  conversions: { series: (ix) => ix.converted },
};

export function isLeadsIndicator(id: string): boolean {
  return id in INDICATOR_SOURCES;
}

/** Per-lead events in time order, built on the first leads query (the numbers never need them). */
interface LeadEvents {
  offsets: Int32Array;
  time: Float64Array;
  type: Uint8Array;
}

function buildLeadEvents(ix: LogIndex): LeadEvents {
  const { size, time, type, lead, order } = ix.columns;
  const offsets = new Int32Array(ix.leadCount + 1);
  for (let k = 0; k < size; k++) offsets[lead[k]! + 1]!++;
  for (let l = 0; l < ix.leadCount; l++) offsets[l + 1]! += offsets[l]!;
  const cursor = offsets.slice(0, ix.leadCount);
  const times = new Float64Array(size);
  const types = new Uint8Array(size);
  for (let o = 0; o < size; o++) {
    const k = order ? order[o]! : o;
    const at = cursor[lead[k]!]!++;
    times[at] = time[k]!;
    types[at] = type[k]!;
  }
  return { offsets, time: times, type: types };
}

/** The resolved scope the engine hands over: managers, the period's window and asOf. */
export interface LeadsScope {
  mLo: number;
  mHi: number;
  current: Slice;
  asOf: number;
}

export interface LeadsOptions {
  customers?: readonly Customer[];
  /** Show customer data as it is. Default false: masked, as every back end does unless the session may see it. */
  unmasked?: boolean;
  formatDateTime(ms: number): string;
}

/** A stable fingerprint of what a cursor is valid for (FNV-1a over the canonical JSON). */
function fingerprint(parts: unknown): string {
  const text = JSON.stringify(parts);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** Where a page of leads starts: its offset into the rows, and the asOf every page of one list is answered at. */
export interface LeadsPage {
  offset: number;
  asOf: number;
}

/**
 * `<offset>.<asOf>.<fingerprint>`. The cursor carries the asOf of the first page and the next page is answered at it:
 * a live day's asOf moves with the clock, and a list read page by page must stay one snapshot (its rows at one asOf
 * never change, so an offset is enough).
 */
export function leadsCursor(q: LeadsQuery, page: LeadsPage, formatDateTime: (ms: number) => string): string {
  return `${page.offset.toString(36)}.${page.asOf.toString(36)}.${leadsCursorKey(q, formatDateTime(page.asOf))}`;
}

/**
 * The page a query asks for: the first at `latestAsOf` (the scope's asOf now), or the one its cursor names. A cursor
 * of another scope, filter or sort, or from later than `latestAsOf` (the scope's day moved back), is stale: 400.
 */
export function readLeadsCursor(q: LeadsQuery, latestAsOf: number, formatDateTime: (ms: number) => string): LeadsPage {
  if (q.cursor === undefined) return { offset: 0, asOf: latestAsOf };
  const match = /^([0-9a-z]+)\.([0-9a-z]+)\.([0-9a-z]+)$/.exec(q.cursor);
  const asOf = match ? parseInt(match[2]!, 36) : NaN;
  if (!match || !(asOf <= latestAsOf) || match[3] !== leadsCursorKey(q, formatDateTime(asOf))) {
    throw new StrideError(
      'http',
      'leads',
      'leads: cursor is stale (another scope, filter, sort or asOf): reload page 1',
      {
        status: 400,
      },
    );
  }
  return { offset: parseInt(match[1]!, 36), asOf };
}

/** What a cursor is bound to: scope, filter, sort and asOf. */
export function leadsCursorKey(q: LeadsQuery, asOf: string): string {
  const f = q.filter;
  return fingerprint([
    q.scope.org,
    q.scope.manager ?? null,
    q.scope.period,
    q.scope.date,
    f.stage ?? null,
    f.overdue ?? null,
    f.gridId ?? null,
    f.covered === true,
    f.indicator ?? null,
    f.outcome ?? null,
    (q.sort ?? DEFAULT_LEADS_SORT).by,
    (q.sort ?? DEFAULT_LEADS_SORT).dir,
    asOf,
  ]);
}

export function createLeadsQuery(
  ix: LogIndex,
  options: LeadsOptions,
): (q: LeadsQuery, scope: LeadsScope, offset: number) => LeadsResult {
  let events: LeadEvents | undefined;
  const customerById = new Map((options.customers ?? []).map((c) => [c.customerId, c]));
  const slaMs = stageSlaMs(ix);
  const entered = new Float64Array(STAGE_COUNT);

  function check(q: LeadsQuery): void {
    const f = q.filter ?? {};
    const bad = (message: string): never => {
      throw new StrideError('http', 'leads', `leads: ${message}`, { status: 400 });
    };
    if (f.stage !== undefined && !FUNNEL_STAGES.includes(f.stage)) bad('filter.stage: unknown stage');
    if (f.overdue !== undefined && f.overdue !== 'any' && !FUNNEL_STAGES.includes(f.overdue))
      bad('filter.overdue: unknown stage');
    if (f.indicator !== undefined && !isLeadsIndicator(f.indicator)) bad('filter.indicator: unknown indicator');
    if (f.covered && f.gridId === undefined) bad('filter.covered needs filter.gridId');
    if (f.outcome !== undefined && f.indicator === undefined) bad('filter.outcome needs filter.indicator');
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > 500) bad('limit must be an integer from 1 to 500');
  }

  /** Open overdue at asOf (overdue.ts, the same leads the overdue alert and my-day count). */
  function openOverdue(s: LeadsScope, out: Candidate[]): void {
    for (const found of openOverdueLeads(ix, s, s.asOf)) out.push({ lead: found.lead });
  }

  function candidates(q: LeadsQuery, s: LeadsScope): Candidate[] {
    const f = q.filter;
    const out: Candidate[] = [];
    if (f.indicator !== undefined) {
      const source = INDICATOR_SOURCES[f.indicator]!;
      const series = source.series(ix);
      const slice = { ...s.current, to: source.to ? source.to(ix, s.asOf) : s.current.to };
      forEachRecord(series, slice, (k) => {
        const row: Candidate = { lead: series.lead[k]! };
        if (source.rate) row.counted = source.hit!(series, k, s.asOf);
        if (source.events) {
          row.eventAt = series.time[k]!;
          row.eventType = source.events === 'contacted' ? actionType(row.lead, row.eventAt) : T[source.events];
        }
        if (f.outcome === undefined || (f.outcome === 'counted') === (row.counted ?? true)) out.push(row);
      });
      return out;
    }
    if (f.covered && f.gridId !== undefined) {
      coveredCustomers(f.gridId, s.current, out);
      return out;
    }
    if (f.overdue === 'any') {
      openOverdue(s, out);
      return out;
    }
    // a funnel number, a grid's leads or a manager's row: the cohort assigned in the period
    forEachRecord(ix.assigned, s.current, (k) => out.push({ lead: ix.assigned.lead[k]! }));
    return out;
  }

  /** The type of a lead's contact, conversation or visit at `at` (logged_rate rows are events of those three). */
  function actionType(lead: number, at: number): number {
    events ??= buildLeadEvents(ix);
    for (let e = events.offsets[lead]!; e < events.offsets[lead + 1]!; e++) {
      const type = events.type[e]!;
      if (events.time[e] === at && (type === T.contacted || type === T.conversation || type === T.visited)) return type;
    }
    return T.contacted;
  }

  /** A grid's covered customers in the window, each once, with the lead of their latest contact there. */
  function coveredCustomers(gridId: string, window: Slice, out: Candidate[]): void {
    const g = ix.grids;
    const gi = g.byId.get(gridId);
    if (gi === undefined) return;
    const latest = new Map<number, number>();
    for (let k = g.actionOffsets[gi]!; k < g.actionOffsets[gi + 1]!; k++) {
      const t = g.actionTime[k]!;
      if (t > window.to) break;
      if (t < window.from) continue;
      latest.set(g.actionCustomer[k]!, g.actionLead[k]!);
    }
    for (const lead of latest.values()) out.push({ lead });
  }

  return function leads(q, s, offset) {
    check(q);
    const f = q.filter;
    const sort = q.sort ?? DEFAULT_LEADS_SORT;
    const asOf = s.asOf;
    const gridFilter = f.gridId !== undefined && !f.covered ? (ix.grids.byId.get(f.gridId) ?? -2) : undefined;
    const stageFilter = f.stage === undefined ? -1 : FUNNEL_STAGES.indexOf(f.stage);
    const overdueStage = f.overdue === undefined || f.overdue === 'any' ? -1 : FUNNEL_STAGES.indexOf(f.overdue);
    const overdueAny = f.overdue === 'any';

    // Narrow, and compute what sorting needs: stage, entered, overdue hours.
    const rows: { c: Candidate; stage: number; enteredAt: number; overdueMs: number }[] = [];
    for (const c of candidates(q, s)) {
      const l = c.lead;
      if (gridFilter !== undefined && ix.leadGrid[l] !== gridFilter) continue;
      const stage = enterStages(ix, l, asOf, entered);
      if (stage < stageFilter) continue;
      const sla = slaMs[stage];
      const late = sla === undefined ? -1 : asOf - entered[stage]! - sla;
      if (overdueStage >= 0 && (stage !== overdueStage || !(late > 0))) continue;
      if (overdueAny && (stage === STAGE_COUNT - 1 || !(late > 0))) continue;
      rows.push({ c, stage, enteredAt: entered[stage]!, overdueMs: late > 0 ? late : NaN });
    }

    events ??= buildLeadEvents(ix);
    const lastActionAt = (l: number): number => {
      const from = events!.offsets[l]!;
      let e = events!.offsets[l + 1]! - 1;
      while (e >= from && events!.time[e]! > asOf) e--;
      return e >= from ? e : -1;
    };
    const managerName = (l: number): string => {
      const id = ix.managerIds[ix.leadManager[l]!] ?? '';
      return ix.nodeById.get(id)?.name ?? id;
    };

    // Sort keys: numbers (NaN, a missing value, always last) or manager names; then leadId, then the event's time.
    const sign = sort.dir === 'asc' ? 1 : -1;
    const keyOf = (r: (typeof rows)[number]): number => {
      switch (sort.by) {
        case 'overdueHours':
          return r.overdueMs;
        case 'enteredAt':
          return r.enteredAt;
        case 'lastActionAt': {
          const e = lastActionAt(r.c.lead);
          return e < 0 ? NaN : events!.time[e]!;
        }
        case 'stage':
          return r.stage;
        default:
          return 0;
      }
    };
    const keyed = rows.map((r) => ({ r, key: keyOf(r), name: sort.by === 'managerName' ? managerName(r.c.lead) : '' }));
    const leadIds = ix.leadIds;
    keyed.sort((a, b) => {
      if (sort.by === 'managerName') {
        if (a.name !== b.name) return a.name < b.name ? -sign : sign;
      } else if (a.key !== b.key && !(Number.isNaN(a.key) && Number.isNaN(b.key))) {
        if (Number.isNaN(a.key)) return 1;
        if (Number.isNaN(b.key)) return -1;
        return (a.key - b.key) * sign;
      }
      const la = leadIds[a.r.c.lead]!;
      const lb = leadIds[b.r.c.lead]!;
      if (la !== lb) return la < lb ? -1 : 1;
      return (a.r.c.eventAt ?? 0) - (b.r.c.eventAt ?? 0);
    });

    const page = keyed.slice(offset, offset + q.limit).map(({ r }): LeadRow => {
      const l = r.c.lead;
      const customerId = ix.leadCustomerId[l] ?? '';
      const customer = customerById.get(customerId);
      const masked = !options.unmasked;
      const row: LeadRow = {
        leadId: leadIds[l]!,
        // with no customer data, the id stands in (an id is not personal data)
        customer: customer ? (masked ? maskName(customer.name) : customer.name) : customerId,
        masked: masked && customer !== undefined,
        managerId: ix.managerIds[ix.leadManager[l]!] ?? '',
        managerName: managerName(l),
        stage: FUNNEL_STAGES[r.stage] as FunnelStageId,
        enteredAt: options.formatDateTime(r.enteredAt),
        overdueHours: Number.isNaN(r.overdueMs) ? null : Math.round((r.overdueMs / HOUR_MS) * 10) / 10,
      };
      if (customer?.phone) row.phone = masked ? maskPhone(customer.phone) : customer.phone;
      const g = ix.leadGrid[l]!;
      if (g >= 0) row.gridId = ix.grids.ids[g]!;
      if (r.c.counted !== undefined) row.counted = r.c.counted;
      if (r.c.eventAt !== undefined) {
        row.eventAt = options.formatDateTime(r.c.eventAt);
        row.eventType = LEAD_EVENT_TYPES[r.c.eventType!]!;
      }
      const e = lastActionAt(l);
      if (e >= 0) {
        row.lastAction = LEAD_EVENT_TYPES[events!.type[e]!]!;
        row.lastActionAt = options.formatDateTime(events!.time[e]!);
      }
      return row;
    });
    const end = offset + page.length;
    return {
      asOf: options.formatDateTime(asOf),
      scope: q.scope,
      total: keyed.length,
      nextCursor: end < keyed.length ? leadsCursor(q, { offset: end, asOf }, options.formatDateTime) : null,
      leads: page,
    };
  };
}
