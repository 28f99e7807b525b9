import { html, type PropertyValues, type TemplateResult } from 'lit';
import {
  LEADS_RESULT_SPEC,
  registerResultSpec,
  FUNNEL_STAGES,
  isStrideError,
  markLeadsMissing,
  toCsv,
  validateResult,
  type CsvCell,
  type FunnelStageId,
  type LeadRow,
  type LeadsFilter,
  type LeadsQuery,
  type LeadsResult,
  type LeadsSort,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { baseStyles } from '../shared/styles.js';
import { renderQueryState } from '../shared/states.js';
import { downloadCsv } from '../shared/download.js';
import { ListWindowController } from '../shared/list-window-controller.js';
import { StrideErrorEvent, StrideWarningEvent } from '../shared/events.js';
import { refreshWidgets } from '../shared/configure.js';
import { memoLast } from '../shared/memo.js';
import { t } from './leads.strings.js';
import { COLUMN_SORT, leadsColumns, leadsCsvRows, nextSort, type LeadsColumn } from './leads.view-model.js';
import {
  renderColumnHeaders,
  renderLeadRow,
  renderLeadsHeader,
  renderLeadsList,
  renderLeadsSkeleton,
  leadsListContext,
} from './leads.templates.js';

// The lead list's result checks load with it (a page without the list never loads them).
registerResultSpec('leads', LEADS_RESULT_SPEC);
import { leadsStyles } from './leads.styles.js';

const DEFAULT_SORT: LeadsSort = { by: 'overdueHours', dir: 'desc' };
/** Rows asked per request; the next page is asked when the window comes this close to the end. */
const PAGE_SIZE = 200;
const PREFETCH_ROWS = 40;
const ROW_HEIGHT = 48;
const HUDDLE_ROW_HEIGHT = 64;
/**
 * Rows the list shows before it is measured: the default list height (420px, leads.styles.ts) holds rows 0-8 of 48px.
 * Guessing more cost a second render and layout on every first render, to drop the row the measurement found unseen.
 */
const INITIAL_ROWS = { first: 0, last: 8 };

function stageOrUndefined(value: string | undefined): FunnelStageId | undefined {
  return value && (FUNNEL_STAGES as readonly string[]).includes(value) ? (value as FunnelStageId) : undefined;
}

/**
 * @tagname stride-leads
 * @summary The leads behind a number (业绩溯源): the rows a funnel stage, an overdue count, a grid's covered customers,
 * an indicator tile or a manager's row counts, as a windowed, sortable, keyboard-navigable list. Customer names and
 * mobiles are shown as the back end masked them and marked; overdue leads are emphasised. No share action: the list
 * holds customer data.
 *
 * @attr stage - Cohort leads at or past this funnel stage.
 * @attr overdue - A stage (its overdue leads) or `any` (open overdue).
 * @attr grid-id - Leads of this grid; with `covered`, its covered customers.
 * @attr covered - With grid-id: the grid's covered customers, one row each.
 * @attr indicator - The rows an indicator tile counts (a rate: its denominator, `counted` marked).
 * @attr outcome - With indicator: `counted` or `missed`.
 *
 * @event stride-select - A row was activated: `{kind: 'lead', id: leadId, scope}` (no customer data).
 * @event stride-error - A request failed: `{error, stale}`.
 * @event stride-warning - Invalid rows were left out: `{message, ids}` (paths and lead ids only).
 *
 * @csspart header - Title, total and export.
 * @csspart columns - The sortable column headers.
 * @csspart sort - One sort button.
 * @csspart list - The scrolling list of rows.
 * @csspart row - One lead.
 * @csspart masked - The mark beside a masked customer.
 * @csspart export - The CSV export button.
 * @csspart state - Empty, not-configured and error states.
 *
 * @cssproperty --stride-leads-height - Height of the scrolling list (default 420px).
 */
export class StrideLeads extends StrideElement {
  static override styles = [...baseStyles, leadsStyles];
  static override properties = {
    filter: { attribute: false },
    stage: {},
    overdue: {},
    gridId: { attribute: 'grid-id' },
    covered: { type: Boolean },
    indicator: {},
    outcome: {},
    sort: { state: true },
    more: { state: true },
    loadingMore: { state: true },
    exporting: { state: true },
  };

  /** The filter as an object (the dashboard passes the one `stride-select` carried); attributes add to it. */
  filter: LeadsFilter = {};
  declare stage?: string;
  declare overdue?: string;
  declare gridId?: string;
  covered = false;
  declare indicator?: string;
  declare outcome?: string;

  private sort: LeadsSort = DEFAULT_SORT;
  /** Rows of the pages after the first, and where the next page starts. */
  private more: LeadRow[] = [];
  private cursor: string | null = null;
  private loadingMore = false;
  private exporting = false;
  private firstPage: LeadsResult | undefined;
  /** While a refresh is reloaded: the first page before it, which the rows on screen still come from. */
  private heldFirst: LeadsResult | undefined;
  /** Which list the first page answered (adapter, scope, filter, sort): a refresh keeps it, any other change not. */
  private listKey: { adapter: unknown; query: string } = { adapter: undefined, query: '' };
  private pageRequest: AbortController | undefined;

  readonly query = this.createQuery('leads', (scope): LeadsQuery => this.leadsQuery(scope));

  private readonly listWindow = new ListWindowController(this, {
    rowHeight: () => (this.mode === 'huddle' ? HUDDLE_ROW_HEIGHT : ROW_HEIGHT),
    overhang: 480,
    initial: INITIAL_ROWS,
    onVisibleChange: (_before, after) => {
      if (after.last >= this.rows.length - PREFETCH_ROWS) void this.loadMore();
    },
    list: () => this.renderRoot.querySelector('.list'),
    focusable: (index) => `.row[data-index="${index}"]`,
  });

  constructor() {
    super();
    // A 404 is a back end without lead lists: its adapter stops offering them (the http adapter has marked itself
    // already; another adapter is marked here) and every widget on the page renders its counts as plain numbers.
    this.addEventListener(StrideErrorEvent.type, (event) => {
      const adapter = this.resolved.adapter;
      if (event.detail.error.status !== 404 || !adapter) return;
      markLeadsMissing(adapter);
      refreshWidgets();
    });
  }

  /** The filter in force: the `filter` property with the attributes laid over it. */
  get leadsFilter(): LeadsFilter {
    const filter: LeadsFilter = { ...this.filter };
    const stage = stageOrUndefined(this.stage);
    if (stage) filter.stage = stage;
    if (this.overdue === 'any') filter.overdue = 'any';
    else if (stageOrUndefined(this.overdue)) filter.overdue = stageOrUndefined(this.overdue);
    if (this.gridId) filter.gridId = this.gridId;
    if (this.covered) filter.covered = true;
    if (this.indicator) filter.indicator = this.indicator;
    if (this.outcome === 'counted' || this.outcome === 'missed') filter.outcome = this.outcome;
    return filter;
  }

  private leadsQuery(scope: LeadsQuery['scope'], cursor?: string): LeadsQuery {
    const q: LeadsQuery = { scope, filter: this.leadsFilter, sort: this.sort, limit: PAGE_SIZE };
    if (cursor !== undefined) q.cursor = cursor;
    return q;
  }

  /** Every row loaded so far, in the back end's order. */
  get rows(): readonly LeadRow[] {
    const first = this.heldFirst ?? this.query.state.data;
    if (!first) return [];
    return this.more.length > 0 ? this.joinPages(first.leads, this.more) : first.leads;
  }

  // A scrolled list renders every few rows; with 10,000 rows loaded, joining the pages and scanning them for the
  // columns and the masked note on each of those renders cost more than the rows in view. Both change only with a page.
  private readonly joinPages = memoLast((first: readonly LeadRow[], more: readonly LeadRow[]) => [...first, ...more]);
  private readonly columnsOf = memoLast((indicator: string | undefined, rows: readonly LeadRow[]) =>
    leadsColumns(indicator === undefined ? {} : { indicator }, rows),
  );
  private readonly anyMasked = memoLast((rows: readonly LeadRow[]) => rows.some((row) => row.masked));

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const first = this.query.state.data;
    if (first === this.firstPage) return;
    const before = this.firstPage;
    this.firstPage = first;
    this.pageRequest?.abort();
    this.loadingMore = false;
    const key = { adapter: this.resolved.adapter, query: JSON.stringify([this.scope, this.leadsFilter, this.sort]) };
    const sameList = key.adapter === this.listKey.adapter && key.query === this.listKey.query;
    const refreshed = first !== undefined && sameList && this.more.length > 0;
    this.listKey = key;
    if (refreshed) {
      // A refresh of the list in view, scrolled past its first page: dropping the rows after it would shrink the
      // list under the reader and throw the scroll back to the end of page 1. The rows stay as they are until as
      // many are reloaded from the new first page, then all change at once.
      this.heldFirst ??= before;
      void this.reload(first, this.more.length);
      return;
    }
    // a new first page of another list (filter, sort, scope): the pages after it belonged to the old one
    this.heldFirst = undefined;
    this.more = [];
    this.cursor = first?.nextCursor ?? null;
    this.listWindow.resetActive();
  }

  /** Reads pages after the refreshed `first` until `rowsAfterFirst` rows are back, then shows them in one render. */
  private async reload(first: LeadsResult, rowsAfterFirst: number): Promise<void> {
    const scope = this.scope;
    if (!scope) {
      this.heldFirst = undefined;
      return;
    }
    const request = new AbortController();
    this.pageRequest = request;
    this.loadingMore = true;
    const more: LeadRow[] = [];
    let cursor = first.nextCursor ?? null;
    try {
      while (cursor && more.length < rowsAfterFirst) {
        const page = await this.fetchPage(scope, cursor, request.signal);
        if (request.signal.aborted) return;
        more.push(...page.leads);
        cursor = page.nextCursor ?? null;
      }
    } catch {
      if (request.signal.aborted) return;
      // the refreshed list could not be read past its first page: show that page, as a new list would
      more.length = 0;
      cursor = first.nextCursor ?? null;
    } finally {
      if (this.pageRequest === request) this.loadingMore = false;
    }
    this.heldFirst = undefined;
    this.more = more;
    this.cursor = cursor;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pageRequest?.abort();
  }

  /** Asks the next page; a stale cursor (400: the data moved on) reloads from page 1. */
  private async loadMore(): Promise<void> {
    const adapter = this.resolved.adapter;
    const scope = this.scope;
    const cursor = this.cursor;
    if (this.loadingMore || !cursor || !adapter?.leads || !scope) return;
    this.loadingMore = true;
    const request = new AbortController();
    this.pageRequest = request;
    try {
      const page = await this.fetchPage(scope, cursor, request.signal);
      if (request.signal.aborted) return;
      this.more = [...this.more, ...page.leads];
      this.cursor = page.nextCursor ?? null;
    } catch (error) {
      if (request.signal.aborted) return;
      if (isStrideError(error) && error.status === 400) this.query.refetch();
      else this.cursor = null;
    } finally {
      if (this.pageRequest === request) this.loadingMore = false;
    }
  }

  private async fetchPage(scope: LeadsQuery['scope'], cursor: string, signal: AbortSignal): Promise<LeadsResult> {
    const raw = await this.resolved.adapter!.leads!(this.leadsQuery(scope, cursor), { signal });
    const { data, dropped } = validateResult('leads', raw);
    if (dropped) this.dispatchEvent(new StrideWarningEvent({ message: dropped.message, ids: dropped.ids }));
    return data;
  }

  /** The rows loaded so far as CSV text (UTF-8 BOM, formula-safe), masked exactly as shown. */
  toCsv(): string {
    return toCsv(leadsCsvRows(this.rows, this.columns(this.rows), this.resolved.lang));
  }

  /** Every row behind the number as CSV text, asking the pages not loaded yet: what "Export CSV" downloads. */
  async toCsvAll(): Promise<string> {
    return toCsv(await this.csvRows());
  }

  private async csvRows(): Promise<CsvCell[][]> {
    const rows = [...this.rows];
    let cursor = this.cursor;
    const scope = this.scope;
    const request = new AbortController();
    while (cursor && scope && this.isConnected) {
      const page = await this.fetchPage(scope, cursor, request.signal);
      rows.push(...page.leads);
      cursor = page.nextCursor ?? null;
    }
    return leadsCsvRows(rows, this.columns(rows), this.resolved.lang);
  }

  private async exportCsv(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    try {
      const rows = await this.csvRows();
      downloadCsv(`${t(this.resolved.lang, 'csvFile')}-${this.resolved.date}.csv`, rows, this.renderRoot);
    } catch (error) {
      if (isStrideError(error)) this.query.refetch();
    } finally {
      this.exporting = false;
    }
  }

  private columns(rows: readonly LeadRow[]): LeadsColumn[] {
    return this.columnsOf(this.leadsFilter.indicator, rows);
  }

  private onSort(column: LeadsColumn): void {
    const key = COLUMN_SORT[column];
    if (key) this.sort = nextSort(this.sort, key);
  }

  /* ------------------------------------------------------------ render */

  override render(): TemplateResult {
    const { lang, timeZone } = this.resolved;
    return renderQueryState(this.query.state, {
      locale: lang,
      timeZone,
      method: 'leads',
      skeleton: renderLeadsSkeleton,
      isEmpty: (data) => data.leads.length === 0,
      emptyReason: t(lang, 'emptyLeads'),
      data: (data) => this.renderList(data),
      retry: () => this.query.refetch(),
    });
  }

  private renderList(data: LeadsResult): TemplateResult {
    const { lang, timeZone } = this.resolved;
    const rows = this.rows;
    // while a refresh is reloaded, the count read beside the rows is theirs
    const total = (this.heldFirst ?? data).total;
    const columns = this.columns(rows);
    const context = leadsListContext(columns, lang, timeZone, this.listWindow.activeIndex);
    const masked = this.anyMasked(rows);
    return html`<div class="frame ${columns.includes('counted') ? 'counted' : ''}">
      ${renderLeadsHeader(total, masked, lang, this.exporting, () => void this.exportCsv())}
      ${renderColumnHeaders(columns, this.sort, lang, (column) => this.onSort(column))}
      ${renderLeadsList(total, lang, {
        rows: this.listWindow.rows(rows, (row, index) => renderLeadRow(row, index, total, context)),
        loadingMore: this.loadingMore,
        onFocus: this.listWindow.onFocus,
        onKeyDown: (event) => this.listWindow.onKeyDown(event, rows.length),
        onActivate: (index) => {
          const row = rows[index];
          if (!row) return;
          this.listWindow.setActive(index);
          // lead ids only: a customer's name never goes into an event
          this.select('lead', row.leadId);
        },
      })}
    </div>`;
  }

  /** Moves the roving focus to a row, scrolling it into the window first. */
  focusRow(index: number): Promise<void> {
    return this.listWindow.focusRow(index);
  }
}
