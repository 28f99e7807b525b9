import { expect, waitUntil } from '@open-wc/testing';
import { WIDGETS, mountWidget, pilotAdapter, settled } from '../../harness/widgets.js';
import { liveCharts } from '../../harness/probes.js';
import type { ChartController } from '../../../packages/elements/src/shared/chart-controller.js';

describe('ChartController and its container', () => {
  it('follows a real change of size (deferred to a frame) and never redraws at an unchanged size', async () => {
    const frame = document.createElement('div');
    frame.style.width = '900px';
    document.body.append(frame);
    const mounted = mountWidget(
      WIDGETS.find((w) => w.tag === 'stride-funnel')!,
      pilotAdapter(),
      frame,
    );
    mounted.element.style.width = '100%';
    try {
      await settled(mounted.element, mounted.client);
      await waitUntil(() => mounted.element.shadowRoot!.querySelector('canvas'), 'the chart is drawn', {
        timeout: 10_000,
      });
      const [chart] = await liveCharts(mounted.element);
      const controller = (mounted.element as HTMLElement & { chart: ChartController }).chart;
      const widthBefore = chart!.getWidth();
      await new Promise((r) => setTimeout(r, 200));
      // The ResizeObserver's first report (right after observe) comes at the size ECharts just drew at.
      expect(controller.resizeCount, 'no redraw while the size stays the same').to.equal(0);
      frame.style.width = '400px';
      await waitUntil(() => controller.resizeCount === 1, 'one resize after the container shrank');
      await new Promise((r) => setTimeout(r, 200));
      expect(controller.resizeCount, 'exactly one').to.equal(1);
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
