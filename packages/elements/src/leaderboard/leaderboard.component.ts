import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  rowLeads,
  toCsv,
  type CsvCell,
  type LeaderboardBoard,
  type LeaderboardQuery,
  type StrideLocale,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { ShareController } from '../shared/share-controller.js';
import { baseStyles } from '../shared/styles.js';
import { renderQueryState } from '../shared/states.js';
import { downloadCsv } from '../shared/download.js';
import { HuddlePagesController } from '../shared/huddle-pages-controller.js';
import { ListWindowController } from '../shared/list-window-controller.js';
import { TIE_BREAKS, type RankBy, type RankedEntry, type TieBreak } from './leaderboard.ranking.js';
import { t } from './leaderboard.strings.js';
import { createBoardModel, leaderboardCsvRows, pinPlacement, podiumOf } from './leaderboard.view-model.js';
import { BreakdownController } from './leaderboard.breakdown.js';
import {
  renderBoardHeader,
  renderBoardList,
  renderBoardSkeleton,
  measureHuddlePage,
  renderContest,
  renderHuddlePage,
  renderNoMatch,
  renderPodium,
  renderRow,
  type BoardContext,
} from './leaderboard.templates.js';
import { LIST_HEIGHT, leaderboardStyles } from './leaderboard.styles.js';

const BOARDS: readonly LeaderboardBoard[] = ['managers', 'teams', 'subbranches', 'branches'];
/** The board's row height (--lb-row-height, border box). */
const ROW_HEIGHT = 56;
/** Rows kept beyond each edge of the list once the first rows are painted: about nine rows. */
const BOARD_OVERHANG = 500;

/**
 * @tagname stride-leaderboard
 * @summary The performance hero board (业绩英雄榜): ranked managers, teams, sub-branches or branches by incentive points
 * or any indicator, with ties, movement, streaks, badges, a podium, the signed-in manager pinned, a contest (PK) view
 * and a huddle mode for wall screens. Ranks are computed here (`rankWithTies`), never taken from the adapter.
 *
 * @attr board - `managers|teams|subbranches|branches` (default `managers`).
 * @attr metric - `points` (default) or an indicator id of the catalogue.
 * @attr rank-by - `value` (default) or `target` (value as a share of the entry's own target).
 * @attr tie-break - `shared` (default: equal scores share a rank, 1 2 2 4), `previous` (higher previous value first)
 *   or `streak` (longer streak first); entries still equal share a rank.
 * @attr view - `board` (default) or `contest` (PK lanes racing to a shared goal).
 * @attr contestants - comma-separated entry ids for the contest view (default: the ranked entries, up to 6).
 * @attr goal - the contest's shared goal (default: the largest contestant target, else the leader's value).
 * @attr page-size - rows per page in `mode="huddle"` (default: as many as fit the screen below the board's top).
 * @attr page-seconds - seconds per page in `mode="huddle"` (default 10); paging stops under prefers-reduced-motion.
 *   After the last page it starts again from the first and tells an enclosing dashboard, which waits for that lap
 *   before it rotates to its next view.
 *
 * @event stride-select - A row was activated: `{kind: 'manager'|'org', id, scope, leads?}`; where the adapter has
 * `leads`, `scope` is narrowed to the row and `leads` opens the metric's rows (its cohort of leads for points).
 * @event stride-error - A request failed: `{error, stale}`.
 * @event stride-warning - Invalid entries were left out: `{message, ids}`.
 * @event stride-share - The Share button (分享) made this section's digest: `detail: {png, text, markdown: {wecom, dingtalk}}`.
 *
 * @csspart header - Title, search and actions.
 * @csspart podium - The top-three podium.
 * @csspart list - The scrolling list of rows.
 * @csspart row - One entry; `row-me` is added to the signed-in manager's row.
 * @csspart pinned - The signed-in manager's row pinned outside the visible rows.
 * @csspart breakdown - The "how was this calculated" points view.
 * @csspart contest - The contest (PK) lanes.
 * @csspart pager - Huddle page controls.
 * @csspart state - Empty, not-configured and error states.
 * @csspart share - The Share button (分享); its status line follows it.
 *
 * @cssproperty --stride-leaderboard-height - Height of the scrolling list (default 480px).
 */
export class StrideLeaderboard extends StrideElement {
  static override styles = [...baseStyles, leaderboardStyles];
  static override properties = {
    board: {},
    metric: {},
    rankBy: { attribute: 'rank-by' },
    tieBreak: { attribute: 'tie-break' },
    view: {},
    contestants: {},
    goal: { type: Number },
    pageSize: { type: Number, attribute: 'page-size' },
    pageSeconds: { type: Number, attribute: 'page-seconds' },
    search: { state: true },
    behindOnly: { type: Boolean, attribute: 'behind-only' },
    failedAvatars: { state: true },
  };

  board: LeaderboardBoard = 'managers';
  metric = 'points';
  rankBy: RankBy = 'value';
  tieBreak: TieBreak = 'shared';
  view: 'board' | 'contest' = 'board';
  contestants = '';
  declare goal?: number;
  declare pageSize?: number;
  pageSeconds = 10;

  private search = '';
  /** List only the entries behind pace on the metric (the rule of the tiles and the alerts). */
  behindOnly = false;
  private failedAvatars = new Set<string>();

  /** Share (分享): the top 3 and the signed-in manager's row, as a picture and texts for the team's chat. */
  readonly sharing: ShareController = new ShareController(this, () =>
    this.query.state.data ? { leaderboard: this.query.state.data } : undefined,
  );
  readonly query = this.createQuery('leaderboard', (scope): LeaderboardQuery => ({
    scope,
    board: BOARDS.includes(this.board) ? this.board : 'managers',
    metric: this.metric || 'points',
  }));

  // Active in huddle mode whatever the board holds, so an empty or failed board still hands the screen on.
  private readonly pages = new HuddlePagesController(this, {
    active: () => this.huddle,
    listShown: () => this.view === 'board' && this.query.state.status === 'success',
    count: () => this.shown.length,
    pageSize: () => this.pageSize,
    seconds: () => this.pageSeconds,
    measure: () => measureHuddlePage(this.renderRoot),
  });
  private readonly listWindow = new ListWindowController(this, {
    rowHeight: () => ROW_HEIGHT,
    overhang: BOARD_OVERHANG,
    // The rows a list of the default height shows (its borders take less than a row): the first render holds exactly
    // those, so the first measure finds nothing to change. A host that sets another height gets one more render.
    initial: { first: 0, last: Math.ceil(LIST_HEIGHT / ROW_HEIGHT) - 1 },
    // Only the pinned row depends on the visible range: render again just when the pin would move.
    onVisibleChange: (before, after) => {
      const meIndex = this.meIndex(this.shown);
      if (pinPlacement(meIndex, before) !== pinPlacement(meIndex, after)) this.requestUpdate();
    },
    list: () => this.renderRoot.querySelector('.list'),
    focusable: (index) => `.row-main[data-index="${index}"]`,
  });

  private readonly model = createBoardModel();
  private readonly breakdown = new BreakdownController(this, () => this.renderRoot);

  /** The whole board, ranked by the kit (ties share a rank, entries without data last). Empty before data arrives. */
  get ranked(): readonly RankedEntry[] {
    const data = this.query.state.data;
    if (!data) return [];
    const tieBreak = TIE_BREAKS.includes(this.tieBreak) ? this.tieBreak : 'shared';
    return this.model.rank(data.entries, this.rankBy === 'target' ? 'target' : 'value', tieBreak, this.resolved.lang);
  }

  /** The current board as CSV text (UTF-8 BOM, formula-safe): every entry, whatever the search shows. */
  toCsv(): string {
    return toCsv(this.csvRows());
  }

  private csvRows(): CsvCell[][] {
    return leaderboardCsvRows(this.ranked, this.metric, this.resolved.lang, this.resolved.catalogue);
  }

  private get shown(): readonly RankedEntry[] {
    const found = this.model.search(this.ranked, this.search);
    const share = this.behindOnly && this.behindApplies ? this.paceShare : null;
    return share === null
      ? found
      : this.model.behind(found, this.metric, share, this.resolved.alertRules, this.resolved.catalogue);
  }

  /** Whether "Behind only" means something here: a pace to be behind (not the contest view, not a pilot period). */
  private get behindApplies(): boolean {
    return (
      this.view !== 'contest' &&
      this.model.canBeBehind(this.ranked, this.metric, this.resolved.catalogue) &&
      this.paceShare !== null
    );
  }

  private get paceShare(): number | null {
    return this.model.paceShare(this.query.state.data, this.resolved.timeZone);
  }

  private get huddle(): boolean {
    return this.mode === 'huddle';
  }

  /** Shows the first page with its full time (the dashboard calls this when the board's turn comes). */
  restartHuddle(): void {
    this.pages.restartHuddle();
  }

  /** Held still by an enclosing dashboard: off screen, or its rotation paused. */
  holdHuddle(held: boolean): void {
    this.pages.holdHuddle(held);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('board') || changed.has('metric') || changed.has('org')) {
      this.backToTop();
      this.breakdown.reset();
    }
  }

  /* ------------------------------------------------------------ render */

  override render(): TemplateResult {
    const { lang, timeZone } = this.resolved;
    return renderQueryState(this.query.state, {
      locale: lang,
      timeZone,
      method: 'leaderboard',
      skeleton: () => renderBoardSkeleton(this.huddle ? Math.min(this.pages.rowsPerPage, 10) : 8),
      isEmpty: (data) => data.entries.length === 0,
      // The widget knows the org's id, not its name: an id on screen ("pilot在所选期间…") reads as a fault.
      emptyReason: t(lang, 'emptyBoard'),
      data: () => this.renderBoard(this.context(lang)),
      retry: () => this.query.refetch(),
    });
  }

  private context(locale: StrideLocale): BoardContext {
    return {
      locale,
      metric: this.metric,
      catalogue: this.resolved.catalogue,
      rankBy: this.rankBy,
      me: this.resolved.me,
      activeIndex: this.listWindow.activeIndex,
      failedAvatars: this.failedAvatars,
      onAvatarError: (url) => {
        this.failedAvatars = new Set(this.failedAvatars).add(url);
      },
      onActivate: (entry, index, where) => {
        if (where === 'list') this.listWindow.setActive(index);
        const kind = entry.kind === 'manager' ? 'manager' : 'org';
        this.select(kind, entry.id, (scope) => rowLeads(scope, kind, entry.id, this.metric));
      },
      onWhy: (id) => void this.breakdown.open(id),
    };
  }

  private renderBoard(context: BoardContext): TemplateResult {
    const { locale } = context;
    const contest = this.view === 'contest';
    const header = renderBoardHeader(
      {
        board: BOARDS.includes(this.board) ? this.board : 'managers',
        metric: this.metric,
        catalogue: this.resolved.catalogue,
        ofTarget: this.rankBy === 'target',
        search: contest ? undefined : this.search,
        found: this.shown.length,
        behindOnly: this.behindApplies ? this.behindOnly : undefined,
      },
      locale,
      {
        onSearch: (value) => this.onSearch(value),
        onExport: () => this.exportCsv(),
        onBehindOnly: () => {
          this.behindOnly = !this.behindOnly;
          this.backToTop();
        },
      },
      this.sharing.render(),
    );
    return html`${header}
      ${contest ? renderContest(this.ranked, { contestants: this.contestants, goal: this.goal ?? null }, context) : this.renderRanking(context)} ${this.breakdown.render(this.ranked, locale)}`;
  }

  /** Other entries are shown (another board, a search, the behind-only filter): back to the first row and page. */
  private backToTop(): void {
    this.listWindow.resetActive();
    this.pages.reset();
  }

  private onSearch(value: string): void {
    this.search = value;
    this.backToTop();
  }

  private renderRanking(context: BoardContext): TemplateResult {
    const shown = this.shown;
    if (shown.length === 0) return renderNoMatch(this.search, context.locale);
    const { places, more } = podiumOf(this.ranked);
    // A wall screen spends its height on rows: the medals beside ranks 1-3 stand in for the podium there.
    const podium = this.search === '' && !this.huddle ? renderPodium(places, more, context) : nothing;
    const meIndex = this.meIndex(shown);
    const { page, pages, start, end } = this.pages.range;
    const list = this.huddle
      ? renderHuddlePage(shown, meIndex, { start, end }, context, {
          pager: { page, pages, paused: this.pages.paused, rotating: this.pages.running },
          onPause: () => this.pages.togglePause(),
          onTurn: (delta) => this.pages.turn(delta),
        })
      : // windowed, so 10,000 entries keep a few dozen row elements in the DOM
        renderBoardList(shown, meIndex, context, {
          rows: this.listWindow.rows(shown, (item, index) => renderRow(item, index, shown.length, 'list', context)),
          visible: this.listWindow.visible,
          onFocus: this.listWindow.onFocus,
          onKeyDown: (event) => this.listWindow.onKeyDown(event, shown.length),
        });
    return html`${podium}${list}`;
  }

  private meIndex(shown: readonly RankedEntry[]): number {
    const me = this.resolved.me;
    return me ? this.model.indexOf(shown, me) : -1;
  }

  /** Moves the roving focus to a row, scrolling it into the window first. */
  focusRow(index: number): Promise<void> {
    return this.listWindow.focusRow(index);
  }

  private exportCsv(): void {
    downloadCsv(
      `${t(this.resolved.lang, 'csvFile')}-${this.board}-${this.metric}-${this.resolved.date}.csv`,
      this.csvRows(),
      this.renderRoot,
    );
  }
}
