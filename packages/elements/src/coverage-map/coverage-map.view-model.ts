/**
 * Coverage view model (pure, no DOM): joins coverage cells to grid features, bands each grid, marks the signed-in
 * manager's grids and unassigned ones, and lists coverage rows for grids the map does not know.
 */
import type { CoverageCell, CsvCell, DroppedItems, Grids, StrideLocale } from '@stride/core';
import { t } from './coverage-map.strings.js';

/** Default band edges: below 30%, 30-60%, 60-90%, 90% and above. */
export const DEFAULT_BAND_EDGES: readonly number[] = [0.3, 0.6, 0.9];

export type CoverageBand = 0 | 1 | 2 | 3;

/**
 * Band edges from an attribute (`"0.3,0.6,0.9"` or percentages `"30,60,90"`) or an array: exactly three ascending
 * fractions in (0, 1]; anything else falls back to the default so a typo never uncolours the map.
 */
export function parseBandEdges(value: string | readonly number[] | null | undefined): readonly number[] {
  if (value === null || value === undefined || value === '') return DEFAULT_BAND_EDGES;
  const raw =
    typeof value === 'string'
      ? value
          .split(/[,\s]+/)
          .filter(Boolean)
          .map(Number)
      : [...value];
  const percentages = raw.some((x) => x > 1);
  const edges = raw.map((x) => (percentages ? x / 100 : x));
  const valid =
    edges.length === 3 &&
    edges.every((x, i) => Number.isFinite(x) && x > 0 && x <= 1 && (i === 0 || x > (edges[i - 1] ?? 0)));
  return valid ? edges : DEFAULT_BAND_EDGES;
}

/** The band a coverage fraction falls in: an edge belongs to the band above it (exactly 90% is the top band). */
export function coverageBand(
  coverage: number | null,
  edges: readonly number[] = DEFAULT_BAND_EDGES,
): CoverageBand | null {
  if (coverage === null || !Number.isFinite(coverage)) return null;
  let band = 0;
  for (const edge of edges) if (coverage >= edge) band += 1;
  return Math.min(band, 3) as CoverageBand;
}

export interface GridView {
  gridId: string;
  name: string;
  managerIds: string[];
  managerNames: string[];
  households: number | null;
  covered: number | null;
  /** covered / households, null when households is 0 or there is no coverage row. */
  coverage: number | null;
  openLeads: number | null;
  band: CoverageBand | null;
  /** No manager is fixed to this grid (定员 not done yet). */
  unassigned: boolean;
  /** One of the grids of the signed-in manager. */
  mine: boolean;
  /** The grid has a coverage row. */
  hasCoverage: boolean;
}

export interface CoverageView {
  /** In geometry order when there is geometry, else in coverage order. */
  grids: GridView[];
  byId: ReadonlyMap<string, GridView>;
  /** Coverage rows whose gridId is not among the features, dropped from the picture. */
  unknownGridIds: string[];
  households: number;
  covered: number;
  /** Ratio of sums (DESIGN: never an average of rates). */
  coverage: number | null;
  bandsPresent: ReadonlySet<CoverageBand>;
  hasUnassigned: boolean;
  hasNoData: boolean;
  hasMine: boolean;
}

function cellView(cell: CoverageCell, name: string, edges: readonly number[], me: string | undefined): GridView {
  const coverage = cell.households > 0 ? cell.covered / cell.households : null;
  return {
    gridId: cell.gridId,
    name,
    managerIds: cell.managerIds,
    managerNames: cell.managerNames ?? [],
    households: cell.households,
    covered: cell.covered,
    coverage,
    openLeads: cell.openLeads ?? null,
    band: coverageBand(coverage, edges),
    unassigned: cell.managerIds.length === 0,
    mine: me !== undefined && cell.managerIds.includes(me),
    hasCoverage: true,
  };
}

export function buildCoverageView(
  cells: readonly CoverageCell[],
  grids: Grids | null,
  options: { edges?: readonly number[]; me?: string | undefined } = {},
): CoverageView {
  const edges = options.edges ?? DEFAULT_BAND_EDGES;
  const me = options.me;
  const views: GridView[] = [];
  const unknownGridIds: string[] = [];
  if (grids && grids.features.length > 0) {
    const cellsById = new Map<string, CoverageCell>();
    for (const cell of cells) cellsById.set(cell.gridId, cell);
    const known = new Set<string>();
    for (const feature of grids.features) {
      const { gridId, name, households } = feature.properties;
      if (known.has(gridId)) continue;
      known.add(gridId);
      const cell = cellsById.get(gridId);
      views.push(
        cell
          ? cellView(cell, cell.name || name, edges, me)
          : {
              gridId,
              name,
              managerIds: [],
              managerNames: [],
              households: households ?? null,
              covered: null,
              coverage: null,
              openLeads: null,
              band: null,
              unassigned: false,
              mine: false,
              hasCoverage: false,
            },
      );
    }
    for (const cell of cells) if (!known.has(cell.gridId)) unknownGridIds.push(cell.gridId);
  } else {
    const seen = new Set<string>();
    for (const cell of cells) {
      if (seen.has(cell.gridId)) continue;
      seen.add(cell.gridId);
      views.push(cellView(cell, cell.name, edges, me));
    }
  }
  let households = 0;
  let covered = 0;
  const bandsPresent = new Set<CoverageBand>();
  let hasUnassigned = false;
  let hasNoData = false;
  let hasMine = false;
  for (const grid of views) {
    if (grid.hasCoverage) {
      households += grid.households ?? 0;
      covered += grid.covered ?? 0;
    }
    if (grid.unassigned) hasUnassigned = true;
    else if (grid.band === null) hasNoData = true;
    else bandsPresent.add(grid.band);
    if (grid.mine) hasMine = true;
  }
  return {
    grids: views,
    byId: new Map(views.map((g) => [g.gridId, g])),
    unknownGridIds,
    households,
    covered,
    coverage: households > 0 ? covered / households : null,
    bandsPresent,
    hasUnassigned,
    hasNoData,
    hasMine,
  };
}

/** By coverage (grids without a figure last), ties by name so the order is stable across refreshes. */
export function sortByCoverage(grids: readonly GridView[], direction: 'asc' | 'desc' = 'asc'): GridView[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...grids].sort((a, b) => {
    if (a.coverage === null || b.coverage === null) {
      if (a.coverage === b.coverage) return a.name.localeCompare(b.name, 'zh-CN');
      return a.coverage === null ? 1 : -1;
    }
    return sign * (a.coverage - b.coverage) || a.name.localeCompare(b.name, 'zh-CN');
  });
}

/** `me` is pinned wherever shown (DESIGN): the signed-in manager's grids first, each part in coverage order. */
export function pinMine(grids: readonly GridView[]): GridView[] {
  return [...grids.filter((g) => g.mine), ...grids.filter((g) => !g.mine)];
}

/** Coverage rows for grids the map does not know, as a dropped-items report; null when there are none. */
export function unknownGridsDropped(view: CoverageView): DroppedItems | null {
  const ids = view.unknownGridIds;
  if (ids.length === 0) return null;
  return {
    message: `coverage: ${ids.length} cells for grids not on the map dropped (${ids.join(', ')})`,
    ids: [...ids],
  };
}

/** The grids, least covered first, as CSV cells: exactly what Export CSV saves. */
export function coverageCsvRows(view: CoverageView, locale: StrideLocale): CsvCell[][] {
  const rows = sortByCoverage(view.grids, 'asc').map((g) => [
    g.gridId,
    g.name,
    g.managerNames.join('、') || g.managerIds.join(' '),
    g.households,
    g.covered,
    g.coverage === null ? null : Math.round(g.coverage * 10_000) / 10_000,
    g.openLeads,
  ]);
  const header = ['grid', 'managers', 'households', 'covered', 'coverage', 'openLeads'] as const;
  return [['gridId', ...header.map((key) => t(locale, key))], ...rows];
}
