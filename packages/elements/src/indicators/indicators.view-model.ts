/**
 * The view model of <stride-indicators>: an IndicatorsResult plus the catalogue and calendar in, tiles and the
 * one-person-one-row sheet (一人一表) out. Pure: no DOM, no formatting (the component formats through @stride/core).
 */
import {
  DEFAULT_ALERT_RULES,
  dayNumber,
  paceBand,
  paceFor,
  paceStatus,
  periodProgress,
  todayInZone,
  versusBaseline,
  workingCalendar,
  type AlertRules,
  type CellBand,
  type PacedIndicator,
  type PaceStatus,
  type PeriodProgress,
  type VersusBaseline,
} from '@stride/core';
import type {
  IndicatorDefinition,
  IndicatorMeasure,
  IndicatorRow,
  IndicatorUnit,
  IndicatorsResult,
  IsoDateTime,
  StrideLocale,
  TrendPoint,
  WorkCalendar,
  CsvCell,
} from '@stride/core';
import type { TrendDays } from './indicators.sparkline.js';

export interface IndicatorColumn {
  id: string;
  label: string;
  unit: IndicatorUnit;
  /** A supplied balance paces from its opening; everything else is a flow. */
  measure: IndicatorMeasure;
  goodDirection: 'up' | 'down';
  hasAmount: boolean;
  /** How it is counted, in the page's language; empty where the catalogue does not say. */
  counting: string;
}

export type ChangeTone = 'good' | 'bad' | 'neutral';

export interface IndicatorTile extends IndicatorColumn {
  value: number | null;
  target: number | null;
  /** value / target (0-1+), null without a usable target or value. */
  percentOfTarget: number | null;
  /** Where the value should be by asOf (`paceFor`: a count, a flow or a balance from its opening; a fraction: its target). */
  pace: number | null;
  status: PaceStatus | null;
  /** A balance's balance at the period's start, where its pace starts from; null for everything else. */
  opening: number | null;
  amount: number | null;
  /** Relative change against the previous like-for-like span; null when there is nothing to compare with. */
  change: number | null;
  changeTone: ChangeTone | null;
  /** Against the time before the pilot (DESIGN "Baseline"); null when no baseline is given. */
  versusBaseline: VersusBaseline | null;
  baselineTone: ChangeTone | null;
  trend: TrendPoint[];
}

/** A number the widget can show: non-finite values from an adapter count as missing. */
export function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function labelOf(definition: IndicatorDefinition, locale: StrideLocale): string {
  return definition.label[locale] || definition.label.en || definition.id;
}

/**
 * The indicators to show: catalogue order, narrowed to `only` when given (ids the catalogue does not know are
 * ignored: a typo in an attribute must not invent a tile).
 */
export function indicatorColumns(
  catalogue: readonly IndicatorDefinition[],
  locale: StrideLocale,
  only?: readonly string[],
): IndicatorColumn[] {
  const wanted = only && only.length > 0 ? new Set(only) : undefined;
  return catalogue
    .filter((definition) => !wanted || wanted.has(definition.id))
    .map((definition) => ({
      id: definition.id,
      label: labelOf(definition, locale),
      unit: definition.unit,
      measure: definition.measure ?? 'flow',
      goodDirection: definition.goodDirection ?? 'up',
      hasAmount: definition.hasAmount === true,
      counting: definition.counting?.[locale] ?? '',
    }));
}

/** Parses `indicators="contacted, visits,intent"`. */
export function parseIndicatorList(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

export function percentOfTarget(value: number | null | undefined, target: number | null | undefined): number | null {
  const v = finite(value);
  const t = finite(target);
  return v === null || t === null || t === 0 ? null : v / t;
}

/** Change against the previous span, relative; none when either side is missing or the previous span had 0. */
export function changeAgainst(value: number | null | undefined, previous: number | null | undefined): number | null {
  const v = finite(value);
  const p = finite(previous);
  return v === null || p === null || p === 0 ? null : (v - p) / Math.abs(p);
}

export function changeTone(change: number | null, goodDirection: 'up' | 'down'): ChangeTone | null {
  if (change === null) return null;
  if (change === 0) return 'neutral';
  return change > 0 === (goodDirection === 'up') ? 'good' : 'bad';
}

/**
 * A value against the time before the pilot (DESIGN "Baseline"), the one rule of tiles and sheet cells: a count or a
 * flow pro-rated by the share of working days elapsed, a fraction in points. A balance's baseline is a level then,
 * not a span's worth: compared whole, never pro-rated.
 */
export function againstBaseline(
  column: Pick<IndicatorColumn, 'unit' | 'measure' | 'goodDirection'>,
  value: number | null,
  baseline: number | null | undefined,
  share: number,
): { versusBaseline: VersusBaseline | null; baselineTone: ChangeTone | null } {
  const versus = versusBaseline(column.unit, value, baseline, column.measure === 'balance' ? 1 : share);
  // x1 (or +0 pts) is no change from before the pilot
  const baselineTone =
    versus === null ? null : changeTone(versus.kind === 'times' ? versus.by - 1 : versus.by, column.goodDirection);
  return { versusBaseline: versus, baselineTone };
}

export interface TilesModel {
  progress: PeriodProgress;
  tiles: IndicatorTile[];
  /** The days of the sparklines: the same calendar as the pace, and the day still running at asOf. */
  trendDays: TrendDays;
}

/**
 * The day asOf falls in, when that day is not over: today, so far. asOf is min(now, end of the chosen date), so a
 * past date's asOf closes its day and nothing is partial.
 */
export function partialDay(asOf: IsoDateTime, timeZone: string): string | null {
  const at = new Date(asOf);
  if (Number.isNaN(at.getTime())) return null;
  const day = todayInZone(timeZone, at);
  // A second later is still the same day: the day had time left at asOf (an end of day may be written as 23:59:59).
  return todayInZone(timeZone, new Date(at.getTime() + 1000)) === day ? day : null;
}

export function trendDaysOf(asOf: IsoDateTime, calendar: WorkCalendar | undefined, timeZone: string): TrendDays {
  const working = workingCalendar(calendar);
  return {
    isWorkingDay: (date) => working.isWorkingDay(dayNumber(date)),
    partialDate: partialDay(asOf, timeZone),
  };
}

export function buildTiles(
  result: IndicatorsResult,
  columns: readonly IndicatorColumn[],
  calendar: WorkCalendar | undefined,
  timeZone: string,
  rules: AlertRules = DEFAULT_ALERT_RULES,
): TilesModel {
  const progress = periodProgress(result.period, result.asOf, calendar, timeZone);
  const byId = new Map(result.indicators.map((indicator) => [indicator.id, indicator]));
  const tiles = columns.map((column): IndicatorTile => {
    const data = byId.get(column.id);
    const value = finite(data?.value);
    const target = finite(data?.target);
    const pace = paceFor(column, target, progress.share, data?.opening);
    const change = changeAgainst(value, data?.previous);
    const { versusBaseline: versus, baselineTone } = againstBaseline(column, value, data?.baseline, progress.share);
    return {
      ...column,
      value,
      target,
      percentOfTarget: percentOfTarget(value, target),
      pace,
      status: paceStatus(value, pace, column.unit, column.goodDirection, rules),
      opening: column.measure === 'balance' ? finite(data?.opening) : null,
      amount: column.hasAmount ? finite(data?.amount) : null,
      change,
      changeTone: changeTone(change, column.goodDirection),
      versusBaseline: versus,
      baselineTone,
      trend: data?.trend ?? [],
    };
  });
  return { progress, tiles, trendDays: trendDaysOf(result.asOf, calendar, timeZone) };
}

/* ---------------------------------------------------------------- the sheet (一人一表) */

/**
 * Colour band of a cell, 0 (well behind) to 3 (ahead): judged against where it should be by asOf with the one
 * behind rule of the tiles' status and the pace alerts (`paceBand` in @stride/core), so a cell, its tile and an
 * alert never disagree.
 */
export type { CellBand };
export function cellBand(
  value: number | null,
  target: number | null,
  indicator: PacedIndicator,
  share: number,
  goodDirection: 'up' | 'down' = 'up',
  rules: AlertRules = DEFAULT_ALERT_RULES,
  opening?: number | null,
): CellBand | null {
  return paceBand(value, paceFor(indicator, target, share, opening), indicator.unit, goodDirection, rules);
}

export interface SheetCell {
  value: number | null;
  percentOfTarget: number | null;
  band: CellBand | null;
  /** Against the row's own baseline, by the tiles' rule; null where the row has none. */
  versusBaseline: VersusBaseline | null;
  baselineTone: ChangeTone | null;
}

export interface SheetRow {
  id: string;
  name: string;
  kind: 'org' | 'manager';
  cells: SheetCell[];
}

export interface SheetModel {
  columns: IndicatorColumn[];
  rows: SheetRow[];
  /** The scope's own values: counts are sums of the rows, rates are the scope's ratio (never an average of rates). */
  totals: SheetCell[];
  /** Per column: whether any row or the totals compare with a baseline (the column then says so, and exports it). */
  baselineColumns: boolean[];
}

export function buildSheet(
  result: IndicatorsResult,
  columns: readonly IndicatorColumn[],
  share: number,
  rules: AlertRules = DEFAULT_ALERT_RULES,
): SheetModel {
  const cell = (
    value: number | null | undefined,
    target: number | null | undefined,
    column: IndicatorColumn,
    opening: number | null | undefined,
    baseline: number | null | undefined,
  ) => {
    const v = finite(value);
    const t = finite(target);
    const band = cellBand(v, t, column, share, column.goodDirection, rules, opening);
    return {
      value: v,
      percentOfTarget: percentOfTarget(v, t),
      band,
      ...againstBaseline(column, v, baseline, share),
    } satisfies SheetCell;
  };
  const rows = (result.rows ?? []).map((row: IndicatorRow): SheetRow => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    cells: columns.map((column) =>
      cell(
        row.values[column.id],
        row.targets?.[column.id],
        column,
        row.openings?.[column.id],
        row.baselines?.[column.id],
      ),
    ),
  }));
  const byId = new Map(result.indicators.map((indicator) => [indicator.id, indicator]));
  const totals = columns.map((column) => {
    const scopeValue = byId.get(column.id);
    return cell(scopeValue?.value, scopeValue?.target, column, scopeValue?.opening, scopeValue?.baseline);
  });
  const baselineColumns = columns.map(
    (_, i) => totals[i]?.versusBaseline != null || rows.some((row) => row.cells[i]?.versusBaseline != null),
  );
  return { columns: [...columns], rows, totals, baselineColumns };
}

/** A row with any cell behind pace by the one behind rule (bands 0 and 1): what "behind only" keeps. */
export function isBehindRow(row: SheetRow): boolean {
  return row.cells.some((cell) => cell.band === 0 || cell.band === 1);
}

/** `name` or an indicator id. */
export type SortKey = string;
export interface SheetSort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

/**
 * Rows in sort order. Missing values sort last in both directions (a manager with no data is never "top" or
 * "bottom" of a column); ties keep name order so a re-sort is stable across refreshes.
 */
export function sortRows(
  rows: readonly SheetRow[],
  columns: readonly IndicatorColumn[],
  sort: SheetSort,
  locale: StrideLocale,
): SheetRow[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  const byName = (a: SheetRow, b: SheetRow) =>
    collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.key === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
  const index = columns.findIndex((column) => column.id === sort.key);
  if (index < 0) return [...rows].sort(byName);
  return [...rows].sort((a, b) => {
    const x = a.cells[index]?.value ?? null;
    const y = b.cells[index]?.value ?? null;
    if (x === y) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y);
  });
}

/** The sheet as CSV cells, in the order on screen: raw numbers (fractions as 0-1), the totals row last. */
export function sheetCsvRows(
  sheet: SheetModel,
  rows: readonly SheetRow[],
  nameHeader: string,
  totalLabel: string,
  /** The header of a column's "vs pre-pilot" column, which follows it where the column has baselines. */
  baselineHeader: (column: IndicatorColumn) => string,
): CsvCell[][] {
  const line = (cells: readonly SheetCell[]) =>
    cells.flatMap((cell, i) => (sheet.baselineColumns[i] ? [cell.value, baselineCsvValue(cell)] : [cell.value]));
  return [
    [
      nameHeader,
      ...sheet.columns.flatMap((column, i) =>
        sheet.baselineColumns[i] ? [column.label, baselineHeader(column)] : [column.label],
      ),
    ],
    ...rows.map((row) => [row.name, ...line(row.cells)]),
    [totalLabel, ...line(sheet.totals)],
  ];
}

/**
 * The number the cell shows against its baseline, as a number a spreadsheet can sort: the multiple of a count
 * (×10.2 is 10.2) or the points of a fraction (+15.3 pts is 15.3), rounded as on screen.
 */
export function baselineCsvValue(cell: SheetCell): number | null {
  const versus = cell.versusBaseline;
  if (versus === null) return null;
  const shown = versus.kind === 'times' ? versus.by : versus.by * 100;
  const rounded = Math.round(shown * 10) / 10;
  return rounded === 0 ? 0 : rounded; // never -0
}

/**
 * The sort after a click on column `key`: the same column flips; a number column starts with the best first (what
 * a huddle asks), the name column A-Z.
 */
export function nextSort(sort: SheetSort, key: string): SheetSort {
  if (sort.key !== key) return { key, direction: key === 'name' ? 'asc' : 'desc' };
  return { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
}

/** A scope id as a safe part of a file name. */
export function safeFilePart(value: string): string {
  return value.replace(/[^\w.-]+/g, '_').slice(0, 60);
}
