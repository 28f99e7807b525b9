import { css } from 'lit';

/**
 * The lead table: one grid template for the header and every row, so columns line up without a <table> (a
 * table sizes its columns from the rows in the DOM, and a windowed list changes those as it scrolls). Narrow frames (a phone-sized portal) stack each row's cells in two lines.
 */
export const leadsStyles = css`
  :host {
    --leads-row-height: 48px;
    --leads-columns: minmax(96px, 1.2fr) minmax(104px, 1fr) minmax(72px, 1fr) minmax(64px, 0.8fr) minmax(96px, 1fr)
      minmax(80px, 0.9fr) minmax(120px, 1.2fr);
    padding: 12px;
  }
  :host([mode='huddle']) {
    --leads-row-height: 64px;
    padding: 24px;
    font-size: var(--stride-huddle-font-size, 22px);
  }
  .frame.counted {
    --leads-columns: minmax(96px, 1.2fr) minmax(104px, 1fr) minmax(72px, 1fr) minmax(64px, 0.8fr) minmax(96px, 1fr)
      minmax(80px, 0.9fr) minmax(120px, 1.2fr) minmax(64px, 0.6fr);
  }
  .head {
    margin-block-end: 8px;
  }
  .columns,
  .row {
    display: grid;
    grid-template-columns: var(--leads-columns);
    align-items: center;
    column-gap: 8px;
    padding-inline: 8px;
  }
  .columns {
    min-height: 36px;
    border-block-end: 1px solid var(--s-border);
    color: var(--s-text-muted);
    font-size: 0.85em;
    /* the list below keeps a stable scrollbar gutter: leave the same room here */
    padding-inline-end: 24px;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 4px 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
    text-align: start;
  }
  .sort[aria-pressed='true'] {
    color: var(--s-text);
    font-weight: 600;
  }
  .sort:focus-visible,
  .row:focus-visible {
    outline: 2px solid var(--s-focus);
    outline-offset: -2px;
  }
  .list {
    height: var(--stride-leads-height, 420px);
    overflow-y: auto;
    scrollbar-gutter: stable;
    overscroll-behavior: contain;
    border: 1px solid var(--s-border);
    border-block-start: 0;
    border-radius: 0 0 8px 8px;
    background: var(--s-surface);
  }
  .row {
    box-sizing: border-box;
    width: 100%;
    height: var(--leads-row-height);
    border-block-end: 1px solid var(--s-border);
    cursor: pointer;
  }
  .row:hover {
    background: var(--s-surface-raised);
  }
  .cell {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .row.overdue {
    box-shadow: inset 4px 0 0 var(--s-bad);
  }
  .overdue-hours {
    color: var(--s-bad);
    font-weight: 600;
  }
  .masked-mark {
    margin-inline-start: 4px;
    padding: 0 4px;
    border-radius: 4px;
    border: 1px solid var(--s-border);
    color: var(--s-text-muted);
    font-size: 0.75em;
  }
  .muted {
    color: var(--s-text-muted);
  }
  .more {
    padding: 4px 8px;
    color: var(--s-text-muted);
    font-size: 0.85em;
  }
  .skeleton-title {
    width: 40%;
    height: 28px;
    margin-block-end: 12px;
  }
  .skeleton-row {
    height: calc(var(--leads-row-height) - 8px);
    margin-block-end: 8px;
  }
  .frame {
    container-type: inline-size;
  }
  /* a phone-sized frame: customer, stage and overdue, the rest on the row's accessible label and in the CSV */
  @container (max-width: 600px) {
    .columns,
    .row {
      /* the stage column holds its longest single word ("Converted") whatever the font */
      grid-template-columns: minmax(0, 1.1fr) minmax(84px, 0.8fr) minmax(0, 1.1fr);
    }
    .optional {
      display: none;
    }
    /* three columns of a phone's width: a cell wraps at its spaces ("超期" / "4.6天") rather than losing its number */
    .cell {
      white-space: normal;
      word-break: keep-all;
      line-height: 1.2;
    }
  }
`;
