import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CATALOGUE,
  type IndicatorsResult,
  type LeaderboardEntry,
} from '../../../packages/core/src/contracts.js';
import {
  gridTiles,
  myRank,
  nextBadge,
  openOverdue,
  paceBars,
  streakToday,
} from '../../../packages/elements/src/my-day/my-day.view-model.js';

const TZ = 'Asia/Shanghai';
const SCOPE = { org: 'br', manager: 'm1', period: 'month' as const, date: '2026-11-24' };
// November 2026 has 21 working days; by Tuesday the 24th, 17 have elapsed: pace = target x 17/21
const AS_OF = '2026-11-24T10:00:00+08:00';

function mine(values: Record<string, [number | null, number | null]>): IndicatorsResult {
  return {
    asOf: AS_OF,
    scope: SCOPE,
    period: { start: '2026-11-01', end: '2026-11-30' },
    indicators: Object.entries(values).map(([id, [value, target]]) => ({ id, value, target })),
  };
}

const entry = (id: string, value: number | null, previousValue?: number): LeaderboardEntry => ({
  id,
  name: id.toUpperCase(),
  kind: 'manager',
  value,
  ...(previousValue === undefined ? {} : { previousValue }),
});

describe('paceBars', () => {
  it('lists behind indicators first, then the rest in catalogue order', () => {
    // visits 10 of pace 17 (41% short: behind); contacted 40 of pace 40.5 (on pace); claim rate 80% vs 90% (behind)
    const bars = paceBars(
      mine({ contacted: [40, 50], visits: [10, 21], claim_rate: [0.8, 0.9], conversations: [30, 21] }),
      DEFAULT_CATALOGUE,
      undefined,
      TZ,
      'en',
    );
    assert.deepEqual(
      bars.slice(0, 4).map((bar) => [bar.id, bar.status]),
      [
        ['claim_rate', 'behind'],
        ['visits', 'behind'],
        ['assigned', null],
        ['contacted', 'on-pace'],
      ],
    );
    assert.equal(bars.length, DEFAULT_CATALOGUE.length);
    const visits = bars.find((bar) => bar.id === 'visits')!;
    assert.equal(visits.fill, 10 / 21);
    assert.equal(visits.paceAt, 17 / 21);
    // past its target a bar is full, not longer than the track
    assert.equal(bars.find((bar) => bar.id === 'conversations')!.fill, 1);
  });
});

describe('myRank', () => {
  it('gives the points that reach the nearest better rank, ties sharing it', () => {
    const board = [entry('a', 50), entry('b', 42), entry('c', 42), entry('m1', 30, 45), entry('d', 10, 20)];
    const view = myRank(board, 'm1')!;
    assert.equal(view.rank, 4);
    assert.equal(view.of, 5);
    // b and c share rank 2 with 42: 12 more points put me level with them
    assert.deepEqual(
      { ...view.next, holders: view.next!.holders.map((holder) => holder.id) },
      { rank: 2, gap: 12, holders: ['b', 'c'] },
    );
    // last period I had the most: 1st, now 4th
    assert.deepEqual(view.movement, { kind: 'down', by: 3 });
  });

  it('has no next rank at the top, and is null for someone not on the board', () => {
    const board = [entry('m1', 50), entry('b', 42)];
    assert.equal(myRank(board, 'm1')!.next, null);
    assert.equal(myRank(board, 'zz'), null);
  });

  it('leaves a manager without points unranked, with no gap', () => {
    const view = myRank([entry('a', 5), entry('m1', null)], 'm1')!;
    assert.equal(view.rank, null);
    assert.equal(view.next, null);
    assert.equal(view.of, 1);
  });
});

describe('streakToday', () => {
  it('is kept once asOf’s working day has an action, open before, rest on a day off', () => {
    assert.equal(streakToday('2026-11-24T08:10:00+08:00', AS_OF, undefined, TZ), 'kept');
    // days are the bank's: 23:30 in Shanghai on the 23rd is yesterday, 16:30 UTC on the 23rd is 00:30 today
    assert.equal(streakToday('2026-11-23T23:30:00+08:00', AS_OF, undefined, TZ), 'open');
    assert.equal(streakToday('2026-11-23T16:30:00Z', AS_OF, undefined, TZ), 'kept');
    assert.equal(streakToday(null, AS_OF, undefined, TZ), 'open');
    // Saturday the 28th
    assert.equal(streakToday('2026-11-27T10:00:00+08:00', '2026-11-28T10:00:00+08:00', undefined, TZ), 'rest');
    // a make-up working day (调休) on that Saturday is a working day
    assert.equal(
      streakToday(
        '2026-11-27T10:00:00+08:00',
        '2026-11-28T10:00:00+08:00',
        { holidays: [], workdays: ['2026-11-28'] },
        TZ,
      ),
      'open',
    );
    // a holiday on a Tuesday is not
    assert.equal(streakToday(null, AS_OF, { holidays: ['2026-11-24'], workdays: [] }, TZ), 'rest');
    assert.equal(streakToday(undefined, AS_OF, undefined, TZ), null);
  });
});

describe('nextBadge', () => {
  it('picks the unearned milestone with the smallest share still missing', () => {
    // 38 first contacts: 62 to go (62%); streak 5: 2 to go (29%); first conversion: 1 to go (100%)
    assert.deepEqual(nextBadge(new Set(), { pilotContacts: 38, streak: 5 }), {
      id: 'streak_7',
      measure: 'days',
      need: 7,
      remaining: 2,
    });
    assert.deepEqual(nextBadge(new Set(['streak_7', 'first_conversion']), { pilotContacts: 38, streak: 5 }), {
      id: 'contacts_100',
      measure: 'contacts',
      need: 100,
      remaining: 62,
    });
  });

  it('leaves out what it cannot know, needs at least one more of an unearned badge, and ends when all are earned', () => {
    assert.equal(nextBadge(new Set(['first_conversion', 'streak_7']), { pilotContacts: null, streak: 3 }), null);
    // a count that says 100 while the badge has not come yet still needs one more
    assert.equal(nextBadge(new Set(['first_conversion', 'streak_7']), { pilotContacts: 100, streak: 0 })!.remaining, 1);
    assert.equal(
      nextBadge(new Set(['first_conversion', 'contacts_100', 'streak_7']), { pilotContacts: 400, streak: 9 }),
      null,
    );
  });
});

describe('gridTiles and openOverdue', () => {
  it('lists my grids least covered first, a grid without households last', () => {
    const tiles = gridTiles(
      [
        { gridId: 'g1', name: '西湖一', managerIds: ['m1'], households: 200, covered: 150 },
        { gridId: 'g2', name: '西湖二', managerIds: ['m1'], households: 0, covered: 3 },
        { gridId: 'g3', name: '西湖三', managerIds: ['m1'], households: 400, covered: 40 },
      ],
      'zh-CN',
    );
    assert.deepEqual(
      tiles.map((tile) => [tile.gridId, tile.coverage, tile.band]),
      [
        ['g3', 0.1, 0],
        ['g1', 0.75, 2],
        ['g2', null, null],
      ],
    );
  });

  it('reads open overdue from my row, and says nothing when the row does not carry it', () => {
    const row = { id: 'm1', name: 'M1', kind: 'manager' as const, values: {} };
    assert.equal(openOverdue({ ...row, overdue: 7 }), 7);
    assert.equal(openOverdue(row), null);
    assert.equal(openOverdue(undefined), null);
  });
});
