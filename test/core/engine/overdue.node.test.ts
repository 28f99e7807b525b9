/**
 * "Open overdue" and the indicator rows' `overdue` and `lastActionAt` against the hand-built pilot in fixture.ts.
 * asOf = Tue 2026-11-24 10:00 (+08:00). Stage SLAs: claimed 1 day, contacted 3, visited 7, intent 14, applied 14.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import type { Scope } from '../../../packages/core/src/contracts.js';
import { pilotInput } from './fixture.js';

const engine = createMetricsEngine(pilotInput());
const day: Scope = { org: 'B', period: 'day', date: '2026-11-24' };

describe('open overdue at asOf, whatever period assigned the lead', () => {
  // Where each lead stands at asOf: L1 converted (never open); L2 contacted since Nov 4 09:00; L3 claimed since
  // Nov 23 13:00 (21 h, inside 1 day); L4 visited since Nov 6 09:00; L5 contacted since Nov 9 10:00; L6 (an October
  // lead) contacted since Oct 12 09:00; L7 (October) contacted since Oct 26 09:00; L8 visited since Nov 19 09:00
  // (5 days, inside 7; its conversion is after asOf); L9 contacted since Nov 19 09:00 (5 days 1 h, past 3 days).
  test('lists the leads past their stage SLA with stage and hours past it', () => {
    const result = engine.openOverdue(day);
    const byLead = Object.fromEntries(
      result.leads.map((lead) => [lead.leadId, [lead.managerId, lead.stage, lead.overdueHours]]),
    );
    assert.deepEqual(byLead, {
      // Nov 4 09:00 -> Nov 24 10:00 = 481 h, minus 72
      L2: ['M1', 'contacted', 409],
      // Nov 6 09:00 -> 433 h, minus 168
      L4: ['M1', 'visited', 265],
      // Nov 9 10:00 -> 360 h, minus 72
      L5: ['M2', 'contacted', 288],
      // Oct 12 09:00 -> 1033 h, minus 72: a lead from a previous month still counts
      L6: ['M2', 'contacted', 961],
      // Oct 26 09:00 -> 697 h, minus 72
      L7: ['M2', 'contacted', 625],
      // Nov 19 09:00 -> 121 h, minus 72
      L9: ['M4', 'contacted', 49],
    });
    assert.equal(result.asOf, '2026-11-24T10:00:00+08:00');
  });

  test('a manager scope holds only that manager’s leads; an earlier asOf sees fewer', () => {
    assert.deepEqual(
      engine.openOverdue({ ...day, manager: 'M2' }).leads.map((lead) => lead.leadId),
      ['L6', 'L7', 'L5'],
    );
    // at the end of Nov 10: L2 contacted Nov 4 (overdue), L4 visited Nov 6 (4 days, not yet), L5 contacted Nov 9
    // (not yet), L6 and L7 overdue, L1 visited Nov 10 (just now), L9 not assigned yet
    assert.deepEqual(
      engine
        .openOverdue({ ...day, date: '2026-11-10' })
        .leads.map((lead) => lead.leadId)
        .sort(),
      ['L2', 'L6', 'L7'],
    );
  });
});

describe('indicator rows carry overdue and lastActionAt', () => {
  test('per manager: open overdue count and the latest contact, conversation or visit of any period', () => {
    const rows = engine.indicators({ scope: day, rows: 'managers' }).rows!;
    assert.deepEqual(
      rows.map((row) => [row.id, row.overdue, row.lastActionAt]),
      [
        // M1's last action is L1's visit on Nov 10 (before today's period: the field is not period-bound)
        ['M1', 2, '2026-11-10T09:00:00+08:00'],
        ['M2', 3, '2026-11-10T10:00:00+08:00'],
        // L8's conversation at 09:00 today is before asOf (10:00)
        ['M3', 0, '2026-11-24T09:00:00+08:00'],
        ['M4', 1, '2026-11-23T09:00:00+08:00'],
      ],
    );
  });

  test('an org row sums its managers’ overdue leads and takes the latest action among them', () => {
    const rows = engine.indicators({ scope: { ...day, org: 'BR' }, rows: 'children' }).rows!;
    assert.deepEqual(
      rows.map((row) => [row.id, row.overdue, row.lastActionAt]),
      [
        ['S1', 5, '2026-11-10T10:00:00+08:00'],
        ['S2', 1, '2026-11-24T09:00:00+08:00'],
      ],
    );
  });

  test('before any event a manager has no last action', () => {
    const rows = engine.indicators({ scope: { ...day, date: '2026-10-01' }, rows: 'managers' }).rows!;
    assert.deepEqual(
      rows.map((row) => [row.overdue, row.lastActionAt]),
      [
        [0, null],
        [0, null],
        [0, null],
        [0, null],
      ],
    );
  });
});
