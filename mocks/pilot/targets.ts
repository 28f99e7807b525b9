import type { PeriodKind, Target } from '../../packages/core/src/contracts.js';
import { isoDate, mondayOf } from './time.js';

const MS_PER_DAY = 86_400_000;

/** Targets for fraction indicators: the same bar for every org and period. */
export const FRACTION_TARGETS: Readonly<Record<string, number>> = {
  claim_rate: 0.9,
  followup_rate: 0.8,
  logged_rate: 0.85,
};

/**
 * Before the pilot (DESIGN "Baseline"): what each org did in a period of the same kind, as a share of the pilot's
 * own rate for counts, and as the rate itself for fractions. Lists were pushed before too; working them was rare
 * (the bank material: intent "more than ten times before"), and outcomes were seldom logged.
 */
export const BASELINE_SHARES: Readonly<Record<string, number>> = {
  assigned: 0.9,
  contacted: 0.45,
  conversations: 0.35,
  visits: 0.25,
  intent: 0.09,
  applications: 0.12,
  conversions: 0.18,
};
export const FRACTION_BASELINES: Readonly<Record<string, number>> = {
  claim_rate: 0.55,
  followup_rate: 0.42,
  logged_rate: 0.31,
};

export interface TargetOrg {
  id: string;
  managers: number;
}

interface Period {
  kind: PeriodKind;
  start: number;
  end: number;
}

/** Every month, week and working day the pilot window touches (each period whole, as targets are set per period). */
function pilotPeriods(firstDay: number, lastDay: number, isWorkingDay: (day: number) => boolean): Period[] {
  const periods: Period[] = [];
  const first = new Date(firstDay * MS_PER_DAY);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m += 1) {
    const start = Date.UTC(y, m, 1) / MS_PER_DAY;
    if (start > lastDay) break;
    periods.push({ kind: 'month', start, end: Date.UTC(y, m + 1, 1) / MS_PER_DAY - 1 });
  }
  for (let monday = mondayOf(firstDay); monday <= lastDay; monday += 7)
    periods.push({ kind: 'week', start: monday, end: monday + 6 });
  for (let day = firstDay; day <= lastDay; day += 1)
    if (isWorkingDay(day)) periods.push({ kind: 'day', start: day, end: day });
  return periods;
}

/**
 * Month, week and day targets per indicator for the branch, its sub-branches and teams. Count targets are the
 * pilot's own realised rate per manager and working day, times the org's managers and the period's working days,
 * stretched by 10%: reachable for strong teams, missed by weak ones, as real targets are. Each row carries the
 * org's baseline for that period (BASELINE_SHARES).
 */
export function pilotTargets(options: {
  orgs: readonly TargetOrg[];
  firstDay: number;
  lastDay: number;
  isWorkingDay: (day: number) => boolean;
  /** Count indicator id -> events per manager per working day at full activity. */
  dailyRates: Readonly<Record<string, number>>;
}): Target[] {
  const { orgs, isWorkingDay, dailyRates } = options;
  const targets: Target[] = [];
  for (const period of pilotPeriods(options.firstDay, options.lastDay, isWorkingDay)) {
    let workingDays = 0;
    for (let day = period.start; day <= period.end; day += 1) if (isWorkingDay(day)) workingDays += 1;
    const start = isoDate(period.start);
    for (const org of orgs) {
      const add = (indicator: string, target: number, baseline: number | undefined): void => {
        const row: Target = { org: org.id, indicator, period: period.kind, start, target };
        if (baseline !== undefined) row.baseline = baseline;
        targets.push(row);
      };
      for (const [indicator, rate] of Object.entries(dailyRates)) {
        const share = BASELINE_SHARES[indicator];
        add(
          indicator,
          Math.max(1, Math.round(rate * org.managers * workingDays * 1.1)),
          share === undefined ? undefined : Math.round(rate * org.managers * workingDays * share),
        );
      }
      for (const [indicator, target] of Object.entries(FRACTION_TARGETS))
        add(indicator, target, FRACTION_BASELINES[indicator]);
    }
  }
  return targets;
}
