import { LEAD_EVENT_TYPES } from '../../packages/core/src/contracts.js';
import { Random } from './random.js';
import { SECONDS_PER_DAY } from './time.js';

/**
 * The lead lifecycle simulation. Each lead is assigned in a head-office batch on a working day and then, with
 * probabilities that depend on its manager's skill and on how far the pilot has ramped up, is claimed, contacted,
 * followed up, talked to, visited, logged, and may become an intent, an application and a conversion. Every step
 * happens after the step it depends on, and steps that land after `now` are not recorded yet (the lead is in
 * progress), so the log is causal and ends exactly at now.
 *
 * Instants are local seconds since 00:00 of the first pilot day; events are kept in parallel number arrays (not
 * objects) so a bank-scale run of a million events stays fast and small until it is written out.
 */

export const TYPE = Object.fromEntries(LEAD_EVENT_TYPES.map((type, index) => [type, index])) as Record<
  (typeof LEAD_EVENT_TYPES)[number],
  number
>;

const HOUR = 3600;
const DAY = SECONDS_PER_DAY;

/** Per-manager behaviour: strong and weak performers differ in every step they control. */
interface ManagerTraits {
  claim: number;
  claimPrompt: number;
  contact: number;
  contactDelayHours: number;
  followup: number;
  timelyFollowup: number;
  log: number;
  intent: number;
  conversations: number;
  visits: number;
  /** Head office pushes roughly even lists; a little variation per manager. */
  volume: number;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export function managerTraits(skill: number, random: Random): ManagerTraits {
  const d = skill - 1;
  return {
    claim: clamp(0.93 + 0.1 * d, 0.75, 0.99),
    claimPrompt: clamp(0.87 + 0.25 * d, 0.55, 0.98),
    contact: clamp(0.88 + 0.15 * d, 0.7, 0.98),
    contactDelayHours: 20 / skill,
    followup: clamp(0.9 + 0.1 * d, 0.75, 0.98),
    timelyFollowup: clamp(0.78 + 0.35 * d, 0.4, 0.97),
    log: clamp(0.87 + 0.2 * d, 0.6, 0.98),
    intent: clamp(0.26 * (1 + 0.6 * d), 0.08, 0.45),
    conversations: 1.1 * skill,
    visits: 0.4 * skill,
    volume: random.range(0.85, 1.15),
  };
}

/**
 * Skills around 1 (0.5 weakest, 1.5 strongest), with at least one clear star and one clear laggard so leaderboards
 * and the 一人一表 table always have both ends.
 */
export function managerSkills(count: number, random: Random): number[] {
  const skills = Array.from({ length: count }, () => clamp(1 + 0.22 * random.normal(), 0.5, 1.5));
  if (count >= 2) {
    const [star, laggard] = random.shuffle(Array.from({ length: count }, (_, i) => i));
    skills[star ?? 0] = 1.45;
    skills[laggard ?? 1] = 0.55;
  }
  return skills;
}

export interface SimulationContext {
  /** The batch stream: list sizes, push times, which of a manager's grids a lead comes from. */
  random: Random;
  /** Seed of the per-lead streams. */
  seed: number;
  /** Days in the pilot window; day index `days - 1` is today. */
  days: number;
  /** Local seconds since the first day's midnight; nothing after it is recorded. */
  nowSec: number;
  /** Working day by day index into the window (and beyond it, for steps that land after today). */
  isWorking: (dayIndex: number) => boolean;
  /** Share of full activity on a day: the first two weeks ramp up as managers adopt the process. */
  ramp: (dayIndex: number) => number;
  traits: ManagerTraits[];
}

export class EventLog {
  readonly sec: number[] = [];
  readonly type: number[] = [];
  readonly lead: number[] = [];
  readonly leadManager: number[] = [];
  readonly leadGrid: number[] = [];
  readonly leadCustomer: number[] = [];
  /** Converted amount in CNY per lead (0 when not converted). */
  readonly leadAmount: number[] = [];
  /** Events recorded per lead, to drop whole leads when fitting a requested event count. */
  readonly leadEvents: number[] = [];
  /** Local seconds of the lead's first contact, or -1. */
  readonly leadContact: number[] = [];

  get size(): number {
    return this.sec.length;
  }

  addLead(manager: number, grid: number, customer: number): number {
    this.leadManager.push(manager);
    this.leadGrid.push(grid);
    this.leadCustomer.push(customer);
    this.leadAmount.push(0);
    this.leadEvents.push(0);
    this.leadContact.push(-1);
    return this.leadManager.length - 1;
  }

  add(lead: number, sec: number, type: number): void {
    this.sec.push(sec);
    this.type.push(type);
    this.lead.push(lead);
    this.leadEvents[lead] = (this.leadEvents[lead] ?? 0) + 1;
  }
}

/**
 * Moves a step into office hours: nothing before 08:00, most work after 19:00 waits for the next morning, and most
 * work that would land on a weekend or holiday waits for the next working day. Always moves forwards, never back.
 */
function officeHours(sec: number, ctx: SimulationContext, random: Random): number {
  let day = Math.floor(sec / DAY);
  let time = sec - day * DAY;
  if (time < 8 * HOUR) time = random.range(8 * HOUR, 10 * HOUR);
  else if (time > 19 * HOUR && random.chance(0.85)) {
    day += 1;
    time = random.range(8 * HOUR, 10.5 * HOUR);
  }
  if (!ctx.isWorking(day) && random.chance(0.8)) {
    let next = day + 1;
    while (!ctx.isWorking(next) && next < day + 14) next += 1;
    day = next;
    time = random.range(8.5 * HOUR, 11 * HOUR);
  }
  return Math.floor(day * DAY + time);
}

/** One lead from its assignment at `assignedSec` on. Returns the lead index. */
export function simulateLead(
  log: EventLog,
  ctx: SimulationContext,
  manager: number,
  grid: number,
  households: number,
  assignedSec: number,
): number {
  const { nowSec } = ctx;
  const traits = ctx.traits[manager];
  const lead = log.addLead(manager, grid, 0);
  // Each lead draws from its own stream, so its history does not change when \`now\` moves on and cuts other leads
  // shorter: regenerating later in the day adds to today and leaves yesterday as it was.
  const random = new Random(ctx.seed ^ Math.imul(lead + 1, 0x85ebca6b));
  log.leadCustomer[lead] = random.int(1, households);
  const emit = (sec: number, type: number): boolean => {
    if (sec > nowSec) return false;
    log.add(lead, sec, type);
    return true;
  };
  if (!traits || !emit(assignedSec, TYPE.assigned)) return lead;
  const ramp = ctx.ramp(Math.floor(assignedSec / DAY));

  // Claimed (认领): mostly within the 24 h window, some late, some never.
  if (!random.chance(traits.claim * (0.9 + 0.1 * ramp))) return lead;
  const prompt = random.chance(traits.claimPrompt * (0.85 + 0.15 * ramp));
  const claimedSec = officeHours(
    assignedSec +
      (prompt ? Math.min(random.exponential(3 * HOUR), 18 * HOUR) : 25 * HOUR + random.exponential(40 * HOUR)),
    ctx,
    random,
  );
  if (!emit(claimedSec, TYPE.claimed)) return lead;

  // A logged outcome (留痕) after a contact, conversation or visit: mostly within 24 h, sometimes late or never.
  const logProbability = traits.log * (0.8 + 0.2 * ramp);
  const logAfter = (sec: number): void => {
    if (!random.chance(logProbability)) return;
    const delay = random.chance(0.92)
      ? Math.min(random.exponential(2 * HOUR), 14 * HOUR)
      : random.range(26 * HOUR, 72 * HOUR);
    emit(officeHours(sec + delay, ctx, random), TYPE.logged);
  };

  if (!random.chance(traits.contact)) return lead;
  const contactedSec = officeHours(
    claimedSec + 0.5 * HOUR + random.exponential(traits.contactDelayHours * HOUR),
    ctx,
    random,
  );
  if (!emit(contactedSec, TYPE.contacted)) return lead;
  log.leadContact[lead] = contactedSec;
  logAfter(contactedSec);

  // The first follow-up decides 跟进及时率: within the 3-day SLA for most, beyond it for some.
  let sec = contactedSec;
  const touches: number[] = [];
  if (random.chance(traits.followup)) {
    const delay = random.chance(traits.timelyFollowup)
      ? random.range(0.2 * DAY, 2.8 * DAY)
      : random.range(3.2 * DAY, 9 * DAY);
    const roll = random.next();
    touches.push(roll < 0.5 ? TYPE.followup : roll < 0.85 ? TYPE.conversation : TYPE.visited);
    for (let n = random.poisson(traits.conversations); n > 0; n -= 1) touches.push(TYPE.conversation);
    for (let n = random.poisson(traits.visits); n > 0; n -= 1) touches.push(TYPE.visited);
    for (let n = random.poisson(0.4); n > 0; n -= 1) touches.push(TYPE.followup);
    const first = touches[0] ?? TYPE.followup;
    const rest = random.shuffle(touches.slice(1));
    sec = officeHours(sec + delay, ctx, random);
    for (const [index, type] of [first, ...rest].entries()) {
      if (index > 0) sec = officeHours(sec + 0.1 * DAY + random.exponential(2.5 * DAY), ctx, random);
      // No early exit once past now: the intent draws below must come from the same place in the lead's stream
      // whatever the time, or a later \`now\` would rewrite this lead's past.
      emit(sec, type);
      if (type !== TYPE.followup) logAfter(sec);
    }
  }

  // Intent (意向) in about one lead in six, then an application for about half, a conversion for half of those.
  if (!random.chance(traits.intent)) return lead;
  const intentSec = officeHours(contactedSec + 0.5 * DAY + random.exponential(4 * DAY), ctx, random);
  if (!emit(intentSec, TYPE.intent) || !random.chance(0.5)) return lead;
  const appliedSec = officeHours(intentSec + 0.5 * DAY + random.exponential(3 * DAY), ctx, random);
  if (!emit(appliedSec, TYPE.applied) || !random.chance(0.5)) return lead;
  const convertedSec = officeHours(appliedSec + DAY + random.exponential(5 * DAY), ctx, random);
  // Log-uniform between 5,000 and 500,000 CNY: many small loans and deposits, a few large ones.
  log.leadAmount[lead] = Math.round(5000 * Math.pow(100, random.next()) * 100) / 100;
  emit(convertedSec, TYPE.converted);
  return lead;
}

/** Head-office batches: every working day, each manager gets a Poisson-sized list in the morning push. */
export function simulatePilot(
  log: EventLog,
  ctx: SimulationContext,
  leadsPerManagerDay: number,
  managerGrids: readonly (readonly number[])[],
  households: readonly number[],
): void {
  const { random } = ctx;
  for (let day = 0; day < ctx.days; day += 1) {
    if (!ctx.isWorking(day)) continue;
    const batchSec = day * DAY + Math.floor(random.range(8 * HOUR, 9.5 * HOUR));
    const ramp = ctx.ramp(day);
    ctx.traits.forEach((traits, manager) => {
      const count = random.poisson(leadsPerManagerDay * traits.volume * ramp);
      for (let n = 0; n < count; n += 1)
        assignLead(log, ctx, manager, batchSec + random.int(0, 90), managerGrids, households);
    });
  }
}

export function assignLead(
  log: EventLog,
  ctx: SimulationContext,
  manager: number,
  assignedSec: number,
  managerGrids: readonly (readonly number[])[],
  households: readonly number[],
): number {
  // Most of a manager's leads come from their main grid; the rest from their other grids.
  const grids = managerGrids[manager] ?? [];
  const grid = grids.length > 1 && ctx.random.chance(0.4) ? ctx.random.pick(grids.slice(1)) : (grids[0] ?? 0);
  return simulateLead(log, ctx, manager, grid, households[grid] ?? 500, assignedSec);
}
