import { html, type TemplateResult } from 'lit';
import {
  indicatorLeads,
  rowLeads,
  common,
  periodProgress,
  toCsv,
  type AlertRules,
  type CsvCell,
  type IndicatorDefinition,
  type IndicatorRows,
  type IndicatorsQuery,
  type IndicatorsResult,
  type StrideLocale,
  type WorkCalendar,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { ShareController } from '../shared/share-controller.js';
import { baseStyles } from '../shared/styles.js';
import { renderQueryState } from '../shared/states.js';
import { downloadCsv } from '../shared/download.js';
import { memoLast } from '../shared/memo.js';
import { RovingFocusController } from '../shared/roving-focus-controller.js';
import { ListWindowController } from '../shared/list-window-controller.js';
import { indicatorsStyles } from './indicators.styles.js';
import { t } from './indicators.strings.js';
import {
  buildSheet,
  buildTiles,
  indicatorColumns,
  isBehindRow,
  nextSort,
  parseIndicatorList,
  safeFilePart,
  sheetCsvRows,
  sortRows,
  type IndicatorColumn,
  type SheetModel,
  type SheetRow,
  type SheetSort,
} from './indicators.view-model.js';
import {
  renderSheet,
  renderSheetRow,
  renderSheetSkeleton,
  renderTiles,
  renderTilesSkeleton,
  type TileHandlers,
} from './indicators.templates.js';

export type IndicatorsLayout = 'tiles' | 'table';

const ROW_HEIGHT = 36;
const HUDDLE_ROW_HEIGHT = 52;
/** Px of rows rendered beyond each edge of the sheet's window. */
const SHEET_OVERHANG = 240;

/**
 * @tagname stride-indicators
 * @summary The 10 process indicators of account managers' work: tiles with value, target, pace, status, change and
 * a daily sparkline, or the one-person-one-row sheet (一人一表) of the scope's child orgs or managers.
 *
 * @attr layout - `tiles` (default) or `table`.
 * @attr rows - Table rows: `children` (child org units, default) or `managers`.
 * @attr indicators - Comma-separated ids to show a subset, e.g. `contacted,visits,intent`.
 * @attr behind-only - The table lists only rows behind pace on some indicator (the rule of the tiles and the alerts).
 * @prop {IndicatorDefinition[]} catalogue - Relabel, reorder, drop or add indicators (default: DEFAULT_CATALOGUE).
 * @prop {WorkCalendar} calendar - Holidays and make-up working days for pace (default Monday-Friday).
 *
 * @event stride-select - A tile's label or number (kind `indicator`) or a table row (kind `org` or `manager`) was
 * activated; where the adapter has `leads`, `detail.leads` opens the rows the tile counts (a rate: its denominator,
 * `counted` marked) or the row's leads (`detail.scope` narrowed to the row), and the tile's number is a link.
 * @event stride-error - The adapter failed; `detail.error.kind === 'auth'` means the session expired.
 * @event stride-warning - Items were dropped from the result by validation.
 * @event stride-share - The Share button (分享) made this section's digest: `detail: {png, text, markdown: {wecom, dingtalk}}`.
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
 * @csspart sparkline - The daily trend: working days only, non-working days as a shaded gap, today hollow ("so far").
 * @csspart trend-note - Why a rate's trend ends before the last day (its window has not closed yet).
 * @csspart readout - The day and value of the focused or hovered sparkline point.
 * @csspart sheet - The scrolling table.
 * @csspart export - The CSV export button.
 * @csspart legend - What the small figures of a sheet cell are, shown when rows carry baselines.
 * @csspart cell-baseline - A sheet cell's comparison with before the pilot (×10.2, +15.3 pts).
 * @csspart state - Empty, not-configured and error states.
 * @csspart share - The Share button (分享); its status line follows it.
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
    calendar: { attribute: false },
    sort: { state: true },
    behindOnly: { type: Boolean, attribute: 'behind-only' },
  };

  layout: IndicatorsLayout = 'tiles';
  rows: IndicatorRows = 'children';
  indicators = '';
  declare calendar?: WorkCalendar;
  /** The sheet lists only rows behind pace on some indicator (the rule the tiles and alerts use). */
  behindOnly = false;

  private sort: SheetSort = { key: 'name', direction: 'asc' };

  /** Share (分享): the tiles' indicators against pace, as a picture and texts for the team's chat. */
  readonly sharing: ShareController = new ShareController(
    this,
    () => (this.query.state.data ? { indicators: this.query.state.data } : undefined),
    () => ({ catalogue: this.resolved.catalogue, calendar: this.calendar }),
  );
  readonly query = this.createQuery('indicators', (scope): IndicatorsQuery =>
    this.layout === 'table' ? { scope, rows: this.rows === 'managers' ? 'managers' : 'children' } : { scope },
  );

  /** The sparkline point being read: one at a time over all tiles, a roving tab stop per sparkline. */
  private readonly trendFocus = new RovingFocusController(this);
  /** The sheet's rows: windowed, so a bank's 10,000 managers keep a few dozen rows in the DOM. */
  private readonly sheetWindow = new ListWindowController(this, {
    rowHeight: () => this.rowHeight,
    overhang: SHEET_OVERHANG,
    initial: { first: 0, last: 13 },
    list: () => this.renderRoot.querySelector('.sheet[part="sheet"]'),
    focusable: (index) => `.body [aria-rowindex="${index + 2}"] .row-open`,
  });
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
      rules: AlertRules,
    ): SheetModel =>
      buildSheet(result, columns, periodProgress(result.period, result.asOf, calendar, timeZone).share, rules),
  );
  private readonly sortedRowsOf = memoLast(sortRows);
  private readonly behindRowsOf = memoLast((rows: SheetRow[]) => rows.filter(isBehindRow));

  private readonly tileHandlers: TileHandlers = {
    onSelect: (id) => this.select('indicator', id, (scope) => indicatorLeads(scope, id)),
    opensLeads: (id) => this.leadsBehind((scope) => indicatorLeads(scope, id)) !== undefined,
    activePoint: (tileId) => this.trendFocus.active(tileId),
    onPointKey: (event, tileId, tabStop, count) => {
      const next = this.trendFocus.handleKey(event, tileId, tabStop, count, { axis: 'horizontal' });
      if (next === undefined) return;
      this.showPoint(tileId, next);
      const sparkline = event.currentTarget as SVGSVGElement;
      void this.trendFocus.focusWhenRendered(() =>
        sparkline.querySelector<SVGCircleElement>(`circle[data-index="${next}"]`),
      );
    },
    onPointActive: (tileId, index) => this.showPoint(tileId, index),
    onLeave: (event, tileId) => {
      const sparkline = event.currentTarget as SVGSVGElement;
      if (!sparkline.querySelector('circle:focus')) this.trendFocus.clear(tileId);
    },
  };

  private get columns(): IndicatorColumn[] {
    return this.columnsOf(this.resolved.catalogue, this.resolved.lang, this.indicators);
  }

  private get rowHeight(): number {
    return this.mode === 'huddle' ? HUDDLE_ROW_HEIGHT : ROW_HEIGHT;
  }

  /** Reads one point of one sparkline; every other sparkline goes back to its last day. */
  private showPoint(tileId: string, index: number): void {
    this.trendFocus.clear();
    this.trendFocus.set(tileId, index);
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
        skeleton: () => (table ? renderSheetSkeleton(columns, this.rowHeight) : renderTilesSkeleton(columns)),
        isEmpty: (data) => (table ? (data.rows ?? []).length === 0 : data.indicators.length === 0),
        emptyReason: common(lang, 'emptyReason'),
        data: (data) => (table ? this.renderSheet(data, columns) : this.renderTiles(data, columns)),
        retry: () => this.query.refetch(),
      })}
    </div>`;
  }

  private renderTiles(result: IndicatorsResult, columns: IndicatorColumn[]): TemplateResult {
    const { lang, timeZone } = this.resolved;
    const { progress, tiles, trendDays } = buildTiles(
      result,
      columns,
      this.calendar,
      timeZone,
      this.resolved.alertRules,
    );
    return renderTiles(result, progress, tiles, lang, timeZone, this.tileHandlers, trendDays, this.sharing.render());
  }

  /** The sheet (一人一表) of a result and its rows in the chosen order. */
  private sheetFor(result: IndicatorsResult, columns: IndicatorColumn[], lang: StrideLocale): [SheetModel, SheetRow[]] {
    const sheet = this.sheetOf(result, columns, this.calendar, this.resolved.timeZone, this.resolved.alertRules);
    const sorted = this.sortedRowsOf(sheet.rows, sheet.columns, this.sort, lang);
    return [sheet, this.behindOnly ? this.behindRowsOf(sorted) : sorted];
  }

  private renderSheet(result: IndicatorsResult, columns: IndicatorColumn[]): TemplateResult {
    const { lang, me } = this.resolved;
    const [sheet, rows] = this.sheetFor(result, columns, lang);
    const handlers = {
      onSort: (key: string) => {
        this.sort = nextSort(this.sort, key);
      },
      onSelectRow: (row: SheetRow) => this.select(row.kind, row.id, (scope) => rowLeads(scope, row.kind, row.id)),
      onExport: () => this.exportCsv(),
      onBehindOnly: () => {
        this.behindOnly = !this.behindOnly;
      },
    };
    const body = this.sheetWindow.rows(rows, (row, index) =>
      renderSheetRow(row, index, columns, lang, row.id === me, handlers),
    );
    return renderSheet(
      sheet,
      rows,
      body,
      this.rowHeight,
      { columns, lang, me, sort: this.sort, behindOnly: this.behindOnly, tools: this.sharing.render() },
      handlers,
    );
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
    return sheetCsvRows(sheet, rows, t(lang, 'name'), common(lang, 'total'), (column) =>
      t(lang, column.unit === 'fraction' ? 'csvBaselinePoints' : 'csvBaselineTimes', { label: column.label }),
    );
  }
}
