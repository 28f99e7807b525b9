/**
 * One set of builders makes what every count opens (stageLeads, gridLeads, ...), and on the synthetic pilot each entry point's number equals
 * the total of the list it opens: a funnel stage, a stage's overdue, a grid's covered customers, every indicator tile
 * (a rate: its denominator, the counted rows its numerator), a manager's row on the board.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import { DEFAULT_CATALOGUE, type Scope } from '../../../packages/core/src/contracts.js';
import {
  gridLeads,
  indicatorLeads,
  overdueLeads,
  rowLeads,
  stageLeads,
  type LeadsBehind,
} from '../../../packages/core/src/leads/behind.js';
import { generatePilot } from '../../../mocks/pilot/index.js';

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T15:30:00+08:00');
const pilot = generatePilot({ seed: 7, today: TODAY, now: NOW });
const engine = createMetricsEngine({ ...pilot, now: () => NOW });
const month: Scope = { org: 'br-hz', period: 'month', date: TODAY };

function opened(behind: LeadsBehind | undefined): { total: number; counted: number } {
  assert.ok(behind, 'the count opens a list');
  const first = engine.leads({ ...behind, limit: 500 });
  let counted = first.leads.filter((row) => row.counted === true).length;
  let cursor = first.nextCursor;
  while (cursor) {
    const page = engine.leads({ ...behind, limit: 500, cursor });
    counted += page.leads.filter((row) => row.counted === true).length;
    cursor = page.nextCursor;
  }
  return { total: first.total, counted };
}

describe('every count equals the total of the list it opens (synthetic pilot, month to date)', () => {
  const stages = engine.funnel({ scope: month }).stages;

  test('a funnel stage', () => {
    for (const stage of stages) {
      assert.equal(opened(stageLeads(month, stage.id)).total, stage.count, stage.id);
    }
    assert.ok(stages[0]!.count > 100);
  });

  test("a funnel stage's overdue", () => {
    let overdue = 0;
    for (const stage of stages) {
      if (stage.overdue === undefined) continue;
      const behind = overdueLeads(month, stage.id);
      assert.equal(opened(behind).total, stage.overdue, stage.id);
      overdue += stage.overdue;
    }
    assert.ok(overdue > 0, 'the pilot has overdue leads');
  });

  test("a grid's covered count", () => {
    const cells = engine.coverage({ scope: month }).cells;
    for (const cell of cells) {
      assert.equal(opened(gridLeads(month, cell.gridId)).total, cell.covered, cell.gridId);
    }
    assert.ok(cells.filter((cell) => cell.covered > 0).length > 10);
  });

  test('each indicator tile: a count its rows, a rate its denominator with the counted rows its numerator', () => {
    const indicators = engine.indicators({ scope: month }).indicators;
    for (const definition of DEFAULT_CATALOGUE) {
      const value = indicators.find((i) => i.id === definition.id)!.value!;
      const { total, counted } = opened(indicatorLeads(month, definition.id));
      if (definition.unit === 'count') assert.equal(total, value, definition.id);
      else assert.equal(counted / total, value, definition.id);
    }
  });

  test("a manager's row on a board ranked by an indicator, and on the points board their cohort", () => {
    const board = engine.leaderboard({ scope: month, board: 'managers', metric: 'visits' });
    const rows = engine.indicators({ scope: month, rows: 'managers' }).rows!;
    for (const entry of board.entries.slice(0, 6)) {
      const byVisits = rowLeads(month, 'manager', entry.id, 'visits');
      assert.equal(opened(byVisits).total, entry.value, entry.id);
      const cohort = rowLeads(month, 'manager', entry.id, 'points');
      assert.deepEqual(cohort?.filter, {}, "points have no rows of their own: the manager's leads");
      assert.equal(opened(cohort).total, rows.find((r) => r.id === entry.id)!.values['assigned'], entry.id);
    }
  });
});

describe('the builders', () => {
  test("a row narrows the scope to the row's manager or org, keeping period and date", () => {
    const managerScope = { ...month, manager: 'm-001' };
    assert.deepEqual(rowLeads(managerScope, 'manager', 'm-002')?.scope, {
      ...month,
      manager: 'm-002',
    });
    assert.deepEqual(rowLeads(managerScope, 'org', 'sb-1')?.scope, { ...month, org: 'sb-1' });
  });

  test('nothing to open behind a stage or an indicator the contract does not know (a supplied deposit balance)', () => {
    assert.equal(stageLeads(month, 'signed'), undefined);
    assert.equal(overdueLeads(month, 'signed'), undefined);
    assert.equal(indicatorLeads(month, 'deposits'), undefined);
    assert.deepEqual(rowLeads(month, 'manager', 'm-1', 'deposits')?.filter, {});
  });

  test('a rate opens its whole denominator (no outcome): the list marks the counted rows', () => {
    assert.deepEqual(indicatorLeads(month, 'claim_rate')?.filter, {
      indicator: 'claim_rate',
    });
  });
});
