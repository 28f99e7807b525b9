/**
 * A geo chart's viewport: zoom and centre (the viewer's roam, and the zoom buttons and keys), and the level of detail
 * the drawn size and zoom call for. Panning alone must not rebuild the chart's option (thousands of regions): the roam
 * is read once the viewer stops, and the host renders again only when the level of detail or label visibility the
 * viewport calls for differs from what was drawn. A bigger container needs finer geometry, so a resize of the host
 * checks the same (the chart controller resizes the canvas itself).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChartController } from './chart-controller.js';

/** How the host draws at a size and zoom: a level of detail and what its region names were placed for. */
export interface ViewportLevels {
  detail: number;
  /** A key of the size and zoom the names were placed for ('' for none): the host draws again when it changes. */
  labels: string;
}

export interface MapViewportOptions {
  chart: ChartController;
  /** The chart's container; null while not rendered. */
  container: () => HTMLElement | null;
  /** The geo component's id in the option. */
  geoId: string;
  /** The levels for a container size and zoom; undefined while there is nothing to draw. */
  levels: (width: number, height: number, zoom: number) => ViewportLevels | undefined;
}

/** How long the viewer's roam must be still before it is read. */
const ROAM_SETTLE_MS = 180;
/** Before layout the container has no size: assume the map's default. */
const DEFAULT_SIZE = { width: 600, height: 420 };

export class MapViewportController implements ReactiveController {
  /** The zoom the viewer roamed to (1: fitted). */
  zoom = 1;
  /** The centre the viewer roamed to; undefined: fitted to the geometry. */
  center: [number, number] | undefined;
  /** Changes when the view is reset, so an option built for an earlier roam is not reused. */
  resets = 0;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: MapViewportOptions;
  private drawn: ViewportLevels | undefined;
  private settleTimer = 0;
  private sizeObserver: ResizeObserver | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: MapViewportOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
    options.chart.on('georoam', () => this.settleRoam());
  }

  hostConnected(): void {
    // The first report, at the size just drawn, changes nothing.
    this.sizeObserver ??= new ResizeObserver(() => this.checkLevels());
    this.sizeObserver.observe(this.host);
  }

  hostDisconnected(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = 0;
    this.sizeObserver?.disconnect();
  }

  /** The levels to draw at now (container size and zoom); the host draws them and says so with `drawnAt`. */
  levels(): ViewportLevels | undefined {
    const size = this.size();
    return size && this.options.levels(size.width, size.height, this.zoom);
  }

  /** The container's size now (the map's default before layout); undefined while not rendered. */
  size(): { width: number; height: number } | undefined {
    const container = this.options.container();
    if (!container) return undefined;
    return {
      width: container.clientWidth || DEFAULT_SIZE.width,
      height: container.clientHeight || DEFAULT_SIZE.height,
    };
  }

  /** The host drew at these levels. */
  drawnAt(levels: ViewportLevels): void {
    this.drawn = levels;
  }

  /** Zooms about the centre of the container (the + and − buttons and keys). */
  zoomBy(factor: number): void {
    const chart = this.options.chart.chart;
    if (!chart) return;
    const dom = chart.getDom();
    chart.dispatchAction({
      type: 'geoRoam',
      componentType: 'geo',
      geoId: this.options.geoId,
      zoom: factor,
      originX: dom.clientWidth / 2,
      originY: dom.clientHeight / 2,
    });
    this.settleRoam();
  }

  /** Back to the fitted view. */
  reset(): void {
    this.zoom = 1;
    this.center = undefined;
    this.resets += 1;
    this.host.requestUpdate();
  }

  /** After the viewer stops panning or zooming: read the roam once, then check the levels. */
  private settleRoam(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => {
      this.settleTimer = 0;
      const chart = this.options.chart.chart;
      if (!chart || chart.isDisposed()) return;
      const geo = (chart.getOption() as { geo?: { zoom?: number; center?: [number, number] }[] }).geo?.[0];
      this.zoom = geo?.zoom ?? 1;
      const center = geo?.center;
      if (Array.isArray(center) && typeof center[0] === 'number') this.center = [center[0], Number(center[1])];
      this.checkLevels();
    }, ROAM_SETTLE_MS);
  }

  private checkLevels(): void {
    const levels = this.levels();
    const drawn = this.drawn;
    if (!levels || !drawn) return;
    if (levels.detail !== drawn.detail || levels.labels !== drawn.labels) this.host.requestUpdate();
  }
}
