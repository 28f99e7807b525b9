/**
 * The invariants of DESIGN's Definitions, as pure functions over one validated result each. Every function reports
 * each thing it looked at through `note`: null when it holds, else the field path and what is wrong.
 */
import {
  ALERT_RULE_IDS,
  FUNNEL_STAGES,
  type Alert,
  type IndicatorRows,
  type CoverageCell,
  type FunnelStage,
  type IndicatorDefinition,
  type IndicatorUnit,
  type IndicatorRow,
  type IndicatorValue,
  type LeaderboardEntry,
  type Scope,
} from '../../core/src/contracts.js';
import type { CheckId } from './types.js';

export interface Problem {
  path?: string;
  message: string;
}
export type Note = (check: CheckId, problem: Problem | null) => void;

/** ISO 8601 with an explicit offset: a bare local time would be read in the viewer's zone, not the bank's. */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Servers and the machine running the check rarely agree to the second. */
const CLOCK_SKEW_MS = 60_000;

/** asOf = min(now, end of `date`): it parses, it is on or before `date` in its own offset, and not in the future. */
export function checkAsOf(asOf: string, date: string, now: Date, note: Note): void {
  const match = ISO_DATE_TIME.exec(asOf);
  const time = Date.parse(asOf);
  if (!match || !Number.isFinite(time)) {
    note('as-of', {
      path: 'asOf',
      message: `asOf ${JSON.stringify(asOf)} is not an ISO 8601 date-time with an offset`,
    });
    return;
  }
  if (match[1]! > date) {
    note('as-of', { path: 'asOf', message: `asOf ${asOf} is after the end of date ${date}` });
    return;
  }
  if (time > now.getTime() + CLOCK_SKEW_MS) {
    note('as-of', { path: 'asOf', message: `asOf ${asOf} is in the future (now is ${now.toISOString()})` });
    return;
  }
  note('as-of', null);
}

/** The result answers the question asked: a cache keyed by scope would otherwise show one org's numbers for another. */
export function checkScopeEcho(answered: Scope, asked: Scope, note: Note): void {
  for (const key of ['org', 'manager', 'period', 'date'] as const) {
    if (answered[key] !== asked[key]) {
      note('scope', {
        path: `scope.${key}`,
        message: `scope.${key} is ${JSON.stringify(answered[key]) ?? 'missing'}, the query asked for ${JSON.stringify(asked[key]) ?? 'none'}`,
      });
      return;
    }
  }
  note('scope', null);
}

export function checkPeriod(period: { start: string; end: string }, date: string, note: Note): void {
  if (!(period.start <= date && date <= period.end)) {
    note('scope', { path: 'period', message: `period ${period.start}..${period.end} does not contain date ${date}` });
    return;
  }
  note('scope', null);
}

/**
 * Alerts (DESIGN "Alert"): one per rule and subject with the id `<subjectId>:<rule>:<indicator?>`, an indicator on
 * pace alerts only, inactive for managers only, managers' rows hold managers, each alert past its line (overdue and
 * inactive at or above the threshold, severity their ratio; pace severity above 0), `since` a date not after `date`,
 * ordered by rule then severity, most severe first.
 */
export function checkAlerts(alerts: readonly Alert[], rows: IndicatorRows, date: string, note: Note): void {
  const seen = new Set<string>();
  let previous: Alert | undefined;
  for (const [i, alert] of alerts.entries()) {
    const path = `alerts[${i}]`;
    const expectedId = `${alert.subject.id}:${alert.rule}${alert.rule === 'pace' ? `:${alert.indicator ?? ''}` : ''}`;
    const rank = ALERT_RULE_IDS.indexOf(alert.rule);
    const previousRank = previous ? ALERT_RULE_IDS.indexOf(previous.rule) : -1;
    let problem: Problem | null = null;
    if (alert.id !== expectedId) problem = { path: `${path}.id`, message: `id ${alert.id} should be ${expectedId}` };
    else if (seen.has(alert.id)) problem = { path: `${path}.id`, message: `${alert.id} appears twice` };
    else if ((alert.rule === 'pace') !== (alert.indicator !== undefined)) {
      problem = {
        path: `${path}.indicator`,
        message: `a ${alert.rule} alert ${alert.indicator ? 'has' : 'lacks'} an indicator`,
      };
    } else if (alert.rule === 'inactive' && alert.subject.kind !== 'manager') {
      problem = { path: `${path}.subject.kind`, message: 'only managers can be inactive' };
    } else if (rows === 'managers' && alert.subject.kind !== 'manager') {
      problem = { path: `${path}.subject.kind`, message: 'rows=managers asked for managers, got an org' };
    } else if (!(alert.severity > 0) || !Number.isFinite(alert.severity)) {
      problem = { path: `${path}.severity`, message: `severity ${alert.severity} is not above 0` };
    } else if (
      alert.rule !== 'pace' &&
      (alert.value < alert.expected || Math.abs(alert.severity - alert.value / alert.expected) > 1e-6)
    ) {
      problem = {
        path: `${path}.severity`,
        message: `${alert.rule}: value ${alert.value} against threshold ${alert.expected} gives severity ${alert.severity}`,
      };
    } else if (alert.since !== null && !(/^\d{4}-\d{2}-\d{2}$/.test(alert.since) && alert.since <= date)) {
      problem = { path: `${path}.since`, message: `since ${alert.since} is not a date on or before ${date}` };
    } else if (rank < previousRank || (rank === previousRank && alert.severity > previous!.severity + 1e-9)) {
      problem = {
        path,
        message: `${alert.id} comes after ${previous!.id}: order is by rule, then severity descending`,
      };
    }
    note('alerts', problem);
    seen.add(alert.id);
    previous = alert;
  }
}

/** The seven stages in order; a lead counts in every stage up to its furthest, so counts never rise. */
export function checkFunnel(stages: readonly FunnelStage[], note: Note): void {
  const ids = stages.map((stage) => stage.id);
  if (ids.join() !== FUNNEL_STAGES.join()) {
    note('funnel', {
      path: 'stages',
      message: `stages are ${ids.join(', ') || 'empty'}; expected ${FUNNEL_STAGES.join(', ')}`,
    });
    return;
  }
  for (let s = 0; s < stages.length; s += 1) {
    const stage = stages[s]!;
    const path = `stages[${s}]`;
    if (!Number.isInteger(stage.count) || stage.count < 0) {
      note('funnel', { path: `${path}.count`, message: `${stage.id} count ${stage.count} is not a whole number ≥ 0` });
      continue;
    }
    const before = stages[s - 1];
    if (before && stage.count > before.count) {
      note('funnel', {
        path: `${path}.count`,
        message: `funnel rises: ${stage.id} ${stage.count} > ${before.id} ${before.count} (a lead counts in every stage up to its furthest)`,
      });
      continue;
    }
    if (stage.overdue !== undefined && (stage.overdue < 0 || stage.overdue > stage.count)) {
      note('funnel', {
        path: `${path}.overdue`,
        message: `${stage.id} overdue ${stage.overdue} is outside 0..count ${stage.count}`,
      });
      continue;
    }
    note('funnel', null);
  }
}

export function checkCoverage(cells: readonly CoverageCell[], note: Note): void {
  cells.forEach((cell, index) => {
    const path = `cells[${index}]`;
    if (cell.households < 0 || cell.covered < 0) {
      note('coverage', {
        path,
        message: `grid ${cell.gridId}: households ${cell.households} and covered ${cell.covered} must be ≥ 0`,
      });
    } else if (cell.covered > cell.households) {
      note('coverage', {
        path: `${path}.covered`,
        message: `grid ${cell.gridId}: covered ${cell.covered} exceeds households ${cell.households} (coverage over 100%)`,
      });
    } else {
      note('coverage', null);
    }
  });
}

export type UnitOf = (id: string) => IndicatorUnit | undefined;

export function unitLookup(catalogue: readonly IndicatorDefinition[]): UnitOf {
  const units = new Map(catalogue.map((definition) => [definition.id, definition.unit]));
  return (id) => (id === 'points' ? 'count' : units.get(id));
}

/** A fraction lies in 0-1 (never a percentage); a count is a whole number ≥ 0. Null is "no value" and always fine. */
function rangeProblem(
  unit: IndicatorUnit | undefined,
  value: number | null | undefined,
  path: string,
  id: string,
): Problem | null {
  if (value === null || value === undefined || unit === undefined) return null;
  if (unit === 'fraction' && (value < 0 || value > 1)) {
    return { path, message: `${id} is a fraction but ${path} is ${value} (fractions lie in 0-1, not percent)` };
  }
  if (unit === 'count' && (value < 0 || !Number.isInteger(value))) {
    return { path, message: `${id} is a count but ${path} is ${value} (expected a whole number ≥ 0)` };
  }
  return null;
}

function targetProblem(value: number | null | undefined, path: string): Problem | null {
  return value !== null && value !== undefined && value < 0
    ? { path, message: `${path} is ${value}: targets are never negative` }
    : null;
}

export function checkIndicatorValues(
  indicators: readonly IndicatorValue[],
  rows: readonly IndicatorRow[] | undefined,
  unitOf: UnitOf,
  note: Note,
): void {
  indicators.forEach((indicator, index) => {
    const unit = unitOf(indicator.id);
    const base = `indicators[${index}]`;
    note('ranges', rangeProblem(unit, indicator.value, `${base}.value`, indicator.id));
    if (indicator.previous !== undefined)
      note('ranges', rangeProblem(unit, indicator.previous, `${base}.previous`, indicator.id));
    const trendProblem = (indicator.trend ?? [])
      .map((point, t) => rangeProblem(unit, point.value, `${base}.trend[${t}].value`, indicator.id))
      .find((problem) => problem !== null);
    if (indicator.trend) note('ranges', trendProblem ?? null);
    if (indicator.target !== undefined) {
      note(
        'targets',
        targetProblem(indicator.target, `${base}.target`) ??
          rangeProblem(unit === 'fraction' ? unit : undefined, indicator.target, `${base}.target`, indicator.id),
      );
    }
    if (indicator.amount !== undefined)
      note(
        'ranges',
        indicator.amount !== null && indicator.amount < 0
          ? { path: `${base}.amount`, message: `${base}.amount is ${indicator.amount}: amounts are never negative` }
          : null,
      );
  });
  (rows ?? []).forEach((row, index) => {
    const base = `rows[${index}]`;
    for (const [id, value] of Object.entries(row.values))
      note('ranges', rangeProblem(unitOf(id), value, `${base}.values.${id}`, id));
    for (const [id, value] of Object.entries(row.targets ?? {}))
      note('targets', targetProblem(value, `${base}.targets.${id}`));
  });
}

export function checkEntries(entries: readonly LeaderboardEntry[], metric: string, unitOf: UnitOf, note: Note): void {
  const unit = unitOf(metric);
  entries.forEach((entry, index) => {
    const base = `entries[${index}]`;
    note(
      'ranges',
      rangeProblem(unit, entry.value, `${base}.value`, metric) ??
        rangeProblem(unit, entry.previousValue, `${base}.previousValue`, metric),
    );
    if (entry.target !== undefined) note('targets', targetProblem(entry.target, `${base}.target`));
  });
}

/** Org values are sums of their managers' counts (DESIGN "Definitions"); amounts are CNY to the cent. */
function sumsAgree(total: number, parts: readonly number[], id: string): boolean {
  const sum = parts.reduce((a, b) => a + b, 0);
  return (
    Math.abs(sum - total) <= (id === 'amount' ? 0.005 * Math.max(1, parts.length) : 1e-9 * Math.max(1, Math.abs(total)))
  );
}

/**
 * With `rows=managers`, the rows are every manager under the org: each count indicator of the org is the sum of its
 * managers' values. A null anywhere means "unknown", which cannot be summed, so that indicator is left out.
 */
export function checkRowSums(
  indicators: readonly IndicatorValue[],
  rows: readonly IndicatorRow[],
  unitOf: UnitOf,
  note: Note,
): void {
  if (rows.length === 0) return;
  indicators.forEach((indicator, index) => {
    if (unitOf(indicator.id) !== 'count' || indicator.value === null) return;
    const parts = rows.map((row) => row.values[indicator.id]);
    if (parts.some((part) => part === null || part === undefined)) return;
    const numbers = parts as number[];
    if (sumsAgree(indicator.value, numbers, indicator.id)) {
      note('sums', null);
      return;
    }
    note('sums', {
      path: `indicators[${index}].value`,
      message: `${indicator.id}: the org's ${indicator.value} ≠ ${numbers.reduce((a, b) => a + b, 0)}, the sum of its ${rows.length} managers' rows`,
    });
  });
}

/** The managers' leaderboard of a count metric sums to the org's indicator value for the same scope. */
export function checkBoardSum(
  orgValue: number | null,
  entries: readonly LeaderboardEntry[],
  metric: string,
  note: Note,
): void {
  if (orgValue === null || entries.some((entry) => entry.value === null)) return;
  const values = entries.map((entry) => entry.value as number);
  if (sumsAgree(orgValue, values, metric)) {
    note('sums', null);
    return;
  }
  note('sums', {
    path: 'entries',
    message: `${metric}: the managers' board sums to ${values.reduce((a, b) => a + b, 0)} but the org's indicator is ${orgValue}`,
  });
}

/** Stack traces in an error body tell an attacker the stack and tell the user nothing. */
const STACK_TRACE = [
  /\bat\s[^\n]*?[\w./\\-]+\.(?:[cm]?js|ts|jsx|tsx):\d+(?::\d+)?/, // Node, V8
  /Traceback \(most recent call last\)/, // Python
  /\bat [\w$.]+\([\w$]+\.java:\d+\)/, // JVM
  /\bat [\w.]+\(.*\) in .*:line \d+/, // .NET
  /Exception in thread "/,
];

export function looksLikeStackTrace(text: string): boolean {
  return STACK_TRACE.some((pattern) => pattern.test(text));
}
