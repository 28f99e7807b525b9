/**
 * The digest schedule (packages/server/src/digest) against fake WeCom and DingTalk robots on 127.0.0.1: payloads
 * checked exactly, a 500, a timeout, errcode 45009 and a restart mid-slot. Time is a fake clock: no real waits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { generatePilot } from '../../../mocks/pilot/index.js';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import { buildDigest } from '../../../packages/core/src/digest/index.js';
import type { WorkCalendar } from '../../../packages/core/src/contracts.js';
import { collectDigestInput } from '../../../packages/server/src/digest/collect.js';
import { createDigestSchedule, type DigestClock } from '../../../packages/server/src/digest/schedule.js';
import { dueSlot, parseSlots } from '../../../packages/server/src/digest/slots.js';
import { robotKind, webhookUrl } from '../../../packages/server/src/digest/robots.js';
import { refuseSecretsOnCommandLine } from '../../../packages/server/src/digest/cli.js';
import type { DigestState } from '../../../packages/server/src/digest/state.js';

const ZONE = 'Asia/Shanghai';
// Friday 2026-11-20 a holiday, Sunday 2026-11-22 a make-up working day (调休)
const calendar: WorkCalendar = { holidays: ['2026-11-20'], workdays: ['2026-11-22'] };
const at = (local: string): number => new Date(`${local}+08:00`).getTime();

class FakeClock implements DigestClock {
  readonly slept: number[] = [];
  private pending: AbortController[] = [];
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
  timeout(): AbortSignal {
    const controller = new AbortController();
    this.pending.push(controller);
    return controller.signal;
  }
  /** Every request waiting now runs out of time. */
  expire(): void {
    for (const controller of this.pending) controller.abort(new DOMException('timed out', 'TimeoutError'));
    this.pending = [];
  }
}

type Answer = { status: number; json: unknown } | 'hang';
interface Received {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** A robot on 127.0.0.1 that answers from a script (then `{"errcode":0}`) and keeps every request it got. */
class FakeRobot {
  readonly received: Received[] = [];
  script: Answer[] = [];
  clock: FakeClock | undefined;
  private server: Server;
  url = '';
  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        this.received.push({
          path: url.pathname,
          query: url.searchParams,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
        const answer = this.script.shift() ?? { status: 200, json: { errcode: 0, errmsg: 'ok' } };
        if (answer === 'hang') {
          this.clock?.expire();
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.json));
      });
    });
  }
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const pilot = generatePilot({ seed: 7, today: '2026-11-24', managers: 8, grids: 8, events: 1_500 });
const engine = createMetricsEngine(pilot);
const org = { id: 'br-hz', name: '杭州分行' };
const KEY = 'key-9f8e7d6c-secret';
const PNG = Buffer.from('89504e470d0a1a0a-not-really-a-png', 'utf8');

async function expectedDigest(date: string, imageUrl?: string) {
  const input = await collectDigestInput(engine, { org: org.id, date, period: 'month' });
  return buildDigest(input, {
    locale: 'zh-CN',
    timeZone: ZONE,
    calendar,
    orgName: org.name,
    ...(imageUrl ? { imageUrl } : {}),
  });
}

describe('digest slots', () => {
  const slots = parseSlots('17:30,08:00');

  it('reads the times, refusing anything else', () => {
    assert.deepEqual(
      slots.map((s) => s.label),
      ['08:00', '17:30'],
    );
    assert.throws(() => parseSlots('8am'), /expected times such as 08:00,17:30, got "8am"/);
    assert.throws(() => parseSlots('08:00,08:00'), /distinct/);
  });

  it('sends the first slot about the previous working day and later slots about today, on working days only', () => {
    // Monday 08:05: the previous working day is the make-up Sunday
    assert.deepEqual(dueSlot(slots, at('2026-11-23T08:05:00'), ZONE, calendar), {
      slot: slots[0],
      key: '2026-11-23 08:00',
      reportDate: '2026-11-22',
    });
    // the make-up Sunday's 08:00 reports Thursday: Friday was a holiday and Saturday is not worked
    assert.equal(dueSlot(slots, at('2026-11-22T09:00:00'), ZONE, calendar)?.reportDate, '2026-11-19');
    assert.deepEqual(dueSlot(slots, at('2026-11-23T18:00:00'), ZONE, calendar), {
      slot: slots[1],
      key: '2026-11-23 17:30',
      reportDate: '2026-11-23',
    });
    assert.equal(dueSlot(slots, at('2026-11-23T07:59:00'), ZONE, calendar), null);
    assert.equal(dueSlot(slots, at('2026-11-20T09:00:00'), ZONE, calendar), null, 'holiday');
    assert.equal(dueSlot(slots, at('2026-11-21T09:00:00'), ZONE, calendar), null, 'Saturday');
    // 00:30 UTC on Monday is 08:30 in Shanghai
    assert.equal(dueSlot(slots, Date.parse('2026-11-23T00:30:00Z'), ZONE, calendar)?.key, '2026-11-23 08:00');
  });

  it('takes the webhook from the environment only, https anywhere, http only on this machine', () => {
    assert.throws(
      () => refuseSecretsOnCommandLine(['node', 'main.ts', '--webhook=https://x']),
      /STRIDE_DIGEST_WEBHOOK/,
    );
    assert.throws(() => webhookUrl(undefined), /STRIDE_DIGEST_WEBHOOK/);
    assert.throws(() => webhookUrl(`http://robot.example/cgi-bin/webhook/send?key=${KEY}`), /must be an https/);
    assert.doesNotThrow(() => webhookUrl(`https://wecom.bank.internal/cgi-bin/webhook/send?key=${KEY}`));
    assert.equal(robotKind(new URL('https://oapi.dingtalk.com/robot/send?access_token=x')), 'dingtalk');
    assert.equal(robotKind(new URL('https://relay.bank.internal/post'), 'wecom'), 'wecom');
    assert.throws(() => robotKind(new URL('https://relay.bank.internal/post')), /--robot wecom or --robot dingtalk/);
  });
});

describe('digest schedule against fake robots', () => {
  const robot = new FakeRobot();
  const dir = mkdtempSync(join(tmpdir(), 'stride-digest-'));
  let stateFiles = 0;

  before(() => robot.listen());
  after(() => robot.close());

  function schedule(
    kind: 'wecom' | 'dingtalk',
    clock: FakeClock,
    extra: Partial<Parameters<typeof createDigestSchedule>[0]> & { statePath?: string } = {},
  ) {
    const lines: string[] = [];
    robot.clock = clock;
    robot.received.length = 0;
    const path = kind === 'wecom' ? `/cgi-bin/webhook/send?key=${KEY}` : `/robot/send?access_token=${KEY}`;
    const statePath = extra.statePath ?? join(dir, `state-${stateFiles++}.json`);
    const run = createDigestSchedule({
      slots: parseSlots('08:00,17:30'),
      org,
      timeZone: ZONE,
      calendar,
      source: engine,
      robot: { kind, url: new URL(`${robot.url}${path}`) },
      render: () => PNG,
      statePath,
      clock,
      log: (line) => lines.push(line),
      ...extra,
    });
    return { run, lines, statePath };
  }

  const state = (path: string): DigestState => JSON.parse(readFileSync(path, 'utf8')) as DigestState;

  it('posts WeCom markdown then the picture with its md5, once per slot, logging the host only', async () => {
    const clock = new FakeClock(at('2026-11-24T17:31:00'));
    const { run, lines, statePath } = schedule('wecom', clock);
    await run.tick();
    const expected = await expectedDigest('2026-11-24');
    assert.deepEqual(
      robot.received.map((r) => r.body),
      [
        { msgtype: 'markdown', markdown: { content: expected.markdown.wecom } },
        {
          msgtype: 'image',
          image: { base64: PNG.toString('base64'), md5: createHash('md5').update(PNG).digest('hex') },
        },
      ],
    );
    assert.equal(robot.received[0]?.query.get('key'), KEY);
    assert.ok(Buffer.byteLength(expected.markdown.wecom, 'utf8') <= 4096);
    assert.equal(state(statePath).slots['2026-11-24 17:30']?.status, 'sent');
    // the next tick in the same slot sends nothing
    clock.time += 60_000;
    await run.tick();
    assert.equal(robot.received.length, 2);
    assert.deepEqual(lines, [
      `stride-digest: wecom robot at ${new URL(robot.url).host}: 2026-11-24 17:30 sent (reporting 2026-11-24)`,
    ]);
    assert.ok(lines.every((line) => !line.includes(KEY)));
  });

  it('reports a 500 and tries again on the next tick, at most three times a slot', async () => {
    const clock = new FakeClock(at('2026-11-24T08:01:00'));
    const { run, lines, statePath } = schedule('wecom', clock);
    robot.script = [{ status: 500, json: {} }];
    await run.tick();
    assert.equal(robot.received.length, 1);
    assert.match(lines[0] ?? '', /2026-11-24 08:00 markdown failed: HTTP 500 \(attempt 1 of 3\)$/);
    assert.equal(state(statePath).slots['2026-11-24 08:00']?.status, 'failed');
    await run.tick();
    assert.equal(robot.received.length, 3, 'markdown again, then the image');
    assert.equal(state(statePath).slots['2026-11-24 08:00']?.status, 'sent');
    // the 08:00 slot reports the previous working day (Monday)
    assert.match(lines.at(-1) ?? '', /08:00 sent \(reporting 2026-11-23\)$/);

    const stubborn = schedule('wecom', new FakeClock(at('2026-11-23T17:45:00')));
    robot.script = [
      { status: 500, json: {} },
      { status: 500, json: {} },
      { status: 500, json: {} },
    ];
    for (let i = 0; i < 5; i++) await stubborn.run.tick();
    assert.equal(robot.received.length, 3);
  });

  it('retries a timed-out post once and says it may be duplicated', async () => {
    const clock = new FakeClock(at('2026-11-24T17:40:00'));
    const { run, lines, statePath } = schedule('wecom', clock);
    robot.script = ['hang'];
    await run.tick();
    assert.deepEqual(
      robot.received.map((r) => r.body['msgtype']),
      ['markdown', 'markdown', 'image'],
    );
    assert.deepEqual(robot.received[0]?.body, robot.received[1]?.body);
    assert.match(lines[0] ?? '', /17:30 markdown timed out after 15 s; retrying once \(possibly duplicated\)$/);
    assert.match(lines[1] ?? '', /17:30 markdown sent on retry \(possibly duplicated\)$/);
    assert.equal(state(statePath).slots['2026-11-24 17:30']?.status, 'sent');
  });

  it('backs off a minute on errcode 45009 and sends', async () => {
    const clock = new FakeClock(at('2026-11-24T17:40:00'));
    const { run, lines } = schedule('wecom', clock);
    robot.script = [
      { status: 200, json: { errcode: 0 } },
      { status: 200, json: { errcode: 45009, errmsg: 'api freq out of limit' } },
    ];
    await run.tick();
    assert.deepEqual(clock.slept, [60_000]);
    assert.deepEqual(
      robot.received.map((r) => r.body['msgtype']),
      ['markdown', 'image', 'image'],
    );
    assert.match(lines[0] ?? '', /image rate-limited; waiting 60 s$/);
    assert.match(lines[1] ?? '', /17:30 sent/);
  });

  it('after a restart mid-slot sends only what the robot had not accepted, and never a sent slot again', async () => {
    const statePath = join(dir, 'restart.json');
    const half: DigestState = {
      version: 1,
      slots: {
        '2026-11-24 17:30': { status: 'sending', parts: ['markdown'], attempts: 1, at: '2026-11-24T09:30:05Z' },
      },
    };
    writeFileSync(statePath, JSON.stringify(half));
    const clock = new FakeClock(at('2026-11-24T17:33:00'));
    await schedule('wecom', clock, { statePath }).run.tick();
    assert.deepEqual(
      robot.received.map((r) => r.body['msgtype']),
      ['image'],
    );
    assert.equal(state(statePath).slots['2026-11-24 17:30']?.status, 'sent');
    // and a second restart in the same slot posts nothing
    await schedule('wecom', clock, { statePath }).run.tick();
    assert.equal(robot.received.length, 0);
  });

  it('signs DingTalk posts and links the picture when an image address is given', async () => {
    const clock = new FakeClock(at('2026-11-24T17:35:00'));
    const written: string[] = [];
    const { run } = schedule('dingtalk', clock, {
      robot: {
        kind: 'dingtalk',
        url: new URL(`${robot.url}/robot/send?access_token=${KEY}`),
        secret: 'SEC-test-secret',
      },
      imageBaseUrl: 'https://portal.bank.example/digest/',
      writeImage: (file) => written.push(file),
    });
    await run.tick();
    const imageUrl = 'https://portal.bank.example/digest/stride-digest-2026-11-24-17-30.png';
    const expected = await expectedDigest('2026-11-24', imageUrl);
    assert.equal(robot.received.length, 1);
    const [sent] = robot.received;
    assert.deepEqual(sent?.body, {
      msgtype: 'markdown',
      markdown: { title: expected.title, text: expected.markdown.dingtalk },
    });
    assert.ok(expected.markdown.dingtalk.includes(`](${imageUrl})`));
    assert.deepEqual(written, ['stride-digest-2026-11-24-17-30.png']);
    const timestamp = String(clock.now());
    assert.equal(sent?.query.get('access_token'), KEY);
    assert.equal(sent?.query.get('timestamp'), timestamp);
    assert.equal(
      sent?.query.get('sign'),
      createHmac('sha256', 'SEC-test-secret').update(`${timestamp}\nSEC-test-secret`).digest('base64'),
    );
  });
});
