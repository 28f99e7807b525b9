/**
 * What the funnel draws, and nothing more: loaded through a dynamic import by the chart controller so ECharts lands in
 * its own chunk, fetched only by pages that show a funnel (or a map).
 */
import * as echarts from 'echarts/core';
import { FunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([FunnelChart, TooltipComponent, CanvasRenderer]);

export type FunnelECharts = typeof echarts;

export function loadFunnelECharts(): FunnelECharts {
  return echarts;
}
