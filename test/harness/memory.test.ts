/**
 * Memory harness, every widget alone (shared parts in ./memory.ts): each registry widget but the dashboard through
 * 60 mount/render/unmount cycles that must leave nothing alive, and no widget making an adapter request after it is
 * unmounted. The dashboard, which composes them all, is memory-dashboard.test.ts.
 */
import { expect } from '@open-wc/testing';
import { createStrideQueryClient } from '@stride/core';
import { WIDGETS, mountWidget, pilotAdapter, widgetName } from './widgets.js';
import {
  GC_TIME_MS,
  countingAdapter,
  cyclesLeaveNothing,
  logTestTimes,
  rememberingAdapter,
  rendered,
} from './memory.js';

describe('memory harness: every widget alone', function () {
  this.timeout(120_000);
  logTestTimes();

  for (const widget of WIDGETS) if (widget.tag !== 'stride-dashboard') cyclesLeaveNothing(widget);

  it('no adapter request after unmount over three refresh intervals (every widget, refresh=1)', async () => {
    const watched = WIDGETS.map((widget) => {
      const counting = countingAdapter(rememberingAdapter(pilotAdapter()));
      const client = createStrideQueryClient({ gcTime: GC_TIME_MS });
      const mounted = mountWidget(
        { ...widget, attributes: { ...widget.attributes, refresh: '1' } },
        counting.adapter,
        document.body,
        client,
      );
      return { widget, counting, client, mounted };
    });
    try {
      for (const w of watched) await rendered(w.mounted.element, w.client);
      // Let each poll at least once while mounted, so the test proves polling was on before unmount.
      await new Promise((r) => setTimeout(r, 1_300));
      const before = watched.map((w) => w.counting.calls());
      for (const w of watched) w.mounted.element.remove();
      await new Promise((r) => setTimeout(r, 50));
      const atUnmount = watched.map((w) => w.counting.calls());
      await new Promise((r) => setTimeout(r, 3_200));
      watched.forEach((w, i) => {
        expect(before[i]!, `${widgetName(w.widget)} polled while mounted`).to.be.greaterThan(w.widget.methods.length);
        expect(w.counting.calls() - atUnmount[i]!, `${widgetName(w.widget)} requests after unmount`).to.equal(0);
      });
    } finally {
      for (const w of watched) w.mounted.remove();
    }
  });
});
