import { html, type PropertyValues, type TemplateResult } from 'lit';
import {
  GRIDS_RESULT_SPEC,
  gridLeads,
  registerResultSpec,
  toCsv,
  type CoverageResult,
  type Grids,
  type StrideLocale,
} from '@stride/core';
import { t } from './coverage-map.strings.js';
import { StrideElement } from '../shared/stride-element.js';
import { ShareController } from '../shared/share-controller.js';
import { memoLast } from '../shared/memo.js';
import { baseStyles } from '../shared/styles.js';
import { renderQueryState } from '../shared/states.js';
import { downloadCsv } from '../shared/download.js';
import { ChartController } from '../shared/chart-controller.js';
import { CombinedQuery } from '../shared/combined-query.js';
import { MapViewportController, type ViewportLevels } from '../shared/map-viewport-controller.js';
import { coverageMapStyles } from './coverage-map.styles.js';
import {
  buildCoverageView,
  coverageCsvRows,
  parseBandEdges,
  unknownGridsDropped,
  type CoverageView,
} from './coverage-map.view-model.js';
import { GEO_ID, labelsShown } from './coverage-map.option.js';
import { labelWindow, labelZoom, mapAspect } from './coverage-map.labels.js';
import { detailLevel, geometryInfo, type GeometryInfo } from './coverage-map.geometry.js';
import { loadMapRuntime, type MapRuntime } from './coverage-map.registry.js';
import { MapDrawing } from './coverage-map.drawing.js';
import { settleCulledRegionsAfterDraws } from './coverage-map.culling.js';
import { MapKeyboardController, ZOOM_STEP } from './coverage-map.keyboard.js';
import {
  renderGridTable,
  renderLegend,
  renderMapHeader,
  renderMapStage,
  renderTiles,
} from './coverage-map.templates.js';

// Grid polygons are checked only on pages that draw them: the checks load with the map.
registerResultSpec('grids', GRIDS_RESULT_SPEC);

/**
 * @tagname stride-coverage-map
 * @summary Grid coverage (网格化管理): every grid coloured by the share of its households covered in the period, from
 * the bank's own grid polygons (no tile server). Without geometry it shows one tile per grid instead.
 *
 * @attr org - Org unit whose grids are shown.
 * @attr me - The signed-in manager: their grids get a heavy outline and a highlighted table row.
 * @attr id-property - The grid id's property in the bank's GeoJSON (default `gridId`; else `Feature.id`).
 * @attr bands - Three band edges, fractions or percentages: `"0.3,0.6,0.9"` (default) or `"30,60,90"`.
 * @attr view - `map` (default) or `table`: the data-table alternative, sortable by coverage.
 * @attr mode - `huddle` for a wall screen: a taller map and larger grid names.
 *
 * @event stride-select - A grid was activated (click, Enter on the map, a table or tile button, its covered count);
 * detail `{kind: 'grid', id, scope, leads?}`, `leads` (where the adapter has `leads`) opening its covered customers.
 * @event stride-warning - Features, cells or coverage rows for unknown grids were dropped; one event lists them all.
 * @event stride-error - Coverage or geometry failed to load; `detail.error.kind === 'auth'` for an expired session.
 * @event stride-share - The Share button (分享) made this section's digest: `detail: {png, text, markdown: {wecom, dingtalk}}`.
 *
 * @csspart map - The map canvas container (focusable: arrow keys move between grids).
 * @csspart legend - The band legend.
 * @csspart tiles - The fallback tile list shown without geometry.
 * @csspart table - The data table.
 * @csspart toolbar - View toggle and export.
 * @csspart state - Empty / not configured / error panels.
 * @csspart dropped - The notice listing dropped items.
 * @csspart stale - The stale-data badge.
 * @csspart share - The Share button (分享); its status line follows it.
 *
 * @cssproperty --stride-map-height - Height of the map (default 420px).
 * @cssproperty --stride-map-height-narrow - Height below 480px of width (default 300px).
 * @cssproperty --stride-map-height-huddle - Height in huddle mode (default: the viewport's height less 500px, at least 480px).
 * @cssproperty --stride-band-0 - Colour of the lowest coverage band (also band-1..3, unassigned, me).
 */
export class StrideCoverageMap extends StrideElement {
  static override styles = [...baseStyles, coverageMapStyles];
  static override properties = {
    bands: {},
    idProperty: { attribute: 'id-property' },
    view: { reflect: true },
    sortDirection: { state: true },
    chartRuntime: { state: true },
  };

  /** Band edges, e.g. `"0.3,0.6,0.9"`. */
  declare bands?: string;
  /** The GeoJSON property that holds each grid's id in the bank's GIS export (default `gridId`, else Feature.id). */
  declare idProperty?: string;
  /** `map` or `table`. */
  view: 'map' | 'table' = 'map';

  private sortDirection: 'asc' | 'desc' = 'asc';
  declare private chartRuntime: MapRuntime | undefined;

  /** The coverage query (for tests and hosts that want to retry). */
  readonly coverageQuery = this.createQuery('coverage', (scope) => ({ scope }), { onDropped: () => undefined });
  /** Share (分享): coverage and the least covered grids, as a picture and texts for the team's chat. */
  readonly sharing: ShareController = new ShareController(this, () =>
    this.coverageQuery.state.data ? { coverage: this.coverageQuery.state.data } : undefined,
  );
  /** The geometry query: keyed by org only, and never polled (grids change with the bank's GIS, not by the minute). */
  readonly gridsQuery = this.createQuery('grids', (scope) => ({ org: scope.org }), {
    poll: false,
    onDropped: () => undefined,
    validation: () => (this.idProperty ? { idProperty: this.idProperty } : undefined),
  });
  /** Coverage drawn on the geometry: the map waits for both, and reports what either drops in one warning. */
  private readonly data = new CombinedQuery(this, this.coverageQuery, this.gridsQuery, {
    waitForSecondary: true,
    dropsBetween: (coverage, grids) => unknownGridsDropped(this.viewOf(coverage, usableGrids(grids))),
  });

  /** The chart (for tests and the bench: `chart.drawCount`, `chart.chart`). */
  readonly chart = new ChartController(this, {
    load: loadMapRuntime,
    container: () => this.mapContainer(),
  });
  private readonly viewport = new MapViewportController(this, {
    chart: this.chart,
    container: () => this.mapContainer(),
    geoId: GEO_ID,
    levels: (width, height, zoom): ViewportLevels | undefined => {
      const geometry = this.geometry;
      const coverage = this.coverageQuery.state.data;
      if (!geometry || !coverage) return undefined;
      const count = this.viewOf(coverage, geometry.grids).grids.length;
      if (!labelsShown(width, height, count, zoom)) {
        return { detail: detailLevel(geometry.bounds, geometry.aspectScale, width, height, zoom), labels: '' };
      }
      // Zoomed in, the names are placed for the tile of the map the view is in: a pan into another places them again.
      const labelled = labelZoom(zoom);
      const center: readonly [number, number] | undefined = this.viewport.center;
      const tile = labelWindow(center, geometry.bounds, geometry.aspectScale, width, height, labelled);
      return {
        detail: detailLevel(geometry.bounds, geometry.aspectScale, width, height, zoom),
        labels: `${labelled}@${width}x${height}@${tile}`,
      };
    },
  });
  private readonly keyboard = new MapKeyboardController(this, {
    chart: this.chart,
    viewport: this.viewport,
    onSelect: (gridId) => this.selectGrid(gridId),
  });
  private readonly drawing = new MapDrawing(this, { chart: this.chart, viewport: this.viewport });

  private readonly geometryOf = memoLast(geometryInfo);
  private readonly buildView = memoLast(
    (cells: CoverageResult['cells'], grids: Grids | null, bands: string | undefined, me: string | undefined) =>
      buildCoverageView(cells, grids, { edges: parseBandEdges(bands), me }),
  );
  constructor() {
    super();
    this.chart.on('click', (params) => {
      if (typeof params.name === 'string' && params.name) this.selectGrid(params.name);
    });
    settleCulledRegionsAfterDraws(this.chart, () => this.viewport.zoom > 1);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Start loading ECharts while the data is on its way.
    if (!this.chartRuntime) {
      void loadMapRuntime().then((loaded) => {
        this.chartRuntime = loaded;
      });
    }
  }

  /* ------------------------------------------------------------ derived data */

  private get locale(): StrideLocale {
    return this.resolved.lang;
  }

  private mapContainer(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.map');
  }

  /** The geometry in use: grids with at least one feature, else none (tiles instead of a map). */
  private get geometry(): GeometryInfo | undefined {
    const grids = usableGrids(this.data.secondaryData);
    return grids ? this.geometryOf(grids) : undefined;
  }

  private viewOf(coverage: CoverageResult, grids: Grids | undefined): CoverageView {
    return this.buildView(coverage.cells, grids ?? null, this.bands, this.resolved.me);
  }

  private get currentView(): CoverageView | undefined {
    const coverage = this.coverageQuery.state.data;
    return coverage ? this.viewOf(coverage, this.geometry?.grids) : undefined;
  }

  /* ------------------------------------------------------------ render */

  override render(): TemplateResult {
    const locale = this.locale;
    const withGeometry = this.geometry !== undefined;
    const view = this.currentView;
    return renderQueryState(this.data.state, {
      locale,
      timeZone: this.resolved.timeZone,
      method: 'coverage',
      skeleton: () => html`<div class="skeleton skeleton-map"></div>`,
      isEmpty: (data) => data.cells.length === 0 && !withGeometry,
      // Empty only without geometry: the grid polygons are what is missing first, not the period's records.
      emptyReason: t(locale, 'noGridsReason'),
      data: () => (view ? this.renderView(view, withGeometry) : html``),
      retry: () => this.data.refetch(),
    });
  }

  private renderView(view: CoverageView, withGeometry: boolean): TemplateResult {
    const locale = this.locale;
    const tableShown = this.view === 'table';
    const header = renderMapHeader(
      view,
      tableShown,
      locale,
      {
        onToggleView: () => {
          this.view = tableShown ? 'map' : 'table';
        },
        onExport: () => this.exportCsv(view),
      },
      this.sharing.render(),
    );
    const onSelect = (gridId: string): void => this.selectGrid(gridId);
    let body: TemplateResult;
    if (tableShown) {
      body = renderGridTable(view, this.sortDirection, locale, {
        onSort: () => {
          this.sortDirection = this.sortDirection === 'asc' ? 'desc' : 'asc';
        },
        onSelect,
        // covered counts link to those customers where the adapter lists them (any grid's answer holds for all)
        linked: this.leadsBehind((scope) => gridLeads(scope, '')) !== undefined,
      });
    } else if (withGeometry) {
      const geometry = this.geometry;
      const aspect = geometry ? mapAspect(geometry.bounds, geometry.aspectScale) : 1;
      const focused = this.keyboard.focusedGrid;
      body = renderMapStage(view, focused ? view.byId.get(focused) : undefined, locale, aspect, {
        onKey: (event) => this.keyboard.onKey(event, view),
        onBlur: this.keyboard.onBlur,
        onZoom: (direction) => this.viewport.zoomBy(direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP),
        onReset: () => this.viewport.reset(),
      });
    } else {
      body = renderTiles(view, locale, onSelect);
    }
    return html`${header} ${body} ${renderLegend(view, parseBandEdges(this.bands), locale)} `;
  }

  /** A grid (its polygon, tile or table row): its covered customers, where the adapter lists them. */
  private selectGrid(gridId: string): void {
    this.select('grid', gridId, (scope) => gridLeads(scope, gridId));
  }

  /* ------------------------------------------------------------ chart */

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.drawMap();
  }

  private drawMap(): void {
    const geometry = this.geometry;
    const view = this.currentView;
    if (!this.mapContainer() || !view || !geometry || !this.chartRuntime) return;
    this.drawing.draw(view, geometry, this.chartRuntime, this.locale, this.mode === 'huddle');
  }

  /** The grids, least covered first, as CSV text: exactly what Export CSV saves. Empty before data arrives. */
  toCsv(): string {
    const view = this.currentView;
    return toCsv(view ? coverageCsvRows(view, this.locale) : []);
  }

  private exportCsv(view: CoverageView): void {
    downloadCsv(
      `coverage-${this.resolved.org ?? 'grids'}-${this.resolved.date}.csv`,
      coverageCsvRows(view, this.locale),
      this.renderRoot,
    );
  }

  /** The map name currently drawn (for tests: geometry is registered once per content hash and level of detail). */
  get drawnMapName(): string {
    return this.drawing.mapName;
  }
}

/** Geometry is in use when the adapter gives grids with at least one feature. */
function usableGrids(grids: Grids | undefined): Grids | undefined {
  return grids && grids.features.length > 0 ? grids : undefined;
}
