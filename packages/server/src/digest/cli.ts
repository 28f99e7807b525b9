/**
 * `--digest` and its flags for the reference server (main.ts): reads the flags and the environment, and starts the
 * schedule. The robot's webhook and secret come only from the environment (STRIDE_DIGEST_WEBHOOK,
 * STRIDE_DIGEST_SECRET): the key is in the URL, and a command line shows in `ps` and shell history.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { OrgTree, PeriodKind, WorkCalendar } from '../../../core/src/contracts.js';
import { PERIOD_KINDS } from '../../../core/src/contracts.js';
import { digestOrg, type DigestSource } from './collect.js';
import { findCjkFont, renderDigestPng } from './render.js';
import { robotKind, webhookUrl } from './robots.js';
import { createDigestSchedule, type DigestSchedule } from './schedule.js';
import { parseSlots } from './slots.js';

/** The flags main.ts declares for the digest (parseArgs options). */
export const DIGEST_FLAGS = {
  digest: { type: 'string' },
  org: { type: 'string' },
  state: { type: 'string' },
  'digest-lang': { type: 'string', default: 'zh-CN' },
  'digest-period': { type: 'string', default: 'month' },
  robot: { type: 'string' },
  font: { type: 'string' },
  'image-base-url': { type: 'string' },
  'image-dir': { type: 'string' },
} as const;

export interface DigestFlagValues {
  digest?: string;
  org?: string;
  state?: string;
  'digest-lang'?: string;
  'digest-period'?: string;
  robot?: string;
  font?: string;
  'image-base-url'?: string;
  'image-dir'?: string;
}

/** A webhook or secret on the command line is refused before anything else reads it. */
export function refuseSecretsOnCommandLine(argv: readonly string[]): void {
  const given = argv.find((arg) => /^--(webhook|secret|digest-webhook|digest-secret)(=|$)/.test(arg));
  if (given)
    throw new Error(
      `${given.split('=')[0]} is not a flag: the robot's key is in its URL, so set STRIDE_DIGEST_WEBHOOK (and STRIDE_DIGEST_SECRET) in the environment`,
    );
}

export function startDigestSchedule(
  flags: DigestFlagValues,
  data: { source: DigestSource; orgTree: OrgTree; timeZone: string; calendar: WorkCalendar | undefined },
  env: NodeJS.ProcessEnv = process.env,
): DigestSchedule {
  const slots = parseSlots(flags.digest ?? '');
  const url = webhookUrl(env['STRIDE_DIGEST_WEBHOOK']);
  const kind = robotKind(url, flags.robot);
  const period = flags['digest-period'] ?? 'month';
  if (!PERIOD_KINDS.includes(period as PeriodKind))
    throw new Error(`--digest-period must be one of ${PERIOD_KINDS.join(', ')}, got "${period}"`);
  const fontFile = findCjkFont(flags.font);
  const imageDir = resolve(flags['image-dir'] ?? (flags.state ? dirname(flags.state) : '.'));
  const schedule = createDigestSchedule({
    slots,
    org: digestOrg(data.orgTree, flags.org),
    period: period as PeriodKind,
    locale: flags['digest-lang'] === 'en' ? 'en' : 'zh-CN',
    timeZone: data.timeZone,
    calendar: data.calendar,
    source: data.source,
    robot: { kind, url, ...(env['STRIDE_DIGEST_SECRET'] ? { secret: env['STRIDE_DIGEST_SECRET'] } : {}) },
    render: (svg, width) => renderDigestPng(svg, { fontFile, width }),
    ...(flags['image-base-url']
      ? {
          imageBaseUrl: flags['image-base-url'],
          writeImage: (file: string, png: Buffer) => {
            mkdirSync(imageDir, { recursive: true });
            writeFileSync(join(imageDir, file), png);
          },
        }
      : {}),
    ...(flags.state ? { statePath: flags.state } : {}),
  });
  console.log(
    `stride-digest: ${slots.map((s) => s.label).join(', ')} (${data.timeZone}, working days) to the ${kind} robot at ${url.host}`,
  );
  return schedule;
}
