import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERIOD_KINDS, FUNNEL_STAGES } from '../../packages/core/src/contracts.js';

test('periods and funnel stages are the contract lists', () => {
  assert.deepEqual(PERIOD_KINDS, ['day', 'week', 'month', 'quarter', 'year', 'pilot']);
  assert.equal(FUNNEL_STAGES.length, 7);
});
