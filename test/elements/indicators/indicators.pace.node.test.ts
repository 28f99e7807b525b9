// Pace and status rules of <stride-indicators>. November 2026: the 1st is a Sunday, so Monday-Friday gives
// 21 working days (2-6, 9-13, 16-20, 23-27, 30) and 17 of them have elapsed by Tuesday the 24th.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  paceFor,
  paceStatus,
  periodProgress,
  workingCalendar,
  dayNumber,
} from '../../../packages/elements/src/indicators/indicators.pace.js';

const november = { start: '2026-11-01', end: '2026-11-30' };
const tz = 'Asia/Shanghai';

describe('periodProgress', () => {
  it('counts Monday-Friday working days elapsed up to and including the day of asOf', () => {
    const p = periodProgress(november, '2026-11-24T10:00:00+08:00', undefined, tz);
    assert.deepEqual(p, { elapsed: 17, total: 21, share: 17 / 21, notStarted: false });
  });

  it('takes the day of asOf in the bank time zone, not UTC', () => {
    // 17:00 UTC on the 23rd is 01:00 on the 24th in Shanghai.
    assert.equal(periodProgress(november, '2026-11-23T17:00:00Z', undefined, tz).elapsed, 17);
    assert.equal(periodProgress(november, '2026-11-23T17:00:00Z', undefined, 'UTC').elapsed, 16);
  });

  it('drops holidays and adds make-up working days (调休)', () => {
    // Monday 2nd off; Saturday 7th worked: total 21 - 1 + 1, elapsed by the 24th 17 - 1 + 1.
    const p = periodProgress(
      november,
      '2026-11-24T10:00:00+08:00',
      { holidays: ['2026-11-02'], workdays: ['2026-11-07'] },
      tz,
    );
    assert.equal(p.total, 21);
    assert.equal(p.elapsed, 17);
    const holidayOnly = periodProgress(
      november,
      '2026-11-24T10:00:00+08:00',
      { holidays: ['2026-11-02'], workdays: [] },
      tz,
    );
    assert.equal(holidayOnly.total, 20);
    assert.equal(holidayOnly.elapsed, 16);
  });

  it('reports a period that has not started with nothing elapsed and a zero share', () => {
    const p = periodProgress({ start: '2026-12-01', end: '2026-12-31' }, '2026-11-24T10:00:00+08:00', undefined, tz);
    assert.equal(p.notStarted, true);
    assert.equal(p.elapsed, 0);
    assert.equal(p.share, 0);
    // December 2026: the 1st is a Tuesday; 23 weekdays.
    assert.equal(p.total, 23);
  });

  it('caps asOf at the end of a finished period', () => {
    const p = periodProgress({ start: '2026-10-01', end: '2026-10-31' }, '2026-11-24T10:00:00+08:00', undefined, tz);
    assert.equal(p.share, 1);
    assert.equal(p.elapsed, 22);
  });

  it('expects the whole target of a day period on a holiday once it has begun', () => {
    const p = periodProgress({ start: '2026-11-28', end: '2026-11-28' }, '2026-11-28T18:00:00+08:00', undefined, tz);
    assert.equal(p.total, 0);
    assert.equal(p.share, 1);
  });
});

describe('workingCalendar', () => {
  it('works weekdays, rests weekends', () => {
    const cal = workingCalendar(undefined);
    assert.equal(cal.isWorkingDay(dayNumber('2026-11-27')), true); // Friday
    assert.equal(cal.isWorkingDay(dayNumber('2026-11-28')), false); // Saturday
    assert.equal(cal.isWorkingDay(dayNumber('2026-11-29')), false); // Sunday
  });
});

describe('paceFor and paceStatus', () => {
  it('paces a count by the working-day share and a rate by its target directly', () => {
    assert.equal(paceFor('count', 210, 17 / 21), 170);
    assert.equal(paceFor('fraction', 0.9, 17 / 21), 0.9);
  });

  it('has no pace without a target or with a zero target', () => {
    assert.equal(paceFor('count', null, 0.5), null);
    assert.equal(paceFor('count', undefined, 0.5), null);
    assert.equal(paceFor('count', 0, 0.5), null);
  });

  it('is on pace within 5% either side, ahead from +5%, behind below -5%', () => {
    // pace 200: ahead from 210, behind under 190.
    assert.equal(paceStatus(210, 200), 'ahead');
    assert.equal(paceStatus(209.9, 200), 'on-pace');
    assert.equal(paceStatus(190, 200), 'on-pace');
    assert.equal(paceStatus(189.9, 200), 'behind');
    assert.equal(paceStatus(0, 200), 'behind');
  });

  it('mirrors the rule where less is better', () => {
    assert.equal(paceStatus(180, 200, 'down'), 'ahead');
    assert.equal(paceStatus(200, 200, 'down'), 'on-pace');
    assert.equal(paceStatus(211, 200, 'down'), 'behind');
  });

  it('gives no status for a missing value, no target, or a period that has not started', () => {
    assert.equal(paceStatus(null, 200), null);
    assert.equal(paceStatus(Number.NaN, 200), null);
    assert.equal(paceStatus(12, null), null);
    assert.equal(paceStatus(12, 0), null);
  });
});
