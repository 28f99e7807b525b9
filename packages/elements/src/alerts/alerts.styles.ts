import { css } from 'lit';

export const alertsStyles = css`
  [part='base'] {
    padding: 12px;
  }
  .count,
  .group-count,
  .since,
  .derived {
    color: var(--s-text-muted);
    font-weight: normal;
    font-size: 0.85em;
  }
  .derived {
    flex-basis: 100%;
    margin: 0;
  }
  .groups {
    display: grid;
    gap: 12px;
    margin-top: 12px;
  }
  /* "show more" sits under what it extends, as wide as its words */
  .more {
    justify-self: start;
    margin-top: 4px;
  }
  /* on a wall screen it reads at the size of the rows it adds to, not the kit's 13px control text */
  :host([mode='huddle']) .more {
    font-size: 0.8em;
    min-height: 1.8em;
  }
  .group-title {
    display: flex;
    align-items: baseline;
    gap: 8px;
    margin: 0 0 4px;
    font-size: 1em;
  }
  .rows {
    display: grid;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    display: flex;
    align-items: stretch;
    gap: 8px;
  }
  .who {
    flex: 0 0 auto;
    min-width: 5em;
    font-weight: 600;
    text-align: start;
  }
  /* the mark in its own column, so a line that wraps on a phone stays beside it, not under it */
  .alert {
    display: grid;
    grid-template-columns: 1.5em minmax(0, 1fr) auto;
    flex: 1 1 auto;
    align-items: baseline;
    gap: 2px 8px;
    min-height: 36px;
    padding: 6px 8px;
    border: 1px solid var(--s-border);
    border-inline-start: 4px solid var(--s-warning);
    border-radius: 6px;
    background: var(--s-surface-raised);
    text-align: start;
    cursor: pointer;
  }
  .alert[data-level='high'] {
    border-inline-start-color: var(--s-bad);
  }
  .alert:hover {
    border-color: var(--s-accent);
  }
  .mark {
    font-weight: bold;
  }
  .line {
    font-variant-numeric: tabular-nums;
  }
  /* a phone-width frame: the person above their alert, the date under the line */
  @container (max-width: 480px) {
    .row {
      flex-direction: column;
      gap: 2px;
    }
    .since {
      grid-column: 2;
    }
  }
  .skeleton-title {
    height: 18px;
    width: 30%;
  }
  .skeleton-row {
    height: 36px;
    margin-top: 6px;
  }
`;
