import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GRIDS_RESULT_SPEC,
  StrideError,
  registerResultSpec,
  validateResult,
  type Grids,
  type Position,
} from '@stride/core';
import {
  aspectScaleFor,
  detailLevel,
  simplifyGrids,
  summarizeGeometry,
  toleranceFor,
  vertexCount,
} from '../../../packages/elements/src/coverage-map/coverage-map.geometry.js';
import {
  buildCoverageView,
  coverageBand,
  parseBandEdges,
  sortByCoverage,
} from '../../../packages/elements/src/coverage-map/coverage-map.view-model.js';
import { detailedGrids, gridBounds } from './detailed-grids.js';

registerResultSpec('grids', GRIDS_RESULT_SPEC);

/** The drawn size the tests simplify for, as the element would at this container size. */
const WIDTH = 640;
const HEIGHT = 420;

function drawnAt(grids: Grids) {
  const bounds = gridBounds(grids);
  const aspectScale = aspectScaleFor(bounds);
  const tolerance = toleranceFor(bounds, aspectScale, detailLevel(bounds, aspectScale, WIDTH, HEIGHT));
  // Pixels per degree of latitude when ECharts fits the map into the view.
  const scale = Math.min(WIDTH / ((bounds.maxX - bounds.minX) * aspectScale), HEIGHT / (bounds.maxY - bounds.minY));
  const toPx = (p: Position): [number, number] => [
    (p[0] - bounds.minX) * aspectScale * scale,
    (bounds.maxY - p[1]) * scale,
  ];
  return {
    bounds,
    tolerance,
    toPx,
    width: (bounds.maxX - bounds.minX) * aspectScale * scale,
    height: (bounds.maxY - bounds.minY) * scale,
  };
}

/**
 * Net use of each undirected edge over all rings (+1 one way, -1 the other). Where two neighbours draw the very same
 * border, its edges net 0 (they walk it in opposite directions); only the district outline and borders drawn
 * differently on either side are left.
 */
function unmatchedEdges(grids: Grids): [Position, Position][] {
  const net = new Map<string, [number, Position, Position]>();
  for (const f of grids.features) {
    for (const ring of f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()) {
      for (let i = 0; i + 1 < ring.length; i += 1) {
        const a = ring[i] as Position;
        const b = ring[i + 1] as Position;
        if (a.join() === b.join()) continue;
        const forward = a.join() < b.join();
        const key = forward ? `${a.join()}|${b.join()}` : `${b.join()}|${a.join()}`;
        const entry = net.get(key) ?? [0, a, b];
        entry[0] += forward ? 1 : -1;
        net.set(key, entry);
      }
    }
  }
  return [...net.values()].filter(([n]) => n !== 0).map(([, a, b]) => [a, b]);
}

/** Where borders meet: positions with more than two distinct neighbours over all rings (three grids, or two and the outline). */
function junctions(grids: Grids): Position[] {
  const neighbours = new Map<string, Set<string>>();
  for (const f of grids.features) {
    const ring = (f.geometry.coordinates as Position[][])[0]!;
    for (let i = 0; i + 1 < ring.length; i += 1) {
      const a = ring[i]!.join();
      const b = ring[i + 1]!.join();
      neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
      neighbours.set(b, (neighbours.get(b) ?? new Set()).add(a));
    }
  }
  return [...neighbours].filter(([, next]) => next.size > 2).map(([key]) => key.split(',').map(Number) as Position);
}

const CELL = 0.25;

/** The winding number of all grids together at the centre of every CELL px square of the drawn map. */
function coverage(grids: Grids, toPx: (p: Position) => [number, number], width: number, height: number): Int8Array {
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const crossings: number[][] = Array.from({ length: rows }, () => []);
  for (const f of grids.features) {
    for (const ring of f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()) {
      for (let i = 0; i + 1 < ring.length; i += 1) {
        const [x0, y0] = toPx(ring[i] as Position);
        const [x1, y1] = toPx(ring[i + 1] as Position);
        const first = Math.max(0, Math.ceil(Math.min(y0, y1) / CELL - 0.5));
        const last = Math.min(rows - 1, Math.ceil(Math.max(y0, y1) / CELL - 0.5) - 1);
        for (let r = first; r <= last; r += 1) {
          const y = (r + 0.5) * CELL;
          crossings[r]!.push((x0 + ((y - y0) / (y1 - y0)) * (x1 - x0)) / CELL - 0.5, y1 > y0 ? 1 : -1);
        }
      }
    }
  }
  const winding = new Int8Array(cols * rows);
  crossings.forEach((row, r) => {
    const order = Array.from({ length: row.length / 2 }, (_, i) => i).sort((a, b) => row[2 * a]! - row[2 * b]!);
    let w = 0;
    let col = 0;
    for (const i of order) {
      for (const end = Math.min(cols, Math.ceil(row[2 * i]!)); col < end; col += 1) winding[r * cols + col] = w;
      w += row[2 * i + 1]!;
    }
  });
  return winding;
}

/**
 * Gaps (inside the district, covered by no simplified grid) and overlaps (covered twice) at the drawn size: their
 * area in px² and the widest of them, as the side of the largest square of cells they fill.
 */
function slivers(full: Grids, simple: Grids): { area: number; widest: number; borderPx: number } {
  const { toPx, width, height } = drawnAt(full);
  const before = coverage(full, toPx, width, height);
  const after = coverage(simple, toPx, width, height);
  const cols = Math.ceil(width / CELL);
  const square = new Uint16Array(before.length);
  let area = 0;
  let widest = 0;
  for (let i = 0; i < before.length; i += 1) {
    if (!((after[i] === 0 && before[i] === 1) || Math.abs(after[i]!) >= 2)) continue;
    area += CELL * CELL;
    const up = i >= cols && i % cols ? Math.min(square[i - cols]!, square[i - 1]!, square[i - cols - 1]!) : 0;
    square[i] = up + 1;
    widest = Math.max(widest, square[i]! * CELL);
  }
  let borderPx = 0;
  for (const f of full.features) {
    const ring = (f.geometry.coordinates as Position[][])[0]!;
    for (let i = 0; i + 1 < ring.length; i += 1) {
      const [x0, y0] = toPx(ring[i]!);
      const [x1, y1] = toPx(ring[i + 1]!);
      borderPx += Math.hypot(x1 - x0, y1 - y0) / 2;
    }
  }
  return { area, widest, borderPx };
}

function signedArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return area / 2;
}

// Whole lattices (no notch in the last row), so every border off the bounding box is shared by two grids.
for (const [count, perStreet] of [
  [12, 400],
  [30, 200],
  [120, 100],
] as const) {
  test(`${count} grids: neighbours share identical borders except near the points where borders meet`, () => {
    const grids = detailedGrids({ count, verticesPerStreet: perStreet });
    const { bounds, tolerance, toPx } = drawnAt(grids);
    const simple = simplifyGrids(grids, tolerance, bounds);
    assert.ok(vertexCount(simple) < vertexCount(grids) / 5, `reduced ${vertexCount(grids)} -> ${vertexCount(simple)}`);
    const outline = (p: Position): boolean => {
      const e = tolerance;
      return (
        Math.abs(p[0] - bounds.minX) < e ||
        Math.abs(p[0] - bounds.maxX) < e ||
        Math.abs(p[1] - bounds.minY) < e ||
        Math.abs(p[1] - bounds.maxY) < e
      );
    };
    const meets = junctions(grids).map(toPx);
    let inner = 0;
    for (const [a, b] of unmatchedEdges(simple)) {
      if (outline(a) && outline(b)) continue;
      inner += 1;
      const [x, y] = toPx([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
      const nearest = Math.min(...meets.map(([jx, jy]) => Math.hypot(jx - x, jy - y)));
      // Borders are cut where they cross a 51.2 px lattice; only the stretch that runs through a junction can differ.
      assert.ok(
        nearest < 51.2,
        `edge ${a.join()} -> ${b.join()} differs between neighbours ${nearest.toFixed(1)} px from any junction`,
      );
    }
    assert.ok(inner < unmatchedEdges(simple).length, 'the outline is found');
    // Every grid keeps its orientation and an area close to the original.
    simple.features.forEach((f, i) => {
      const before = signedArea((grids.features[i]!.geometry.coordinates as Position[][])[0]!);
      const after = signedArea((f.geometry.coordinates as Position[][])[0]!);
      assert.ok(Math.abs(after - before) / Math.abs(before) < 0.05, `grid ${i}: area ${before} -> ${after}`);
    });
    assert.deepEqual(
      simple.features.map((f) => f.properties.gridId),
      grids.features.map((f) => f.properties.gridId),
    );
  });
}

for (const [count, perStreet] of [
  [30, 200],
  [1000, 40],
  [5000, 30],
] as const) {
  test(`${count} grids: gaps and overlaps at the drawn size are sub-pixel slivers under the 0.8 px border`, () => {
    const grids = detailedGrids({ count, verticesPerStreet: perStreet, seed: 3 });
    const { tolerance, bounds } = drawnAt(grids);
    const simple = simplifyGrids(grids, tolerance, bounds);
    const { area, widest, borderPx } = slivers(grids, simple);
    // The border ECharts strokes over every grid edge is 0.8 px wide; a sliver narrower than it, beside the border of
    // the grid that left it, is covered. On average along the borders they are a hundredth of a pixel wide.
    assert.ok(widest < 0.8, `a gap or overlap ${widest} px wide`);
    assert.ok(
      area / borderPx < 0.02,
      `slivers average ${(area / borderPx).toFixed(4)} px along ${borderPx.toFixed(0)} px of border`,
    );
  });
}

test('the content hash follows content, not object identity; the bounds come with it', () => {
  const hash = (grids: Grids): string => summarizeGeometry(grids).hash;
  const a = detailedGrids({ count: 6, verticesPerStreet: 10 });
  const b = JSON.parse(JSON.stringify(a)) as Grids;
  assert.equal(hash(a), hash(b));
  const c = JSON.parse(JSON.stringify(a)) as Grids;
  (c.features[0]!.geometry.coordinates[0] as Position[])[1]![0] += 1e-9;
  assert.notEqual(hash(a), hash(c));
  const d = JSON.parse(JSON.stringify(a)) as Grids;
  d.features[0]!.properties.gridId = 'other';
  assert.notEqual(hash(a), hash(d));
  assert.deepEqual(summarizeGeometry(a).bounds, gridBounds(a));
});

test('validation digests each feature as it checks it: the same hash as grids that never went through it', () => {
  const raw = detailedGrids({ count: 6, verticesPerStreet: 10 });
  const validated = validateResult('grids', JSON.parse(JSON.stringify(raw))).data;
  assert.equal(summarizeGeometry(validated).hash, summarizeGeometry(raw).hash);
  assert.deepEqual(summarizeGeometry(validated).bounds, gridBounds(raw));
  // A feature validation would have dropped never gets a hash: it is refused by what is wrong with it.
  const bad = JSON.parse(JSON.stringify(raw)) as Grids;
  (bad.features[2]!.geometry.coordinates[0] as Position[])[3]![1] = 95;
  assert.throws(
    () => summarizeGeometry(bad),
    (error: unknown) => error instanceof StrideError && /latitude in -90\.\.90, got 95/.test(error.message),
  );
});

test('coverage bands: an edge belongs to the band above; configurable edges; bad edges fall back', () => {
  assert.equal(coverageBand(0.2999), 0);
  assert.equal(coverageBand(0.3), 1);
  assert.equal(coverageBand(0.6), 2);
  assert.equal(coverageBand(0.8999), 2);
  assert.equal(coverageBand(0.9), 3);
  assert.equal(coverageBand(1.2), 3);
  assert.equal(coverageBand(null), null);
  assert.deepEqual(parseBandEdges('20,50,80'), [0.2, 0.5, 0.8]);
  assert.deepEqual(parseBandEdges('0.2 0.5 0.8'), [0.2, 0.5, 0.8]);
  assert.deepEqual(parseBandEdges('50,20,80'), [0.3, 0.6, 0.9]);
  assert.deepEqual(parseBandEdges('abc'), [0.3, 0.6, 0.9]);
});

test('the view joins cells to features, totals are ratios of sums, unknown rows are listed', () => {
  const grids = detailedGrids({ count: 3, verticesPerStreet: 4 });
  const ids = grids.features.map((f) => f.properties.gridId);
  const view = buildCoverageView(
    [
      { gridId: ids[0]!, name: 'A', managerIds: ['m1'], households: 100, covered: 50 },
      { gridId: ids[1]!, name: 'B', managerIds: [], households: 900, covered: 90 },
      { gridId: 'X', name: 'X', managerIds: ['m1'], households: 10, covered: 10 },
    ],
    grids,
    { me: 'm1' },
  );
  assert.deepEqual(view.unknownGridIds, ['X']);
  assert.equal(view.grids.length, 3);
  // (50 + 90) / (100 + 900), not the mean of 50% and 10%.
  assert.equal(view.coverage, 0.14);
  assert.equal(view.grids[0]!.mine, true);
  assert.equal(view.grids[1]!.unassigned, true);
  assert.equal(view.grids[2]!.hasCoverage, false);
  assert.equal(view.hasNoData, true);
  assert.deepEqual(
    sortByCoverage(view.grids, 'desc').map((g) => g.name),
    ['A', 'B', grids.features[2]!.properties.name],
  );
});
