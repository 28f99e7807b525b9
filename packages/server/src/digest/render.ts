/**
 * The digest picture as a PNG in Node: the SVG the core builder writes, rasterised by resvg (@resvg/resvg-js, a
 * Rust rasteriser whose per-platform binary comes from npm, no download step) with a CJK font from the machine.
 * Only that one font is loaded, so every text run, Chinese or Latin, is drawn in it whatever family the SVG names.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Where the usual CJK fonts live on Debian/Ubuntu, RHEL-likes, macOS and Windows, in order of preference. */
export const CJK_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

/** The font file to draw with: the one named (which must exist), else the first candidate found on the machine. */
export function findCjkFont(named?: string, exists: (path: string) => boolean = existsSync): string {
  if (named !== undefined) {
    if (!exists(named)) throw new Error(`font file not found: ${named}`);
    return named;
  }
  const found = CJK_FONT_CANDIDATES.find((path) => exists(path));
  if (!found)
    throw new Error(
      'no CJK font found (Chinese would be drawn as boxes): install fonts-wqy-microhei or name a font file with --font',
    );
  return found;
}

export interface RenderOptions {
  /** A TrueType/OpenType font file (.ttf, .otf, .ttc) with CJK glyphs. */
  fontFile: string;
  /** Output width in pixels. Default 1200: twice the picture's 600 units, sharp on a phone showing it 300 px wide. */
  width?: number;
}

export function renderDigestPng(svg: string, options: RenderOptions): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: options.width ?? 1200 },
    font: { fontFiles: [options.fontFile], loadSystemFonts: false },
  });
  return resvg.render().asPng();
}
