import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE, type Alert } from '../../../packages/core/src/contracts.js';
import { alertsToAnnounce, groupAlerts } from '../../../packages/elements/src/alerts/alerts.view-model.js';

const alert = (id: string, rule: Alert['rule'], severity: number, indicator?: string): Alert => ({
  id,
  subject: { kind: 'manager', id: id.split(':')[0]!, name: id.split(':')[0]!.toUpperCase() },
  rule,
  ...(indicator ? { indicator } : {}),
  value: 1,
  expected: 2,
  severity,
  since: null,
});

const result = {
  asOf: '2026-11-24T10:00:00+08:00',
  scope: { org: 'br', period: 'month' as const, date: '2026-11-24' },
  alerts: [
    alert('a:pace:visits', 'pace', 0.3, 'visits'),
    alert('b:pace:visits', 'pace', 0.6, 'visits'),
    alert('a:overdue', 'overdue', 1.4),
    alert('c:inactive', 'inactive', 1),
  ],
};
const names = { overdue: 'Overdue leads', inactive: 'No activity' };

describe('groupAlerts', () => {
  it('by person: the person with the worst alert first, their alerts most severe first', () => {
    const groups = groupAlerts(result, 'person', DEFAULT_CATALOGUE, 'en', names);
    assert.deepEqual(
      groups.map((g) => [g.key, g.rows.map((r) => r.alert.id)]),
      [
        ['a', ['a:overdue', 'a:pace:visits']],
        ['c', ['c:inactive']],
        ['b', ['b:pace:visits']],
      ],
    );
    assert.equal(groups[0]!.rows[1]!.what, 'Visits');
  });

  it('by indicator: an indicator per pace alert, a group per other rule', () => {
    const groups = groupAlerts(result, 'indicator', DEFAULT_CATALOGUE, 'zh-CN', names);
    assert.deepEqual(
      groups.map((g) => [g.title, g.rows.length]),
      [
        ['Overdue leads', 1],
        ['No activity', 1],
        ['上门面访', 2],
      ],
    );
  });
});

describe('alertsToAnnounce', () => {
  it('announces a scope once in full, then only new ids, and a new scope in full again', () => {
    const first = alertsToAnnounce(undefined, 'br|month', result.alerts);
    assert.deepEqual(first.announce?.initial, true);
    assert.equal(first.announce?.alerts.length, 4);
    const same = alertsToAnnounce(first.seen, 'br|month', result.alerts);
    assert.equal(same.announce, null);
    const more = alertsToAnnounce(same.seen, 'br|month', [...result.alerts, alert('d:overdue', 'overdue', 1)]);
    assert.deepEqual(more.announce, { alerts: [alert('d:overdue', 'overdue', 1)], initial: false });
    // an alert that went away and comes back is new again
    const gone = alertsToAnnounce(more.seen, 'br|month', result.alerts.slice(1));
    const back = alertsToAnnounce(gone.seen, 'br|month', result.alerts);
    assert.deepEqual(
      back.announce?.alerts.map((a) => a.id),
      ['a:pace:visits'],
    );
    const other = alertsToAnnounce(back.seen, 'sb|month', []);
    assert.deepEqual(other.announce, { alerts: [], initial: true });
  });
});
