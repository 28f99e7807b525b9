/**
 * The leaderboard's template parts: pure functions of the view model (ranked entries, lanes, the breakdown) and the
 * handlers the element passes in. No state and no DOM reads here; the element decides what is shown and when.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  common,
  formatCount,
  formatPercent,
  formatValue,
  safeUrl,
  type IndicatorDefinition,
  type IndicatorUnit,
  type LeaderboardBoard,
  type LeaderboardEntry,
  type BadgeKind,
  type StrideLocale,
} from '@stride/core';
import { icon, medal, type IconName } from '../shared/icons.js';
import { styleProps } from '../shared/style-props.js';
import type { Movement, RankBy, RankedEntry } from './leaderboard.ranking.js';
import { t } from './leaderboard.strings.js';
import {
  badgeLabel,
  contestLanes,
  formatScore,
  initialsOf,
  metricLabel,
  metricUnit,
  movementLabel,
  parseContestants,
  pinPlacement,
  rankLabel,
  type ContestLane,
  type PointsLine,
} from './leaderboard.view-model.js';

const BADGE_ICONS: Record<BadgeKind, IconName> = {
  milestone: 'rosette',
  champion: 'trophy',
  action: 'star',
  contest: 'flag',
};
const VISIBLE_BADGES = 2;

/** Where a row stands: in the windowed list (a roving tab stop), on a huddle page, or pinned outside the list. */
export type RowPlace = 'list' | 'page' | 'pinned';

/** What every row and podium place needs to know about the board and the viewer. */
export interface BoardContext {
  locale: StrideLocale;
  metric: string;
  /** The catalogue the metric's label and unit come from (a supplied amount reads 9,500万 / ¥95M). */
  catalogue: readonly IndicatorDefinition[];
  rankBy: RankBy;
  me: string | undefined;
  /** The list row holding the roving tab stop. */
  activeIndex: number;
  /** Avatar URLs that failed to load: initials stay. */
  failedAvatars: ReadonlySet<string>;
  onAvatarError: (url: string) => void;
  onActivate: (entry: LeaderboardEntry, index: number, where: RowPlace) => void;
  onWhy: (id: string) => void;
}

const MOVEMENT_GLYPHS: Record<Movement['kind'], (movement: Movement) => string> = {
  up: (m) => `▲${'by' in m ? m.by : ''}`,
  down: (m) => `▼${'by' in m ? m.by : ''}`,
  same: () => '–',
  new: () => 'NEW',
  none: () => '',
};

export function renderBoardSkeleton(rows: number): TemplateResult {
  return html`<div class="head title-bar"><div class="skeleton" style=${styleProps({ width: '40%', height: '24px' })}></div></div>
      <div class="page">${Array.from({ length: rows }, () => html`<div class="skeleton skeleton-row"></div>`)}</div>`;
}

/** A search that finds no one. */
export function renderNoMatch(search: string, locale: StrideLocale): TemplateResult {
  return html`<div class="state" part="state" role="status">${t(locale, 'noMatch', { query: search })}</div>`;
}

/**
 * A manager's photo, or their initials where there is none. An org gets a picture only from its own URL: the
 * initials of "西湖支行" and "滨江支行" would both be "支行".
 */
export function renderAvatar(entry: LeaderboardEntry, context: BoardContext): TemplateResult | typeof nothing {
  // validation strips unsafe URLs already; checking again here keeps a hand-built result safe too.
  const url = safeUrl(entry.avatarUrl);
  const usable = url !== undefined && !context.failedAvatars.has(url);
  if (entry.kind === 'org' && !usable) return nothing;
  return html`<span class="avatar" part="avatar" aria-hidden="true"
      >${entry.kind === 'org' ? nothing : initialsOf(entry.name)}${
        usable
          ? html`<img src=${url} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${() => context.onAvatarError(url)} />`
          : nothing
      }</span
    >`;
}

export function renderPodium(
  places: readonly RankedEntry[],
  more: number,
  context: BoardContext,
): TemplateResult | typeof nothing {
  if (places.length === 0) return nothing;
  const { locale } = context;
  return html`<ol class="podium" part="podium" aria-label=${t(locale, 'podium')}>
      ${places.map(
        (place) => html`<li class="place" data-rank=${place.rank}>
          <span class="medal" aria-hidden="true">${medal(place.rank) ?? nothing}</span>
          <span class="visually-hidden">${rankLabel(place, locale)}</span>
          ${renderAvatar(place.entry, context)}
          <span class="name">${place.entry.name}</span>
          ${place.entry.orgName ? html`<span class="org">${place.entry.orgName}</span>` : nothing}
          <span class="value">${formatScore(place, context.metric, context.rankBy, locale, context.catalogue)}</span>
        </li>`,
      )}
      ${more > 0 ? html`<li class="more-tied">+${formatCount(more, locale)}</li>` : nothing}
    </ol>`;
}

function renderBadges(entry: LeaderboardEntry, locale: StrideLocale): TemplateResult {
  const badges = entry.badges ?? [];
  return html`${badges.slice(0, VISIBLE_BADGES).map(
    (
      b,
    ) => html`<span class="badge" role="img" aria-label=${t(locale, `badge_${b.kind}`, { label: badgeLabel(b, locale) })}
              >${icon(BADGE_ICONS[b.kind])}<span class="badge-label">${badgeLabel(b, locale)}</span></span
            >`,
  )}${
    badges.length > VISIBLE_BADGES
      ? html`<span class="badge" role="img" aria-label=${t(locale, 'moreBadges', { n: badges.length - VISIBLE_BADGES })}
                >+${badges.length - VISIBLE_BADGES}</span
              >`
      : nothing
  }`;
}

export function renderRow(
  item: RankedEntry,
  index: number,
  total: number,
  where: RowPlace,
  context: BoardContext,
): TemplateResult {
  const { locale } = context;
  const { entry, movement } = item;
  const isMe = entry.id === context.me;
  const tabIndex = where === 'list' && index !== context.activeIndex ? -1 : 0;
  const breakdown = context.metric === 'points' && entry.pointsByAction !== undefined;
  const moveGlyph = MOVEMENT_GLYPHS[movement.kind](movement);
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
        @click=${() => context.onActivate(entry, index, where)}
      >
        <span class="rank ${item.rank === null ? 'unranked' : ''}" aria-hidden="true">${medal(item.rank) ?? nothing}${item.rank === null ? '--' : item.rank}</span>
        <span class="visually-hidden">${rankLabel(item, locale)}${isMe ? ` (${t(locale, 'me')})` : ''}</span>
        ${renderAvatar(entry, context)}
        <span class="who"><span class="name">${entry.name}</span>${entry.orgName ? html`<span class="org">${entry.orgName}</span>` : nothing}</span>
        <span class="meta">
          ${renderBadges(entry, locale)}
          ${
            entry.streak && entry.streak > 0
              ? html`<span class="streak" role="img" aria-label=${t(locale, 'streakLabel', { n: entry.streak })}>${icon('flame')}${entry.streak}</span>`
              : nothing
          }
          <span class="move ${movement.kind}" role=${moveGlyph ? 'img' : nothing} aria-label=${moveGlyph ? movementLabel(movement, locale) : nothing}
            >${moveGlyph}</span
          >
        </span>
        <span class="value">${formatScore(item, context.metric, context.rankBy, locale, context.catalogue)}</span>
      </button>
      ${
        breakdown
          ? html`<button class="why" part="why" aria-label=${t(locale, 'why', { name: entry.name })} @click=${() => context.onWhy(entry.id)}>${icon('info')}</button>`
          : nothing
      }
    </div>`;
}

/** The windowed list of the board and my row pinned above or below it when it is scrolled out of view. */
export function renderBoardList(
  shown: readonly RankedEntry[],
  meIndex: number,
  context: BoardContext,
  parts: {
    rows: unknown;
    visible: { first: number; last: number };
    onFocus: (event: FocusEvent) => void;
    onKeyDown: (event: KeyboardEvent) => void;
  },
): TemplateResult {
  const { locale } = context;
  const total = shown.length;
  const me = shown[meIndex];
  const pin = me ? pinPlacement(meIndex, parts.visible) : 'none';
  const pinned = (): TemplateResult | typeof nothing => (me ? renderPinned(me, meIndex, total, context) : nothing);
  return html`${pin === 'above' ? pinned() : nothing}
      <div
        class="list"
        part="list"
        role="list"
        aria-label=${t(locale, 'rows', { n: formatCount(total, locale) })}
        tabindex="0"
        style=${styleProps({ '--lb-rows': String(total) })}
        @focus=${parts.onFocus}
        @keydown=${parts.onKeyDown}
      >
        ${parts.rows}
      </div>
      ${pin === 'below' ? pinned() : nothing}`;
}

/** The signed-in manager's row, pinned outside the rows shown. */
export function renderPinned(item: RankedEntry, index: number, total: number, context: BoardContext): TemplateResult {
  return html`<div class="pinned" part="pinned" role="list" aria-label=${t(context.locale, 'myRank')}>
      <span class="pinned-label" aria-hidden="true">${t(context.locale, 'myRank')}</span>
      ${renderRow(item, index, total, 'pinned', context)}
    </div>`;
}

export interface PagerView {
  page: number;
  pages: number;
  paused: boolean;
  /** Turning by itself: the page number is not announced on every turn. */
  rotating: boolean;
}

interface PagerHandlers {
  onPause: () => void;
  onTurn: (delta: number) => void;
}

function renderPager(pager: PagerView, locale: StrideLocale, handlers: PagerHandlers): TemplateResult {
  return html`<div class="toolbar pager" part="pager">
        <button class="button" aria-pressed=${pager.paused} part="pause" @click=${handlers.onPause}>
          ${common(locale, pager.paused ? 'resume' : 'pause')}
        </button>
        <button class="button" @click=${() => handlers.onTurn(-1)} aria-label=${t(locale, 'previousPage')}>‹</button>
        <span aria-live=${pager.rotating ? 'off' : 'polite'}>${t(locale, 'page', { page: pager.page + 1, pages: pager.pages })}</span>
        <button class="button" @click=${() => handlers.onTurn(1)} aria-label=${t(locale, 'nextPage')}>›</button>
      </div>`;
}

/** One huddle page: its rows, my row pinned when it is on another page, and the pager. */
export function renderHuddlePage(
  shown: readonly RankedEntry[],
  meIndex: number,
  range: { start: number; end: number },
  context: BoardContext,
  parts: PagerHandlers & { pager: PagerView },
): TemplateResult {
  const { locale } = context;
  const { start, end } = range;
  const total = shown.length;
  const me = shown[meIndex];
  const meOnPage = meIndex >= start && meIndex < end;
  return html`<div class="page" part="list" role="list" aria-label=${t(locale, 'rows', { n: formatCount(total, locale) })}>
        ${shown.slice(start, end).map((item, i) => renderRow(item, start + i, total, 'page', context))}
      </div>
      ${me && !meOnPage ? renderPinned(me, meIndex, total, context) : nothing}
      ${renderPager(parts.pager, locale, parts)}`;
}

export interface BoardHeading {
  board: LeaderboardBoard;
  metric: string;
  catalogue: readonly IndicatorDefinition[];
  /** Ranked by share of target. */
  ofTarget: boolean;
  /** The search text; undefined where there is no search (the contest view). */
  search: string | undefined;
  /** Entries the search finds. */
  found: number;
  /** The "behind only" toggle's state; undefined where it has no meaning (the contest view, a pilot period). */
  behindOnly?: boolean | undefined;
}

export function renderBoardHeader(
  heading: BoardHeading,
  locale: StrideLocale,
  handlers: { onSearch: (value: string) => void; onExport: () => void; onBehindOnly: () => void },
  tools: unknown = nothing,
): TemplateResult {
  const search = heading.search;
  return html`
      <div class="head title-bar" part="header">
        <div>
          <h2 class="title">${t(locale, 'title')}</h2>
          <span class="sub">${t(locale, `board_${heading.board}`)} · ${metricLabel(heading.metric, locale, heading.catalogue)}${heading.ofTarget ? ` · ${t(locale, 'ofTarget')}` : ''}</span>
        </div>
        <div class="toolbar">
          ${
            search === undefined
              ? nothing
              : html`<input
                  type="search"
                  class="field"
                  part="search"
                  .value=${search}
                  placeholder=${t(locale, 'searchPlaceholder')}
                  aria-label=${t(locale, 'searchPlaceholder')}
                  @input=${(e: Event) => handlers.onSearch((e.target as HTMLInputElement).value)}
                />${
                  search
                    ? html`<span class="sub" role="status">${t(locale, 'searchResults', { n: formatCount(heading.found, locale) })}</span>`
                    : nothing
                }`
          }
          ${
            heading.behindOnly === undefined
              ? nothing
              : html`<button class="button" part="behind-only" aria-pressed=${heading.behindOnly ? 'true' : 'false'} @click=${handlers.onBehindOnly}>${t(locale, 'behindOnly')}</button>`
          }
          <button class="button" part="export" @click=${handlers.onExport}>${common(locale, 'exportCsv')}</button>
          ${tools}
        </div>
      </div>`;
}

export function renderBreakdown(
  entry: LeaderboardEntry,
  breakdown: { lines: PointsLine[]; total: number } | undefined,
  locale: StrideLocale,
  onClose: () => void,
): TemplateResult {
  const title = t(locale, 'whyTitle', { name: entry.name });
  return html`<section class="breakdown" part="breakdown" role="region" aria-label=${title} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && onClose()}>
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
      <button class="button close" @click=${onClose}>${t(locale, 'close')}</button>
    </section>`;
}

function laneGapText(lane: ContestLane, unit: IndicatorUnit, locale: StrideLocale): string {
  if (lane.gap === 0) return t(locale, 'leader');
  return lane.gap === null ? '' : t(locale, 'behind', { gap: formatValue(lane.gap, unit, locale) });
}

/** The contest (PK) lanes racing to the shared goal; `contestants` is the attribute's comma-separated ids. */
export function renderContest(
  ranked: readonly RankedEntry[],
  contest: { contestants: string; goal: number | null },
  context: BoardContext,
): TemplateResult {
  const { locale } = context;
  const contestants = parseContestants(contest.contestants);
  const { lanes, goal } = contestLanes(ranked, { contestants, goal: contest.goal });
  const unit = metricUnit(context.metric, context.catalogue);
  return html`<div part="contest">
      ${goal !== null ? html`<p class="sub">${t(locale, 'goal', { goal: formatValue(goal, unit, locale) })}</p>` : nothing}
      <ol class="lanes">
        ${lanes.map((lane, i) => {
          const { entry } = lane.ranked;
          const percent = entry.value !== null && goal ? formatPercent(entry.value / goal, locale, 0) : '--';
          return html`<li class="lane ${entry.id === context.me ? 'me' : ''}" data-id=${entry.id}>
            <button class="lane-button" @click=${() => context.onActivate(entry, i, 'page')}>
              <span class="name">${rankLabel(lane.ranked, locale)} · ${entry.name}</span>
              <span class="sub">${laneGapText(lane, unit, locale)}</span>
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

/**
 * What a huddle page's size is worked out from: the page, one of its rows, and the room below it for the pager and my
 * row pinned under the page (whether or not it is pinned on this page).
 */
export function measureHuddlePage(root: ParentNode): {
  page: HTMLElement | null;
  row: HTMLElement | null;
  below: number;
} {
  const page = root.querySelector<HTMLElement>('.page');
  const pager = root.querySelector<HTMLElement>('[part="pager"]')?.offsetHeight ?? 0;
  const row = page?.querySelector<HTMLElement>('.row') ?? null;
  const pinned = root.querySelector<HTMLElement>('.pinned')?.offsetHeight ?? row?.offsetHeight ?? 0;
  return { page, row, below: pager + pinned };
}
