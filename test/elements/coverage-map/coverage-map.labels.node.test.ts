// Where the map sits in its panel and which grid names it shows: the pure placement the element draws from.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  fittedRect,
  labelAnchors,
  labelWindow,
  labelZoom,
  placeLabels,
  textWidth,
  type LabelAnchor,
} from '../../../packages/elements/src/coverage-map/coverage-map.labels.js';
import { detailedGrids } from './detailed-grids.js';

// A map 0.2 degrees wide and 0.1 high (aspectScale 1): twice as wide as tall.
const bounds = { minX: 120, minY: 30, maxX: 120.2, maxY: 30.1 };

describe('map fit', () => {
  it('fills a wide panel to its height and a narrow one to its width, keeping the aspect', () => {
    const wide = fittedRect(bounds, 1, 1100, 420);
    assert.equal(wide.height, 404);
    assert.equal(wide.width, 808);
    // The zoom buttons' strip on the right stays free: the map is centred in what is left.
    assert.ok(wide.x + wide.width <= 1100 - 48);
    const narrow = fittedRect(bounds, 1, 340, 300);
    assert.equal(narrow.width, 324);
    assert.equal(narrow.height, 162);
    // Under the row of zoom buttons.
    assert.ok(narrow.y >= 48);
  });
});

describe('grid names', () => {
  const names = new Map([
    ['a', '文新社区'],
    ['b', '古荡社区'],
    ['c', '翠苑社区'],
  ]);
  // a and b 0.004 degrees apart (8 px at 2000 px a degree): their names would cross; c far away.
  const anchors: LabelAnchor[] = [
    { gridId: 'a', lon: 120.1, lat: 30.05, area: 1 },
    { gridId: 'b', lon: 120.104, lat: 30.05, area: 2 },
    { gridId: 'c', lon: 120.05, lat: 30.02, area: 1 },
  ];
  const base = { anchors, names, bounds, aspectScale: 1, width: 1100, height: 420, fitted: true, fontSize: 11 };

  it('keeps the larger grid of two whose names would cross, and every name clear of the others', () => {
    assert.deepEqual([...placeLabels({ ...base, zoom: 1 })].sort(), ['b', 'c']);
  });

  it("puts the signed-in manager's grid first", () => {
    assert.deepEqual([...placeLabels({ ...base, zoom: 1, first: new Set(['a']) })].sort(), ['a', 'c']);
  });

  it('names both once zoomed in far enough to part them', () => {
    assert.deepEqual([...placeLabels({ ...base, zoom: 8, fitted: false })].sort(), ['a', 'b', 'c']);
  });

  it('leaves out a name that would run off the panel at the fitted view', () => {
    const edge: LabelAnchor[] = [{ gridId: 'a', lon: 120.1, lat: 30.0999, area: 1 }];
    assert.equal(placeLabels({ ...base, anchors: edge, zoom: 1 }).size, 0);
    // Panned and zoomed, the canvas clips names at its edge as maps do.
    assert.equal(placeLabels({ ...base, anchors: edge, zoom: 2, fitted: false }).size, 1);
  });

  it('zoomed in, names only the grids within a panel of the view, wherever the viewer panned to', () => {
    // At zoom 8 (32,320 px a degree) c lies about 1,600 px left of a and b and 970 px below them: more than a panel
    // (1,100 x 420 px) below the view centred on them, and the other way round.
    const zoomed = { ...base, zoom: 8, fitted: false };
    assert.deepEqual([...placeLabels({ ...zoomed, center: [120.1, 30.05] })].sort(), ['a', 'b']);
    assert.deepEqual([...placeLabels({ ...zoomed, center: [120.05, 30.02] })].sort(), ['c']);
    // Without a centre (or at the fitted view) every name that fits is placed, as before.
    assert.deepEqual([...placeLabels(zoomed)].sort(), ['a', 'b', 'c']);
  });

  it('places names again after a pan of about a panel, not after a small one', () => {
    const at = (lon: number) => labelWindow([lon, 30.05], bounds, 1, 1100, 420, 8);
    assert.equal(labelWindow([120.1, 30.05], bounds, 1, 1100, 420, 1), '');
    // 808 px for 0.2 degrees at zoom 1: 32,320 px a degree at zoom 8, so a panel of 1,100 px is about 0.034 degrees.
    assert.equal(at(120.1), at(120.11));
    assert.notEqual(at(120.1), at(120.14));
  });

  it('measures CJK names a full em a character, digits narrower', () => {
    assert.equal(textWidth('文新社区', 10), 40);
    assert.ok(textWidth('网格12', 10) < 40);
  });

  it('places names for the zoom rounded down to a quarter step, so they never collide before the next placement', () => {
    assert.equal(labelZoom(1), 1);
    assert.equal(labelZoom(0.5), 1);
    assert.equal(labelZoom(1.5), 2 ** (2 / 4));
    assert.ok(labelZoom(2.3) <= 2.3);
  });

  it('anchors each grid at the centroid of its outline', () => {
    const grids = detailedGrids({ count: 4, verticesPerStreet: 4 });
    const found = labelAnchors(grids);
    assert.equal(found.length, 4);
    for (const [i, anchor] of found.entries()) {
      const ring = grids.features[i]!.geometry.coordinates[0] as [number, number][];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      assert.ok(anchor.lon > Math.min(...xs) && anchor.lon < Math.max(...xs));
      assert.ok(anchor.lat > Math.min(...ys) && anchor.lat < Math.max(...ys));
      assert.ok(anchor.area > 0);
    }
  });
});
