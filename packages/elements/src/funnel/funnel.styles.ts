import { css } from 'lit';

/**
 * The funnel beside its stage labels. Vertical: chart and labels side by side, one label row per funnel stage with
 * the chart's stage gap between rows so they line up. Horizontal: labels as columns under the chart. Below 480 px of
 * container width both stack (a 320 px portal frame), and the labels become a plain list.
 */
export const funnelStyles = css`
  .frame {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px;
  }
  .as-of,
  .legend,
  .note,
  caption {
    font-size: 12px;
    color: var(--s-text-muted);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    margin-inline-end: 4px;
    border-radius: 2px;
  }
  .swatch.current {
    background: var(--s-series-1);
  }
  .swatch.comparison {
    background: var(--s-series-2);
  }
  .note {
    margin: 0;
  }
  .funnel {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
    gap: 12px;
  }
  .chart {
    min-height: 160px;
  }
  .stages {
    display: grid;
    grid-auto-rows: minmax(var(--stride-funnel-row-height, 64px), auto);
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .funnel[data-orientation='horizontal'] {
    grid-template-columns: minmax(0, 1fr);
  }
  .funnel[data-orientation='horizontal'] .chart {
    height: var(--stride-funnel-chart-height, 180px);
  }
  .funnel[data-orientation='horizontal'] .stages {
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
  }
  .stage {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 2px;
    width: 100%;
    height: 100%;
    padding: 4px 8px;
    border: 1px solid transparent;
    border-radius: 6px;
    background: var(--s-surface-raised);
    text-align: start;
    cursor: pointer;
  }
  .stage:hover {
    border-color: var(--s-accent);
  }
  /* A stage whose overdue count links to its leads: the stage's button and the overdue link side by side. */
  .stage-row {
    display: flex;
    gap: 4px;
    height: 100%;
  }
  .stage-row .stage {
    flex: 1;
    min-width: 0;
  }
  .overdue-link {
    flex: none;
    padding: 4px 10px;
    border: 1px solid transparent;
    border-radius: 6px;
    background: var(--s-surface-raised);
    font-size: 12px;
    color: var(--s-text-muted);
    text-decoration: underline;
    cursor: pointer;
  }
  .overdue-link b {
    display: block;
    font-size: 16px;
  }
  .overdue-link:hover {
    border-color: var(--s-accent);
  }
  .funnel[data-orientation='horizontal'] .stage-row {
    flex-direction: column;
  }
  .stage-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
  }
  .stage-label {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .stage-count {
    font-size: 16px;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 10px;
    font-size: 12px;
    color: var(--s-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .facts b {
    font-weight: 600;
    color: var(--s-text);
  }
  .overdue b {
    color: var(--s-bad);
  }
  .delta.up b {
    color: var(--s-good);
  }
  .delta.down b {
    color: var(--s-bad);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    padding-block-end: 6px;
  }
  th,
  td {
    padding: 6px 8px;
    border-block-end: 1px solid var(--s-border);
    text-align: end;
  }
  th:first-child {
    text-align: start;
  }
  thead th {
    color: var(--s-text-muted);
    font-weight: 600;
  }
  .table-wrap {
    overflow-x: auto;
  }
  .link {
    text-align: start;
  }
  .skeleton-bar {
    height: var(--stride-funnel-row-height, 64px);
    margin-inline: auto;
  }
  @container (max-width: 479px) {
    .funnel {
      grid-template-columns: minmax(0, 1fr);
    }
    .chart {
      height: 160px;
    }
    .funnel[data-orientation='horizontal'] .stages {
      grid-auto-flow: row;
    }
    .stages {
      grid-auto-rows: auto;
    }
  }
  :host([mode='huddle']) .stage-count {
    font-size: 28px;
  }
  :host([mode='huddle']) .facts,
  :host([mode='huddle']) .overdue-link {
    font-size: 16px;
  }
  :host([mode='huddle']) .overdue-link b {
    font-size: 28px;
  }
`;
