import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rovingTarget } from '../../../packages/elements/src/shared/roving-focus-controller.js';

test('a list stops at its ends; Home and End go there', () => {
  const list = { axis: 'vertical' } as const;
  assert.equal(rovingTarget('ArrowDown', 3, 5, list), 4);
  assert.equal(rovingTarget('ArrowDown', 4, 5, list), 4);
  assert.equal(rovingTarget('ArrowUp', 0, 5, list), 0);
  assert.equal(rovingTarget('Home', 3, 5, list), 0);
  assert.equal(rovingTarget('End', 0, 5, list), 4);
});

test("only the axis's arrows move; other keys leave the event alone", () => {
  assert.equal(rovingTarget('ArrowRight', 1, 5, { axis: 'vertical' }), undefined);
  assert.equal(rovingTarget('ArrowDown', 1, 5, { axis: 'horizontal' }), undefined);
  assert.equal(rovingTarget('ArrowRight', 1, 5, { axis: 'horizontal' }), 2);
  assert.equal(rovingTarget('Enter', 1, 5, { axis: 'both' }), undefined);
  assert.equal(rovingTarget('PageDown', 1, 5, { axis: 'vertical' }), undefined);
});

test('PageUp and PageDown move a window, clamped to the list', () => {
  const move = { axis: 'vertical', pageStep: 10 } as const;
  assert.equal(rovingTarget('PageDown', 5, 100, move), 15);
  assert.equal(rovingTarget('PageDown', 95, 100, move), 99);
  assert.equal(rovingTarget('PageUp', 5, 100, move), 0);
});

test('a ring goes round, and with no stop yet starts at the end the key points to', () => {
  const ring = { axis: 'both', wrap: true } as const;
  assert.equal(rovingTarget('ArrowRight', 4, 5, ring), 0);
  assert.equal(rovingTarget('ArrowUp', 0, 5, ring), 4);
  assert.equal(rovingTarget('ArrowDown', -1, 5, ring), 0);
  assert.equal(rovingTarget('ArrowLeft', -1, 5, ring), 4);
});

test('nothing to move among no items', () => {
  assert.equal(rovingTarget('ArrowDown', 0, 0, { axis: 'vertical' }), undefined);
  assert.equal(rovingTarget('End', 0, 0, { axis: 'vertical' }), undefined);
});
