/** Invariants of the Definitions over random small logs on the fixture's org tree. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import {
  DEFAULT_CATALOGUE,
  LEAD_EVENT_TYPES,
  PERIOD_KINDS,
  type LeadEvent,
  type Scope,
} from '../../../packages/core/src/contracts.js';
import { grids, orgTree, calendar } from './fixture.js';

const START = Date.parse('2026-10-20T00:00:00+08:00');
const MANAGERS = ['M1', 'M2', 'M3', 'M4'];
const GRIDS = ['G1', 'G2', 'G3', 'G4'];

const eventArb = fc
  .record({
    lead: fc.integer({ min: 0, max: 14 }),
    type: fc.constantFrom(...LEAD_EVENT_TYPES),
    manager: fc.constantFrom(...MANAGERS),
    minute: fc.integer({ min: 0, max: 60 * 24 * 45 }),
    amount: fc.integer({ min: 0, max: 100_000 }),
  })
  .map(({ lead, type, manager, minute, amount }): LeadEvent => {
    const event: LeadEvent = {
      at: new Date(START + minute * 60_000).toISOString(),
      type,
      leadId: `L${lead}`,
      managerId: manager,
      // a lead is one customer in one grid; customers repeat across leads so grids can run out of households
      customerId: `C${lead % 9}`,
      gridId: GRIDS[lead % 4]!,
    };
    if (type === 'converted') event.amount = amount / 100;
    return event;
  });

const scopeArb = fc.record({
  period: fc.constantFrom(...PERIOD_KINDS),
  day: fc.integer({ min: 0, max: 50 }),
  nowMinute: fc.integer({ min: 0, max: 60 * 24 * 50 }),
});

function setup(events: LeadEvent[], s: { period: Scope['period']; day: number; nowMinute: number }) {
  const engine = createMetricsEngine({
    events,
    orgTree,
    grids,
    calendar,
    now: () => new Date(START + s.nowMinute * 60_000),
  });
  const date = new Date(START + 8 * 3_600_000 + s.day * 86_400_000).toISOString().slice(0, 10);
  return { engine, scope: (org: string): Scope => ({ org, period: s.period, date }) };
}

const COUNT_IDS = DEFAULT_CATALOGUE.filter((d) => d.unit === 'count').map((d) => d.id);

test('funnel counts never rise along the stages', () => {
  fc.assert(
    fc.property(fc.array(eventArb, { maxLength: 80 }), scopeArb, (events, s) => {
      const { engine, scope } = setup(events, s);
      for (const org of ['B', 'S1', 'T2', 'M3']) {
        const counts = engine.funnel({ scope: scope(org) }).stages.map((stage) => stage.count);
        for (let i = 1; i < counts.length; i++) assert.ok(counts[i]! <= counts[i - 1]!, `${org}: ${counts.join(',')}`);
        // the cohort is the leads assigned in the period
        const assigned = engine.indicators({ scope: scope(org) }).indicators.find((x) => x.id === 'assigned')!.value;
        assert.equal(counts[0], assigned);
      }
    }),
    { numRuns: 150 },
  );
});

test('manager values sum to team, sub-branch and branch totals for every count indicator', () => {
  fc.assert(
    fc.property(fc.array(eventArb, { maxLength: 80 }), scopeArb, (events, s) => {
      const { engine, scope } = setup(events, s);
      const totals = (org: string) =>
        Object.fromEntries(engine.indicators({ scope: scope(org) }).indicators.map((x) => [x.id, x.value]));
      const rows = engine.indicators({ scope: scope('BR'), rows: 'managers' }).rows!;
      const sum = (ids: string[], indicator: string) =>
        rows.filter((r) => ids.includes(r.id)).reduce((acc, r) => acc + (r.values[indicator] as number), 0);
      const branch = totals('BR');
      const t1 = totals('T1');
      const s2 = totals('S2');
      for (const id of COUNT_IDS) {
        assert.equal(sum(['M1', 'M2'], id), t1[id], `T1 ${id}`);
        assert.equal(sum(['M3', 'M4'], id), s2[id], `S2 ${id}`);
        assert.equal(sum(MANAGERS, id), branch[id], `BR ${id}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('coverage stays within 0-1 and covered never exceeds households', () => {
  fc.assert(
    fc.property(fc.array(eventArb, { maxLength: 80 }), scopeArb, (events, s) => {
      const { engine, scope } = setup(events, s);
      for (const cell of engine.coverage({ scope: scope('B') }).cells) {
        assert.ok(cell.covered >= 0 && cell.covered <= cell.households, JSON.stringify(cell));
        const coverage = cell.households === 0 ? 0 : cell.covered / cell.households;
        assert.ok(coverage >= 0 && coverage <= 1);
        assert.ok((cell.openLeads ?? 0) >= 0);
      }
    }),
    { numRuns: 150 },
  );
});
