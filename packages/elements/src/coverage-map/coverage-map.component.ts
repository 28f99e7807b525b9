import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import {
  common,
  formatCount,
  formatPercent,
  toCsv,
  type CsvCell,
  type CoverageResult,
  type Grids,
  type QueryState,
  type StrideLocale,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { memoLast } from '../shared/memo.js';
import { baseStyles } from '../shared/styles.js';
import { renderQueryState } from '../shared/states.js';
import { downloadCsv } from '../shared/download.js';
import { ChartController, readThemeTokens, type EChartsRuntime } from '../shared/chart-controller.js';
import { StrideWarningEvent } from '../shared/events.js';
import { coverageMapStyles } from './coverage-map.styles.js';
import { t } from './coverage-map.strings.js';
import {
  buildCoverageView,
  parseBandEdges,
  pinMine,
  sortByCoverage,
  type CoverageBand,
  type CoverageView,
  type GridView,
} from './coverage-map.view-model.js';
import {
  GEO_ID,
  buildMapOption,
  labelsShown,
  paletteFrom,
  tooltipText,
  type MapPalette,
} from './coverage-map.option.js';
import { aspectScaleFor, detailLevel, summarizeGeometry, type GeometryBounds } from './coverage-map.geometry.js';
import { ensureGridMap, type RegisterMap } from './coverage-map.registry.js';

interface MapRuntime extends EChartsRuntime {
  registerMap: RegisterMap;
}

let runtime: Promise<MapRuntime> | undefined;
function loadMapRuntime(): Promise<MapRuntime> {
  runtime ??= import('./coverage-map.echarts.js').then((m) => ({
    init: m.init as EChartsRuntime['init'],
    registerMap: m.registerMap as unknown as RegisterMap,
  }));
  return runtime;
}

interface GeometryInfo {
  grids: Grids;
  hash: string;
  bounds: GeometryBounds;
  aspectScale: number;
}

const ZOOM_STEP = 1.5;

/**
 * @tagname stride-coverage-map
 * @summary Grid coverage (网格化管理): every grid coloured by the share of its households covered in the period, from
 * the bank's own grid polygons (no tile server). Without geometry it shows one tile per grid instead.
 *
 * @attr org - Org unit whose grids are shown.
 * @attr me - The signed-in manager: their grids get a heavy outline and a highlighted table row.
 * @attr bands - Three band edges, fractions or percentages: `"0.3,0.6,0.9"` (default) or `"30,60,90"`.
 * @attr view - `map` (default) or `table`: the data-table alternative, sortable by coverage.
 *
 * @event stride-select - A grid was activated (click, Enter on the map, a table or tile button); detail `{kind: 'grid', id, scope}`.
 * @event stride-warning - Features, cells or coverage rows for unknown grids were dropped; one event lists them all.
 * @event stride-error - Coverage or geometry failed to load; `detail.error.kind === 'auth'` for an expired session.
 *
 * @csspart map - The map canvas container (focusable: arrow keys move between grids).
 * @csspart legend - The band legend.
 * @csspart tiles - The fallback tile list shown without geometry.
 * @csspart table - The data table.
 * @csspart toolbar - View toggle and export.
 * @csspart state - Empty / not configured / error panels.
 * @csspart dropped - The notice listing dropped items.
 * @csspart stale - The stale-data badge.
 *
 * @cssproperty --stride-map-height - Height of the map (default 420px).
 * @cssproperty --stride-map-height-narrow - Height below 480px of width (default 300px).
 * @cssproperty --stride-band-0 - Colour of the lowest coverage band (also band-1..3, unassigned, me).
 */
export class StrideCoverageMap extends StrideElement {
  static override styles = [...baseStyles, coverageMapStyles];
  static override properties = {
    bands: {},
    view: { reflect: true },
    sortDirection: { state: true },
    focusedGrid: { state: true },
    chartRuntime: { state: true },
  };

  /** Band edges, e.g. `"0.3,0.6,0.9"`. */
  declare bands?: string;
  /** `map` or `table`. */
  view: 'map' | 'table' = 'map';

  private sortDirection: 'asc' | 'desc' = 'asc';
  declare private focusedGrid: string | undefined;
  // The user's roam, read back from ECharts when they stop. Not reactive: panning alone must not rebuild the option
  // (5,000 regions); only a change of level of detail or of label visibility does.
  private roamZoom = 1;
  private roamCenter: [number, number] | undefined;
  private drawnDetail = -1;
  private drawnLabels = false;
  private drawnGridCount = 1;
  declare private chartRuntime: MapRuntime | undefined;

  /** The coverage query (for tests and hosts that want to retry). */
  readonly coverageQuery = this.createQuery('coverage', (scope) => ({ scope }), { onDropped: () => undefined });
  /** The geometry query: keyed by org only, and never polled (grids change with the bank's GIS, not by the minute). */
  readonly gridsQuery = this.createQuery('grids', (scope) => ({ org: scope.org }), {
    poll: false,
    onDropped: () => undefined,
  });

  /** The chart (for tests and the bench: `chart.drawCount`, `chart.chart`). */
  readonly chart = new ChartController(this, {
    load: loadMapRuntime,
    container: () => this.renderRoot.querySelector<HTMLElement>('.map'),
  });

  private geometry: GeometryInfo | undefined;
  private memoOption: { key: string; view: CoverageView; option: EChartsCoreOption } | undefined;
  private paletteKey = '';
  private palette: MapPalette | undefined;
  private boundChart: EChartsType | undefined;
  private roamTimer = 0;
  private warnedKey = '';
  private lastMapName = '';
  private sizeObserver: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // A bigger container needs finer geometry: re-check the level of detail when the size changes (the chart
    // controller resizes the canvas itself). The first report, at the size just drawn, changes nothing.
    this.sizeObserver ??= new ResizeObserver(() => this.syncDetail());
    this.sizeObserver.observe(this);
    // Start loading ECharts while the data is on its way.
    if (!this.chartRuntime) {
      void loadMapRuntime().then((loaded) => {
        this.chartRuntime = loaded;
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.roamTimer) clearTimeout(this.roamTimer);
    this.roamTimer = 0;
    this.boundChart = undefined;
    this.sizeObserver?.disconnect();
  }

  /* ------------------------------------------------------------ derived data */

  private get locale(): StrideLocale {
    return this.resolved.lang;
  }

  private geometryOf(grids: Grids | undefined): GeometryInfo | undefined {
    if (!grids || grids.features.length === 0) return undefined;
    if (this.geometry?.grids === grids) return this.geometry;
    const { hash, bounds } = summarizeGeometry(grids);
    this.geometry = { grids, hash, bounds, aspectScale: aspectScaleFor(bounds) };
    return this.geometry;
  }

  private viewOf(coverage: CoverageResult, grids: Grids | undefined): CoverageView {
    return this.buildView(coverage.cells, grids ?? null, this.bands, this.resolved.me);
  }

  private readonly buildView = memoLast(
    (cells: CoverageResult['cells'], grids: Grids | null, bands: string | undefined, me: string | undefined) =>
      buildCoverageView(cells, grids, { edges: parseBandEdges(bands), me }),
  );

  /** Geometry is in use when the adapter gives grids with at least one feature. */
  private hasGeometry(): boolean {
    const geo = this.gridsQuery.state;
    return geo.status === 'success' && (geo.data?.features.length ?? 0) > 0;
  }

  /* ------------------------------------------------------------ render */

  override render(): TemplateResult {
    const locale = this.locale;
    const { timeZone } = this.resolved;
    const coverage = this.coverageQuery.state;
    const geo = this.gridsQuery.state;
    const retry = (): void => {
      this.coverageQuery.refetch();
      this.gridsQuery.refetch();
    };
    const skeleton = (): TemplateResult => html`<div class="skeleton skeleton-map"></div>`;
    if (coverage.status === 'success' && geo.status === 'loading') {
      return html`<div aria-busy="true" part="loading"><span class="visually-hidden" role="status">${common(locale, 'loading')}</span>${skeleton()}</div>`;
    }
    if (coverage.status === 'success' && geo.status === 'error' && geo.data === undefined) {
      return renderQueryState(geo, { locale, timeZone, method: 'grids', skeleton, data: () => html``, retry });
    }
    const grids = this.hasGeometry() ? geo.data : undefined;
    const view = coverage.data ? this.viewOf(coverage.data, grids) : undefined;
    const combined: QueryState<CoverageResult> = {
      ...coverage,
      stale: coverage.stale || geo.stale,
      dropped: view ? this.droppedSummary(coverage, geo, view) : coverage.dropped,
    };
    return renderQueryState(combined, {
      locale,
      timeZone,
      method: 'coverage',
      skeleton,
      isEmpty: (data) => data.cells.length === 0 && !grids,
      emptyReason: common(locale, 'emptyReason', { scope: this.resolved.org ?? '' }),
      data: () => (view ? this.renderView(view, !!grids) : html``),
      retry,
    });
  }

  private droppedSummary(
    coverage: QueryState<CoverageResult>,
    geo: QueryState<Grids>,
    view: CoverageView,
  ): { message: string; ids: string[] } | null {
    const parts: string[] = [];
    const ids: string[] = [];
    for (const dropped of [geo.dropped, coverage.dropped]) {
      if (dropped) {
        parts.push(dropped.message);
        ids.push(...dropped.ids);
      }
    }
    if (view.unknownGridIds.length > 0) {
      parts.push(
        `coverage: ${view.unknownGridIds.length} cells for grids not on the map dropped (${view.unknownGridIds.join(', ')})`,
      );
      ids.push(...view.unknownGridIds);
    }
    // A grid whose feature was dropped also has a coverage row for a grid not on the map: list it once.
    return ids.length > 0 ? { message: parts.join('. '), ids: [...new Set(ids)] } : null;
  }

  private renderView(view: CoverageView, withGeometry: boolean): TemplateResult {
    const locale = this.locale;
    const tableShown = this.view === 'table';
    return html`
      <div class="header" part="toolbar">
        <div>
          <h2 class="title">${t(locale, 'title')}</h2>
          <span class="summary">${t(locale, 'summary', { count: formatCount(view.grids.length, locale), coverage: formatPercent(view.coverage, locale) })}</span>
        </div>
        <div class="toolbar">
          <button class="button" part="view-toggle" aria-pressed=${tableShown ? 'true' : 'false'} @click=${this.toggleView}>
            ${common(locale, 'showTable')}
          </button>
          <button class="button hide-narrow" part="export" @click=${() => this.exportCsv(view)}>${common(locale, 'exportCsv')}</button>
        </div>
      </div>
      ${tableShown ? this.renderTable(view) : withGeometry ? this.renderMap(view) : this.renderTiles(view)}
      ${this.renderLegend(view)}
    `;
  }

  private renderMap(view: CoverageView): TemplateResult {
    const locale = this.locale;
    const focused = this.focusedGrid ? view.byId.get(this.focusedGrid) : undefined;
    return html`<div class="stage">
      <div
        class="map"
        part="map"
        tabindex="0"
        role="application"
        aria-roledescription="map"
        aria-label=${t(locale, 'mapLabel', { count: view.grids.length })}
        @keydown=${(event: KeyboardEvent) => this.onMapKey(event, view)}
        @blur=${() => this.chart.chart?.dispatchAction({ type: 'hideTip' })}
      ></div>
      <div class="zoom">
        <button class="button" part="zoom-in" aria-label=${t(locale, 'zoomIn')} title=${t(locale, 'zoomIn')} @click=${() => this.zoomBy(ZOOM_STEP)}>+</button>
        <button class="button" part="zoom-out" aria-label=${t(locale, 'zoomOut')} title=${t(locale, 'zoomOut')} @click=${() => this.zoomBy(1 / ZOOM_STEP)}>−</button>
        <button class="button" part="zoom-reset" aria-label=${t(locale, 'resetView')} title=${t(locale, 'resetView')} @click=${this.resetView}>⟲</button>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${focused ? tooltipText(focused, locale).replace(/\n/g, '; ') : ''}</div>
    </div>`;
  }

  private renderTiles(view: CoverageView): TemplateResult {
    const locale = this.locale;
    const ordered = pinMine(sortByCoverage(view.grids, 'asc'));
    return html`<p class="summary">${t(locale, 'noGeometry')}</p>
      <ul class="tiles" part="tiles" aria-label=${t(locale, 'tilesLabel', { count: ordered.length })}>
        ${ordered.map(
          (grid) => html`<li>
            <button
              class=${`tile ${bandClass(grid)}${grid.mine ? ' mine' : ''}`}
              part="tile"
              data-grid=${grid.gridId}
              @click=${() => this.select('grid', grid.gridId)}
            >
              <span class="name">${grid.name}</span>
              <span class="value">${formatPercent(grid.coverage, locale, 0)}</span>
              <span class="visually-hidden">${tooltipText(grid, locale).split('\n').slice(1).join('; ')}</span>
            </button>
          </li>`,
        )}
      </ul>`;
  }

  private renderTable(view: CoverageView): TemplateResult {
    const locale = this.locale;
    const rows = pinMine(sortByCoverage(view.grids, this.sortDirection));
    const sort = this.sortDirection === 'asc' ? 'ascending' : 'descending';
    return html`<div class="table-wrap" part="table">
      <table>
        <caption class="visually-hidden">${t(locale, 'title')}</caption>
        <thead>
          <tr>
            <th scope="col">${t(locale, 'grid')}</th>
            <th scope="col" class="hide-narrow">${t(locale, 'managers')}</th>
            <th scope="col" class="num hide-narrow">${t(locale, 'households')}</th>
            <th scope="col" class="num hide-narrow">${t(locale, 'covered')}</th>
            <th scope="col" class="num" aria-sort=${sort}>
              <button class="sort" part="sort" aria-label=${t(locale, 'sortByCoverage')} @click=${this.toggleSort}>
                ${t(locale, 'coverage')} ${this.sortDirection === 'asc' ? '▲' : '▼'}
              </button>
            </th>
            <th scope="col" class="num">${t(locale, 'openLeads')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (grid) => html`<tr class=${grid.mine ? 'mine' : ''} data-grid=${grid.gridId}>
              <th scope="row"><button class="link" @click=${() => this.select('grid', grid.gridId)}>${grid.name}</button></th>
              <td class="hide-narrow">${grid.managerNames.join('、') || grid.managerIds.join(', ') || t(locale, 'unassigned')}</td>
              <td class="num hide-narrow">${formatCount(grid.households, locale)}</td>
              <td class="num hide-narrow">${formatCount(grid.covered, locale)}</td>
              <td class="num">${formatPercent(grid.coverage, locale)}</td>
              <td class="num">${formatCount(grid.openLeads, locale)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderLegend(view: CoverageView): TemplateResult {
    const locale = this.locale;
    const edges = parseBandEdges(this.bands);
    const pct = (x: number): string => formatPercent(x, locale, 0);
    const ranges = [
      t(locale, 'bandBelow', { to: pct(edges[0] ?? 0) }),
      t(locale, 'bandBetween', { from: pct(edges[0] ?? 0), to: pct(edges[1] ?? 0) }),
      t(locale, 'bandBetween', { from: pct(edges[1] ?? 0), to: pct(edges[2] ?? 0) }),
      t(locale, 'bandAtLeast', { from: pct(edges[2] ?? 0) }),
    ];
    return html`<ul class="legend" part="legend" aria-label=${t(locale, 'legend')}>
      ${ranges.map((range, band) => html`<li data-band=${band}><span class="swatch band-${band}"></span>${t(locale, 'band', { range })}</li>`)}
      ${view.hasUnassigned ? html`<li><span class="swatch unassigned"></span>${t(locale, 'unassigned')}</li>` : nothing}
      ${view.hasNoData ? html`<li><span class="swatch no-data"></span>${t(locale, 'noData')}</li>` : nothing}
      ${view.hasMine ? html`<li><span class="swatch me"></span>${t(locale, 'me')}</li>` : nothing}
    </ul>`;
  }

  /* ------------------------------------------------------------ chart */

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.reportDropped();
    this.drawMap();
  }

  /** One stride-warning per new pair of results, listing everything dropped from both and the unknown grids. */
  private reportDropped(): void {
    const coverage = this.coverageQuery.state;
    const geo = this.gridsQuery.state;
    if (coverage.status !== 'success' || !coverage.data || geo.status === 'loading') return;
    const key = `${coverage.dataUpdatedAt}|${geo.dataUpdatedAt}|${geo.status}`;
    if (key === this.warnedKey) return;
    this.warnedKey = key;
    const view = this.viewOf(coverage.data, this.hasGeometry() ? geo.data : undefined);
    const dropped = this.droppedSummary(coverage, geo, view);
    if (dropped) this.dispatchEvent(new StrideWarningEvent(dropped));
  }

  private currentPalette(): MapPalette {
    const tokens = readThemeTokens(this);
    const key = Object.values(tokens).join('|');
    if (!this.palette || key !== this.paletteKey) {
      this.paletteKey = key;
      this.palette = paletteFrom(tokens);
    }
    return this.palette;
  }

  private drawMap(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('.map');
    const coverage = this.coverageQuery.state.data;
    const geometry = this.geometryOf(this.hasGeometry() ? this.gridsQuery.state.data : undefined);
    if (!container || !coverage || !geometry || !this.chartRuntime) return;
    const view = this.viewOf(coverage, geometry.grids);
    const [detail, showLabels] = this.drawnAt(container, geometry, view.grids.length);
    const name = ensureGridMap(this.chartRuntime.registerMap, geometry.grids, geometry, detail);
    const palette = this.currentPalette();
    const key = `${name}|${this.paletteKey}|${this.locale}|${showLabels}`;
    let option = this.memoOption?.view === view && this.memoOption.key === key ? this.memoOption.option : undefined;
    if (!option) {
      const input = {
        view,
        mapName: name,
        palette,
        locale: this.locale,
        aspectScale: geometry.aspectScale,
        showLabels,
      };
      option = buildMapOption(this.roamCenter ? { ...input, zoom: this.roamZoom, center: this.roamCenter } : input);
      this.memoOption = { key, view, option };
    }
    this.lastMapName = name;
    this.drawnDetail = detail;
    this.drawnLabels = showLabels;
    this.drawnGridCount = view.grids.length;
    this.chart.setOption(option);
    this.bindChart();
  }

  private bindChart(): void {
    const chart = this.chart.chart;
    if (!chart || chart === this.boundChart) {
      // Once ECharts has loaded, the instance exists unless it could not be made (disconnected, or refused by the
      // page's Trusted Types): then the next draw binds it. Retrying unconditionally spun the microtask queue forever.
      if (!chart) void this.chart.ready().then(() => this.chart.chart && this.bindChart());
      return;
    }
    this.boundChart = chart;
    chart.on('click', (params) => {
      const id = (params as { name?: unknown }).name;
      if (typeof id === 'string' && id) this.select('grid', id);
    });
    chart.on('georoam', () => this.scheduleRoamSync());
  }

  /** After the user stops panning or zooming: read the roam once, refine geometry and toggle labels if needed. */
  private scheduleRoamSync(): void {
    if (this.roamTimer) clearTimeout(this.roamTimer);
    this.roamTimer = window.setTimeout(() => {
      this.roamTimer = 0;
      const chart = this.chart.chart;
      if (!chart || chart.isDisposed()) return;
      const geo = (chart.getOption() as { geo?: { zoom?: number; center?: [number, number] }[] }).geo?.[0];
      this.roamZoom = geo?.zoom ?? 1;
      const center = geo?.center;
      if (Array.isArray(center) && typeof center[0] === 'number') this.roamCenter = [center[0], Number(center[1])];
      this.syncDetail();
    }, 180);
  }

  /** The level of detail and whether grid names show, for the map container's size and the current zoom. */
  private drawnAt(container: HTMLElement, geometry: GeometryInfo, count: number): [number, boolean] {
    const width = container.clientWidth || 600;
    const height = container.clientHeight || 420;
    return [
      detailLevel(geometry.bounds, geometry.aspectScale, width, height, this.roamZoom),
      labelsShown(width, height, count, this.roamZoom),
    ];
  }

  /** Redraws when the drawn size or zoom calls for another level of detail or another label visibility. */
  private syncDetail(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('.map');
    if (!container || !this.geometry) return;
    const [detail, labels] = this.drawnAt(container, this.geometry, this.drawnGridCount);
    if (detail !== this.drawnDetail || labels !== this.drawnLabels) this.requestUpdate();
  }

  private zoomBy(factor: number): void {
    const chart = this.chart.chart;
    if (!chart) return;
    const dom = chart.getDom();
    chart.dispatchAction({
      type: 'geoRoam',
      componentType: 'geo',
      geoId: GEO_ID,
      zoom: factor,
      originX: dom.clientWidth / 2,
      originY: dom.clientHeight / 2,
    });
    this.scheduleRoamSync();
  }

  private readonly resetView = (): void => {
    this.roamZoom = 1;
    this.roamCenter = undefined;
    // The option may be memoised from before the roam: drop it so ECharts gets a fresh option and refits.
    this.memoOption = undefined;
    this.requestUpdate();
  };

  private onMapKey(event: KeyboardEvent, view: CoverageView): void {
    const grids = view.grids;
    if (grids.length === 0) return;
    const chart = this.chart.chart;
    const current = this.focusedGrid ? grids.findIndex((g) => g.gridId === this.focusedGrid) : -1;
    let next = current;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = (current + 1) % grids.length;
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = current <= 0 ? grids.length - 1 : current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = grids.length - 1;
        break;
      case 'Enter':
      case ' ':
        if (this.focusedGrid) this.select('grid', this.focusedGrid);
        event.preventDefault();
        return;
      case '+':
      case '=':
        this.zoomBy(ZOOM_STEP);
        event.preventDefault();
        return;
      case '-':
        this.zoomBy(1 / ZOOM_STEP);
        event.preventDefault();
        return;
      case '0':
        this.resetView();
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    const grid = grids[next];
    if (!grid) return;
    if (chart && this.focusedGrid) chart.dispatchAction({ type: 'downplay', geoId: GEO_ID, name: this.focusedGrid });
    this.focusedGrid = grid.gridId;
    if (chart) {
      chart.dispatchAction({ type: 'highlight', geoId: GEO_ID, name: grid.gridId });
      chart.dispatchAction({ type: 'showTip', geoId: GEO_ID, name: grid.gridId });
    }
  }

  private readonly toggleView = (): void => {
    this.view = this.view === 'table' ? 'map' : 'table';
  };

  private readonly toggleSort = (): void => {
    this.sortDirection = this.sortDirection === 'asc' ? 'desc' : 'asc';
  };

  /** The grids, least covered first, as CSV text: exactly what Export CSV saves. Empty before data arrives. */
  toCsv(): string {
    const coverage = this.coverageQuery.state.data;
    if (!coverage) return toCsv([]);
    return toCsv(this.csvRows(this.viewOf(coverage, this.hasGeometry() ? this.gridsQuery.state.data : undefined)));
  }

  private exportCsv(view: CoverageView): void {
    downloadCsv(
      `coverage-${this.resolved.org ?? 'grids'}-${this.resolved.date}.csv`,
      this.csvRows(view),
      this.renderRoot,
    );
  }

  private csvRows(view: CoverageView): CsvCell[][] {
    const locale = this.locale;
    const rows = sortByCoverage(view.grids, 'asc').map((g) => [
      g.gridId,
      g.name,
      g.managerNames.join('、') || g.managerIds.join(' '),
      g.households,
      g.covered,
      g.coverage === null ? null : Math.round(g.coverage * 10_000) / 10_000,
      g.openLeads,
    ]);
    return [
      [
        'gridId',
        t(locale, 'grid'),
        t(locale, 'managers'),
        t(locale, 'households'),
        t(locale, 'covered'),
        t(locale, 'coverage'),
        t(locale, 'openLeads'),
      ],
      ...rows,
    ];
  }

  /** The map name currently drawn (for tests: geometry is registered once per content hash and level of detail). */
  get drawnMapName(): string {
    return this.lastMapName;
  }
}

function bandClass(grid: GridView): string {
  if (grid.unassigned) return 'unassigned';
  return grid.band === null ? 'no-data' : `band-${grid.band satisfies CoverageBand}`;
}
