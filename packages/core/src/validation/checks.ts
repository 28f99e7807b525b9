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

/** Field rules as a list, compiled once from an object literal: iterating an array is what keeps 10,000 items fast. */
export type ItemRules = readonly (readonly [string, FieldRule])[];
export const rules = (fields: Record<string, FieldRule>): ItemRules => Object.entries(fields);

/** What checking one item found: repairs are kept with the item, a drop reason removes it. */
export interface ItemFindings {
  repairs: string[];
  dropReason: string | null;
}

/** Sets (or, for undefined, removes) a field of an item copy. */
function withField(copy: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
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
  const mismatch = (at: string, what: string, value: unknown): string => expected(at, what, value, redact);
  if (!isRecord(item)) {
    findings.dropReason = mismatch(path, 'an object', item);
    return null;
  }
  let repaired: Record<string, unknown> | null = null;
  for (let r = 0; r < itemRules.length; r += 1) {
    const [key, rule] = itemRules[r]!;
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
          // An optional count that is NaN or null carries no information: treat it as absent.
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
      case 'url': {
        const url = safeUrl(value);
        if (url !== undefined) break;
        findings.repairs.push(`${path}.${key}: unsafe or invalid URL removed`);
        repaired = withField(repaired ?? { ...item }, key, undefined);
        break;
      }
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
          const checked = checkItem(sub, rule.of, `${path}.${key}[${index}]`, subFindings, redact);
          findings.repairs.push(...subFindings.repairs);
          if (checked === null) findings.repairs.push(`${subFindings.dropReason ?? `${path}.${key}`} (removed)`);
          // a removed sub-item that was null is still a change (null !== null is false)
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

/** Options of grid validation: where each feature's grid id is (DESIGN's Grids shape). */
export interface GridsOptions {
  /** The property holding the grid id, like ECharts' `nameProperty`. Default `gridId`; else `Feature.id`. */
  idProperty?: string;
}

export const NULLABLE_NUMBER = { type: 'nullableNumber' } as const;
export const OPTIONAL_NULLABLE_NUMBER = { type: 'nullableNumber', optional: true } as const;

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
