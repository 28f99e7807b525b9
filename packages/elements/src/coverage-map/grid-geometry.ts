/**
 * Grid geometry at the resolution it is drawn (pure, no DOM).
 *
 * Bank GIS exports carry far more vertices than pixels: ~600,000 vertices for 499 district polygons, which takes raw
 * ECharts ~0.6 s to draw. Topology-preserving simplification with topojson costs about as long as the draw itself, so
 * it cannot sit in front of the first paint. This module reduces one ring at a time, in linear passes with nothing
 * looked up across rings:
 *
 * 1. Snap every vertex to a grid of half the tolerance and drop repeats. Neighbouring grids share identical border
 *    vertices (DESIGN, Data shapes), so both sides of a border snap to the same run of points.
 * 2. Cut the ring where it crosses a coarse lattice (ANCHOR_SHIFT) and simplify each stretch with Douglas-Peucker
 *    computed so that it keeps the same points whichever way the stretch is read. A stretch two neighbours share is
 *    simplified identically on both sides: no gap, no overlap.
 * 3. The stretch that runs through a junction (where three grids meet, or a border meets the district edge) is cut
 *    differently on each side, so there the two simplified borders may part by up to the tolerance, within a lattice
 *    cell of the junction: slivers narrower than the 0.8 px border ECharts strokes over them (a pixel test against
 *    full detail and a sliver test bound them). Cutting at junctions exactly needs every vertex looked up across all
 *    rings (a hash table of snapped points): that lookup was most of the time simplification took (about 90 of
 *    150 ms at 5,000 grids), which the first paint cannot afford.
 *
 * A level of detail is `ceil(log2(pixels across the map))`: one per doubling of drawn size or zoom, so a geometry
 * has a handful of levels at most and each is computed once (cached by content hash and level in the element).
 */
import type { GridFeature, Grids, Position } from '@stride/core';

export interface GeometryBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
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
 * The content hash and the bounds of the grids, in one pass over every vertex. The hash covers the geometry and the
 * feature identities (gridId, name): two collections that would register the same map get the same hash, so a page
 * that mounts a map a thousand times registers it once. Coordinates enter at 1e-9 degree (well under a millimetre),
 * which keeps the hash to integer arithmetic: 600,000 vertices in a few ms.
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
    const { gridId, name } = feature.properties;
    for (let i = 0; i < gridId.length; i += 1) h1 = Math.imul(h1 ^ gridId.charCodeAt(i), 0x01000193);
    for (let i = 0; i < name.length; i += 1) h2 = Math.imul(h2 ^ name.charCodeAt(i), 0x5bd1e995);
    for (const polygon of polygonsOf(feature)) {
      h1 = Math.imul(h1 ^ polygon.length, 0x01000193);
      for (const ring of polygon) {
        h2 = Math.imul(h2 ^ ring.length, 0x5bd1e995);
        for (let i = 0; i < ring.length; i += 1) {
          const position = ring[i] as Position;
          const x = position[0];
          const y = position[1];
          h1 = Math.imul(h1 ^ ((x * 1e9) | 0), 0x01000193);
          h2 = Math.imul(h2 ^ ((y * 1e9) | 0), 0x5bd1e995);
          h2 ^= h2 >>> 15;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
    }
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

export function gridBounds(grids: Grids): GeometryBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const feature of grids.features) {
    for (const polygon of polygonsOf(feature)) {
      // The outer ring bounds the polygon; holes lie inside it.
      const ring = polygon[0] ?? [];
      for (let i = 0; i < ring.length; i += 1) {
        const position = ring[i] as Position;
        const x = position[0];
        const y = position[1];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (minX > maxX) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}

export function vertexCount(grids: Grids): number {
  let count = 0;
  for (const feature of grids.features) for (const polygon of polygonsOf(feature)) for (const ring of polygon) count += ring.length;
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
export function detailLevel(bounds: GeometryBounds, aspectScale: number, widthPx: number, heightPx: number, zoom = 1): number {
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
 * The grids with every border simplified to `tolerance` (in coordinate units: degrees). Properties objects are
 * shared with the input; only geometry is new.
 */
export function simplifyGrids(grids: Grids, tolerance: number, knownBounds?: GeometryBounds): Grids {
  const { minX, minY, maxX, maxY } = knownBounds ?? gridBounds(grids);
  // Snap at half the tolerance (the snapped picture stays within 0.15 px of the original); snapped integers stay well
  // inside int32.
  const quantum = Math.max(tolerance / 2, Math.max(maxX - minX, maxY - minY, 1e-12) / 1e9);
  const perQuantum = 1 / quantum;
  // Scratch, grown to the longest ring: the snapped ring twice over (so a chunk never wraps), anchors and kept flags.
  let xs = new Int32Array(0);
  let ys = xs;
  let anchor = new Uint8Array(0);
  let keep = anchor;
  const stack: number[] = [];
  const before = (i: number, j: number): boolean => (xs[i] ?? 0) < (xs[j] ?? 0) || (xs[i] === xs[j] && (ys[i] ?? 0) < (ys[j] ?? 0));

  /**
   * Douglas-Peucker over xs/ys[first..last] with a tolerance of two quanta, marking kept indices in `keep`. Distances
   * come from integer products that read the same from either end (exact: below MAX_DETAIL a map spans under 2^24
   * quanta) and ties go to the smaller point, so the neighbour walking the same stretch the other way keeps the very
   * same points.
   */
  const douglasPeucker = (first: number, last: number): void => {
    stack.push(first, last);
    while (stack.length > 0) {
      const to = stack.pop() ?? 0;
      const from = stack.pop() ?? 0;
      const ax = xs[from] ?? 0;
      const ay = ys[from] ?? 0;
      const bx = xs[to] ?? 0;
      const by = ys[to] ?? 0;
      const dx = bx - ax;
      const dy = by - ay;
      const length2 = dx * dx + dy * dy;
      // Squared distances times length2, so the usual case is a cross product with no division.
      const scale = length2 || 1;
      let farthest = 0;
      let farthest2 = 4 * scale;
      for (let i = from + 1; i < to; i += 1) {
        const px = (xs[i] ?? 0) - ax;
        const py = (ys[i] ?? 0) - ay;
        const along = px * dx + py * dy;
        // Past either end (or a closed stretch): the distance to that end.
        const d2 = along <= 0 ? (px * px + py * py) * scale : along >= length2 ? ((px - dx) ** 2 + (py - dy) ** 2) * scale : (px * dy - py * dx) ** 2;
        if (d2 > farthest2 || (d2 === farthest2 && farthest && before(i, farthest))) {
          farthest2 = d2;
          farthest = i;
        }
      }
      if (farthest) {
        keep[farthest] = 1;
        if (farthest - from > 1) stack.push(from, farthest);
        if (to - farthest > 1) stack.push(farthest, to);
      }
    }
  };

  const simplifyRing = (ring: Position[]): Position[] => {
    const m = ring.length;
    if (xs.length < m * 2) {
      xs = new Int32Array(m * 4);
      ys = new Int32Array(m * 4);
      anchor = new Uint8Array(m * 4);
      keep = new Uint8Array(m * 4);
    }
    // Snap, dropping repeats: the same run of cells read either way along a border, so both neighbours agree.
    let n = 0;
    let lastX = -1;
    let lastY = -1;
    for (let i = 0; i < m; i += 1) {
      const position = ring[i] as Position;
      // Rounded (positions lie at or past the minimum, so x + 0.5 truncates to the nearest integer).
      const x = ((position[0] - minX) * perQuantum + 0.5) | 0;
      const y = ((position[1] - minY) * perQuantum + 0.5) | 0;
      if (x !== lastX || y !== lastY) {
        xs[n] = lastX = x;
        ys[n] = lastY = y;
        n += 1;
      }
    }
    while (n > 1 && xs[0] === xs[n - 1] && ys[0] === ys[n - 1]) n -= 1;
    if (n < 3) return ring; // smaller than the snapping grid: nothing to gain, keep it drawable
    xs.copyWithin(n, 0, n);
    ys.copyWithin(n, 0, n);
    anchor.fill(0, 0, n);
    keep.fill(0, 0, n * 2);
    let first = -1;
    for (let i = 0; i < n; i += 1) {
      if ((xs[i] ?? 0) >> ANCHOR_SHIFT !== (xs[i + 1] ?? 0) >> ANCHOR_SHIFT || (ys[i] ?? 0) >> ANCHOR_SHIFT !== (ys[i + 1] ?? 0) >> ANCHOR_SHIFT) {
        const k = before(i, i + 1) ? i : (i + 1) % n;
        if (first < 0) first = k;
        anchor[k] = 1;
      }
    }
    if (first < 0) {
      // A ring crossing no lattice line (a grid smaller than a lattice cell) is cut at its smallest point, as its twin
      // (the hole it fills) is.
      first = 0;
      for (let i = 1; i < n; i += 1) if (before(i, first)) first = i;
      anchor[first] = 1;
    }
    let from = first;
    for (let to = first + 1; to <= first + n; to += 1) {
      if (to < first + n && !anchor[to < n ? to : to - n]) continue;
      keep[to] = 1;
      douglasPeucker(from, to);
      from = to;
    }
    const out: Position[] = [];
    for (let i = first; i <= first + n; i += 1) if (i === first || keep[i]) out.push([minX + (xs[i] ?? 0) * quantum, minY + (ys[i] ?? 0) * quantum]);
    // `out` is closed (last === first). Fewer than 4 positions has no area: keep the snapped ring instead.
    if (out.length < 4) {
      const closed: Position[] = [];
      for (let i = 0; i <= n; i += 1) closed.push([minX + (xs[i] ?? 0) * quantum, minY + (ys[i] ?? 0) * quantum]);
      return closed;
    }
    return out;
  };

  const features = grids.features.map((feature): GridFeature => {
    const polygons = polygonsOf(feature).map((polygon) => polygon.map(simplifyRing));
    return {
      type: 'Feature',
      properties: feature.properties,
      geometry: feature.geometry.type === 'Polygon'
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
