/**
 * Keeps off-screen grids cheap to skip while the viewer pans a zoomed-in map.
 *
 * ECharts draws each grid as a zrender compound path (one sub-path per ring) with culling on: a region whose bounds
 * lie outside the canvas is not painted. zrender marks a compound path's sub-paths clean only after it has painted them
 * (`afterBrush`). A region that is off screen the first time it is drawn, as most are when the map is drawn again
 * while zoomed in (finer geometry for the zoom, names for a new tile), is culled instead, so its sub-paths keep
 * reading as changed. On every later frame zrender then rebuilds that region's whole path, every vertex, only to
 * measure its bounds and cull it again: at 5,000 grids zoomed in, most of each panning frame (`--profile`), where raw
 * ECharts, drawn once at the fitted zoom, paints every region once and culls the rest on cached bounds.
 *
 * Right after a frame is painted, a culled region's path has just been built from its sub-paths as they are (to
 * measure it), so marking those sub-paths clean changes nothing drawn: the region is painted from that path when it
 * comes into view, and culled on its cached bounds until then.
 */
import type { EChartsType } from 'echarts/core';
import type { ChartController } from '../shared/chart-controller.js';

/** What this reads of a zrender path: whether its shape changed since its path was built, and the sub-paths. */
interface PathState {
  shapeChanged?: () => boolean;
  pathUpdated?: () => void;
  shape?: { paths?: readonly PathState[] };
}

/**
 * Settles the culled regions on the first frame painted after each draw or resize of the chart while `zoomedIn()`:
 * those are the frames that build regions off the canvas (ECharts paints synchronously inside `setOption`; at the
 * fitted view every region is on the canvas and painted). Later frames add no unsettled region: one that comes into
 * view is painted from the path it built, which marks its sub-paths clean.
 */
export function settleCulledRegionsAfterDraws(chart: ChartController, zoomedIn: () => boolean): void {
  let settled = '';
  chart.on('rendered', () => {
    const instance = chart.chart;
    const drawn = `${chart.drawCount}:${chart.resizeCount}`;
    if (!instance || drawn === settled || !zoomedIn()) return;
    settled = drawn;
    settleCulledRegions(instance);
  });
}

/** Marks clean the sub-paths of every compound path whose own path is built (see above). */
export function settleCulledRegions(chart: EChartsType): void {
  // The list the frame just painted; `false`: do not rebuild it.
  for (const element of chart.getZr().storage.getDisplayList(false) as readonly PathState[]) {
    const paths = element.shape?.paths;
    if (!paths || element.shapeChanged?.() !== false) continue;
    for (const path of paths) if (path.shapeChanged?.()) path.pathUpdated?.();
  }
}
