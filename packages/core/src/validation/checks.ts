/**
 * The building blocks of validation at the boundary (see index.ts for the two levels and their rules): describing a
 * bad value, per-item field rules, and the shape of one method's checks (ResultSpec). Internal to core's validation:
 * index.ts holds the checks every page needs, grids.ts and leads.ts those only their elements need.
 */
import * as v from 'valibot';
import { PERIOD_KINDS } from '../contracts.js';

export interface DroppedItems {
  /** One human-readable message: which items were dropped or repaired and why. */
  message: string;
  /** Ids of every dropped or repaired item (or its path, e.g. `entries[3]`, when it has no usable id). */
  ids: string[];
}

export interface Validated<T> {
  data: T;
  dropped: DroppedItems | null;
}

/* ---------------------------------------------------------------- URLs */

// Browsers strip leading/trailing C0 controls and spaces and drop tabs and newlines anywhere before they read a
// scheme, so `\tjava\nscript:` still runs. Removing every control and whitespace character before looking at the
// scheme is stricter than any browser, which is the safe direction.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const IGNORED_URL_CHARS = /[\u0000-\u0020\u007f-\u009f\s]+/g;
const SCHEME_AT_START = /^([^/?#\\]*?):/;
const PLAINLY_SAFE_URL = /^(?:https?:\/\/|\.{0,2}\/)/i;

/**
 * `value` when it is an http(s) or relative URL, else undefined (javascript:, data:, vbscript:, any other scheme,
 * non-strings). For `avatarUrl` and every other adapter-supplied URL a widget puts in the page.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // Nothing can be a scheme once a URL starts with a path or an http(s) prefix: skip the slower checks.
  if (PLAINLY_SAFE_URL.test(value)) return value;
  const scheme = SCHEME_AT_START.exec(value.replace(IGNORED_URL_CHARS, ''))?.[1];
  if (scheme === undefined) return value;
  const lower = scheme.toLowerCase();
  return lower === 'http' || lower === 'https' ? value : undefined;
}

/* ---------------------------------------------------------------- describing bad values */

/**
 * `redact` (leads results) names only a string's type: a customer's name or mobile must never reach a warning, an
 * error message or a log line, even when the back end sends it in the wrong field.
 */
export function describeValue(value: unknown, redact = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string' && redact) return 'a string';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 42 ? `${quoted.slice(0, 40)}…"` : quoted;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function expected(path: string, what: string, value: unknown, redact = false): string {
  return `${path}: expected ${what}, got ${describeValue(value, redact)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/* ---------------------------------------------------------------- item rules */

export type FieldRule =
  | { type: 'string'; optional?: true }
  | { type: 'nullableString'; optional?: true }
  | { type: 'enum'; values: readonly string[]; optional?: true }
  /** A finite number; null is not allowed. A non-finite required number drops the item; an optional one is removed. */
  | { type: 'number'; optional?: true }
  /** A finite number or null; a non-finite number becomes null and is reported. */
  | { type: 'nullableNumber'; optional?: true }
  | { type: 'url' }
  | { type: 'boolean'; optional?: true }
  | { type: 'strings'; optional?: true }
  /** `{ [indicatorId]: number | null }`, as rows' values and targets. */
  | { type: 'numberMap'; optional?: true }
  /** Sub-items (trend points, badges): a bad one is removed and its parent reported, the parent is kept. */
  | { type: 'list'; of: ItemRules; optional?: true };

/** One field of an item type: its key and its rule. */
type Field = readonly [key: string, rule: FieldRule];

/** An item type's field rules, compiled once from an object literal (`rules`). */
export interface ItemRules {
  /** The fields in the rules' order: a failing item is reported in this order, whatever order its fields came in. */
  readonly fields: readonly Field[];
  /** True when the item passes every rule as it is: nothing to repair, nothing to drop. */
  readonly passes: (item: Record<string, unknown>) => boolean;
}

/**
 * Compiles an item type's field rules. `passes` walks the item's fields with `for...in`, remembering the key order of
 * the items before it: reading the rules' fields by name from each item (`item[key]` with a name that changes
 * from rule to rule) is a slow, generic lookup in the engine, one per rule per item, and it was most of validating a
 * 10,000-entry board, while `for...in` reads the fields where the item's layout keeps them. The items of one result
 * share their keys and their order, so the field of each position is looked up once per key order, not per item.
 */
export function rules(fieldRules: Record<string, FieldRule>): ItemRules {
  const fields: readonly Field[] = Object.entries(fieldRules);
  // The last key order walked to its end: each position's key and its field (undefined: a key no rule names) ...
  const orderKeys: string[] = [];
  const orderFields: (Field | undefined)[] = [];
  // ... and the fields whose key that order lacks: read by name, as they may be absent.
  let unmet: readonly Field[] = [];
  // Apart from `passes`, which has no closure: a closure there would capture the item or the loop's key, and the
  // engine then reads the item's fields by name again, which is what the loop is there to avoid.
  const fieldOf = (key: string): Field | undefined => fields.find(([name]) => name === key);
  const passesAll = (item: Record<string, unknown>): boolean => {
    let position = 0;
    let sameOrder = orderKeys.length > 0;
    for (const key in item) {
      if (!sameOrder || orderKeys[position] !== key) {
        sameOrder = false;
        orderKeys[position] = key;
        orderFields[position] = fieldOf(key);
      }
      const field = orderFields[position];
      position += 1;
      if (field !== undefined && !passes(field[1], item[key])) {
        // An order half recorded would pair keys with the wrong unmet fields: the next item records it afresh.
        if (!sameOrder) orderKeys.length = 0;
        return false;
      }
    }
    if (!sameOrder || position !== orderKeys.length) {
      orderKeys.length = position;
      orderFields.length = position;
      unmet = fields.filter((field) => !orderFields.includes(field));
    }
    for (const [key, rule] of unmet) if (!passes(rule, item[key])) return false;
    return true;
  };
  return { fields, passes: passesAll };
}

const isFiniteNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const isNullOrFinite = (value: unknown): boolean => value === null || isFiniteNumber(value);

/** Whether a value passes its field's rule as it is. */
function passes(rule: FieldRule, value: unknown): boolean {
  // Absent passes for an optional field, and for a URL (an unsafe one is removed, so none is required).
  if (value === undefined && (rule.type === 'url' || rule.optional === true)) return true;
  switch (rule.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'nullableString':
      return typeof value === 'string' || value === null;
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value);
    case 'number':
      return isFiniteNumber(value);
    case 'nullableNumber':
      return isNullOrFinite(value);
    case 'url':
      return safeUrl(value) !== undefined;
    case 'strings':
      return Array.isArray(value) && value.every((x) => typeof x === 'string');
    case 'numberMap':
      if (!isRecord(value)) return false;
      for (const id in value) if (!isNullOrFinite(value[id])) return false;
      return true;
    case 'list':
      return Array.isArray(value) && value.every((sub) => isRecord(sub) && rule.of.passes(sub));
  }
}

/** What checking one item found: repairs are kept with the item, a drop reason removes it. */
export interface ItemFindings {
  repairs: string[];
  dropReason: string | null;
}

/**
 * Checks one item against its rules. Returns the item (the same object when nothing needed repair, a copy otherwise)
 * or null when it must be dropped (`findings.dropReason` says why).
 */
export function checkItem(
  item: unknown,
  itemRules: ItemRules,
  path: string,
  findings: ItemFindings,
  redact = false,
): unknown {
  if (!isRecord(item)) {
    findings.dropReason = expected(path, 'an object', item, redact);
    return null;
  }
  if (itemRules.passes(item)) return item;
  // Something fails: the rules, in their order, say what, so an item with two bad fields is reported the same way
  // whatever order its fields came in.
  const treatedAsMissing = (at: string, value: unknown): void => {
    findings.repairs.push(`${at}: ${describeValue(value)} treated as missing`);
  };
  let repaired: Record<string, unknown> | null = null;
  for (const [key, rule] of itemRules.fields) {
    const value = item[key];
    if (passes(rule, value)) continue;
    const at = `${path}.${key}`;
    // A failing field either drops the item (`drop`: what the field should have been) or is replaced in a copy
    // (`fix`; undefined removes it).
    let drop: string | undefined;
    let fix: unknown;
    switch (rule.type) {
      case 'number':
        // An optional count that is NaN or null carries no information: treat it as absent.
        if (rule.optional && (value === null || typeof value === 'number')) {
          if (value !== null) treatedAsMissing(at, value);
        } else drop = 'finite number';
        break;
      case 'nullableNumber':
        if (typeof value === 'number') {
          treatedAsMissing(at, value);
          fix = null;
        } else drop = 'number or null';
        break;
      case 'url':
        findings.repairs.push(`${at}: unsafe or invalid URL removed`);
        break;
      case 'numberMap': {
        if (!isRecord(value)) {
          drop = 'object of numbers';
          break;
        }
        const map: Record<string, unknown> = { ...value };
        for (const id in value) {
          const n = value[id];
          if (isNullOrFinite(n)) continue;
          if (typeof n !== 'number') {
            findings.dropReason = expected(`${at}.${id}`, 'number or null', n, redact);
            return null;
          }
          treatedAsMissing(`${at}.${id}`, n);
          map[id] = null;
        }
        fix = map;
        break;
      }
      case 'list': {
        if (!Array.isArray(value)) {
          drop = 'array';
          break;
        }
        const kept: unknown[] = [];
        for (let index = 0; index < value.length; index += 1) {
          const subFindings: ItemFindings = { repairs: [], dropReason: null };
          const checked = checkItem(value[index], rule.of, `${at}[${index}]`, subFindings, redact);
          findings.repairs.push(...subFindings.repairs);
          if (checked === null) findings.repairs.push(`${subFindings.dropReason ?? at} (removed)`);
          else kept.push(checked);
        }
        fix = kept;
        break;
      }
      case 'enum':
        drop = rule.values.map((x) => JSON.stringify(x)).join(' | ');
        break;
      case 'nullableString':
        drop = 'string or null';
        break;
      case 'strings':
        drop = 'array of strings';
        break;
      default:
        drop = rule.type;
    }
    if (drop !== undefined) {
      findings.dropReason = expected(at, drop, value, redact);
      return null;
    }
    repaired ??= { ...item };
    if (fix === undefined) delete repaired[key];
    else repaired[key] = fix;
  }
  return repaired ?? item;
}

/** Options of grid validation: where each feature's grid id is (DESIGN's Grids shape). */
export interface GridsOptions {
  /** The property holding the grid id, like ECharts' `nameProperty`. Default `gridId`; else `Feature.id`. */
  idProperty?: string;
}

export const NULLABLE_NUMBER = { type: 'nullableNumber' } as const;
export const OPTIONAL_NULLABLE_NUMBER = { type: 'nullableNumber', optional: true } as const;

/**
 * Checks one item: returns it (the same object when it passes as it is), a repaired copy, or null to drop it. Every
 * message in `findings` starts with `path`; validateResult passes an empty one and puts the item's own path in front
 * of what it reports, so the many items with nothing to report cost no path.
 */
export type ItemCheck = (item: unknown, path: string, findings: ItemFindings, options?: GridsOptions) => unknown;
export const byRules =
  (itemRules: ItemRules, redact = false): ItemCheck =>
  (item, path, findings) =>
    checkItem(item, itemRules, path, findings, redact);

export interface Collection {
  /** Where the items are: a top-level key, or null when the result itself is the array (org tree). */
  key: string | null;
  /** Singular and plural nouns for the message. */
  noun: [string, string];
  check: ItemCheck;
  idOf: (item: unknown) => unknown;
  /** Ids must be unique: a later item with an id already seen is dropped, naming where the first one is. */
  unique?: true;
}

export const idField = (item: unknown): unknown => (isRecord(item) ? item.id : undefined);

/* ---------------------------------------------------------------- envelope schemas (valibot) */

export const items = v.array(v.unknown());
export const scopeSchema = v.looseObject({
  org: v.string(),
  manager: v.optional(v.string()),
  period: v.picklist(PERIOD_KINDS),
  date: v.string(),
});

/** How one method's result is checked: its envelope, its item collections and, where it needs one, a last repair. */
export interface ResultSpec {
  /** Refuses a whole result before its envelope is checked (grids in a projected CRS). */
  precheck?: (raw: unknown) => void;
  schema: v.GenericSchema;
  collections: Collection[];
  /** The result holds customer data: messages name the path and the expected type, never a value. */
  redact?: true;
  /** Fixes what the envelope let through (a non-finite total), adding to the report. */
  repair?: (data: unknown, parts: string[], ids: string[]) => void;
}
