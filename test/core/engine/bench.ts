/**
 * Engine timing on a 1,000,000-event synthetic bank (not part of the test suite; timings vary by machine):
 *   node --import tsx test/core/engine/bench.ts [eventCount]
 */
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import { buildLogIndex } from '../../../packages/core/src/engine/log-index.js';
import type { Scope } from '../../../packages/core/src/contracts.js';
import { syntheticBankLog } from './synthetic-log.js';

const count = Number(process.argv[2] ?? 1_000_000);
// CPU time beside wall time: on a shared machine the wall clock also measures the neighbours
let mark = performance.now();
let cpuMark = process.cpuUsage();
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const lap = (label: string): void => {
  const now = performance.now();
  console.log(`${label.padEnd(58)} ${(now - mark).toFixed(0).padStart(6)} ms  (cpu ${cpuMs(cpuMark).toFixed(0)} ms)`);
  mark = now;
  cpuMark = process.cpuUsage();
};

const pilot = syntheticBankLog(count);
lap(`generate ${pilot.events.length} events`);
const now = () => new Date('2026-11-24T18:30:00+08:00');
const engine = createMetricsEngine({ ...pilot, now });
lap('index (createMetricsEngine, chronological log)');

for (const [label, scope] of [
  ['bank', { org: 'bank', period: 'month', date: '2026-11-24' }],
  ['branch', { org: 'br3', period: 'month', date: '2026-11-24' }],
  ['sub-branch, pilot', { org: 'br3-s4', period: 'pilot', date: '2026-11-24' }],
] as [string, Scope][]) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  engine.indicators({ scope, rows: 'children' });
  lap(`  ${label}: indicators (+ rows)`);
  const board = scope.org === 'bank' ? 'branches' : 'managers';
  engine.leaderboard({ scope, board, metric: 'points' });
  lap(`  ${label}: leaderboard ${board} points (streaks, badges)`);
  engine.funnel({ scope });
  lap(`  ${label}: funnel`);
  engine.coverage({ scope });
  lap(`  ${label}: coverage`);
  mark = performance.now();
  console.log(
    `${`  ${label}: all four`.padEnd(58)} ${(mark - start).toFixed(0).padStart(6)} ms  (cpu ${cpuMs(cpuStart).toFixed(0)} ms)`,
  );
}
engine.leaderboard({
  scope: { org: 'bank', period: 'month', date: '2026-11-24' },
  board: 'managers',
  metric: 'points',
});
lap('bank: leaderboard of all 10,000 managers');
engine.indicators({ scope: { org: 'bank', period: 'month', date: '2026-11-24' }, rows: 'managers' });
lap('bank: indicators with 10,000 manager rows');

const shuffled = [...pilot.events].reverse();
mark = performance.now();
cpuMark = process.cpuUsage();
createMetricsEngine({ ...pilot, events: shuffled, now });
lap('index (createMetricsEngine, unsorted log)');

// where indexing spends its time: the same build, phase by phase
console.log('index phases, chronological log:');
mark = performance.now();
cpuMark = process.cpuUsage();
buildLogIndex({ ...pilot, now }, (phase) => lap(`  ${phase}`));
