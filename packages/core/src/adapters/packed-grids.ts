/**
 * Grids as they cross from the event-log worker to the page: every position in one Float64Array, handed over
 * (transferred), not copied, and each ring in the GeoJSON replaced by its number of positions. A 52 MB GIS export
 * holds over a million positions: posted as GeoJSON, the page spent one task of several seconds taking the structured
 * clone apart before it could do anything else. A transferred buffer arrives at once, and the page rebuilds the rings
 * a slice of features at a time, yielding between slices, so no one task holds the page.
 *
 * Positions keep longitude and latitude only: the map draws nothing else (an altitude would be dropped there too).
 */
import type { GridFeature, Grids, Position } from '../contracts.js';

/** Grids whose rings are their lengths, with every position of every ring in order in `positions` (x0, y0, x1, ...). */
export type PackedGrids = Omit<Grids, 'features'> & {
  features: (Omit<GridFeature, 'geometry'> & {
    geometry: { type: GridFeature['geometry']['type']; coordinates: unknown };
  })[];
  positions: Float64Array;
};

/** Packs checked grids; `transfer` lists the buffer to hand over with postMessage. */
export function packGrids(grids: Grids): { packed: PackedGrids; transfer: ArrayBuffer[] } {
  let count = 0;
  for (const feature of grids.features) {
    const geometry = feature.geometry;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) count += ring.length;
  }
  const positions = new Float64Array(count * 2);
  let p = 0;
  const length = (ring: Position[]): number => {
    for (const position of ring) {
      positions[p++] = position[0];
      positions[p++] = position[1];
    }
    return ring.length;
  };
  const features = grids.features.map((feature) => {
    const geometry = feature.geometry;
    const coordinates =
      geometry.type === 'Polygon'
        ? geometry.coordinates.map(length)
        : geometry.coordinates.map((polygon) => polygon.map(length));
    return { ...feature, geometry: { ...geometry, coordinates } };
  });
  return { packed: { ...grids, features, positions }, transfer: [positions.buffer] };
}

/** Whether a worker's answer is packed grids. */
export function isPackedGrids(value: unknown): value is PackedGrids {
  return (value as PackedGrids | null)?.positions instanceof Float64Array;
}

/** Positions rebuilt per slice before the page gets a turn (about 5 ms of work on an idle machine, 50 on a loaded one). */
const POSITIONS_PER_SLICE = 50_000;

/**
 * The grids again as GeoJSON (the clone the page received, its ring lengths replaced by rings), rebuilt a slice of
 * features at a time with a task boundary between slices, so input and painting go on between them. Stops with the
 * signal's reason when it aborts.
 */
export async function unpackGrids(packed: PackedGrids, signal?: AbortSignal): Promise<Grids> {
  const { positions, ...grids } = packed;
  let p = 0;
  let sliceEnd = POSITIONS_PER_SLICE * 2;
  const ring = (length: number): Position[] => {
    const out: Position[] = [];
    for (const end = p + length * 2; p < end; p += 2) out.push([positions[p]!, positions[p + 1]!]);
    return out;
  };
  for (const { geometry } of grids.features) {
    geometry.coordinates =
      geometry.type === 'Polygon'
        ? (geometry.coordinates as number[]).map(ring)
        : (geometry.coordinates as number[][]).map((polygon) => polygon.map(ring));
    if (p >= sliceEnd) {
      sliceEnd = p + POSITIONS_PER_SLICE * 2;
      await new Promise((resolve) => setTimeout(resolve));
      signal?.throwIfAborted();
    }
  }
  return grids as Grids;
}
