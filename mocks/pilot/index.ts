/**
 * The seeded synthetic pilot: one branch, its sub-branches, teams and managers, their grids, targets, a working
 * calendar and two months of lead events ending at `now` today. Storybook, the demo, the msw handlers and the tests all
 * draw their data from here, so they show the same bank. Pure and browser-safe (no Node APIs); mocks/write-pilot.ts
 * writes it to files.
 *
 * Determinism: the same options (seed, today and now) give identical output. Each lead draws from its own stream, so
 * regenerating later on the same day only adds to today: earlier events stay as they were.
 */
import type {
  Customer,
  Grids,
  LeadEvent,
  OrgTree,
  PilotConfig,
  SuppliedDaily,
  Target,
  WorkCalendar,
} from '../../packages/core/src/contracts.js';
import { LEAD_EVENT_TYPES } from '../../packages/core/src/contracts.js';
import {
  EventLog,
  TYPE,
  assignLead,
  managerSkills,
  managerTraits,
  simulatePilot,
  type SimulationContext,
} from './events.js';
import { pilotBalances } from './balances.js';
import { pilotCustomers } from './customers.js';
import { buildGrids } from './grids.js';
import { buildOrg, pad } from './org.js';
import { Random } from './random.js';
import { pilotTargets } from './targets.js';
import {
  SECONDS_PER_DAY,
  dayNumber,
  isoDate,
  localDate,
  offsetMinutes,
  offsetSuffix,
  pilotCalendar,
  workingDayTest,
} from './time.js';

export { PILOT_CATALOGUE, SUPPLIED_INDICATORS } from './balances.js';
export { eventsToCsv, orgTreeToCsv, targetsToCsv, calendarToCsv, customersToCsv, suppliedToCsv } from './csv.js';

export interface PilotOptions {
  /** Default 1. */
  seed?: number;
  /** The last pilot day, `YYYY-MM-DD`. Default: today in the bank's time zone at `now`. */
  today?: string;
  /**
   * Events stop here. Default: the real clock when `today` is not given; the end of `today` (23:59:59) when it is,
   * so a fixed `today` alone is reproducible. A `now` outside `today` is moved to its start or end.
   */
  now?: Date;
  /** Length of the pilot window ending on today. Default 60. */
  days?: number;
  /** Default 3. */
  subbranches?: number;
  /** Default 2. */
  teamsPerSubbranch?: number;
  /** Default 40. */
  managers?: number;
  /** Default 60. */
  grids?: number;
  /**
   * Exact number of events to produce (at least 1; today keeps its events unless the count is smaller than today's). Default: whatever the pilot's activity gives (about 20,000 for 40 managers
   * over 60 days). Lead volume is scaled to reach it; whole leads are then dropped to hit it exactly.
   */
  events?: number;
  /** IANA zone of the bank. Default `Asia/Shanghai`. */
  timeZone?: string;
}

export interface PilotData {
  orgTree: OrgTree;
  grids: Grids;
  events: LeadEvent[];
  /** Every customer of the events: a Chinese name of 2-4 characters and an 11-digit mobile (personal data). */
  customers: Customer[];
  targets: Target[];
  /** Each manager's daily deposit balance and AUM (PILOT_CATALOGUE's supplied indicators), from before the pilot. */
  supplied: SuppliedDaily[];
  calendar: WorkCalendar;
  pilot: PilotConfig;
  timeZone: string;
  today: string;
}

const DAY = SECONDS_PER_DAY;
/** Head-office list size per manager per working day at full activity (about ten leads a week). */
const LEADS_PER_MANAGER_DAY = 2;
/** Events one lead produces on average in this model, measured over 60-day runs (truncation at now included). */
const EVENTS_PER_LEAD = 6.4;
/** Events that "today" always has, however early `now` is. */
const MIN_TODAY_EVENTS = 3;

function positiveInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`generatePilot: ${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Seeds for the independent parts, so changing the event count does not redraw the org or the map. */
function subSeed(seed: number, part: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, part * 2 + 1) + part * 0x27d4eb2f) | 0;
}

/**
 * The bank-wide data set (`npm start -- --bank-wide`, the server and lead benches): 10,000 managers in 20
 * sub-branches of 10 teams (50 managers a team, as a bank's teams are tens of managers), 5,000 grids, 1,000,000
 * events.
 */
export const BANK_WIDE = {
  managers: 10_000,
  grids: 5_000,
  subbranches: 20,
  teamsPerSubbranch: 10,
  events: 1_000_000,
} as const satisfies PilotOptions;

export function generatePilot(options: PilotOptions = {}): PilotData {
  const seed = options.seed ?? 1;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const days = positiveInteger('days', options.days ?? 60, 1);
  const managerCount = positiveInteger('managers', options.managers ?? 40, 1);
  const gridCount = positiveInteger('grids', options.grids ?? 60, 1);
  const subbranches = positiveInteger('subbranches', options.subbranches ?? 3, 1);
  const teamsPerSubbranch = positiveInteger('teamsPerSubbranch', options.teamsPerSubbranch ?? 2, 1);
  const eventTarget = options.events === undefined ? undefined : positiveInteger('events', options.events, 1);

  // The real clock only when neither today nor now is given; a fixed `today` alone runs to its last second.
  const clock = options.now ?? (options.today === undefined ? new Date() : undefined);
  const today = options.today ?? localDate(clock ?? new Date(), timeZone);
  const lastDay = dayNumber(today);
  const firstDay = lastDay - days + 1;
  const todayStart = (days - 1) * DAY;
  // One offset for the window, taken at noon today: bank zones in China have no daylight saving.
  const offset = offsetMinutes(new Date(lastDay * 86_400_000 + 12 * 3_600_000), timeZone);
  const nowSec =
    clock === undefined
      ? todayStart + DAY - 1
      : Math.min(
          todayStart + DAY - 1,
          Math.max(todayStart, Math.floor(clock.getTime() / 1000) + offset * 60 - firstDay * DAY),
        );

  const org = buildOrg({ subbranches, teamsPerSubbranch, managers: managerCount }, new Random(subSeed(seed, 1)));
  const managerIds = org.managers.map((m) => m.id);
  const { grids, managerGrids } = buildGrids(gridCount, managerIds, new Random(subSeed(seed, 2)));
  // The synthetic grids always carry households (buildGrids writes them).
  const households = grids.features.map((f) => f.properties.households ?? 0);

  const calendar = pilotCalendar(firstDay, lastDay);
  const isWorkingDay = workingDayTest(calendar);
  // Working days by window index, with a margin for steps that land after today (those are cut at now anyway).
  const working = Uint8Array.from({ length: days + 60 }, (_, d) => (isWorkingDay(firstDay + d) ? 1 : 0));
  const ramp = (d: number): number => 0.5 + 0.5 * Math.min(1, Math.max(0, d) / 14);

  const traitRandom = new Random(subSeed(seed, 3));
  const traits = managerSkills(managerCount, traitRandom).map((skill) => managerTraits(skill, traitRandom));
  const ctx: SimulationContext = {
    random: new Random(subSeed(seed, 4)),
    seed: subSeed(seed, 5),
    days,
    nowSec,
    isWorking: (d) => working[d] === 1 || (d >= working.length && isWorkingDay(firstDay + d)),
    ramp,
    traits,
  };

  let rampedWorkingDays = 0;
  for (let d = 0; d < days; d += 1) if (working[d] === 1) rampedWorkingDays += ramp(d);
  // Aim 5% over a requested count, then drop whole leads down to it: dropping a random lead keeps every rate intact.
  const leadsPerManagerDay =
    eventTarget === undefined
      ? LEADS_PER_MANAGER_DAY
      : (1.05 * eventTarget) / (managerCount * Math.max(rampedWorkingDays, 0.5) * EVENTS_PER_LEAD);

  const log = new EventLog();
  simulatePilot(log, ctx, leadsPerManagerDay, managerGrids, households);
  const fitRandom = new Random(subSeed(seed, 6));
  if (eventTarget !== undefined) topUp(log, ctx, eventTarget, managerGrids, households, fitRandom);
  ensureToday(log, ctx, todayStart, managerGrids, households, fitRandom);
  const dropped = eventTarget === undefined ? undefined : fitToCount(log, eventTarget, todayStart, fitRandom);

  const events = writeEvents(log, {
    firstDay,
    days,
    offset,
    managerIds,
    gridIds: grids.features.map((f) => f.properties.gridId),
    dropped,
  });

  // Targets follow the pilot's own full-activity rate per manager and working day (today excluded: it is partial).
  const countsByType = new Array<number>(LEAD_EVENT_TYPES.length).fill(0);
  for (const e of events) countsByType[TYPE[e.type]] = (countsByType[TYPE[e.type]] ?? 0) + 1;
  const managerDays = Math.max(1, managerCount * (rampedWorkingDays - (working[days - 1] === 1 ? ramp(days - 1) : 0)));
  const rate = (type: keyof typeof TYPE): number => (countsByType[TYPE[type]] ?? 0) / managerDays;
  const dailyRates = {
    assigned: rate('assigned'),
    contacted: rate('contacted'),
    conversations: rate('conversation'),
    visits: rate('visited'),
    intent: rate('intent'),
    applications: rate('applied'),
    conversions: rate('converted'),
  };
  const managersPerTeam = org.teams.map((_, t) => org.managerTeam.filter((mt) => mt === t).length);
  const targetOrgs = [
    { id: 'br-hz', managers: managerCount },
    ...org.subbranches.map((s, i) => ({
      id: s.id,
      managers: managersPerTeam.reduce((sum, n, t) => sum + (org.teamSubbranch[t] === i ? n : 0), 0),
    })),
    ...org.teams.map((t, i) => ({ id: t.id, managers: managersPerTeam[i] ?? 0 })),
  ];
  const targets = pilotTargets({ orgs: targetOrgs, firstDay, lastDay, isWorkingDay, dailyRates });
  const managersOf = (inTeam: (t: number) => boolean): string[] =>
    managerIds.filter((_, m) => inTeam(org.managerTeam[m] ?? -1));
  const balances = pilotBalances({
    managerIds,
    orgs: [
      { id: 'br-hz', managerIds },
      ...org.subbranches.map((s, i) => ({ id: s.id, managerIds: managersOf((t) => org.teamSubbranch[t] === i) })),
      ...org.teams.map((t, i) => ({ id: t.id, managerIds: managersOf((team) => team === i) })),
    ],
    firstDay,
    lastDay,
    isWorkingDay,
    random: new Random(subSeed(seed, 8)),
  });

  return {
    orgTree: org.orgTree,
    grids,
    events,
    customers: pilotCustomers(events, subSeed(seed, 7)),
    targets: [...targets, ...balances.targets],
    supplied: balances.supplied,
    calendar,
    pilot: { start: isoDate(firstDay), end: today },
    timeZone,
    today,
  };
}

/** When the requested count is above what the scaled batches gave, more leads on random past working days. */
function topUp(
  log: EventLog,
  ctx: SimulationContext,
  target: number,
  managerGrids: readonly (readonly number[])[],
  households: readonly number[],
  random: Random,
): void {
  const pastDays = Array.from({ length: ctx.days - 1 }, (_, d) => d).filter((d) => ctx.isWorking(d));
  const days = pastDays.length > 0 ? pastDays : Array.from({ length: ctx.days - 1 }, (_, d) => d);
  const managers = ctx.traits.length;
  for (let attempts = 0; log.size < target && attempts < target * 4; attempts += 1) {
    const day = days.length > 0 ? random.pick(days) : ctx.days - 1;
    const latest = day === ctx.days - 1 ? ctx.nowSec : day * DAY + 9.5 * 3600;
    const assignedSec = Math.max(
      day * DAY,
      Math.floor(Math.min(latest, day * DAY + random.range(8 * 3600, 9.5 * 3600))),
    );
    assignLead(log, ctx, random.int(0, managers - 1), assignedSec, managerGrids, households);
  }
}

/**
 * "Today" is never empty: if `now` is so early that nothing happened yet (or today is a quiet holiday), a few
 * managers check in on leads they have already contacted in the first minutes of the day, before now.
 */
function ensureToday(
  log: EventLog,
  ctx: SimulationContext,
  todayStart: number,
  managerGrids: readonly (readonly number[])[],
  households: readonly number[],
  random: Random,
): void {
  let count = 0;
  for (let i = 0; i < log.size; i += 1) if ((log.sec[i] ?? 0) >= todayStart) count += 1;
  const contacted: number[] = [];
  for (let lead = 0; lead < log.leadContact.length; lead += 1)
    if ((log.leadContact[lead] ?? -1) >= 0) contacted.push(lead);
  const window = Math.max(0, Math.min(ctx.nowSec - todayStart, 15 * 60));
  for (; count < MIN_TODAY_EVENTS; count += 1) {
    const sec = todayStart + random.int(0, window);
    if (contacted.length > 0) log.add(random.pick(contacted), sec, TYPE.followup);
    else
      assignLead(
        log,
        { ...ctx, nowSec: Math.max(ctx.nowSec, sec) },
        random.int(0, ctx.traits.length - 1),
        sec,
        managerGrids,
        households,
      );
  }
}

/**
 * Drops randomly chosen whole leads until exactly `target` events remain; leads with an event today are kept so
 * today stays busy. Dropping a random lead keeps every rate of the log as it was.
 */
function fitToCount(
  log: EventLog,
  target: number,
  todayStart: number,
  random: Random,
): { leads: Uint8Array; events: Uint8Array } {
  const leads = new Uint8Array(log.leadEvents.length);
  const events = new Uint8Array(log.size);
  const keep = new Uint8Array(log.leadEvents.length);
  for (let i = 0; i < log.size; i += 1) if ((log.sec[i] ?? 0) >= todayStart) keep[log.lead[i] ?? 0] = 1;
  let excess = log.size - target;
  if (excess <= 0) return { leads, events };
  const order = random.shuffle(Array.from({ length: leads.length }, (_, l) => l));
  for (const lead of order) {
    const count = log.leadEvents[lead] ?? 0;
    if (keep[lead] === 1 || count === 0 || count > excess) continue;
    leads[lead] = 1;
    excess -= count;
    if (excess === 0) return { leads, events };
  }
  // No whole lead fits the last gap: cut leads short instead, dropping each one's latest event. A lead cut short is
  // still causal (every step follows the step it depends on), just observed earlier.
  while (excess > 0) {
    const latest = new Map<number, number>();
    for (let i = 0; i < log.size; i += 1) {
      const lead = log.lead[i] ?? 0;
      const last = latest.get(lead);
      if (leads[lead] === 0 && events[i] === 0 && (last === undefined || (log.sec[i] ?? 0) >= (log.sec[last] ?? 0)))
        latest.set(lead, i);
    }
    if (latest.size === 0) break;
    // Today's events go last: only a count smaller than today alone holds empties today.
    const beforeToday = [...latest.values()].filter((i) => (log.sec[i] ?? 0) < todayStart);
    for (const i of random.shuffle(beforeToday.length > 0 ? beforeToday : [...latest.values()])) {
      events[i] = 1;
      excess -= 1;
      if (excess === 0) break;
    }
  }
  return { leads, events };
}

/** Sorted by time, ids renumbered in order of assignment, `at` as ISO with the bank's offset. */
function writeEvents(
  log: EventLog,
  options: {
    firstDay: number;
    days: number;
    offset: number;
    managerIds: readonly string[];
    gridIds: readonly string[];
    dropped: { leads: Uint8Array; events: Uint8Array } | undefined;
  },
): LeadEvent[] {
  const { dropped } = options;
  // Sort keys: local second in the high part, event index in the low part; one native typed-array sort, stable by index.
  let scale = 1;
  while (scale <= log.size) scale *= 2;
  const keys = new Float64Array(log.size);
  let kept = 0;
  for (let i = 0; i < log.size; i += 1) {
    if (dropped && (dropped.events[i] === 1 || dropped.leads[log.lead[i] ?? 0] === 1)) continue;
    keys[kept] = (log.sec[i] ?? 0) * scale + i;
    kept += 1;
  }
  const sorted = keys.subarray(0, kept).sort();

  const suffix = offsetSuffix(options.offset);
  const dayPrefixes = Array.from({ length: options.days }, (_, d) => `${isoDate(options.firstDay + d)}T`);
  const clock = new Array<string | undefined>(DAY);
  const two = Array.from({ length: 60 }, (_, n) => pad(n, 2));
  const leadIds = new Array<string | undefined>(log.leadManager.length);
  const customerIds = new Array<string | undefined>(log.leadManager.length);
  const leadWidth = Math.max(6, String(log.leadManager.length).length);
  let nextLead = 1;

  const events = new Array<LeadEvent>(kept);
  for (let k = 0; k < kept; k += 1) {
    const key = sorted[k] ?? 0;
    const sec = Math.floor(key / scale);
    const i = key - sec * scale;
    const day = Math.floor(sec / DAY);
    const time = sec - day * DAY;
    let hms = clock[time];
    if (hms === undefined) {
      hms = `${two[Math.floor(time / 3600)]}:${two[Math.floor(time / 60) % 60]}:${two[time % 60]}${suffix}`;
      clock[time] = hms;
    }
    const lead = log.lead[i] ?? 0;
    let leadId = leadIds[lead];
    const gridId = options.gridIds[log.leadGrid[lead] ?? 0] ?? '';
    if (leadId === undefined) {
      leadId = `l-${pad(nextLead, leadWidth)}`;
      nextLead += 1;
      leadIds[lead] = leadId;
      customerIds[lead] = `c-${gridId.slice(2)}-${pad(log.leadCustomer[lead] ?? 0, 4)}`;
    }
    const type = LEAD_EVENT_TYPES[log.type[i] ?? 0] ?? 'assigned';
    const event: LeadEvent = {
      at: (dayPrefixes[day] ?? '') + hms,
      type,
      leadId,
      managerId: options.managerIds[log.leadManager[lead] ?? 0] ?? '',
      customerId: customerIds[lead] ?? '',
      gridId,
    };
    if (type === 'converted') event.amount = log.leadAmount[lead] ?? 0;
    events[k] = event;
  }
  return events;
}
