import { css } from 'lit';

export const indicatorsStyles = css`
  .period {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    margin: 0 0 8px;
  }

  /* ---------------------------------------------------------------- tiles */
  .tiles {
    grid-template-columns: repeat(auto-fill, minmax(var(--stride-indicators-tile-min, 168px), 1fr));
    gap: 8px;
  }
  .tile {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 10px 12px;
    border: 1px solid var(--s-border);
    border-radius: 8px;
    background: var(--s-surface-raised);
    font-variant-numeric: tabular-nums;
    border-block-start: 3px solid var(--s-tone, var(--s-neutral));
  }
  .tile .counting {
    margin-block-start: auto;
  }
  /* A tile's status colours its top edge and its status line alike. */
  .ahead {
    --s-tone: var(--s-good);
  }
  .on-pace {
    --s-tone: var(--s-accent);
  }
  .behind {
    --s-tone: var(--s-bad);
  }
  .tile-label {
    align-self: flex-start;
    max-width: 100%;
    padding: 0;
    border: 0;
    background: none;
    cursor: pointer;
    font-size: 13px;
    font-weight: 600;
    color: var(--s-text-muted);
    text-align: start;
    overflow-wrap: anywhere;
  }
  .tile-label:hover {
    color: var(--s-accent);
    text-decoration: underline;
  }
  .value {
    font-size: 26px;
    font-weight: 700;
    line-height: 1.15;
    overflow-wrap: anywhere;
  }
  .amount {
    font-size: 13px;
    font-weight: 600;
  }
  .period,
  .target,
  .change,
  .status {
    font-size: 12px;
    color: var(--s-text-muted);
  }
  .bar {
    position: relative;
    height: 6px;
    margin: 4px 0 2px;
    border-radius: 3px;
    background: var(--s-surface-sunken);
  }
  .bar .fill {
    position: absolute;
    inset-block: 0;
    border-radius: 3px;
    background: var(--s-accent);
  }
  .bar .marker {
    position: absolute;
    inset-block: -3px;
    width: 2px;
    margin-inline-start: -1px;
    background: var(--s-text);
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-weight: 600;
    color: var(--s-tone, var(--s-text-muted));
  }
  .status .icon {
    display: inline-grid;
    place-items: center;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    font-size: 11px;
    line-height: 1;
    color: var(--s-surface);
    background: var(--s-tone);
  }
  .behind .icon {
    border-radius: 2px;
  }
  .change.good {
    color: var(--s-good);
  }
  .change.bad {
    color: var(--s-bad);
  }
  .spark {
    width: 100%;
    margin-top: 4px;
    overflow: visible;
  }
  .spark path {
    fill: none;
    stroke: var(--s-series-1);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  .spark circle {
    fill: var(--s-series-1);
    stroke: var(--s-surface-raised);
    cursor: pointer;
  }
  .spark path.partial {
    stroke-dasharray: 3 3;
  }
  .spark circle.partial {
    fill: var(--s-surface-raised);
    stroke: var(--s-series-1);
    stroke-width: 1.5;
  }
  .spark rect.rest {
    fill: var(--s-text-muted);
    opacity: 0.08;
  }
  .spark circle.active {
    fill: var(--s-text);
  }
  .pending {
    font-size: 12px;
    color: var(--s-text-muted);
  }
  .spark circle:focus-visible {
    outline: none;
    stroke: var(--s-focus);
    stroke-width: 2;
  }
  .readout {
    min-height: 1.45em;
    font-size: 12px;
  }

  @container (max-width: 359px) {
    .tiles {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 6px;
    }
    .tile {
      padding: 8px;
    }
    .value {
      font-size: 20px;
    }
  }
  @container (min-width: 1400px) {
    .tiles {
      grid-template-columns: repeat(var(--wall-columns, 5), minmax(0, 1fr));
      gap: 16px;
    }
    .value {
      font-size: 40px;
    }
    .tile-label {
      font-size: 17px;
    }
    .target,
    .change,
    .status,
    .readout,
    .pending {
      font-size: 15px;
    }
  }

  /* ---------------------------------------------------------------- the sheet (一人一表) */
  .sheet-tools {
    margin-bottom: 8px;
  }
  .sheet {
    max-height: var(--stride-indicators-table-height, 480px);
    overflow: auto;
    border: 1px solid var(--s-border);
    border-radius: 8px;
    font-variant-numeric: tabular-nums;
  }
  .sheet-inner {
    width: max-content;
    min-width: 100%;
  }
  .legend {
    margin: 0 0 6px;
    font-size: 12px;
    color: var(--s-text-muted);
  }
  :host([mode='huddle']) .legend {
    font-size: 16px;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(148px, 1.4fr) repeat(var(--cols), minmax(104px, 1fr));
    height: var(--row-height);
    border-block-end: 1px solid var(--s-border);
    background: var(--s-surface);
    cursor: pointer;
  }
  .row:hover .cell {
    background: var(--s-surface-raised);
  }
  .row.me .cell {
    background: var(--s-me);
  }
  .head,
  .totals {
    position: sticky;
    z-index: 2;
    cursor: default;
    font-weight: 600;
  }
  .head {
    inset-block-start: 0;
  }
  .totals {
    inset-block-end: 0;
    border-block-start: 2px solid var(--s-border);
  }
  .head .cell,
  .totals .cell {
    background: var(--s-surface-raised);
  }
  .cell {
    position: relative;
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 6px;
    padding: 0 8px;
    background: var(--s-surface);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .cell.first {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    justify-content: flex-start;
    border-inline-end: 1px solid var(--s-border);
  }
  /* A tint under the number: the band colour at low opacity keeps the text at AA contrast in both themes. */
  .cell[data-band]::before {
    content: '';
    position: absolute;
    inset: 2px;
    border-radius: 4px;
    opacity: 0.22;
    pointer-events: none;
  }
  .cell[data-band='0']::before {
    background: var(--s-band-0);
  }
  .cell[data-band='1']::before {
    background: var(--s-band-1);
  }
  .cell[data-band='2']::before {
    background: var(--s-band-2);
  }
  .cell[data-band='3']::before {
    background: var(--s-band-3);
  }
  .num,
  .side {
    position: relative;
  }
  /* share of target over the comparison with before the pilot: two short lines fit a 36px row */
  .side {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    line-height: 1.15;
  }
  .pct,
  .vs,
  .sort .arrow {
    font-size: 11px;
    color: var(--s-text-muted);
  }
  .vs {
    color: var(--s-text);
  }
  :host([mode='huddle']) .pct,
  :host([mode='huddle']) .vs {
    font-size: 14px;
  }
  .sort,
  .row-open {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    max-width: 100%;
    padding: 2px 0;
    border: 0;
    background: none;
    cursor: pointer;
    font-weight: inherit;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    text-align: start;
  }
  .head .cell {
    padding-block: 4px;
  }
`;
