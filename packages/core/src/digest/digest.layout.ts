/**
 * The digest picture as drawing primitives (rectangles, lines, text runs), laid out once. The SVG writer and the
 * page's canvas both draw exactly these, so the picture a portal posts and the one the schedule posts are the same.
 *
 * Sized for a chat: the picture is 600 units wide and chats show it about 300 px wide, so 24 units (12 px there)
 * is the smallest type and names are shortened to their column rather than wrapped. Text widths are estimated
 * (a CJK character is 1 em, Latin letters by their class), generously, so text never runs out of its column on
 * any of the fonts a bank's machines have.
 */
import { LIGHT_TOKENS } from '../theme/tokens.js';
import type { DigestModel, DigestSection } from './digest.model.js';

export interface DigestRect {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  radius: number;
}
export interface DigestLine {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  width: number;
}
/** A run of text; `y` is its baseline. */
export interface DigestText {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  size: number;
  bold: boolean;
  fill: string;
  anchor: 'start' | 'end';
}
export type DigestPrimitive = DigestRect | DigestLine | DigestText;

export interface DigestLayout {
  width: number;
  height: number;
  background: string;
  /** The CSS font-family list the text is drawn in; Node rasterisers are given a CJK font file beside it. */
  fontFamily: string;
  /** What the picture shows, in a sentence (the SVG's title, the image's alternative text). */
  title: string;
  primitives: DigestPrimitive[];
}

export const DIGEST_WIDTH = 600;
export const DIGEST_FONT_FAMILY =
  "'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

const PAD = 32;
const INNER = DIGEST_WIDTH - 2 * PAD;
const colour = {
  surface: LIGHT_TOKENS.surface,
  header: LIGHT_TOKENS.accent,
  headerText: LIGHT_TOKENS['accent-text'],
  text: LIGHT_TOKENS.text,
  muted: LIGHT_TOKENS['text-muted'],
  track: LIGHT_TOKENS['surface-sunken'],
  bar: LIGHT_TOKENS['series-1'],
  rule: LIGHT_TOKENS.border,
  me: LIGHT_TOKENS.me,
  mark: LIGHT_TOKENS.text,
  ahead: LIGHT_TOKENS.good,
  'on-pace': LIGHT_TOKENS.neutral,
  behind: LIGHT_TOKENS.bad,
};
const size = { title: 36, span: 26, section: 30, label: 28, value: 30, detail: 24 } as const;

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    codePoint >= 0x1f000
  );
}

/** Estimated advance of `text` at `fontSize`, never less than the real one on common CJK and Latin fonts. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isWide(code)) em += 1;
    else if (/[A-Z@%&MWmw]/.test(char)) em += 0.78;
    else if (/[\s.,:;'|!ijlrtf()[\]]/.test(char)) em += 0.4;
    else em += 0.6;
  }
  return em * fontSize;
}

/** `text` shortened with an ellipsis to fit `width`. */
export function fitText(text: string, fontSize: number, width: number): string {
  if (textWidth(text, fontSize) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, fontSize) > width) chars.pop();
  return `${chars.join('')}…`;
}

class Pen {
  readonly primitives: DigestPrimitive[] = [];
  y = 0;

  text(x: number, text: string, options: Partial<Omit<DigestText, 'kind' | 'x' | 'text'>> & { width?: number }): void {
    const fontSize = options.size ?? size.label;
    const fitted = options.width === undefined ? text : fitText(text, fontSize, options.width);
    if (fitted === '') return;
    this.primitives.push({
      kind: 'text',
      x,
      y: options.y ?? this.y,
      text: fitted,
      size: fontSize,
      bold: options.bold ?? false,
      fill: options.fill ?? colour.text,
      anchor: options.anchor ?? 'start',
    });
  }

  rect(x: number, y: number, width: number, height: number, fill: string, radius = 0): void {
    this.primitives.push({ kind: 'rect', x, y, width: Math.max(0, width), height, fill, radius });
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 2): void {
    this.primitives.push({ kind: 'line', x1, y1, x2, y2, stroke, width });
  }

  /** A horizontal bar: the track, the filled share, and an optional mark (pace, target) across it. */
  bar(x: number, y: number, width: number, height: number, fill: number, mark: number | null, tone: string): void {
    this.rect(x, y, width, height, colour.track, height / 2);
    if (fill > 0) this.rect(x, y, Math.max(height, width * fill), height, tone, height / 2);
    if (mark !== null) this.line(x + width * mark, y - 6, x + width * mark, y + height + 6, colour.mark, 3);
  }
}

function drawSection(pen: Pen, section: DigestSection): void {
  pen.y += 56;
  pen.text(PAD, section.title, { size: size.section, bold: true, width: INNER });
  pen.y += 14;
  pen.line(PAD, pen.y, DIGEST_WIDTH - PAD, pen.y, colour.rule);
  switch (section.kind) {
    case 'indicators':
      for (const item of section.items) {
        pen.y += 46;
        const valueWidth = Math.min(textWidth(item.value, size.value), INNER / 2);
        pen.text(PAD, item.label, { width: INNER - valueWidth - 16 });
        pen.text(DIGEST_WIDTH - PAD, item.value, { size: size.value, bold: true, anchor: 'end', width: INNER / 2 });
        const tone = item.status ? colour[item.status] : colour.muted;
        if (item.bar) {
          pen.y += 18;
          const barTone = item.status === 'behind' || item.status === 'ahead' ? tone : colour.bar;
          pen.bar(PAD, pen.y, INNER, 14, item.bar.fill, item.bar.mark, barTone);
          pen.y += 14;
        }
        if (item.detail || item.statusText) {
          pen.y += 32;
          const statusWidth = textWidth(item.statusText, size.detail);
          pen.text(PAD, item.detail, { size: size.detail, fill: colour.muted, width: INNER - statusWidth - 16 });
          pen.text(DIGEST_WIDTH - PAD, item.statusText, { size: size.detail, bold: true, fill: tone, anchor: 'end' });
        }
      }
      break;
    case 'leaderboard': {
      const row = (r: { rank: string; name: string; value: string; isMe: boolean }): void => {
        pen.y += 50;
        if (r.isMe) pen.rect(PAD - 12, pen.y - 36, INNER + 24, 50, colour.me, 8);
        pen.text(PAD, r.rank, { size: size.value, bold: true, fill: colour.muted });
        const valueWidth = Math.min(textWidth(r.value, size.value), INNER / 3);
        pen.text(PAD + 60, r.name, { width: INNER - 60 - valueWidth - 16, bold: r.isMe });
        pen.text(DIGEST_WIDTH - PAD, r.value, { size: size.value, bold: true, anchor: 'end', width: INNER / 3 });
      };
      section.rows.forEach(row);
      if (section.me) {
        pen.y += 36;
        pen.text(PAD, '…', { size: size.label, fill: colour.muted });
        row(section.me);
      }
      break;
    }
    case 'funnel': {
      const labelWidth = 180;
      const countWidth = 110;
      for (const stage of section.stages) {
        pen.y += 44;
        pen.text(PAD, stage.label, { width: labelWidth - 12 });
        pen.bar(PAD + labelWidth, pen.y - 20, INNER - labelWidth - countWidth, 20, stage.share, null, colour.bar);
        pen.text(DIGEST_WIDTH - PAD, stage.count, {
          size: size.value,
          bold: true,
          anchor: 'end',
          width: countWidth - 8,
        });
      }
      if (section.overdue) {
        pen.y += 40;
        pen.text(PAD, section.overdue, { size: size.detail, fill: colour.behind, width: INNER });
      }
      break;
    }
    case 'coverage': {
      pen.y += 60;
      pen.text(PAD, section.rate, { size: 48, bold: true });
      pen.y += 20;
      pen.bar(PAD, pen.y, INNER, 16, section.share, null, colour.bar);
      pen.y += 16 + 34;
      pen.text(PAD, section.line, { size: size.detail, fill: colour.muted, width: INNER });
      if (section.lowest.length > 0) {
        pen.y += 44;
        pen.text(PAD, section.lowestTitle, { size: size.detail, fill: colour.muted, width: INNER });
        for (const grid of section.lowest) {
          pen.y += 42;
          pen.text(PAD, grid.name, { width: INNER - 120 });
          pen.text(DIGEST_WIDTH - PAD, grid.rate, { size: size.value, bold: true, anchor: 'end' });
        }
      }
      break;
    }
    case 'alerts':
      pen.y += 40;
      pen.text(PAD, section.counts, { size: size.detail, fill: colour.muted, width: INNER });
      for (const line of section.lines) {
        pen.y += 42;
        pen.rect(PAD, pen.y - 20, 8, 24, colour.behind, 2);
        pen.text(PAD + 20, line, { width: INNER - 20 });
      }
      break;
  }
}

/** The picture of a digest: a coloured header (title, span, as-of time), then one block per section. */
export function layoutDigest(model: DigestModel): DigestLayout {
  const pen = new Pen();
  const headerHeight = 150;
  pen.rect(0, 0, DIGEST_WIDTH, headerHeight, colour.header);
  pen.text(PAD, model.title, { y: 56, size: size.title, bold: true, fill: colour.headerText, width: INNER });
  pen.text(PAD, model.span, { y: 96, size: size.span, fill: colour.headerText, width: INNER });
  pen.text(PAD, model.asOf, { y: 132, size: size.detail, fill: colour.headerText, width: INNER });
  pen.y = headerHeight;
  if (model.sections.length === 0) {
    pen.y += 70;
    pen.text(PAD, model.empty, { size: size.label, fill: colour.muted, width: INNER });
  }
  for (const section of model.sections) drawSection(pen, section);
  const height = Math.ceil(pen.y + PAD);
  return {
    width: DIGEST_WIDTH,
    height,
    background: colour.surface,
    fontFamily: DIGEST_FONT_FAMILY,
    title: [model.title, model.span, model.asOf].filter(Boolean).join(' · '),
    primitives: [
      { kind: 'rect', x: 0, y: 0, width: DIGEST_WIDTH, height, fill: colour.surface, radius: 0 },
      ...pen.primitives,
    ],
  };
}
