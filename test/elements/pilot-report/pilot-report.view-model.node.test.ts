import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CATALOGUE,
  type Alert,
  type FunnelResult,
  type IndicatorsResult,
  type LeaderboardEntry,
} from '../../../packages/core/src/contracts.js';
import {
  MAX_WEEKS,
  alertWeeks,
  biggestMovers,
  champions,
  completedWeeks,
  coverageGrowth,
  funnelRows,
  startEndRows,
} from '../../../packages/elements/src/pilot-report/pilot-report.view-model.js';

describe('completedWeeks', () => {
  it('counts whole Monday-to-Sunday weeks from the first Monday; the running week is not complete', () => {
    // the pilot starts on a Saturday (2026-09-26); the report's date is Tuesday 2026-10-13
    assert.deepEqual(completedWeeks({ start: '2026-09-26', end: '2026-11-24' }, '2026-10-13'), [
      { start: '2026-09-28', end: '2026-10-04' },
      { start: '2026-10-05', end: '2026-10-11' },
    ]);
  });

  it('a week whose Sunday is the report date is still running; a pilot that has ended stops at its end', () => {
    assert.equal(completedWeeks({ start: '2026-09-28', end: '2026-12-31' }, '2026-10-04').length, 0);
    assert.equal(completedWeeks({ start: '2026-09-28', end: '2026-10-04' }, '2026-10-05').length, 1);
    // ended on a Wednesday: its last part-week is not a whole week
    assert.deepEqual(completedWeeks({ start: '2026-09-28', end: '2026-10-14' }, '2026-12-01'), [
      { start: '2026-09-28', end: '2026-10-04' },
      { start: '2026-10-05', end: '2026-10-11' },
    ]);
  });

  it('a long pilot keeps its first week and the latest ones, at most MAX_WEEKS', () => {
    const weeks = completedWeeks({ start: '2026-01-05', end: '2026-12-31' }, '2026-12-01');
    assert.equal(weeks.length, MAX_WEEKS);
    assert.equal(weeks[0]!.start, '2026-01-05');
    assert.equal(weeks[MAX_WEEKS - 1]!.end, '2026-11-29');
  });
});

const week = (values: Record<string, [number | null, number | null]>): IndicatorsResult => ({
  asOf: '2026-10-04T23:59:59+08:00',
  scope: { org: 'br', period: 'week', date: '2026-10-04' },
  period: { start: '2026-09-28', end: '2026-10-04' },
  indicators: Object.entries(values).map(([id, [value, baseline]]) => ({ id, value, baseline })),
});

describe('startEndRows', () => {
  it('compares each whole week with its own baseline unscaled: a count as a multiple, a rate in points', () => {
    const rows = startEndRows(
      DEFAULT_CATALOGUE,
      'en',
      week({ intent: [4, 8], claim_rate: [0.6, 0.55] }),
      week({ intent: [20, 2], claim_rate: [0.8, 0.5] }),
      undefined,
    );
    const intent = rows.find((r) => r.id === 'intent')!;
    assert.deepEqual([intent.start, intent.end, intent.baseline], [4, 20, 2]);
    assert.deepEqual(intent.startVersus, { kind: 'times', by: 0.5 });
    assert.deepEqual(intent.endVersus, { kind: 'times', by: 10 });
    const claim = rows.find((r) => r.id === 'claim_rate')!;
    assert.equal(claim.endVersus?.kind, 'points');
    assert.ok(Math.abs(claim.endVersus!.by - 0.3) < 1e-9);
  });

  it('no baseline: no comparison, never a made-up one', () => {
    const rows = startEndRows(
      DEFAULT_CATALOGUE,
      'zh-CN',
      week({ visits: [3, null] }),
      week({ visits: [9, null] }),
      undefined,
    );
    const visits = rows.find((r) => r.id === 'visits')!;
    assert.equal(visits.label, '上门面访');
    assert.equal(visits.baseline, null);
    assert.equal(visits.endVersus, null);
  });
});

describe('funnelRows', () => {
  it('rate is the stage over the stage before; against the baseline rate in points', () => {
    const result: FunnelResult = {
      asOf: '2026-11-24T10:00:00+08:00',
      scope: { org: 'br', period: 'pilot', date: '2026-11-24' },
      stages: [
        { id: 'assigned', label: '名单下发', count: 200 },
        { id: 'claimed', label: '已认领', count: 150, baselineRate: 0.5 },
        { id: 'contacted', label: '已触达', count: 0 },
        { id: 'visited', label: '已面访', count: 0 },
      ],
    };
    const rows = funnelRows(result, 'en');
    assert.deepEqual(
      rows.map((r) => [r.label, r.rate]),
      [
        ['Assigned', null],
        ['Claimed', 0.75],
        ['Contacted', 0],
        ['Visited', null],
      ],
    );
    assert.equal(rows[1]!.versus?.kind, 'points');
    assert.ok(Math.abs(rows[1]!.versus!.by - 0.25) < 1e-9);
    assert.equal(rows[2]!.versus, null);
  });
});

describe('coverageGrowth', () => {
  it('a ratio of sums over all grids, never an average of grid rates', () => {
    const cells = [
      { gridId: 'g1', name: 'A', managerIds: [], households: 10, covered: 10 },
      { gridId: 'g2', name: 'B', managerIds: [], households: 90, covered: 0 },
    ];
    const scope = { org: 'br', period: 'pilot' as const, date: '2026-10-04' };
    const [row] = coverageGrowth([{ start: '2026-09-28', end: '2026-10-04' }], [{ asOf: '', scope, cells }]);
    assert.equal(row!.coverage, 0.1);
    assert.deepEqual([row!.gridsReached, row!.grids, row!.covered, row!.households], [1, 2, 10, 100]);
  });
});

const entry = (id: string, value: number, badges: LeaderboardEntry['badges'] = []): LeaderboardEntry => ({
  id,
  name: id.toUpperCase(),
  kind: 'manager',
  value,
  badges,
});

describe('champions and movers', () => {
  it('champions by points with all their badges; every badge counted over everyone', () => {
    const { champions: list, tally } = champions(
      [
        entry('a', 50, [{ id: 'streak_7', label: '连续7天', kind: 'milestone' }]),
        entry('b', 40, [
          { id: 'champion_week', label: '周冠军', kind: 'champion' },
          { id: 'streak_7', label: '连续7天', kind: 'milestone' },
        ]),
        entry('c', 90, [{ id: 'champion_week', label: '周冠军', kind: 'champion' }]),
      ],
      'en',
    );
    assert.deepEqual(
      list.map((c) => [c.id, c.badges]),
      [
        ['c', ['Weekly champion']],
        ['b', ['Weekly champion', '7-day streak']],
      ],
    );
    assert.deepEqual(tally, [
      { label: '7-day streak', count: 2 },
      { label: 'Weekly champion', count: 2 },
    ]);
  });

  it('movers: last week minus first week, only those who rose, most first', () => {
    const movers = biggestMovers(
      [entry('a', 10), entry('b', 5), entry('c', 30)],
      [entry('a', 12), entry('b', 40), entry('c', 20), entry('d', 3)],
    );
    assert.deepEqual(
      movers.map((m) => [m.id, m.rise]),
      [
        ['b', 35],
        ['d', 3],
        ['a', 2],
      ],
    );
  });
});

describe('alertWeeks', () => {
  it('counts each rule, the people concerned and names the three most severe', () => {
    const alert = (subject: string, rule: Alert['rule'], severity: number): Alert => ({
      id: `${subject}:${rule}`,
      subject: { kind: 'manager', id: subject, name: subject.toUpperCase() },
      rule,
      value: 0,
      expected: 1,
      severity,
      since: null,
    });
    const scope = { org: 'br', period: 'week' as const, date: '2026-10-04' };
    const alerts = [
      alert('a', 'pace', 0.2),
      alert('a', 'overdue', 3),
      alert('b', 'inactive', 1),
      alert('c', 'pace', 0.9),
    ];
    const [row] = alertWeeks([{ start: '2026-09-28', end: '2026-10-04' }], [{ asOf: '', scope, alerts }]);
    assert.deepEqual([row!.pace, row!.overdue, row!.inactive, row!.subjects], [2, 1, 1, 3]);
    assert.deepEqual(
      row!.worst.map((w) => [w.name, w.rule]),
      [
        ['A', 'overdue'],
        ['B', 'inactive'],
        ['C', 'pace'],
      ],
    );
  });
});
