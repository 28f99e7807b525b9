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

test("ids of the first id's shape are numbered by their digits, every other id by its characters, one numbering", () => {
  const table = new IdTable(4);
  const text = 'l-000001,l-000002,l-0000001,L-000001,l-00000x,l-000000,lead-1,l-000002';
  const field = (n: number): [number, number] => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === ',') starts.push(i + 1);
    const end = n + 1 < starts.length ? starts[n + 1]! - 1 : text.length;
    return [starts[n]!, end];
  };
  const numbers = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => table.internRange(text, ...field(n)));
  // A different length, a different letter or a letter where a digit stands makes another id, never the same number.
  assert.deepEqual(numbers, [0, 1, 2, 3, 4, 5, 6, 1]);
  assert.deepEqual(table.ids, ['l-000001', 'l-000002', 'l-0000001', 'L-000001', 'l-00000x', 'l-000000', 'lead-1']);
  for (const [i, id] of table.ids.entries()) assert.equal(table.intern(id), i, id);
  assert.equal(table.intern('l-000003'), 7);
  assert.equal(table.findRange('l-000004', 0, 8), -1, 'an id of the shape not in the table is not added by a look-up');
});

test('ids of the shape keep their numbers as the table grows, among ids of other shapes', () => {
  const table = new IdTable(1);
  const id = (i: number) =>
    i % 5 === 0
      ? `c-${i}`
      : `c-${String(i % 10_000).padStart(4, '0')}-${String(Math.floor(i / 10_000)).padStart(4, '0')}`;
  for (let i = 0; i < 60_000; i++) assert.equal(table.intern(id(i)), i);
  for (let i = 59_999; i >= 0; i -= 7) assert.equal(table.intern(id(i)), i);
  assert.equal(table.size, 60_000);
});

test('a first id with no digit, or more than 9, leaves every id to the hash', () => {
  for (const first of ['lead', '1234567890']) {
    const table = new IdTable(4);
    assert.equal(table.intern(first), 0);
    assert.equal(table.intern('l-000001'), 1);
    assert.equal(table.intern('1234567891'), 2);
    assert.equal(table.intern(['l-', '000001'].join('')), 1);
    assert.equal(table.intern(first.slice(0, 2) + first.slice(2)), 0);
  }
});

test('ids numbered in order, then one far beyond them, then others: every id keeps its number', () => {
  const table = new IdTable(4);
  const id = (n: number) => `k-${String(n).padStart(6, '0')}`;
  const order = [...Array.from({ length: 50_000 }, (_, n) => n), 999_999, 123_457, 700_001, 50_000];
  for (const [i, n] of order.entries()) assert.equal(table.intern(id(n)), i, id(n));
  for (let i = order.length - 1; i >= 0; i -= 3) assert.equal(table.intern(id(order[i]!)), i, id(order[i]!));
  assert.equal(table.findRange(id(600_000), 0, 8), -1);
  assert.equal(table.findRange(id(50_001), 0, 8), -1);
  assert.equal(table.size, order.length);
});
