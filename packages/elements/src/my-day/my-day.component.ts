import { html, nothing, type TemplateResult } from 'lit';
import {
  common,
  formatDateTime,
  gridLeads,
  indicatorLeads,
  openOverdueLeads,
  rowLeads,
  type LeadsBehind,
  type QueryState,
  type LeaderboardEntry,
  type Scope,
  type WorkCalendar,
} from '@stride/core';
import { StrideElement } from '../shared/stride-element.js';
import { baseStyles } from '../shared/styles.js';
import { memoLast } from '../shared/memo.js';
import { renderQueryState } from '../shared/states.js';
import { myDayStyles } from './my-day.styles.js';
import { t } from './my-day.strings.js';
import {
  renderAvatar,
  renderBadges,
  renderGrids,
  renderIndicators,
  renderOverdue,
  renderRank,
  renderSection,
  renderSkeleton,
  renderStreak,
  type AvatarContext,
  type MyDayHandlers,
} from './my-day.templates.js';
import {
  MILESTONES,
  gridTiles,
  myRank,
  myRow,
  needsPilotContacts,
  nextBadge,
  openOverdue,
  paceBars,
  streakToday,
} from './my-day.view-model.js';

/**
 * @tagname stride-my-day
 * @summary A manager's own day on a phone (市场人员端): my indicators against my pace, my rank, streak, badges,
 * grids and overdue leads, in one column.
 *
 * Reads only what the other widgets already ask for, under the same query keys, so a page that also shows the
 * dashboard asks the back end once per distinct query: the indicators of my scope with my row (`rows: 'managers'`,
 * as the alerts list derives from), the points board of the org (as the leaderboard), my grids' coverage (as the
 * map), and, while the 100-contact badge is not earned, my indicators over the pilot. The numbers derived from them
 * (gap to the next rank, the next badge's distance, whether today keeps the streak) are defined in docs/my-day.md.
 *
 * @attr manager - Whose day; defaults to `me` (the signed-in manager).
 * @prop catalogue - The indicator catalogue (labels and units); default the ten of the design.
 * @prop calendar - Holidays and make-up working days, for pace and whether today is a working day.
 *
 * @event stride-select - Where the dashboard would drill, cancelable: an indicator (`indicator`, with
 *   `leads: {indicator}`), my board row (`manager`), a grid (`grid`, with `leads: {gridId, covered}`), my overdue
 *   leads (`manager`, with `leads: {overdue: 'any'}`).
 * @event stride-error - A request failed: `detail: {error, stale}`.
 * @event stride-warning - Items were dropped from a result by validation: `detail: {message, ids}`.
 *
 * @csspart base - The column everything sits in.
 * @csspart header - Title, whose day and the period.
 * @csspart section - Each section, also named `<id>-section` (indicators, rank, streak, badges, grids, overdue).
 * @csspart indicator - One indicator's bar (a button opening its leads).
 * @csspart rank - My rank card.
 * @csspart streak - My streak card.
 * @csspart badges - My badges card.
 * @csspart grid - One grid tile.
 * @csspart overdue - My open overdue leads.
 * @csspart state - Empty, not-configured and error messages.
 */
export class StrideMyDay extends StrideElement {
  static override styles = [...baseStyles, myDayStyles];
  static override properties = {
    calendar: { attribute: false },
    failedAvatars: { state: true },
  };

  declare calendar?: WorkCalendar;
  /** Photo addresses that failed to load: the initials stay instead of a broken image. */
  private failedAvatars: ReadonlySet<string> = new Set();
  private readonly onAvatarError = (url: string): void => {
    this.failedAvatars = new Set([...this.failedAvatars, url]);
  };

  /** Whose day: the `manager` attribute, else the signed-in manager. */
  get who(): string | undefined {
    const { manager, me } = this.resolved;
    return manager || me || undefined;
  }

  /** My scope: the org narrowed to me. Drill-downs carry it too. */
  override get scope(): Scope | undefined {
    const { org, period, date } = this.resolved;
    const who = this.who;
    if (!org || !who) return undefined;
    return { org, manager: who, period, date };
  }

  // my indicators and my own row (open overdue, last action) in one answer: the query the alerts list derives from
  readonly mineQuery = this.createQuery('indicators', (scope) => ({ scope, rows: 'managers' }));
  // the board ranks everyone under the org: the leaderboard's own query for the org
  readonly boardQuery = this.createQuery('leaderboard', (scope) => ({
    scope: { org: scope.org, period: scope.period, date: scope.date },
    board: 'managers',
    metric: 'points',
  }));
  readonly coverageQuery = this.createQuery('coverage', (scope) => ({ scope }));
  // first contacts since the pilot began: asked only while they can still earn the 100-contact badge
  readonly pilotQuery = this.createQuery('indicators', (scope) => {
    const earned = this.earnedBadges();
    return earned && needsPilotContacts(earned) ? { scope: { ...scope, period: 'pilot' } } : undefined;
  });

  private readonly barsOf = memoLast(paceBars);
  private readonly rankOf = memoLast(myRank);
  private readonly tilesOf = memoLast(gridTiles);
  private readonly earnedOf = memoLast(
    (badges: readonly { id: string }[] | undefined) => new Set((badges ?? []).map((b) => b.id)),
  );

  private readonly handlers: MyDayHandlers = {
    onIndicator: (id) => this.select('indicator', id, (scope) => indicatorLeads(scope, id)),
    onMe: () => this.selectMe((scope, who) => rowLeads(scope, 'manager', who)),
    onGrid: (gridId) => this.select('grid', gridId, (scope) => gridLeads(scope, gridId)),
    onOverdue: () => this.selectMe((scope) => openOverdueLeads(scope)),
  };

  /** My row, as the dashboard drills a manager: with the leads behind what was tapped. */
  private selectMe(build: (scope: Scope, who: string) => LeadsBehind): void {
    const who = this.who;
    if (who) this.select('manager', who, (scope) => build(scope, who));
  }

  /** The badges I hold, once the board has answered and I am on it. */
  private earnedBadges(): ReadonlySet<string> | undefined {
    const board = this.boardQuery.state.data;
    const who = this.who;
    const entry = who ? board?.entries.find((e) => e.id === who) : undefined;
    return entry ? this.earnedOf(entry.badges) : undefined;
  }

  /**
   * A section's body in its query's state. Several sections read one query: the first (`primary`) carries the
   * query's notices and error (one stale badge, one retry), the others show only its data or skeleton and are left
   * out while it has none.
   */
  private renderPart<T>(
    state: QueryState<T>,
    method: 'indicators' | 'leaderboard' | 'coverage',
    skeleton: { rows: number; height: number; leadLine?: boolean },
    data: (data: T) => TemplateResult,
    retry: () => void,
    options: { primary?: boolean; isEmpty?: (data: T) => boolean } = {},
  ): TemplateResult | undefined {
    const { lang, timeZone } = this.resolved;
    const primary = options.primary ?? true;
    if (!primary && state.status !== 'success' && state.status !== 'loading') return undefined;
    return renderQueryState(primary ? state : { ...state, stale: false, dropped: null, fetching: false }, {
      locale: lang,
      timeZone,
      method,
      skeleton: () => renderSkeleton(skeleton.rows, skeleton.height, skeleton.leadLine),
      isEmpty: options.isEmpty,
      emptyReason: t(lang, 'emptyReason'),
      data,
      retry,
    });
  }

  override render(): TemplateResult {
    const { lang, timeZone, alertRules, period, adapter, org } = this.resolved;
    const who = this.who;
    if (adapter && org && !who) {
      return html`<div part="base" class="base">
        <div class="state" part="state" role="status">
          <strong>${common(lang, 'notConfigured')}</strong><span>${t(lang, 'noManager')}</span>
        </div>
      </div>`;
    }
    const mine = this.mineQuery.state;
    // no adapter or no org: one message for the whole view, not one per section
    if (mine.status === 'not-configured' || mine.status === 'idle') {
      return html`<div part="base" class="base">${this.renderPart(
        mine,
        'indicators',
        { rows: 0, height: 0 },
        () => html``,
        () => undefined,
      )}</div>`;
    }
    const board = this.boardQuery.state;
    const coverage = this.coverageQuery.state;
    const entry = who ? board.data?.entries.find((e) => e.id === who) : undefined;
    const row = myRow(mine.data, who ?? '');
    // an id is no name to greet someone by: until a result names them, the header says only the period
    const name = entry?.name ?? row?.name ?? '';
    const retryMine = (): void => this.mineQuery.refetch();
    const retryBoard = (): void => this.boardQuery.refetch();
    // someone not on the board: the rank says so once, and streak and badges (read from the board) are left out
    const onBoard = board.status !== 'success' || entry !== undefined;
    const avatars: AvatarContext = { failed: this.failedAvatars, onError: this.onAvatarError };
    const section = (id: string, body: TemplateResult | undefined) =>
      body ? renderSection(id, t(lang, `${id}Title` as MyDaySectionTitle), body) : nothing;

    const indicators = this.renderPart(
      mine,
      'indicators',
      { rows: this.resolved.catalogue.length, height: SKELETON.bar, leadLine: true },
      (data) =>
        renderIndicators(
          this.barsOf(data, this.resolved.catalogue, this.calendar, timeZone, lang, alertRules),
          lang,
          this.handlers,
        ),
      retryMine,
      { isEmpty: (data) => data.indicators.length === 0 },
    );
    const rank = this.renderPart(
      board,
      'leaderboard',
      { rows: 1, height: SKELETON.rank },
      (data) => renderRank(this.rankOf(data.entries, who ?? ''), lang, this.handlers, avatars),
      retryBoard,
    );
    // streak and badges are cards read from my board entry: shown while the board loads or holds me, never primary
    const boardCard = (card: (me: LeaderboardEntry) => TemplateResult) =>
      !onBoard
        ? undefined
        : this.renderPart(
            board,
            'leaderboard',
            { rows: 1, height: SKELETON.card },
            () => (entry ? card(entry) : html``),
            retryBoard,
            { primary: false },
          );
    const streak = boardCard((me) => {
      const today = mine.data ? streakToday(row?.lastActionAt, mine.data.asOf, this.calendar, timeZone) : null;
      return renderStreak(me.streak ?? null, today, lang, this.handlers);
    });
    const badges = boardCard((me) => {
      const earned = this.earnedOf(me.badges);
      const pilot = this.pilotQuery.state.data;
      const pilotContacts = pilot?.indicators.find((i) => i.id === 'contacted')?.value ?? null;
      const next = nextBadge(earned, { pilotContacts, streak: me.streak ?? null });
      const allEarned = MILESTONES.every((m) => earned.has(m.id));
      return renderBadges(me.badges ?? [], next, allEarned, lang, this.handlers);
    });
    // a back end without coverage (no grids in this bank) leaves the section out rather than saying so on a phone
    const grids =
      coverage.status === 'not-supported'
        ? undefined
        : this.renderPart(
            coverage,
            'coverage',
            { rows: 1, height: SKELETON.grid },
            (data) => renderGrids(this.tilesOf(data.cells, lang), lang, this.handlers),
            () => this.coverageQuery.refetch(),
          );
    const overdue = this.renderPart(
      mine,
      'indicators',
      { rows: 1, height: SKELETON.card },
      () => renderOverdue(openOverdue(row), lang, this.handlers),
      retryMine,
      { primary: false },
    );
    const asOf = mine.data?.asOf;
    return html`<div part="base" class="base">
      <header class="header" part="header">
        ${renderAvatar(entry, name, avatars)}
        <div class="heading">
          <h2 class="title">${t(lang, 'title')}</h2>
          <p class="who sub">
            <span>${name ? t(lang, 'greeting', { name, period: t(lang, `period_${period}`) }) : t(lang, `period_${period}`)}</span>
            ${asOf ? html`<span class="as-of">${common(lang, 'asOf', { time: formatDateTime(asOf, lang, timeZone) })}</span>` : nothing}
          </p>
        </div>
      </header>
      ${section('indicators', indicators)} ${section('rank', rank)} ${section('streak', streak)}
      ${section('badges', badges)} ${section('grids', grids)} ${section('overdue', overdue)}
    </div>`;
  }
}

/** Skeleton row heights (px) close to what each section draws, so nothing jumps when the data comes. */
const SKELETON = { bar: 68, rank: 84, card: 60, grid: 80 } as const;

type MyDaySectionTitle =
  'indicatorsTitle' | 'rankTitle' | 'streakTitle' | 'badgesTitle' | 'gridsTitle' | 'overdueTitle';
