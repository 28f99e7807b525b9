/**
 * The checks of a lead list result (LeadsResult), kept apart from the other methods' checks: the lead list is a
 * further element, loaded on first use, and a page without it never loads these. `<stride-leads>` registers them
 * (registerResultSpec) when its module loads; anything else that checks leads results does the same.
 */
import * as v from 'valibot';
import { FUNNEL_STAGES, LEAD_EVENT_TYPES } from '../contracts.js';
import {
  NULLABLE_NUMBER,
  byRules,
  describeValue,
  isRecord,
  items,
  rules,
  scopeSchema,
  type ResultSpec,
} from './checks.js';

const LEAD_ROW_RULES = rules({
  leadId: { type: 'string' },
  customer: { type: 'string' },
  phone: { type: 'string', optional: true },
  masked: { type: 'boolean' },
  managerId: { type: 'string' },
  managerName: { type: 'string', optional: true },
  gridId: { type: 'string', optional: true },
  stage: { type: 'enum', values: FUNNEL_STAGES },
  enteredAt: { type: 'string' },
  overdueHours: NULLABLE_NUMBER,
  counted: { type: 'boolean', optional: true },
  eventAt: { type: 'string', optional: true },
  eventType: { type: 'enum', values: LEAD_EVENT_TYPES, optional: true },
  lastAction: { type: 'enum', values: LEAD_EVENT_TYPES, optional: true },
  lastActionAt: { type: 'string', optional: true },
});
/** A leads result: rows carry customer data, so messages name the path and the expected type, never the value. */
export const LEADS_RESULT_SPEC: ResultSpec = {
  schema: v.looseObject({
    asOf: v.string(),
    scope: scopeSchema,
    // NaN included here, repaired below, like a non-finite number inside an item
    total: v.union([v.number(), v.nan()]),
    nextCursor: v.optional(v.nullable(v.string())),
    leads: items,
  }),
  collections: [
    {
      key: 'leads',
      noun: ['lead', 'leads'],
      check: byRules(LEAD_ROW_RULES, true),
      idOf: (item) => (isRecord(item) ? item.leadId : undefined),
    },
  ],
  redact: true,
  // total is a count for the header and the pager: a non-finite one is repaired to the rows at hand, as a
  // non-finite item number is treated as missing
  repair(data, parts, ids) {
    const leads = data as { total: number; leads: unknown[] };
    if (!Number.isFinite(leads.total)) {
      parts.push(`total: ${describeValue(leads.total)} treated as missing; the rows received are counted instead`);
      ids.push('total');
      leads.total = leads.leads.length;
    }
  },
};
