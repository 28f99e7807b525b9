import { expect } from '@open-wc/testing';
import { LIGHT_TOKENS, type Grids } from '@stride/core';
import { init, registerMap } from '../../../packages/elements/src/coverage-map/coverage-map.echarts.js';
import { buildMapOption, paletteFrom } from '../../../packages/elements/src/coverage-map/coverage-map.option.js';
import { buildCoverageView } from '../../../packages/elements/src/coverage-map/coverage-map.view-model.js';
import {
  aspectScaleFor,
  detailLevel,
  simplifyGrids,
  toleranceFor,
  vertexCount,
} from '../../../packages/elements/src/coverage-map/coverage-map.geometry.js';
import { coverageFor, detailedGrids, gridBounds } from './detailed-grids.js';

const WIDTH = 640;
const HEIGHT = 420;

function draw(
  grids: Grids,
  name: string,
  view: ReturnType<typeof buildCoverageView>,
  aspectScale: number,
): { pixels: Uint8ClampedArray; dispose: () => void } {
  const host = document.createElement('div');
  host.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;position:absolute;left:0;top:0`;
  document.body.append(host);
  registerMap(name, grids as unknown as Parameters<typeof registerMap>[1]);
  const chart = init(host, null, { renderer: 'canvas', devicePixelRatio: 1 });
  chart.setOption(
    buildMapOption({
      view,
      mapName: name,
      palette: paletteFrom(LIGHT_TOKENS),
      locale: 'en',
      aspectScale,
      labelled: new Set<string>(),
    }),
  );
  const canvas = host.querySelector('canvas')!;
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  return {
    pixels,
    dispose: () => {
      chart.dispose();
      host.remove();
    },
  };
}

/** A pixel differs visibly when any channel moves by more than a quarter of its range (anti-aliasing stays below). */
function visiblyDifferent(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let differ = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!));
    if (d > 64) differ += 1;
  }
  return differ / (a.length / 4);
}

describe('coverage map geometry at the drawn resolution', () => {
  // 5,000 grids in the default 420 px height is the bank-wide map: grids about 6 px across, where borders are most of
  // the picture.
  for (const [count, perStreet] of [
    [60, 300],
    [1000, 40],
    [5000, 30],
  ] as const) {
    it(`matches full detail pixel for pixel (at most 0.5% visibly different) with ${count} grids`, () => {
      const grids = detailedGrids({ count, verticesPerStreet: perStreet, seed: 3 });
      const bounds = gridBounds(grids);
      const aspectScale = aspectScaleFor(bounds);
      const detail = detailLevel(bounds, aspectScale, WIDTH, HEIGHT);
      const simple = simplifyGrids(grids, toleranceFor(bounds, aspectScale, detail), bounds);
      expect(vertexCount(simple)).to.be.below(vertexCount(grids) / 3);
      const view = buildCoverageView(coverageFor(grids).cells, grids);
      const full = draw(grids, `pixel-full-${count}`, view, aspectScale);
      const reduced = draw(simple, `pixel-simple-${count}`, view, aspectScale);
      try {
        const share = visiblyDifferent(full.pixels, reduced.pixels);
        expect(share).to.be.at.most(0.005);
        // The comparison is not vacuous: a map drawn with shifted colours differs almost everywhere (everywhere but the
        // borders, which at 5,000 grids are a third of the picture).
        const shifted = draw(
          grids,
          `pixel-shift-${count}`,
          buildCoverageView(coverageFor(grids, { shift: 1 }).cells, grids),
          aspectScale,
        );
        expect(visiblyDifferent(full.pixels, shifted.pixels)).to.be.above(count >= 5000 ? 0.2 : 0.3);
        shifted.dispose();
      } finally {
        full.dispose();
        reduced.dispose();
      }
    });
  }
});
