// The sparkline's days: working days on the line, weekends as a gap, today hollow, a rate's unclosed days pending.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TrendPoint } from '@stride/core';
import { SPARK_HEIGHT, sparkGeometry } from '../../../packages/elements/src/indicators/indicators.sparkline.js';
import { partialDay, trendDaysOf } from '../../../packages/elements/src/indicators/indicators.view-model.js';

const ZONE = 'Asia/Shanghai';

/** Daily points from `start`, one value a day. */
function days(start: string, values: (number | null)[]): TrendPoint[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return values.map((value, i) => ({ date: new Date(first + i * 86_400_000).toISOString().slice(0, 10), value }));
}

// 2026-11-02 is a Monday: Mon-Sat, the weekday counts and Saturday's zero.
const weekToSaturday = days('2026-11-02', [40, 42, 38, 41, 39, 0]);
const finishedSaturday = trendDaysOf('2026-11-07T23:59:59.999+08:00', undefined, ZONE);

describe('sparkline days', () => {
  it('ends a count series that stops on a Saturday at Friday, not in a zero plunge', () => {
    const geometry = sparkGeometry(weekToSaturday, finishedSaturday);
    const drawn = geometry.points.filter((p) => p.y !== null);
    assert.deepEqual(
      drawn.map((p) => p.date),
      ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'],
    );
    const last = drawn.at(-1)!;
    assert.equal(last.value, 39);
    // Every plotted day sits in the top half of the box: nothing dives to the floor at the end.
    for (const p of drawn) assert.ok(p.y! < SPARK_HEIGHT / 2, `${p.date} at y ${p.y}`);
    // Saturday is marked after Friday, not dropped silently.
    assert.equal(geometry.rests.length, 1);
    assert.deepEqual(geometry.rests[0]!.dates, ['2026-11-07']);
    assert.ok(geometry.rests[0]!.x > last.x);
  });

  it('plots the zero the old way without a calendar (what the tiles used to show)', () => {
    const drawn = sparkGeometry(weekToSaturday).points.filter((p) => p.y !== null);
    assert.equal(drawn.at(-1)!.value, 0);
  });

  it('leaves a weekend out of the middle of the line and marks it between Friday and Monday', () => {
    const trend = days('2026-11-02', [10, 10, 10, 10, 10, 0, 0, 12, 11]);
    const geometry = sparkGeometry(trend, finishedSaturday);
    assert.deepEqual(
      geometry.points.map((p) => p.date),
      ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10'],
    );
    const friday = geometry.points[4]!;
    const monday = geometry.points[5]!;
    const [weekend] = geometry.rests;
    assert.deepEqual(weekend!.dates, ['2026-11-07', '2026-11-08']);
    assert.ok(friday.x < weekend!.x && weekend!.x < monday.x);
    // The gap is visible: wider than the step between two working days.
    assert.ok(monday.x - friday.x > friday.x - geometry.points[3]!.x);
    // The line runs on across the weekend: Friday to Monday is one run.
    assert.equal((geometry.path.match(/M/g) ?? []).length, 1);
  });

  it('follows the calendar: a make-up Saturday is plotted and a weekday holiday is not', () => {
    const trend = days('2026-11-02', [10, 10, 10, 10, 10, 9]);
    const calendar = { holidays: ['2026-11-04'], workdays: ['2026-11-07'] };
    const geometry = sparkGeometry(trend, trendDaysOf('2026-11-07T23:59:59+08:00', calendar, ZONE));
    assert.deepEqual(
      geometry.points.map((p) => p.date),
      ['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06', '2026-11-07'],
    );
    assert.deepEqual(geometry.rests[0]!.dates, ['2026-11-04']);
  });

  it('keeps what was recorded on a non-working day with its gap', () => {
    const trend = days('2026-11-06', [10, 3, 0, 12]);
    const geometry = sparkGeometry(trend, finishedSaturday);
    assert.equal(geometry.rests[0]!.recorded, 3);
  });

  it('marks today as partial: hollow last point reached by a dashed segment, not part of the solid line', () => {
    const trend = days('2026-11-02', [40, 42, 38, 41, 6]);
    const friday = trendDaysOf('2026-11-06T10:30:00+08:00', undefined, ZONE);
    const geometry = sparkGeometry(trend, friday);
    const last = geometry.points.at(-1)!;
    assert.equal(last.date, '2026-11-06');
    assert.equal(last.partial, true);
    assert.ok(geometry.points.slice(0, -1).every((p) => !p.partial));
    assert.ok(geometry.partialPath.endsWith(`L${last.x} ${last.y}`));
    assert.ok(!geometry.path.includes(`${last.x} ${last.y}`));
  });

  it('finds the day still running at asOf, and none once the day is over', () => {
    assert.equal(partialDay('2026-11-06T10:30:00+08:00', ZONE), '2026-11-06');
    // Late evening in Shanghai is still that day, whatever the UTC date.
    assert.equal(partialDay('2026-11-06T15:30:00Z', ZONE), '2026-11-06');
    assert.equal(partialDay('2026-11-06T23:59:59.999+08:00', ZONE), null);
    assert.equal(partialDay('2026-11-06T23:59:59+08:00', ZONE), null);
    assert.equal(partialDay('not a time', ZONE), null);
  });

  it('counts the working days at the end of a rate with no value yet: the window has not closed', () => {
    const trend = days('2026-11-02', [0.8, 0.9, 0.85, null, null]);
    const geometry = sparkGeometry(trend, trendDaysOf('2026-11-06T10:30:00+08:00', undefined, ZONE));
    assert.equal(geometry.pendingTail, 2);
    assert.equal(sparkGeometry(days('2026-11-02', [0.8, 0.9]), finishedSaturday).pendingTail, 0);
  });

  it('plots weekly buckets as they come (a quarter or the pilot beyond 92 days)', () => {
    const weeks: TrendPoint[] = [
      { date: '2026-10-01', value: 100 },
      { date: '2026-10-05', value: 180 },
      { date: '2026-10-12', value: 170 },
    ];
    const geometry = sparkGeometry(weeks, finishedSaturday);
    assert.equal(geometry.daily, false);
    assert.equal(geometry.points.length, 3);
    assert.equal(geometry.rests.length, 0);
  });
});
