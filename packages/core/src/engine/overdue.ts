/**
 * Where a lead stands at asOf, and "open overdue" (DESIGN Definitions): leads assigned by asOf, not converted, whose
 * current stage's SLA has passed, whatever period assigned them. The funnel places its cohort with the same
 * `enterStages`, so a stage's overdue there and here differ only in which leads are looked at.
 */
import { FUNNEL_STAGES, type FunnelStageId } from '../contracts.js';
import { T, TYPE_COUNT, type LogIndex } from './log-index.js';
import { upperBound } from './series.js';
import { DAY_MS, HOUR_MS } from './time.js';

/**
 * Fills `entered[s]` with the time the lead entered funnel stage s by asOf (its first event of that stage; Infinity
 * when not entered by asOf) and returns its furthest stage. `conversation`, `followup` and `logged` belong to
 * contacted. The lead's first `assigned` is stage 0.
 */
export function enterStages(ix: LogIndex, lead: number, asOf: number, entered: Float64Array): number {
  const ft = ix.firstTime;
  const base = lead * TYPE_COUNT;
  const at = (time: number): number => (time <= asOf ? time : Infinity);
  entered[0] = ft[base + T.assigned]!;
  entered[1] = at(ft[base + T.claimed]!);
  entered[2] = Math.min(
    at(ft[base + T.contacted]!),
    at(ft[base + T.conversation]!),
    at(ft[base + T.followup]!),
    at(ft[base + T.logged]!),
  );
  entered[3] = at(ft[base + T.visited]!);
  entered[4] = at(ft[base + T.intent]!);
  entered[5] = at(ft[base + T.applied]!);
  entered[6] = at(ft[base + T.converted]!);
  let furthest = 0;
  for (let s = 1; s < FUNNEL_STAGES.length; s++) if (entered[s] !== Infinity) furthest = s;
  return furthest;
}

/** Each funnel stage's SLA in ms, undefined for a stage without one (assigned, converted). */
export function stageSlaMs(ix: LogIndex): (number | undefined)[] {
  return FUNNEL_STAGES.map((id) => {
    const days = ix.sla.stageDays[id];
    return typeof days === 'number' ? days * DAY_MS : undefined;
  });
}

/** One open overdue lead at asOf. */
export interface OpenOverdueLead {
  /** The lead's number in the index (`ix.leadIds[lead]` is its id). */
  lead: number;
  leadId: string;
  /** The manager of the lead's first `assigned` event: the one it is overdue for. */
  managerId: string;
  stage: FunnelStageId;
  /** Epoch ms the lead entered its current stage. */
  enteredAt: number;
  /** Hours past the stage's SLA at asOf (> 0). */
  overdueHours: number;
}

/**
 * The open overdue leads of managers [mLo, mHi) at asOf, manager by manager, in order of assignment within a
 * manager. A lead belongs to the manager of its first `assigned` event (as in the funnel's cohort).
 */
export function openOverdueLeads(ix: LogIndex, range: { mLo: number; mHi: number }, asOf: number): OpenOverdueLead[] {
  const found: OpenOverdueLead[] = [];
  visitOpenOverdue(ix, range, asOf, (lead, m, stage, enteredAt, slaMs) => {
    found.push({
      lead,
      leadId: ix.leadIds[lead]!,
      managerId: ix.managerIds[m]!,
      stage: FUNNEL_STAGES[stage]!,
      enteredAt,
      overdueHours: Math.round(((asOf - enteredAt - slaMs) / HOUR_MS) * 100) / 100,
    });
  });
  return found;
}

/** How many leads of managers [mLo, mHi) are open overdue at asOf (a row's `overdue`, the overdue alert). */
export function countOpenOverdue(ix: LogIndex, range: { mLo: number; mHi: number }, asOf: number): number {
  let count = 0;
  visitOpenOverdue(ix, range, asOf, () => count++);
  return count;
}

function visitOpenOverdue(
  ix: LogIndex,
  range: { mLo: number; mHi: number },
  asOf: number,
  visit: (lead: number, manager: number, stage: number, enteredAt: number, slaMs: number) => void,
): void {
  const series = ix.assigned;
  const slaMs = stageSlaMs(ix);
  const entered = new Float64Array(FUNNEL_STAGES.length);
  for (let m = range.mLo; m < range.mHi; m++) {
    const lo = series.offsets[m]!;
    const hi = upperBound(series.time, lo, series.offsets[m + 1]!, asOf);
    for (let k = lo; k < hi; k++) {
      const lead = series.lead[k]!;
      const stage = enterStages(ix, lead, asOf, entered);
      const sla = slaMs[stage];
      // converted (the last stage) has no SLA: a converted lead is never open
      if (sla !== undefined && asOf - entered[stage]! > sla) visit(lead, m, stage, entered[stage]!, sla);
    }
  }
}

/**
 * The latest `contacted`, `conversation` or `visited` event of managers [mLo, mHi) at or before asOf, any period;
 * null when there is none. The inactive alert reads idle days from it.
 */
export function lastActionTime(ix: LogIndex, range: { mLo: number; mHi: number }, asOf: number): number | null {
  const series = ix.action;
  let last = -Infinity;
  for (let m = range.mLo; m < range.mHi; m++) {
    const lo = series.offsets[m]!;
    const b = upperBound(series.time, lo, series.offsets[m + 1]!, asOf);
    if (b > lo && series.time[b - 1]! > last) last = series.time[b - 1]!;
  }
  return last === -Infinity ? null : last;
}
