/**
 * The sparkline of a supplied indicator (DESIGN "Supplied indicators"): a balance's trend is the balance as it stood
 * at the end of each day (each manager's latest row carried forward, summed over the team), a flow's the figures
 * of each day. Team T1 is 张伟 (M1) and 王芳 (M2); "now" = Tue 2026-11-24 10:00 (+08:00).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import {
  DEFAULT_CATALOGUE,
  type IndicatorDefinition,
  type SuppliedDaily,
  type TrendPoint,
} from '../../../packages/core/src/contracts.js';
import { pilotInput } from './fixture.js';

const catalogue: IndicatorDefinition[] = [
  ...DEFAULT_CATALOGUE,
  { id: 'deposits', unit: 'amount', measure: 'balance', label: { 'zh-CN': '存款余额', en: 'Deposit balance' } },
  { id: 'new_cards', unit: 'count', measure: 'flow', label: { 'zh-CN': '新发信用卡', en: 'New credit cards' } },
];
const supplied: SuppliedDaily[] = [
  { date: '2026-10-31', managerId: 'M1', indicator: 'deposits', value: 40_000_000 },
  { date: '2026-11-03', managerId: 'M1', indicator: 'deposits', value: 41_000_000 },
  // a holiday's row still counts: a balance stands on every day
  { date: '2026-11-20', managerId: 'M1', indicator: 'deposits', value: 42_000_000 },
  { date: '2026-11-02', managerId: 'M2', indicator: 'deposits', value: 10_000_000 },
  { date: '2026-11-24', managerId: 'M2', indicator: 'deposits', value: 12_000_000 },
  { date: '2026-10-30', managerId: 'M2', indicator: 'new_cards', value: 5 },
  { date: '2026-11-02', managerId: 'M1', indicator: 'new_cards', value: 3 },
  { date: '2026-11-02', managerId: 'M2', indicator: 'new_cards', value: 2 },
  { date: '2026-11-10', managerId: 'M1', indicator: 'new_cards', value: 1 },
];
const engine = createMetricsEngine(pilotInput({ catalogue, supplied }));

const trendOf = (period: 'month' | 'year', id: string): Map<string, number | null> => {
  const result = engine.indicators({ scope: { org: 'T1', period, date: '2026-11-24' } });
  const trend: TrendPoint[] = result.indicators.find((item) => item.id === id)?.trend ?? [];
  return new Map(trend.map((point) => [point.date, point.value]));
};

describe('supplied trends, team T1', () => {
  test("a balance, month to date: one point a day, each the team's balance at that day's end", () => {
    const trend = trendOf('month', 'deposits');
    assert.equal(trend.size, 24); // Nov 1 .. Nov 24
    // Nov 1: 张伟's 4,000万 carried from Oct 31; 王芳 has no row yet
    assert.equal(trend.get('2026-11-01'), 40_000_000);
    assert.equal(trend.get('2026-11-02'), 50_000_000); // + 王芳's 1,000万
    assert.equal(trend.get('2026-11-03'), 51_000_000); // 张伟 4,100万
    assert.equal(trend.get('2026-11-19'), 51_000_000); // no new rows: carried
    assert.equal(trend.get('2026-11-20'), 52_000_000); // 张伟 4,200万
    // the last point is the tile's value: 4,200万 + 1,200万
    assert.equal(trend.get('2026-11-24'), 54_000_000);
    const tile = engine.indicators({ scope: { org: 'T1', period: 'month', date: '2026-11-24' } });
    assert.equal(tile.indicators.find((item) => item.id === 'deposits')?.value, 54_000_000);
  });

  test("a flow, month to date: each day's figures, missing (not 0) where nobody has a row", () => {
    const trend = trendOf('month', 'new_cards');
    assert.equal(trend.size, 24);
    assert.equal(trend.get('2026-11-01'), null);
    assert.equal(trend.get('2026-11-02'), 5); // 3 + 2
    assert.equal(trend.get('2026-11-10'), 1);
    assert.equal(trend.get('2026-11-11'), null);
    // October's 5 is the previous period's, not this trend's
    assert.equal(
      [...trend.values()].reduce<number>((sum, value) => sum + (value ?? 0), 0),
      6,
    );
  });

  test('over a year, Monday-start weeks: a balance at each week’s last day, a flow summed over the week', () => {
    const deposits = trendOf('year', 'deposits');
    assert.equal(deposits.get('2026-11-16'), 52_000_000); // Nov 16-22: as it stood on Sunday the 22nd
    assert.equal(deposits.get('2026-11-23'), 54_000_000); // Nov 23 .. asOf
    assert.equal(deposits.get('2026-01-01'), null); // the first week (dated by the year's first day): no rows yet
    const cards = trendOf('year', 'new_cards');
    assert.equal(cards.get('2026-10-26'), 5); // Oct 26 - Nov 1: 王芳's Oct 30
    assert.equal(cards.get('2026-11-02'), 5); // Nov 2-8: 3 + 2; Nov 10 falls in the next week
    assert.equal(cards.get('2026-11-09'), 1);
  });
});
