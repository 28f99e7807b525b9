/**
 * The only ECharts this widget loads (dynamically, so a page without a map never pays for it): the map chart, the
 * tooltip and the canvas renderer, nothing else.
 */
import { init, registerMap, use } from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([MapChart, TooltipComponent, CanvasRenderer]);

export { init, registerMap };
