/**
 * The checks of an alerts result (DESIGN's AlertsResult), kept apart from the checks every page loads: only
 * <stride-alerts> asks an adapter for alerts, and it registers ALERTS_RESULT_SPEC (registerResultSpec) when its
 * module loads, as the lead list and the map do with theirs.
 */
import * as v from 'valibot';
import { checkItem, idField, isRecord, items, rules, scopeSchema, type ItemCheck, type ResultSpec } from './checks.js';

const ALERT_RULES = rules({
  id: { type: 'string' },
  rule: { type: 'enum', values: ['pace', 'overdue', 'inactive'] },
  indicator: { type: 'string', optional: true },
  value: { type: 'number' },
  expected: { type: 'number' },
  severity: { type: 'number' },
  since: { type: 'nullableString', optional: true },
});
const ALERT_SUBJECT_RULES = rules({
  kind: { type: 'enum', values: ['manager', 'org'] },
  id: { type: 'string' },
  name: { type: 'string' },
});

/** An alert's flat fields, then its subject (who the alert is about: without one it cannot be shown). */
const checkAlert: ItemCheck = (item, path, findings) => {
  const checked = checkItem(item, ALERT_RULES, path, findings);
  if (checked === null || !isRecord(checked)) return null;
  const subject = checkItem(checked.subject, ALERT_SUBJECT_RULES, `${path}.subject`, findings);
  return subject === null ? null : checked;
};

export const ALERTS_RESULT_SPEC: ResultSpec = {
  schema: v.looseObject({ asOf: v.string(), scope: scopeSchema, alerts: items }),
  collections: [{ key: 'alerts', noun: ['alert', 'alerts'], check: checkAlert, idOf: idField }],
};
