// Issue 3's scenario: the metrics engine on 1,000,000 events in Chromium, from parsed events (LeadEvent objects in
// memory) to all four results for one branch, month to date. The baseline is the floor any engine pays: one pass
// over the parsed log that reads every event's time, type and manager (counting events per manager and type).
// Parsing (CSV text to events) is reported separately as its own scenario.
import { createMetricsEngine, parseEventsCsv } from '@stride/core';
import { eventsToCsv } from '../../../mocks/pilot/index.js';
import { defineScenario } from '../harness.js';
import { syntheticBankLog } from '../../core/engine/synthetic-log.js';

interface Ctx {
  log: ReturnType<typeof syntheticBankLog>;
  csv: string;
}

const now = () => new Date('2026-11-24T18:30:00+08:00');
const scope = { org: 'br3', period: 'month' as const, date: '2026-11-24' };

export default [
  defineScenario<Ctx>({
    name: 'engine: 1,000,000 events, all four results for one branch',
    timed: 'createMetricsEngine (indexing) + indicators(rows) + leaderboard(points) + funnel + coverage, from parsed events (issue 3 goal: under 1,500 ms)',
    runs: 3,
    setup: () => {
      const log = syntheticBankLog(1_000_000);
      return { log, csv: '' };
    },
    candidates: {
      baseline: ({ log }) => {
        const start = performance.now();
        const perManager = new Map<string, Uint32Array>();
        for (const event of log.events) {
          let counts = perManager.get(event.managerId);
          if (!counts) perManager.set(event.managerId, (counts = new Uint32Array(10)));
          const t = Date.parse(event.at);
          counts[(t + event.type.length) % 10]! += 1;
        }
        return performance.now() - start;
      },
      stride: ({ log }) => {
        const start = performance.now();
        const engine = createMetricsEngine({ ...log, now });
        engine.indicators({ scope, rows: 'children' });
        engine.leaderboard({ scope, board: 'managers', metric: 'points' });
        engine.funnel({ scope });
        engine.coverage({ scope });
        return performance.now() - start;
      },
    },
  }),
  defineScenario<Ctx>({
    name: 'engine: parsing 200,000 events of CSV',
    timed: 'parseEventsCsv on 200,000 rows of events.csv text (about 15 MB), against JSON.parse of the same rows as JSON',
    runs: 3,
    setup: () => {
      const log = syntheticBankLog(200_000);
      return { log, csv: eventsToCsv(log.events) };
    },
    candidates: {
      baseline: ({ log }) => {
        const json = JSON.stringify(log.events);
        const start = performance.now();
        JSON.parse(json);
        return performance.now() - start;
      },
      stride: ({ csv }) => {
        const start = performance.now();
        parseEventsCsv(csv);
        return performance.now() - start;
      },
    },
  }),
];
