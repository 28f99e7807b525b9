/**
 * Alerts (预警) from indicator rows (DESIGN "Alert"): what the kit shows when an adapter has no `alerts`, and what the
 * event-log engine and the reference server answer `alerts` with, so all three agree by construction.
 *
 * - pace: an indicator with a target is behind by the one behind rule (`paceStatus`); severity (pace - value) / pace,
 *   mirrored where less is better.
 * - overdue: the row's open overdue leads at or above the threshold; severity count / threshold.
 * - inactive (managers only): no contact, conversation or visit on the last N completed working days before asOf's
 *   day; severity idle days / N, idle days counted back to the day after `lastActionAt` (at most 92 days back).
 */
import {
  DEFAULT_CATALOGUE,
  type Alert,
  type AlertRuleId,
  type AlertsResult,
  type IndicatorDefinition,
  type IndicatorRow,
  type IndicatorsResult,
  type WorkCalendar,
} from '../contracts.js';
import { DEFAULT_TIME_ZONE, todayInZone } from '../format/index.js';
import {
  DEFAULT_ALERT_RULES,
  dayNumber,
  paceFor,
  paceStatus,
  periodProgress,
  workingCalendar,
  type AlertRules,
} from './pace.js';

export interface DeriveAlertsOptions {
  catalogue?: readonly IndicatorDefinition[];
  calendar?: WorkCalendar | undefined;
  timeZone?: string;
  rules?: AlertRules;
}

/** How far back idle days are counted when a manager has been idle a long time (or never acted). */
const IDLE_LOOKBACK_DAYS = 92;
const RULE_ORDER: Readonly<Record<AlertRuleId, number>> = { pace: 0, overdue: 1, inactive: 2 };
const DAY_MS = 86_400_000;

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The bank-zone day of an ISO date-time, or NaN. */
function dayOfInstant(at: string, timeZone: string): number {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? Number.NaN : dayNumber(todayInZone(timeZone, date));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Completed working days without action before asOf's day, and the first of them. A manager who never acted counts
 * every working day of the lookback and has no known start.
 */
export function idleWorkingDays(
  lastActionAt: string | null | undefined,
  asOf: string,
  calendar: WorkCalendar | undefined,
  timeZone: string,
): { days: number; since: string | null } {
  const today = dayOfInstant(asOf, timeZone);
  if (!Number.isFinite(today)) return { days: 0, since: null };
  const last = typeof lastActionAt === 'string' ? dayOfInstant(lastActionAt, timeZone) : Number.NaN;
  const working = workingCalendar(calendar);
  let days = 0;
  let first: number | null = null;
  for (let day = today - 1; day >= today - IDLE_LOOKBACK_DAYS && !(day <= last); day--) {
    if (!working.isWorkingDay(day)) continue;
    days++;
    first = day;
  }
  return { days, since: Number.isFinite(last) && first !== null ? isoDay(first) : null };
}

export function deriveAlerts(result: IndicatorsResult, options: DeriveAlertsOptions = {}): AlertsResult {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const rules = options.rules ?? DEFAULT_ALERT_RULES;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const share = periodProgress(result.period, result.asOf, options.calendar, timeZone).share;
  const alerts: Alert[] = [];
  const subjectOf = (row: IndicatorRow): Alert['subject'] => ({ kind: row.kind, id: row.id, name: row.name });

  for (const row of result.rows ?? []) {
    for (const definition of catalogue) {
      const value = row.values[definition.id];
      const pace = paceFor(definition, row.targets?.[definition.id], share, row.openings?.[definition.id]);
      const direction = definition.goodDirection ?? 'up';
      if (typeof value !== 'number' || paceStatus(value, pace, definition.unit, direction, rules) !== 'behind')
        continue;
      const expected = pace!;
      const worse = direction === 'down' ? value - expected : expected - value;
      alerts.push({
        id: `${row.id}:pace:${definition.id}`,
        subject: subjectOf(row),
        rule: 'pace',
        indicator: definition.id,
        value,
        expected: definition.unit === 'fraction' ? expected : round2(expected),
        severity: worse / expected,
        since: null,
      });
    }
    const overdue = row.overdue;
    if (typeof overdue === 'number' && rules.overdueThreshold > 0 && overdue >= rules.overdueThreshold) {
      alerts.push({
        id: `${row.id}:overdue`,
        subject: subjectOf(row),
        rule: 'overdue',
        value: overdue,
        expected: rules.overdueThreshold,
        severity: overdue / rules.overdueThreshold,
        since: null,
      });
    }
    // a row without lastActionAt (an adapter that does not send it) says nothing about activity
    if (row.kind === 'manager' && row.lastActionAt !== undefined && rules.inactiveDays > 0) {
      const idle = idleWorkingDays(row.lastActionAt, result.asOf, options.calendar, timeZone);
      if (idle.days >= rules.inactiveDays) {
        alerts.push({
          id: `${row.id}:inactive`,
          subject: subjectOf(row),
          rule: 'inactive',
          value: idle.days,
          expected: rules.inactiveDays,
          severity: idle.days / rules.inactiveDays,
          since: idle.since,
        });
      }
    }
  }
  // stable: equal severities keep row order, then catalogue order
  alerts.sort((a, b) => RULE_ORDER[a.rule] - RULE_ORDER[b.rule] || b.severity - a.severity);
  return { asOf: result.asOf, scope: result.scope, alerts };
}
