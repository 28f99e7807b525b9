import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE, type Alert } from '../../../packages/core/src/contracts.js';
import {
  GROUPS_SHOWN,
  ROWS_SHOWN,
  alertsToAnnounce,
  groupAlerts,
  shownAlerts,
} from '../../../packages/elements/src/alerts/alerts.view-model.js';

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

describe('shownAlerts', () => {
  const many = {
    ...result,
    alerts: Array.from({ length: 30 }, (_, person) =>
      Array.from({ length: 8 }, (_, i) =>
        alert(`p${person}:pace:i${i}`, 'pace', 1 - person / 100 - i / 1000, 'visits'),
      ),
    ).flat(),
  };
  const groups = groupAlerts(many, 'person', DEFAULT_CATALOGUE, 'en', names);

  it('starts with the worst 20 groups, 5 rows each, and counts what is not shown', () => {
    const shown = shownAlerts(groups, GROUPS_SHOWN, new Map());
    assert.equal(shown.groups.length, 20);
    assert.equal(shown.hiddenGroups, 10);
    assert.deepEqual(
      shown.groups[0]!.rows.map((r) => r.alert.id),
      ['p0:pace:i0', 'p0:pace:i1', 'p0:pace:i2', 'p0:pace:i3', 'p0:pace:i4'],
    );
    assert.equal(shown.groups[0]!.hiddenRows, 3);
  });

  it('a group the reader opened shows its further rows, the others keep theirs', () => {
    const shown = shownAlerts(groups, 40, new Map([['p3', ROWS_SHOWN + 20]]));
    assert.equal(shown.groups.length, 30);
    assert.equal(shown.hiddenGroups, 0);
    assert.equal(shown.groups[3]!.rows.length, 8);
    assert.equal(shown.groups[3]!.hiddenRows, 0);
    assert.equal(shown.groups[4]!.rows.length, 5);
  });
});
