/**
 * The digest schedule of the reference back end (`--digest 08:00,17:30 --org ID`): at each slot of a working day,
 * the digest of the org, posted to the team's WeCom or DingTalk robot.
 *
 * - Once per slot: sent slots, and the messages of a half-sent one, are kept in the `--state` file, so a restart
 *   neither posts a slot twice nor loses its picture.
 * - A post that times out may still have reached the group: it is retried once and logged as possibly duplicated.
 *   Any other failure is retried on the next ticks, up to three attempts a slot.
 * - WeCom's 45009 (and DingTalk's 130101) say the group's robot is over its 20 messages a minute: wait a minute and
 *   try again, up to twice.
 * - Logs name the robot's host only: its key is in the URL.
 * Time comes from an injectable clock, so tests drive slots, timeouts and back-off without waiting.
 */
import type { WorkCalendar } from '../../../core/src/contracts.js';
import { buildDigest, type DigestOptions } from '../../../core/src/digest/index.js';
import type { StrideLocale } from '../../../core/src/format/index.js';
import { collectDigestInput, type DigestSource } from './collect.js';
import { PostTimeout, postJson, type PostOptions } from './post.js';
import {
  dingtalkMessages,
  dingtalkSignedUrl,
  robotAnswer,
  WECOM_IMAGE_MAX_BYTES,
  wecomMessages,
  type RobotKind,
  type RobotMessage,
} from './robots.js';
import { dueSlot, type DigestSlot, type DueSlot } from './slots.js';
import { readState, writeState, type DigestState, type SlotRecord } from './state.js';
import type { PeriodKind } from '../../../core/src/contracts.js';

export interface DigestClock {
  now(): number;
  /** Waits (the back-off). */
  sleep(ms: number): Promise<void>;
  /** A signal that aborts after `ms` (a request's timeout). */
  timeout(ms: number): AbortSignal;
}

export const realClock: DigestClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  timeout: (ms) => AbortSignal.timeout(ms),
};

export interface DigestScheduleOptions {
  slots: readonly DigestSlot[];
  org: { id: string; name: string };
  period?: PeriodKind;
  locale?: StrideLocale;
  timeZone: string;
  calendar: WorkCalendar | undefined;
  catalogue?: DigestOptions['catalogue'];
  source: DigestSource;
  robot: { kind: RobotKind; url: URL; secret?: string };
  /** Render the picture (Node: resvg with a CJK font) at a width in pixels. */
  render: (svg: string, width: number) => Buffer;
  /** DingTalk: where the PNG will be found, `<base>/<file>`; `writeImage` puts it there. */
  imageBaseUrl?: string;
  writeImage?: (file: string, png: Buffer) => void;
  statePath?: string;
  clock?: DigestClock;
  log?: (line: string) => void;
  /** One request's timeout. Default 15 s. */
  timeoutMs?: number;
  post?: (url: URL, payload: unknown, options: PostOptions) => ReturnType<typeof postJson>;
  postOptions?: Omit<PostOptions, 'signal'>;
}

export interface DigestSchedule {
  /** Sends the slot due now, if any and not sent yet. Resolves when done; never rejects. */
  tick(): Promise<void>;
  /** Ticks every 30 s until `stop`. */
  start(): void;
  stop(): void;
}

const MAX_ATTEMPTS = 3;
const RATE_LIMIT_WAIT_MS = 60_000;
const RATE_LIMIT_RETRIES = 2;

export function createDigestSchedule(options: DigestScheduleOptions): DigestSchedule {
  const clock = options.clock ?? realClock;
  const log = options.log ?? ((line: string) => console.log(line));
  const post = options.post ?? postJson;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { kind, url } = options.robot;
  const who = `stride-digest: ${kind} robot at ${url.host}`;
  let state: DigestState = readState(options.statePath);
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  function record(key: string, change: Partial<SlotRecord>): SlotRecord {
    const next: SlotRecord = {
      ...(state.slots[key] ?? { status: 'sending', parts: [], attempts: 0, at: '' }),
      ...change,
      at: new Date(clock.now()).toISOString(),
    };
    state = { ...state, slots: { ...state.slots, [key]: next } };
    writeState(options.statePath, state);
    return next;
  }

  /** One message, with the timeout's one retry and the rate limit's waits. Resolves to an error text or null. */
  async function send(message: RobotMessage, key: string): Promise<string | null> {
    let timedOut = false;
    let waits = 0;
    for (;;) {
      const target = kind === 'dingtalk' ? dingtalkSignedUrl(url, options.robot.secret, clock.now()) : url;
      let answer: string;
      try {
        const result = await post(target, message.payload, {
          ...options.postOptions,
          signal: clock.timeout(timeoutMs),
        });
        answer = robotAnswer(kind, result.status, result.body);
      } catch (error) {
        if (error instanceof PostTimeout && !timedOut) {
          timedOut = true;
          log(
            `${who}: ${key} ${message.part} timed out after ${timeoutMs / 1000} s; retrying once (possibly duplicated)`,
          );
          continue;
        }
        return error instanceof PostTimeout
          ? `timed out again after ${timeoutMs / 1000} s`
          : ((error as NodeJS.ErrnoException).code ?? (error as Error).name) || 'request failed';
      }
      if (answer === 'ok') {
        if (timedOut) log(`${who}: ${key} ${message.part} sent on retry (possibly duplicated)`);
        return null;
      }
      if (answer === 'rate-limited' && waits < RATE_LIMIT_RETRIES) {
        waits += 1;
        log(`${who}: ${key} ${message.part} rate-limited; waiting ${RATE_LIMIT_WAIT_MS / 1000} s`);
        await clock.sleep(RATE_LIMIT_WAIT_MS);
        continue;
      }
      return answer;
    }
  }

  function picture(svg: string): Buffer {
    // WeCom takes at most 2 MB: a very tall digest is drawn at the picture's own width instead of twice it
    const png = options.render(svg, 1200);
    return png.length <= WECOM_IMAGE_MAX_BYTES ? png : options.render(svg, 600);
  }

  async function deliver(due: DueSlot): Promise<void> {
    const input = await collectDigestInput(options.source, {
      org: options.org.id,
      date: due.reportDate,
      period: options.period ?? 'month',
    });
    const file = `stride-digest-${due.key.replace(/[ :]/g, '-')}.png`;
    const imageUrl =
      kind === 'dingtalk' && options.imageBaseUrl ? `${options.imageBaseUrl.replace(/\/+$/, '')}/${file}` : undefined;
    const digest = buildDigest(input, {
      locale: options.locale ?? 'zh-CN',
      timeZone: options.timeZone,
      calendar: options.calendar,
      orgName: options.org.name,
      ...(options.catalogue ? { catalogue: options.catalogue } : {}),
      ...(imageUrl ? { imageUrl } : {}),
    });
    let messages: RobotMessage[];
    if (kind === 'wecom') {
      messages = wecomMessages(digest.markdown.wecom, picture(digest.svg));
    } else {
      if (imageUrl && options.writeImage) options.writeImage(file, picture(digest.svg));
      messages = dingtalkMessages(digest.title, digest.markdown.dingtalk);
    }
    let current = state.slots[due.key]!;
    for (const message of messages) {
      if (current.parts.includes(message.part)) continue;
      const failure = await send(message, due.key);
      if (failure !== null) {
        record(due.key, { status: 'failed' });
        log(`${who}: ${due.key} ${message.part} failed: ${failure} (attempt ${current.attempts} of ${MAX_ATTEMPTS})`);
        return;
      }
      current = record(due.key, { parts: [...current.parts, message.part] });
    }
    record(due.key, { status: 'sent' });
    log(`${who}: ${due.key} sent (reporting ${due.reportDate})`);
  }

  async function tick(): Promise<void> {
    const due = dueSlot(options.slots, clock.now(), options.timeZone, options.calendar);
    if (!due) return;
    const done = state.slots[due.key];
    if (done?.status === 'sent' || (done && done.attempts >= MAX_ATTEMPTS)) return;
    record(due.key, { status: 'sending', attempts: (done?.attempts ?? 0) + 1 });
    try {
      await deliver(due);
    } catch (error) {
      record(due.key, { status: 'failed' });
      log(`${who}: ${due.key} could not be built: ${(error as Error).message}`);
    }
  }

  return {
    tick() {
      running ??= tick().finally(() => {
        running = null;
      });
      return running;
    },
    start() {
      if (timer) return;
      void this.tick();
      timer = setInterval(() => void this.tick(), 30_000);
      timer.unref?.();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
