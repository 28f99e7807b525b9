import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import { FixedRowsLayout } from '../../../packages/elements/src/shared/list-window-controller.js';

// FixedRowsLayout reaches into the virtualizer's flow layout (2.1 has no public setting for the row estimate or the
// overhang). If an upgrade renames or drops those fields, the board silently goes back to two passes per frame and
// twice the rows: this test fails instead.
const sink = () => undefined;

test('the flow layout still has the fields FixedRowsLayout sets (_itemSize, _overhang, _triggerReflow)', async () => {
  const plain = new FlowLayout(sink, {}) as unknown as Record<string, unknown>;
  await Promise.resolve();
  assert.deepEqual(plain['_itemSize'], { width: 100, height: 100 });
  assert.equal(plain['_overhang'], 1000);
  assert.equal(typeof plain['_triggerReflow'], 'function');
});

test('FixedRowsLayout takes its row height and overhang from the layout config', async () => {
  const layout = new FixedRowsLayout(sink, { rowHeight: 52, overhang: 0 } as never) as unknown as Record<
    string,
    unknown
  >;
  await Promise.resolve();
  assert.deepEqual(layout['_itemSize'], { width: 100, height: 52 });
  assert.equal(layout['_overhang'], 0);
  (layout as unknown as FixedRowsLayout).overhang = 500;
  assert.equal(layout['_overhang'], 500);
});
