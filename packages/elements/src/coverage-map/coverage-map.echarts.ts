/**
 * The only ECharts this widget loads (dynamically, so a page without a map never pays for it): the geo component, the
 * tooltip and the canvas renderer, nothing else.
 *
 * The grids are geo regions, not a map series. A map series runs each grid through the series data pipeline and finds
 * every region's data item by name with a linear scan (quadratic in grids); the geo component keeps its regions'
 * options in a hash map, so thousands of grids draw markedly faster as geo regions.
 */
import { init, registerMap, use } from 'echarts/core';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([GeoComponent, TooltipComponent, CanvasRenderer]);

export { init, registerMap };
