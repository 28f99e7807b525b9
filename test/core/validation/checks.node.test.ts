/**
 * The item checks keep, repair and drop exactly what the field-by-field checker before them did: the same item back
 * (the very object when nothing needed repair), the same repairs and the same drop reason, for random items whose
 * fields come in any order, with extra fields, missing fields and bad values, checked one after another through the
 * same rules (which remember the last key order they saw).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkItem,
  describeValue,
  expected,
  isRecord,
  rules,
  safeUrl,
  type FieldRule,
  type ItemFindings,
} from '../../../packages/core/src/validation/checks.js';
import { validateResult } from '../../../packages/core/src/validation/index.js';

type RuleList = readonly (readonly [string, FieldRule])[];

/**
 * The checker as it was, field by field in the rules' order: the reference the checks must agree with, with one fix
 * (a null sub-item, see the list case).
 */
function checkItemAsItWas(
  item: unknown,
  itemRules: RuleList,
  path: string,
  findings: ItemFindings,
  redact = false,
): unknown {
  const mismatch = (at: string, what: string, value: unknown): string => expected(at, what, value, redact);
  const withField = (copy: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> => {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  };
  if (!isRecord(item)) {
    findings.dropReason = mismatch(path, 'an object', item);
    return null;
  }
  let repaired: Record<string, unknown> | null = null;
  for (const [key, rule] of itemRules) {
    const value = item[key];
    if (value === undefined && (rule.type === 'url' || ('optional' in rule && rule.optional))) continue;
    switch (rule.type) {
      case 'string':
        if (typeof value === 'string') break;
        findings.dropReason = mismatch(`${path}.${key}`, 'string', value);
        return null;
      case 'boolean':
        if (typeof value === 'boolean') break;
        findings.dropReason = mismatch(`${path}.${key}`, 'boolean', value);
        return null;
      case 'nullableString':
        if (typeof value === 'string' || value === null) break;
        findings.dropReason = mismatch(`${path}.${key}`, 'string or null', value);
        return null;
      case 'enum':
        if (typeof value === 'string' && rule.values.includes(value)) break;
        findings.dropReason = mismatch(`${path}.${key}`, rule.values.map((x) => JSON.stringify(x)).join(' | '), value);
        return null;
      case 'number':
        if (typeof value === 'number' && Number.isFinite(value)) break;
        if (rule.optional && (value === null || typeof value === 'number')) {
          if (value !== null) findings.repairs.push(`${path}.${key}: ${describeValue(value)} treated as missing`);
          repaired = withField(repaired ?? { ...item }, key, undefined);
          break;
        }
        findings.dropReason = mismatch(`${path}.${key}`, 'finite number', value);
        return null;
      case 'nullableNumber':
        if (value === null || (typeof value === 'number' && Number.isFinite(value))) break;
        if (typeof value === 'number') {
          findings.repairs.push(`${path}.${key}: ${describeValue(value)} treated as missing`);
          repaired = withField(repaired ?? { ...item }, key, null);
          break;
        }
        findings.dropReason = mismatch(`${path}.${key}`, 'number or null', value);
        return null;
      case 'url':
        if (safeUrl(value) !== undefined) break;
        findings.repairs.push(`${path}.${key}: unsafe or invalid URL removed`);
        repaired = withField(repaired ?? { ...item }, key, undefined);
        break;
      case 'strings':
        if (Array.isArray(value) && value.every((x) => typeof x === 'string')) break;
        findings.dropReason = mismatch(`${path}.${key}`, 'array of strings', value);
        return null;
      case 'numberMap': {
        if (!isRecord(value)) {
          findings.dropReason = mismatch(`${path}.${key}`, 'object of numbers', value);
          return null;
        }
        let map: Record<string, unknown> | null = null;
        for (const id in value) {
          const n = value[id];
          if (n === null || (typeof n === 'number' && Number.isFinite(n))) continue;
          if (typeof n !== 'number') {
            findings.dropReason = mismatch(`${path}.${key}.${id}`, 'number or null', n);
            return null;
          }
          findings.repairs.push(`${path}.${key}.${id}: ${describeValue(n)} treated as missing`);
          map ??= { ...value };
          map[id] = null;
        }
        if (map) repaired = withField(repaired ?? { ...item }, key, map);
        break;
      }
      case 'list': {
        if (!Array.isArray(value)) {
          findings.dropReason = mismatch(`${path}.${key}`, 'array', value);
          return null;
        }
        let kept: unknown[] | null = null;
        for (let index = 0; index < value.length; index += 1) {
          const sub: unknown = value[index];
          const subFindings: ItemFindings = { repairs: [], dropReason: null };
          // `rule.of` is compiled now; the reference checks sub-items against the rule list it was compiled from.
          const checked = checkItemAsItWas(sub, SUB_RULE_LIST, `${path}.${key}[${index}]`, subFindings, redact);
          findings.repairs.push(...subFindings.repairs);
          if (checked === null) findings.repairs.push(`${subFindings.dropReason ?? `${path}.${key}`} (removed)`);
          // The one line changed from the checker as it was: it kept a null sub-item that it reported removed
          // (`checked !== sub` is false when both are null), and a widget reading that badge would have thrown.
          if ((checked === null || checked !== sub) && kept === null) kept = value.slice(0, index);
          if (kept !== null && checked !== null) kept.push(checked);
        }
        if (kept !== null) repaired = withField(repaired ?? { ...item }, key, kept);
        break;
      }
    }
  }
  return repaired ?? item;
}

// Every kind of rule, a required and an optional one where both exist, and a list of sub-items with rules of their own.
const SUB_FIELDS: Record<string, FieldRule> = {
  id: { type: 'string' },
  kind: { type: 'enum', values: ['milestone', 'champion'] },
  count: { type: 'number', optional: true },
};
const SUB_RULE_LIST: RuleList = Object.entries(SUB_FIELDS);
const FIELDS: Record<string, FieldRule> = {
  id: { type: 'string' },
  name: { type: 'string', optional: true },
  kind: { type: 'enum', values: ['manager', 'org'] },
  parentId: { type: 'nullableString', optional: true },
  avatarUrl: { type: 'url' },
  value: { type: 'nullableNumber' },
  target: { type: 'nullableNumber', optional: true },
  count: { type: 'number' },
  streak: { type: 'number', optional: true },
  active: { type: 'boolean', optional: true },
  managerIds: { type: 'strings', optional: true },
  values: { type: 'numberMap', optional: true },
  badges: { type: 'list', of: rules(SUB_FIELDS), optional: true },
};
const RULE_LIST: RuleList = Object.entries(FIELDS);

// Values that pass some rule and fail others: each field draws from all of them, most often from its own good ones.
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, '', 'x', 'manager', 'org', 'milestone', true, 0, -0, 12, 2.5, NaN),
  fc.constantFrom<unknown>(Infinity, -Infinity, [], ['a'], [1], {}, { a: 1 }),
  fc.constantFrom<unknown>('https://bank.example/a.png', '/a.png', 'javascript:alert(1)', ' java\nscript:x', 'data:x'),
);
const numberMapValue = fc.dictionary(
  fc.constantFrom('assigned', 'visits', 'conversions'),
  fc.constantFrom<unknown>(null, 1, 0.5, NaN, Infinity, 'x', undefined),
);
const subItem = fc.oneof(
  fc.record(
    { id: fc.constantFrom<unknown>('b1', 'b2', 7), kind: fc.constantFrom<unknown>('milestone', 'champion', 'x') },
    { requiredKeys: [] },
  ),
  fc.record({ id: fc.constant('b3'), kind: fc.constant('champion'), count: fc.constantFrom<unknown>(1, NaN, null) }),
  anyValue,
);
const goodValues: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.constantFrom('m1', 'm2', ''),
  name: fc.constantFrom('王明', 'Li'),
  kind: fc.constantFrom('manager', 'org'),
  parentId: fc.constantFrom('b1', null),
  avatarUrl: fc.constantFrom('https://bank.example/a.png', './a.png'),
  value: fc.oneof(fc.double(), fc.constant(null)),
  target: fc.oneof(fc.integer(), fc.constant(null)),
  count: fc.integer({ min: 0, max: 99 }),
  streak: fc.integer({ min: 0, max: 9 }),
  active: fc.boolean(),
  managerIds: fc.array(fc.constantFrom('m1', 'm2'), { maxLength: 3 }),
  values: numberMapValue,
  badges: fc.array(subItem, { maxLength: 3 }),
};
/** A field's value: mostly one its rule takes as it is, sometimes anything. */
const fieldValue = (key: string): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: goodValues[key]!, weight: 5 }, { arbitrary: anyValue, weight: 1 });

const itemFields: Record<string, fc.Arbitrary<unknown>> = {
  ...Object.fromEntries(Object.keys(FIELDS).map((key) => [key, fieldValue(key)])),
  extra: anyValue,
  pointsByAction: fc.constant({ visit: 3 }),
};

/** An item: any of the ruled fields and some others, in an order drawn from a few (items of one result share one). */
const itemArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record(itemFields, { requiredKeys: ['id', 'kind', 'value', 'count'] }).chain((fields) =>
      fc.constantFrom('as drawn', 'reversed', 'shuffled').map((order) => {
        const entries = Object.entries(fields);
        if (order === 'reversed') entries.reverse();
        if (order === 'shuffled') entries.sort(([a], [b]) => (a.length % 3) - (b.length % 3));
        return Object.fromEntries(entries);
      }),
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

test('checkItem keeps, repairs and drops exactly what the field-by-field checker did', () => {
  const itemRules = rules(FIELDS);
  fc.assert(
    fc.property(fc.array(itemArb, { maxLength: 12 }), fc.boolean(), (items, redact) => {
      items.forEach((item, index) => {
        const path = `items[${index}]`;
        const found: ItemFindings = { repairs: [], dropReason: null };
        const reference: ItemFindings = { repairs: [], dropReason: null };
        const checked = checkItem(item, itemRules, path, found, redact);
        const wanted = checkItemAsItWas(item, RULE_LIST, path, reference, redact);
        assert.deepEqual(found, reference, path);
        assert.deepEqual(checked, wanted, path);
        // Kept as it came exactly when the reference kept it as it came: no copy of a clean item.
        assert.equal(checked === item, wanted === item, path);
      });
    }),
    { numRuns: 2000 },
  );
});

test('validateResult reports each item under its own path, as before, and removes the sub-items it reports removed', () => {
  const entry = (extra: Record<string, unknown>) => ({ id: 'm', name: '王明', kind: 'manager', value: 1, ...extra });
  const result = {
    asOf: '2026-11-24T18:00:00+08:00',
    scope: { org: 'B01', period: 'month', date: '2026-11-24' },
    board: 'managers',
    metric: 'points',
    entries: [
      entry({ id: 'm1' }),
      entry({ id: 'm2', value: '12a' }),
      entry({ id: 'm3', previousValue: NaN, avatarUrl: 'javascript:x' }),
      entry({ id: 'm4', badges: [null, { id: 'b1', label: 'x', kind: 'nope' }] }),
      'not an entry',
    ],
  };
  const { data, dropped } = validateResult('leaderboard', result);
  assert.deepEqual(
    data.entries.map((e) => e.id),
    ['m1', 'm3', 'm4'],
  );
  assert.equal(data.entries[0], result.entries[0]);
  assert.deepEqual(dropped?.ids, ['m2', 'entries[4]', 'm3', 'm4']);
  assert.equal(
    dropped?.message,
    'leaderboard: 2 entries dropped (m2, entries[4]): entries[1].value: expected number or null, got "12a"; ' +
      'entries[4]: expected an object, got "not an entry". 2 entries repaired (m3, m4): ' +
      'entries[2].avatarUrl: unsafe or invalid URL removed; entries[2].previousValue: NaN treated as missing; ' +
      'entries[3].badges[0]: expected an object, got null (removed); ' +
      'entries[3].badges[1].kind: expected "milestone" | "champion" | "action" | "contest", got "nope" (removed)',
  );
  // Both bad badges are gone, the null one too: a widget reads every badge it is given.
  assert.deepEqual(data.entries[2]?.badges, []);
});
