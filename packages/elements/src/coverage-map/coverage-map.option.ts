/**
 * The ECharts option for the coverage map (pure: view model, palette, locale in; option out). Colours come from the
 * theme tokens the element resolved, so host `--stride-*` overrides and dark mode reach the canvas.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { MISSING, common, formatCount, formatPercent, type StrideLocale, type ThemeTokens } from '@stride/core';
import type { CoverageView, GridView } from './coverage-map.view-model.js';
import { t } from './coverage-map.strings.js';
import { WIDE_PADDING, type MapPadding } from './coverage-map.labels.js';

/** Grid names on the map (px); a wall screen passes a larger size. */
export const LABEL_SIZE = 11;
export const HUDDLE_LABEL_SIZE = 15;

export interface MapPalette {
  bands: readonly [string, string, string, string];
  unassigned: string;
  noData: string;
  border: string;
  me: string;
  focus: string;
  text: string;
  surface: string;
}

export function paletteFrom(tokens: ThemeTokens): MapPalette {
  return {
    bands: [tokens['band-0'], tokens['band-1'], tokens['band-2'], tokens['band-3']],
    unassigned: tokens.unassigned,
    noData: tokens['surface-sunken'],
    border: tokens.surface,
    me: tokens.text,
    focus: tokens.focus,
    text: tokens.text,
    surface: tokens.surface,
  };
}

export function gridFill(grid: GridView, palette: MapPalette): string {
  if (grid.unassigned) return palette.unassigned;
  if (grid.band === null) return palette.noData;
  return palette.bands[grid.band];
}

/** The tooltip as plain text lines (richText mode: nothing is ever parsed as HTML). */
export function tooltipText(grid: GridView, locale: StrideLocale): string {
  const managers = grid.managerNames.length > 0 ? grid.managerNames.join('、') : grid.managerIds.join(', ');
  // "label: value" as every widget writes it in the page's language (a full-width colon in zh-CN).
  const line = (label: Parameters<typeof t>[1], value: string) =>
    common(locale, 'labelled', { label: t(locale, label), value });
  return [
    grid.name,
    line('managers', managers || t(locale, 'unassigned')),
    line('households', formatCount(grid.households, locale)),
    line('covered', formatCount(grid.covered, locale)),
    line('coverage', formatPercent(grid.coverage, locale)),
    line('openLeads', grid.openLeads === null ? MISSING : formatCount(grid.openLeads, locale)),
  ].join('\n');
}

export interface MapOptionInput {
  view: CoverageView;
  mapName: string;
  palette: MapPalette;
  locale: StrideLocale;
  aspectScale: number;
  /** The grids whose names are drawn (placed clear of each other: coverage-map.labels.ts). */
  labelled: ReadonlySet<string>;
  /** Name size in px (larger on a wall screen). */
  labelSize?: number;
  /** Room kept free around the grids (the zoom buttons' strip): `mapPadding(width)`. */
  padding?: MapPadding;
  /** The current roam; omitted on a first draw (fit the map). */
  zoom?: number;
  center?: [number, number];
}

/** The geo component's id, for roam, highlight and tooltip actions. */
export const GEO_ID = 'grids';

/**
 * Grids cross this many pixels on average (at the current zoom) before any name is tried: below it hardly a name fits,
 * and placing thousands of them would be work for nothing.
 */
const LABEL_MIN_PX = 20;

/** Whether grid names are tried on a map of `count` grids filling `widthPx` x `heightPx` at `zoom`. */
export function labelsShown(widthPx: number, heightPx: number, count: number, zoom: number): boolean {
  return Math.sqrt((widthPx * heightPx * 0.6) / Math.max(1, count)) * zoom >= LABEL_MIN_PX;
}

export function buildMapOption(input: MapOptionInput): EChartsCoreOption {
  const { view, palette, locale } = input;
  const regions = view.grids.map((grid) => {
    const fill = gridFill(grid, palette);
    const named = input.labelled.has(grid.gridId);
    return {
      name: grid.gridId,
      itemStyle: {
        areaColor: fill,
        borderColor: grid.mine ? palette.me : palette.border,
        borderWidth: grid.mine ? 2.5 : 0.8,
        borderType: grid.unassigned ? 'dashed' : 'solid',
      },
      ...(named ? { label: { show: true } } : {}),
      emphasis: {
        itemStyle: { areaColor: fill, borderColor: palette.focus, borderWidth: 3 },
        ...(named ? { label: { show: true } } : {}),
      },
    };
  });
  const geo: Record<string, unknown> = {
    id: GEO_ID,
    map: input.mapName,
    nameProperty: 'gridId',
    roam: true,
    aspectScale: input.aspectScale,
    scaleLimit: { min: 1, max: 64 },
    selectedMode: false,
    // A component's tooltip takes its formatter from the component, never from the global tooltip (ECharts keeps the
    // global one for series); the global tooltip below sets the rich-text mode and the colours.
    tooltip: {
      show: true,
      formatter: (params: { name: string }) => {
        const grid = view.byId.get(params.name);
        return grid ? tooltipText(grid, locale) : params.name;
      },
    },
    // The grids fill the panel less its padding, keeping their aspect: a wide panel no longer gets a map sized by its
    // height alone (layoutSize is a share of the shorter side, so the old 96% left two thirds of a wide panel empty).
    ...(input.padding ?? WIDE_PADDING),
    preserveAspect: 'contain',
    label: {
      show: false,
      color: palette.text,
      fontSize: input.labelSize ?? LABEL_SIZE,
      textBorderColor: palette.surface,
      textBorderWidth: 2,
      formatter: (params: { name: string }) => view.byId.get(params.name)?.name ?? params.name,
    },
    // Names only where they can be read: the placed grids turn theirs on; a hovered or focused grid without room for
    // its name gets it from the tooltip. ECharts builds a text element, its style and its placement for every region
    // as soon as any state (its geo default turns on the hover and select labels) shows a label, a large share of the
    // first draw of many grids, so no state shows one by default.
    emphasis: { label: { show: false, color: palette.text } },
    select: { label: { show: false } },
    regions,
  };
  if (input.zoom !== undefined) geo['zoom'] = input.zoom;
  if (input.center) geo['center'] = input.center;
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      confine: true,
      backgroundColor: palette.surface,
      borderColor: palette.border,
      textStyle: { color: palette.text },
    },
    geo: [geo],
  };
}
