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
import type { ChartController } from '../shared/chart-controller.js';

/** What this reads of a zrender element: a compound path's sub-paths, and marking a path as built. */
interface PathState {
  shape?: { paths?: readonly PathState[] };
  pathUpdated(): void;
}

/**
 * Settles the culled regions on the first frame painted after each draw or resize of the chart: those are the frames
 * that build regions (ECharts paints synchronously inside `setOption`). At the fitted view every region is painted and
 * already clean: the walk then costs 0.5-7 ms at 3,231 regions (cold code, a loaded machine), about 1% of the draw,
 * which skipping it there would save at the price of bytes this bundle does not have (DESIGN's 60 KB). Later frames
 * add no unsettled region: one that comes into view is painted from the path it built, which marks its sub-paths
 * clean.
 */
export function settleCulledRegionsAfterDraws(chart: ChartController): void {
  let settled = -1;
  chart.on('rendered', () => {
    // Both counts only grow: their sum changes with either.
    const drawn = chart.drawCount + chart.resizeCount;
    if (!chart.chart || drawn === settled) return;
    settled = drawn;
    // The list the frame just painted (not rebuilt). A region's rings never change once ECharts has built it, and a
    // compound path whose own path is missing or marked changed builds it from its sub-paths whatever their marks.
    for (const element of chart.chart.getZr().storage.getDisplayList() as unknown as readonly PathState[])
      for (const path of element.shape?.paths ?? []) path.pathUpdated();
  });
}
