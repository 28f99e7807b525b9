/**
 * Indexes an event log once so that every query is slices and binary searches, never a filter over the log.
 */
import { LEAD_EVENT_TYPES, type LeadEventType, type OrgNode } from '../contracts.js';
import { createWorkingDays, type WorkingDays } from './calendar.js';
import { SeriesBuilder, type Series } from './series.js';
import { createBankZone, DAY_MS, HOUR_MS, parseEventTime, pilotRange, type BankZone, type DayRange } from './time.js';
import type { EventLogInput, PointsScheme, SlaConfig } from './types.js';

export const DEFAULT_SLA: SlaConfig = {
  claimHours: 24,
  followupDays: 3,
  followupInWorkingDays: false,
  loggedHours: 24,
  stageDays: { claimed: 1, contacted: 3, visited: 7, intent: 14, applied: 14 },
};

export const DEFAULT_POINTS: PointsScheme = {
  firstContact: 1,
  conversation: 1,
  visit: 3,
  firstIntent: 5,
  firstApplication: 8,
  firstConversion: 20,
  timelyFollowup: 1,
};

export const TYPE_COUNT = LEAD_EVENT_TYPES.length;
const typeCode = new Map<string, number>(LEAD_EVENT_TYPES.map((type, i) => [type, i]));
export const T = Object.fromEntries(LEAD_EVENT_TYPES.map((type, i) => [type, i])) as Record<LeadEventType, number>;

/** Records grouped by grid, in time order: contacts/conversations/visits (for coverage) and leads (for openLeads). */
export interface GridIndex {
  ids: string[];
  byId: Map<string, number>;
  actionOffsets: Int32Array;
  actionTime: Float64Array;
  actionCustomer: Int32Array;
  leadOffsets: Int32Array;
  leads: Int32Array;
  managersSeen: Set<number>[];
}

export interface LogIndex {
  zone: BankZone;
  working: WorkingDays;
  sla: SlaConfig;
  points: PointsScheme;
  nodes: OrgNode[];
  nodeById: Map<string, OrgNode>;
  children: Map<string, OrgNode[]>;
  managerIds: string[];
  managerIndex: Map<string, number>;
  /** Managers of the org tree; those seen only in events follow them and belong to the bank node alone. */
  treeManagerCount: number;
  /** [lo, hi) manager range of an org node (a manager node is its own one-manager range). */
  orgRange(orgId: string): [number, number] | undefined;
  /** Managers of the org tree under the node (the divisor for inherited targets). */
  treeManagersUnder(orgId: string): number;
  leadCount: number;
  customerCount: number;
  /** firstTime[lead * TYPE_COUNT + type]: the earliest event of that type for the lead, Infinity when none. */
  firstTime: Float64Array;
  assigned: Series;
  contacted: Series;
  conversation: Series;
  visit: Series;
  /** One record per first-contacted lead at its follow-up deadline; hit = a timely follow-up. */
  followup: Series;
  /** Every contacted/conversation/visited event; hit = logged within the SLA, extra = time of that `logged`. */
  action: Series;
  intent: Series;
  applied: Series;
  /** extra = amount in cents. */
  converted: Series;
  /** The first timely follow-up event of each lead (points). */
  timely: Series;
  grids: GridIndex;
  firstEventDay: number;
  lastEventDay: number;
  pilot: DayRange | undefined;
  /** `${org}|${indicator}|${period}|${start}` -> target */
  targets: Map<string, number>;
  /** Events skipped because their time, type, lead or manager was unreadable. */
  skipped: number;
}

/**
 * `phase(label)` is called as each indexing phase ends, so a benchmark can time them; the engine passes nothing.
 */
export function buildLogIndex(input: EventLogInput, phase: (label: string) => void = () => {}): LogIndex {
  const sla: SlaConfig = {
    ...DEFAULT_SLA,
    ...input.sla,
    stageDays: { ...DEFAULT_SLA.stageDays, ...input.sla?.stageDays },
  };
  const points: PointsScheme = { ...DEFAULT_POINTS, ...input.points };
  const events = input.events;
  const n = events.length;

  // A first cheap pass over the times to size the zone check.
  const probeZone = createBankZone(input.timeZone ?? 'Asia/Shanghai', [NaN, NaN]);
  const first = n > 0 ? parseEventTime(events[0]!.at, probeZone) : NaN;
  const last = n > 0 ? parseEventTime(events[n - 1]!.at, probeZone) : NaN;
  const zone = createBankZone(input.timeZone ?? 'Asia/Shanghai', [Math.min(first, last), Math.max(first, last)]);
  const working = createWorkingDays(input.calendar);

  /* ---- org tree: managers numbered in depth-first order so each org's managers are a contiguous range */
  const nodes = [...input.orgTree];
  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const children = new Map<string, OrgNode[]>();
  const roots: OrgNode[] = [];
  for (const node of nodes) {
    if (node.parentId === null || !nodeById.has(node.parentId)) roots.push(node);
    else {
      const list = children.get(node.parentId);
      if (list) list.push(node);
      else children.set(node.parentId, [node]);
    }
  }
  const managerIds: string[] = [];
  const managerIndex = new Map<string, number>();
  const ranges = new Map<string, [number, number]>();
  const visited = new Set<string>();
  const walk = (node: OrgNode): void => {
    if (visited.has(node.id)) return; // a cycle in bad tree data must not hang the engine
    visited.add(node.id);
    const lo = managerIds.length;
    if (node.level === 'manager' && !managerIndex.has(node.id)) {
      managerIndex.set(node.id, managerIds.length);
      managerIds.push(node.id);
    }
    for (const child of children.get(node.id) ?? []) walk(child);
    ranges.set(node.id, [lo, managerIds.length]);
  };
  for (const root of roots) walk(root);
  const treeManagerCount = managerIds.length;

  /* ---- events into columns */
  const time = new Float64Array(n);
  const type = new Uint8Array(n);
  const manager = new Int32Array(n);
  const lead = new Int32Array(n);
  const customer = new Int32Array(n);
  const grid = new Int32Array(n);
  const source = new Int32Array(n);
  const leadIndex = new Map<string, number>();
  const customerIndex = new Map<string, number>();
  const leadCustomerId: (string | undefined)[] = [];
  const leadCustomer = new Int32Array(n);
  const gridIds: string[] = [];
  const gridById = new Map<string, number>();
  let kept = 0;
  let sorted = true;
  let minTime = Infinity;
  let maxTime = -Infinity;
  for (let i = 0; i < n; i++) {
    const event = events[i]!;
    const code = typeCode.get(event.type);
    const t = typeof event.at === 'string' ? parseEventTime(event.at, zone) : NaN;
    if (code === undefined || !Number.isFinite(t) || typeof event.leadId !== 'string' || typeof event.managerId !== 'string') {
      continue;
    }
    let m = managerIndex.get(event.managerId);
    if (m === undefined) {
      m = managerIds.length;
      managerIndex.set(event.managerId, m);
      managerIds.push(event.managerId);
    }
    let l = leadIndex.get(event.leadId);
    if (l === undefined) {
      l = leadIndex.size;
      leadIndex.set(event.leadId, l);
      leadCustomerId.push(undefined);
    }
    // customers only matter for coverage (distinct customers reached), so only contacts are looked up
    let c = -1;
    if (code === T.contacted || code === T.conversation || code === T.visited) {
      const customerId = typeof event.customerId === 'string' ? event.customerId : event.leadId;
      // a lead is almost always one customer: compare with the lead's last one before hashing into the map
      if (leadCustomerId[l] === customerId) c = leadCustomer[l]!;
      else {
        c = customerIndex.get(customerId) ?? -1;
        if (c === -1) {
          c = customerIndex.size;
          customerIndex.set(customerId, c);
        }
        leadCustomerId[l] = customerId;
        leadCustomer[l] = c;
      }
    }
    let g = -1;
    if (typeof event.gridId === 'string' && event.gridId !== '') {
      const known = gridById.get(event.gridId);
      if (known === undefined) {
        g = gridIds.length;
        gridById.set(event.gridId, g);
        gridIds.push(event.gridId);
      } else g = known;
    }
    if (kept > 0 && t < time[kept - 1]!) sorted = false;
    if (t < minTime) minTime = t;
    if (t > maxTime) maxTime = t;
    time[kept] = t;
    type[kept] = code;
    manager[kept] = m;
    lead[kept] = l;
    customer[kept] = c;
    grid[kept] = g;
    source[kept] = i;
    kept++;
  }
  const managerCount = managerIds.length;
  const leadCount = leadIndex.size;
  phase('events into columns (ids interned, times parsed)');

  // Exported logs are usually chronological already; only an unsorted one pays for the sort.
  const order = sorted ? identityOrder(kept) : chronologicalOrder(time, kept, minTime, maxTime);
  phase(sorted ? 'time order (already sorted)' : 'time order (argsort)');

  /* ---- `logged` times per lead, for "followed by a logged event within 24 h" */
  const loggedOffsets = new Int32Array(leadCount + 1);
  for (let k = 0; k < kept; k++) if (type[k] === T.logged) loggedOffsets[lead[k]! + 1]!++;
  for (let l = 0; l < leadCount; l++) loggedOffsets[l + 1]! += loggedOffsets[l]!;
  const loggedTimes = new Float64Array(loggedOffsets[leadCount]!);
  {
    const cursor = loggedOffsets.slice(0, leadCount);
    for (const k of order) if (type[k] === T.logged) loggedTimes[cursor[lead[k]!]!++] = time[k]!;
  }

  /* ---- one pass in time order: firsts per lead, fact records, grid records */
  const firstTime = new Float64Array(leadCount * TYPE_COUNT).fill(Infinity);
  const leadGrid = new Int32Array(leadCount).fill(-1);
  const deadline = new Float64Array(leadCount).fill(-Infinity);
  const timelyDone = new Uint8Array(leadCount);
  const assignedRecord = new Int32Array(leadCount).fill(-1);
  const followupRecord = new Int32Array(leadCount).fill(-1);
  const claimMs = sla.claimHours * HOUR_MS;
  const loggedMs = sla.loggedHours * HOUR_MS;
  const deadlineOf = followupDeadline(sla, zone, working);

  const typeTotals = new Int32Array(TYPE_COUNT);
  for (let k = 0; k < kept; k++) typeTotals[type[k]!]!++;
  const total = (...types: number[]): number => types.reduce((sum, t) => sum + typeTotals[t]!, 0);
  const b = {
    assigned: new SeriesBuilder(total(T.assigned)),
    contacted: new SeriesBuilder(total(T.contacted)),
    conversation: new SeriesBuilder(total(T.conversation)),
    visit: new SeriesBuilder(total(T.visited)),
    followup: new SeriesBuilder(total(T.contacted)),
    action: new SeriesBuilder(total(T.contacted, T.conversation, T.visited)),
    intent: new SeriesBuilder(total(T.intent)),
    applied: new SeriesBuilder(total(T.applied)),
    converted: new SeriesBuilder(total(T.converted)),
    timely: new SeriesBuilder(Math.min(leadCount, total(T.followup, T.conversation, T.visited))),
  };
  const gridActionCount = new Int32Array(gridIds.length + 1);
  const managersSeen = gridIds.map(() => new Set<number>());
  // a grid's events mostly come from the same one or two managers: skip the Set when nothing changed
  const lastSeen = new Int32Array(gridIds.length).fill(-1);

  for (let o = 0; o < kept; o++) {
    const k = order[o]!;
    const t = time[k]!;
    const ty = type[k]!;
    const m = manager[k]!;
    const l = lead[k]!;
    const g = grid[k]!;
    const slot = l * TYPE_COUNT + ty;
    const isFirst = firstTime[slot] === Infinity;
    if (isFirst) firstTime[slot] = t;
    if (g >= 0 && lastSeen[g] !== m) {
      lastSeen[g] = m;
      managersSeen[g]!.add(m);
    }

    switch (ty) {
      case T.assigned:
        if (isFirst) {
          assignedRecord[l] = b.assigned.add(m, t, l);
          leadGrid[l] = g;
        }
        break;
      case T.contacted:
        if (isFirst) {
          b.contacted.add(m, t, l);
          deadline[l] = deadlineOf(t);
          followupRecord[l] = b.followup.add(m, deadline[l]!, l);
        }
        break;
      case T.conversation:
        b.conversation.add(m, t, l);
        break;
      case T.visited:
        b.visit.add(m, t, l);
        break;
      case T.intent:
        if (isFirst) b.intent.add(m, t, l);
        break;
      case T.applied:
        if (isFirst) b.applied.add(m, t, l);
        break;
      case T.converted:
        if (isFirst) {
          const amount = events[source[k]!]!.amount;
          b.converted.add(m, t, l, 0, typeof amount === 'number' && Number.isFinite(amount) ? Math.round(amount * 100) : 0);
        }
        break;
    }

    if (ty === T.contacted || ty === T.conversation || ty === T.visited) {
      // the first `logged` of the lead at or after this contact
      let lo = loggedOffsets[l]!;
      let hi = loggedOffsets[l + 1]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (loggedTimes[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      const loggedAt = lo < loggedOffsets[l + 1]! ? loggedTimes[lo]! : Infinity;
      b.action.add(m, t, l, loggedAt - t <= loggedMs ? 1 : 0, loggedAt);
      if (g >= 0) gridActionCount[g + 1]!++;
    }
    if (
      (ty === T.followup || ty === T.conversation || ty === T.visited) &&
      timelyDone[l] === 0 &&
      t > firstTime[l * TYPE_COUNT + T.contacted]! &&
      t <= deadline[l]!
    ) {
      timelyDone[l] = 1;
      b.timely.add(m, t, l);
    }
  }

  for (let l = 0; l < leadCount; l++) {
    const record = assignedRecord[l]!;
    if (record >= 0) {
      const assignedAt = firstTime[l * TYPE_COUNT + T.assigned]!;
      b.assigned.setHit(record, firstTime[l * TYPE_COUNT + T.claimed]! - assignedAt <= claimMs ? 1 : 0);
    }
    if (followupRecord[l]! >= 0) b.followup.setHit(followupRecord[l]!, timelyDone[l]!);
  }

  phase('time-order pass (firsts, fact records)');

  /* ---- grids */
  for (let g = 0; g < gridIds.length; g++) gridActionCount[g + 1]! += gridActionCount[g]!;
  const actionTime = new Float64Array(gridActionCount[gridIds.length]!);
  const actionCustomer = new Int32Array(actionTime.length);
  {
    const cursor = gridActionCount.slice(0, gridIds.length);
    for (const k of order) {
      const ty = type[k]!;
      const g = grid[k]!;
      if (g >= 0 && (ty === T.contacted || ty === T.conversation || ty === T.visited)) {
        const at = cursor[g]!++;
        actionTime[at] = time[k]!;
        actionCustomer[at] = customer[k]!;
      }
    }
  }
  const leadOffsets = new Int32Array(gridIds.length + 1);
  for (let l = 0; l < leadCount; l++) if (leadGrid[l]! >= 0) leadOffsets[leadGrid[l]! + 1]!++;
  for (let g = 0; g < gridIds.length; g++) leadOffsets[g + 1]! += leadOffsets[g]!;
  const gridLeads = new Int32Array(leadOffsets[gridIds.length]!);
  {
    const cursor = leadOffsets.slice(0, gridIds.length);
    for (let l = 0; l < leadCount; l++) if (leadGrid[l]! >= 0) gridLeads[cursor[leadGrid[l]!]!++] = l;
  }

  const targets = new Map<string, number>();
  for (const target of input.targets ?? []) {
    if (Number.isFinite(target.target)) {
      targets.set(`${target.org}|${target.indicator}|${target.period}|${target.start}`, target.target);
    }
  }

  const firstEventDay = kept > 0 ? zone.dayOf(minTime) : NaN;
  const lastEventDay = kept > 0 ? zone.dayOf(maxTime) : NaN;
  phase('grid records, targets');
  const build = (builder: SeriesBuilder): Series => builder.build(managerCount, zone);

  const index: LogIndex = {
    zone,
    working,
    sla,
    points,
    nodes,
    nodeById,
    children,
    managerIds,
    managerIndex,
    treeManagerCount,
    orgRange(orgId) {
      const node = nodeById.get(orgId);
      const range = ranges.get(orgId);
      if (!node || !range) {
        const m = managerIndex.get(orgId);
        return m === undefined ? undefined : [m, m + 1];
      }
      return node.level === 'bank' && range[0] === 0 ? [0, managerCount] : range;
    },
    treeManagersUnder(orgId) {
      const range = ranges.get(orgId);
      return range ? range[1] - range[0] : 0;
    },
    leadCount,
    customerCount: customerIndex.size,
    firstTime,
    assigned: build(b.assigned),
    contacted: build(b.contacted),
    conversation: build(b.conversation),
    visit: build(b.visit),
    followup: build(b.followup),
    action: build(b.action),
    intent: build(b.intent),
    applied: build(b.applied),
    converted: build(b.converted),
    timely: build(b.timely),
    grids: {
      ids: gridIds,
      byId: gridById,
      actionOffsets: gridActionCount,
      actionTime,
      actionCustomer,
      leadOffsets,
      leads: gridLeads,
      managersSeen,
    },
    firstEventDay,
    lastEventDay,
    pilot: pilotRange(input.pilot, firstEventDay, lastEventDay),
    targets,
    skipped: n - kept,
  };
  phase('fact series grouped by manager');
  return index;
}

function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  return order;
}

const SLOT = 2 ** 26;

/**
 * Stable argsort of event times. A comparator sort of a million indices takes seconds; instead events are bucketed
 * by day and each day's keys (ms into the day x 2^26 + position, exact in a double) are sorted natively.
 */
function chronologicalOrder(time: Float64Array, n: number, minTime: number, maxTime: number): Int32Array {
  const days = Math.floor((maxTime - minTime) / DAY_MS) + 1;
  if (days > 5_000_000 || n >= SLOT) {
    return Int32Array.from(Array.from({ length: n }, (_, k) => k).sort((a, b) => time[a]! - time[b]! || a - b));
  }
  const offsets = new Int32Array(days + 1);
  for (let k = 0; k < n; k++) offsets[Math.floor((time[k]! - minTime) / DAY_MS) + 1]!++;
  for (let d = 0; d < days; d++) offsets[d + 1]! += offsets[d]!;
  const members = new Int32Array(n);
  const cursor = offsets.slice(0, days);
  for (let k = 0; k < n; k++) members[cursor[Math.floor((time[k]! - minTime) / DAY_MS)]!++] = k;
  const order = new Int32Array(n);
  for (let d = 0; d < days; d++) {
    const from = offsets[d]!;
    const size = offsets[d + 1]! - from;
    if (size === 0) continue;
    const dayStart = minTime + d * DAY_MS;
    const keys = new Float64Array(size);
    for (let j = 0; j < size; j++) keys[j] = (time[members[from + j]!]! - dayStart) * SLOT + j;
    keys.sort();
    for (let j = 0; j < size; j++) {
      const key = keys[j]!;
      order[from + j] = members[from + (key - Math.floor(key / SLOT) * SLOT)]!;
    }
  }
  return order;
}

/**
 * The follow-up deadline after a first contact. Calendar time: contact + N x 24 h. Working days: the same local
 * time of day on the Nth working day after the contact's day (a Friday-afternoon contact with a 3-day SLA is due
 * Wednesday afternoon; a contact on a holiday starts counting from the next working day).
 */
function followupDeadline(sla: SlaConfig, zone: BankZone, working: WorkingDays): (contactAt: number) => number {
  if (!sla.followupInWorkingDays) return (contactAt) => contactAt + sla.followupDays * DAY_MS;
  const dueDay = new Map<number, number>();
  return (contactAt) => {
    const day = zone.dayOf(contactAt);
    let due = dueDay.get(day);
    if (due === undefined) {
      due = day;
      for (let counted = 0; counted < sla.followupDays; ) if (working.isWorkingDay(++due)) counted++;
      dueDay.set(day, due);
    }
    return zone.dayStart(due) + (contactAt - zone.dayStart(day));
  };
}
