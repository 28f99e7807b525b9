/**
 * The digest as text: WeCom robot markdown, DingTalk robot markdown and plain text, from the same model as the
 * picture. Robots render markdown, so an adapter string must not become markup there: a manager named
 * `[点我](https://…)` or `<font color=…>` would otherwise post a link or restyle the message. Markdown's special
 * characters in the model's text are replaced by their full-width forms (`[` → `［`), which both robots show as
 * the same character and neither reads as markup (neither robot documents a backslash escape).
 */
import type { StrideLocale } from '../format/index.js';
import { t } from './digest.strings.js';
import type { DigestModel, DigestSection } from './digest.model.js';

/** WeCom's limit for a markdown message's content, in bytes of UTF-8. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

const FULL_WIDTH: Readonly<Record<string, string>> = {
  '\\': '＼',
  '`': '｀',
  '*': '＊',
  _: '＿',
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '#': '＃',
  '~': '～',
  '|': '｜',
};

/** Model text made inert for a robot's markdown. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>#~|]/g, (char) => FULL_WIDTH[char] ?? char);
}

interface Line {
  /** Plain words of the line. */
  plain: string;
  wecom: string;
  dingtalk: string;
}

type Tone = 'good' | 'bad' | 'muted' | null;

function wecomTone(text: string, tone: Tone): string {
  if (!text || tone === null) return text;
  const colour = tone === 'good' ? 'info' : tone === 'bad' ? 'warning' : 'comment';
  return `<font color="${colour}">${text}</font>`;
}

/** A line of parts; each part is model text, optionally bold or toned. */
function line(parts: { text: string; bold?: boolean; tone?: Tone }[], bullet = true): Line {
  const kept = parts.filter((part) => part.text !== '');
  const plain = kept.map((part) => part.text).join(' ');
  const md = (withTone: boolean): string =>
    kept
      .map((part) => {
        const safe = markdownText(part.text);
        const bold = part.bold ? `**${safe}**` : safe;
        return withTone ? wecomTone(bold, part.tone ?? null) : bold;
      })
      .join(' ');
  return { plain, wecom: md(true), dingtalk: `${bullet ? '- ' : ''}${md(false)}` };
}

function heading(text: string): Line {
  const safe = markdownText(text);
  return { plain: `【${text}】`, wecom: `**${safe}**`, dingtalk: `#### ${safe}` };
}

const BLANK: Line = { plain: '', wecom: '', dingtalk: '' };

function sectionLines(section: DigestSection, locale: StrideLocale): Line[] {
  const colon = locale === 'zh-CN' ? '：' : ':';
  const lines: Line[] = [BLANK, heading(section.title)];
  switch (section.kind) {
    case 'indicators':
      for (const item of section.items) {
        const tone: Tone = item.status === 'behind' ? 'bad' : item.status === 'ahead' ? 'good' : null;
        lines.push(
          line([
            { text: `${item.label}${colon}` },
            { text: item.value, bold: true },
            { text: item.detail ? `(${item.detail})` : '', tone: 'muted' },
            { text: item.statusText, tone },
          ]),
        );
      }
      break;
    case 'leaderboard':
      // "第2名", never "2.": markdown would renumber a list and lose the shared ranks of a tie
      for (const row of [...section.rows, ...(section.me ? [section.me] : [])])
        lines.push(
          line([
            { text: t(locale, 'rank', { rank: row.rank }) },
            { text: row.name, bold: row.isMe },
            { text: row.value, bold: true },
          ]),
        );
      break;
    case 'funnel':
      lines.push(line([{ text: section.stages.map((stage) => `${stage.label} ${stage.count}`).join(' → ') }]));
      if (section.overdue) lines.push(line([{ text: section.overdue, tone: 'bad' }]));
      break;
    case 'coverage':
      lines.push(line([{ text: section.rate, bold: true }, { text: section.line }]));
      if (section.lowest.length > 0)
        lines.push(
          line([
            { text: `${section.lowestTitle}${colon}`, tone: 'muted' },
            { text: section.lowest.map((grid) => `${grid.name} ${grid.rate}`).join(' · ') },
          ]),
        );
      break;
    case 'alerts':
      lines.push(line([{ text: section.counts, tone: 'muted' }]));
      for (const text of section.lines) lines.push(line([{ text, tone: 'bad' }]));
      break;
  }
  return lines;
}

function digestLines(model: DigestModel): Line[] {
  const header: Line[] = [
    heading(model.title),
    line([{ text: [model.span, model.asOf].filter(Boolean).join(' · '), tone: 'muted' }], false),
  ];
  if (model.sections.length === 0) return [...header, BLANK, line([{ text: model.empty }], false)];
  return [...header, ...model.sections.flatMap((section) => sectionLines(section, model.locale))];
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** Whole lines from the top while they fit `maxBytes` (with the "cut here" line when any were left out). */
export function fitLines(lines: readonly string[], maxBytes: number, cutLine: string): string {
  const whole = lines.join('\n');
  if (utf8Bytes(whole) <= maxBytes) return whole;
  const kept: string[] = [];
  let bytes = utf8Bytes(cutLine);
  for (const text of lines) {
    const cost = utf8Bytes(text) + 1;
    if (bytes + cost > maxBytes) break;
    kept.push(text);
    bytes += cost;
  }
  return [...kept, cutLine].join('\n');
}

export interface DigestTexts {
  text: string;
  markdown: { wecom: string; dingtalk: string };
  /** DingTalk's message title (shown in the chat list and notifications). */
  title: string;
}

export interface DigestTextOptions {
  /** An http(s) address of the PNG: DingTalk robots cannot upload images, so the markdown links it when given. */
  imageUrl?: string;
}

export function digestTexts(model: DigestModel, options: DigestTextOptions = {}): DigestTexts {
  const lines = digestLines(model);
  const dingtalk = lines.map((l) => l.dingtalk);
  if (options.imageUrl && /^https?:\/\/[^\s()<>]+$/i.test(options.imageUrl))
    dingtalk.splice(2, 0, '', `![${markdownText(model.title)}](${options.imageUrl})`);
  return {
    title: model.title,
    text: lines.map((l) => l.plain).join('\n'),
    markdown: {
      wecom: fitLines(
        lines.map((l) => l.wecom),
        WECOM_MARKDOWN_MAX_BYTES,
        t(model.locale, 'truncated'),
      ),
      // DingTalk joins single newlines into one paragraph: a blank line between lines keeps them apart
      dingtalk: dingtalk.filter((text) => text !== '').join('\n\n'),
    },
  };
}
