/**
 * Previews the scheduled digest from the synthetic pilot, without a back end or a robot:
 *
 *   npm run digest -- --out digest.png [--lang zh-CN|en] [--org ID] [--date YYYY-MM-DD] [--period month]
 *                     [--font FILE] [--width PX]
 *
 * Writes the PNG, prints the WeCom markdown (and with --text the DingTalk markdown and plain text too).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatePilot } from '../../../../mocks/pilot/index.js';
import { createMetricsEngine } from '../../../core/src/engine/index.js';
import { buildDigest } from '../../../core/src/digest/index.js';
import { PERIOD_KINDS, type PeriodKind } from '../../../core/src/contracts.js';
import { collectDigestInput, digestOrg } from './collect.js';
import { findCjkFont, renderDigestPng } from './render.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'digest.png' },
    lang: { type: 'string', default: 'zh-CN' },
    org: { type: 'string' },
    date: { type: 'string' },
    period: { type: 'string', default: 'month' },
    font: { type: 'string' },
    width: { type: 'string', default: '1200' },
    text: { type: 'boolean', default: false },
  },
});

const locale = values.lang === 'en' ? 'en' : 'zh-CN';
if (!PERIOD_KINDS.includes(values.period as PeriodKind)) {
  console.error(`--period must be one of ${PERIOD_KINDS.join(', ')}, got "${values.period}"`);
  process.exit(2);
}
const pilot = generatePilot();
const engine = createMetricsEngine(pilot);
const org = digestOrg(pilot.orgTree, values.org);
const input = await collectDigestInput(engine, {
  org: org.id,
  date: values.date ?? pilot.today,
  period: values.period as PeriodKind,
});
const digest = buildDigest(input, {
  locale,
  orgName: org.name,
  timeZone: pilot.timeZone,
  calendar: pilot.calendar,
});
const png = renderDigestPng(digest.svg, { fontFile: findCjkFont(values.font), width: Number(values.width) });
writeFileSync(values.out, png);
console.log(digest.markdown.wecom);
if (values.text) console.log(`\n${digest.markdown.dingtalk}\n\n${digest.text}`);
console.log(`\ndigest: ${values.out} (${png.length} bytes, ${digest.layout.width}x${digest.layout.height} units)`);
