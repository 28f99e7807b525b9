/**
 * The indicators' template parts: tiles with their bar, change and sparkline, and the sheet (一人一表) with its rows
 * and totals. Pure functions of the view model and the handlers the element passes in.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  common,
  formatDateTime,
  formatDay,
  formatMoney,
  formatPercent,
  formatSignedPercent,
  formatVersusBaseline,
  formatValue,
  type IndicatorsResult,
  type StrideLocale,
} from '@stride/core';
import { renderCounting } from '../shared/counting.js';
import { icon, type IconName } from '../shared/icons.js';
import { styleProps } from '../shared/style-props.js';
import { t } from './indicators.strings.js';
import type {
  IndicatorColumn,
  IndicatorTile,
  SheetCell,
  SheetModel,
  SheetRow,
  SheetSort,
} from './indicators.view-model.js';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkGeometry, type SparkPoint, type TrendDays } from './indicators.sparkline.js';
import type { PaceStatus, PeriodProgress } from '@stride/core';

const STATUS_ICON: Record<PaceStatus, IconName> = { ahead: 'check', 'on-pace': 'equals', behind: 'exclamation' };

/** What a tile's sparkline needs from the element: its roving point and what to do on keys and the pointer. */
export interface TrendHandlers {
  /** The point of `tileId`'s sparkline being read, if any. */
  activePoint: (tileId: string) => number | undefined;
  onPointKey: (event: KeyboardEvent, tileId: string, tabStop: number, count: number) => void;
  onPointActive: (tileId: string, index: number) => void;
  onLeave: (event: PointerEvent, tileId: string) => void;
}

export interface TileHandlers extends TrendHandlers {
  onSelect: (indicatorId: string) => void;
  /** Whether the tile's number opens the rows it counts (the adapter has `leads`). */
  opensLeads: (indicatorId: string) => boolean;
}

/**
 * The tile grid's columns on a wall screen (`--wall-columns`, read by the styles at 1400 px and wider): at most six,
 * with rows as even as they can be, so a huddle sees every tile at once: 12 tiles are 6 + 6, not 5 + 5 + 2 with
 * the balances below the screen's edge; 10 are 5 + 5.
 */
function wallColumns(tileCount: number): ReturnType<typeof styleProps> {
  const rows = Math.max(1, Math.ceil(tileCount / 6));
  return styleProps({ '--wall-columns': String(Math.max(1, Math.ceil(tileCount / rows))) });
}

// The skeletons' spans are flex items (of .period, .toolbar and .cell), so they take a width and height as blocks.

export function renderTilesSkeleton(columns: readonly IndicatorColumn[]): TemplateResult {
  return html`<div class="period"><span class="skeleton" style=${styleProps({ width: '160px', height: '14px' })}></span></div>
    <ul class="tiles tile-grid" role="list" style=${wallColumns(columns.length)}>
      ${columns.map(() => html`<li class="tile"><div class="skeleton" style=${styleProps({ height: '150px' })}></div></li>`)}
    </ul>`;
}

export function renderTiles(
  result: IndicatorsResult,
  progress: PeriodProgress,
  tiles: readonly IndicatorTile[],
  lang: StrideLocale,
  timeZone: string,
  handlers: TileHandlers,
  trendDays?: TrendDays,
  tools: unknown = nothing,
): TemplateResult {
  return html`<p class="period" part="period">
      <span>${common(lang, 'asOf', { time: formatDateTime(result.asOf, lang, timeZone) })}</span>
      <span>${progress.notStarted ? t(lang, 'notStarted') : t(lang, 'workingDays', { elapsed: progress.elapsed, total: progress.total })}</span>
      ${tools}
    </p>
    <ul class="tiles tile-grid" part="tiles" role="list" aria-label=${t(lang, 'listLabel')} style=${wallColumns(tiles.length)}>
      ${repeat(
        tiles,
        (tile) => tile.id,
        (tile) => renderTile(tile, lang, progress.notStarted, handlers, trendDays),
      )}
    </ul>`;
}

function renderTile(
  tile: IndicatorTile,
  lang: StrideLocale,
  notStarted: boolean,
  handlers: TileHandlers,
  trendDays: TrendDays | undefined,
): TemplateResult {
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
  const statusText = tile.status ? t(lang, tile.status) : t(lang, notStarted ? 'notStarted' : 'noStatus');
  const name = t(lang, tile.hasAmount ? 'tileNameAmount' : 'tileName', {
    label: tile.label,
    value,
    amount,
    target: targetName,
    status: statusText,
  });
  return html`<li class="tile ${tile.status ?? 'none'}" part="tile" aria-label=${name} data-indicator=${tile.id}>
    <button class="tile-label" part="tile-label" @click=${() => handlers.onSelect(tile.id)}>${tile.label}</button>
    ${
      // With a lead list to open, the number is the link to the rows it counts (the label still drills down too).
      handlers.opensLeads(tile.id)
        ? html`<button class="value link" part="value" @click=${() => handlers.onSelect(tile.id)}>${value}</button>`
        : html`<div class="value" part="value">${value}</div>`
    }
    ${tile.hasAmount ? html`<div class="amount" part="amount">${t(lang, 'amount', { amount })}</div>` : nothing}
    <div class="target" part="target">${targetText}</div>
    ${
      // a balance starts the period where it stood: what it should reach by today is read, not guessed from the bar
      tile.opening === null || tile.pace === null
        ? nothing
        : html`<div class="target" part="opening">
            ${t(lang, 'balancePace', { opening: formatValue(tile.opening, tile.unit, lang), pace: formatValue(tile.pace, tile.unit, lang) })}
          </div>`
    }
    ${renderBar(tile, lang)}
    <div class="status" part="status">
      ${tile.status ? html`<span class="icon" aria-hidden="true">${icon(STATUS_ICON[tile.status])}</span>` : nothing}<span>${statusText}</span>
    </div>
    <div class="change ${tile.changeTone ?? ''}" part="change">${renderChange(tile, lang)}</div>
    ${
      tile.versusBaseline === null
        ? nothing
        : html`<div class="change ${tile.baselineTone ?? ''}" part="baseline">
            ${t(lang, 'versusBaseline', { by: formatVersusBaseline(tile.versusBaseline, lang) })}
          </div>`
    }
    ${renderSparkline(tile, lang, handlers, trendDays)}
    ${renderCounting(tile.counting, lang)}
  </li>`;
}

/**
 * The bar runs 0 to target for a count (marker at pace), 0 to 100% for a rate (marker at its target, which is a
 * rate's pace), and opening to target for a balance: from 0 a book of 34.5亿 growing to 35.3亿 would fill the bar on
 * the first day and never move.
 */
function renderBar(tile: IndicatorTile, lang: StrideLocale): TemplateResult | typeof nothing {
  if (tile.target === null || tile.target <= 0) return nothing;
  const from = tile.opening !== null && tile.opening < tile.target ? tile.opening : 0;
  const scale = (tile.unit === 'fraction' ? 1 : tile.target) - from;
  const position = (n: number) => `${Math.max(0, Math.min(1, (n - from) / scale)) * 100}%`;
  return html`<div class="bar" part="progress" title=${tile.pace === null ? '' : t(lang, 'paceMarker', { pace: formatValue(tile.pace, tile.unit, lang) })}>
    <span class="fill" style=${styleProps({ width: position(tile.value ?? 0) })}></span>
    ${tile.pace === null ? nothing : html`<span class="marker" style=${styleProps({ 'inset-inline-start': position(tile.pace) })}></span>`}
  </div>`;
}

function changeArrow(change: number): string {
  if (change > 0) return '▲';
  return change < 0 ? '▼' : '→';
}

function renderChange(tile: IndicatorTile, lang: StrideLocale): TemplateResult | string {
  // Nothing to compare with reads "-- vs previous": the missing-number mark where the change would be.
  const text = t(lang, 'change', { change: formatSignedPercent(tile.change, lang) });
  if (tile.change === null) return text;
  return html`<span aria-hidden="true">${changeArrow(tile.change)}</span> ${text}`;
}

/** Why a rate's line stops before the last day: its window has not closed for the days after it. */
function pendingNote(tile: IndicatorTile, lang: StrideLocale): string {
  if (tile.id === 'claim_rate') return t(lang, 'pendingClaim');
  if (tile.id === 'followup_rate') return t(lang, 'pendingFollowup');
  return t(lang, 'pendingRate');
}

function restLabel(days: readonly string[], recorded: number, tile: IndicatorTile, lang: StrideLocale): string {
  const first = formatDay(days[0] ?? '', lang);
  const range = days.length > 1 ? `${first}–${formatDay(days[days.length - 1] ?? '', lang)}` : first;
  if (recorded === 0) return t(lang, 'restDays', { days: range });
  return t(lang, 'restDaysRecorded', { days: range, value: formatValue(recorded, tile.unit, lang) });
}

/**
 * The daily trend: one tab stop per sparkline (roving), arrow keys walk the days, the readout names the point.
 * Working days only, non-working days as a shaded gap; the day still running is hollow and says "so far".
 */
function renderSparkline(
  tile: IndicatorTile,
  lang: StrideLocale,
  handlers: TrendHandlers,
  trendDays: TrendDays | undefined,
): TemplateResult | typeof nothing {
  if (tile.trend.length === 0) return nothing;
  const { points, path, partialPath, rests, pendingTail, daily } = sparkGeometry(tile.trend, trendDays);
  const active = handlers.activePoint(tile.id);
  const lastDrawn = points.findLastIndex((p) => p.y !== null);
  const tabStop = active ?? (lastDrawn >= 0 ? lastDrawn : points.length - 1);
  const pointLabel = (i: number) => {
    const p: SparkPoint | undefined = points[i];
    if (!p) return '';
    const parts = { day: formatDay(p.date, lang), value: formatValue(p.value, tile.unit, lang) };
    if (!p.partial) return t(lang, 'trendPoint', parts);
    return t(lang, daily ? 'partialDay' : 'partialWeek', parts);
  };
  // A rate whose last days have no value yet ends early on purpose: say so where it ends, not only to a screen reader.
  const pending = tile.unit === 'fraction' && pendingTail > 0 && lastDrawn >= 0;
  const noteId = `pending-${tile.id}`;
  return html`<svg
      class="spark"
      part="sparkline"
      viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}"
      role="group"
      aria-label=${t(lang, trendDays && daily ? 'trendWorkingDays' : 'trend', { label: tile.label })}
      aria-describedby=${pending ? noteId : nothing}
      @keydown=${(event: KeyboardEvent) => handlers.onPointKey(event, tile.id, tabStop, points.length)}
      @pointerleave=${(event: PointerEvent) => handlers.onLeave(event, tile.id)}
    >
      ${rests.map(
        (rest) =>
          svg`<rect class="rest" x=${rest.from} y="0" width=${rest.to - rest.from} height=${SPARK_HEIGHT}><title>${restLabel(rest.dates, rest.recorded, tile, lang)}</title></rect>`,
      )}
      <path d=${path}></path>
      ${partialPath ? svg`<path class="partial" d=${partialPath}></path>` : nothing}
      ${points.map((p, i) => {
        if (p.y === null) return nothing;
        const classes = [i === active ? 'active' : '', p.partial ? 'partial' : ''].filter(Boolean).join(' ');
        return svg`<circle
              class=${classes}
              cx=${p.x}
              cy=${p.y}
              r=${i === active ? 3.5 : p.partial ? 2.8 : 2.2}
              tabindex=${i === tabStop ? 0 : -1}
              role="img"
              aria-label=${pointLabel(i)}
              data-index=${i}
              data-date=${p.date}
              @focus=${() => handlers.onPointActive(tile.id, i)}
              @pointerenter=${() => handlers.onPointActive(tile.id, i)}
            >${p.partial ? svg`<title>${pointLabel(i)}</title>` : nothing}</circle>`;
      })}
    </svg>
    ${pending ? html`<div class="pending" part="trend-note" id=${noteId}>${pendingNote(tile, lang)}</div>` : nothing}
    <div class="readout" part="readout" aria-hidden="true">${active === undefined ? '' : pointLabel(active)}</div>`;
}

function sheetVars(columns: readonly IndicatorColumn[], rowHeight: number): ReturnType<typeof styleProps> {
  return styleProps({ '--cols': String(columns.length), '--row-height': `${rowHeight}px` });
}

export function renderSheetSkeleton(columns: readonly IndicatorColumn[], rowHeight: number): TemplateResult {
  return html`<div class="sheet-tools toolbar"><span class="skeleton" style=${styleProps({ width: '96px', height: '32px' })}></span></div>
    <div class="sheet" style=${sheetVars(columns, rowHeight)}>
      ${Array.from({ length: 8 }, () => html`<div class="row"><div class="cell first"><span class="skeleton" style=${styleProps({ width: '80%', height: '14px' })}></span></div></div>`)}
    </div>`;
}

export interface SheetHandlers {
  onSort: (key: string) => void;
  onSelectRow: (row: SheetRow) => void;
  onExport: () => void;
  onBehindOnly: () => void;
}

export function renderSheet(
  sheet: SheetModel,
  rows: readonly SheetRow[],
  /** The rows in the window, between their spacers (the list window controller's rows). */
  body: unknown,
  rowHeight: number,
  context: {
    columns: readonly IndicatorColumn[];
    lang: StrideLocale;
    me: string | undefined;
    sort: SheetSort;
    behindOnly: boolean;
    /** The share action, beside the export. */
    tools?: unknown;
  },
  handlers: SheetHandlers,
): TemplateResult {
  const { columns, lang, me, sort } = context;
  const baselines = sheet.baselineColumns.some(Boolean);
  const mine = me ? rows.find((row) => row.id === me) : undefined;
  const ariaSort = (key: string) => {
    if (sort.key !== key) return 'none';
    return sort.direction === 'asc' ? 'ascending' : 'descending';
  };
  const arrow = (key: string) => {
    if (sort.key !== key) return '⇅';
    return sort.direction === 'asc' ? '▲' : '▼';
  };
  return html`<div class="sheet-tools toolbar">
      <button class="button" part="behind-only" aria-pressed=${context.behindOnly ? 'true' : 'false'} @click=${handlers.onBehindOnly}>${t(lang, 'behindOnly')}</button>
      <button class="button" part="export" @click=${handlers.onExport}>${common(lang, 'exportCsv')}</button>
      ${context.tools ?? nothing}
    </div>
    ${baselines ? html`<p class="legend" part="legend">${t(lang, 'baselineLegend')}</p>` : nothing}
    <div class="sheet" part="sheet" role="table" aria-label=${t(lang, 'sheetLabel')} aria-rowcount=${rows.length + 2} style=${sheetVars(columns, rowHeight)}>
      <div class="sheet-inner">
        <div class="head" role="rowgroup">
          <div class="row" role="row" aria-rowindex="1">
            ${[{ id: 'name', label: t(lang, 'name') }, ...columns].map(
              (
                { id, label },
                i,
              ) => html`<div class="cell ${i === 0 ? 'first' : ''}" role="columnheader" aria-sort=${ariaSort(id)}>
                <button class="sort" data-sort=${id} aria-label=${t(lang, 'sortBy', { label })} @click=${() => handlers.onSort(id)}>
                  ${label} <span class="arrow" aria-hidden="true">${arrow(id)}</span>
                </button>
              </div>`,
            )}
          </div>
          ${mine ? renderSheetRow(mine, rows.indexOf(mine), columns, lang, true, handlers) : nothing}
        </div>
        <div class="body" role="rowgroup">
          ${body}
        </div>
        <div class="row totals" role="row" aria-rowindex=${rows.length + 2} part="totals">
          <div class="cell first" role="rowheader">${common(lang, 'total')}</div>
          ${sheet.totals.map((cell, i) => renderCell(cell, columns[i], lang))}
        </div>
      </div>
    </div>`;
}

export function renderSheetRow(
  row: SheetRow,
  index: number,
  columns: readonly IndicatorColumn[],
  lang: StrideLocale,
  me: boolean,
  handlers: SheetHandlers,
): TemplateResult {
  // The row-open button needs no handler of its own: a click (or Enter) on it bubbles to the row's.
  return html`<div class="row ${me ? 'me' : ''}" role="row" aria-rowindex=${index + 2} data-row=${row.id} @click=${() => handlers.onSelectRow(row)}>
    <div class="cell first" role="rowheader">
      <button class="row-open" aria-label=${t(lang, 'openRow', { name: row.name })}>${row.name}</button>
    </div>
    ${row.cells.map((cell, i) => renderCell(cell, columns[i], lang))}
  </div>`;
}

/**
 * A cell: its number, and beside it in small type the share of target (a count) over the comparison with before the
 * pilot (×10.2, +15.3 pts), stacked so both fit a narrow column. The comparison reads in full to a screen reader.
 */
function renderCell(cell: SheetCell, column: IndicatorColumn | undefined, lang: StrideLocale): TemplateResult {
  const unit = column?.unit ?? 'count';
  const pct =
    cell.percentOfTarget === null || unit === 'fraction'
      ? nothing
      : html`<span class="pct">${formatPercent(cell.percentOfTarget, lang, 0)}</span>`;
  const versus =
    cell.versusBaseline === null
      ? nothing
      : html`<span class="vs ${cell.baselineTone ?? ''}" part="cell-baseline" title=${t(lang, 'versusBaseline', { by: formatVersusBaseline(cell.versusBaseline, lang) })}
          ><span class="visually-hidden">${t(lang, 'preBaseline')} </span>${formatVersusBaseline(cell.versusBaseline, lang)}</span
        >`;
  return html`<div class="cell" role="cell" data-band=${cell.band ?? nothing}>
    <span class="num">${formatValue(cell.value, unit, lang, { compact: true })}</span>
    ${pct === nothing && versus === nothing ? nothing : html`<span class="side">${pct}${versus}</span>`}
  </div>`;
}
