import { css } from 'lit';

/**
 * The list's height (px) unless the host sets --stride-leaderboard-height. The element knows from it how many rows
 * its first frame shows, so the first render already holds those rows and no second render follows the first measure.
 */
export const LIST_HEIGHT = 480;

export const leaderboardStyles = css`
  :host {
    --lb-row-height: 56px;
    padding: 12px;
  }
  :host([mode='huddle']) {
    --lb-row-height: 72px;
    padding: 24px;
  }
  .head {
    margin-block-end: 8px;
  }
  input[type='search'] {
    min-width: 0;
    width: 180px;
    font-size: 13px;
  }
  .podium {
    display: flex;
    justify-content: center;
    align-items: flex-end;
    gap: 8px;
    margin: 0 0 12px;
    padding: 0;
    list-style: none;
  }
  .place {
    flex: 0 1 140px;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    padding: 8px;
    border-radius: 8px;
    background: var(--s-surface-raised);
    border: 1px solid var(--s-border);
    text-align: center;
    min-width: 0;
  }
  .place[data-rank='1'] {
    border-color: var(--s-accent);
    padding-block: 16px;
  }
  .medal {
    font-size: 1.6em;
    line-height: 1;
    min-height: 1em;
  }
  .place .name {
    max-width: 100%;
  }
  .more-tied {
    align-self: center;
    color: var(--s-text-muted);
  }
  .list {
    /* A short board is as tall as its rows, not a box of empty space under them. */
    height: min(var(--stride-leaderboard-height, ${LIST_HEIGHT}px), calc(var(--lb-rows, 8) * var(--lb-row-height) + 2px));
    overflow-y: auto;
    /* The scrollbar appearing must not change the rows' width (names would re-wrap while scrolling). */
    scrollbar-gutter: stable;
    overscroll-behavior: contain;
    border: 1px solid var(--s-border);
    border-radius: 8px;
    background: var(--s-surface);
  }
  .page {
    border: 1px solid var(--s-border);
    border-radius: 8px;
  }
  .row {
    display: flex;
    width: 100%;
    height: var(--lb-row-height);
    border-block-end: 1px solid var(--s-border);
    background: var(--s-surface);
  }
  .row.me {
    background: var(--s-me);
  }
  .row-main,
  .why,
  .lane-button {
    border: 0;
    background: transparent;
    cursor: pointer;
  }
  /* The name is the one thing a row must always show: its column keeps room for a whole name, and the badges,
     streak and movement give way first (icons only, then under the name, then hidden). */
  .row-main {
    flex: 1;
    min-width: 0;
    display: grid;
    grid-template-columns: 4em 2.4em minmax(7em, 1fr) minmax(0, max-content) 5em;
    grid-template-areas: 'rank avatar who meta value';
    align-items: center;
    gap: 8px;
    padding: 0 8px;
    text-align: start;
  }
  .row-main > .rank {
    grid-area: rank;
  }
  .row-main > .avatar {
    grid-area: avatar;
  }
  .row-main > .who {
    grid-area: who;
  }
  .row-main > .meta {
    grid-area: meta;
  }
  .row-main > .value {
    grid-area: value;
  }
  .row-main:focus-visible {
    outline-offset: -2px;
  }
  .rank {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 2px;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .unranked {
    color: var(--s-text-muted);
    font-weight: 400;
  }
  .avatar {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 2.2em;
    height: 2.2em;
    border-radius: 50%;
    overflow: hidden;
    background: var(--s-surface-sunken);
    color: var(--s-text);
    font-size: 0.8em;
    font-weight: 600;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .who {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .name,
  .org {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .org {
    color: var(--s-text-muted);
    font-size: 0.8em;
  }
  .meta {
    display: flex;
    gap: 4px;
    align-items: center;
    justify-content: flex-end;
    min-width: 0;
    overflow: hidden;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--s-surface-sunken);
    font-size: 0.75em;
    white-space: nowrap;
  }
  .streak {
    display: inline-flex;
    align-items: center;
    font-size: 0.8em;
    white-space: nowrap;
    color: var(--s-warning);
  }
  .streak .icon-svg {
    margin-inline-end: 1px;
  }
  .move {
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
    min-width: 3em;
    text-align: center;
  }
  .move.up {
    color: var(--s-good);
  }
  .move.down {
    color: var(--s-bad);
  }
  .move.same {
    color: var(--s-text-muted);
  }
  .move.new {
    color: var(--s-accent);
    font-weight: 600;
  }
  .value {
    text-align: end;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .why {
    flex: 0 0 auto;
    display: grid;
    place-items: center;
    width: 40px;
    border-inline-start: 1px solid var(--s-border);
    color: var(--s-accent);
    font-size: 18px;
  }
  .pinned {
    margin-block: 4px;
    border: 2px solid var(--s-accent);
    border-radius: 8px;
    overflow: hidden;
  }
  .pinned .row {
    border: 0;
  }
  .pinned-label {
    display: block;
    padding: 2px 8px;
    font-size: 12px;
    color: var(--s-accent-text);
    background: var(--s-accent);
  }
  .breakdown {
    margin-block: 8px;
    padding: 12px;
    border: 1px solid var(--s-border);
    border-radius: 8px;
    background: var(--s-surface-raised);
  }
  h3 {
    margin: 0 0 8px;
    font-size: 1em;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    max-width: 360px;
  }
  td,
  th {
    padding: 4px 8px;
    border-block-end: 1px solid var(--s-border);
    text-align: start;
  }
  td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .lanes {
    display: grid;
    gap: 12px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .lane {
    display: grid;
    grid-template-columns: minmax(0, 10em) minmax(0, 1fr) auto;
    align-items: center;
    gap: 8px;
  }
  .lane-button {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    min-width: 0;
    padding: 4px;
    text-align: start;
  }
  .track {
    height: 20px;
    border-radius: 999px;
    background: var(--s-surface-sunken);
    overflow: hidden;
  }
  .bar {
    height: 100%;
    background: var(--s-series-1);
    border-radius: 999px;
  }
  .lane:nth-child(2n) .bar {
    background: var(--s-series-2);
  }
  .pager {
    margin-block-start: 8px;
  }
  .skeleton-row {
    height: var(--lb-row-height);
    margin-block-end: 1px;
  }
  @container (max-width: 720px) {
    .badge-label {
      display: none;
    }
  }
  /* A phone or a portal rail: rank, the name with movement and streak under it, the value. */
  @container (max-width: 480px) {
    .row-main {
      grid-template-columns: 3.4em minmax(0, 1fr) max-content;
      grid-template-rows: auto auto;
      grid-template-areas: 'rank who value' 'rank meta value';
      row-gap: 0;
      column-gap: 6px;
      align-content: center;
    }
    .row-main > .avatar,
    .badge,
    .org {
      display: none;
    }
    .row-main > .meta {
      justify-content: flex-start;
      gap: 8px;
    }
    .move {
      min-width: 0;
      text-align: start;
    }
    .why {
      width: 34px;
    }
    input[type='search'] {
      width: 100%;
    }
  }
  @container (max-width: 360px) {
    .place {
      padding: 4px;
    }
    .place .avatar {
      display: none;
    }
  }
`;
