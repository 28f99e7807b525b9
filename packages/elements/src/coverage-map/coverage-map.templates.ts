/**
 * The coverage map's template parts: pure functions of the coverage view and the handlers the element passes in.
 * The map canvas itself is drawn by ECharts into the empty `.map` element that `renderMapStage` renders.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { common, formatCount, formatPercent, type StrideLocale } from '@stride/core';
import { styleProps } from '../shared/style-props.js';
import { t } from './coverage-map.strings.js';
import { tooltipText } from './coverage-map.option.js';
import {
  pinMine,
  sortByCoverage,
  type CoverageBand,
  type CoverageView,
  type GridView,
} from './coverage-map.view-model.js';

function bandClass(grid: GridView): string {
  if (grid.unassigned) return 'unassigned';
  return grid.band === null ? 'no-data' : `band-${grid.band satisfies CoverageBand}`;
}

export function renderMapHeader(
  view: CoverageView,
  tableShown: boolean,
  locale: StrideLocale,
  handlers: { onToggleView: () => void; onExport: () => void },
  tools: unknown = nothing,
): TemplateResult {
  return html`<div class="header title-bar" part="toolbar">
    <div>
      <h2 class="title">${t(locale, 'title')}</h2>
      <span class="summary">${t(locale, 'summary', { count: formatCount(view.grids.length, locale), coverage: formatPercent(view.coverage, locale) })}</span>
    </div>
    <div class="toolbar">
      <button class="button" part="view-toggle" aria-pressed=${tableShown ? 'true' : 'false'} @click=${handlers.onToggleView}>
        ${common(locale, 'showTable')}
      </button>
      <button class="button hide-narrow" part="export" @click=${handlers.onExport}>${common(locale, 'exportCsv')}</button>
      ${tools}
    </div>
  </div>`;
}

/** The map's container (a keyboard-operable application), its zoom buttons and the focused grid read aloud. */
export function renderMapStage(
  view: CoverageView,
  focused: GridView | undefined,
  locale: StrideLocale,
  /** Width over height of the grids: a narrow panel is only as tall as the map needs. */
  aspect: number,
  handlers: {
    onKey: (event: KeyboardEvent) => void;
    onBlur: () => void;
    onZoom: (direction: 1 | -1) => void;
    onReset: () => void;
  },
): TemplateResult {
  return html`<div class="stage" style=${styleProps({ '--map-aspect': String(aspect) })}>
    <div
      class="map"
      part="map"
      tabindex="0"
      role="application"
      aria-roledescription="map"
      aria-label=${t(locale, 'mapLabel', { count: view.grids.length })}
      @keydown=${handlers.onKey}
      @blur=${handlers.onBlur}
    ></div>
    <div class="zoom">
      <button class="button" part="zoom-in" aria-label=${t(locale, 'zoomIn')} title=${t(locale, 'zoomIn')} @click=${() => handlers.onZoom(1)}>+</button>
      <button class="button" part="zoom-out" aria-label=${t(locale, 'zoomOut')} title=${t(locale, 'zoomOut')} @click=${() => handlers.onZoom(-1)}>−</button>
      <button class="button" part="zoom-reset" aria-label=${t(locale, 'resetView')} title=${t(locale, 'resetView')} @click=${handlers.onReset}>⟲</button>
    </div>
    <div class="visually-hidden" role="status" aria-live="polite">${focused ? tooltipText(focused, locale).replace(/\n/g, '; ') : ''}</div>
  </div>`;
}

/** Without geometry: one tile per grid, least covered first. */
export function renderTiles(
  view: CoverageView,
  locale: StrideLocale,
  onSelect: (gridId: string) => void,
): TemplateResult {
  const ordered = pinMine(sortByCoverage(view.grids, 'asc'));
  return html`<p class="summary">${t(locale, 'noGeometry')}</p>
    <ul class="tiles tile-grid" part="tiles" aria-label=${t(locale, 'tilesLabel', { count: ordered.length })}>
      ${ordered.map(
        (grid) => html`<li>
          <button
            class=${`tile ${bandClass(grid)}${grid.mine ? ' mine' : ''}`}
            part="tile"
            data-grid=${grid.gridId}
            @click=${() => onSelect(grid.gridId)}
          >
            <span class="name">${grid.name}</span>
            <span class="value">${formatPercent(grid.coverage, locale, 0)}</span>
            <span class="visually-hidden">${tooltipText(grid, locale).split('\n').slice(1).join('; ')}</span>
          </button>
        </li>`,
      )}
    </ul>`;
}

export function renderGridTable(
  view: CoverageView,
  direction: 'asc' | 'desc',
  locale: StrideLocale,
  handlers: { onSort: () => void; onSelect: (gridId: string) => void; linked: boolean },
): TemplateResult {
  const rows = pinMine(sortByCoverage(view.grids, direction));
  const sort = direction === 'asc' ? 'ascending' : 'descending';
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
            <button class="sort" part="sort" aria-label=${t(locale, 'sortByCoverage')} @click=${handlers.onSort}>
              ${t(locale, 'coverage')} ${direction === 'asc' ? '▲' : '▼'}
            </button>
          </th>
          <th scope="col" class="num">${t(locale, 'openLeads')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (grid) => html`<tr class=${grid.mine ? 'mine' : ''} data-grid=${grid.gridId}>
            <th scope="row"><button class="link" @click=${() => handlers.onSelect(grid.gridId)}>${grid.name}</button></th>
            <td class="hide-narrow">${grid.managerNames.join('、') || grid.managerIds.join(', ') || t(locale, 'unassigned')}</td>
            <td class="num hide-narrow">${formatCount(grid.households, locale)}</td>
            <td class="num hide-narrow">${
              handlers.linked
                ? html`<button
                    class="link"
                    data-open="covered"
                    aria-label=${t(locale, 'openCovered', { grid: grid.name, count: formatCount(grid.covered, locale) })}
                    @click=${() => handlers.onSelect(grid.gridId)}
                  >${formatCount(grid.covered, locale)}</button>`
                : formatCount(grid.covered, locale)
            }</td>
            <td class="num">${formatPercent(grid.coverage, locale)}</td>
            <td class="num">${formatCount(grid.openLeads, locale)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function renderLegend(view: CoverageView, edges: readonly number[], locale: StrideLocale): TemplateResult {
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
