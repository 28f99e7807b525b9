/**
 * Grid geometry at the resolution it is drawn (pure, no DOM).
 *
 * Bank GIS exports carry far more vertices than pixels: ~600,000 vertices for 499 district polygons, which takes raw
 * ECharts ~0.6 s to draw. Topology-preserving simplification with topojson costs about as long as the draw itself, so
 * it cannot sit in front of the first paint. This module does a cheaper reduction in two linear passes:
 *
 * 1. Snap every vertex to a grid finer than the pixel at the drawn size (a quarter of the tolerance) and index the
 *    snapped points in an open-addressing hash table. Neighbouring grids share identical border vertices (DESIGN,
 *    Data shapes), so both sides of a border land on the same point ids.
 * 2. Cut every ring into arcs at junctions (points with more than two distinct neighbours: where three grids meet, or
 *    where a shared border meets the district edge) and simplify each arc once, Douglas-Peucker in a canonical
 *    direction, cached by its first directed edge. Both neighbours receive the very same simplified border, one
 *    forwards and one reversed, so simplification opens no gap and adds no overlap between grids.
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

const hashes = new WeakMap<Grids, string>();

/**
 * A content hash of the geometry and the feature identities (gridId, name): two collections that would register
 * the same map get the same hash, so a page that mounts a map a thousand times registers it once. Coordinates enter
 * at 1e-9 degree (well under a millimetre), which keeps the hash to integer arithmetic: 600,000 vertices in a few ms.
 */
export function geometryHash(grids: Grids): string {
  const cached = hashes.get(grids);
  if (cached) return cached;
  let h1 = 0x811c9dc5 ^ grids.features.length;
  let h2 = 0x01000193;
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
          h1 = Math.imul(h1 ^ ((position[0] * 1e9) | 0), 0x01000193);
          h2 = Math.imul(h2 ^ ((position[1] * 1e9) | 0), 0x5bd1e995);
          h2 ^= h2 >>> 15;
        }
      }
    }
  }
  const hash = (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  hashes.set(grids, hash);
  return hash;
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

/** Spreads the low 16 bits of `x` to the even bits (Morton order). */
function spreadBits(x: number): number {
  let v = x & 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  return (v | (v << 1)) & 0x55555555;
}

/**
 * Open-addressing table from snapped (ix, iy) to a point id. At 600,000 vertices cache misses are most of the work,
 * so the table keeps locality instead of scattering: a point's home slot is its Morton code inside a square tile of
 * the table's size (points next to each other along a street land in the same cache lines), and each tile is moved
 * by a hash of its position so far-apart tiles do not pile onto the same slots. Key and id share one Int32Array.
 */
class PointIndex {
  private readonly mask: number;
  private readonly bitsEach: number;
  private readonly slots: Int32Array; // [ix, iy, id + 1] per slot; id + 1 === 0 marks an empty slot
  count = 0;
  readonly xs: Float64Array;
  readonly ys: Float64Array;

  constructor(expected: number) {
    let bitsEach = 5;
    while (4 ** bitsEach < expected * 1.5) bitsEach += 1;
    this.bitsEach = bitsEach;
    this.mask = 4 ** bitsEach - 1;
    this.slots = new Int32Array((this.mask + 1) * 3);
    this.xs = new Float64Array(expected + 1);
    this.ys = new Float64Array(expected + 1);
  }

  idOf(ix: number, iy: number, x: number, y: number): number {
    const bits = this.bitsEach;
    const low = (1 << bits) - 1;
    let tile = Math.imul(ix >>> bits, 0x9e3779b1) ^ Math.imul(iy >>> bits, 0x85ebca6b);
    tile = Math.imul(tile ^ (tile >>> 15), 0xc2b2ae35);
    let slot = ((spreadBits(ix & low) | (spreadBits(iy & low) << 1)) ^ tile) & this.mask;
    const slots = this.slots;
    for (;;) {
      const at = slot * 3;
      const stored = slots[at + 2] ?? 0;
      if (stored === 0) {
        const id = this.count;
        this.count += 1;
        slots[at] = ix;
        slots[at + 1] = iy;
        slots[at + 2] = id + 1;
        this.xs[id] = x;
        this.ys[id] = y;
        return id;
      }
      if (slots[at] === ix && slots[at + 1] === iy) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Douglas-Peucker over `ids[from..to]` (inclusive), marking kept positions in `keep`. */
function douglasPeucker(ids: Int32Array, xs: Float64Array, ys: Float64Array, from: number, to: number, tolerance2: number, keep: Uint8Array): void {
  const stack: number[] = [from, to];
  while (stack.length > 0) {
    const last = stack.pop() ?? 0;
    const first = stack.pop() ?? 0;
    if (last - first < 2) continue;
    const ax = xs[ids[first] ?? 0] ?? 0;
    const ay = ys[ids[first] ?? 0] ?? 0;
    const dx = (xs[ids[last] ?? 0] ?? 0) - ax;
    const dy = (ys[ids[last] ?? 0] ?? 0) - ay;
    const length2 = dx * dx + dy * dy;
    let farthest = -1;
    let farthest2 = tolerance2;
    for (let i = first + 1; i < last; i += 1) {
      const px = (xs[ids[i] ?? 0] ?? 0) - ax;
      const py = (ys[ids[i] ?? 0] ?? 0) - ay;
      let d2: number;
      if (length2 === 0) {
        d2 = px * px + py * py;
      } else {
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / length2));
        const ex = px - t * dx;
        const ey = py - t * dy;
        d2 = ex * ex + ey * ey;
      }
      if (d2 > farthest2) {
        farthest2 = d2;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push(first, farthest, farthest, last);
    }
  }
}

/**
 * The grids with every border simplified to `tolerance` (in coordinate units: degrees), topology kept. Properties
 * objects are shared with the input; only geometry is new.
 */
export function simplifyGrids(grids: Grids, tolerance: number, knownBounds?: GeometryBounds): Grids {
  const bounds = knownBounds ?? gridBounds(grids);
  const span = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY, 1e-12);
  // Snap at half the tolerance (the snapped picture stays within 0.15 px of the original); keep snapped integers
  // well inside int32.
  const quantum = Math.max(tolerance / 2, span / 1e9);
  const total = vertexCount(grids);
  const index = new PointIndex(total);

  // Pass 1: every ring as a cyclic run of point ids in one flat array, consecutive duplicates (after snapping)
  // removed. Typed arrays and no per-vertex objects: 600,000 vertices must cost tens of milliseconds, not hundreds.
  const flat = new Int32Array(total);
  const ringStart: number[] = [];
  const ringLength: number[] = [];
  let used = 0;
  const { minX, minY } = bounds;
  for (const feature of grids.features) {
    for (const polygon of polygonsOf(feature)) {
      for (const ring of polygon) {
        const begin = used;
        const n = ring.length - 1; // closed: the last position repeats the first
        let lastX = NaN;
        let lastY = NaN;
        for (let i = 0; i < n; i += 1) {
          const position = ring[i] as Position;
          const ix = Math.round((position[0] - minX) / quantum);
          const iy = Math.round((position[1] - minY) / quantum);
          // Runs of vertices in one snapping cell are common (exports carry several vertices per pixel): skip the
          // table for them. Same cell, same point, in either direction along a border, so topology is untouched.
          if (ix === lastX && iy === lastY) continue;
          lastX = ix;
          lastY = iy;
          const id = index.idOf(ix, iy, minX + ix * quantum, minY + iy * quantum);
          if (used === begin || flat[used - 1] !== id) flat[used++] = id;
        }
        while (used - begin > 1 && flat[begin] === flat[used - 1]) used -= 1;
        ringStart.push(begin);
        ringLength.push(used - begin);
      }
    }
  }

  // Pass 2: junctions are points with more than two distinct neighbours over all rings.
  const pointCount = index.count;
  const neighbourA = new Int32Array(pointCount).fill(-1);
  const neighbourB = new Int32Array(pointCount).fill(-1);
  const junction = new Uint8Array(pointCount);
  const addNeighbour = (point: number, other: number): void => {
    const a = neighbourA[point] ?? -1;
    if (a === other) return;
    if (a === -1) {
      neighbourA[point] = other;
      return;
    }
    const b = neighbourB[point] ?? -1;
    if (b === other) return;
    if (b === -1) neighbourB[point] = other;
    else junction[point] = 1;
  };
  for (let r = 0; r < ringStart.length; r += 1) {
    const begin = ringStart[r] ?? 0;
    const n = ringLength[r] ?? 0;
    if (n < 3) continue;
    for (let i = 0; i < n; i += 1) {
      const point = flat[begin + i] ?? 0;
      addNeighbour(point, flat[begin + ((i + n - 1) % n)] ?? 0);
      addNeighbour(point, flat[begin + ((i + 1) % n)] ?? 0);
    }
  }

  const { xs, ys } = index;
  const tolerance2 = tolerance * tolerance;
  const arcCache = new Map<number, Int32Array>();
  let arcScratch = new Int32Array(64);
  let keepScratch = new Uint8Array(64);

  /** The arc `source[from..from+last]` (read backwards when `reversed`) simplified in canonical direction, as kept point ids; cached by its first directed edge. */
  const simplifiedArc = (source: Int32Array, from: number, last: number, reversed: boolean, key: number): Int32Array => {
    const hit = arcCache.get(key);
    if (hit) return hit;
    if (arcScratch.length < last + 1) {
      arcScratch = new Int32Array((last + 1) * 2);
      keepScratch = new Uint8Array((last + 1) * 2);
    }
    const arc = arcScratch;
    const keep = keepScratch;
    for (let k = 0; k <= last; k += 1) {
      arc[k] = source[reversed ? from + last - k : from + k] ?? 0;
      keep[k] = 0;
    }
    keep[0] = 1;
    keep[last] = 1;
    if (arc[0] === arc[last]) {
      // A closed loop (an island grid, a hole): split at the point farthest from the start so it keeps an area.
      let far = 1;
      let far2 = -1;
      const x0 = xs[arc[0] ?? 0] ?? 0;
      const y0 = ys[arc[0] ?? 0] ?? 0;
      for (let i = 1; i < last; i += 1) {
        const dx = (xs[arc[i] ?? 0] ?? 0) - x0;
        const dy = (ys[arc[i] ?? 0] ?? 0) - y0;
        if (dx * dx + dy * dy > far2) {
          far2 = dx * dx + dy * dy;
          far = i;
        }
      }
      keep[far] = 1;
      douglasPeucker(arc, xs, ys, 0, far, tolerance2, keep);
      douglasPeucker(arc, xs, ys, far, last, tolerance2, keep);
    } else {
      douglasPeucker(arc, xs, ys, 0, last, tolerance2, keep);
    }
    let kept = 0;
    for (let i = 0; i <= last; i += 1) kept += keep[i] ?? 0;
    const result = new Int32Array(kept);
    for (let i = 0, j = 0; i <= last; i += 1) if (keep[i]) result[j++] = arc[i] ?? 0;
    arcCache.set(key, result);
    return result;
  };

  let rotated = new Int32Array(64);

  const simplifyRing = (r: number, raw: Position[]): Position[] => {
    const begin = ringStart[r] ?? 0;
    const n = ringLength[r] ?? 0;
    if (n < 3) return raw; // smaller than the snapping grid: nothing to gain, keep it drawable
    let start = -1;
    for (let i = 0; i < n; i += 1) {
      if (junction[flat[begin + i] ?? 0]) {
        start = i;
        break;
      }
    }
    if (start === -1) {
      // No junction: the ring shares its whole boundary (or none). Start at its smallest id so a twin ring (the
      // hole this grid fills) is cut at the same point.
      start = 0;
      for (let i = 1; i < n; i += 1) if ((flat[begin + i] ?? 0) < (flat[begin + start] ?? 0)) start = i;
    }
    // The ring rotated to start (and end) at that point, so every arc is a contiguous slice.
    if (rotated.length < n + 1) rotated = new Int32Array((n + 1) * 2);
    const ring = rotated;
    for (let i = 0; i <= n; i += 1) ring[i] = flat[begin + ((start + i) % n)] ?? 0;
    const out: Position[] = [[xs[ring[0] ?? 0] ?? 0, ys[ring[0] ?? 0] ?? 0]];
    let from = 0;
    for (let step = 1; step <= n; step += 1) {
      if (step !== n && !junction[ring[step] ?? 0]) continue;
      const last = step - from;
      const a0 = ring[from] ?? 0;
      const ak = ring[step] ?? 0;
      const forward = a0 < ak || (a0 === ak && (ring[from + 1] ?? 0) <= (ring[step - 1] ?? 0));
      if (forward) {
        const simple = simplifiedArc(ring, from, last, false, a0 * pointCount + (ring[from + 1] ?? 0));
        for (let i = 1; i < simple.length; i += 1) {
          const id = simple[i] ?? 0;
          out.push([xs[id] ?? 0, ys[id] ?? 0]);
        }
      } else {
        const simple = simplifiedArc(ring, from, last, true, ak * pointCount + (ring[step - 1] ?? 0));
        for (let i = simple.length - 2; i >= 0; i -= 1) {
          const id = simple[i] ?? 0;
          out.push([xs[id] ?? 0, ys[id] ?? 0]);
        }
      }
      from = step;
    }
    // `out` is closed (last === first). Fewer than 4 positions has no area: keep the snapped ring instead.
    if (out.length < 4) {
      const closed: Position[] = [];
      for (let i = 0; i <= n; i += 1) closed.push([xs[ring[i] ?? 0] ?? 0, ys[ring[i] ?? 0] ?? 0]);
      return closed;
    }
    return out;
  };

  let ringIndex = 0;
  const features = grids.features.map((feature): GridFeature => {
    const polygons = polygonsOf(feature).map((polygon) => polygon.map((ring) => simplifyRing(ringIndex++, ring)));
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
