/**
 * The work behind the share button, loaded on first share: the digest of the widget's section, its picture drawn
 * directly on a canvas from the layout's primitives (never an SVG loaded as an image, which an `img-src 'self'`
 * page refuses), copied to the clipboard where the browser allows it, else downloaded, and sent in `stride-share`
 * for a portal that posts it through its own back end.
 */
import { defineStrings, loadDigest, translator, type DigestLayout } from '@stride/core';
import { StrideShareEvent } from './events.js';
import { downloadBlob } from './download.js';
import type { ShareController } from './share-controller.js';

const t = translator(
  defineStrings({
    'zh-CN': {
      working: '正在生成图片…',
      copied: '图片已复制，可直接粘贴到群聊',
      downloaded: '图片已下载',
      handed: '已交给门户发送',
      failed: '分享失败：{message}',
    },
    en: {
      working: 'Drawing the picture…',
      copied: 'Picture copied: paste it into the group chat',
      downloaded: 'Picture downloaded',
      handed: 'Handed to the portal to post',
      failed: 'Could not share: {message}',
    },
  }),
);

/** The picture drawn at `scale` (2: sharp on a phone that shows it about 300 px wide) as a PNG. */
export function drawDigestPng(layout: DigestLayout, scale = 2): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = layout.width * scale;
  canvas.height = layout.height * scale;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('no 2D canvas'));
  context.scale(scale, scale);
  for (const p of layout.primitives) {
    if (p.kind === 'rect') {
      context.fillStyle = p.fill;
      context.beginPath();
      context.roundRect(p.x, p.y, p.width, p.height, p.radius);
      context.fill();
    } else if (p.kind === 'line') {
      context.strokeStyle = p.stroke;
      context.lineWidth = p.width;
      context.beginPath();
      context.moveTo(p.x1, p.y1);
      context.lineTo(p.x2, p.y2);
      context.stroke();
    } else {
      context.font = `${p.bold ? 'bold ' : ''}${p.size}px ${layout.fontFamily}`;
      context.fillStyle = p.fill;
      context.textAlign = p.anchor === 'end' ? 'right' : 'left';
      context.fillText(p.text, p.x, p.y);
    }
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((png) => (png ? resolve(png) : reject(new Error('canvas gave no PNG'))), 'image/png'),
  );
}

/** True when the browser took the picture onto the clipboard (it needs a secure page and the user's permission). */
async function copyPng(png: Blob): Promise<boolean> {
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    return true;
  } catch {
    return false;
  }
}

/** The org's name from the adapter's org tree, for the picture's title; the id when there is none. */
async function orgName(controller: ShareController, org: string): Promise<string> {
  try {
    const tree = await controller.host.resolved.adapter?.orgTree?.({}, { signal: new AbortController().signal });
    return tree?.find((node) => node.id === org)?.name ?? org;
  } catch {
    return org;
  }
}

export async function share(controller: ShareController): Promise<void> {
  const { host } = controller;
  const input = controller.input();
  if (!input) return;
  const { lang, timeZone, me, alertRules, org } = host.resolved;
  const say = (status: string): void => {
    controller.status = status;
    host.requestUpdate();
  };
  say(t(lang, 'working'));
  try {
    const [{ buildDigest }, name] = await Promise.all([loadDigest(), orgName(controller, org ?? '')]);
    const digest = buildDigest(input, {
      locale: lang,
      timeZone,
      rules: alertRules,
      orgName: name,
      ...(me ? { me } : {}),
      ...controller.options(),
    });
    const png = await drawDigestPng(digest.layout);
    const event = new StrideShareEvent({ png, text: digest.text, markdown: digest.markdown });
    host.dispatchEvent(event);
    if (await copyPng(png)) return say(t(lang, 'copied'));
    if (event.defaultPrevented) return say(t(lang, 'handed'));
    const first = input.indicators ?? input.leaderboard ?? input.funnel ?? input.coverage ?? input.alerts;
    downloadBlob(`stride-${org ?? ''}-${first?.scope.date ?? ''}.png`, png, host.renderRoot);
    say(t(lang, 'downloaded'));
  } catch (error) {
    say(t(lang, 'failed', { message: error instanceof Error ? error.message : String(error) }));
  }
}
