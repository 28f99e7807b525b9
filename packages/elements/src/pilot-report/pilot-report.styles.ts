import { css } from 'lit';

/*
 * On screen: a readable document at any width (the tables scroll sideways on a phone). On paper (A4 landscape, the
 * `@page` rule the element adds to the document): black on white whatever the theme, the sections on five pages, headings kept with what follows, no table row cut, the header row repeated, no buttons.
 */
export const pilotReportStyles = css`
  .base {
    display: grid;
    gap: 24px;
    padding: 16px;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 8px 16px;
  }
  .title {
    margin: 0 0 4px;
    font-size: 1.6em;
  }
  .header .sub {
    display: flex;
    flex-wrap: wrap;
    gap: 0 16px;
    margin: 0;
  }
  .section {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 8px;
  }
  /* a wide table scrolls inside its section on a phone; the notes around it wrap to the screen */
  .table-wrap {
    overflow-x: auto;
  }
  .section-title {
    margin: 0;
    font-size: 1.2em;
    break-after: avoid;
  }
  .note {
    margin: 0;
    color: var(--s-text-muted);
    break-after: avoid;
  }
  .tally + .tally::before {
    content: ' · ';
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 4px 8px;
    border-block-end: 1px solid var(--s-border);
    text-align: start;
    font-weight: normal;
    vertical-align: middle;
  }
  thead th {
    font-weight: 600;
    border-block-end: 2px solid var(--s-text);
    white-space: nowrap;
  }
  tbody th {
    font-weight: 600;
  }
  .num {
    text-align: end;
    white-space: nowrap;
  }
  .muted {
    color: var(--s-text-muted);
  }
  tr {
    break-inside: avoid;
  }
  .spark {
    display: block;
    color: var(--s-accent);
  }
  .missing {
    display: grid;
    gap: 4px;
    justify-items: start;
    padding: 12px;
    border: 2px dashed var(--s-border);
    border-radius: 6px;
  }
  .skeleton-row {
    block-size: 28px;
    margin-block-end: 4px;
    border-radius: 4px;
    background: var(--s-surface-sunken);
  }

  /*
   * Narrow (a phone): each row becomes a small card, its figures labelled from data-label, so nothing is wider
   * than the screen. Paper is always wide (A4 landscape), so it keeps the tables.
   */
  @container (max-width: 640px) {
    thead {
      display: none;
    }
    table,
    tbody,
    th,
    td {
      display: block;
    }
    tr {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
      gap: 2px 12px;
      padding-block: 6px;
      border-block-end: 1px solid var(--s-border);
    }
    th,
    td,
    .num {
      padding: 0;
      border: 0;
      text-align: start;
      white-space: normal;
    }
    tbody th {
      grid-column: 1 / -1;
    }
    td[data-label]::before {
      content: attr(data-label) ' ';
      color: var(--s-text-muted);
    }
    .spark-cell {
      grid-column: 1 / -1;
    }
  }

  @media print {
    :host {
      --s-text: #000;
      --s-text-muted: #333;
      --s-border: #888;
      --s-surface: #fff;
      --s-accent: #000;
      color: #000;
      background: #fff;
      font-size: 11pt;
      /* the page's width, whatever the screen layout gave the element (!important in a shadow root beats the
         page's own inline width, only on paper) */
      inline-size: auto !important;
      max-inline-size: none !important;
    }
    .base {
      padding: 0;
      gap: 16px;
    }
    .table-wrap {
      overflow: visible;
    }
    /* pages: header and indicators; trend; funnel and coverage; champions and movers; alerts */
    .section.trend,
    .section.funnel,
    .section.champions,
    .section.alerts {
      break-before: page;
    }
    /* .button is the shared look (display: inline-flex): the same specificity, later, wins */
    .button {
      display: none;
    }
  }
`;
