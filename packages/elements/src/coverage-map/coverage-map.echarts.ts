/**
 * The only ECharts this widget loads (dynamically, so a page without a map never pays for it): the geo component, the
 * tooltip and the canvas renderer, nothing else.
 *
 * The grids are geo regions, not a map series. A map series runs each grid through the series data pipeline and finds
 * every region's data item by name with a linear scan (quadratic in grids); the geo component keeps its regions'
 * options in a hash map. ECharts alone drawing 5,000 simplified grids took 407 ms as a map series and 257 ms as geo
 * regions (median of 9 in Chromium, same colours, tooltip and aspect); at full detail 528 and 415 ms.
 */
import { init, registerMap, use } from 'echarts/core';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([GeoComponent, TooltipComponent, CanvasRenderer]);

export { init, registerMap };
