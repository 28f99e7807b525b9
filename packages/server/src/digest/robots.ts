/**
 * The two chat robots a digest is posted to, with their payloads exactly as their documentation gives them.
 *
 * - WeCom (企业微信) group robot: `{"msgtype":"markdown","markdown":{"content"}}` (content at most 4096 bytes of
 *   UTF-8), then `{"msgtype":"image","image":{"base64","md5"}}` (md5: hex of the raw bytes; PNG or JPG at most
 *   2 MB). Success is `{"errcode":0}`; errcode 45009 is the limit of 20 messages a minute.
 * - DingTalk (钉钉) group robot: `{"msgtype":"markdown","markdown":{"title","text"}}`; with a signing secret the URL
 *   gets `&timestamp=<ms>&sign=` urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))). It cannot upload
 *   an image: the text links the PNG when an image address is configured. Its rate limit is errcode 130101.
 *
 * The webhook URL carries the robot's key, so nothing here ever logs more of it than the host.
 */
import { createHash, createHmac } from 'node:crypto';
import type { DigestPart } from './state.js';

export type RobotKind = 'wecom' | 'dingtalk';

/** WeCom's and DingTalk's public webhook paths; a private deployment keeps the path, or names its kind. */
export function robotKind(url: URL, named?: string): RobotKind {
  if (named === 'wecom' || named === 'dingtalk') return named;
  if (named !== undefined) throw new Error(`--robot must be wecom or dingtalk, got "${named}"`);
  if (url.pathname.includes('/cgi-bin/webhook/send')) return 'wecom';
  if (url.pathname.includes('/robot/send')) return 'dingtalk';
  throw new Error(
    `cannot tell the robot from the webhook at ${url.host}: name it with --robot wecom or --robot dingtalk`,
  );
}

/**
 * The webhook from STRIDE_DIGEST_WEBHOOK: any https address (private WeCom and DingTalk deployments have their own
 * hosts); plain http only to this machine (a local relay, the tests' fake robots).
 */
export function webhookUrl(text: string | undefined): URL {
  if (!text) throw new Error('--digest needs the robot webhook in STRIDE_DIGEST_WEBHOOK');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('STRIDE_DIGEST_WEBHOOK is not a URL');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new Error(`STRIDE_DIGEST_WEBHOOK must be an https address (host ${url.host})`);
  return url;
}

/** The WeCom limit for a picture. */
export const WECOM_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

export interface RobotMessage {
  part: DigestPart;
  payload: unknown;
}

export function wecomMessages(markdown: string, png: Buffer): RobotMessage[] {
  return [
    { part: 'markdown', payload: { msgtype: 'markdown', markdown: { content: markdown } } },
    {
      part: 'image',
      payload: {
        msgtype: 'image',
        image: { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') },
      },
    },
  ];
}

export function dingtalkMessages(title: string, markdown: string): RobotMessage[] {
  return [{ part: 'markdown', payload: { msgtype: 'markdown', markdown: { title, text: markdown } } }];
}

/** DingTalk's signed address: the webhook plus `timestamp` and `sign` (a new pair for every request). */
export function dingtalkSignedUrl(url: URL, secret: string | undefined, timestamp: number): URL {
  if (!secret) return url;
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestamp));
  signed.searchParams.set('sign', sign);
  return signed;
}

/** errcode 0 is success; the rate-limit codes are worth waiting for, anything else is not. */
export function robotAnswer(kind: RobotKind, status: number, body: unknown): 'ok' | 'rate-limited' | string {
  const errcode = (body as { errcode?: unknown } | undefined)?.errcode;
  const errmsg = (body as { errmsg?: unknown } | undefined)?.errmsg;
  if (status === 200 && errcode === 0) return 'ok';
  if (errcode === (kind === 'wecom' ? 45009 : 130101)) return 'rate-limited';
  if (status !== 200) return `HTTP ${status}`;
  // the robot's message names the problem (a bad key, a too-long content); it never echoes the key itself
  return `errcode ${String(errcode)}${typeof errmsg === 'string' ? ` (${errmsg.slice(0, 120)})` : ''}`;
}
