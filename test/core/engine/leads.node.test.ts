/**
 * The leads behind every number, on the synthetic pilot: each count the widgets show opens exactly the rows it
 * counts (funnel stage and overdue, a grid's covered customers, every indicator tile including a rate's denominator
 * with `counted`, a manager's row), pages never overlap, a stale cursor is refused, and customer data is masked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import {
  DEFAULT_CATALOGUE,
  FUNNEL_STAGES,
  StrideError,
  type LeadRow,
  type LeadsFilter,
  type LeadsQuery,
  type LeadsResult,
  type Scope,
} from '../../../packages/core/src/contracts.js';
import { generatePilot } from '../../../mocks/pilot/index.js';
import { DEFAULT_SLA } from '../../../packages/core/src/engine/log-index.js';

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T15:30:00+08:00');
const pilot = generatePilot({ seed: 7, today: TODAY, now: NOW });
const input = {
  events: pilot.events,
  orgTree: pilot.orgTree,
  grids: pilot.grids,
  targets: pilot.targets,
  calendar: pilot.calendar,
  pilot: pilot.pilot,
  customers: pilot.customers,
  now: () => NOW,
};
const engine = createMetricsEngine(input);
const month: Scope = { org: 'br-hz', period: 'month', date: TODAY };

/** Every page of a query, checking that pages chain and totals hold. */
function allRows(scope: Scope, filter: LeadsFilter, sort?: LeadsQuery['sort']): { rows: LeadRow[]; total: number } {
  const rows: LeadRow[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let page = 0; page < 200; page++) {
    const q: LeadsQuery = { scope, filter, limit: 500, ...(sort ? { sort } : {}), ...(cursor ? { cursor } : {}) };
    const result: LeadsResult = engine.leads(q);
    if (total >= 0) assert.equal(result.total, total, 'total is the same on every page');
    total = result.total;
    rows.push(...result.leads);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  assert.equal(rows.length, total, 'the pages together hold every row');
  return { rows, total };
}

describe('every number and the list it opens agree (synthetic pilot, month to date)', () => {
  const funnel = engine.funnel({ scope: month });

  test('a funnel stage opens its count, each lead at or past the stage', () => {
    for (const stage of funnel.stages) {
      const { rows } = allRows(month, { stage: stage.id as (typeof FUNNEL_STAGES)[number] });
      assert.equal(rows.length, stage.count, stage.id);
      const at = FUNNEL_STAGES.indexOf(stage.id as (typeof FUNNEL_STAGES)[number]);
      assert.ok(rows.every((r) => FUNNEL_STAGES.indexOf(r.stage) >= at));
      assert.equal(new Set(rows.map((r) => r.leadId)).size, rows.length, 'a lead once');
    }
    assert.ok(funnel.stages[0]!.count > 100, 'the pilot has a real cohort');
  });

  test("a stage's overdue opens its overdue leads, all at that stage and past its SLA", () => {
    let some = 0;
    for (const stage of funnel.stages) {
      if (stage.overdue === undefined) continue;
      const { rows } = allRows(month, { overdue: stage.id as (typeof FUNNEL_STAGES)[number] });
      assert.equal(rows.length, stage.overdue, stage.id);
      some += rows.length;
      assert.ok(rows.every((r) => r.stage === stage.id && r.overdueHours !== null && r.overdueHours >= 0));
    }
    assert.ok(some > 0, 'the pilot has overdue leads');
  });

  test("a grid's covered count opens its covered customers, one row each", () => {
    const coverage = engine.coverage({ scope: month });
    let checked = 0;
    for (const cell of coverage.cells) {
      const { rows } = allRows(month, { gridId: cell.gridId, covered: true });
      // covered is clamped to households (a stale count reads as full); the pilot's grids are never that full
      assert.ok(rows.length <= cell.households);
      assert.equal(rows.length, cell.covered, cell.gridId);
      const customers = rows.map((r) => pilot.events.find((e) => e.leadId === r.leadId)!.customerId);
      assert.equal(new Set(customers).size, rows.length, 'each customer once');
      if (rows.length > 0) checked++;
    }
    assert.ok(checked > 10);
  });

  test('every indicator tile opens the rows it counts; a rate opens its denominator with counted marked', () => {
    const indicators = engine.indicators({ scope: month }).indicators;
    for (const definition of DEFAULT_CATALOGUE) {
      const value = indicators.find((i) => i.id === definition.id)!.value;
      const { rows } = allRows(month, { indicator: definition.id });
      if (definition.unit === 'count') {
        assert.equal(rows.length, value, definition.id);
        assert.ok(rows.every((r) => r.counted === undefined));
      } else {
        const counted = rows.filter((r) => r.counted === true).length;
        assert.ok(rows.every((r) => typeof r.counted === 'boolean'));
        assert.equal(counted / rows.length, value, definition.id);
        const hits = allRows(month, { indicator: definition.id, outcome: 'counted' });
        const misses = allRows(month, { indicator: definition.id, outcome: 'missed' });
        assert.equal(hits.total, counted);
        assert.equal(misses.total, rows.length - counted);
        assert.ok(misses.rows.every((r) => r.counted === false));
      }
    }
  });

  test('event-count indicators open events: each conversation and visit once, with its time and type', () => {
    const { rows } = allRows(month, { indicator: 'visits' });
    assert.ok(rows.length > 0 && rows.every((r) => r.eventType === 'visited' && typeof r.eventAt === 'string'));
    const logged = allRows(month, { indicator: 'logged_rate' }).rows;
    const types = new Set(logged.map((r) => r.eventType));
    assert.deepEqual([...types].sort(), ['contacted', 'conversation', 'visited']);
    const keys = logged.map((r) => `${r.leadId}@${r.eventAt}@${r.eventType}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  test("a manager's row opens that manager's leads, and their numbers agree too", () => {
    const rows = engine.indicators({ scope: month, rows: 'managers' }).rows!;
    for (const row of rows.slice(0, 8)) {
      const scope = { ...month, manager: row.id };
      const cohort = allRows(scope, {});
      assert.equal(cohort.total, row.values['assigned'], row.id);
      assert.ok(cohort.rows.every((r) => r.managerId === row.id));
      assert.equal(allRows(scope, { indicator: 'visits' }).total, row.values['visits']);
      const stages = engine.funnel({ scope }).stages;
      assert.equal(allRows(scope, { overdue: 'contacted' }).total, stages[2]!.overdue);
    }
  });
});

describe('open overdue (overdue: any)', () => {
  test('assigned by asOf, not converted, past the current stage SLA, whatever period assigned them', () => {
    const asOf = NOW.getTime();
    const byLead = new Map<string, { manager: string; times: Map<string, number> }>();
    for (const e of pilot.events) {
      const t = Date.parse(e.at);
      if (t > asOf) continue;
      const lead = byLead.get(e.leadId) ?? { manager: e.managerId, times: new Map<string, number>() };
      const stage = ['conversation', 'followup', 'logged'].includes(e.type) ? 'contacted' : e.type;
      if (!lead.times.has(stage) || lead.times.get(stage)! > t) lead.times.set(stage, t);
      byLead.set(e.leadId, lead);
    }
    const expected = new Set<string>();
    for (const [leadId, { times }] of byLead) {
      if (!times.has('assigned')) continue;
      const furthest = [...FUNNEL_STAGES].reverse().find((s) => times.has(s))!;
      const days = DEFAULT_SLA.stageDays[furthest];
      if (furthest === 'converted' || days === undefined) continue;
      if (asOf - times.get(furthest)! > days * 86_400_000) expected.add(leadId);
    }
    const { rows } = allRows({ org: 'br-hz', period: 'day', date: TODAY }, { overdue: 'any' });
    assert.deepEqual(new Set(rows.map((r) => r.leadId)), expected);
    assert.ok(expected.size > 50);
  });
});

describe('sorting, paging and cursors', () => {
  test('default order is overdueHours desc, nulls last, then leadId; pages do not overlap', () => {
    const { rows } = allRows(month, {});
    const ids = rows.map((r) => r.leadId);
    assert.equal(new Set(ids).size, ids.length);
    const firstNull = rows.findIndex((r) => r.overdueHours === null);
    assert.ok(firstNull > 0);
    assert.ok(rows.slice(firstNull).every((r) => r.overdueHours === null));
    for (let i = 1; i < firstNull; i++) assert.ok(rows[i - 1]!.overdueHours! >= rows[i]!.overdueHours!);
    const nulls = rows.slice(firstNull).map((r) => r.leadId);
    assert.deepEqual(nulls, [...nulls].sort());
  });

  test('each sort key orders the rows, in both directions', () => {
    for (const by of ['enteredAt', 'lastActionAt', 'stage', 'managerName'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const { rows } = allRows(month, { stage: 'claimed' }, { by, dir });
        const key = (r: LeadRow): string | number =>
          by === 'stage'
            ? FUNNEL_STAGES.indexOf(r.stage)
            : by === 'managerName'
              ? r.managerName!
              : Date.parse(by === 'enteredAt' ? r.enteredAt : r.lastActionAt!);
        for (let i = 1; i < rows.length; i++) {
          const a = key(rows[i - 1]!);
          const b = key(rows[i]!);
          assert.ok(dir === 'asc' ? a <= b : a >= b, `${by} ${dir} at ${i}`);
          if (a === b) assert.ok(rows[i - 1]!.leadId < rows[i]!.leadId, 'ties by leadId');
        }
      }
    }
  });

  test('a cursor from another filter, sort or date is refused with 400', () => {
    const first = engine.leads({ scope: month, filter: {}, limit: 10 });
    assert.ok(first.nextCursor);
    const stale = [
      { scope: month, filter: { stage: 'claimed' as const }, limit: 10 },
      { scope: month, filter: {}, limit: 10, sort: { by: 'stage' as const, dir: 'asc' as const } },
      { scope: { ...month, date: '2026-11-23' }, filter: {}, limit: 10 },
    ];
    for (const q of stale) {
      assert.throws(
        () => engine.leads({ ...q, cursor: first.nextCursor! }),
        (error: unknown) => error instanceof StrideError && error.status === 400,
      );
    }
    const second = engine.leads({ scope: month, filter: {}, limit: 10, cursor: first.nextCursor! });
    assert.equal(second.leads.length, 10);
    assert.ok(second.leads.every((r) => !first.leads.some((f) => f.leadId === r.leadId)));
  });
  test('a live day pages through one snapshot while the clock moves on (the open overdue of today)', () => {
    let clock = NOW.getTime();
    const live = createMetricsEngine({ ...input, now: () => new Date(clock) });
    const today: Scope = { org: 'br-hz', period: 'day', date: TODAY };
    const q: LeadsQuery = { scope: today, filter: { overdue: 'any' }, limit: 10 };
    const whole = live.leads({ ...q, limit: 500 });
    assert.ok(whole.total > 20, `${whole.total} open overdue leads`);
    const first = live.leads(q);
    clock += 30 * 60_000; // the user reads for half an hour, then scrolls
    const second = live.leads({ ...q, cursor: first.nextCursor! });
    assert.equal(second.asOf, first.asOf, 'the next page is answered at the first page asOf');
    assert.equal(second.total, first.total);
    assert.deepEqual(
      [...first.leads, ...second.leads].map((r) => r.leadId),
      whole.leads.slice(0, 20).map((r) => r.leadId),
    );
    // a new first page is at the new asOf: the same lead is half an hour more overdue
    const later = live.leads(q);
    assert.notEqual(later.asOf, first.asOf);
    const top = later.leads.find((r) => r.leadId === first.leads[0]!.leadId)!;
    assert.equal(top.overdueHours, Math.round((first.leads[0]!.overdueHours! + 0.5) * 10) / 10);
  });
});

describe('customer data', () => {
  const names = new Set(pilot.customers.map((c) => c.name));
  const phones = new Set(pilot.customers.map((c) => c.phone!));

  test('masked by default: no real name or mobile in any row', () => {
    const { rows } = allRows(month, {});
    const text = JSON.stringify(rows);
    for (const phone of phones) assert.ok(!text.includes(phone));
    for (const row of rows) {
      assert.equal(row.masked, true);
      assert.ok(!names.has(row.customer) || row.customer.includes('*'), row.customer);
      assert.match(row.phone!, /^1\d\d\*{4}\d{4}$/);
    }
  });

  test('unmasked only when the input says so', () => {
    const open = createMetricsEngine({ ...input, unmaskedCustomers: true });
    const { leads } = open.leads({ scope: month, filter: {}, limit: 50 });
    assert.ok(leads.every((r) => r.masked === false && names.has(r.customer) && phones.has(r.phone!)));
  });
});
