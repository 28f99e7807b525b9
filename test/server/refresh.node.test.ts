/**
 * The refresh cycle of "Spark builds, the server answers": the server serves day-partitioned Parquet facts, the
 * job writes a new day, and `refresh()` swaps it in without a restart. Requests fired while the swap happens
 * must each see one version whole: every answer equals the answer before the refresh or the one after it, never
 * a mix (new counts beside an old trend, new points beside old streaks).
 *
 * The job's output is written here by DuckDB (COPY ... PARTITION_BY day), in the layout BuildFacts writes
 * (`facts/day=N/*.parquet`, `lead_firsts/*.parquet`), so the test needs no JVM.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { generatePilot } from '../../mocks/pilot/index.js';
import type { LeadEvent } from '../../packages/core/src/contracts.js';
import { createMetricsService, type MetricsService } from '../../packages/server/src/metrics.js';
import { openWarehouse } from '../../packages/server/src/warehouse.js';

const TODAY = '2026-03-10';
const NOW = new Date(`${TODAY}T20:00:00+08:00`);
const pilot = generatePilot({ today: TODAY, now: NOW });
const { pilot: _dates, ...input } = pilot; // the pilot runs from the first to the last event day, as with files
const todayStart = Date.parse(`${TODAY}T00:00:00+08:00`);
const untilYesterday = pilot.events.filter((event: LeadEvent) => Date.parse(event.at) < todayStart);
const dir = mkdtempSync(join(tmpdir(), 'stride-refresh-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** What the Spark job writes for these events: facts partitioned by day, and lead firsts. */
async function writeJobOutput(events: readonly LeadEvent[]): Promise<void> {
  rmSync(join(dir, 'facts'), { recursive: true, force: true });
  rmSync(join(dir, 'lead_firsts'), { recursive: true, force: true });
  mkdirSync(join(dir, 'lead_firsts'));
  const builder = await openWarehouse({ ...input, events, now: () => NOW, connections: 1 });
  try {
    await builder.withConnection(async (c) => {
      await c.all(`COPY facts TO '${join(dir, 'facts')}' (FORMAT PARQUET, PARTITION_BY (day))`, {});
      await c.all(`COPY lead_firsts TO '${join(dir, 'lead_firsts', 'part-0.parquet')}' (FORMAT PARQUET)`, {});
    });
  } finally {
    await builder.close();
  }
}

const scope = { org: 'bank', period: 'month' as const, date: TODAY };
const asks: { label: string; run: (s: MetricsService) => Promise<unknown> }[] = [
  // several statements each: values, targets and trend; points, targets, streaks and badges
  { label: 'indicators with rows', run: (s) => s.indicators({ scope, rows: 'children' }) },
  { label: 'pilot indicators', run: (s) => s.indicators({ scope: { ...scope, period: 'pilot' } }) },
  { label: 'managers board', run: (s) => s.leaderboard({ scope, board: 'managers', metric: 'points' }) },
  { label: 'funnel', run: (s) => s.funnel({ scope }) },
  { label: 'coverage', run: (s) => s.coverage({ scope }) },
];

it('swaps in a new day without a restart, each request seeing wholly old or wholly new data', async () => {
  await writeJobOutput(untilYesterday);
  const server = await openWarehouse({ ...input, events: untilYesterday, now: () => NOW, factsDir: dir });
  try {
    const metrics = createMetricsService(server);
    const before = await Promise.all(asks.map((ask) => ask.run(metrics)));
    assert.equal(server.version, 0);

    // the job's next run: the same days plus today's partition
    await writeJobOutput(pilot.events);
    const refreshed = server.refresh!();
    let swapped = false;
    void refreshed.then(() => (swapped = true));
    const answers: { ask: number; result: unknown }[] = [];
    // four clients asking in turn until the swap is done, and once more each after it; each waits a moment between
    // asks, as a client does (answers shared from rows already computed come back at once, and a client that never
    // waited would pile up answers for as long as the swap takes)
    await Promise.all(
      [0, 1, 2, 3].map(async (client) => {
        let k = client;
        for (let last = false; !last; k++) {
          last = swapped;
          const ask = k % asks.length;
          answers.push({ ask, result: await asks[ask]!.run(metrics) });
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }),
    );
    const report = await refreshed;
    assert.equal(report.version, 1);
    assert.equal(server.version, 1);
    const afterwards = await Promise.all(asks.map((ask) => ask.run(metrics)));

    // the new day changed every answer, so "old or new" below is a real check
    asks.forEach((ask, i) => assert.notDeepStrictEqual(afterwards[i], before[i], `${ask.label}: today changed it`));
    // and the refreshed server answers as a server loaded with today's events from the start
    const fresh = await openWarehouse({ ...input, now: () => NOW });
    try {
      const freshMetrics = createMetricsService(fresh);
      for (const [i, ask] of asks.entries())
        assert.deepStrictEqual(afterwards[i], await ask.run(freshMetrics), `${ask.label} after the refresh`);
    } finally {
      await fresh.close();
    }

    let old = 0;
    let renewed = 0;
    for (const { ask, result } of answers) {
      try {
        assert.deepStrictEqual(result, before[ask]);
        old++;
      } catch {
        assert.deepStrictEqual(result, afterwards[ask], `${asks[ask]!.label}: neither the old nor the new answer`);
        renewed++;
      }
    }
    assert.equal(old + renewed, answers.length);
    assert.ok(renewed >= 4, 'the requests after the swap read the new day');
  } finally {
    await server.close();
  }
});

it('keeps serving the previous data when the new output cannot be read', async () => {
  await writeJobOutput(untilYesterday);
  const server = await openWarehouse({ ...input, events: untilYesterday, now: () => NOW, factsDir: dir });
  try {
    const metrics = createMetricsService(server);
    const before = await asks[0]!.run(metrics);
    // the job is rewriting its output: no lead_firsts yet
    rmSync(join(dir, 'lead_firsts'), { recursive: true, force: true });
    await assert.rejects(server.refresh!());
    assert.equal(server.version, 0);
    assert.deepStrictEqual(await asks[0]!.run(metrics), before);
  } finally {
    await server.close();
  }
});
