/**
 * Alerts derived from indicator rows (packages/core/src/alerts/derive.ts). November 2026 has 21 Monday-Friday working
 * days and 17 have elapsed by Tuesday the 24th, so a count's pace is its target x 17/21.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveAlerts, idleWorkingDays } from '../../packages/core/src/alerts/derive.js';
import { alertRules } from '../../packages/core/src/alerts/pace.js';
import { registerResultSpec, validateResult } from '../../packages/core/src/validation/index.js';
import { ALERTS_RESULT_SPEC } from '../../packages/core/src/validation/alerts.js';

registerResultSpec('alerts', ALERTS_RESULT_SPEC);
import { readRestQuery } from '../../packages/core/src/adapters/rest-query.js';
import { createMetricsEngine } from '../../packages/core/src/engine/index.js';
import type { IndicatorRow, IndicatorsResult, OrgNode } from '../../packages/core/src/contracts.js';
import { pilotInput } from './engine/fixture.js';

const asOf = '2026-11-24T10:00:00+08:00';
const scope = { org: 'S1', period: 'month' as const, date: '2026-11-24' };

function result(rows: IndicatorRow[]): IndicatorsResult {
  return { asOf, scope, period: { start: '2026-11-01', end: '2026-11-30' }, indicators: [], rows };
}

const rows: IndicatorRow[] = [
  {
    id: 'M1',
    name: '张伟',
    kind: 'manager',
    // visits: pace 21 x 17/21 = 17, 5 is 71% under; contacted: pace 170, 160 is 6% under (inside 10%);
    // claim_rate 0.8 against 0.9 is 10 points under (more than 5)
    values: { visits: 5, contacted: 160, claim_rate: 0.8 },
    targets: { visits: 21, contacted: 210, claim_rate: 0.9 },
    overdue: 6,
    // Thursday afternoon: Friday 20th and Monday 23rd are completed working days without action
    lastActionAt: '2026-11-19T16:00:00+08:00',
  },
  {
    id: 'M2',
    name: '王芳',
    kind: 'manager',
    values: { visits: 17 },
    targets: { visits: 21 },
    overdue: 4,
    lastActionAt: '2026-11-23T09:00:00+08:00',
  },
  { id: 'T1', name: '西湖一组', kind: 'org', values: {}, targets: {}, overdue: 10, lastActionAt: null },
];

describe('deriveAlerts', () => {
  const derived = deriveAlerts(result(rows));

  it('raises pace, overdue and inactive alerts, ordered by rule then most severe first', () => {
    assert.deepEqual(
      derived.alerts.map((a) => [a.id, a.value, a.expected, Math.round(a.severity * 1000) / 1000, a.since]),
      [
        ['M1:pace:visits', 5, 17, 0.706, null],
        ['M1:pace:claim_rate', 0.8, 0.9, 0.111, null],
        ['T1:overdue', 10, 5, 2, null],
        ['M1:overdue', 6, 5, 1.2, null],
        ['M1:inactive', 2, 2, 1, '2026-11-20'],
      ],
    );
    assert.deepEqual(derived.alerts[0]!.subject, { kind: 'manager', id: 'M1', name: '张伟' });
    assert.equal(derived.alerts[0]!.indicator, 'visits');
    assert.equal(derived.asOf, asOf);
  });

  it('judges pace by the same rule as the tiles: a configured tolerance moves the line', () => {
    const lenient = deriveAlerts(result(rows), { rules: alertRules({ fractionTolerance: 0.15 }) });
    assert.ok(!lenient.alerts.some((a) => a.id === 'M1:pace:claim_rate'));
    const strict = deriveAlerts(result(rows), { rules: alertRules({ countTolerance: 0.05 }) });
    assert.ok(strict.alerts.some((a) => a.id === 'M1:pace:contacted'));
  });

  it('counts idle days on the bank calendar: a holiday is not an idle day', () => {
    const holiday = deriveAlerts(result(rows), { calendar: { holidays: ['2026-11-20'], workdays: [] } });
    assert.ok(!holiday.alerts.some((a) => a.rule === 'inactive'));
  });

  it('orgs are never inactive; a row without lastActionAt says nothing; one who never acted has no start', () => {
    const silent: IndicatorRow = { id: 'M9', name: '刘洋', kind: 'manager', values: {}, lastActionAt: null };
    const unknown: IndicatorRow = { id: 'M8', name: '李娜', kind: 'manager', values: {} };
    const alerts = deriveAlerts(result([silent, unknown])).alerts;
    assert.deepEqual(
      alerts.map((a) => [a.id, a.since]),
      [['M9:inactive', null]],
    );
    assert.ok(alerts[0]!.value > 40, 'every working day of the lookback is idle');
  });

  it('idle working days stop at the day of the last action', () => {
    assert.deepEqual(idleWorkingDays('2026-11-23T20:00:00+08:00', asOf, undefined, 'Asia/Shanghai'), {
      days: 0,
      since: null,
    });
    assert.deepEqual(idleWorkingDays('2026-11-16T20:00:00+08:00', asOf, undefined, 'Asia/Shanghai'), {
      days: 5,
      since: '2026-11-17',
    });
  });
});

describe('the engine answers alerts by the same derivation', () => {
  it('turns the fixture rows into alerts (open overdue threshold 5 is not reached by any manager)', () => {
    const engine = createMetricsEngine(pilotInput());
    const alerts = engine.alerts({ scope: { org: 'B', period: 'month', date: '2026-11-24' }, rows: 'managers' });
    // M1 and M2 last acted on Nov 10 (9 completed working days before the 24th, Friday 20th a holiday and Sunday
    // 22nd a make-up day in the fixture calendar: Nov 11-13, 16-19, 22, 23)
    const inactive = alerts.alerts.filter((a) => a.rule === 'inactive').map((a) => [a.subject.id, a.value, a.since]);
    assert.deepEqual(inactive, [
      ['M1', 9, '2026-11-11'],
      ['M2', 9, '2026-11-11'],
    ]);
    assert.ok(!alerts.alerts.some((a) => a.rule === 'overdue'));
  });
});

describe('the alerts contract at the boundary', () => {
  it('drops an alert without a usable subject and keeps the rest', () => {
    const raw = {
      asOf,
      scope,
      alerts: [
        { ...deriveAlerts(result(rows)).alerts[0] },
        {
          id: 'x:pace',
          subject: { kind: 'robot', id: 'x', name: 'x' },
          rule: 'pace',
          value: 1,
          expected: 2,
          severity: 1,
        },
      ],
    };
    const checked = validateResult('alerts', raw);
    assert.equal(checked.data.alerts.length, 1);
    assert.deepEqual(checked.dropped?.ids, ['x:pace']);
    assert.match(checked.dropped!.message, /alerts\[1\]\.subject\.kind/);
  });

  it('/v1/alerts requires rows', () => {
    const nodes = new Map<string, OrgNode>([['S1', { id: 'S1', name: 'S1', parentId: null, level: 'subbranch' }]]);
    const missing = readRestQuery('alerts', new URLSearchParams('org=S1&period=month&date=2026-11-24'), nodes);
    assert.deepEqual('errors' in missing && missing.errors.map((e) => e.path), ['rows']);
    const ok = readRestQuery('alerts', new URLSearchParams('org=S1&period=month&date=2026-11-24&rows=managers'), nodes);
    assert.ok('query' in ok && ok.query.rows === 'managers');
  });
});
