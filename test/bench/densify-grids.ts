/**
 * Turns the synthetic pilot's grids.geojson into what a bank's GIS exports: full-precision coordinates, many more
 * vertices per border, a hole in every tenth grid and a CGCS2000 `crs` member (the 50 MB export of issue 24).
 *
 *   npx tsx mocks/write-pilot.ts --out <dir> --managers 2000 --grids 2000 --events 100000
 *   npx tsx test/bench/densify-grids.ts --in <dir>/grids.geojson --out <dir>/grids-big.geojson [--per-edge 5]
 *
 * Points are inserted along every edge from its smaller end in (x, y) order, so the two grids that share a border
 * still share every vertex, as in a real export. The offsets keep the ring's shape and add the last digits a GIS
 * writes (a float64 printed in full).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Position = [number, number];

const { values } = parseArgs({
  options: {
    in: { type: 'string' },
    out: { type: 'string' },
    'per-edge': { type: 'string', default: '5' },
  },
});
if (!values.in || !values.out) {
  console.error('usage: npx tsx test/bench/densify-grids.ts --in grids.geojson --out grids-big.geojson [--per-edge N]');
  process.exit(2);
}
const perEdge = Number(values['per-edge']);

function between(a: Position, b: Position): Position[] {
  // From the smaller end, so the neighbour reading this edge the other way computes the very same points.
  const forward = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
  const [from, to] = forward ? [a, b] : [b, a];
  const points: Position[] = [];
  for (let k = 1; k <= perEdge; k += 1) {
    const t = k / (perEdge + 1);
    // A slight bow (well under a metre) so the inserted points are not collinear and survive no simplifier for free.
    const bow = Math.sin(Math.PI * t) * 1e-6 * Math.sin(from[0] * 1e5 + from[1] * 1e5 + k);
    points.push([from[0] + t * (to[0] - from[0]) + bow, from[1] + t * (to[1] - from[1]) - bow]);
  }
  return forward ? points : points.reverse();
}

function densify(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i]!;
    out.push(a);
    out.push(...between(a, ring[i + 1]!));
  }
  out.push(out[0]!);
  return out;
}

/** A small square hole around the outer ring's centre of mass (a pond, a site outside the grid). */
function hole(outer: Position[]): Position[] {
  let x = 0;
  let y = 0;
  for (const p of outer) {
    x += p[0];
    y += p[1];
  }
  x /= outer.length;
  y /= outer.length;
  const r = 0.0002;
  return densify([
    [x - r, y - r],
    [x - r, y + r],
    [x + r, y + r],
    [x + r, y - r],
    [x - r, y - r],
  ]);
}

interface Feature {
  geometry: { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
}
const grids = JSON.parse(readFileSync(values.in, 'utf8')) as { features: Feature[] };
let vertices = 0;
grids.features.forEach((feature, index) => {
  const polygons =
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const dense = polygons.map((polygon) => {
    const rings = polygon.map(densify);
    if (index % 10 === 0) rings.push(hole(polygon[0]!));
    for (const ring of rings) vertices += ring.length;
    return rings;
  });
  feature.geometry =
    feature.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: dense[0]! }
      : { type: 'MultiPolygon', coordinates: dense };
});
const text = JSON.stringify({
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
  features: grids.features,
});
writeFileSync(values.out, text);
console.log(
  `${grids.features.length} grids, ${vertices} positions, ${(text.length / 1e6).toFixed(1)} MB written to ${values.out}`,
);
