/**
 * The sections of <stride-my-day>: pure functions of the view model and the handlers the element passes in. Every
 * drill is a button at least 44 px tall (a thumb on a phone), with a label that says what it opens.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  BADGE_LABELS,
  formatCount,
  formatPercent,
  formatValue,
  inPageLanguage,
  safeUrl,
  type Badge,
  type LeaderboardEntry,
  type StrideLocale,
} from '@stride/core';
import { initialsOf } from '../leaderboard/leaderboard.view-model.js';
import { icon, medal } from '../shared/icons.js';
import { styleProps } from '../shared/style-props.js';
import type { Movement } from '../leaderboard/leaderboard.ranking.js';
import { t } from './my-day.strings.js';
import type { GridTile, NextBadge, PaceBar, RankView, StreakToday } from './my-day.view-model.js';

export interface MyDayHandlers {
  onIndicator: (id: string) => void;
  onMe: () => void;
  onGrid: (gridId: string) => void;
  onOverdue: () => void;
}

/** A section's frame: a heading, and its body (data, or its own loading / error / empty state). */
export function renderSection(id: string, title: string, body: TemplateResult, extra?: TemplateResult): TemplateResult {
  return html`<section class="section" part="section ${id}-section" data-section=${id} aria-labelledby="title-${id}">
    <h3 class="section-title" id="title-${id}">${title}${extra ?? nothing}</h3>
    ${body}
  </section>`;
}

/** A photo from the board, or the initials where there is none (or it failed to load). */
export interface AvatarContext {
  /** Photo addresses that failed to load: the initials stay instead of a broken image. */
  failed: ReadonlySet<string>;
  onError: (url: string) => void;
}

export function renderAvatar(
  entry: LeaderboardEntry | undefined,
  name: string,
  context: AvatarContext,
): TemplateResult | typeof nothing {
  if (!name) return nothing;
  const { onError } = context;
  // validation strips unsafe URLs already; checking again here keeps a hand-built result safe too
  const url = safeUrl(entry?.avatarUrl);
  const usable = url !== undefined && !context.failed.has(url);
  return html`<span class="avatar" part="avatar" aria-hidden="true"
    >${initialsOf(name)}${
      usable
        ? html`<img src=${url} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${() => onError(url)} />`
        : nothing
    }</span
  >`;
}

/* ---------------------------------------------------------------- indicators */

function statusLabel(bar: PaceBar, locale: StrideLocale): string {
  if (bar.status === 'behind') return t(locale, 'statusBehind');
  if (bar.status === 'ahead') return t(locale, 'statusAhead');
  if (bar.status === 'on-pace') return t(locale, 'statusOnPace');
  return '';
}

/** A small pace below 10 is not whole early in a period: "pace 0" would read wrong for 0.4. */
function formatPace(pace: number, unit: PaceBar['unit'], locale: StrideLocale): string {
  if (unit === 'count' && pace < 10 && !Number.isInteger(pace))
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(pace);
  return formatValue(pace, unit, locale);
}

export function behindSummary(bars: readonly PaceBar[], locale: StrideLocale): string {
  const behind = bars.filter((bar) => bar.status === 'behind').length;
  return behind > 0 ? t(locale, 'behindCount', { count: behind }) : t(locale, 'allOnPace');
}

/** A 0-1 share as a CSS length along the bar (written through the CSSOM: strict pages refuse style attributes). */
function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function renderBar(bar: PaceBar, locale: StrideLocale, handlers: MyDayHandlers): TemplateResult {
  const value = formatValue(bar.value, bar.unit, locale);
  const line =
    bar.target !== null
      ? t(locale, 'valueOfTarget', { value, target: formatValue(bar.target, bar.unit, locale) })
      : t(locale, 'valueOnly', { value });
  const pace =
    bar.pace !== null && bar.unit === 'count'
      ? t(locale, 'paceAt', { pace: formatPace(bar.pace, bar.unit, locale) })
      : '';
  const status = statusLabel(bar, locale);
  return html`<li>
    <button
      class="bar-row"
      part="indicator"
      data-indicator=${bar.id}
      data-status=${bar.status ?? 'none'}
      @click=${() => handlers.onIndicator(bar.id)}
    >
      <span class="bar-head">
        <span class="bar-label">${bar.label}</span>
        ${status ? html`<span class="status" data-status=${bar.status ?? 'none'}>${bar.status === 'behind' ? icon('warning') : nothing}${status}</span>` : nothing}
      </span>
      <span class="bar-track" aria-hidden="true">
        ${bar.fill !== null ? html`<span class="bar-fill" style=${styleProps({ 'inline-size': percent(bar.fill) })}></span>` : nothing}
        ${bar.paceAt !== null && bar.unit === 'count' ? html`<span class="bar-pace" style=${styleProps({ 'inset-inline-start': percent(bar.paceAt) })}></span>` : nothing}
      </span>
      <span class="bar-numbers"><span class="value">${line}</span>${pace ? html`<span class="pace">${pace}</span>` : nothing}</span>
    </button>
  </li>`;
}

export function renderIndicators(
  bars: readonly PaceBar[],
  locale: StrideLocale,
  handlers: MyDayHandlers,
): TemplateResult {
  return html`<p class="summary" part="indicators-summary">${behindSummary(bars, locale)}</p>
    <ul class="bars" part="indicators">
      ${bars.map((bar) => renderBar(bar, locale, handlers))}
    </ul>`;
}

/* ---------------------------------------------------------------- rank */

function movementLine(movement: Movement, locale: StrideLocale): string {
  if (movement.kind === 'none') return '';
  if (movement.kind === 'up' || movement.kind === 'down') return t(locale, movement.kind, { n: movement.by });
  return t(locale, movement.kind);
}

export function gapLine(view: RankView, locale: StrideLocale): string {
  if (view.rank === 1) return t(locale, 'topRank');
  if (!view.next) return '';
  if (view.next.gap === 0) return t(locale, 'gapZero', { rank: view.next.rank });
  const key = view.next.gap === 1 ? 'gapToNext_one' : 'gapToNext';
  return t(locale, key, { gap: formatCount(view.next.gap, locale), rank: view.next.rank });
}

/** Who holds the rank I am chasing: a face and a name make the gap a person, not a number. */
function renderHolders(holders: readonly LeaderboardEntry[], locale: StrideLocale, context: AvatarContext) {
  const first = holders[0];
  if (!first) return nothing;
  const names =
    holders.length > 1
      ? t(locale, 'holdersMany', { name: first.name, count: holders.length, others: holders.length - 1 })
      : first.name;
  return html`<span class="holders" part="next-holder">${renderAvatar(first, first.name, context)}<span>${names}</span></span>`;
}

export function renderRank(
  view: RankView | null,
  locale: StrideLocale,
  handlers: MyDayHandlers,
  context: AvatarContext,
): TemplateResult {
  if (!view) return html`<p class="muted" part="rank">${t(locale, 'notOnBoard')}</p>`;
  const rank =
    view.rank === null ? t(locale, 'unranked') : t(locale, view.tied ? 'tiedRank' : 'rank', { rank: view.rank });
  const movement = movementLine(view.movement, locale);
  const gap = gapLine(view, locale);
  return html`<button class="card" part="rank" @click=${handlers.onMe}>
    <span class="big-line">
      ${medal(view.rank)}<strong class="big">${rank}</strong>
      <span class="muted">${t(locale, 'rankOf', { count: view.of })}</span>
    </span>
    <span class="line">
      <span>${t(locale, 'points', { points: formatCount(view.entry.value, locale) })}</span>
      ${movement ? html`<span class="movement" data-movement=${view.movement.kind}>${movement}</span>` : nothing}
    </span>
    ${gap ? html`<span class="line hint" part="gap">${gap}</span>` : nothing}
    ${view.next ? renderHolders(view.next.holders, locale, context) : nothing}
  </button>`;
}

/* ---------------------------------------------------------------- streak */

export function streakHint(streak: number, today: StreakToday | null, locale: StrideLocale): string {
  if (today === 'kept') return t(locale, 'streakKept');
  if (today === 'rest') return t(locale, 'streakRest');
  if (today === 'open') return t(locale, streak > 0 ? 'streakOpen' : 'streakStart');
  return '';
}

export function renderStreak(
  streak: number | null,
  today: StreakToday | null,
  locale: StrideLocale,
  handlers: MyDayHandlers,
): TemplateResult {
  const days = streak ?? 0;
  const headline = days > 0 ? t(locale, 'streakDays', { days }) : t(locale, 'streakNone');
  const hint = streakHint(days, today, locale);
  return html`<button class="card" part="streak" data-today=${today ?? 'unknown'} @click=${handlers.onMe}>
    <span class="big-line"><span class="flame" aria-hidden="true">${icon('flame')}</span><strong>${headline}</strong></span>
    ${hint ? html`<span class="line hint" data-today=${today ?? 'unknown'}>${today === 'kept' ? icon('check') : nothing}${hint}</span>` : nothing}
  </button>`;
}

/* ---------------------------------------------------------------- badges */

function badgeName(id: string, fallback: string, locale: StrideLocale): string {
  return inPageLanguage(BADGE_LABELS, id, fallback, locale);
}

export function nextBadgeLine(next: NextBadge, locale: StrideLocale): string {
  // the kit's own milestone, named as the kit names it (the board's label for a badge not yet held is unknown)
  const badge = BADGE_LABELS[locale][next.id];
  const key = `nextBadge_${next.measure}${next.remaining === 1 ? '_one' : ''}` as const;
  return t(locale, key, { n: formatCount(next.remaining, locale), badge });
}

export function renderBadges(
  badges: readonly Badge[],
  next: NextBadge | null,
  allEarned: boolean,
  locale: StrideLocale,
  handlers: MyDayHandlers,
): TemplateResult {
  const nextLine = next ? nextBadgeLine(next, locale) : allEarned ? t(locale, 'allBadges') : '';
  return html`<button class="card" part="badges" @click=${handlers.onMe}>
    ${
      badges.length > 0
        ? html`<span class="badges">
          ${badges.map(
            (badge) => html`<span class="badge" data-badge=${badge.id} data-kind=${badge.kind}>
              ${icon(badge.kind === 'champion' ? 'trophy' : 'rosette')}${badgeName(badge.id, badge.label, locale)}
            </span>`,
          )}
        </span>`
        : html`<span class="muted">${t(locale, 'noBadges')}</span>`
    }
    ${nextLine ? html`<span class="line hint" part="next-badge">${nextLine}</span>` : nothing}
  </button>`;
}

/* ---------------------------------------------------------------- grids */

export function renderGrids(tiles: readonly GridTile[], locale: StrideLocale, handlers: MyDayHandlers): TemplateResult {
  if (tiles.length === 0) return html`<p class="muted">${t(locale, 'noGrids')}</p>`;
  return html`<ul class="grid-tiles" part="grids">
    ${tiles.map(
      (tile) => html`<li>
        <button
          class="grid-tile"
          part="grid"
          data-grid=${tile.gridId}
          data-band=${tile.band ?? 'none'}
          @click=${() => handlers.onGrid(tile.gridId)}
        >
          <span class="grid-name">${tile.name}</span>
          <strong class="grid-coverage">${formatPercent(tile.coverage, locale, 0)}</strong>
          <span class="grid-count">${t(locale, 'gridCovered', { covered: formatCount(tile.covered, locale), households: formatCount(tile.households, locale) })}</span>
        </button>
      </li>`,
    )}
  </ul>`;
}

/* ---------------------------------------------------------------- overdue */

export function renderOverdue(count: number | null, locale: StrideLocale, handlers: MyDayHandlers): TemplateResult {
  if (count === null) return html`<p class="muted">${t(locale, 'unknown')}</p>`;
  if (count === 0) return html`<p class="card quiet" part="overdue">${icon('check')} ${t(locale, 'overdueNone')}</p>`;
  return html`<button class="card overdue" part="overdue" @click=${handlers.onOverdue}>
    <span class="big-line">${icon('warning')}<strong class="big">${t(locale, 'overdueCount', { count: formatCount(count, locale) })}</strong></span>
    <span class="line hint">${t(locale, 'openOverdue')}</span>
  </button>`;
}

/* ---------------------------------------------------------------- skeletons */

/** A section's skeleton: `rows` boxes of `height` px, after a line of text's height where the section has one. */
export function renderSkeleton(rows: number, height: number, leadLine = false): TemplateResult {
  return html`<div class="skeleton-block" aria-hidden="true">
    ${leadLine ? html`<div class="skeleton lead-line"></div>` : nothing}
    ${Array.from({ length: rows }, () => html`<div class="skeleton" style=${styleProps({ 'block-size': `${height}px` })}></div>`)}
  </div>`;
}
