import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Grids, Position } from '@stride/core';
import {
  geometryHash,
  gridBounds,
  simplifyGrids,
  vertexCount,
} from '../../../packages/elements/src/coverage-map/grid-geometry.js';
import { buildCoverageView, coverageBand, parseBandEdges, sortByCoverage } from '../../../packages/elements/src/coverage-map/coverage-view-model.js';
import { detailedGrids } from './detailed-grids.js';

/**
 * Net use of each undirected edge over all rings (+1 one way, -1 the other). In a partition with no gap and no
 * overlap every inner edge nets 0 (the two neighbours walk it in opposite directions) and only the district outline
 * nets +-1. Zero-area spikes (an arc walked there and back inside one ring) net 0 too, as they should: they cover
 * nothing.
 */
function netEdges(grids: Grids): Map<string, number> {
  const net = new Map<string, number>();
  for (const f of grids.features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i += 1) {
        const a = (ring[i] as Position).join(',');
        const b = (ring[i + 1] as Position).join(',');
        if (a === b) continue;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        net.set(key, (net.get(key) ?? 0) + (a < b ? 1 : -1));
      }
    }
  }
  return net;
}

function signedArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return area / 2;
}

test('simplified neighbours share identical borders: inner edges cancel out, only the outline remains', () => {
  const grids = detailedGrids({ count: 30, verticesPerStreet: 200 });
  const bounds = gridBounds(grids);
  const tolerance = (bounds.maxX - bounds.minX) / 300;
  const simple = simplifyGrids(grids, tolerance);
  assert.ok(vertexCount(simple) < vertexCount(grids) / 5, `reduced ${vertexCount(grids)} -> ${vertexCount(simple)}`);
  const onOutline = (p: string): boolean => {
    const [x, y] = p.split(',').map(Number) as [number, number];
    const e = tolerance;
    return Math.abs(x - bounds.minX) < e || Math.abs(x - bounds.maxX) < e || Math.abs(y - bounds.minY) < e || Math.abs(y - bounds.maxY) < e;
  };
  let inner = 0;
  for (const [key, n] of netEdges(simple)) {
    const [a, b] = key.split('|') as [string, string];
    if (n === 0) inner += 1;
    else {
      assert.equal(Math.abs(n), 1, `edge ${key} covered ${Math.abs(n)} times (overlap)`);
      assert.ok(onOutline(a) && onOutline(b), `edge ${key} has no neighbour and is not on the district outline (gap)`);
    }
  }
  assert.ok(inner > 100);
  // Every grid keeps its orientation and an area close to the original.
  simple.features.forEach((f, i) => {
    const before = signedArea((grids.features[i]!.geometry.coordinates as Position[][])[0]!);
    const after = signedArea((f.geometry.coordinates as Position[][])[0]!);
    assert.ok(Math.abs(after - before) / Math.abs(before) < 0.05, `grid ${i}: area ${before} -> ${after}`);
  });
  assert.deepEqual(simple.features.map((f) => f.properties.gridId), grids.features.map((f) => f.properties.gridId));
});

test('the content hash follows content, not object identity', () => {
  const a = detailedGrids({ count: 6, verticesPerStreet: 10 });
  const b = JSON.parse(JSON.stringify(a)) as Grids;
  assert.equal(geometryHash(a), geometryHash(b));
  const c = JSON.parse(JSON.stringify(a)) as Grids;
  (c.features[0]!.geometry.coordinates[0] as Position[])[1]![0] += 1e-9;
  assert.notEqual(geometryHash(a), geometryHash(c));
  const d = JSON.parse(JSON.stringify(a)) as Grids;
  d.features[0]!.properties.gridId = 'other';
  assert.notEqual(geometryHash(a), geometryHash(d));
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
  assert.deepEqual(sortByCoverage(view.grids, 'desc').map((g) => g.name), ['A', 'B', grids.features[2]!.properties.name]);
});
