/**
 * The checks of grid polygons (DESIGN's Grids shape), kept apart from the other methods' checks: only the coverage
 * map draws grids, and a GIS export needs the most code to read well (rings, holes, CRS, ids in the bank's own
 * property names). The map registers GRIDS_RESULT_SPEC (registerResultSpec) when its module loads; anything else that
 * checks grids does the same.
 */
import * as v from 'valibot';
import { StrideError } from '../contracts.js';
import { expected, isRecord, items, type GridsOptions, type ItemFindings, type ResultSpec } from './checks.js';

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

// The path string is built only for a bad position. Each position is checked, hashed and bounded in one pass: a GIS
// export carries hundreds of thousands of them, read on the map's first render.
function checkRing(ring: unknown, path: string, digest: GridDigest): RingCheck {
  if (!Array.isArray(ring)) return { problem: expected(path, 'a ring (an array of positions)', ring) };
  const first: unknown = ring[0];
  const last: unknown = ring[ring.length - 1];
  // GIS tools often leave the closing position out: add it rather than lose the grid (a bad first position is
  // reported at [0] before the copy's last is read).
  const closed = Array.isArray(first) && Array.isArray(last) && (first[0] !== last[0] || first[1] !== last[1]);
  const kept: unknown[] = closed ? [...ring, first] : ring;
  let { hash1, hash2, minX, minY, maxX, maxY } = digest;
  hash2 = Math.imul(hash2 ^ kept.length, 0x5bd1e995);
  for (let i = 0; i < kept.length; i += 1) {
    const position: unknown = kept[i];
    if (!Array.isArray(position) || position.length < 2)
      return { problem: expected(`${path}[${i}]`, '[longitude, latitude]', position) };
    const lon: unknown = position[0];
    const lat: unknown = position[1];
    // Written so that NaN fails too.
    if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180))
      return { problem: expected(`${path}[${i}][0]`, 'longitude in -180..180', lon) };
    if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90))
      return { problem: expected(`${path}[${i}][1]`, 'latitude in -90..90', lat) };
    hash1 = Math.imul(hash1 ^ ((lon * 1e9) | 0), 0x01000193);
    hash2 = Math.imul(hash2 ^ ((lat * 1e9) | 0), 0x5bd1e995);
    hash2 ^= hash2 >>> 15;
    if (lon < minX) minX = lon;
    if (lon > maxX) maxX = lon;
    if (lat < minY) minY = lat;
    if (lat > maxY) maxY = lat;
  }
  if (kept.length < 4) return { degenerate: ring.length };
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

export const GRIDS_RESULT_SPEC: ResultSpec = {
  precheck: checkGridsCrs,
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
};
