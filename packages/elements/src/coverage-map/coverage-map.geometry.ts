/**
 * Grid geometry at the resolution it is drawn (pure, no DOM).
 *
 * Bank GIS exports carry far more vertices than pixels, and drawing them all is slow. Topology-preserving
 * simplification with topojson costs about as long as the draw itself, so it cannot sit in front of the first paint. This module reduces one ring at a time, in linear passes with nothing
 * looked up across rings:
 *
 * 1. Snap every vertex to a grid of half the tolerance and drop repeats. Neighbouring grids share identical border
 *    vertices (DESIGN, Data shapes), so both sides of a border snap to the same run of points. The points kept are
 *    drawn at input positions, which the simplified rings share with the input: no new array per point, less garbage.
 * 2. Cut the ring where it crosses a coarse lattice (ANCHOR_SHIFT) and simplify each stretch with Douglas-Peucker
 *    computed so that it keeps the same points whichever way the stretch is read. A stretch two neighbours share is
 *    simplified identically on both sides: no gap, no overlap.
 * 3. The stretch that runs through a junction (where three grids meet, or a border meets the district edge) is cut
 *    differently on each side, so there the two simplified borders may part by up to the tolerance, within a lattice
 *    cell of the junction: slivers narrower than the 0.8 px border ECharts strokes over them (a pixel test against
 *    full detail and a sliver test bound them). Cutting at junctions exactly needs every vertex looked up across all
 *    rings (a hash table of snapped points), which would be most of the time simplification takes: the first paint
 *    cannot afford it.
 *
 * A level of detail is `ceil(log2(pixels across the map))`: one per doubling of drawn size or zoom, so a geometry
 * has a handful of levels at most and each is computed once (cached by content hash and level in the element).
 */
import { gridDigest, type GridFeature, type Grids, type Position } from '@stride/core';

export interface GeometryBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A geometry as the map uses it: the grids, their content hash (the registered map's name), bounds and aspect. */
export interface GeometryInfo {
  grids: Grids;
  hash: string;
  bounds: GeometryBounds;
  aspectScale: number;
}

export function geometryInfo(grids: Grids): GeometryInfo {
  const { hash, bounds } = summarizeGeometry(grids);
  return { grids, hash, bounds, aspectScale: aspectScaleFor(bounds) };
}

/** Largest on-screen error of a simplified border, in device-independent pixels. */
export const TOLERANCE_PX = 0.4;
/** Above this level of detail simplification no longer pays; the full geometry is drawn. */
export const MAX_DETAIL = 22;

/* ---------------------------------------------------------------- content hash */

export interface GeometrySummary {
  hash: string;
  bounds: GeometryBounds;
}

const summaries = new WeakMap<Grids, GeometrySummary>();

/**
 * The content hash and the bounds of the grids. The hash covers the geometry and the feature identities (gridId,
 * name): two collections that would register the same map get the same hash, so a page that mounts a map a thousand
 * times registers it once. Each feature's digest comes from validation, which reads every position anyway; combining
 * them is one step per feature.
 */
export function summarizeGeometry(grids: Grids): GeometrySummary {
  const cached = summaries.get(grids);
  if (cached) return cached;
  let h1 = 0x811c9dc5 ^ grids.features.length;
  let h2 = 0x01000193;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const feature of grids.features) {
    const digest = gridDigest(feature);
    h1 = Math.imul(h1 ^ digest.hash1, 0x01000193);
    h2 = Math.imul(h2 ^ digest.hash2, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    minX = Math.min(minX, digest.minX);
    minY = Math.min(minY, digest.minY);
    maxX = Math.max(maxX, digest.maxX);
    maxY = Math.max(maxY, digest.maxY);
  }
  const summary = {
    hash: (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0'),
    bounds: minX > maxX ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : { minX, minY, maxX, maxY },
  };
  summaries.set(grids, summary);
  return summary;
}

export function polygonsOf(feature: GridFeature): Position[][][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

export function vertexCount(grids: Grids): number {
  let count = 0;
  for (const feature of grids.features)
    for (const polygon of polygonsOf(feature)) for (const ring of polygon) count += ring.length;
  return count;
}

/**
 * ECharts draws GeoJSON with longitude scaled by `aspectScale` against latitude. cos(latitude) at the map's middle
 * keeps streets at their true proportions in a district-sized map.
 */
export function aspectScaleFor(bounds: GeometryBounds): number {
  const midLat = ((bounds.minY + bounds.maxY) / 2) * (Math.PI / 180);
  return Math.max(0.2, Math.min(1, Math.cos(midLat)));
}

/**
 * The level of detail for a map drawn `widthPx` x `heightPx` at `zoom`: log2 of the pixels across its larger
 * drawn dimension, rounded up so the geometry is never coarser than the screen.
 */
export function detailLevel(
  bounds: GeometryBounds,
  aspectScale: number,
  widthPx: number,
  heightPx: number,
  zoom = 1,
): number {
  const w = (bounds.maxX - bounds.minX) * aspectScale;
  const h = bounds.maxY - bounds.minY;
  if (!(w > 0) || !(h > 0)) return MAX_DETAIL;
  // ECharts fits the map box into the view keeping its aspect: pixels per latitude degree.
  const scale = Math.min(Math.max(widthPx, 1) / w, Math.max(heightPx, 1) / h) * Math.max(zoom, 1);
  const pixelsAcross = scale * Math.max(w, h);
  return Math.min(MAX_DETAIL, Math.max(6, Math.ceil(Math.log2(pixelsAcross))));
}

/* ---------------------------------------------------------------- simplification */

/**
 * Borders are cut where they cross a line of a lattice 2^ANCHOR_SHIFT snapping cells wide (51.2 px at the drawn
 * size). A crossing is a property of the edge alone, and the edge's smaller end in (x, y) order is the cut, so both
 * grids along a border cut it at the same points whatever their direction. Every cut is a point kept, which ECharts
 * then draws on every refresh: a 12.8 px lattice kept 31,400 points at 1,000 grids where exact junctions kept 23,900
 * and slowed the refresh by a fifth; at 51.2 px it is 26,000 and the refresh is as fast as before.
 */
const ANCHOR_SHIFT = 8;

/**
 * Scratch for one ring, grown to the longest ring: the snapped ring twice over (so a stretch never wraps), a cut mark
 * per point, the cuts in ring order and the Douglas-Peucker stack. The simplifier's loops are plain functions over
 * these arrays: read through a closure, every access would be a context load in the hottest loop of the first draw.
 */
interface RingScratch {
  xs: Int32Array;
  ys: Int32Array;
  /** The input position each snapped point draws (see snapRing). */
  origin: Int32Array;
  cut: Uint8Array;
  cuts: number[];
  stack: number[];
}

function ringScratch(size: number, scratch?: RingScratch): RingScratch {
  if (scratch && scratch.xs.length >= size * 2) return scratch;
  return {
    xs: new Int32Array(size * 4),
    ys: new Int32Array(size * 4),
    origin: new Int32Array(size * 2),
    cut: new Uint8Array(size * 2),
    cuts: [],
    stack: [],
  };
}

/** Whether point i comes before point j in (x, y) order. */
function before(xs: Int32Array, ys: Int32Array, i: number, j: number): boolean {
  const xi = xs[i]!;
  const xj = xs[j]!;
  return xi < xj || (xi === xj && ys[i]! < ys[j]!);
}

/** Whether position a comes before position b in (x, y) order. */
function earlier(a: Position, b: Position): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/**
 * Snaps the ring to the quantum grid, dropping repeats and the closing position: the same run of cells read either
 * way along a border, so both neighbours agree. Each snapped point remembers the input position it will be drawn at:
 * the smallest in (x, y) order of the run that snapped to its cell, which both neighbours pick alike whichever way
 * they read the border. Returns the number of points.
 */
function snapRing(
  ring: Position[],
  xs: Int32Array,
  ys: Int32Array,
  origin: Int32Array,
  minX: number,
  minY: number,
  perQuantum: number,
): number {
  let n = 0;
  let lastX = -1;
  let lastY = -1;
  for (let i = 0; i < ring.length; i += 1) {
    const position = ring[i]!;
    // Rounded (positions lie at or past the minimum, so x + 0.5 truncates to the nearest integer).
    const x = ((position[0] - minX) * perQuantum + 0.5) | 0;
    const y = ((position[1] - minY) * perQuantum + 0.5) | 0;
    if (x !== lastX || y !== lastY) {
      xs[n] = lastX = x;
      ys[n] = lastY = y;
      origin[n] = i;
      n += 1;
    } else if (earlier(position, ring[origin[n - 1]!]!)) {
      origin[n - 1] = i;
    }
  }
  while (n > 1 && xs[0] === xs[n - 1] && ys[0] === ys[n - 1]) {
    if (earlier(ring[origin[n - 1]!]!, ring[origin[0]!]!)) origin[0] = origin[n - 1]!;
    n -= 1;
  }
  return n;
}

/**
 * The cuts of a snapped ring of n points (see ANCHOR_SHIFT), in ring order from the first, into `cuts`; a ring
 * crossing no lattice line (a grid smaller than a lattice cell) is cut at its smallest point, as its twin (the hole it
 * fills) is. A cut found on the closing edge at point 0, after the first cut, is point n of the doubled ring.
 */
function findCuts(xs: Int32Array, ys: Int32Array, cut: Uint8Array, n: number, cuts: number[]): void {
  cut.fill(0, 0, n);
  cuts.length = 0;
  for (let i = 0; i < n; i += 1) {
    if (
      xs[i]! >> ANCHOR_SHIFT !== xs[i + 1]! >> ANCHOR_SHIFT ||
      ys[i]! >> ANCHOR_SHIFT !== ys[i + 1]! >> ANCHOR_SHIFT
    ) {
      const k = before(xs, ys, i, i + 1) ? i : (i + 1) % n;
      if (!cut[k]) {
        cut[k] = 1;
        cuts.push(k);
      }
    }
  }
  if (cuts.length === 0) {
    let smallest = 0;
    for (let i = 1; i < n; i += 1) if (before(xs, ys, i, smallest)) smallest = i;
    cuts.push(smallest);
  } else if (cuts[cuts.length - 1]! < cuts[0]!) {
    cuts[cuts.length - 1] = n;
  }
}

/**
 * Douglas-Peucker over xs/ys[first..last] with a tolerance of two quanta, appending the points kept strictly between
 * first and last to `out` in ring order (drawn at their input positions). Distances come from integer products that
 * read the same from either end (exact: below MAX_DETAIL a map spans under 2^24 quanta) and ties go to the smaller
 * point, so the neighbour walking the same stretch the other way keeps the very same points.
 *
 * An explicit stack, in order: the left part, then the point kept (pushed as -1, index), then the right part. Kept
 * points go straight to `out`, with no second pass over a flag per point to collect them, and no recursion a long
 * stretch could overflow.
 */
function keepStretch(
  xs: Int32Array,
  ys: Int32Array,
  stack: number[],
  first: number,
  last: number,
  ring: Position[],
  origin: Int32Array,
  n: number,
  out: Position[],
): void {
  stack.push(first, last);
  while (stack.length > 0) {
    const to = stack.pop()!;
    const from = stack.pop()!;
    if (from < 0) {
      out.push(ring[origin[to < n ? to : to - n]!]!);
      continue;
    }
    const ax = xs[from]!;
    const ay = ys[from]!;
    const dx = xs[to]! - ax;
    const dy = ys[to]! - ay;
    const length2 = dx * dx + dy * dy;
    // Squared distances times length2, so the usual case is a cross product with no division.
    const scale = length2 || 1;
    let farthest = 0;
    let farthest2 = 4 * scale;
    for (let i = from + 1; i < to; i += 1) {
      const px = xs[i]! - ax;
      const py = ys[i]! - ay;
      const along = px * dx + py * dy;
      // Past either end (or a closed stretch): the distance to that end.
      const d2 =
        along <= 0
          ? (px * px + py * py) * scale
          : along >= length2
            ? ((px - dx) ** 2 + (py - dy) ** 2) * scale
            : (px * dy - py * dx) ** 2;
      if (d2 > farthest2 || (d2 === farthest2 && farthest && before(xs, ys, i, farthest))) {
        farthest2 = d2;
        farthest = i;
      }
    }
    if (farthest) {
      if (to - farthest > 1) stack.push(farthest, to);
      stack.push(-1, farthest);
      if (farthest - from > 1) stack.push(from, farthest);
    }
  }
}

/**
 * The grids with every border simplified to `tolerance` (in coordinate units: degrees). Properties objects and the
 * positions kept are shared with the input; only the rings are new. `bounds` are the grids' own, as summarizeGeometry
 * has them from validation's digests: the snapping lattice starts at their corner.
 */
export function simplifyGrids(grids: Grids, tolerance: number, bounds: GeometryBounds): Grids {
  const { minX, minY, maxX, maxY } = bounds;
  // Snap at half the tolerance (a snapped point is within 0.15 px of its input positions); snapped integers stay well
  // inside int32.
  const quantum = Math.max(tolerance / 2, Math.max(maxX - minX, maxY - minY, 1e-12) / 1e9);
  const perQuantum = 1 / quantum;
  let scratch: RingScratch | undefined;

  const simplifyRing = (ring: Position[]): Position[] => {
    scratch = ringScratch(ring.length, scratch);
    const { xs, ys, origin, cut, cuts, stack } = scratch;
    const n = snapRing(ring, xs, ys, origin, minX, minY, perQuantum);
    if (n < 3) return ring; // smaller than the snapping grid: nothing to gain, keep it drawable
    xs.copyWithin(n, 0, n);
    ys.copyWithin(n, 0, n);
    findCuts(xs, ys, cut, n, cuts);
    // The kept points are drawn at input positions, shared with the input (nothing new to allocate per point): each
    // cut, then what Douglas-Peucker keeps up to the next cut, round to the first cut again.
    const first = cuts[0]!;
    const out: Position[] = [ring[origin[first]!]!];
    for (let j = 0; j < cuts.length; j += 1) {
      const from = cuts[j]!;
      const to = j + 1 < cuts.length ? cuts[j + 1]! : first + n;
      if (to - from > 1) keepStretch(xs, ys, stack, from, to, ring, origin, n, out);
      out.push(ring[origin[to < n ? to : to - n]!]!);
    }
    // `out` is closed (last === first). Fewer than 4 positions has no area: keep every snapped point instead.
    if (out.length < 4) {
      const closed: Position[] = [];
      for (let i = 0; i <= n; i += 1) closed.push(ring[origin[i < n ? i : 0]!]!);
      return closed;
    }
    return out;
  };

  const features = grids.features.map((feature): GridFeature => {
    const polygons = polygonsOf(feature).map((polygon) => polygon.map(simplifyRing));
    return {
      type: 'Feature',
      properties: feature.properties,
      geometry:
        feature.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: polygons[0] ?? [] }
          : { type: 'MultiPolygon', coordinates: polygons },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** Tolerance in coordinate units for a level of detail: TOLERANCE_PX at 2^detail pixels across the map. */
export function toleranceFor(bounds: GeometryBounds, aspectScale: number, detail: number): number {
  const w = (bounds.maxX - bounds.minX) * aspectScale;
  const h = bounds.maxY - bounds.minY;
  const across = Math.max(w, h, 1e-12);
  return (TOLERANCE_PX * across) / 2 ** detail;
}
