import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  overdueLeads,
  stageLeads,
  FUNNEL_STAGES,
  common,
  formatDateTime,
  toCsv,
  type CsvCell,
  type FunnelQuery,
  type FunnelResult,
  type StrideLocale,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { ShareController } from '../shared/share-controller.js';
import { memoLast } from '../shared/memo.js';
import { ChartController, readThemeTokens } from '../shared/chart-controller.js';
import { CombinedQuery } from '../shared/combined-query.js';
import { ReducedMotionController } from '../shared/reduced-motion-controller.js';
import { downloadCsv } from '../shared/download.js';
import { renderCounting } from '../shared/counting.js';
import { renderQueryState } from '../shared/states.js';
import { baseStyles } from '../shared/styles.js';
import { funnelStyles } from './funnel.styles.js';
import { t } from './funnel.strings.js';
import { createFunnelOptionBuilder } from './funnel.option.js';
import {
  csvRows,
  renderCompareNote,
  renderLegend,
  renderSkeleton,
  renderStage,
  renderTable,
  type StageHandlers,
} from './funnel.templates.js';
import type { FunnelECharts } from './funnel.echarts.js';
import {
  buildFunnelView,
  comparisonScope,
  parseCompare,
  type FunnelOrientation,
  type FunnelView,
} from './funnel.view-model.js';

// `stage-order` is read, never reflected: the attribute-to-property direction is all it needs.
const listConverter = (value: string | null): string[] | undefined =>
  value
    ? value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : undefined;

// Chromium settles even an already-evaluated dynamic import() in a later task, often after a frame has been painted:
// a second funnel on the page would draw one frame late. Keeping the settled module here makes later loads microtasks.
let echartsModule: FunnelECharts | undefined;
async function loadECharts(): Promise<FunnelECharts> {
  echartsModule ??= (await import('./funnel.echarts.js')).loadFunnelECharts();
  return echartsModule;
}

/** No stages at all is empty too (every() of nothing holds). */
function isEmptyFunnel(data: FunnelResult): boolean {
  return data.stages.every((stage) => stage.count === 0);
}

/**
 * @tagname stride-funnel
 * @summary The lead funnel (商机漏斗): where leads stall between assignment and conversion.
 *
 * Every stage shows its count, its share of the first stage and of the previous stage, the drop-off to the next stage,
 * its overdue leads and the median dwell time, without hovering. `compare` draws a second, mirrored funnel with
 * per-stage deltas. A data-table view of the same numbers can be toggled.
 *
 * @attr compare - `previous` (the previous period's like-for-like span) or `org:<id>` (another org, same period).
 * @attr orientation - `vertical` (default) or `horizontal`.
 * @attr stage-order - Comma-separated stage ids to show, in order (default: the data's stages and order).
 * @prop stageLabels - Labels by stage id, overriding the adapter's.
 *
 * @event stride-select - A stage's count or its overdue was activated (click or keyboard): `detail: {kind: 'stage', id,
 * scope, leads?}`; `leads` (where the adapter has `leads`) is the stage's cohort (`{stage}`) or its overdue (`{overdue}`).
 * @event stride-error - A request failed: `detail: {error, stale}`.
 * @event stride-warning - Stages were dropped from a result by validation: `detail: {message, ids}`.
 * @event stride-share - The Share button (分享) made this section's digest: `detail: {png, text, markdown: {wecom, dingtalk}}`.
 *
 * @csspart base - The frame around everything.
 * @csspart chart - The ECharts canvas container (hidden from assistive technology; the stage buttons and table carry the numbers).
 * @csspart stages - The list of stage labels.
 * @csspart stage - One stage's button.
 * @csspart overdue-link - A stage's overdue count as a link to those leads (where the adapter has `leads`).
 * @csspart table - The data table.
 * @csspart toggle - The chart/table toggle button.
 * @csspart export - The CSV export button.
 * @csspart state - Empty, not-configured and error messages.
 * @csspart share - The Share button (分享); its status line follows it.
 *
 * @cssproperty --stride-funnel-row-height - Height of one stage row (default 64px).
 * @cssproperty --stride-funnel-chart-height - Chart height in horizontal orientation (default 180px).
 */
export class StrideFunnel extends StrideElement {
  static override styles = [...baseStyles, funnelStyles];
  static override properties = {
    compare: {},
    orientation: { reflect: true },
    stageOrder: { attribute: 'stage-order', converter: listConverter },
    stageLabels: { attribute: false },
    showTable: { state: true },
  };

  declare compare?: string;
  orientation: FunnelOrientation = 'vertical';
  declare stageOrder?: string[];
  declare stageLabels?: Readonly<Record<string, string>>;

  private showTable = false;

  // The funnel and its comparison report what they drop together, through `data`.
  readonly funnelQuery = this.createQuery('funnel', (scope): FunnelQuery => ({ scope }), {
    onDropped: () => undefined,
  });
  readonly comparisonQuery = this.createQuery(
    'funnel',
    (scope): FunnelQuery | undefined => {
      const other = comparisonScope(scope, parseCompare(this.compare));
      return other ? { scope: other } : undefined;
    },
    { onDropped: () => undefined },
  );
  /** Share (分享): the funnel's stages, as a picture and texts for the team's chat. */
  readonly sharing: ShareController = new ShareController(this, () =>
    this.funnelQuery.state.data ? { funnel: this.funnelQuery.state.data } : undefined,
  );
  /** The funnel with its comparison when there is one: a comparison that fails leaves the funnel standing. */
  private readonly data = new CombinedQuery(this, this.funnelQuery, this.comparisonQuery, { waitForSecondary: false });
  private readonly motion = new ReducedMotionController(this);

  /** The chart (ECharts loads on first use, in its own chunk). */
  readonly chart = new ChartController(this, {
    load: loadECharts,
    // The drawn chart's div only: the skeleton has a `.chart` too, with Lit content ECharts must never clear.
    container: () => this.renderRoot.querySelector<HTMLElement>('.chart[part~="chart"]'),
  });

  constructor() {
    super();
    this.chart.on('click', (params) => {
      const stage = params.dataIndex === undefined ? undefined : this.view?.stages[params.dataIndex];
      if (stage) this.selectStage(stage.id);
    });
  }

  private readonly buildView = memoLast(
    (
      data: FunnelResult,
      comparison: FunnelResult | undefined,
      order: string[] | undefined,
      labels: Readonly<Record<string, string>> | undefined,
      locale: StrideLocale,
      orientation: FunnelOrientation,
      currentName: string,
      comparisonName: string,
      animate: boolean,
    ): FunnelView =>
      buildFunnelView(data, comparison, {
        order,
        labels,
        locale,
        orientation,
        seriesNames: { current: currentName, comparison: comparisonName },
        animate,
      }),
  );
  private readonly buildOption = createFunnelOptionBuilder();

  private seriesNames(locale: StrideLocale): [string, string] {
    const compare = parseCompare(this.compare);
    if (compare?.kind === 'org') {
      return [t(locale, 'otherOrg', { org: this.scope?.org ?? '' }), t(locale, 'otherOrg', { org: compare.org })];
    }
    return [t(locale, 'current'), t(locale, 'previous')];
  }

  /** The funnel as shown, from the data in hand; undefined while there is none (or nothing but an empty result). */
  private get view(): FunnelView | undefined {
    const state = this.data.state;
    if (state.status !== 'success' || !state.data || isEmptyFunnel(state.data)) return undefined;
    const [currentName, comparisonName] = this.seriesNames(this.resolved.lang);
    return this.buildView(
      state.data,
      this.data.secondaryData,
      this.stageOrder,
      this.stageLabels,
      this.resolved.lang,
      this.orientation === 'horizontal' ? 'horizontal' : 'vertical',
      currentName,
      comparisonName,
      !this.motion.reduced,
    );
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const view = this.view;
    if (view && !this.showTable)
      this.chart.setOption(this.buildOption(view, readThemeTokens(this), this.resolved.lang));
  }

  override render(): TemplateResult {
    const { lang, timeZone } = this.resolved;
    const view = this.view;
    const body = renderQueryState(this.data.state, {
      locale: lang,
      timeZone,
      method: 'funnel',
      skeleton: () => renderSkeleton(this.stageOrder?.length || FUNNEL_STAGES.length, this.orientation),
      isEmpty: isEmptyFunnel,
      emptyReason: t(lang, 'emptyReason'),
      data: (data) => (view ? this.renderData(data, view, lang, timeZone) : html``),
      retry: () => this.data.refetch(),
    });
    return html`<div class="frame" part="base">
      <div class="header title-bar">
        <h2 class="title">${t(lang, 'title')}</h2>
        ${view ? this.renderTools(lang) : nothing}
      </div>
      ${body}
    </div>`;
  }

  private renderTools(locale: StrideLocale): TemplateResult {
    return html`<div class="toolbar">
      <button class="button" part="toggle" aria-pressed=${this.showTable ? 'true' : 'false'} @click=${() => (this.showTable = !this.showTable)}>
        ${common(locale, 'showTable')}
      </button>
      <button class="button" part="export" @click=${() => this.exportCsv(locale)}>${common(locale, 'exportCsv')}</button>
      ${this.sharing.render()}
    </div>`;
  }

  private renderData(data: FunnelResult, view: FunnelView, locale: StrideLocale, timeZone: string): TemplateResult {
    const { status, error } = this.comparisonQuery.state;
    return html`${renderLegend(view)}
      ${parseCompare(this.compare) ? renderCompareNote(status, error?.message, locale) : nothing}
      <span class="as-of">${common(locale, 'asOf', { time: formatDateTime(data.asOf, locale, timeZone) })}</span>
      ${renderCounting(t(locale, 'counting'), locale)}
      ${
        this.showTable
          ? renderTable(data, view, locale, timeZone, this.stageHandlers)
          : html`<div class="funnel" data-orientation=${view.orientation}>
            <div class="chart" part="chart" aria-hidden="true"></div>
            <ol class="stages" part="stages" aria-label=${t(locale, 'title')}>
              ${view.stages.map((stage) => html`<li>${renderStage(stage, locale, this.stageHandlers)}</li>`)}
            </ol>
          </div>`
      }`;
  }

  /** A stage's count (the chart's bar, the stage button, the table): its cohort leads where the adapter lists them. */
  private selectStage(id: string): void {
    this.select('stage', id, (scope) => stageLeads(scope, id));
  }

  private readonly stageHandlers: StageHandlers = {
    onSelect: (id) => this.selectStage(id),
    onSelectOverdue: (id) => this.select('stage', id, (scope) => overdueLeads(scope, id)),
    countLinked: (stage) => this.leadsBehind((scope) => stageLeads(scope, stage.id)) !== undefined,
    // There are some, and the adapter can list them.
    overdueLinked: (stage) =>
      (stage.overdue ?? 0) > 0 && this.leadsBehind((scope) => overdueLeads(scope, stage.id)) !== undefined,
  };

  /** The stages as on screen (shares, drop-off, overdue, dwell, comparison) as CSV text: exactly what Export CSV saves. */
  toCsv(): string {
    return toCsv(this.csvRows(this.resolved.lang));
  }

  private exportCsv(locale: StrideLocale): void {
    if (!this.view) return;
    downloadCsv(t(locale, 'downloadName'), this.csvRows(locale), this.renderRoot);
  }

  private csvRows(locale: StrideLocale): CsvCell[][] {
    const view = this.view;
    return view ? csvRows(view, locale) : [];
  }
}
