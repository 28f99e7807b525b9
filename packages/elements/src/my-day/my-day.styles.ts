import { css } from 'lit';

/*
 * One column for a phone (320-430 px), readable wider too. Every control is at least 44 px tall: a thumb on a phone
 * in a moving bus, not a mouse.
 */
export const myDayStyles = css`
  .base {
    display: grid;
    gap: 16px;
    max-inline-size: 560px;
    margin-inline: auto;
    padding: 12px;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .heading {
    display: grid;
    gap: 2px;
    min-inline-size: 0;
  }
  .avatar {
    position: relative;
    display: inline-grid;
    flex: none;
    place-items: center;
    inline-size: 44px;
    block-size: 44px;
    border-radius: 50%;
    overflow: hidden;
    background: var(--s-surface-sunken);
    font-weight: 600;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    gap: 0 8px;
    margin: 0;
  }
  .section {
    display: grid;
    gap: 8px;
  }
  .section-title {
    margin: 0;
    font-size: 1.05em;
  }
  .summary,
  .muted {
    margin: 0;
    color: var(--s-text-muted);
  }
  .bars,
  .grid-tiles {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .bar-row,
  .card,
  .grid-tile {
    display: grid;
    gap: 4px;
    inline-size: 100%;
    min-block-size: 44px;
    padding: 8px 12px;
    border: 1px solid var(--s-border);
    border-radius: 8px;
    background: var(--s-surface-raised);
    color: var(--s-text);
    text-align: start;
    cursor: pointer;
    touch-action: manipulation;
  }
  /* every bar has the wide start border, so the behind ones' red one does not shift their text */
  .bar-row {
    border-inline-start-width: 4px;
  }
  .bar-row[data-status='behind'] {
    border-inline-start-color: var(--s-bad);
  }
  /* the states' retry buttons are thumb-sized too */
  .button {
    min-block-size: 44px;
    min-inline-size: 44px;
  }
  .bar-row:hover,
  .card:hover,
  .grid-tile:hover {
    border-color: var(--s-accent);
  }
  .bar-head,
  .bar-numbers,
  .line,
  .big-line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 2px 8px;
  }
  .big-line {
    justify-content: flex-start;
    align-items: center;
  }
  .bar-label {
    font-weight: 600;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-size: 0.9em;
  }
  .status[data-status='behind'] {
    color: var(--s-bad);
    font-weight: 600;
  }
  .status[data-status='ahead'] {
    color: var(--s-good);
  }
  .status[data-status='on-pace'] {
    color: var(--s-text-muted);
  }
  .bar-track {
    position: relative;
    display: block;
    block-size: 8px;
    border-radius: 4px;
    background: var(--s-surface-sunken);
    overflow: visible;
  }
  .bar-fill {
    display: block;
    block-size: 100%;
    max-inline-size: 100%;
    border-radius: 4px;
    background: var(--s-accent);
  }
  .bar-row[data-status='behind'] .bar-fill {
    background: var(--s-bad);
  }
  .bar-row[data-status='ahead'] .bar-fill {
    background: var(--s-good);
  }
  /* where pace is: a tick across the track, so "behind" reads without colour too */
  .bar-pace {
    position: absolute;
    inset-block: -3px;
    inline-size: 2px;
    margin-inline-start: -1px;
    background: var(--s-text);
  }
  .bar-numbers,
  .line {
    font-variant-numeric: tabular-nums;
  }
  .pace,
  .hint {
    color: var(--s-text-muted);
    font-size: 0.9em;
  }
  .big {
    font-size: 1.4em;
  }
  .movement[data-movement='up'] {
    color: var(--s-good);
  }
  .movement[data-movement='down'] {
    color: var(--s-bad);
  }
  .flame {
    color: var(--s-warning);
  }
  .hint[data-today='kept'] {
    color: var(--s-good);
  }
  .hint[data-today='open'] {
    color: var(--s-warning);
    font-weight: 600;
  }
  .holders {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--s-text-muted);
  }
  .holders .avatar {
    inline-size: 28px;
    block-size: 28px;
    font-size: 0.75em;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border: 1px solid var(--s-border);
    border-radius: 999px;
    background: var(--s-surface);
    font-size: 0.9em;
  }
  .badge[data-kind='champion'] {
    color: var(--s-warning);
  }
  .grid-tiles {
    grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
  }
  .grid-tile {
    border-block-start: 4px solid var(--s-unassigned);
  }
  .grid-tile[data-band='0'] {
    border-block-start-color: var(--s-band-0);
  }
  .grid-tile[data-band='1'] {
    border-block-start-color: var(--s-band-1);
  }
  .grid-tile[data-band='2'] {
    border-block-start-color: var(--s-band-2);
  }
  .grid-tile[data-band='3'] {
    border-block-start-color: var(--s-band-3);
  }
  .grid-name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .grid-coverage {
    font-size: 1.2em;
    font-variant-numeric: tabular-nums;
  }
  .grid-count {
    color: var(--s-text-muted);
    font-size: 0.85em;
  }
  .overdue {
    border-inline-start: 4px solid var(--s-warning);
  }
  .quiet {
    margin: 0;
    cursor: default;
  }
  .quiet:hover {
    border-color: var(--s-border);
  }
  .skeleton-block {
    display: grid;
    gap: 6px;
  }
  /* the summary line above the bars: a line of text, then the list's gap */
  .lead-line {
    inline-size: 40%;
    block-size: 1.45em;
    margin-block-end: 2px;
  }
`;
