import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdTable } from '../../../packages/core/src/engine/id-table.js';

test('ids are numbered in order of first appearance, and a repeat (a different string object) finds its number', () => {
  const table = new IdTable(4);
  assert.equal(table.intern('lead7'), 0);
  assert.equal(table.intern('lead8'), 1);
  assert.equal(table.intern(['lead', '7'].join('')), 0);
  assert.equal(table.intern(''), 2);
  assert.equal(table.intern('领导7'), 3);
  assert.equal(table.size, 4);
  assert.deepEqual(table.ids, ['lead7', 'lead8', '', '领导7']);
});

test('numbers survive the table growing well past its expected size', () => {
  const table = new IdTable(1);
  for (let i = 0; i < 50_000; i++) assert.equal(table.intern(`c-${i}`), i);
  for (let i = 49_999; i >= 0; i -= 7) assert.equal(table.intern(`c-${i}`), i);
  assert.equal(table.size, 50_000);
});

test('an id looked up where it stands in a text finds the same number as the string, and is kept as its own copy', () => {
  const table = new IdTable(4);
  const text = 'x,lead7,lead-with-a-long-id-0001,lead7';
  const long = 'lead-with-a-long-id-0001';
  assert.equal(table.internRange(text, 2, 7), 0);
  assert.equal(table.intern('lead7'), 0);
  assert.equal(table.internRange(text, 8, 8 + long.length), 1);
  assert.equal(table.intern(long), 1);
  assert.equal(table.findRange(text, text.length - 5, text.length), 0);
  assert.equal(table.findRange(text, 0, 1), -1, 'an id not in the table is not added by a look-up');
  assert.equal(table.findRange(text, 2, 6), -1, 'a prefix of an id is another id');
  assert.deepEqual(table.ids, ['lead7', 'lead-with-a-long-id-0001']);
});
