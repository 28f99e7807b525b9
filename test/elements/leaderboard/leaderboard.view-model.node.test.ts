import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv, type LeaderboardEntry } from '@stride/core';
import { rankWithTies } from '../../../packages/elements/src/leaderboard/leaderboard.ranking.js';
import {
  contestLanes,
  initialsOf,
  leaderboardCsvRows,
  pointsBreakdown,
  podiumOf,
  searchByName,
} from '../../../packages/elements/src/leaderboard/leaderboard.view-model.js';

function entry(
  id: string,
  name: string,
  value: number | null,
  extra: Partial<LeaderboardEntry> = {},
): LeaderboardEntry {
  return { id, name, kind: 'manager', value, ...extra };
}

test('initials: the given name for Chinese names, first letters for Latin names', () => {
  assert.equal(initialsOf('张伟'), '伟');
  assert.equal(initialsOf('欧阳娜娜'), '娜娜');
  assert.equal(initialsOf('王小明'), '小明');
  assert.equal(initialsOf('anna van der berg'), 'AB');
  assert.equal(initialsOf('  '), '?');
});

test('the podium holds everyone tied into the top three', () => {
  const ranked = rankWithTies([
    entry('a', 'a', 9),
    entry('b', 'b', 9),
    entry('c', 'c', 8),
    entry('d', 'd', 8),
    entry('e', 'e', 1),
  ]);
  // a, b = 1; c, d = 3; e = 5.
  const { places, more } = podiumOf(ranked);
  assert.deepEqual(
    places.map((p) => p.entry.id),
    ['a', 'b', 'c', 'd'],
  );
  assert.equal(more, 0);
  assert.equal(podiumOf(ranked, 3).more, 1);
});

test('search matches names and org units, keeps the board ranks', () => {
  const ranked = rankWithTies([
    entry('1', '张伟', 9, { orgName: '城东支行' }),
    entry('2', '李娜', 8),
    entry('3', 'Zhang Wei', 1),
  ]);
  assert.deepEqual(
    searchByName(ranked, '李').map((r) => [r.entry.id, r.rank]),
    [['2', 2]],
  );
  assert.deepEqual(
    searchByName(ranked, '城东').map((r) => r.entry.id),
    ['1'],
  );
  assert.deepEqual(
    searchByName(ranked, 'ＺＨＡＮＧ').map((r) => r.entry.id),
    ['3'],
  );
  assert.equal(searchByName(ranked, ' ').length, 3);
});

test('points breakdown lists actions in the scheme order with a total', () => {
  const breakdown = pointsBreakdown(
    entry('a', 'a', 29, { pointsByAction: { visit: 9, firstContact: 4, bonus: 2, firstConversion: 20 } }),
    'en',
  );
  assert.deepEqual(
    breakdown?.lines.map((l) => [l.label, l.points]),
    [
      ['First contact', 4],
      ['Visits', 9],
      ['First conversion', 20],
      ['bonus', 2],
    ],
  );
  assert.equal(breakdown?.total, 35);
  assert.equal(pointsBreakdown(entry('b', 'b', 1), 'en'), undefined);
});

test('contest lanes race to the largest target unless a goal is given', () => {
  const ranked = rankWithTies([
    entry('t1', '一队', 60, { target: 100 }),
    entry('t2', '二队', 30, { target: 120 }),
    entry('t3', '三队', 90),
  ]);
  const byTarget = contestLanes(ranked, { contestants: ['t1', 't2'] });
  assert.equal(byTarget.goal, 120);
  assert.deepEqual(
    byTarget.lanes.map((l) => [l.ranked.entry.id, l.share, l.gap]),
    [
      ['t1', 0.5, 0],
      ['t2', 0.25, 30],
    ],
  );
  const withGoal = contestLanes(ranked, { goal: 60 });
  assert.deepEqual(
    withGoal.lanes.map((l) => [l.ranked.entry.id, l.share, l.gap]),
    [
      ['t3', 1, 0],
      ['t1', 1, 30],
      ['t2', 0.5, 60],
    ],
  );
});

test('CSV rows carry ranks, raw numbers, movement and are formula-safe', () => {
  const ranked = rankWithTies([
    entry('a', '=HYPERLINK("x")', 10, {
      target: 20,
      previousValue: 1,
      orgName: '城东支行',
      badges: [{ id: 'b', label: '周冠军', kind: 'champion' }],
    }),
    entry('b', '李娜', 12, { previousValue: 5 }),
    entry('c', '王芳', null),
  ]);
  const rows = leaderboardCsvRows(ranked, 'points', 'zh-CN');
  assert.deepEqual(rows[0]?.slice(0, 4), ['排名', '名称', '所属机构', '积分']);
  assert.deepEqual(rows[1], [1, '李娜', '', 12, null, null, 5, 0, null, '']);
  assert.deepEqual(rows[2], [2, '=HYPERLINK("x")', '城东支行', 10, 20, 0.5, 1, 0, null, '周冠军']);
  assert.deepEqual(rows[3], [null, '王芳', '', null, null, null, null, null, null, '']);
  const csv = toCsv(rows);
  assert.ok(csv.startsWith('\uFEFF'));
  assert.ok(csv.includes(`2,"'=HYPERLINK(""x"")",城东支行,10,20,0.5,1,0,,周冠军`));
});
