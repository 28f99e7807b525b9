/**
 * Supplied indicators (DESIGN "Supplied indicators"): a balance paces from its opening, amounts read in 万/亿, the
 * catalogue and the results that carry them are checked at the boundary. November 2026 has 21 Monday-Friday working
 * days and 17 have elapsed by Tuesday the 24th.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { paceFor, paceStatus, periodProgress } from '../../packages/core/src/alerts/pace.js';
import { deriveAlerts } from '../../packages/core/src/alerts/derive.js';
import { formatAmount, formatValue } from '../../packages/core/src/format/index.js';
import { validateResult } from '../../packages/core/src/validation/index.js';
import { checkCatalogue } from '../../packages/core/src/validation/catalogue.js';
import type { IndicatorDefinition, IndicatorsResult } from '../../packages/core/src/contracts.js';

const asOf = '2026-11-24T10:00:00+08:00';
const period = { start: '2026-11-01', end: '2026-11-30' };
const share = periodProgress(period, asOf, undefined, 'Asia/Shanghai').share;
const deposits: IndicatorDefinition = {
  id: 'deposits',
  unit: 'amount',
  measure: 'balance',
  label: { 'zh-CN': '存款余额', en: 'Deposit balance' },
};

describe('the pace of a balance', () => {
  it('runs from the opening balance to the target over the working days', () => {
    assert.equal(share, 17 / 21);
    // opening 8,000万, target 1亿: 8,000万 + 2,000万 x 17/21 = 96,190,476.19
    const pace = paceFor(deposits, 100_000_000, share, 80_000_000)!;
    assert.equal(Math.round(pace * 100) / 100, 96_190_476.19);
    // 9,500万 is 1.2% under pace (on pace); 8,600万 is 10.6% under (behind); the opening itself is far behind
    assert.equal(paceStatus(95_000_000, pace, 'amount'), 'on-pace');
    assert.equal(paceStatus(86_000_000, pace, 'amount'), 'behind');
    assert.equal(paceStatus(80_000_000, pace, 'amount'), 'behind');
  });

  it('is the opening on the first day before any working day and the target at the end', () => {
    assert.equal(paceFor(deposits, 100_000_000, 0, 80_000_000), 80_000_000);
    assert.equal(paceFor(deposits, 100_000_000, 1, 80_000_000), 100_000_000);
  });

  it('a flow amount paces from zero like a count; a balance without an opening has no pace', () => {
    assert.equal(paceFor({ unit: 'amount', measure: 'flow' }, 21_000_000, share), 17_000_000);
    assert.equal(paceFor(deposits, 100_000_000, share, null), null);
    assert.equal(paceFor(deposits, 100_000_000, share), null);
  });

  it('raises a pace alert for a row behind its balance pace, with the expected balance', () => {
    const result: IndicatorsResult = {
      asOf,
      scope: { org: 'S1', period: 'month', date: '2026-11-24' },
      period,
      indicators: [],
      rows: [
        {
          id: 'M1',
          name: '张伟',
          kind: 'manager',
          // pace 4,000万 + 1,000万 x 17/21 = 48,095,238.10; 4,100万 is 14.8% under
          values: { deposits: 41_000_000 },
          targets: { deposits: 50_000_000 },
          openings: { deposits: 40_000_000 },
        },
        {
          id: 'M2',
          name: '李娜',
          kind: 'manager',
          // same target and value but no opening: nothing to pace against, so no alert
          values: { deposits: 41_000_000 },
          targets: { deposits: 50_000_000 },
        },
      ],
    };
    const alerts = deriveAlerts(result, { catalogue: [deposits] }).alerts.filter((a) => a.rule === 'pace');
    assert.deepEqual(
      alerts.map((a) => [a.id, a.expected]),
      [['M1:pace:deposits', 48_095_238.1]],
    );
  });
});

describe('amounts on screen', () => {
  it('reads 万 and 亿 in zh-CN and a compact yuan amount in en', () => {
    assert.equal(formatAmount(123_456_789, 'zh-CN'), '1.23亿');
    assert.equal(formatAmount(45_600_000, 'zh-CN'), '4,560万');
    assert.equal(formatAmount(123_456_789, 'en'), '¥123M');
    assert.equal(formatAmount(45_600_000, 'en'), '¥45.6M');
    assert.equal(formatAmount(9_876.4, 'zh-CN'), '9,876');
    assert.equal(formatAmount(null, 'en'), '--');
    assert.equal(formatValue(1_500_000_000, 'amount', 'zh-CN'), '15亿');
  });
});

describe('validation of supplied fields', () => {
  const base = { asOf, scope: { org: 'S1', period: 'month', date: '2026-11-24' }, period };

  it('keeps an opening, turns a non-finite one into missing and drops a text one', () => {
    const { data, dropped } = validateResult('indicators', {
      ...base,
      indicators: [
        { id: 'deposits', value: 95_000_000, opening: 80_000_000 },
        { id: 'aum', value: 10, opening: Number.NaN },
        { id: 'loans', value: 10, opening: '8000万' },
      ],
      rows: [{ id: 'M1', name: '张伟', kind: 'manager', values: { deposits: 1 }, openings: { deposits: '1' } }],
    });
    assert.deepEqual(
      data.indicators.map((i) => [i.id, i.opening]),
      [
        ['deposits', 80_000_000],
        ['aum', null],
      ],
    );
    assert.equal(data.rows?.length, 0);
    assert.match(dropped!.message, /indicators\[1\]\.opening: NaN treated as missing/);
    assert.match(dropped!.message, /indicators\[2\]\.opening: expected number or null, got "8000万"/);
    assert.match(dropped!.message, /rows\[0\]\.openings\.deposits: expected number or null, got "1"/);
  });

  it('checks a configured catalogue and says why a definition was left out', () => {
    const label = { 'zh-CN': '存款余额', en: 'Deposit balance' };
    const { catalogue, dropped } = checkCatalogue([
      deposits,
      { id: 'aum', unit: 'money', label },
      { id: 'loans', unit: 'amount', measure: 'stock', label },
      { id: 'share', unit: 'fraction', measure: 'balance', label },
      { id: 'deposits', unit: 'amount', label },
      { id: 'cards', unit: 'count', measure: 'flow', label: { en: 'Cards' } },
    ]);
    assert.deepEqual(
      catalogue.map((d) => d.id),
      ['deposits'],
    );
    assert.deepEqual(dropped, [
      'catalogue[1].unit: expected "count" | "fraction" | "amount", got "money"',
      'catalogue[2].measure: expected "flow" | "balance", got "stock"',
      'catalogue[3].measure: a fraction has no measure (flows and balances are counts or amounts)',
      'catalogue[4].id: "deposits" is defined twice',
      'catalogue[5].label.zh-CN: expected string, got nothing',
    ]);
  });
});
