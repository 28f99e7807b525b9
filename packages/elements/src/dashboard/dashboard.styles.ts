import { css } from 'lit';

export const dashboardStyles = css`
  :host {
    background: var(--s-surface-sunken);
    padding: 12px;
  }
  header {
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin-bottom: 12px;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: end;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 12px;
    color: var(--s-text-muted);
  }
  select,
  input[type='date'] {
    font-size: 14px;
  }
  /* Chromium focuses the date field's inner segment: the input itself matches neither :focus nor :focus-visible. */
  input[type='date']:focus-within {
    outline: 2px solid var(--s-focus);
    outline-offset: 2px;
  }
  .date-row {
    display: flex;
    gap: 4px;
    align-items: center;
  }
  .status {
    margin-inline-start: auto;
    font-size: 12px;
    color: var(--s-text-muted);
  }
  nav ol {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 13px;
  }
  nav li + li::before {
    content: '›';
    margin-inline-end: 4px;
    color: var(--s-text-muted);
  }
  .crumb {
    border: 0;
    background: none;
    padding: 2px 4px;
    color: var(--s-accent);
    cursor: pointer;
    text-decoration: underline;
  }
  .crumb[aria-current='page'] {
    color: var(--s-text);
    text-decoration: none;
    cursor: default;
    font-weight: 600;
  }
  .alert {
    padding: 8px 12px;
    border-radius: 6px;
    background: var(--s-surface);
    border-inline-start: 4px solid var(--s-bad);
    color: var(--s-text);
  }
  .layout {
    display: grid;
    gap: 12px;
    grid-template-columns: minmax(0, 1fr);
  }
  .layout[hidden] {
    display: none;
  }
  .cell {
    min-width: 0;
    background: var(--s-surface);
    border-radius: 8px;
    padding: 12px;
    border: 1px solid var(--s-border);
  }
  @container (min-width: 900px) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .cell.indicators,
    .cell.alerts,
    .cell.coverage {
      grid-column: 1 / -1;
    }
  }
  /* a long alert list scrolls inside its card instead of pushing the other views down; on a wall screen it has the
     screen to itself */
  .cell.alerts {
    max-height: 480px;
    overflow: auto;
  }
  :host([mode='huddle']) .cell.alerts {
    max-height: none;
  }
  :host([mode='huddle']) .layout {
    grid-template-columns: minmax(0, 1fr);
  }
  /* A view showing the leads behind one of its counts takes the whole width: the list has many columns. */
  .cell.listing {
    grid-column: 1 / -1;
  }
  .leads {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .views {
    display: flex;
    gap: 4px;
    flex-wrap: wrap;
  }
`;
