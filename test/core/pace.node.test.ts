// Pace and the one behind rule (tiles, sheet bands, alerts). November 2026: the 1st is a Sunday, so Monday-Friday gives
// 21 working days (2-6, 9-13, 16-20, 23-27, 30) and 17 of them have elapsed by Tuesday the 24th.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  alertRules,
  paceBand,
  paceFor,
  paceStatus,
  periodProgress,
  workingCalendar,
  dayNumber,
  versusBaseline,
} from '../../packages/core/src/alerts/pace.js';
import { formatVersusBaseline } from '../../packages/core/src/format/index.js';

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
    assert.equal(paceFor({ unit: 'count' }, 210, 17 / 21), 170);
    assert.equal(paceFor({ unit: 'fraction' }, 0.9, 17 / 21), 0.9);
  });

  it('has no pace without a target or with a zero target', () => {
    assert.equal(paceFor({ unit: 'count' }, null, 0.5), null);
    assert.equal(paceFor({ unit: 'count' }, undefined, 0.5), null);
    assert.equal(paceFor({ unit: 'count' }, 0, 0.5), null);
  });

  it('a count is behind when more than 10% under pace, ahead from 10% over', () => {
    // pace 200: ahead from 220, behind under 180.
    assert.equal(paceStatus(220, 200), 'ahead');
    assert.equal(paceStatus(219.9, 200), 'on-pace');
    assert.equal(paceStatus(180, 200), 'on-pace');
    assert.equal(paceStatus(179.9, 200), 'behind');
    assert.equal(paceStatus(0, 200), 'behind');
  });

  it('a fraction is behind when more than 5 points under its target, not 5% of it', () => {
    // target 0.9: behind under 0.85 (5% of 0.9 would put the edge at 0.855)
    assert.equal(paceStatus(0.851, 0.9, 'fraction'), 'on-pace');
    assert.equal(paceStatus(0.849, 0.9, 'fraction'), 'behind');
    assert.equal(paceStatus(0.95, 0.9, 'fraction'), 'ahead');
    assert.equal(paceStatus(0.85, 0.9, 'fraction'), 'on-pace');
  });

  it('mirrors the rule where less is better', () => {
    assert.equal(paceStatus(180, 200, 'count', 'down'), 'ahead');
    assert.equal(paceStatus(200, 200, 'count', 'down'), 'on-pace');
    assert.equal(paceStatus(221, 200, 'count', 'down'), 'behind');
  });

  it('gives no status for a missing value, no target, or a period that has not started', () => {
    assert.equal(paceStatus(null, 200), null);
    assert.equal(paceStatus(Number.NaN, 200), null);
    assert.equal(paceStatus(12, null), null);
    assert.equal(paceStatus(12, 0), null);
  });

  it('takes configured tolerances, ignoring thresholds that are not finite and non-negative', () => {
    const strict = alertRules({ countTolerance: 0.02, fractionTolerance: Number.NaN });
    assert.equal(paceStatus(190, 200, 'count', 'up', strict), 'behind');
    assert.equal(strict.fractionTolerance, 0.05);
    assert.equal(alertRules({ overdueThreshold: -1 }).overdueThreshold, 5);
  });
});

describe('paceBand: sheet bands by the same rule', () => {
  it('bands 1-3 are behind, on pace and ahead; 0 is behind under 60% of pace', () => {
    assert.equal(paceBand(119, 200, 'count'), 0);
    assert.equal(paceBand(120, 200, 'count'), 1);
    assert.equal(paceBand(179, 200, 'count'), 1);
    assert.equal(paceBand(180, 200, 'count'), 2);
    assert.equal(paceBand(220, 200, 'count'), 3);
    assert.equal(paceBand(null, 200, 'count'), null);
  });

  it('every behind band is a behind status and no other band is', () => {
    for (let value = 0; value <= 300; value += 0.5) {
      const behind = paceStatus(value, 200) === 'behind';
      const band = paceBand(value, 200, 'count');
      assert.equal(band === 0 || band === 1, behind, `value ${value}`);
    }
  });
});

describe('versusBaseline: against the time before the pilot', () => {
  it('pro-rates a count like pace and reads it as a multiple', () => {
    // a whole month before the pilot did 30; 17 of 21 working days in, 50 is 50 / (30 x 17/21) = 2.06 times
    const versus = versusBaseline('count', 50, 30, 17 / 21);
    assert.equal(versus?.kind, 'times');
    assert.equal(formatVersusBaseline(versus, 'en'), '×2.1');
    assert.equal(formatVersusBaseline(versusBaseline('count', 17, 170, 1), 'zh-CN'), '×0.1');
  });
  it('compares a rate in percentage points', () => {
    const versus = versusBaseline('fraction', 0.17, 0.015, 0.5);
    assert.deepEqual(versus?.kind, 'points');
    assert.equal(formatVersusBaseline(versus, 'en'), '+15.5 pts');
    assert.equal(formatVersusBaseline(versus, 'zh-CN'), '+15.5个百分点');
    assert.equal(formatVersusBaseline(versusBaseline('fraction', 0.4, 0.4, 1), 'en'), '0 pts');
  });
  it('says nothing without a value, a baseline, a count baseline above 0 or an elapsed working day', () => {
    assert.equal(versusBaseline('count', null, 30, 0.5), null);
    assert.equal(versusBaseline('count', 5, null, 0.5), null);
    assert.equal(versusBaseline('count', 5, 0, 0.5), null);
    assert.equal(versusBaseline('count', 5, 30, 0), null);
    assert.equal(versusBaseline('fraction', 0.5, Number.NaN, 1), null);
  });
});
