/**
 * The funnel's template parts: pure functions of the funnel view and the handlers the element passes in. The chart
 * itself is drawn by ECharts into the empty `.chart` element beside the stage list.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  formatCount,
  formatDateTime,
  formatHours,
  formatPercent,
  formatVersusBaseline,
  formatSignedPercent,
  type CsvCell,
  type FunnelResult,
  type StrideLocale,
} from '@stride/core';
import { styleProps } from '../shared/style-props.js';
import { t } from './funnel.strings.js';
import type { FunnelOrientation, FunnelStageView, FunnelView } from './funnel.view-model.js';

/** What a stage's count and overdue open, as the element knows it (the adapter may list no leads). */
export interface StageHandlers {
  onSelect: (id: string) => void;
  onSelectOverdue: (id: string) => void;
  /** Whether the stage's count opens its cohort leads. */
  countLinked: (stage: FunnelStageView) => boolean;
  /** Whether the stage's overdue is a link of its own. */
  overdueLinked: (stage: FunnelStageView) => boolean;
}

/** The data table's column heads, which are also the CSV's header row. */
export function columnHeads(view: FunnelView, locale: StrideLocale): string[] {
  const heads = (
    ['stage', 'count', 'shareOfFirst', 'shareOfPrevious', 'dropOff', 'overdue', 'medianDwell'] as const
  ).map((key) => t(locale, key));
  return view.comparisonCounts ? [...heads, view.seriesNames.comparison, t(locale, 'delta')] : heads;
}

function signedCount(value: number, locale: StrideLocale): string {
  return value > 0 ? `+${formatCount(value, locale)}` : formatCount(value, locale);
}

/** The two series' swatches, shown only when there is a comparison. */
export function renderLegend(view: FunnelView): TemplateResult | typeof nothing {
  if (view.comparisonCounts === null) return nothing;
  return html`<div class="legend">
    <span><span class="swatch current"></span>${view.seriesNames.current}</span>
    <span><span class="swatch comparison"></span>${view.seriesNames.comparison}</span>
  </div>`;
}

/** Why the comparison is missing or late; nothing when it is there (or none was asked for). */
export function renderCompareNote(
  status: string,
  message: string | undefined,
  locale: StrideLocale,
): TemplateResult | typeof nothing {
  if (status === 'error')
    return html`<p class="note" role="alert">${t(locale, 'compareFailed', { message: message ?? '' })}</p>`;
  // Idle: no comparison to ask for (a pilot has no previous period).
  if (status === 'idle' || status === 'loading') {
    return html`<p class="note" role="status">${t(locale, status === 'idle' ? 'compareUnavailable' : 'compareLoading')}</p>`;
  }
  return nothing;
}

export function renderStage(stage: FunnelStageView, locale: StrideLocale, handlers: StageHandlers): TemplateResult {
  const comparison = stage.comparison;
  const direction = comparison ? (comparison.delta > 0 ? 'up' : comparison.delta < 0 ? 'down' : '') : '';
  // A button cannot hold another: a linked overdue count stands beside the stage's button instead of inside it.
  const overdueLinked = handlers.overdueLinked(stage);
  const overdue = html`${t(locale, 'overdue')} <b>${formatCount(stage.overdue, locale)}</b>`;
  const button = html`<button
    class="stage"
    part="stage"
    data-stage=${stage.id}
    @click=${() => handlers.onSelect(stage.id)}
  >
    <span class="stage-head">
      <span class="stage-label">${stage.label}</span>
      <span class="stage-count">${formatCount(stage.count, locale)}</span>
      ${
        comparison
          ? html`<span class="facts delta ${direction}" data-fact="delta"
            >${t(locale, 'delta')} <b>${signedCount(comparison.delta, locale)}</b>
            (${formatCount(comparison.count, locale)}, ${formatSignedPercent(comparison.deltaRate, locale)})</span
          >`
          : nothing
      }
    </span>
    <span class="facts">
      <span data-fact="first">${t(locale, 'shareOfFirst')} <b>${formatPercent(stage.shareOfFirst, locale)}</b></span>
      <span data-fact="previous">${t(locale, 'shareOfPrevious')} <b>${formatPercent(stage.shareOfPrevious, locale)}</b></span>
      ${
        stage.versusBaseline === null
          ? nothing
          : html`<span data-fact="baseline"
              >${t(locale, 'versusBaseline')}
              <b>${formatVersusBaseline({ kind: 'points', by: stage.versusBaseline }, locale)}</b></span
            >`
      }
      <span data-fact="drop">${t(locale, 'dropOffShort')}
        <b>${formatCount(stage.dropOff, locale)}</b>${stage.dropOffRate === null ? nothing : html` (${formatPercent(stage.dropOffRate, locale)})`}</span>
      ${overdueLinked ? nothing : html`<span data-fact="overdue" class=${stage.overdue ? 'overdue' : ''}>${overdue}</span>`}
      <span data-fact="dwell">${t(locale, 'medianDwell')} <b>${formatHours(stage.medianDwellHours, locale)}</b></span>
    </span>
  </button>`;
  if (!overdueLinked) return button;
  const count = formatCount(stage.overdue, locale);
  return html`<div class="stage-row">
    ${button}
    <button
      class="overdue-link overdue"
      part="overdue-link"
      data-fact="overdue"
      aria-label=${t(locale, 'openOverdue', { stage: stage.label, count })}
      @click=${() => handlers.onSelectOverdue(stage.id)}
    >${overdue}</button>
  </div>`;
}

export function renderTable(
  data: FunnelResult,
  view: FunnelView,
  locale: StrideLocale,
  timeZone: string,
  handlers: StageHandlers,
): TemplateResult {
  const compared = view.comparisonCounts !== null;
  return html`<div class="table-wrap">
    <table part="table">
      <caption>${t(locale, 'tableCaption', { time: formatDateTime(data.asOf, locale, timeZone) })}</caption>
      <thead>
        <tr>
          ${columnHeads(view, locale).map((head) => html`<th scope="col">${head}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${view.stages.map(
          (stage) => html`<tr data-stage=${stage.id}>
            <th scope="row"><button class="link" @click=${() => handlers.onSelect(stage.id)}>${stage.label}</button></th>
            <td>${
              handlers.countLinked(stage)
                ? html`<button class="link" data-open="count" aria-label=${t(locale, 'openCount', { stage: stage.label, count: formatCount(stage.count, locale) })} @click=${() => handlers.onSelect(stage.id)}>${formatCount(stage.count, locale)}</button>`
                : formatCount(stage.count, locale)
            }</td>
            <td>${formatPercent(stage.shareOfFirst, locale)}</td>
            <td>${formatPercent(stage.shareOfPrevious, locale)}</td>
            <td>${formatCount(stage.dropOff, locale)}</td>
            <td>${
              handlers.overdueLinked(stage)
                ? html`<button class="link" data-open="overdue" aria-label=${t(locale, 'openOverdue', { stage: stage.label, count: formatCount(stage.overdue, locale) })} @click=${() => handlers.onSelectOverdue(stage.id)}>${formatCount(stage.overdue, locale)}</button>`
                : formatCount(stage.overdue, locale)
            }</td>
            <td>${formatHours(stage.medianDwellHours, locale)}</td>
            ${
              compared
                ? html`<td>${formatCount(stage.comparison?.count, locale)}</td>
                  <td>${stage.comparison ? signedCount(stage.comparison.delta, locale) : formatCount(null, locale)}</td>`
                : nothing
            }
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The loading shape: one narrowing bar and one stage row per stage to come. */
export function renderSkeleton(rows: number, orientation: FunnelOrientation): TemplateResult {
  return html`<div class="funnel" data-orientation=${orientation}>
    <div class="chart">
      ${Array.from({ length: rows }, (_, i) => html`<div class="skeleton skeleton-bar" style=${styleProps({ width: `${100 - (70 * i) / Math.max(rows - 1, 1)}%`, 'margin-block-end': '4px' })}></div>`)}
    </div>
    <ol class="stages">
      ${Array.from({ length: rows }, () => html`<li class="skeleton"></li>`)}
    </ol>
  </div>`;
}

/** The stages as on screen (shares, drop-off, overdue, dwell, comparison), head row first: what Export CSV saves. */
export function csvRows(view: FunnelView, locale: StrideLocale): CsvCell[][] {
  const compared = view.comparisonCounts !== null;
  const rows = view.stages.map((s) => [
    s.label,
    s.count,
    s.shareOfFirst,
    s.shareOfPrevious,
    s.dropOff,
    s.overdue,
    s.medianDwellHours,
    ...(compared ? [s.comparison?.count ?? null, s.comparison?.delta ?? null] : []),
  ]);
  return [columnHeads(view, locale), ...rows];
}
