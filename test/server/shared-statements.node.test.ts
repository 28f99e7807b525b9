/**
 * A live view's statements are shared between requests only while their rows cannot differ (src/moments.ts,
 * src/shared-statements.ts). The clock walks from yesterday afternoon through the data's end at 08:30 into the day after
 * it (managers act and grids are covered until 08:30; then the claim windows of yesterday's leads close, stage SLAs
 * pass, the previous month's span reaches more of its events), and at every step a service that shares answers
 * exactly as one that runs every statement.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { generatePilot } from '../../mocks/pilot/index.js';
import type { CoverageResult, IndicatorsResult, LeadEvent, Scope } from '../../packages/core/src/contracts.js';
import { createMetricsService, type MetricsService } from '../../packages/server/src/metrics.js';
import { createSharedStatements } from '../../packages/server/src/shared-statements.js';
import type { SqlConnection } from '../../packages/server/src/sql.js';
import { openWarehouse, type Warehouse } from '../../packages/server/src/warehouse.js';

const TODAY = '2026-03-10';
const DATA_END = Date.parse(`${TODAY}T08:30:00+08:00`);
const pilot = generatePilot({ today: TODAY, now: new Date(DATA_END) });
let clock = DATA_END;
let warehouse: Warehouse;
let sharing: MetricsService;
let plain: MetricsService;

before(async () => {
  warehouse = await openWarehouse({ ...pilot, now: () => new Date(clock) });
  sharing = createMetricsService(warehouse);
  // the same warehouse without its moments: every statement runs
  plain = createMetricsService(Object.create(warehouse, { moments: { value: undefined } }) as Warehouse);
});
after(() => warehouse.close());

/** A small seeded generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

it('answers a moving clock exactly as running every statement would, sharing where the data allows', async () => {
  const random = seeded(830);
  // one team's managers, so that the walk asks each question again and again
  const team = pilot.orgTree.find((node) => node.level === 'manager')!.parentId!;
  const managers = pilot.orgTree.filter((node) => node.parentId === team);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const asks: ((s: MetricsService, scope: Scope) => Promise<unknown>)[] = [
    (s, scope) => s.indicators({ scope }),
    (s, scope) => s.indicators({ scope: { ...scope, manager: undefined }, rows: 'managers' }),
    (s, scope) => s.leaderboard({ scope, board: 'managers', metric: 'points' }),
    (s, scope) => s.funnel({ scope }),
    (s, scope) => s.coverage({ scope }),
  ];
  const seen = new Map<string, string>();
  let changed = 0;
  clock = DATA_END - 18 * 3_600_000;
  for (let step = 0; step < 150; step++) {
    // most steps a few seconds (managers opening their pages together), some a stretch of the day
    clock += random() < 0.6 ? Math.floor(random() * 60_000) : Math.floor(random() * 45 * 60_000);
    const manager = pick(managers);
    const scope: Scope = {
      org: manager.parentId!,
      ...(random() < 0.75 ? { manager: manager.id } : {}),
      period: pick(['month', 'day'] as const),
      date: TODAY,
    };
    const k = Math.floor(random() * asks.length);
    const shared = await asks[k]!(sharing, scope);
    const computed = await asks[k]!(plain, scope);
    assert.deepStrictEqual(shared, computed, `step ${step}, ask ${k}, ${JSON.stringify(scope)}, clock ${clock}`);
    // how often the numbers themselves moved (asOf aside): the walk must cross the data's moments to prove anything
    const key = `${k}|${JSON.stringify(scope)}`;
    const numbers = JSON.stringify({ ...(computed as object), asOf: undefined });
    if (seen.has(key) && seen.get(key) !== numbers) changed++;
    seen.set(key, numbers);
  }
  assert.ok(
    clock > DATA_END && clock < Date.parse(`${TODAY}T23:59:59+08:00`),
    'the walk ends after the data, on the day asked for',
  );
  assert.ok(changed >= 5, `the numbers moved ${changed} times over the walk`);
  const stats = sharing.statements!;
  assert.ok(stats.shared >= stats.computed / 4, `shared ${stats.shared} of ${stats.shared + stats.computed}`);
});

it('moves its answer at each instant the data can move it, one instant at a time', async () => {
  // every instant the raw events could matter at for one team (each event of its leads, its managers and its grids,
  // and each plus the claim window, the follow-up SLA and the stage SLAs), probed just before and just after: where
  // running every statement moves the answer, the shared one must move with it
  const team = pilot.orgTree.find((node) => node.level === 'manager')!.parentId!;
  const managers = pilot.orgTree.filter((node) => node.parentId === team);
  const ids = new Set(managers.map((node) => node.id));
  const grids = new Set(
    [...warehouse.gridManagers].filter(([, list]) => list.some((id) => ids.has(id))).map(([grid]) => grid),
  );
  const leads = new Set(pilot.events.filter((e) => e.type === 'assigned' && ids.has(e.managerId)).map((e) => e.leadId));
  const day = 24 * 3_600_000;
  const durations = [0, day, 3 * day, 7 * day, 14 * day];
  const monthStart = Date.parse(`${TODAY.slice(0, 8)}01T00:00:00+08:00`);
  const candidates = new Set<number>();
  for (const event of pilot.events)
    if (leads.has(event.leadId) || ids.has(event.managerId) || grids.has(event.gridId ?? ''))
      for (const duration of durations) {
        const at = Date.parse(event.at) + duration;
        if (at > monthStart && at < DATA_END + day) candidates.add(at);
      }
  const random = seeded(17);
  const instants = [...candidates].sort((a, b) => a - b).filter(() => random() < 18 / candidates.size);
  const asks: ((s: MetricsService, scope: Scope) => Promise<unknown>)[] = [
    (s, scope) => s.indicators({ scope }),
    (s, scope) => s.leaderboard({ scope, board: 'managers', metric: 'points' }),
    (s, scope) => s.funnel({ scope }),
    (s, scope) => s.coverage({ scope }),
  ];
  const numbers = (answer: unknown) => JSON.stringify({ ...(answer as object), asOf: undefined });
  let moved = 0;
  for (const [k, at] of instants.entries()) {
    // the team's own page moves at any of its instants; every fourth probe asks as one of its managers
    const manager = k % 4 === 3 ? { manager: managers[k % managers.length]!.id } : {};
    const scope: Scope = { org: team, ...manager, period: 'month', date: TODAY };
    for (const ask of asks) {
      clock = at - 1;
      const before = await ask(plain, scope);
      clock = at + 1;
      const after = await ask(plain, scope);
      if (numbers(before) === numbers(after)) continue;
      moved++;
      clock = at - 1;
      await ask(sharing, scope);
      clock = at + 1;
      assert.deepStrictEqual(await ask(sharing, scope), after, `at ${new Date(at).toISOString()}`);
    }
  }
  assert.ok(moved >= 5, `the answers moved at ${moved} of the ${instants.length} instants' probes`);
});

it("passes a stage's SLA on the instant it ends, though no event falls there", async () => {
  // a lead claimed and not moved on for a day: the funnel counts it overdue at `claimed` from claimed + 1 day on
  const byLead = new Map<string, LeadEvent[]>();
  for (const event of pilot.events) byLead.set(event.leadId, [...(byLead.get(event.leadId) ?? []), event]);
  const slaMs = 24 * 3_600_000;
  const later = new Set([
    'contacted',
    'conversation',
    'followup',
    'logged',
    'visited',
    'intent',
    'applied',
    'converted',
  ]);
  const stuck = [...byLead.values()].find((events) => {
    const claimed = events.find((event) => event.type === 'claimed');
    if (!claimed || !events.some((event) => event.type === 'assigned')) return false;
    const due = Date.parse(claimed.at) + slaMs;
    return due < DATA_END && events.every((event) => !later.has(event.type) || Date.parse(event.at) > due + 1);
  });
  assert.ok(stuck, 'the pilot has a lead claimed and left for a day');
  const claimed = stuck.find((event) => event.type === 'claimed')!;
  const manager = pilot.orgTree.find((node) => node.id === claimed.managerId)!;
  const scope: Scope = { org: manager.parentId!, manager: manager.id, period: 'pilot', date: TODAY };
  const due = Date.parse(claimed.at) + slaMs;
  clock = due - 1;
  const before = await sharing.funnel({ scope });
  clock = due + 1;
  const after = await sharing.funnel({ scope });
  assert.deepStrictEqual(after, await plain.funnel({ scope }));
  const overdue = (result: typeof before) => result.stages.find((stage) => stage.id === 'claimed')!.overdue;
  assert.equal(overdue(after), overdue(before)! + 1);
});

it("counts a contact as logged on the instant its `logged` comes, though it is not the lead's first", async () => {
  // an action logged within 24 h by a lead's second (or later) `logged`: that time is in no fact and no lead first
  const byLead = new Map<string, LeadEvent[]>();
  for (const event of pilot.events) byLead.set(event.leadId, [...(byLead.get(event.leadId) ?? []), event]);
  const day = 24 * 3_600_000;
  const actions = new Set(['contacted', 'conversation', 'visited']);
  let found: { managerId: string; at: number } | undefined;
  for (const events of byLead.values()) {
    const logged = events.filter((e) => e.type === 'logged').map((e) => Date.parse(e.at));
    for (const action of events.filter((e) => actions.has(e.type))) {
      const at = Date.parse(action.at);
      const next = Math.min(...logged.filter((t) => t >= at));
      if (next > Math.min(...logged) && next - at <= day && next < DATA_END)
        found = { managerId: action.managerId, at: next };
    }
  }
  assert.ok(found, 'the pilot logs some lead twice');
  const manager = pilot.orgTree.find((node) => node.id === found.managerId)!;
  const scope: Scope = { org: manager.parentId!, manager: manager.id, period: 'pilot', date: TODAY };
  const rate = (result: IndicatorsResult) => result.indicators.find((i) => i.id === 'logged_rate')!.value;
  clock = found.at - 1;
  const before = await sharing.indicators({ scope });
  clock = found.at + 1;
  const after = await sharing.indicators({ scope });
  assert.deepStrictEqual(after, await plain.indicators({ scope }));
  assert.notEqual(rate(after), rate(before));
});

it("opens a lead in a grid's coverage on the instant it is assigned there", async () => {
  // coverage is moved by its grids' moments alone: a lead's assignment to a grid is one
  const assigned = pilot.events.find(
    (e) => e.type === 'assigned' && e.gridId && Date.parse(e.at) > DATA_END - 86_400_000,
  )!;
  const manager = pilot.orgTree.find((node) => node.id === assigned.managerId)!;
  const scope: Scope = { org: manager.parentId!, period: 'month', date: TODAY };
  const openLeads = (result: CoverageResult) =>
    result.cells.find((cell) => cell.gridId === assigned.gridId)?.openLeads ?? Number.NaN;
  const at = Date.parse(assigned.at);
  clock = at - 1;
  const before = await sharing.coverage({ scope });
  clock = at + 1;
  const after = await sharing.coverage({ scope });
  assert.deepStrictEqual(after, await plain.coverage({ scope }));
  assert.ok(openLeads(after) > openLeads(before));
});

it('keeps rows up to its bound, the least recently asked going first', async () => {
  const shared = createSharedStatements(warehouse, 10);
  const managers = pilot.orgTree.filter((node) => node.level === 'manager');
  const ask = (unit: string) =>
    warehouse.withConnection((c) =>
      shared.rows(c, 'last_action.sql', { unit, mode: 'self', level: '', as_of_ms: DATA_END }),
    );
  for (const manager of managers) {
    await ask(manager.id);
    assert.ok(shared.stats.rows <= 10, `${shared.stats.rows} rows kept`);
  }
  assert.equal(shared.stats.computed, managers.length);
  // the last asked is still kept; the first was pushed out and runs again
  await ask(managers.at(-1)!.id);
  assert.equal(shared.stats.shared, 1);
  await ask(managers[0]!.id);
  assert.equal(shared.stats.computed, managers.length + 1);
});

it("computes today's figures ahead of the first request, for every manager and team", async () => {
  clock = DATA_END;
  const statements: string[] = [];
  const recording = Object.create(warehouse, {
    withConnection: {
      value: <T>(work: (c: SqlConnection) => Promise<T>, signal?: AbortSignal) =>
        warehouse.withConnection(
          (c) => work({ dialect: c.dialect, all: (text, params) => (statements.push(text), c.all(text, params)) }),
          signal,
        ),
    },
  }) as Warehouse;
  const service = createMetricsService(recording);
  await service.warmToday!();
  const warmed = statements.length;
  assert.ok(statements.some((text) => /\bFROM targets\b/.test(text)));
  // another team's manager and another team: no day-level statement runs again
  const teams = [...new Set(pilot.orgTree.filter((n) => n.level === 'manager').map((n) => n.parentId!))];
  const manager = pilot.orgTree.find((n) => n.level === 'manager' && n.parentId === teams.at(-1))!;
  await service.indicators({ scope: { org: manager.parentId!, manager: manager.id, period: 'month', date: TODAY } });
  await service.indicators({ scope: { org: teams[1]!, period: 'month', date: TODAY } });
  const later = statements.slice(warmed);
  assert.ok(later.length > 0);
  assert.ok(
    !later.some((text) => /\bFROM (targets|supplied_daily)\b|JOIN supplied_daily\b/.test(text)),
    later.join('\n---\n'),
  );
});

it("runs every team's statements ahead, and the morning's first pages share them with the same answers", async () => {
  clock = DATA_END;
  const service = createMetricsService(warehouse);
  await service.warmToday!();
  await service.warmTeams!();
  const warmed = service.statements!.computed;
  // half a minute later, each team's page and one of its managers' pages, as the morning's first requests
  clock = DATA_END + 30_000;
  const teams = [...new Set(pilot.orgTree.filter((n) => n.level === 'manager').map((n) => n.parentId!))];
  for (const team of teams) {
    const manager = pilot.orgTree.find((n) => n.level === 'manager' && n.parentId === team)!;
    for (const scope of [
      { org: team, period: 'month' as const, date: TODAY },
      { org: team, manager: manager.id, period: 'month' as const, date: TODAY },
    ]) {
      const asked = [
        (s: MetricsService) => s.indicators({ scope }),
        (s: MetricsService) => s.leaderboard({ scope, board: 'managers', metric: 'points' }),
        (s: MetricsService) => s.funnel({ scope }),
        (s: MetricsService) => s.coverage({ scope }),
      ];
      for (const ask of asked) assert.deepStrictEqual(await ask(service), await ask(plain), JSON.stringify(scope));
    }
  }
  // a statement runs again only where one of the team's moments fell in those minutes (a claim window ending)
  const ran = service.statements!.computed - warmed;
  const shared = service.statements!.shared;
  assert.ok(shared >= teams.length * 8, `${shared} shared`);
  assert.ok(ran <= shared / 10, `${ran} statements run after the warm, ${shared} shared`);
});
