import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import {
  formatCount,
  formatPercent,
  formatValue,
  safeUrl,
  toCsv,
  common,
  type CsvCell,
  type LeaderboardBoard,
  type LeaderboardEntry,
  type LeaderboardQuery,
  type StrideLocale,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { styleProps } from '../shared/style-props.js';
import { baseStyles } from '../shared/styles.js';
import { renderQueryState } from '../shared/states.js';
import { downloadCsv } from '../shared/download.js';
import { rankWithTies, TIE_BREAKS, type RankBy, type RankedEntry, type TieBreak } from './leaderboard.ranking.js';
import {
  contestLanes,
  formatScore,
  initialsOf,
  leaderboardCsvRows,
  metricLabel,
  metricUnit,
  movementLabel,
  pageCount,
  pageOf,
  podiumOf,
  pointsBreakdown,
  rankLabel,
  searchByName,
  t,
} from './leaderboard.view-model.js';
import { leaderboardStyles } from './leaderboard.styles.js';
import { memoLast } from '../shared/memo.js';

const BOARDS: readonly LeaderboardBoard[] = ['managers', 'teams', 'subbranches', 'branches'];
const MEDALS = ['🥇', '🥈', '🥉'] as const;
const BADGE_ICONS = { milestone: '🎖', champion: '🏆', action: '⭐', contest: '⚔' } as const;
const VISIBLE_BADGES = 2;
/** Before the virtualizer reports what it shows, assume the first rows fill the default height. */
const INITIAL_VISIBLE = { first: 0, last: 7 };

/**
 * The virtualizer's flow layout, told the board's row height (--lb-row-height, 56px, border-box) up front. Its own
 * first guess is 100px, so the first frame rendered half the rows, measured them, and rendered and laid out the rest
 * in a second pass: on a 10,000-row board that second pass was the difference between one frame and two. Rows are
 * still measured; a host page that changes the height only gets the second pass back.
 *
 * `overhang` (px of rows kept rendered beyond each edge of the list) comes in through the layout config. The board
 * starts at 0, so the first frame renders, lays out and paints only the rows the list shows, and widens it to
 * BOARD_OVERHANG once that frame is painted: about nine rows, more than a wheel step or a PageDown (one list height)
 * needs. The virtualizer's default, 1000px, doubled the rows of every frame. Version 2.1 has no public setting for
 * either value: `_itemSize` (public in its typings) and the protected `_overhang` are the only ways in.
 */
const BOARD_OVERHANG = 500;
class BoardRowsLayout extends FlowLayout {
  override _itemSize = { width: 100, height: 56 };
  protected override _overhang = 0;

  set overhang(px: number) {
    if (px === this._overhang) return;
    this._overhang = px;
    this._triggerReflow();
  }
}

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
 * @attr page-size - rows per page in `mode="huddle"` (default 10).
 * @attr page-seconds - seconds per page in `mode="huddle"` (default 10); paging stops under prefers-reduced-motion.
 *
 * @event stride-select - A row was activated: `{kind: 'manager'|'org', id, scope}`.
 * @event stride-error - A request failed: `{error, stale}`.
 * @event stride-warning - Invalid entries were left out: `{message, ids}`.
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
    activeIndex: { state: true },
    page: { state: true },
    pagingChoice: { state: true },
    reducedMotion: { state: true },
    breakdownId: { state: true },
    failedAvatars: { state: true },
  };

  board: LeaderboardBoard = 'managers';
  metric = 'points';
  rankBy: RankBy = 'value';
  tieBreak: TieBreak = 'shared';
  view: 'board' | 'contest' = 'board';
  contestants = '';
  declare goal?: number;
  pageSize = 10;
  pageSeconds = 10;

  private search = '';
  private activeIndex = 0;
  /**
   * The rows the virtualizer shows. Not reactive: it changes on every scroll step, and only the pinned row depends on
   * it, so `onVisibility` asks for a render just when the pin would move (see `pinPlacement`).
   */
  private visible = INITIAL_VISIBLE;
  private page = 0;
  /** The viewer's own choice wins over prefers-reduced-motion; `auto` follows it. */
  private pagingChoice: 'auto' | 'paused' | 'playing' = 'auto';
  private reducedMotion = false;
  declare private breakdownId: string | undefined;
  private failedAvatars = new Set<string>();

  readonly query = this.createQuery('leaderboard', (scope): LeaderboardQuery => ({
    scope,
    board: BOARDS.includes(this.board) ? this.board : 'managers',
    metric: this.metric || 'points',
  }));

  // Ranking, searching and finding the signed-in manager each walk the whole board (10,000 entries); the board renders
  // again on every scroll step that moves the pin, so each runs again only when its inputs change.
  private readonly rankBoard = memoLast(
    (entries: readonly LeaderboardEntry[], rankBy: RankBy, tieBreak: TieBreak, locale: StrideLocale) =>
      rankWithTies(entries, { rankBy, tieBreak, locale }),
  );
  private readonly searchBoard = memoLast(searchByName);
  private readonly indexOfMe = memoLast((shown: readonly RankedEntry[], me: string) =>
    shown.findIndex((r) => r.entry.id === me),
  );
  /** Rows beyond the list's edges: none until the first rows are painted (see BoardRowsLayout). */
  private overhang = 0;
  private overhangFrame: number | undefined;
  private pagingTimer: ReturnType<typeof setInterval> | undefined;
  private pagingEvery = 0;
  private motionQuery: MediaQueryList | undefined;
  private readonly onMotionChange = (event: MediaQueryListEvent): void => {
    this.reducedMotion = event.matches;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof matchMedia === 'function') {
      this.motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
      this.reducedMotion = this.motionQuery.matches;
      this.motionQuery.addEventListener('change', this.onMotionChange);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.motionQuery?.removeEventListener('change', this.onMotionChange);
    this.motionQuery = undefined;
    this.stopPaging();
    if (this.overhangFrame !== undefined) cancelAnimationFrame(this.overhangFrame);
    this.overhangFrame = undefined;
  }

  /** The whole board, ranked by the kit (ties share a rank, entries without data last). Empty before data arrives. */
  get ranked(): readonly RankedEntry[] {
    const data = this.query.state.data;
    if (!data) return [];
    const tieBreak = TIE_BREAKS.includes(this.tieBreak) ? this.tieBreak : 'shared';
    return this.rankBoard(data.entries, this.rankBy === 'target' ? 'target' : 'value', tieBreak, this.resolved.lang);
  }

  /** The current board as CSV text (UTF-8 BOM, formula-safe): every entry, whatever the search shows. */
  toCsv(): string {
    return toCsv(this.csvRows());
  }

  private csvRows(): CsvCell[][] {
    return leaderboardCsvRows(this.ranked, this.metric, this.resolved.lang);
  }

  private get shown(): readonly RankedEntry[] {
    return this.searchBoard(this.ranked, this.search);
  }

  private get huddle(): boolean {
    return this.mode === 'huddle';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('board') || changed.has('metric') || changed.has('org')) {
      this.activeIndex = 0;
      this.page = 0;
      this.breakdownId = undefined;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncPaging();
  }

  /* ------------------------------------------------------------ huddle paging */

  private get autoPaging(): boolean {
    return this.huddle && this.view === 'board' && !this.paused && this.pageSeconds > 0 && this.pages > 1;
  }

  private get paused(): boolean {
    return this.pagingChoice === 'auto' ? this.reducedMotion : this.pagingChoice === 'paused';
  }

  private get pages(): number {
    return pageCount(this.shown.length, this.pageSize);
  }

  private syncPaging(): void {
    if (!this.autoPaging || !this.isConnected) return this.stopPaging();
    if (this.pagingTimer !== undefined && this.pagingEvery === this.pageSeconds) return;
    this.stopPaging();
    this.pagingEvery = this.pageSeconds;
    this.pagingTimer = setInterval(() => {
      this.page = (this.page + 1) % this.pages;
    }, this.pageSeconds * 1000);
  }

  private stopPaging(): void {
    clearInterval(this.pagingTimer);
    this.pagingTimer = undefined;
  }

  private turnPage(delta: number): void {
    this.page = (this.page + delta + this.pages) % this.pages;
    // A manual turn restarts the interval so the page just chosen gets its full time.
    this.stopPaging();
  }

  /* ------------------------------------------------------------ render */

  override render(): TemplateResult {
    const { lang, timeZone } = this.resolved;
    return renderQueryState(this.query.state, {
      locale: lang,
      timeZone,
      method: 'leaderboard',
      skeleton: () => this.renderSkeleton(),
      isEmpty: (data) => data.entries.length === 0,
      emptyReason: t(lang, 'emptyBoard', { scope: this.resolved.org ?? '' }),
      data: () => this.renderBoard(lang),
      retry: () => this.query.refetch(),
    });
  }

  private renderSkeleton(): TemplateResult {
    const rows = this.huddle ? Math.min(this.pageSize, 10) : 8;
    return html`<div class="head"><div class="skeleton" style=${styleProps({ width: '40%', height: '24px' })}></div></div>
      <div class="page">${Array.from({ length: rows }, () => html`<div class="skeleton skeleton-row"></div>`)}</div>`;
  }

  private renderBoard(locale: StrideLocale): TemplateResult {
    const boardLabel = t(locale, `board_${BOARDS.includes(this.board) ? this.board : 'managers'}`);
    const contest = this.view === 'contest';
    return html`
      <div class="head" part="header">
        <div>
          <h2>${t(locale, 'title')}</h2>
          <span class="sub">${boardLabel} · ${metricLabel(this.metric, locale)}${this.rankBy === 'target' ? ` · ${t(locale, 'ofTarget')}` : ''}</span>
        </div>
        <div class="toolbar">
          ${
            contest
              ? nothing
              : html`<input
                  type="search"
                  part="search"
                  .value=${this.search}
                  placeholder=${t(locale, 'searchPlaceholder')}
                  aria-label=${t(locale, 'searchPlaceholder')}
                  @input=${(e: Event) => this.onSearch((e.target as HTMLInputElement).value)}
                />${
                  this.search
                    ? html`<span class="sub" role="status">${t(locale, 'searchResults', { n: formatCount(this.shown.length, locale) })}</span>`
                    : nothing
                }`
          }
          <button class="button" part="export" @click=${() => this.exportCsv()}>${common(locale, 'exportCsv')}</button>
        </div>
      </div>
      ${contest ? this.renderContest(locale) : this.renderRanking(locale)} ${this.renderBreakdown(locale)}
    `;
  }

  private onSearch(value: string): void {
    this.search = value;
    this.activeIndex = 0;
    this.page = 0;
  }

  private renderRanking(locale: StrideLocale): TemplateResult {
    const shown = this.shown;
    const podium = this.search === '' && (!this.huddle || this.page === 0) ? this.renderPodium(locale) : nothing;
    if (shown.length === 0) {
      return html`<div class="state" part="state" role="status">${t(locale, 'noMatch', { query: this.search })}</div>`;
    }
    return html`${podium}${this.huddle ? this.renderPage(locale, shown) : this.renderList(locale, shown)}`;
  }

  private renderPodium(locale: StrideLocale): TemplateResult | typeof nothing {
    const { places, more } = podiumOf(this.ranked);
    if (places.length === 0) return nothing;
    return html`<ol class="podium" part="podium" aria-label=${t(locale, 'podium')}>
      ${places.map(
        (place) => html`<li class="place" data-rank=${place.rank}>
          <span class="medal" aria-hidden="true">${MEDALS[(place.rank ?? 1) - 1] ?? ''}</span>
          <span class="visually-hidden">${rankLabel(place, locale)}</span>
          ${this.renderAvatar(place.entry)}
          <span class="name">${place.entry.name}</span>
          ${place.entry.orgName ? html`<span class="org">${place.entry.orgName}</span>` : nothing}
          <span class="value">${formatScore(place, this.metric, this.rankBy, locale)}</span>
        </li>`,
      )}
      ${more > 0 ? html`<li class="more-tied">+${formatCount(more, locale)}</li>` : nothing}
    </ol>`;
  }

  /** The board list: virtualised, so 10,000 entries keep a few dozen row elements in the DOM. */
  private renderList(locale: StrideLocale, shown: readonly RankedEntry[]): TemplateResult {
    const meIndex = this.meIndex(shown);
    const pin = this.pinPlacement(meIndex, this.visible);
    // The virtualizer hands the specifier's other fields to the layout (BoardRowsLayout's `overhang` setter).
    const layout = { type: BoardRowsLayout, overhang: this.overhang };
    return html`${pin === 'above' ? this.renderPinned(locale, shown, meIndex) : nothing}
      <div
        class="list"
        part="list"
        role="list"
        aria-label=${t(locale, 'rows', { n: formatCount(shown.length, locale) })}
        tabindex="0"
        @focus=${(e: FocusEvent) => this.onListFocus(e)}
        @visibilityChanged=${(e: VisibilityChangedEvent) => this.onVisibility(e)}
        @keydown=${(e: KeyboardEvent) => this.onListKey(e, shown)}
      >
        ${virtualize({
          items: shown as RankedEntry[],
          // A layout pass queued before the list shrank (a new scope with fewer entries) can still ask for indices past
          // the new end: those get no key and no row instead of throwing out of the virtualizer.
          keyFunction: (item: RankedEntry | undefined, index: number) => item?.entry.id ?? `#${index}`,
          renderItem: (item: RankedEntry | undefined, index: number) =>
            item ? this.renderRow(locale, item, index, shown.length, 'list') : html``,
          scroller: true,
          layout,
        })}
      </div>
      ${pin === 'below' ? this.renderPinned(locale, shown, meIndex) : nothing}`;
  }

  private renderPage(locale: StrideLocale, shown: readonly RankedEntry[]): TemplateResult {
    const pages = this.pages;
    const page = ((this.page % pages) + pages) % pages;
    const rows = pageOf(shown, page, this.pageSize);
    const offset = page * this.pageSize;
    const meIndex = this.meIndex(shown);
    const meOnPage = meIndex >= offset && meIndex < offset + rows.length;
    const rotating = this.autoPaging;
    return html`<div class="page" part="list" role="list" aria-label=${t(locale, 'rows', { n: formatCount(shown.length, locale) })}>
        ${rows.map((item, i) => this.renderRow(locale, item, offset + i, shown.length, 'page'))}
      </div>
      ${meIndex >= 0 && !meOnPage ? this.renderPinned(locale, shown, meIndex) : nothing}
      <div class="toolbar pager" part="pager">
        <button class="button" aria-pressed=${this.paused} part="pause" @click=${() => (this.pagingChoice = this.paused ? 'playing' : 'paused')}>
          ${common(locale, this.paused ? 'resume' : 'pause')}
        </button>
        <button class="button" @click=${() => this.turnPage(-1)} aria-label=${t(locale, 'previousPage')}>‹</button>
        <span aria-live=${rotating ? 'off' : 'polite'}>${t(locale, 'page', { page: page + 1, pages })}</span>
        <button class="button" @click=${() => this.turnPage(1)} aria-label=${t(locale, 'nextPage')}>›</button>
      </div>`;
  }

  private meIndex(shown: readonly RankedEntry[]): number {
    const me = this.resolved.me;
    return me ? this.indexOfMe(shown, me) : -1;
  }

  /** Where the signed-in manager's row is pinned for a visible range: above the list, below it, or not at all. */
  private pinPlacement(meIndex: number, visible: { first: number; last: number }): 'above' | 'below' | 'none' {
    if (meIndex >= 0 && meIndex < visible.first) return 'above';
    return meIndex > visible.last ? 'below' : 'none';
  }

  private renderPinned(
    locale: StrideLocale,
    shown: readonly RankedEntry[],
    meIndex: number,
  ): TemplateResult | typeof nothing {
    const item = shown[meIndex];
    if (!item) return nothing;
    return html`<div class="pinned" part="pinned" role="list" aria-label=${t(locale, 'myRank')}>
      <span class="pinned-label" aria-hidden="true">${t(locale, 'myRank')}</span>
      ${this.renderRow(locale, item, meIndex, shown.length, 'pinned')}
    </div>`;
  }

  private renderRow(
    locale: StrideLocale,
    item: RankedEntry,
    index: number,
    total: number,
    where: 'list' | 'page' | 'pinned',
  ): TemplateResult {
    const { entry, movement } = item;
    const isMe = entry.id === this.resolved.me;
    const tabIndex = where === 'list' ? (index === this.activeIndex ? 0 : -1) : 0;
    const breakdown = this.metric === 'points' && entry.pointsByAction !== undefined;
    const badges = entry.badges ?? [];
    const moveGlyph =
      movement.kind === 'up'
        ? `▲${movement.by}`
        : movement.kind === 'down'
          ? `▼${movement.by}`
          : movement.kind === 'same'
            ? '–'
            : movement.kind === 'new'
              ? 'NEW'
              : '';
    return html`<div
      class="row ${isMe ? 'me' : ''}"
      part=${isMe ? 'row row-me' : 'row'}
      role="listitem"
      aria-setsize=${total}
      aria-posinset=${index + 1}
      data-id=${entry.id}
    >
      <button
        class="row-main"
        data-index=${where === 'list' ? index : nothing}
        tabindex=${tabIndex}
        aria-current=${isMe ? 'true' : nothing}
        @click=${() => this.activate(entry, index, where)}
      >
        <span class="rank ${item.rank === null ? 'unranked' : ''}" aria-hidden="true">${item.rank === null ? '--' : item.rank}</span>
        <span class="visually-hidden">${rankLabel(item, locale)}${isMe ? ` (${t(locale, 'me')})` : ''}</span>
        ${this.renderAvatar(entry)}
        <span class="who"><span class="name">${entry.name}</span>${entry.orgName ? html`<span class="org">${entry.orgName}</span>` : nothing}</span>
        <span class="meta">
          ${badges.slice(0, VISIBLE_BADGES).map(
            (b) => html`<span class="badge" role="img" aria-label=${t(locale, `badge_${b.kind}`, { label: b.label })}
              >${BADGE_ICONS[b.kind] ?? ''} ${b.label}</span
            >`,
          )}${
            badges.length > VISIBLE_BADGES
              ? html`<span class="badge" role="img" aria-label=${t(locale, 'moreBadges', { n: badges.length - VISIBLE_BADGES })}
                >+${badges.length - VISIBLE_BADGES}</span
              >`
              : nothing
          }
          ${
            entry.streak && entry.streak > 0
              ? html`<span class="streak" role="img" aria-label=${t(locale, 'streakLabel', { n: entry.streak })}>🔥${entry.streak}</span>`
              : nothing
          }
          <span class="move ${movement.kind}" role=${moveGlyph ? 'img' : nothing} aria-label=${moveGlyph ? movementLabel(movement, locale) : nothing}
            >${moveGlyph}</span
          >
        </span>
        <span class="value">${formatScore(item, this.metric, this.rankBy, locale)}</span>
      </button>
      ${
        breakdown
          ? html`<button class="why" part="why" aria-label=${t(locale, 'why', { name: entry.name })} @click=${() => this.openBreakdown(entry.id)}>ⓘ</button>`
          : nothing
      }
    </div>`;
  }

  private renderAvatar(entry: LeaderboardEntry): TemplateResult {
    // validation strips unsafe URLs already; checking again here keeps a hand-built result safe too.
    const url = safeUrl(entry.avatarUrl);
    const usable = url !== undefined && !this.failedAvatars.has(url);
    return html`<span class="avatar" part="avatar" aria-hidden="true"
      >${initialsOf(entry.name)}${
        usable
          ? html`<img src=${url} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${() => this.avatarFailed(url)} />`
          : nothing
      }</span
    >`;
  }

  private avatarFailed(url: string): void {
    this.failedAvatars = new Set(this.failedAvatars).add(url);
  }

  private renderBreakdown(locale: StrideLocale): TemplateResult | typeof nothing {
    const id = this.breakdownId;
    const item = id === undefined ? undefined : this.ranked.find((r) => r.entry.id === id);
    if (!item) return nothing;
    const close = () => this.closeBreakdown(item.entry.id);
    const breakdown = pointsBreakdown(item.entry, locale);
    const title = t(locale, 'whyTitle', { name: item.entry.name });
    return html`<section class="breakdown" part="breakdown" role="region" aria-label=${title} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && close()}>
      <h3>${title}</h3>
      ${
        breakdown
          ? html`<table>
            <tbody>
              ${breakdown.lines.map((line) => html`<tr><th scope="row">${line.label}</th><td class="num">${formatCount(line.points, locale)}</td></tr>`)}
            </tbody>
            <tfoot>
              <tr><th scope="row">${common(locale, 'total')}</th><td class="num">${formatCount(breakdown.total, locale)}</td></tr>
            </tfoot>
          </table>`
          : html`<p>${t(locale, 'noBreakdown')}</p>`
      }
      <button class="button close" @click=${close}>${t(locale, 'close')}</button>
    </section>`;
  }

  private async openBreakdown(id: string): Promise<void> {
    this.breakdownId = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.breakdown .close')?.focus();
  }

  /** Closes the breakdown and gives focus back to the row's ⓘ button that opened it. */
  private closeBreakdown(id: string): void {
    this.breakdownId = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`.row[data-id="${CSS.escape(id)}"] .why`)?.focus(),
    );
  }

  private renderContest(locale: StrideLocale): TemplateResult {
    const ids = this.contestants
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const { lanes, goal } = contestLanes(this.ranked, { contestants: ids, goal: this.goal ?? null });
    const unit = metricUnit(this.metric);
    return html`<div part="contest">
      ${goal !== null ? html`<p class="sub">${t(locale, 'goal', { goal: formatValue(goal, unit, locale) })}</p>` : nothing}
      <ol class="lanes">
        ${lanes.map((lane, i) => {
          const { entry } = lane.ranked;
          const percent = entry.value !== null && goal ? formatPercent(entry.value / goal, locale, 0) : '--';
          return html`<li class="lane ${entry.id === this.resolved.me ? 'me' : ''}" data-id=${entry.id}>
            <button class="lane-button" @click=${() => this.activate(entry, i, 'page')}>
              <span class="name">${rankLabel(lane.ranked, locale)} · ${entry.name}</span>
              <span class="sub">${lane.gap === 0 ? t(locale, 'leader') : lane.gap !== null ? t(locale, 'behind', { gap: formatValue(lane.gap, unit, locale) }) : ''}</span>
            </button>
            <div
              class="track"
              role="progressbar"
              aria-label=${entry.name}
              aria-valuemin="0"
              aria-valuemax="100"
              aria-valuenow=${lane.share === null ? nothing : Math.round(lane.share * 100)}
              aria-valuetext=${t(locale, 'ofGoal', { percent })}
            >
              <div class="bar" style=${styleProps({ width: `${lane.share === null ? 0 : (lane.share * 100).toFixed(1)}%` })}></div>
            </div>
            <span class="value">${formatValue(entry.value, unit, locale)}</span>
          </li>`;
        })}
      </ol>
    </div>`;
  }

  /* ------------------------------------------------------------ interaction */

  private activate(entry: LeaderboardEntry, index: number, where: 'list' | 'page' | 'pinned'): void {
    if (where === 'list') this.activeIndex = index;
    this.select(entry.kind === 'manager' ? 'manager' : 'org', entry.id);
  }

  private onVisibility(event: VisibilityChangedEvent): void {
    if (this.overhang === 0) this.widenAfterPaint();
    const { first, last } = event;
    if (first === this.visible.first && last === this.visible.last) return;
    const meIndex = this.meIndex(this.shown);
    const before = this.pinPlacement(meIndex, this.visible);
    this.visible = { first, last };
    // Re-rendering the whole board for every scroll step would cost a frame's budget on a 10,000-row board.
    if (this.pinPlacement(meIndex, this.visible) !== before) this.requestUpdate();
  }

  /**
   * The first visible rows are in the DOM: render the rows beyond the edges in the frame after the one that paints
   * them (a frame callback runs before its own frame's paint, so the first one only waits for the next).
   */
  private widenAfterPaint(): void {
    if (this.overhangFrame !== undefined) return;
    this.overhangFrame = requestAnimationFrame(() => {
      this.overhangFrame = requestAnimationFrame(() => {
        this.overhangFrame = undefined;
        this.overhang = BOARD_OVERHANG;
        this.requestUpdate();
      });
    });
  }

  /**
   * The scrolling list is itself a tab stop: the virtualizer renders no rows while the list is outside the window's
   * viewport (a dashboard below the fold), and a scroll region must stay keyboard-reachable. Entering it from outside
   * moves focus on to the active row once that row is rendered; coming back from a row (Shift+Tab) stays on the list.
   */
  private onListFocus(event: FocusEvent): void {
    const list = event.currentTarget as HTMLElement;
    if (event.target !== list || (event.relatedTarget instanceof Node && list.contains(event.relatedTarget))) return;
    if (list.querySelector(`.row-main[data-index="${this.activeIndex}"]`)) void this.focusRow(this.activeIndex);
  }

  private onListKey(event: KeyboardEvent, shown: readonly RankedEntry[]): void {
    const target = event.target as HTMLElement;
    const last = shown.length - 1;
    let next: number | undefined;
    if (target.classList.contains('list')) {
      // From the list itself the arrows go to the active row; PageUp and PageDown keep scrolling the list.
      next = { ArrowDown: this.activeIndex, ArrowUp: this.activeIndex, Home: 0, End: last }[event.key];
    } else if (target.classList.contains('row-main')) {
      const current = Number(target.dataset['index'] ?? this.activeIndex);
      const pageStep = Math.max(1, this.visible.last - this.visible.first);
      next = {
        ArrowDown: current + 1,
        ArrowUp: current - 1,
        PageDown: current + pageStep,
        PageUp: current - pageStep,
        Home: 0,
        End: last,
      }[event.key];
    }
    if (next === undefined) return;
    event.preventDefault();
    void this.focusRow(Math.max(0, Math.min(last, next)));
  }

  /** Moves the roving focus to a row, scrolling it into the virtualised window first. */
  async focusRow(index: number): Promise<void> {
    this.activeIndex = index;
    const list = this.renderRoot.querySelector<VirtualizerHostElement>('.list');
    list?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await this.updateComplete;
      const row = this.renderRoot.querySelector<HTMLButtonElement>(`.list .row-main[data-index="${index}"]`);
      if (row) {
        row.focus();
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  private exportCsv(): void {
    downloadCsv(
      `${t(this.resolved.lang, 'csvFile')}-${this.board}-${this.metric}-${this.resolved.date}.csv`,
      this.csvRows(),
      this.renderRoot,
    );
  }
}
