/**
 * Where the map is drawn in its panel and which grid names it can show without one running into another. Pure: the
 * container's size, the geometry's bounds and the zoom in; the view rectangle and the names to show out.
 *
 * The geo component's labels are not laid out by ECharts (its `labelLayout: {hideOverlap}` serves series only), and
 * at 60 grids in a 420 px panel every name crossed its neighbours'. The names are placed here instead, the signed-in
 * manager's grids first, then the largest: a name shows only where its whole box is clear of the names already placed
 * and, at the fitted view, inside the panel.
 */
import type { Grids, Position } from '@stride/core';
import { polygonsOf, type GeometryBounds } from './coverage-map.geometry.js';

/** Space between the panel's edges and the grids (px). */
export interface MapPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The zoom buttons stand in a column at the top right: a wide panel keeps that strip free of grids. */
export const WIDE_PADDING: MapPadding = { top: 8, right: 48, bottom: 8, left: 8 };
/** Below 480 px the buttons form a row along the top (coverage-map.styles.ts), and the grids start under it. */
export const NARROW_PADDING: MapPadding = { top: 48, right: 8, bottom: 8, left: 8 };
export const NARROW_MAX_WIDTH = 480;

export function mapPadding(width: number): MapPadding {
  return width <= NARROW_MAX_WIDTH ? NARROW_PADDING : WIDE_PADDING;
}

/** Width over height of the grids as drawn (longitude scaled by aspectScale). */
export function mapAspect(bounds: GeometryBounds, aspectScale: number): number {
  const w = (bounds.maxX - bounds.minX) * aspectScale;
  const h = bounds.maxY - bounds.minY;
  return w > 0 && h > 0 ? w / h : 1;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The rectangle the grids fill at zoom 1: the panel less its padding, shrunk on one axis to keep the map's aspect
 * (ECharts' `preserveAspect: 'contain'` on the same box), centred.
 */
export function fittedRect(bounds: GeometryBounds, aspectScale: number, width: number, height: number): Rect {
  const padding = mapPadding(width);
  const boxWidth = Math.max(1, width - padding.left - padding.right);
  const boxHeight = Math.max(1, height - padding.top - padding.bottom);
  const aspect = mapAspect(bounds, aspectScale);
  const fitWidth = boxWidth / boxHeight > aspect ? boxHeight * aspect : boxWidth;
  const fitHeight = fitWidth / aspect;
  return {
    x: padding.left + (boxWidth - fitWidth) / 2,
    y: padding.top + (boxHeight - fitHeight) / 2,
    width: fitWidth,
    height: fitHeight,
  };
}

/** A grid's name anchor: where ECharts puts a region's label (the centroid of its polygon with the most vertices). */
export interface LabelAnchor {
  gridId: string;
  lon: number;
  lat: number;
  /** Area of that polygon in square degrees, for the order of placement. */
  area: number;
}

const anchorCache = new WeakMap<Grids, LabelAnchor[]>();

export function labelAnchors(grids: Grids): LabelAnchor[] {
  const cached = anchorCache.get(grids);
  if (cached) return cached;
  const anchors: LabelAnchor[] = [];
  for (const feature of grids.features) {
    let ring: Position[] | undefined;
    for (const polygon of polygonsOf(feature)) {
      const outer = polygon[0];
      if (outer && outer.length > (ring?.length ?? 0)) ring = outer;
    }
    if (!ring) continue;
    const gridId = String(feature.properties.gridId);
    anchors.push({ gridId, ...centroid(ring) });
  }
  anchorCache.set(grids, anchors);
  return anchors;
}

/** The area-weighted centroid of a ring (the mean of its vertices for a degenerate one). */
function centroid(ring: readonly Position[]): { lon: number; lat: number; area: number } {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(twiceArea) < 1e-18) {
    const n = Math.max(1, ring.length);
    return {
      lon: ring.reduce((s, p) => s + p[0], 0) / n,
      lat: ring.reduce((s, p) => s + p[1], 0) / n,
      area: 0,
    };
  }
  return { lon: cx / (3 * twiceArea), lat: cy / (3 * twiceArea), area: Math.abs(twiceArea) / 2 };
}

/**
 * The width of a name at `fontSize`: a CJK character is a full em, anything else about 0.62 em (sans-serif digits and
 * Latin letters are narrower; erring wide keeps two names from touching).
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += (char.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.62;
  return ems * fontSize;
}

export interface LabelPlacementInput {
  anchors: readonly LabelAnchor[];
  /** The name of each grid to label; grids without one are not labelled. */
  names: ReadonlyMap<string, string>;
  /** Grids whose names go first (the signed-in manager's). */
  first?: ReadonlySet<string>;
  bounds: GeometryBounds;
  aspectScale: number;
  width: number;
  height: number;
  zoom: number;
  /** True at the fitted view: names must then lie inside the panel too (panned away, the canvas clips as maps do). */
  fitted: boolean;
  /**
   * Zoomed in, the centre the viewer roamed to (lon, lat): only names within one panel of the view are placed (see
   * `labelWindow`). Without it, every name that fits on the whole map is placed.
   */
  center?: readonly [number, number];
  fontSize: number;
}

/** Clear space kept around every name (px), besides its text outline. */
const GAP = 3;

/**
 * Which panel-sized tile of the zoomed map the view's centre is in ('' at the fitted view): the names are placed
 * again when it changes. Zoomed in far, thousands of names fit on the whole map, and ECharts draws every one of them
 * on every frame of a pan, those off the canvas too: at 5,000 grids that was most of each frame. So a zoomed map
 * names only the grids within one panel of the view, and a pan into another tile places them again once it settles.
 * Whatever the viewer sees then lies within the placed window: the view's centre is at most half a panel from its
 * tile's centre.
 */
export function labelWindow(
  center: readonly [number, number] | undefined,
  bounds: GeometryBounds,
  aspectScale: number,
  width: number,
  height: number,
  zoom: number,
): string {
  if (!center || zoom <= 1) return '';
  const rect = fittedRect(bounds, aspectScale, width, height);
  const spanX = bounds.maxX - bounds.minX;
  const spanY = bounds.maxY - bounds.minY;
  if (!(spanX > 0) || !(spanY > 0)) return '';
  const dx = (center[0] - (bounds.minX + bounds.maxX) / 2) * (rect.width / spanX) * zoom;
  const dy = (center[1] - (bounds.minY + bounds.maxY) / 2) * (rect.height / spanY) * zoom;
  return `${Math.round(dx / width)},${Math.round(dy / height)}`;
}

/**
 * The grids whose names show. At the fitted view placement depends on the zoom and the panel's size, not on where
 * the viewer has panned: panning moves every name by the same offset, so names that are clear of each other stay
 * clear. Zoomed in with a `center`, only names within one panel of the view are placed (`labelWindow`).
 */
export function placeLabels(input: LabelPlacementInput): Set<string> {
  const { anchors, names, bounds, zoom, fontSize } = input;
  const placed = new Set<string>();
  const rect = fittedRect(bounds, input.aspectScale, input.width, input.height);
  const spanX = bounds.maxX - bounds.minX;
  const spanY = bounds.maxY - bounds.minY;
  if (!(spanX > 0) || !(spanY > 0)) return placed;
  // Pixels per degree at this zoom, about the panel's centre (the fitted view; a pan only shifts everything).
  const sx = (rect.width / spanX) * zoom;
  const sy = (rect.height / spanY) * zoom;
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  // The lon/lat at the view's centre: the roamed centre when zoomed in, else the middle of the map.
  const windowed = !input.fitted && input.center !== undefined;
  const midLon = windowed ? input.center![0] : (bounds.minX + bounds.maxX) / 2;
  const midLat = windowed ? input.center![1] : (bounds.minY + bounds.maxY) / 2;
  const boxHeight = fontSize * 1.35 + 2 * GAP;

  const order = anchors
    .filter((anchor) => names.has(anchor.gridId))
    .sort(
      (a, b) =>
        Number(input.first?.has(b.gridId) ?? false) - Number(input.first?.has(a.gridId) ?? false) ||
        b.area - a.area ||
        (a.gridId < b.gridId ? -1 : a.gridId > b.gridId ? 1 : 0),
    );
  // A spatial hash of the placed boxes: checking a name against its neighbours only keeps thousands of grids linear.
  const cell = Math.max(32, boxHeight * 4);
  const buckets = new Map<string, Rect[]>();
  const keysOf = (box: Rect): string[] => {
    const keys: string[] = [];
    for (let i = Math.floor(box.x / cell); i <= Math.floor((box.x + box.width) / cell); i += 1)
      for (let j = Math.floor(box.y / cell); j <= Math.floor((box.y + box.height) / cell); j += 1)
        keys.push(`${i}:${j}`);
    return keys;
  };
  for (const anchor of order) {
    const width = textWidth(names.get(anchor.gridId) ?? '', fontSize) + 2 * GAP;
    const x = cx + (anchor.lon - midLon) * sx;
    const y = cy - (anchor.lat - midLat) * sy;
    const box: Rect = { x: x - width / 2, y: y - boxHeight / 2, width, height: boxHeight };
    if (
      input.fitted &&
      (box.x < 0 || box.y < 0 || box.x + box.width > input.width || box.y + box.height > input.height)
    ) {
      continue;
    }
    if (
      windowed &&
      (box.x + box.width < -input.width ||
        box.y + box.height < -input.height ||
        box.x > 2 * input.width ||
        box.y > 2 * input.height)
    ) {
      continue;
    }
    const keys = keysOf(box);
    const clear = keys.every((key) => (buckets.get(key) ?? []).every((other) => !intersects(box, other)));
    if (!clear) continue;
    placed.add(anchor.gridId);
    for (const key of keys) {
      const list = buckets.get(key);
      if (list) list.push(box);
      else buckets.set(key, [box]);
    }
  }
  return placed;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The zoom names are placed for: the zoom rounded down to a quarter of a doubling. Names placed for a smaller zoom
 * only move apart as the viewer zooms in, so they never collide; the map re-places them at each quarter step.
 */
export function labelZoom(zoom: number): number {
  return 2 ** (Math.floor(Math.log2(Math.max(zoom, 1)) * 4 + 1e-9) / 4);
}
