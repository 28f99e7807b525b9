/**
 * The coverage view drawn on the map: the geometry registered at the viewport's level of detail, the grid names placed
 * clear of each other, and the option set only when what is drawn changed. The element decides when to draw.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { StrideLocale } from '@stride/core';
import { memoLast } from '../shared/memo.js';
import { readThemeTokens, type ChartController } from '../shared/chart-controller.js';
import type { MapViewportController } from '../shared/map-viewport-controller.js';
import { HUDDLE_LABEL_SIZE, LABEL_SIZE, buildMapOption, paletteFrom } from './coverage-map.option.js';
import { labelAnchors, labelZoom, mapPadding, placeLabels, type MapPadding } from './coverage-map.labels.js';
import type { GeometryInfo } from './coverage-map.geometry.js';
import { ensureGridMap, type MapRuntime } from './coverage-map.registry.js';
import type { CoverageView } from './coverage-map.view-model.js';

export class MapDrawing {
  /** The map name last drawn: geometry is registered once per content hash and level of detail. */
  mapName = '';
  private readonly host: Element;
  private readonly chart: ChartController;
  private readonly viewport: MapViewportController;

  constructor(host: Element, parts: { chart: ChartController; viewport: MapViewportController }) {
    this.host = host;
    this.chart = parts.chart;
    this.viewport = parts.viewport;
  }

  /**
   * The grids whose names show, placed clear of each other for the size and zoom in `labels` (the viewport's key,
   * which changes with them), bigger on a wall screen.
   */
  private readonly labelledOf = memoLast(
    (view: CoverageView, geometry: GeometryInfo, labels: string, labelSize: number): ReadonlySet<string> => {
      const size = this.viewport.size();
      if (!labels || !size) return new Set<string>();
      const zoom = labelZoom(this.viewport.zoom);
      return placeLabels({
        anchors: labelAnchors(geometry.grids),
        names: new Map(view.grids.map((grid) => [grid.gridId, grid.name])),
        first: new Set(view.grids.filter((grid) => grid.mine).map((grid) => grid.gridId)),
        bounds: geometry.bounds,
        aspectScale: geometry.aspectScale,
        width: size.width,
        height: size.height,
        zoom,
        fitted: zoom === 1,
        ...(zoom > 1 && this.viewport.center ? { center: this.viewport.center } : {}),
        fontSize: labelSize,
      });
    },
  );
  /** The palette, rebuilt only when the theme's token values change. */
  private readonly paletteOf = memoLast((_tokenValues: string) => paletteFrom(readThemeTokens(this.host)));
  /**
   * The option, rebuilt only when what is drawn changes. The viewer's roam is read when it is rebuilt but is not one of
   * its inputs: panning alone must not rebuild thousands of regions (a reset does, through `resets`).
   */
  private readonly optionOf = memoLast(
    (
      view: CoverageView,
      mapName: string,
      geometry: GeometryInfo,
      tokenValues: string,
      locale: StrideLocale,
      labelled: ReadonlySet<string>,
      labelSize: number,
      padding: MapPadding,
      _resets: number,
    ): EChartsCoreOption => {
      const input = {
        view,
        mapName,
        palette: this.paletteOf(tokenValues),
        locale,
        aspectScale: geometry.aspectScale,
        labelled,
        labelSize,
        padding,
      };
      const { zoom, center } = this.viewport;
      return buildMapOption(center ? { ...input, zoom, center } : input);
    },
  );

  /** Draws `view` on `geometry` at the viewport's levels; nothing until the viewport has them. */
  draw(view: CoverageView, geometry: GeometryInfo, runtime: MapRuntime, locale: StrideLocale, huddle: boolean): void {
    const levels = this.viewport.levels();
    if (!levels) return;
    const name = ensureGridMap(runtime.registerMap, geometry.grids, geometry, levels.detail);
    const tokenValues = Object.values(readThemeTokens(this.host)).join('|');
    this.mapName = name;
    this.viewport.drawnAt(levels);
    const labelSize = huddle ? HUDDLE_LABEL_SIZE : LABEL_SIZE;
    const labelled = this.labelledOf(view, geometry, levels.labels, labelSize);
    const padding = mapPadding(this.viewport.size()?.width ?? 0);
    this.chart.setOption(
      this.optionOf(view, name, geometry, tokenValues, locale, labelled, labelSize, padding, this.viewport.resets),
    );
  }
}
