import { css } from 'lit';

export const coverageMapStyles = css`
  :host {
    padding: 12px;
  }
  .header {
    margin-block-end: 8px;
  }
  .summary {
    color: var(--s-text-muted);
    font-size: 13px;
  }
  .stage {
    position: relative;
  }
  .map {
    width: 100%;
    height: var(--stride-map-height, 420px);
    border-radius: 6px;
    background: var(--s-surface-raised);
  }
  .map:focus-visible {
    outline: 2px solid var(--s-focus);
    outline-offset: 2px;
  }
  .zoom {
    position: absolute;
    inset-block-start: 8px;
    inset-inline-end: 8px;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .zoom .button {
    min-width: 32px;
    justify-content: center;
    padding: 4px 8px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 14px;
    margin: 8px 0 0;
    padding: 0;
    list-style: none;
    font-size: 12px;
    color: var(--s-text-muted);
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .swatch {
    display: inline-block;
    width: 14px;
    height: 14px;
    border-radius: 3px;
    border: 1px solid var(--s-border);
  }
  .swatch.band-0 { background: var(--s-band-0); }
  .swatch.band-1 { background: var(--s-band-1); }
  .swatch.band-2 { background: var(--s-band-2); }
  .swatch.band-3 { background: var(--s-band-3); }
  .swatch.unassigned { background: var(--s-unassigned); border: 1px dashed var(--s-text); }
  .swatch.no-data { background: var(--s-surface-sunken); }
  .swatch.me { background: transparent; border: 2.5px solid var(--s-text); }
  .tiles {
    grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
    gap: 6px;
  }
  .tile {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 2px;
    width: 100%;
    min-height: 56px;
    padding: 6px 8px 6px 12px;
    border: 1px solid var(--s-border);
    border-inline-start: 8px solid var(--tile-band, var(--s-surface-sunken));
    border-radius: 6px;
    background: var(--s-surface-raised);
    text-align: start;
    cursor: pointer;
  }
  .tile.band-0 { --tile-band: var(--s-band-0); }
  .tile.band-1 { --tile-band: var(--s-band-1); }
  .tile.band-2 { --tile-band: var(--s-band-2); }
  .tile.band-3 { --tile-band: var(--s-band-3); }
  .tile.unassigned { --tile-band: var(--s-unassigned); border-style: dashed; }
  .tile.mine { background: var(--s-me); outline: 2px solid var(--s-text); outline-offset: -2px; }
  .tile .name { font-weight: 600; overflow-wrap: anywhere; }
  .tile .value { font-size: 18px; font-variant-numeric: tabular-nums; }
  .table-wrap {
    max-height: var(--stride-map-height, 420px);
    overflow: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 6px 8px;
    border-block-end: 1px solid var(--s-border);
    text-align: start;
  }
  th {
    position: sticky;
    inset-block-start: 0;
    background: var(--s-surface);
    font-weight: 600;
  }
  td.num,
  th.num {
    text-align: end;
  }
  tr.mine td {
    background: var(--s-me);
  }
  .sort {
    padding: 0;
    border: 0;
    background: none;
    font-weight: 600;
    cursor: pointer;
  }
  .skeleton-map {
    height: var(--stride-map-height, 420px);
  }
  /* A wall screen: the map takes the screen's height less the portal and dashboard chrome above and below it. */
  :host([mode='huddle']) .map,
  :host([mode='huddle']) .skeleton-map {
    height: var(--stride-map-height-huddle, max(480px, calc(100vh - 500px)));
  }
  :host([mode='huddle']) .table-wrap {
    max-height: var(--stride-map-height-huddle, max(480px, calc(100vh - 500px)));
  }
  :host([mode='huddle']) .summary,
  :host([mode='huddle']) .legend {
    font-size: 15px;
  }
  @container (max-width: 480px) {
    .map,
    .skeleton-map {
      height: var(--stride-map-height-narrow, 300px);
    }
    /* A phone: the map is as tall as its grids need at this width (below the zoom row), at most the narrow height. */
    .map {
      height: min(var(--stride-map-height-narrow, 300px), calc(100cqw / var(--map-aspect, 1) + 56px));
    }
    .zoom {
      flex-direction: row;
    }
    .tiles {
      grid-template-columns: repeat(auto-fill, minmax(96px, 1fr));
    }
    .hide-narrow {
      display: none;
    }
  }
`;
