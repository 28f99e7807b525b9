/**
 * The digest picture as an SVG document, written as a string from the layout's primitives: no DOM, so it runs in
 * Node (the schedule rasterises it) as well as in a page. Every text run and the title are escaped here; the model
 * has already dropped the characters XML cannot hold at all.
 */
import type { DigestLayout, DigestPrimitive } from './digest.layout.js';

/** Text for XML character data and attribute values (double-quoted). */
export function escapeXml(text: string): string {
  return (
    text
      // characters XML 1.0 forbids even as references; the model drops them too, this is the last line
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const n = (value: number): string => String(Math.round(value * 100) / 100);

function element(primitive: DigestPrimitive): string {
  switch (primitive.kind) {
    case 'rect':
      return `<rect x="${n(primitive.x)}" y="${n(primitive.y)}" width="${n(primitive.width)}" height="${n(primitive.height)}"${
        primitive.radius > 0 ? ` rx="${n(primitive.radius)}"` : ''
      } fill="${escapeXml(primitive.fill)}"/>`;
    case 'line':
      return `<line x1="${n(primitive.x1)}" y1="${n(primitive.y1)}" x2="${n(primitive.x2)}" y2="${n(primitive.y2)}" stroke="${escapeXml(
        primitive.stroke,
      )}" stroke-width="${n(primitive.width)}"/>`;
    case 'text':
      return `<text x="${n(primitive.x)}" y="${n(primitive.y)}" font-size="${n(primitive.size)}"${
        primitive.bold ? ' font-weight="bold"' : ''
      }${primitive.anchor === 'end' ? ' text-anchor="end"' : ''} fill="${escapeXml(primitive.fill)}">${escapeXml(
        primitive.text,
      )}</text>`;
  }
}

export function digestSvg(layout: DigestLayout): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" font-family="${escapeXml(layout.fontFamily)}">`,
    `<title>${escapeXml(layout.title)}</title>`,
    ...layout.primitives.map(element),
    '</svg>',
  ].join('\n');
}
