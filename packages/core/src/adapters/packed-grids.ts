/**
 * Grids as they cross from the event-log worker to the page: every position in one Float64Array and the ring,
 * polygon and feature boundaries in Uint32Arrays, all handed over (transferred), not copied; everything else of each
 * feature (id, properties, geometry type) as a small shell. A 52 MB GIS export holds over a million positions: posted
 * as GeoJSON, the page spent one task of several seconds taking the structured clone apart before it could do anything
 * else. A transferred buffer arrives at once, and the page rebuilds the positions a slice of features at a time,
 * yielding between slices, so no one task holds the page.
 *
 * Positions keep longitude and latitude only: the map draws nothing else (an altitude would be dropped there too).
 */
import type { GridFeature, Grids, Position } from '../contracts.js';

/** A feature without its coordinates. */
type FeatureShell = Omit<GridFeature, 'geometry'> & { geometry: Omit<GridFeature['geometry'], 'coordinates'> };

export interface PackedGrids {
  /** The collection's own members (bbox, crs, ...) other than its features. */
  collection: Record<string, unknown>;
  shells: FeatureShell[];
  /** x0, y0, x1, y1, ...: every position of every ring, in order. */
  coordinates: Float64Array;
  /** Position index where ring i ends (exclusive). */
  ringEnds: Uint32Array;
  /** Ring index where polygon i ends (exclusive). */
  polygonEnds: Uint32Array;
  /** Polygon index where feature i ends (exclusive). */
  featureEnds: Uint32Array;
}

function polygonsOf(geometry: GridFeature['geometry']): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Packs checked grids; `transfer` lists the buffers to hand over with postMessage. */
export function packGrids(grids: Grids): { packed: PackedGrids; transfer: ArrayBuffer[] } {
  let positions = 0;
  let rings = 0;
  let polygons = 0;
  for (const feature of grids.features) {
    for (const polygon of polygonsOf(feature.geometry)) {
      polygons += 1;
      rings += polygon.length;
      for (const ring of polygon) positions += ring.length;
    }
  }
  const coordinates = new Float64Array(positions * 2);
  const ringEnds = new Uint32Array(rings);
  const polygonEnds = new Uint32Array(polygons);
  const featureEnds = new Uint32Array(grids.features.length);
  const shells: FeatureShell[] = [];
  let p = 0;
  let r = 0;
  let g = 0;
  grids.features.forEach((feature, f) => {
    const { coordinates: _drawn, ...geometry } = feature.geometry;
    shells.push({ ...feature, geometry });
    for (const polygon of polygonsOf(feature.geometry)) {
      for (const ring of polygon) {
        for (let i = 0; i < ring.length; i += 1) {
          const position = ring[i]!;
          coordinates[p * 2] = position[0];
          coordinates[p * 2 + 1] = position[1];
          p += 1;
        }
        ringEnds[r] = p;
        r += 1;
      }
      polygonEnds[g] = r;
      g += 1;
    }
    featureEnds[f] = g;
  });
  const { features: _features, ...collection } = grids;
  return {
    packed: { collection, shells, coordinates, ringEnds, polygonEnds, featureEnds },
    transfer: [coordinates.buffer, ringEnds.buffer, polygonEnds.buffer, featureEnds.buffer],
  };
}

/** Whether a worker's answer is packed grids. */
export function isPackedGrids(value: unknown): value is PackedGrids {
  return typeof value === 'object' && value !== null && (value as PackedGrids).coordinates instanceof Float64Array;
}

/** Positions rebuilt per slice before the page gets a turn (about 5 ms of work on an idle machine, 50 on a loaded one). */
const POSITIONS_PER_SLICE = 50_000;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The grids again as GeoJSON, rebuilt a slice of features at a time with a task boundary between slices (so input and
 * painting go on between them). Stops with the signal's reason when it aborts.
 */
export async function unpackGrids(packed: PackedGrids, signal?: AbortSignal): Promise<Grids> {
  const { shells, coordinates, ringEnds, polygonEnds, featureEnds } = packed;
  const features: GridFeature[] = [];
  let p = 0;
  let r = 0;
  let g = 0;
  let sliceStart = 0;
  for (let f = 0; f < shells.length; f += 1) {
    const polygons: Position[][][] = [];
    for (; g < featureEnds[f]!; g += 1) {
      const polygon: Position[][] = [];
      for (; r < polygonEnds[g]!; r += 1) {
        const end = ringEnds[r]!;
        const ring: Position[] = new Array<Position>(end - p);
        for (let i = 0; p < end; i += 1, p += 1) ring[i] = [coordinates[p * 2]!, coordinates[p * 2 + 1]!];
        polygon.push(ring);
      }
      polygons.push(polygon);
    }
    const shell = shells[f]!;
    const geometry = (
      shell.geometry.type === 'Polygon'
        ? { ...shell.geometry, coordinates: polygons[0] ?? [] }
        : { ...shell.geometry, coordinates: polygons }
    ) as GridFeature['geometry'];
    features.push({ ...shell, geometry });
    if (p - sliceStart >= POSITIONS_PER_SLICE) {
      sliceStart = p;
      await nextTask();
      signal?.throwIfAborted();
    }
  }
  return { ...packed.collection, type: 'FeatureCollection', features };
}
