import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatAmount,
  formatCount,
  formatHours,
  formatMoney,
  formatPercent,
  formatSignedPercent,
  formatVersusBaseline,
} from '../../packages/core/src/format/index.js';

test('-0 reads 0 in every number format, as 0 does', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    const same = (format: (value: number) => string): void => assert.equal(format(-0), format(0), locale);
    same((value) => formatCount(value, locale));
    same((value) => formatCount(value, locale, { compact: true }));
    same((value) => formatPercent(value, locale));
    same((value) => formatSignedPercent(value, locale));
    same((value) => formatMoney(value, locale));
    same((value) => formatAmount(value, locale));
    same((value) => formatHours(value, locale));
    same((value) => formatVersusBaseline({ kind: 'times', by: value }, locale));
    same((value) => formatVersusBaseline({ kind: 'points', by: value }, locale));
    assert.doesNotMatch(formatCount(-0, locale), /-/);
  }
});

test('number formats keep their options apart (each formatter is built once and reused)', () => {
  assert.equal(formatCount(12_345, 'en'), '12,345');
  assert.equal(formatCount(12_345, 'en', { compact: true }), '12.3K');
  assert.equal(formatCount(12_345, 'zh-CN', { compact: true }), '1.2万');
  assert.equal(formatPercent(0.8734, 'en'), '87.3%');
  assert.equal(formatSignedPercent(0.125, 'en'), '+12.5%');
  assert.equal(formatMoney(1234.5, 'en'), '¥1,234.50');
  assert.equal(formatHours(5, 'en'), '5 hr');
  assert.equal(formatVersusBaseline({ kind: 'points', by: 0.153 }, 'zh-CN'), '+15.3个百分点');
  assert.equal(formatCount(12_345, 'en'), '12,345');
});
