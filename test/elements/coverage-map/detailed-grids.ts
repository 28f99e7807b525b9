// Detailed grid polygons for tests and the bench: a lattice of meandering streets where neighbours share every
// border vertex (as bank exports do), with as many vertices per street as a GIS export carries.
import type { CoverageResult, GridFeature, Grids, Position } from '@stride/core';
import type { GeometryBounds } from '../../../packages/elements/src/coverage-map/coverage-map.geometry.js';

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export interface DetailedGridOptions {
  count: number;
  /** Vertices along each street between two lattice corners. */
  verticesPerStreet: number;
  seed?: number;
}

export function detailedGrids({ count, verticesPerStreet, seed = 7 }: DetailedGridOptions): Grids {
  const random = seeded(seed);
  const rows = Math.max(1, Math.round(Math.sqrt(count / 1.3)));
  const cols = Math.ceil(count / rows);
  const lonSpan = 0.12 * Math.sqrt(count / 60);
  const latSpan = 0.08 * Math.sqrt(count / 60);
  const x0 = 120.16 - lonSpan / 2;
  const y0 = 30.28 - latSpan / 2;
  const cw = lonSpan / cols;
  const ch = latSpan / rows;
  const corner = (i: number, j: number): Position => {
    const edgeX = j === 0 || j === cols;
    const edgeY = i === 0 || i === rows;
    // Deterministic jitter per corner (not per call), so every street meeting here starts at the same point.
    const r = seeded(seed * 7919 + i * 104729 + j * 1299709);
    return [x0 + j * cw + (edgeX ? 0 : (r() - 0.5) * 0.3 * cw), y0 + i * ch + (edgeY ? 0 : (r() - 0.5) * 0.3 * ch)];
  };
  const street = (a: Position, b: Position, amplitude: number): Position[] => {
    const points: Position[] = [a];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const phase = random() * Math.PI * 2;
    const n = Math.max(2, verticesPerStreet);
    for (let k = 1; k < n; k += 1) {
      const t = k / n;
      const bend =
        amplitude * Math.sin(Math.PI * t) * (0.04 * Math.sin(4 * Math.PI * t + phase) + (random() - 0.5) * 0.002);
      points.push([a[0] + t * dx - bend * dy, a[1] + t * dy + bend * dx]);
    }
    points.push(b);
    return points;
  };
  const horizontal: Position[][][] = [];
  for (let i = 0; i <= rows; i += 1) {
    horizontal.push(
      Array.from({ length: cols }, (_, j) => street(corner(i, j), corner(i, j + 1), i === 0 || i === rows ? 0 : 1)),
    );
  }
  const vertical: Position[][][] = [];
  for (let i = 0; i < rows; i += 1) {
    vertical.push(
      Array.from({ length: cols + 1 }, (_, j) => street(corner(i, j), corner(i + 1, j), j === 0 || j === cols ? 0 : 1)),
    );
  }
  const features: GridFeature[] = [];
  for (let i = 0; i < rows && features.length < count; i += 1) {
    for (let j = 0; j < cols && features.length < count; j += 1) {
      const south = horizontal[i]![j]!;
      const east = vertical[i]![j + 1]!;
      const north = horizontal[i + 1]![j]!;
      const west = vertical[i]![j]!;
      // Counter-clockwise: south west->east, east south->north, north east->west, west north->south.
      const ring: Position[] = [
        ...south,
        ...east.slice(1),
        ...north.slice().reverse().slice(1),
        ...west.slice().reverse().slice(1),
      ];
      const id = `G${String(features.length + 1).padStart(4, '0')}`;
      features.push({
        type: 'Feature',
        properties: { gridId: id, name: `网格${features.length + 1}`, households: 500 + Math.floor(random() * 500) },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Coverage for every grid: covered as a share of households cycling through the four bands. */
export function coverageFor(grids: Grids, options: { managers?: number; shift?: number } = {}): CoverageResult {
  const managers = options.managers ?? 40;
  const shift = options.shift ?? 0;
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope: { org: 'br', period: 'pilot', date: '2026-11-24' },
    cells: grids.features.map((f, i) => ({
      gridId: f.properties.gridId,
      name: f.properties.name,
      managerIds: i % 17 === 16 ? [] : [`m${(i % managers) + 1}`],
      households: f.properties.households ?? 0,
      covered: Math.floor(((f.properties.households ?? 0) * (((i + shift) * 37) % 100)) / 100),
      openLeads: i % 5,
    })),
  };
}

/**
 * The bounds of the grids' outer rings, walked position by position: what a page drawing raw ECharts works out for
 * itself, and the tests' reference for the bounds the element takes from validation's digests (summarizeGeometry).
 */
export function gridBounds(grids: Grids): GeometryBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { geometry } of grids.features) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    // The outer ring bounds the polygon; holes lie inside it.
    for (const [x, y] of polygons.flatMap((polygon) => polygon[0] ?? [])) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return minX > maxX ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : { minX, minY, maxX, maxY };
}
