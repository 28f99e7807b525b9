/**
 * The metrics engine against the hand-built pilot in fixture.ts. Every expected number is worked out by hand in
 * the comments, event numbers (#n) as in the fixture. "Now" = Tue 2026-11-24 10:00 (+08:00).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetricsEngine, workingDaysElapsed } from '../../../packages/core/src/engine/index.js';
import type { IndicatorsResult, Scope } from '../../../packages/core/src/contracts.js';
import { calendar, events, NOW, pilotInput } from './fixture.js';

const month: Scope = { org: 'B', period: 'month', date: '2026-11-24' };
const engine = createMetricsEngine(pilotInput());

function values(
  result: IndicatorsResult,
  field: 'value' | 'previous' | 'target' | 'baseline' = 'value',
): Record<string, unknown> {
  return Object.fromEntries(result.indicators.map((item) => [item.id, item[field]]));
}

describe('indicators, bank, month to date (Nov 1 00:00 .. Nov 24 10:00)', () => {
  const result = engine.indicators({ scope: month });

  test('asOf is now in bank time and the period is the whole month', () => {
    assert.equal(result.asOf, '2026-11-24T10:00:00+08:00');
    assert.deepEqual(result.period, { start: '2026-11-01', end: '2026-11-30' });
  });

  test('the ten values', () => {
    assert.deepEqual(values(result), {
      // L1, L2 (Nov 2), L4 (5), L5 (9), L8 (16), L9 (19), L3 (23) = 7; L6, L7 were assigned in October
      assigned: 7,
      // window closed by asOf: assigned by Nov 23 10:00, so L3 (Nov 23 12:00, window still open) is left out.
      // L1 claimed after 1 h, L5 30 min, L8 30 min: yes; L2 claimed 24 h 1 min later: no; L4, L9 never: 3/6
      claim_rate: 0.5,
      // first contacted: L1, L2, L5, L8, L9 (L4 was visited without a contacted event)
      contacted: 5,
      // #14, #23, #32, #33, #35, #36, #37 (Nov 24 09:00 <= asOf), #41
      conversations: 8,
      // #6, #18, #34
      visits: 3,
      // deadlines (first contact + 72 h) in P: L1 Nov 6 09:00, L2 Nov 7 09:00, L5 Nov 12 10:00, L8 Nov 19 09:00,
      // L9 Nov 22 09:00. Timely: L1 (#5 followup), L5 (#23), L8 (#32). L2's conversation came at 09:01, one
      // minute late; L9's only on Nov 23: 3/5
      followup_rate: 0.6,
      // 16 contacted/conversation/visited events in P. Logged within 24 h: #3 (by #4, 1 h), #21 (by #22, 1 h),
      // #41 (by #42, 23.5 h). #6 is logged 48 h later (#7); #40 5 days later; #37's log #43 comes at 10:30, after
      // asOf, so as of now it is not logged: 3/16
      logged_rate: 3 / 16,
      intent: 1,
      applications: 1,
      // L1 on Nov 16; L8 converts at 11:00, after asOf
      conversions: 1,
    });
    assert.equal(result.indicators.find((item) => item.id === 'conversions')?.amount, 1000.5);
  });

  test('previous = the same days of October (Oct 1 00:00 .. Oct 24 10:00), not the whole of October', () => {
    const previous = values(result, 'previous');
    // L6 assigned Oct 10; L7 (Oct 25) is past the like-for-like span
    assert.equal(previous['assigned'], 1);
    // L6's window closed by Oct 23 10:00 and it was claimed after 1 h
    assert.equal(previous['claim_rate'], 1);
    // L6 contacted Oct 12; L7 contacted Oct 26 is outside
    assert.equal(previous['contacted'], 1);
    // L6's deadline Oct 15 09:00 passed without a follow-up
    assert.equal(previous['followup_rate'], 0);
    assert.equal(previous['conversations'], 0);
    assert.equal(previous['intent'], 0);
  });

  test('trend: one point per day from Nov 1 to Nov 24', () => {
    const assigned = result.indicators.find((item) => item.id === 'assigned')!.trend!;
    assert.equal(assigned.length, 24);
    assert.deepEqual(assigned[0], { date: '2026-11-01', value: 0 });
    assert.deepEqual(assigned[1], { date: '2026-11-02', value: 2 });
    assert.deepEqual(assigned[23], { date: '2026-11-24', value: 0 });
    const claim = result.indicators.find((item) => item.id === 'claim_rate')!.trend!;
    // no lead assigned on Nov 1: no denominator
    assert.equal(claim[0]!.value, null);
    // Nov 2: L1 yes, L2 no
    assert.equal(claim[1]!.value, 0.5);
    // Nov 23: L3's window is still open
    assert.equal(claim[22]!.value, null);
  });
});

describe('org levels and targets', () => {
  test('team ratios are ratios of summed numerators and denominators, not averages of rates', () => {
    const result = engine.indicators({ scope: { ...month, org: 'S1' }, rows: 'children' });
    const t1 = result.rows!.find((row) => row.id === 'T1')!;
    assert.equal(t1.kind, 'org');
    // M1: L1 yes, L2 no, L4 no (1/3); M2: L5 yes (1/1). Sum 2/4 = 0.5; the average of rates would be 0.667
    assert.equal(t1.values['claim_rate'], 0.5);
    // M1: L1 yes, L2 no (1/2); M2: L5 yes (1/1). Sum 2/3; the average would be 0.75
    assert.equal(t1.values['followup_rate'], 2 / 3);
    assert.equal(t1.values['assigned'], 5);
  });

  test("a manager's target is the team target divided evenly; an org's is its share of an ancestor's", () => {
    const m1 = engine.indicators({ scope: { ...month, org: 'T1', manager: 'M1' } });
    // T1 contacted 30 over 2 managers
    assert.equal(values(m1, 'target')['contacted'], 15);
    // BR assigned 40 over 4 managers
    assert.equal(values(m1, 'target')['assigned'], 10);
    // a fraction is not divided
    assert.equal(values(m1, 'target')['claim_rate'], 0.9);
    // no target anywhere
    assert.equal(values(m1, 'target')['visits'], null);
    // M1's own numbers: L1, L2 contacted
    assert.equal(values(m1)['contacted'], 2);

    const rows = engine.indicators({ scope: { ...month, org: 'BR' }, rows: 'children' }).rows!;
    // S2 has 2 of BR's 4 managers: 40 x 2/4
    assert.equal(rows.find((row) => row.id === 'S2')!.targets!['assigned'], 20);
  });

  test('a baseline is inherited like a target: a count shared among managers, a fraction as it is', () => {
    const m1 = engine.indicators({ scope: { ...month, org: 'T1', manager: 'M1' } });
    // BR's month before the pilot: 24 assigned over its 4 managers
    assert.equal(values(m1, 'baseline')['assigned'], 6);
    assert.equal(values(m1, 'baseline')['claim_rate'], 0.55);
    // T1 gives contacted a target but no baseline, and nobody above gives one
    assert.equal(values(m1, 'baseline')['contacted'], null);
    const rows = engine.indicators({ scope: { ...month, org: 'BR' }, rows: 'children' }).rows!;
    assert.equal(rows.find((row) => row.id === 'S2')!.baselines!['assigned'], 12);
    // a week has no baseline given: none is made up from the month's
    const week = engine.indicators({ scope: { ...month, period: 'week' } });
    assert.equal(values(week, 'baseline')['assigned'], null);
  });

  test('a target and a baseline come from the nearest org that gives each, independently', () => {
    const withTeamTarget = createMetricsEngine(
      pilotInput({
        targets: [
          ...pilotInput().targets!,
          { org: 'T1', indicator: 'assigned', period: 'month', start: '2026-11-01', target: 12 },
        ],
      }),
    );
    const m1 = withTeamTarget.indicators({ scope: { ...month, org: 'T1', manager: 'M1' } });
    // T1's own target (12 over its 2 managers), BR's baseline (24 over 4)
    assert.equal(values(m1, 'target')['assigned'], 6);
    assert.equal(values(m1, 'baseline')['assigned'], 6);
    const t1 = withTeamTarget.indicators({ scope: { ...month, org: 'T1' } });
    assert.equal(values(t1, 'target')['assigned'], 12);
    assert.equal(values(t1, 'baseline')['assigned'], 12);
  });

  test('without a given baseline, one is derived from the working days just before the pilot began', () => {
    const piloted = createMetricsEngine(pilotInput({ pilot: { start: '2026-11-16', end: '2026-11-30' } }));
    // The week of the 24th has 5 working days; the 5 before the pilot's Monday the 16th are Nov 9-13, and the
    // window runs to the pilot's start (Nov 9 00:00 .. Nov 15 24:00).
    const week = piloted.indicators({ scope: { ...month, period: 'week' } });
    assert.deepEqual(
      Object.fromEntries(
        ['assigned', 'contacted', 'conversations', 'visits', 'intent', 'applications', 'conversions'].map((id) => [
          id,
          values(week, 'baseline')[id],
        ]),
      ),
      // L5 assigned (#19), L5 first contacted (#21), L5 conversation (#23), L1 visited (#6), intent (#8), applied (#9);
      // L1's conversion (#10) is on the 16th, the pilot's first day
      { assigned: 1, contacted: 1, conversations: 1, visits: 1, intent: 1, applications: 1, conversions: 0 },
    );
    // A given baseline wins: BR's month gives 24 assigned; contacted is derived over the 21 working days before
    // the 16th (Oct 16 .. Nov 13): L7 (#28), L1 (#3), L2 (#13), L5 (#21)
    const branch = piloted.indicators({ scope: { ...month, org: 'BR' } });
    assert.equal(values(branch, 'baseline')['assigned'], 24);
    assert.equal(values(branch, 'baseline')['contacted'], 4);
    // The funnel before the pilot: the leads assigned in the window (L5), as they stood at the pilot's start
    const funnel = piloted.funnel({ scope: { ...month, period: 'week' } });
    assert.deepEqual(
      funnel.stages.map((stage) => [stage.id, stage.baselineRate]),
      [
        ['assigned', undefined],
        ['claimed', 1],
        ['contacted', 1],
        ['visited', 0],
        ['intent', null],
        ['applied', null],
        ['converted', null],
      ],
    );
  });

  test('no baseline is derived from a log that does not reach back a whole period before the pilot', () => {
    // 21 working days before Oct 12 reach into September; the log begins on Oct 10
    const early = createMetricsEngine(pilotInput({ pilot: { start: '2026-10-12', end: '2026-11-30' } }));
    const result = early.indicators({ scope: { ...month, org: 'S1' } });
    assert.equal(values(result, 'baseline')['contacted'], null);
    assert.equal(
      early.funnel({ scope: month }).stages.some((stage) => 'baselineRate' in stage),
      false,
    );
  });

  test('rows=managers lists every manager under the org with their own values', () => {
    const rows = engine.indicators({ scope: { ...month, org: 'BR' }, rows: 'managers' }).rows!;
    assert.deepEqual(
      rows.map((row) => [row.id, row.kind, row.values['conversations']]),
      [
        ['M1', 'manager', 1],
        ['M2', 'manager', 1],
        ['M3', 'manager', 5],
        ['M4', 'manager', 1],
      ],
    );
  });
});

describe('periods', () => {
  test('weeks start on Monday: Sunday Nov 22 belongs to Nov 16-22', () => {
    const result = engine.indicators({ scope: { org: 'B', period: 'week', date: '2026-11-22' } });
    assert.deepEqual(result.period, { start: '2026-11-16', end: '2026-11-22' });
    assert.equal(result.asOf, '2026-11-22T23:59:59+08:00');
    // L8 (Nov 16), L9 (Nov 19); L3 on Monday Nov 23 is the next week; previous week Nov 9-15: L5
    assert.equal(values(result)['assigned'], 2);
    assert.equal(values(result, 'previous')['assigned'], 1);
  });

  test('pilot defaults to first..last event date', () => {
    const result = engine.indicators({ scope: { org: 'B', period: 'pilot', date: '2026-11-24' } });
    // first event #24 Oct 10, last #38 Nov 24
    assert.deepEqual(result.period, { start: '2026-10-10', end: '2026-11-24' });
    // all nine leads
    assert.equal(values(result)['assigned'], 9);
    // the 46 days before the pilot hold nothing
    assert.equal(values(result, 'previous')['assigned'], 0);
    assert.equal(values(result, 'previous')['claim_rate'], null);
  });

  test('a configured pilot viewed after it ended stops at its last day', () => {
    const pilot = createMetricsEngine(pilotInput({ pilot: { start: '2026-11-01', end: '2026-11-15' } }));
    const result = pilot.indicators({ scope: { org: 'B', period: 'pilot', date: '2026-11-24' } });
    assert.equal(result.asOf, '2026-11-15T23:59:59+08:00');
    // L1, L2, L4, L5
    assert.equal(values(result)['assigned'], 4);
  });

  test('a follow-up SLA in working days skips the holiday and counts the make-up day', () => {
    const working = createMetricsEngine(pilotInput({ sla: { followupInWorkingDays: true } }));
    const result = working.indicators({ scope: month });
    // L2: contacted Wed Nov 4 09:00, due Mon Nov 9 09:00 (Thu, Fri, Mon): #14 on Sat is now timely.
    // L9: contacted Thu Nov 19 09:00; Fri 20 holiday, Sat 21 off, Sun 22 make-up (1), Mon 23 (2), Tue 24 (3):
    // due Nov 24 09:00, and #41 (Nov 23) is timely. L1, L5, L8 as before: 5/5
    assert.equal(values(result)['followup_rate'], 1);
  });

  test('a year trend is weekly (Monday weeks), dated by the first day of each week inside the year', () => {
    const result = engine.indicators({ scope: { org: 'B', period: 'year', date: '2026-11-24' } });
    const trend = result.indicators.find((item) => item.id === 'assigned')!.trend!;
    // weeks from Mon 2025-12-29 (holding Jan 1) to the week of Nov 23: 330 days / 7 -> 48 buckets
    assert.equal(trend.length, 48);
    assert.deepEqual(trend[0], { date: '2026-01-01', value: 0 });
    // Nov 2-8: L1, L2, L4; Nov 16-22: L8, L9; Nov 23-: L3
    assert.deepEqual(trend.slice(44), [
      { date: '2026-11-02', value: 3 },
      { date: '2026-11-09', value: 1 },
      { date: '2026-11-16', value: 2 },
      { date: '2026-11-23', value: 1 },
    ]);
  });

  test('an unsorted log gives the same numbers', () => {
    const shuffled = [...events].reverse();
    const result = createMetricsEngine(pilotInput({ events: shuffled })).indicators({ scope: month });
    assert.deepEqual(values(result), values(engine.indicators({ scope: month })));
  });

  test('working days elapsed for pace', () => {
    // November 2026: 21 weekdays, minus the Nov 20 holiday, plus the Nov 22 make-up day = 21.
    // Through Tue Nov 24: Nov 2-6 (5), 9-13 (5), 16-19 (4), 22, 23, 24 (3) = 17
    assert.deepEqual(workingDaysElapsed(month, calendar, 'Asia/Shanghai', NOW), { elapsed: 17, total: 21 });
  });

  test('an unknown org is a 404, a bad date a 400', () => {
    assert.throws(() => engine.indicators({ scope: { ...month, org: 'nope' } }), { name: 'StrideError', status: 404 });
    assert.throws(() => engine.funnel({ scope: { ...month, date: '2026-02-30' } }), {
      name: 'StrideError',
      status: 400,
    });
    const fortnight = { ...month, period: 'fortnight' } as unknown as Scope;
    assert.throws(() => engine.coverage({ scope: fortnight }), { name: 'StrideError', status: 400 });
  });
});

describe('funnel, bank, November cohort', () => {
  const result = engine.funnel({ scope: month });
  const stage = (id: string) => result.stages.find((s) => s.id === id)!;

  test('counts: every lead counts in each stage up to its furthest, skipped stages included', () => {
    // furthest by asOf: L1 converted, L2 contacted, L3 claimed, L4 visited (no claim or contact event),
    // L5 contacted, L8 visited (its conversion is after asOf), L9 contacted
    assert.deepEqual(
      result.stages.map((s) => s.count),
      [7, 7, 6, 3, 1, 1, 1],
    );
    assert.equal(stage('assigned').label, '名单下发');
    assert.equal(stage('converted').label, '已成交');
  });

  test('overdue: sitting in the furthest stage longer than its SLA', () => {
    // claimed (1 day): L3 since Nov 23 13:00 is 21 h: not overdue
    assert.equal(stage('claimed').overdue, 0);
    // contacted (3 days): L2 since Nov 4, L5 since Nov 9, L9 since Nov 19
    assert.equal(stage('contacted').overdue, 3);
    // visited (7 days): L4 since Nov 6 yes; L8 since Nov 19 09:00 (5 days) no
    assert.equal(stage('visited').overdue, 1);
    assert.equal(stage('intent').overdue, 0);
    // no SLA for the first and last stage
    assert.equal(stage('assigned').overdue, undefined);
  });

  test('median dwell hours over leads that moved on', () => {
    // assigned -> next: L1 1, L2 24.02, L3 1, L4 24 (to its visit), L5 0.5, L8 0.5, L9 1 -> median 1
    assert.equal(stage('assigned').medianDwellHours, 1);
    // claimed -> next: L1 23, L2 23.98, L5 0.5, L8 0.5 -> (0.5 + 23) / 2
    assert.equal(stage('claimed').medianDwellHours, 11.75);
    // contacted -> visited: L1 168, L8 72
    assert.equal(stage('contacted').medianDwellHours, 120);
    // L1: visit Nov 10 09:00 -> intent Nov 12 10:00
    assert.equal(stage('visited').medianDwellHours, 49);
    assert.equal(stage('converted').medianDwellHours, null);
  });

  test('English labels through the locale option', () => {
    const en = createMetricsEngine(pilotInput({ locale: 'en' })).funnel({ scope: month });
    assert.deepEqual(
      en.stages.map((s) => s.label),
      ['Assigned', 'Claimed', 'Contacted', 'Visited', 'Intent', 'Applied', 'Converted'],
    );
  });
});

describe('leaderboard', () => {
  const board = engine.leaderboard({ scope: { ...month, org: 'BR' }, board: 'managers', metric: 'points' });
  const entry = (id: string) => board.entries.find((e) => e.id === id)!;

  test('points by the default scheme', () => {
    // M1: first contacts L1, L2 (2) + conversation #14 (1) + visits #6, #18 (6) + intent 5 + application 8
    //     + conversion 20 + timely follow-up #5 (1) = 43
    // M2: first contact L5 (1) + conversation #23 (1) + timely #23 (1) = 3
    // M3: first contact L8 (1) + 5 conversations + visit #34 (3) + timely #32 (1) = 10
    // M4: first contact L9 (1) + conversation #41 (1) = 2
    assert.deepEqual(
      board.entries.map((e) => [e.id, e.value]),
      [
        ['M1', 43],
        ['M2', 3],
        ['M3', 10],
        ['M4', 2],
      ],
    );
    assert.deepEqual(entry('M1').pointsByAction, {
      firstContact: 2,
      conversation: 1,
      visit: 6,
      firstIntent: 5,
      firstApplication: 8,
      firstConversion: 20,
      timelyFollowup: 1,
    });
    assert.equal(entry('M1').orgName, '西湖一组');
    assert.equal(entry('M1').avatarUrl, 'https://intranet.example/a/m1.png');
    // Oct 1 .. Oct 24 10:00: M2's first contact of L6
    assert.equal(entry('M2').previousValue, 1);
    assert.equal(entry('M1').previousValue, 0);
  });

  test('streaks: a holiday does not break one, a missed make-up day does, today counts once it has an action', () => {
    // M3 acted Mon 16, Tue 17, Wed 18, Thu 19, (Fri 20 holiday, Sat 21 off), Sun 22 make-up, Mon 23, today 09:00
    assert.equal(entry('M3').streak, 7);
    // M4: nothing yet today, so from Mon 23 (1); Sun 22 was a working day without an action: stop
    assert.equal(entry('M4').streak, 1);
    // M1: last action Nov 10
    assert.equal(entry('M1').streak, 0);
  });

  test('badges: milestones and champions, kept once earned', () => {
    const ids = (id: string) => entry(id).badges!.map((b) => b.id);
    // completed weeks (contest = the branch): Oct 12-18 M2 (1 point), Oct 26-Nov 1 M2 (1), Nov 2-8 M1 (7),
    // Nov 9-15 M1 (16 vs M2's 3), Nov 16-22 M1 (20 vs M3's 8). October: M2 alone scored (2).
    assert.deepEqual(ids('M1'), ['first_conversion', 'champion_week']);
    assert.deepEqual(ids('M2'), ['champion_week', 'champion_month']);
    assert.deepEqual(ids('M3'), ['streak_7']);
    assert.deepEqual(ids('M4'), []);
    assert.equal(entry('M1').badges![0]!.label, '首单成交');
  });

  test('team board sums its managers; an indicator metric carries its target', () => {
    const teams = engine.leaderboard({ scope: { ...month, org: 'BR' }, board: 'teams', metric: 'points' });
    assert.deepEqual(
      teams.entries.map((e) => [e.id, e.kind, e.orgName, e.value]),
      [
        ['T1', 'org', '西湖支行', 46],
        ['T2', 'org', '滨江支行', 12],
      ],
    );
    const contacted = engine.leaderboard({ scope: { ...month, org: 'BR' }, board: 'teams', metric: 'contacted' });
    assert.deepEqual(
      contacted.entries.map((e) => [e.id, e.value, e.target]),
      [
        ['T1', 3, 30],
        ['T2', 2, null],
      ],
    );
  });
});

describe('coverage and grids', () => {
  test('covered customers, households and open leads per grid of the scope', () => {
    const cells = engine.coverage({ scope: { ...month, org: 'S1' } }).cells;
    // S1 = M1, M2: G1 (listed M1) and G2 (seen M1, M2); G3 and G4 belong to T2
    assert.deepEqual(
      cells.map((c) => [c.gridId, c.households, c.covered, c.openLeads]),
      [
        // C1, C2 acted on in November; open: L2, L3 (L1 converted)
        ['G1', 100, 2, 2],
        // C4 (#18), C5 (#21); C6, C7 only in October; open: L4, L5, L6, L7
        ['G2', 50, 2, 4],
      ],
    );
    assert.deepEqual(cells[1]!.managerIds, ['M1', 'M2']);
    assert.deepEqual(cells[0]!.managerNames, ['张伟']);
  });

  test('a conversion after asOf leaves the lead open', () => {
    const cells = engine.coverage({ scope: { ...month, org: 'S2' } }).cells;
    // G3: C8, C9 covered of 2 households; L8 converts at 11:00, after asOf
    assert.deepEqual(
      cells.map((c) => [c.gridId, c.covered, c.openLeads]),
      [
        ['G3', 2, 2],
        ['G4', 0, 0],
      ],
    );
  });

  test('the bank sees every grid, including one nobody is assigned to', () => {
    const cells = engine.coverage({ scope: month }).cells;
    assert.deepEqual(
      cells.map((c) => c.gridId),
      ['G1', 'G2', 'G3', 'G4', 'G5'],
    );
    assert.deepEqual(cells[4], {
      gridId: 'G5',
      name: '五号网格',
      managerIds: [],
      managerNames: [],
      households: 30,
      covered: 0,
      openLeads: 0,
    });
    assert.equal(engine.grids({ org: 'BR' }).features.length, 4);
  });

  test('without grid data there are no cells; grids() filters by org', () => {
    const bare = createMetricsEngine(pilotInput({ grids: undefined }));
    assert.deepEqual(bare.coverage({ scope: month }).cells, []);
    assert.deepEqual(
      engine.grids({ org: 'T2' }).features.map((f) => f.properties.gridId),
      ['G3', 'G4'],
    );
    assert.equal(engine.orgTree().length, 10);
  });
});

test('leaderboard refuses a metric it cannot compute (400), as the REST contract says', () => {
  const engine = createMetricsEngine({
    events: [],
    orgTree: [{ id: 'bank', name: 'Bank', parentId: null, level: 'bank' }],
  });
  assert.throws(
    () =>
      engine.leaderboard({
        scope: { org: 'bank', period: 'month', date: '2026-11-24' },
        board: 'managers',
        metric: 'visitz',
      }),
    (error: unknown) =>
      error instanceof Error &&
      /unknown metric "visitz"/.test(error.message) &&
      (error as { status?: number }).status === 400,
  );
});
