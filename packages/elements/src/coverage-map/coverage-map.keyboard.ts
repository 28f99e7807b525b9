/**
 * The map from the keyboard: the arrow keys walk the grids (round the ring) with the chart's highlight and tooltip on
 * the grid reached, Enter or Space opens it, + − 0 zoom and reset. The map is one canvas, so the grid "focused" is
 * state here, not a DOM element's focus.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChartController } from '../shared/chart-controller.js';
import type { MapViewportController } from '../shared/map-viewport-controller.js';
import { RovingFocusController } from '../shared/roving-focus-controller.js';
import { GEO_ID } from './coverage-map.option.js';
import type { CoverageView } from './coverage-map.view-model.js';

/** How far one zoom step (a key press or the zoom buttons) zooms. */
export const ZOOM_STEP = 1.5;
/** The roving-focus group of the map's grids. */
const GRIDS = 'grids';

export class MapKeyboardController implements ReactiveController {
  /** The grid the keyboard is on, or undefined before the first arrow key. */
  focusedGrid: string | undefined;
  private readonly host: ReactiveControllerHost;
  private readonly roving: RovingFocusController;
  private readonly chart: ChartController;
  private readonly viewport: MapViewportController;
  private readonly onSelect: (gridId: string) => void;

  constructor(
    host: ReactiveControllerHost,
    parts: { chart: ChartController; viewport: MapViewportController; onSelect: (gridId: string) => void },
  ) {
    this.host = host;
    this.chart = parts.chart;
    this.viewport = parts.viewport;
    this.onSelect = parts.onSelect;
    this.roving = new RovingFocusController(host);
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to set up: the grid reached stays reached when the map moves in the DOM.
  }

  /** The map lost focus: its tooltip goes with it. */
  readonly onBlur = (): void => {
    this.chart.chart?.dispatchAction({ type: 'hideTip' });
  };

  onKey(event: KeyboardEvent, view: CoverageView): void {
    const grids = view.grids;
    if (grids.length === 0) return;
    const zoomKeys: Record<string, () => void> = {
      '+': () => this.viewport.zoomBy(ZOOM_STEP),
      '=': () => this.viewport.zoomBy(ZOOM_STEP),
      '-': () => this.viewport.zoomBy(1 / ZOOM_STEP),
      '0': () => this.viewport.reset(),
    };
    if (event.key === 'Enter' || event.key === ' ' || zoomKeys[event.key]) {
      event.preventDefault();
      if (zoomKeys[event.key]) zoomKeys[event.key]?.();
      else if (this.focusedGrid) this.onSelect(this.focusedGrid);
      return;
    }
    const current = this.focusedGrid ? grids.findIndex((g) => g.gridId === this.focusedGrid) : -1;
    const next = this.roving.handleKey(event, GRIDS, current, grids.length, { axis: 'both', wrap: true });
    const grid = next === undefined ? undefined : grids[next];
    if (!grid) return;
    const chart = this.chart.chart;
    if (chart && this.focusedGrid) chart.dispatchAction({ type: 'downplay', geoId: GEO_ID, name: this.focusedGrid });
    this.focusedGrid = grid.gridId;
    this.host.requestUpdate();
    if (chart) {
      chart.dispatchAction({ type: 'highlight', geoId: GEO_ID, name: grid.gridId });
      chart.dispatchAction({ type: 'showTip', geoId: GEO_ID, name: grid.gridId });
    }
  }
}
