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
import { PERIOD_KINDS, StrideError, type AdapterMethod, type AdapterResults } from '../contracts.js';

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

function expected(path: string, what: string, value: unknown, redact = false): string {
  return `${path}: expected ${what}, got ${describeValue(value, redact)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/* ---------------------------------------------------------------- item rules */

type FieldRule =
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
type ItemRules = readonly (readonly [string, FieldRule])[];
export const rules = (fields: Record<string, FieldRule>): ItemRules => Object.entries(fields);

/** What checking one item found: repairs are kept with the item, a drop reason removes it. */
interface ItemFindings {
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
function checkItem(item: unknown, itemRules: ItemRules, path: string, findings: ItemFindings, redact = false): unknown {
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
          if (checked !== sub && kept === null) kept = value.slice(0, index);
          if (kept !== null && checked !== null) kept.push(checked);
        }
        if (kept !== null) repaired = withField(repaired ?? { ...item }, key, kept);
        break;
      }
    }
  }
  return repaired ?? item;
}

/* ---------------------------------------------------------------- grid features */

/**
 * The content digest of one grid feature: two 32-bit hashes over its gridId, name, polygon structure and every
 * position (at 1e-9 degree, well under a millimetre, which keeps the hash to integer arithmetic), and its bounds.
 * Validation computes it in the same pass that checks every position: a GIS export carries hundreds of thousands of
 * them, and a second pass over them only to hash them would cost about as long as the checks.
 */
export interface GridDigest {
  hash1: number;
  hash2: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const gridDigests = new WeakMap<object, GridDigest>();

/**
 * The digest of a grid feature: as validation left it, or computed now (the same checks) for a feature that did not
 * come through `validateResult`. Throws StrideError('invalid') for a feature validation would have dropped.
 */
export function gridDigest(feature: object): GridDigest {
  const known = gridDigests.get(feature);
  if (known) return known;
  const findings: ItemFindings = { repairs: [], dropReason: null };
  const checked = checkGridFeature(feature, 'feature', findings);
  if (checked === null) throw new StrideError('invalid', 'grids', `grids: ${findings.dropReason ?? 'invalid feature'}`);
  return gridDigests.get(checked as object)!;
}

/** What checking one ring found: a fatal problem, a ring too short to draw, or the ring (closed if it was not). */
type RingCheck = { problem: string } | { degenerate: number } | { ring: unknown[]; closed: boolean };

// The path string is built only for a bad position.
function checkRing(ring: unknown, path: string, digest: GridDigest): RingCheck {
  if (!Array.isArray(ring)) return { problem: expected(path, 'a ring (an array of positions)', ring) };
  let { hash1, hash2, minX, minY, maxX, maxY } = digest;
  for (let i = 0; i < ring.length; i += 1) {
    const position: unknown = ring[i];
    if (!Array.isArray(position) || position.length < 2)
      return { problem: expected(`${path}[${i}]`, '[longitude, latitude]', position) };
    const lon: unknown = position[0];
    const lat: unknown = position[1];
    // Written so that NaN fails too.
    if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180))
      return { problem: expected(`${path}[${i}][0]`, 'longitude in -180..180', lon) };
    if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90))
      return { problem: expected(`${path}[${i}][1]`, 'latitude in -90..90', lat) };
  }
  const first = ring[0] as number[] | undefined;
  const last = ring[ring.length - 1] as number[] | undefined;
  // GIS tools often leave the closing position out: add it rather than lose the grid.
  const closed = first !== undefined && (first[0] !== last![0] || first[1] !== last![1]);
  const kept = closed ? [...ring, first] : ring;
  if (kept.length < 4) return { degenerate: ring.length };
  hash2 = Math.imul(hash2 ^ kept.length, 0x5bd1e995);
  for (const position of kept as number[][]) {
    const lon = position[0]!;
    const lat = position[1]!;
    hash1 = Math.imul(hash1 ^ ((lon * 1e9) | 0), 0x01000193);
    hash2 = Math.imul(hash2 ^ ((lat * 1e9) | 0), 0x5bd1e995);
    hash2 ^= hash2 >>> 15;
    if (lon < minX) minX = lon;
    if (lon > maxX) maxX = lon;
    if (lat < minY) minY = lat;
    if (lat > maxY) maxY = lat;
  }
  Object.assign(digest, { hash1, hash2, minX, minY, maxX, maxY });
  return { ring: kept, closed };
}

/** What checking one polygon found: a fatal problem, or its rings as kept (null: its outer ring could not be drawn). */
type PolygonCheck = { problem: string } | { rings: unknown[][] | null; changed: boolean };

/**
 * A polygon's rings: a hole too short to draw is dropped alone and the polygon kept; an outer ring too short drops
 * the polygon; a ring left open is closed. Each of these is a repair, reported with its path.
 */
function checkPolygon(polygon: unknown, path: string, digest: GridDigest, repairs: string[]): PolygonCheck {
  if (!Array.isArray(polygon) || polygon.length === 0) return { problem: expected(path, 'an array of rings', polygon) };
  digest.hash1 = Math.imul(digest.hash1 ^ polygon.length, 0x01000193);
  const rings: unknown[][] = [];
  let changed = false;
  for (let i = 0; i < polygon.length; i += 1) {
    const checked = checkRing(polygon[i], `${path}[${i}]`, digest);
    if ('problem' in checked) return checked;
    if ('degenerate' in checked) {
      if (i === 0) {
        repairs.push(`${path}[0]: outer ring has ${checked.degenerate} positions, polygon dropped`);
        return { rings: null, changed: true };
      }
      repairs.push(`${path}[${i}]: ring has ${checked.degenerate} positions, dropped; feature kept`);
      changed = true;
      continue;
    }
    if (checked.closed) {
      repairs.push(`${path}[${i}]: ring was not closed; closed`);
      changed = true;
    }
    rings.push(checked.ring);
  }
  return { rings, changed };
}

/** Options of grid validation: where each feature's grid id is (DESIGN's Grids shape). */
export interface GridsOptions {
  /** The property holding the grid id, like ECharts' `nameProperty`. Default `gridId`; else `Feature.id`. */
  idProperty?: string;
}

/** A string or finite number as an id, else undefined. */
function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * A grid feature: the same contract as the rule-checked items (the same object back, a repaired copy, or null with a
 * reason). The id is `properties[idProperty]`, else `Feature.id`; name and households are optional (a missing name
 * reads as the id; households come from the coverage result).
 */
function checkGridFeature(feature: unknown, path: string, findings: ItemFindings, options: GridsOptions = {}): unknown {
  if (!isRecord(feature) || feature.type !== 'Feature') {
    findings.dropReason = expected(`${path}.type`, '"Feature"', isRecord(feature) ? feature.type : feature);
    return null;
  }
  const idProperty = options.idProperty ?? 'gridId';
  const properties = isRecord(feature.properties) ? feature.properties : {};
  const gridId = idText(properties[idProperty]) ?? idText(feature.id);
  if (gridId === undefined) {
    findings.dropReason = `${path}: no grid id (expected properties.${idProperty} or Feature.id as a string or number)`;
    return null;
  }
  const name = typeof properties.name === 'string' && properties.name !== '' ? properties.name : gridId;
  const households = properties.households;
  if (households !== undefined && (typeof households !== 'number' || !Number.isFinite(households))) {
    findings.dropReason = expected(`${path}.properties.households`, 'a number', households);
    return null;
  }
  const geometry = feature.geometry;
  if (!isRecord(geometry)) {
    findings.dropReason = `${path}.geometry: ${geometry === null ? 'no geometry (null)' : expected('geometry', 'an object', geometry)}`;
    return null;
  }
  let hash1 = 0x811c9dc5;
  let hash2 = 0x01000193;
  for (let i = 0; i < gridId.length; i += 1) hash1 = Math.imul(hash1 ^ gridId.charCodeAt(i), 0x01000193);
  for (let i = 0; i < name.length; i += 1) hash2 = Math.imul(hash2 ^ name.charCodeAt(i), 0x5bd1e995);
  const digest: GridDigest = { hash1, hash2, minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const coordinates = geometry.coordinates;
  const at = `${path}.geometry.coordinates`;
  let kept: unknown;
  let changed = false;
  if (geometry.type === 'Polygon') {
    const checked = checkPolygon(coordinates, at, digest, findings.repairs);
    if ('problem' in checked) {
      findings.dropReason = checked.problem;
      return null;
    }
    if (checked.rings === null) {
      findings.dropReason = `${at}[0]: outer ring has fewer than 4 positions; nothing left to draw`;
      return null;
    }
    kept = checked.rings;
    changed = checked.changed;
  } else if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      findings.dropReason = expected(at, 'an array of polygons', coordinates);
      return null;
    }
    const polygons: unknown[][][] = [];
    for (let i = 0; i < coordinates.length; i += 1) {
      const checked = checkPolygon(coordinates[i], `${at}[${i}]`, digest, findings.repairs);
      if ('problem' in checked) {
        findings.dropReason = checked.problem;
        return null;
      }
      changed ||= checked.changed;
      if (checked.rings !== null) polygons.push(checked.rings);
    }
    if (polygons.length === 0) {
      findings.dropReason = `${at}: no polygon with an outer ring of 4 or more positions; nothing left to draw`;
      return null;
    }
    kept = polygons;
  } else {
    findings.dropReason = expected(`${path}.geometry.type`, '"Polygon" | "MultiPolygon"', geometry.type);
    return null;
  }
  const complete = properties[idProperty] === gridId && properties.gridId === gridId && properties.name === name;
  const result =
    complete && !changed && feature.properties === properties
      ? feature
      : {
          ...feature,
          properties: { ...properties, gridId, name },
          geometry: changed ? { ...geometry, coordinates: kept } : geometry,
        };
  gridDigests.set(result, digest);
  return result;
}

/**
 * Refuses grids in a projected coordinate system, naming it: the map reads positions as longitude/latitude. CRS84,
 * EPSG:4326 and EPSG:4490 (CGCS2000, China's geodetic datum) are that; a file without a `crs` member is RFC 7946's
 * CRS84.
 */
function checkGridsCrs(raw: unknown): void {
  if (!isRecord(raw) || raw.crs === undefined || raw.crs === null) return;
  const crs = raw.crs;
  const name = isRecord(crs) && isRecord(crs.properties) ? crs.properties.name : undefined;
  const text = typeof name === 'string' ? name : JSON.stringify(crs);
  if (/CRS84$|EPSG:{1,2}(?:[\d.]*:)?(4326|4490)$/i.test(text)) return;
  throw new StrideError(
    'invalid',
    'grids',
    `grids: crs ${text} is not longitude/latitude. Export the grids in EPSG:4326 (WGS 84), CRS84 or EPSG:4490 ` +
      `(CGCS2000); a projected system such as EPSG:3857 or a Gauss-Krüger zone cannot be drawn as a map here.`,
  );
}

/* ---------------------------------------------------------------- result rules */

export const NULLABLE_NUMBER = { type: 'nullableNumber' } as const;
const OPTIONAL_NULLABLE_NUMBER = { type: 'nullableNumber', optional: true } as const;

const TREND_POINT_RULES = rules({ date: { type: 'string' }, value: NULLABLE_NUMBER });
const INDICATOR_RULES = rules({
  id: { type: 'string' },
  value: NULLABLE_NUMBER,
  target: OPTIONAL_NULLABLE_NUMBER,
  previous: OPTIONAL_NULLABLE_NUMBER,
  amount: OPTIONAL_NULLABLE_NUMBER,
  trend: { type: 'list', of: TREND_POINT_RULES, optional: true },
});
const ROW_RULES = rules({
  id: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'enum', values: ['org', 'manager'] },
  values: { type: 'numberMap' },
  targets: { type: 'numberMap', optional: true },
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
const ORG_NODE_RULES = rules({
  id: { type: 'string' },
  name: { type: 'string' },
  parentId: { type: 'nullableString' },
  level: { type: 'enum', values: ['bank', 'branch', 'subbranch', 'team', 'manager'] },
  avatarUrl: { type: 'url' },
});

type ItemCheck = (item: unknown, path: string, findings: ItemFindings, options?: GridsOptions) => unknown;
export const byRules =
  (itemRules: ItemRules, redact = false): ItemCheck =>
  (item, path, findings) =>
    checkItem(item, itemRules, path, findings, redact);

/** An alert's flat fields, then its subject (who the alert is about: without one it cannot be shown). */
const checkAlert: ItemCheck = (item, path, findings) => {
  const checked = checkItem(item, ALERT_RULES, path, findings);
  if (checked === null || !isRecord(checked)) return null;
  const subject = checkItem(checked.subject, ALERT_SUBJECT_RULES, `${path}.subject`, findings);
  return subject === null ? null : checked;
};

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

const idField = (item: unknown): unknown => (isRecord(item) ? item.id : undefined);

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
  schema: v.GenericSchema;
  collections: Collection[];
  /** The result holds customer data: messages name the path and the expected type, never a value. */
  redact?: true;
  /** Fixes what the envelope let through (a non-finite total), adding to the report. */
  repair?: (data: unknown, parts: string[], ids: string[]) => void;
}

/**
 * One spec per adapter method. A further element's results (the lead list) are checked by a spec its own module
 * registers (registerResultSpec), so a page without that element never loads those checks.
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
  grids: {
    schema: v.looseObject({ type: v.literal('FeatureCollection'), features: items }),
    collections: [
      {
        key: 'features',
        noun: ['feature', 'features'],
        check: checkGridFeature,
        // Checked features carry their id in properties.gridId; before checking, name them by what they have.
        idOf: (item) =>
          isRecord(item)
            ? (idText(isRecord(item.properties) ? item.properties.gridId : undefined) ?? idText(item.id))
            : undefined,
        unique: true,
      },
    ],
  },
  alerts: {
    schema: v.looseObject({ asOf: v.string(), scope: scopeSchema, alerts: items }),
    collections: [{ key: 'alerts', noun: ['alert', 'alerts'], check: checkAlert, idOf: idField }],
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
  if (method === 'grids') checkGridsCrs(raw);
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
      const path = `${label}[${index}]`;
      const findings: ItemFindings = { repairs: [], dropReason: null };
      const checked = collection.check(item, path, findings, options);
      const rawId = collection.idOf(checked ?? item);
      const id = typeof rawId === 'string' && rawId !== '' ? rawId : path;
      if (checked !== null && collection.unique) {
        const first = firstAt.get(id);
        if (first !== undefined) findings.dropReason = `${path}: duplicate id "${id}" (first at ${first}), dropped`;
        else firstAt.set(id, path);
      }
      if (checked === null || findings.dropReason !== null) {
        droppedIds.push(id);
        dropReasons.push(findings.dropReason ?? `${path}: invalid`);
        continue;
      }
      if (findings.repairs.length > 0) {
        repairedIds.push(id);
        repairReasons.push(...findings.repairs);
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
