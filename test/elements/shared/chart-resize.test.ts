import { expect, waitUntil } from '@open-wc/testing';
import { WIDGETS, mountWidget, pilotAdapter, settled } from '../../harness/widgets.js';
import { liveCharts } from '../../harness/probes.js';

describe('ChartController and its container', () => {
  it('follows a real change of size (deferred to a frame) and never redraws at an unchanged size', async () => {
    const frame = document.createElement('div');
    frame.style.width = '900px';
    document.body.append(frame);
    const mounted = mountWidget(WIDGETS.find((w) => w.tag === 'stride-funnel')!, pilotAdapter(), frame);
    mounted.element.style.width = '100%';
    try {
      await settled(mounted.element, mounted.client);
      await waitUntil(() => mounted.element.shadowRoot!.querySelector('canvas'), 'the chart is drawn', { timeout: 10_000 });
      const [chart] = await liveCharts(mounted.element);
      let resizes = 0;
      const resize = chart!.resize.bind(chart);
      chart!.resize = (opts) => {
        resizes += 1;
        resize(opts);
      };
      const widthBefore = chart!.getWidth();
      await new Promise((r) => setTimeout(r, 200));
      expect(resizes, 'no resize while the size stays the same').to.equal(0);
      frame.style.width = '400px';
      await waitUntil(() => resizes === 1, 'one resize after the container shrank');
      await new Promise((r) => setTimeout(r, 200));
      expect(resizes, 'exactly one').to.equal(1);
      // The funnel's layout changes with its width (narrow: the chart takes the full row), so the chart's new width is
      // its container's, whichever way it went.
      const container = mounted.element.shadowRoot!.querySelector<HTMLElement>('.chart[part~="chart"]')!;
      expect(chart!.getWidth()).to.not.equal(widthBefore);
      expect(chart!.getWidth()).to.equal(container.clientWidth);
    } finally {
      mounted.remove();
      frame.remove();
    }
  });
});
