import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  DEFAULT_CATALOGUE,
  common,
  formatDateTime,
  formatDay,
  formatMoney,
  formatPercent,
  formatSignedPercent,
  formatValue,
  toCsv,
  type CsvCell,
  type IndicatorDefinition,
  type IndicatorRows,
  type IndicatorsQuery,
  type IndicatorsResult,
  type StrideLocale,
  type WorkCalendar,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { styleProps } from '../shared/style-props.js';
import { baseStyles } from '../shared/styles.js';
import { renderQueryState } from '../shared/states.js';
import { downloadCsv } from '../shared/download.js';
import { indicatorsStyles } from './indicators.styles.js';
import { t } from './indicators.strings.js';
import {
  buildSheet,
  buildTiles,
  indicatorColumns,
  parseIndicatorList,
  sheetCsvRows,
  sortRows,
  visibleRange,
  type IndicatorColumn,
  type IndicatorTile,
  type SheetCell,
  type SheetModel,
  type SheetRow,
  type SheetSort,
} from './indicators.view-model.js';
import { memoLast } from '../shared/memo.js';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkGeometry } from './indicators.sparkline.js';
import { periodProgress, type PaceStatus } from './indicators.pace.js';

export type IndicatorsLayout = 'tiles' | 'table';

const STATUS_ICON: Record<PaceStatus, string> = { ahead: '✓', 'on-pace': '=', behind: '!' };
const ROW_HEIGHT = 36;
const HUDDLE_ROW_HEIGHT = 52;

/**
 * @tagname stride-indicators
 * @summary The 10 process indicators of account managers' work: tiles with value, target, pace, status, change and
 * a daily sparkline, or the one-person-one-row sheet (一人一表) of the scope's child orgs or managers.
 *
 * @attr layout - `tiles` (default) or `table`.
 * @attr rows - Table rows: `children` (child org units, default) or `managers`.
 * @attr indicators - Comma-separated ids to show a subset, e.g. `contacted,visits,intent`.
 * @prop {IndicatorDefinition[]} catalogue - Relabel, reorder, drop or add indicators (default: DEFAULT_CATALOGUE).
 * @prop {WorkCalendar} calendar - Holidays and make-up working days for pace (default Monday-Friday).
 *
 * @event stride-select - A tile's label (kind `indicator`) or a table row (kind `org` or `manager`) was activated.
 * @event stride-error - The adapter failed; `detail.error.kind === 'auth'` means the session expired.
 * @event stride-warning - Items were dropped from the result by validation.
 *
 * @csspart base - The wrapper of everything.
 * @csspart period - The line with asOf and working days elapsed.
 * @csspart tiles - The list of tiles.
 * @csspart tile - One tile.
 * @csspart value - A tile's value.
 * @csspart amount - The converted amount (conversions).
 * @csspart progress - The bar with the pace marker.
 * @csspart status - Ahead / on pace / behind.
 * @csspart change - The change against the previous period.
 * @csspart sparkline - The daily trend.
 * @csspart readout - The day and value of the focused or hovered sparkline point.
 * @csspart sheet - The scrolling table.
 * @csspart export - The CSV export button.
 * @csspart state - Empty, not-configured and error states.
 *
 * @cssproperty --stride-indicators-tile-min - Minimum tile width (default 168px).
 * @cssproperty --stride-indicators-table-height - Maximum height of the table before it scrolls (default 480px).
 */
export class StrideIndicators extends StrideElement {
  static override styles = [...baseStyles, indicatorsStyles];
  static override properties = {
    layout: { reflect: true },
    rows: {},
    indicators: {},
    catalogue: { attribute: false },
    calendar: { attribute: false },
    sort: { state: true },
    range: { state: true },
    activePoint: { state: true },
  };

  layout: IndicatorsLayout = 'tiles';
  rows: IndicatorRows = 'children';
  indicators = '';
  catalogue: readonly IndicatorDefinition[] = DEFAULT_CATALOGUE;
  declare calendar?: WorkCalendar;

  private sort: SheetSort = { key: 'name', direction: 'asc' };
  private range = { from: 0, to: 0 };
  /** The sparkline point being read, per indicator. */
  declare private activePoint: { id: string; index: number } | undefined;

  readonly query = this.createQuery('indicators', (scope): IndicatorsQuery =>
    this.layout === 'table' ? { scope, rows: this.rows === 'managers' ? 'managers' : 'children' } : { scope },
  );

  private resizeObserver: ResizeObserver | undefined;
  private observedSheet: HTMLElement | undefined;
  private viewportHeight = 480;
  // Scrolling re-renders the sheet many times a second: the columns, the sheet and its sort order are rebuilt only when
  // what they are made from changes.
  private readonly columnsOf = memoLast((catalogue: readonly IndicatorDefinition[], lang: StrideLocale, list: string) =>
    indicatorColumns(catalogue, lang, parseIndicatorList(list)),
  );
  private readonly sheetOf = memoLast(
    (
      result: IndicatorsResult,
      columns: IndicatorColumn[],
      calendar: WorkCalendar | undefined,
      timeZone: string,
    ): SheetModel => buildSheet(result, columns, periodProgress(result.period, result.asOf, calendar, timeZone).share),
  );
  private readonly sortedRowsOf = memoLast(sortRows);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observedSheet = undefined;
  }

  private get columns(): IndicatorColumn[] {
    return this.columnsOf(this.catalogue, this.resolved.lang, this.indicators);
  }

  private get rowHeight(): number {
    return this.mode === 'huddle' ? HUDDLE_ROW_HEIGHT : ROW_HEIGHT;
  }

  override render(): TemplateResult {
    const { lang, timeZone } = this.resolved;
    const columns = this.columns;
    const table = this.layout === 'table';
    return html`<div part="base">
      ${renderQueryState(this.query.state, {
        locale: lang,
        timeZone,
        method: 'indicators',
        skeleton: () => (table ? this.renderSheetSkeleton(columns) : this.renderTilesSkeleton(columns)),
        isEmpty: (data) => (table ? (data.rows ?? []).length === 0 : data.indicators.length === 0),
        emptyReason: common(lang, 'emptyReason', { scope: this.scope?.manager ?? this.scope?.org ?? '' }),
        data: (data) => (table ? this.renderSheet(data, columns) : this.renderTiles(data, columns)),
        retry: () => this.query.refetch(),
      })}
    </div>`;
  }

  /* ---------------------------------------------------------------- tiles */

  // The skeletons' spans are flex items (of .period, .toolbar and .cell), so they take a width and height as blocks.

  private renderTilesSkeleton(columns: IndicatorColumn[]): TemplateResult {
    return html`<div class="period"><span class="skeleton" style=${styleProps({ width: '160px', height: '14px' })}></span></div>
      <ul class="tiles" role="list">
        ${columns.map(() => html`<li class="tile"><div class="skeleton" style=${styleProps({ height: '150px' })}></div></li>`)}
      </ul>`;
  }

  private renderTiles(result: IndicatorsResult, columns: IndicatorColumn[]): TemplateResult {
    const { lang, timeZone } = this.resolved;
    const { progress, tiles } = buildTiles(result, columns, this.calendar, timeZone);
    return html`<p class="period" part="period">
        <span>${common(lang, 'asOf', { time: formatDateTime(result.asOf, lang, timeZone) })}</span>
        <span>${progress.notStarted ? t(lang, 'notStarted') : t(lang, 'workingDays', { elapsed: progress.elapsed, total: progress.total })}</span>
      </p>
      <ul class="tiles" part="tiles" role="list" aria-label=${t(lang, 'listLabel')}>
        ${repeat(
          tiles,
          (tile) => tile.id,
          (tile) => this.renderTile(tile, lang, progress.notStarted),
        )}
      </ul>`;
  }

  private renderTile(tile: IndicatorTile, lang: StrideLocale, notStarted: boolean): TemplateResult {
    const value = formatValue(tile.value, tile.unit, lang, { compact: true });
    const amount = tile.hasAmount ? formatMoney(tile.amount, lang, { compact: true }) : '';
    const hasTarget = tile.target !== null && tile.target !== 0;
    const percent = formatPercent(tile.percentOfTarget, lang, 0);
    // On the tile the target is compact (1.2万); the tile's accessible name reads it in full.
    const targetText = hasTarget
      ? `${t(lang, 'target', { target: formatValue(tile.target, tile.unit, lang, { compact: true }) })} · ${t(lang, 'ofTarget', { percent })}`
      : t(lang, 'noTarget');
    const targetName = hasTarget
      ? t(lang, 'tileTarget', { target: formatValue(tile.target, tile.unit, lang), percent })
      : t(lang, 'noTarget');
    const statusText = tile.status ? t(lang, tile.status) : notStarted ? t(lang, 'notStarted') : t(lang, 'noStatus');
    const name = t(lang, tile.hasAmount ? 'tileNameAmount' : 'tileName', {
      label: tile.label,
      value,
      amount,
      target: targetName,
      status: statusText,
    });
    return html`<li class="tile ${tile.status ?? 'none'}" part="tile" aria-label=${name} data-indicator=${tile.id}>
      <button class="tile-label" part="tile-label" @click=${() => this.select('indicator', tile.id)}>${tile.label}</button>
      <div class="value" part="value">${value}</div>
      ${tile.hasAmount ? html`<div class="amount" part="amount">${t(lang, 'amount', { amount })}</div>` : nothing}
      <div class="target" part="target">${targetText}</div>
      ${this.renderBar(tile, lang)}
      <div class="status" part="status">
        ${tile.status ? html`<span class="icon" aria-hidden="true">${STATUS_ICON[tile.status]}</span>` : nothing}<span>${statusText}</span>
      </div>
      <div class="change ${tile.changeTone ?? ''}" part="change">${this.renderChange(tile, lang)}</div>
      ${this.renderSparkline(tile, lang)}
    </li>`;
  }

  /**
   * The bar runs 0 to target for a count (marker at pace) and 0 to 100% for a rate (marker at its target, which is a
   * rate's pace).
   */
  private renderBar(tile: IndicatorTile, lang: StrideLocale): TemplateResult | typeof nothing {
    if (tile.target === null || tile.target <= 0) return nothing;
    const scale = tile.unit === 'fraction' ? 1 : tile.target;
    const position = (n: number) => `${Math.max(0, Math.min(1, n / scale)) * 100}%`;
    return html`<div class="bar" part="progress" title=${tile.pace === null ? '' : t(lang, 'paceMarker', { pace: formatValue(tile.pace, tile.unit, lang) })}>
      <span class="fill" style=${styleProps({ width: position(tile.value ?? 0) })}></span>
      ${tile.pace === null ? nothing : html`<span class="marker" style=${styleProps({ 'inset-inline-start': position(tile.pace) })}></span>`}
    </div>`;
  }

  private renderChange(tile: IndicatorTile, lang: StrideLocale): TemplateResult | string {
    // Nothing to compare with reads "-- vs previous": the missing-number mark where the change would be.
    const text = t(lang, 'change', { change: formatSignedPercent(tile.change, lang) });
    if (tile.change === null) return text;
    const arrow = tile.change > 0 ? '▲' : tile.change < 0 ? '▼' : '→';
    return html`<span aria-hidden="true">${arrow}</span> ${text}`;
  }

  private renderSparkline(tile: IndicatorTile, lang: StrideLocale): TemplateResult | typeof nothing {
    if (tile.trend.length === 0) return nothing;
    const { points, path } = sparkGeometry(tile.trend);
    const active = this.activePoint?.id === tile.id ? this.activePoint.index : undefined;
    // Roving tabindex: one tab stop per sparkline; arrow keys walk the days.
    const tabStop = active ?? points.length - 1;
    const pointLabel = (i: number) => {
      const p = points[i];
      return p
        ? t(lang, 'trendPoint', { day: formatDay(p.date, lang), value: formatValue(p.value, tile.unit, lang) })
        : '';
    };
    const onKey = (event: KeyboardEvent) => {
      const next =
        event.key === 'ArrowRight'
          ? tabStop + 1
          : event.key === 'ArrowLeft'
            ? tabStop - 1
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? points.length - 1
                : undefined;
      if (next === undefined) return;
      event.preventDefault();
      this.focusPoint(event.currentTarget as SVGSVGElement, tile.id, Math.max(0, Math.min(points.length - 1, next)));
    };
    return html`<svg
        class="spark"
        part="sparkline"
        viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}"
        role="group"
        aria-label=${t(lang, 'trend', { label: tile.label })}
        @keydown=${onKey}
        @pointerleave=${(event: PointerEvent) => {
          if (this.activePoint?.id === tile.id && !(event.currentTarget as SVGSVGElement).querySelector('circle:focus'))
            this.activePoint = undefined;
        }}
      >
        <path d=${path}></path>
        ${points.map((p, i) =>
          p.y === null
            ? nothing
            : svg`<circle
                class=${i === active ? 'active' : ''}
                cx=${p.x}
                cy=${p.y}
                r=${i === active ? 3.5 : 2.2}
                tabindex=${i === tabStop ? 0 : -1}
                role="img"
                aria-label=${pointLabel(i)}
                data-index=${i}
                @focus=${() => (this.activePoint = { id: tile.id, index: i })}
                @pointerenter=${() => (this.activePoint = { id: tile.id, index: i })}
              ></circle>`,
        )}
      </svg>
      <div class="readout" part="readout" aria-hidden="true">${active === undefined ? '' : pointLabel(active)}</div>`;
  }

  private async focusPoint(sparkline: SVGSVGElement, id: string, index: number): Promise<void> {
    this.activePoint = { id, index };
    await this.updateComplete;
    sparkline.querySelector<SVGCircleElement>(`circle[data-index="${index}"]`)?.focus();
  }

  /* ---------------------------------------------------------------- the sheet (一人一表) */

  private renderSheetSkeleton(columns: IndicatorColumn[]): TemplateResult {
    const vars = styleProps({ '--cols': String(columns.length), '--row-height': `${this.rowHeight}px` });
    return html`<div class="sheet-tools toolbar"><span class="skeleton" style=${styleProps({ width: '96px', height: '32px' })}></span></div>
      <div class="sheet" style=${vars}>
        ${Array.from({ length: 8 }, () => html`<div class="row"><div class="cell first"><span class="skeleton" style=${styleProps({ width: '80%', height: '14px' })}></span></div></div>`)}
      </div>`;
  }

  /** The sheet (一人一表) of a result and its rows in the chosen order. */
  private sheetFor(result: IndicatorsResult, columns: IndicatorColumn[], lang: StrideLocale): [SheetModel, SheetRow[]] {
    const sheet = this.sheetOf(result, columns, this.calendar, this.resolved.timeZone);
    return [sheet, this.sortedRowsOf(sheet.rows, sheet.columns, this.sort, lang)];
  }

  private renderSheet(result: IndicatorsResult, columns: IndicatorColumn[]): TemplateResult {
    const { lang, me } = this.resolved;
    const [sheet, rows] = this.sheetFor(result, columns, lang);
    const rowHeight = this.rowHeight;
    const range = clampRange(this.range, rows.length, this.viewportHeight, rowHeight);
    const visible = rows.slice(range.from, range.to);
    const vars = styleProps({ '--cols': String(columns.length), '--row-height': `${rowHeight}px` });
    const mine = me ? rows.find((row) => row.id === me) : undefined;
    const ariaSort = (key: string) =>
      this.sort.key === key ? (this.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
    const arrow = (key: string) => (this.sort.key === key ? (this.sort.direction === 'asc' ? '▲' : '▼') : '⇅');
    return html`<div class="sheet-tools toolbar">
        <button class="button" part="export" @click=${() => this.exportCsv()}>${common(lang, 'exportCsv')}</button>
      </div>
      <div class="sheet" part="sheet" role="table" aria-label=${t(lang, 'sheetLabel')} aria-rowcount=${rows.length + 2} style=${vars} @scroll=${this.onSheetScroll}>
        <div class="sheet-inner">
          <div class="head" role="rowgroup">
            <div class="row" role="row" aria-rowindex="1">
              ${[{ id: 'name', label: t(lang, 'name') }, ...columns].map(
                (
                  { id, label },
                  i,
                ) => html`<div class="cell ${i === 0 ? 'first' : ''}" role="columnheader" aria-sort=${ariaSort(id)}>
                  <button class="sort" data-sort=${id} aria-label=${t(lang, 'sortBy', { label })} @click=${() => this.toggleSort(id)}>
                    ${label} <span class="arrow" aria-hidden="true">${arrow(id)}</span>
                  </button>
                </div>`,
              )}
            </div>
            ${mine ? this.renderRow(mine, rows.indexOf(mine), columns, lang, true) : nothing}
          </div>
          <div class="body" role="rowgroup">
            <div class="spacer" style=${styleProps({ height: `${range.from * rowHeight}px` })}></div>
            ${repeat(
              visible,
              (row) => row.id,
              (row, i) => this.renderRow(row, range.from + i, columns, lang, row.id === me),
            )}
            <div class="spacer" style=${styleProps({ height: `${(rows.length - range.to) * rowHeight}px` })}></div>
          </div>
          <div class="row totals" role="row" aria-rowindex=${rows.length + 2} part="totals">
            <div class="cell first" role="rowheader">${common(lang, 'total')}</div>
            ${sheet.totals.map((cell, i) => this.renderCell(cell, columns[i], lang))}
          </div>
        </div>
      </div>`;
  }

  private renderRow(
    row: SheetRow,
    index: number,
    columns: IndicatorColumn[],
    lang: StrideLocale,
    me: boolean,
  ): TemplateResult {
    // The row-open button needs no handler of its own: a click (or Enter) on it bubbles to the row's.
    return html`<div class="row ${me ? 'me' : ''}" role="row" aria-rowindex=${index + 2} data-row=${row.id} @click=${() => this.select(row.kind, row.id)}>
      <div class="cell first" role="rowheader">
        <button class="row-open" aria-label=${t(lang, 'openRow', { name: row.name })}>${row.name}</button>
      </div>
      ${row.cells.map((cell, i) => this.renderCell(cell, columns[i], lang))}
    </div>`;
  }

  private renderCell(cell: SheetCell, column: IndicatorColumn | undefined, lang: StrideLocale): TemplateResult {
    const unit = column?.unit ?? 'count';
    return html`<div class="cell" role="cell" data-band=${cell.band ?? nothing}>
      <span class="num">${formatValue(cell.value, unit, lang, { compact: true })}</span>
      ${cell.percentOfTarget === null || unit === 'fraction' ? nothing : html`<span class="pct">${formatPercent(cell.percentOfTarget, lang, 0)}</span>`}
    </div>`;
  }

  private toggleSort(key: string): void {
    // A number column starts with the best first (what a huddle asks); the name column starts A-Z.
    const first = key === 'name' ? 'asc' : 'desc';
    this.sort = { key, direction: this.sort.key !== key ? first : this.sort.direction === 'asc' ? 'desc' : 'asc' };
  }

  private onSheetScroll = (event: Event): void => {
    const sheet = event.currentTarget as HTMLElement;
    this.viewportHeight = sheet.clientHeight || this.viewportHeight;
    const count = this.query.state.data?.rows?.length ?? 0;
    const next = visibleRange(sheet.scrollTop, this.viewportHeight, this.rowHeight, count);
    if (next.from !== this.range.from || next.to !== this.range.to) this.range = next;
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The sheet's height decides how many rows the window holds (a wall screen shows more than a phone frame).
    const sheet = this.renderRoot.querySelector<HTMLElement>('.sheet[part="sheet"]') ?? undefined;
    if (sheet === this.observedSheet) return;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observedSheet = sheet;
    if (!sheet) return;
    this.resizeObserver = new ResizeObserver(() => {
      const height = sheet.clientHeight;
      if (height > 0 && height !== this.viewportHeight) {
        this.viewportHeight = height;
        this.requestUpdate();
      }
    });
    this.resizeObserver.observe(sheet);
  }

  /** The sheet as on screen (sort order, shown columns, totals last) as CSV text: exactly what Export CSV saves. */
  toCsv(): string {
    return toCsv(this.csvRows());
  }

  /** Downloads the sheet as `toCsv()` returns it: UTF-8 with BOM, formula-safe. */
  exportCsv(): void {
    if (!this.query.state.data) return;
    const { period, date } = this.resolved;
    downloadCsv(
      `indicators-${safeFilePart(this.scope?.org ?? '')}-${period}-${date}.csv`,
      this.csvRows(),
      this.renderRoot,
    );
  }

  private csvRows(): CsvCell[][] {
    const data = this.query.state.data;
    if (!data) return [];
    const { lang } = this.resolved;
    const [sheet, rows] = this.sheetFor(data, this.columns, lang);
    return sheetCsvRows(sheet, rows, t(lang, 'name'), common(lang, 'total'));
  }
}

/** Before the first scroll event the range is whatever fills the viewport from the top. */
function clampRange(
  range: { from: number; to: number },
  count: number,
  viewportHeight: number,
  rowHeight: number,
): { from: number; to: number } {
  if (range.to === 0 || range.from >= count) return visibleRange(0, viewportHeight, rowHeight, count);
  return { from: range.from, to: Math.min(range.to, count) };
}

function safeFilePart(value: string): string {
  return value.replace(/[^\w.-]+/g, '_').slice(0, 60);
}
