/**
 * Validation at the boundary: every adapter result passes through `validateResult` before a widget sees it.
 *
 * Two levels, one rule each (DESIGN "Validation"):
 * - the envelope of a result (the object itself, its required arrays, its required top-level fields) is checked with a
 *   valibot schema; when it is wrong the whole result is rejected with a StrideError('invalid') naming the method and
 *   the field path, because nothing sensible can be drawn from it;
 * - the items inside (entries, indicators, rows, stages, cells, features, org nodes) are checked by small declarative
 *   field rules in plain code, because a bank-wide leaderboard has 10,000 entries and per-item schema pipelines cost
 *   too much there. A bad item is dropped and the rest kept; a non-finite number becomes null where null is allowed.
 *   Every dropped or repaired item is listed, by id, in one `dropped` message for the widget's warning.
 *
 * Strings are never interpreted (no date parsing, no trimming); unknown extra fields are kept for forward
 * compatibility. Items that need no repair are returned as the same objects, so validation allocates little.
 */
import * as v from 'valibot';
import { StrideError, type AdapterMethod, type AdapterResults } from '../contracts.js';
import {
  NULLABLE_NUMBER,
  OPTIONAL_NULLABLE_NUMBER,
  byRules,
  describeValue,
  idField,
  isRecord,
  items,
  rules,
  scopeSchema,
  type GridsOptions,
  type ItemFindings,
  type ResultSpec,
  type Validated,
} from './checks.js';

export { safeUrl, type DroppedItems, type GridsOptions, type ResultSpec, type Validated } from './checks.js';

/* ---------------------------------------------------------------- result rules */

const TREND_POINT_RULES = rules({ date: { type: 'string' }, value: NULLABLE_NUMBER });
const INDICATOR_RULES = rules({
  id: { type: 'string' },
  value: NULLABLE_NUMBER,
  target: OPTIONAL_NULLABLE_NUMBER,
  previous: OPTIONAL_NULLABLE_NUMBER,
  baseline: OPTIONAL_NULLABLE_NUMBER,
  opening: OPTIONAL_NULLABLE_NUMBER,
  amount: OPTIONAL_NULLABLE_NUMBER,
  trend: { type: 'list', of: TREND_POINT_RULES, optional: true },
});
const ROW_RULES = rules({
  id: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'enum', values: ['org', 'manager'] },
  values: { type: 'numberMap' },
  targets: { type: 'numberMap', optional: true },
  baselines: { type: 'numberMap', optional: true },
  openings: { type: 'numberMap', optional: true },
  overdue: { type: 'number', optional: true },
  lastActionAt: { type: 'nullableString', optional: true },
});
const BADGE_RULES = rules({
  id: { type: 'string' },
  label: { type: 'string' },
  kind: { type: 'enum', values: ['milestone', 'champion', 'action', 'contest'] },
});
const ENTRY_RULES = rules({
  id: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'enum', values: ['manager', 'org'] },
  orgName: { type: 'string', optional: true },
  avatarUrl: { type: 'url' },
  value: NULLABLE_NUMBER,
  target: OPTIONAL_NULLABLE_NUMBER,
  previousValue: OPTIONAL_NULLABLE_NUMBER,
  streak: { type: 'number', optional: true },
  badges: { type: 'list', of: BADGE_RULES, optional: true },
});
const STAGE_RULES = rules({
  id: { type: 'string' },
  label: { type: 'string' },
  count: { type: 'number' },
  overdue: { type: 'number', optional: true },
  medianDwellHours: OPTIONAL_NULLABLE_NUMBER,
  baselineRate: OPTIONAL_NULLABLE_NUMBER,
});
const CELL_RULES = rules({
  gridId: { type: 'string' },
  name: { type: 'string' },
  managerIds: { type: 'strings' },
  managerNames: { type: 'strings', optional: true },
  households: { type: 'number' },
  covered: { type: 'number' },
  openLeads: { type: 'number', optional: true },
});
const ORG_NODE_RULES = rules({
  id: { type: 'string' },
  name: { type: 'string' },
  parentId: { type: 'nullableString' },
  level: { type: 'enum', values: ['bank', 'branch', 'subbranch', 'team', 'manager'] },
  avatarUrl: { type: 'url' },
});

/**
 * One spec per adapter method. A further element's results (the lead list, the alerts) are checked by a spec its own
 * module registers (registerResultSpec), so a page without that element never loads those checks.
 */
const RESULT_SPECS: Partial<Record<AdapterMethod, ResultSpec>> = {
  indicators: {
    schema: v.looseObject({
      asOf: v.string(),
      scope: scopeSchema,
      period: v.looseObject({ start: v.string(), end: v.string() }),
      indicators: items,
      rows: v.optional(items),
    }),
    collections: [
      { key: 'indicators', noun: ['indicator', 'indicators'], check: byRules(INDICATOR_RULES), idOf: idField },
      { key: 'rows', noun: ['row', 'rows'], check: byRules(ROW_RULES), idOf: idField },
    ],
  },
  leaderboard: {
    schema: v.looseObject({
      asOf: v.string(),
      scope: scopeSchema,
      board: v.picklist(['managers', 'teams', 'subbranches', 'branches']),
      metric: v.string(),
      entries: items,
    }),
    collections: [{ key: 'entries', noun: ['entry', 'entries'], check: byRules(ENTRY_RULES), idOf: idField }],
  },
  funnel: {
    schema: v.looseObject({ asOf: v.string(), scope: scopeSchema, stages: items }),
    collections: [{ key: 'stages', noun: ['stage', 'stages'], check: byRules(STAGE_RULES), idOf: idField }],
  },
  coverage: {
    schema: v.looseObject({ asOf: v.string(), scope: scopeSchema, cells: items }),
    collections: [
      {
        key: 'cells',
        noun: ['cell', 'cells'],
        check: byRules(CELL_RULES),
        idOf: (item) => (isRecord(item) ? item.gridId : undefined),
      },
    ],
  },
  orgTree: {
    schema: items,
    collections: [{ key: null, noun: ['org node', 'org nodes'], check: byRules(ORG_NODE_RULES), idOf: idField }],
  },
};

/** Adds the checks of a further element's results (its module calls this when it loads). */
export function registerResultSpec(method: AdapterMethod, spec: ResultSpec): void {
  RESULT_SPECS[method] = spec;
}

/** valibot names containers by their constructor; the messages use the JSON words. */
const ENVELOPE_NAMES: Record<string, string> = { Object: 'object', Array: 'array' };

/** At most this many reasons are spelled out per collection; the ids list is always complete. */
const MAX_REASONS = 5;

function plural(count: number, [one, many]: [string, string]): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

function reasonList(reasons: string[]): string {
  const shown = reasons.slice(0, MAX_REASONS).join('; ');
  return reasons.length > MAX_REASONS ? `${shown}; and ${reasons.length - MAX_REASONS} more` : shown;
}

/**
 * Checks an adapter's result for `method` against DESIGN's Data shapes.
 * Throws StrideError('invalid', method, '<method>: <path>: expected …, got …') when the result as a whole is unusable;
 * otherwise returns the usable data and, when items were dropped or repaired, one message listing their ids.
 */
export function validateResult<M extends AdapterMethod>(
  method: M,
  raw: unknown,
  options: GridsOptions = {},
): Validated<AdapterResults[M]> {
  const spec = RESULT_SPECS[method];
  if (!spec)
    throw new StrideError('invalid', method, `${method}: no checks for this result are loaded (load its element)`);
  spec.precheck?.(raw);
  const parsed = v.safeParse(spec.schema, raw, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? 'result';
    const problem =
      issue.input === undefined
        ? 'missing'
        : `expected ${ENVELOPE_NAMES[issue.expected ?? ''] ?? issue.expected ?? 'a value'}, got ${describeValue(issue.input, spec.redact === true)}`;
    throw new StrideError('invalid', method, `${method}: ${path}: ${problem}`);
  }
  let data = parsed.output as unknown;
  const ids: string[] = [];
  const parts: string[] = [];
  for (const collection of spec.collections) {
    const source = collection.key === null ? data : (data as Record<string, unknown>)[collection.key];
    if (!Array.isArray(source)) continue;
    const kept: unknown[] = [];
    const droppedIds: string[] = [];
    const dropReasons: string[] = [];
    const repairedIds: string[] = [];
    const repairReasons: string[] = [];
    const label = collection.key ?? '';
    const firstAt = new Map<string, string>();
    for (let index = 0; index < source.length; index += 1) {
      const item: unknown = source[index];
      const findings: ItemFindings = { repairs: [], dropReason: null };
      // Checked with an empty path, so its messages name paths from the item down: most items have nothing to
      // report, and only those that have are given their own path (and their id), in front of each message.
      const checked = collection.check(item, '', findings, options);
      if (checked === item && findings.repairs.length === 0 && !collection.unique) {
        kept.push(item);
        continue;
      }
      const path = `${label}[${index}]`;
      const rawId = collection.idOf(checked ?? item);
      const id = typeof rawId === 'string' && rawId !== '' ? rawId : path;
      if (checked !== null && collection.unique) {
        const first = firstAt.get(id);
        if (first !== undefined) findings.dropReason = `: duplicate id "${id}" (first at ${first}), dropped`;
        else firstAt.set(id, path);
      }
      if (checked === null || findings.dropReason !== null) {
        droppedIds.push(id);
        dropReasons.push(path + (findings.dropReason ?? ': invalid'));
        continue;
      }
      if (findings.repairs.length > 0) {
        repairedIds.push(id);
        repairReasons.push(...findings.repairs.map((repair) => path + repair));
      }
      kept.push(checked);
    }
    if (droppedIds.length > 0) {
      parts.push(
        `${plural(droppedIds.length, collection.noun)} dropped (${droppedIds.join(', ')}): ${reasonList(dropReasons)}`,
      );
    }
    if (repairedIds.length > 0) {
      parts.push(
        `${plural(repairedIds.length, collection.noun)} repaired (${repairedIds.join(', ')}): ${reasonList(repairReasons)}`,
      );
    }
    ids.push(...droppedIds, ...repairedIds);
    if (collection.key === null) data = kept;
    else (data as Record<string, unknown>)[collection.key] = kept;
  }
  spec.repair?.(data, parts, ids);
  return {
    data: data as AdapterResults[M],
    dropped: parts.length > 0 ? { message: `${method}: ${parts.join('. ')}`, ids } : null,
  };
}
