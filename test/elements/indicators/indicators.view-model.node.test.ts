// The pure parts of the sheet: colour bands against pace, sort order with missing values, CSV rows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorsResult } from '@stride/core';
import {
  buildSheet,
  cellBand,
  indicatorColumns,
  parseIndicatorList,
  sheetCsvRows,
  sortRows,
} from '../../../packages/elements/src/indicators/indicators.view-model.js';

const columns = indicatorColumns(
  [
    { id: 'contacted', unit: 'count', label: { 'zh-CN': '首次触达', en: 'Customers contacted' } },
    { id: 'claim_rate', unit: 'fraction', label: { 'zh-CN': '名单认领率', en: 'Claim rate' } },
  ],
  'zh-CN',
);

const result: IndicatorsResult = {
  asOf: '2026-11-24T10:00:00+08:00',
  scope: { org: 'br', period: 'month', date: '2026-11-24' },
  period: { start: '2026-11-01', end: '2026-11-30' },
  indicators: [
    { id: 'contacted', value: 60, target: 100 },
    { id: 'claim_rate', value: 0.8, target: 0.9 },
  ],
  rows: [
    { id: 'b', name: '乙', kind: 'manager', values: { contacted: 20, claim_rate: null } },
    { id: 'a', name: '甲', kind: 'manager', values: { contacted: 40, claim_rate: 0.85 } },
    { id: 'c', name: '丙', kind: 'manager', values: { contacted: null, claim_rate: 0.7 } },
  ],
};

describe('cellBand', () => {
  it('judges a count against pace and a rate against its target', () => {
    // pace 100 x 0.5 = 50: 25 -> 0.5 (0), 40 -> 0.8 (1), 50 -> 1 (2), 60 -> 1.2 (3)
    assert.equal(cellBand(25, 100, { unit: 'count' }, 0.5), 0);
    assert.equal(cellBand(40, 100, { unit: 'count' }, 0.5), 1);
    assert.equal(cellBand(50, 100, { unit: 'count' }, 0.5), 2);
    assert.equal(cellBand(60, 100, { unit: 'count' }, 0.5), 3);
    assert.equal(cellBand(0.9, 0.9, { unit: 'fraction' }, 0.1), 2);
    assert.equal(cellBand(null, 100, { unit: 'count' }, 0.5), null);
    assert.equal(cellBand(10, 0, { unit: 'count' }, 0.5), null);
    assert.equal(cellBand(10, 100, { unit: 'count' }, 0), null);
  });
});

describe('sortRows and sheetCsvRows', () => {
  const sheet = buildSheet(result, columns, 17 / 21);

  it('puts missing values last in both directions', () => {
    const names = (key: string, direction: 'asc' | 'desc') =>
      sortRows(sheet.rows, columns, { key, direction }, 'zh-CN').map((r) => r.id);
    assert.deepEqual(names('contacted', 'desc'), ['a', 'b', 'c']);
    assert.deepEqual(names('contacted', 'asc'), ['b', 'a', 'c']);
    assert.deepEqual(names('claim_rate', 'desc'), ['a', 'c', 'b']);
    assert.deepEqual(names('claim_rate', 'asc'), ['c', 'a', 'b']);
  });

  it('writes the rows in the given order with raw numbers, rates as 0-1, and the scope totals last', () => {
    const rows = sortRows(sheet.rows, columns, { key: 'contacted', direction: 'desc' }, 'zh-CN');
    assert.deepEqual(
      sheetCsvRows(sheet, rows, '名称', '合计', (column) => `${column.label}较试点前`),
      [
        ['名称', '首次触达', '名单认领率'],
        ['甲', 40, 0.85],
        ['乙', 20, null],
        ['丙', null, 0.7],
        ['合计', 60, 0.8],
      ],
    );
  });
});

describe('sheet cells against their baselines (DESIGN "Baseline")', () => {
  // 17 of November's 21 working days have elapsed by the 24th
  const share = 17 / 21;
  const withBaselines: IndicatorsResult = {
    ...result,
    indicators: [
      { id: 'contacted', value: 60, target: 100, baseline: 42 },
      { id: 'claim_rate', value: 0.8, target: 0.9, baseline: 0.45 },
    ],
    rows: [
      // a whole month's 21 before the pilot, pro-rated: 21 x 17/21 = 17, and 40 / 17 = x2.35
      {
        id: 'a',
        name: '甲',
        kind: 'manager',
        values: { contacted: 40, claim_rate: 0.85 },
        baselines: { contacted: 21, claim_rate: 0.7 },
      },
      // 20 / (21 x 17/21) = x1.18; a rate 0.6 against 0.753 is -15.3 points
      {
        id: 'b',
        name: '乙',
        kind: 'manager',
        values: { contacted: 20, claim_rate: 0.6 },
        baselines: { contacted: 21, claim_rate: 0.753 },
      },
      // no baseline given, and a baseline of 0 (nothing to multiply): nothing is said
      { id: 'c', name: '丙', kind: 'manager', values: { contacted: 5, claim_rate: 0.7 }, baselines: { contacted: 0 } },
    ],
  };
  const sheet = buildSheet(withBaselines, columns, share);

  it('pro-rates a count like pace and gives a rate in points', () => {
    const a = sheet.rows[0]!.cells;
    assert.equal(a[0]!.versusBaseline?.kind, 'times');
    assert.ok(Math.abs(a[0]!.versusBaseline!.by - 40 / 17) < 1e-9);
    assert.equal(a[0]!.baselineTone, 'good');
    assert.equal(a[1]!.versusBaseline?.kind, 'points');
    assert.ok(Math.abs(a[1]!.versusBaseline!.by - 0.15) < 1e-9);
    const b = sheet.rows[1]!.cells;
    assert.ok(Math.abs(b[1]!.versusBaseline!.by - -0.153) < 1e-9);
    assert.equal(b[1]!.baselineTone, 'bad');
    assert.deepEqual(
      sheet.rows[2]!.cells.map((cell) => cell.versusBaseline),
      [null, null],
    );
    // the totals compare the scope's own value with its own baseline: 60 / (42 x 17/21) = x1.76
    assert.ok(Math.abs(sheet.totals[0]!.versusBaseline!.by - 60 / 34) < 1e-9);
    assert.deepEqual(sheet.baselineColumns, [true, true]);
  });

  it('compares a balance with its baseline level whole, not pro-rated', () => {
    const balance = indicatorColumns(
      [{ id: 'deposits', unit: 'amount', measure: 'balance', label: { 'zh-CN': '存款余额', en: 'Deposits' } }],
      'en',
    );
    const deposits = buildSheet(
      {
        ...result,
        indicators: [{ id: 'deposits', value: 95_000_000, baseline: 76_000_000 }],
        rows: [
          {
            id: 'a',
            name: 'A',
            kind: 'manager',
            values: { deposits: 45_000_000 },
            baselines: { deposits: 40_000_000 },
          },
        ],
      },
      balance,
      share,
    );
    // 4,500万 against 4,000万 before the pilot: x1.125 whatever share of the month has passed
    assert.ok(Math.abs(deposits.rows[0]!.cells[0]!.versusBaseline!.by - 1.125) < 1e-9);
    assert.ok(Math.abs(deposits.totals[0]!.versusBaseline!.by - 1.25) < 1e-9);
  });

  it('exports each compared column followed by its comparison, rounded as on screen', () => {
    const csv = sheetCsvRows(sheet, sheet.rows, 'Name', 'Total', (column) => `${column.label} vs pre-pilot`);
    assert.deepEqual(csv, [
      ['Name', '首次触达', '首次触达 vs pre-pilot', '名单认领率', '名单认领率 vs pre-pilot'],
      ['甲', 40, 2.4, 0.85, 15],
      ['乙', 20, 1.2, 0.6, -15.3],
      ['丙', 5, null, 0.7, null],
      ['Total', 60, 1.8, 0.8, 35],
    ]);
  });

  it('adds no column where nothing has a baseline', () => {
    const plain = buildSheet(result, columns, share);
    assert.deepEqual(plain.baselineColumns, [false, false]);
    assert.equal(sheetCsvRows(plain, plain.rows, 'Name', 'Total', () => 'x')[0]!.length, 3);
  });
});

describe('parseIndicatorList', () => {
  it('reads a comma list with spaces and blanks', () => {
    assert.deepEqual(parseIndicatorList(' contacted, visits,,intent '), ['contacted', 'visits', 'intent']);
    assert.deepEqual(parseIndicatorList(undefined), []);
  });
});

describe('buildSheet with a supplied balance', () => {
  it("bands each row against its own pace from the row's opening balance", () => {
    const balance = indicatorColumns(
      [{ id: 'deposits', unit: 'amount', measure: 'balance', label: { 'zh-CN': '存款余额', en: 'Deposits' } }],
      'en',
    );
    const sheet = buildSheet(
      {
        ...result,
        indicators: [{ id: 'deposits', value: 95_000_000, target: 100_000_000, opening: 80_000_000 }],
        rows: [
          // pace 4,000万 + 1,000万 x 17/21 = 4,809.5万: 4,500万 is 6.4% under (on pace, band 2)
          {
            id: 'M1',
            name: 'A',
            kind: 'manager',
            values: { deposits: 45_000_000 },
            targets: { deposits: 50_000_000 },
            openings: { deposits: 40_000_000 },
          },
          // pace 1,000万 + 4,000万 x 17/21 = 4,238.1万: the same 4,500万 is 6.2% over (band 2) ...
          {
            id: 'M2',
            name: 'B',
            kind: 'manager',
            values: { deposits: 45_000_000 },
            targets: { deposits: 50_000_000 },
            openings: { deposits: 10_000_000 },
          },
          // ... and 2,000万 is 52.8% under it: well behind (band 0)
          {
            id: 'M3',
            name: 'C',
            kind: 'manager',
            values: { deposits: 20_000_000 },
            targets: { deposits: 50_000_000 },
            openings: { deposits: 10_000_000 },
          },
          // no opening: no pace, no band
          { id: 'M4', name: 'D', kind: 'manager', values: { deposits: 20_000_000 }, targets: { deposits: 50_000_000 } },
        ],
      },
      balance,
      17 / 21,
    );
    assert.deepEqual(
      sheet.rows.map((row) => row.cells[0]!.band),
      [2, 2, 0, null],
    );
    assert.equal(sheet.totals[0]!.band, 2);
  });
});
