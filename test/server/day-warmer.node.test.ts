/**
 * The server computes a bank day's figures as the day begins in the bank's zone, once, and again after a load or a
 * refresh whatever the day (packages/server/src/day-warmer.ts).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createBankZone } from '../../packages/core/src/engine/time.js';
import { createDayWarmer } from '../../packages/server/src/day-warmer.js';

const zone = createBankZone('Asia/Shanghai');

it('warms once as each bank day begins in the bank zone, not at UTC midnight', async () => {
  let clock = Date.parse('2026-03-10T23:58:00+08:00');
  const warmedAt: string[] = [];
  const warmer = createDayWarmer({
    zone,
    now: () => clock,
    warm: async () => void warmedAt.push(zone.formatDateTime(clock)),
  });
  await warmer.warmNow();
  const ticksAt = [
    '2026-03-10T23:59:59+08:00',
    '2026-03-11T00:00:30+08:00',
    '2026-03-11T00:01:30+08:00',
    // UTC midnight is 08:00 in Shanghai: the same bank day
    '2026-03-11T08:00:30+08:00',
    '2026-03-12T00:00:30+08:00',
  ];
  for (const at of ticksAt) {
    clock = Date.parse(at);
    await warmer.tick();
  }
  assert.deepEqual(warmedAt, ['2026-03-10T23:58:00+08:00', '2026-03-11T00:00:30+08:00', '2026-03-12T00:00:30+08:00']);
});

it('counts a refresh after midnight as the day warmed, and warms a refresh whatever the day', async () => {
  let clock = Date.parse('2026-03-10T22:00:00+08:00');
  let warms = 0;
  const warmer = createDayWarmer({ zone, now: () => clock, warm: async () => void (warms += 1) });
  await warmer.warmNow(); // the load
  clock = Date.parse('2026-03-11T02:00:00+08:00');
  await warmer.warmNow(); // the nightly refresh, before any tick saw the new day
  await warmer.tick();
  assert.equal(warms, 2);
  await warmer.warmNow(); // a second refresh the same day: new data, new figures
  assert.equal(warms, 3);
});
