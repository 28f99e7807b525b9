/**
 * Shared styles: the :host reset every widget starts from, the `--stride-*` tokens with light and dark defaults,
 * and the look of the shared states. px, never rem: a host page with `html { font-size: 62.5% }` must not shrink us.
 * The font is inherited from the host page (no web fonts).
 */
import { css, unsafeCSS, type CSSResult } from 'lit';
import { DARK_TOKENS, LIGHT_TOKENS, TOKEN_NAMES, type ThemeTokens } from '@stride/core';

// Internal `--s-*` variables take the host's `--stride-*` override when there is one, else the theme default.
// The token tables are our own constants, so building CSS text from them is safe.
function tokenDeclarations(tokens: ThemeTokens): CSSResult {
  return unsafeCSS(TOKEN_NAMES.map((name) => `--s-${name}: var(--stride-${name}, ${tokens[name]});`).join('\n'));
}

export const tokenStyles = css`
  :host {
    ${tokenDeclarations(LIGHT_TOKENS)}
    color-scheme: light;
  }
  :host([data-stride-theme='dark']) {
    ${tokenDeclarations(DARK_TOKENS)}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([data-stride-theme='auto']) {
      ${tokenDeclarations(DARK_TOKENS)}
      color-scheme: dark;
    }
  }
`;

export const hostStyles = css`
  :host {
    all: initial;
    display: block;
    position: relative;
    box-sizing: border-box;
    container-type: inline-size;
    font-family: inherit;
    font-size: var(--stride-font-size, 14px);
    line-height: 1.45;
    color: var(--s-text);
    background: var(--s-surface);
    border-radius: var(--stride-radius, 8px);
    -webkit-font-smoothing: antialiased;
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  :host([mode='huddle']) {
    font-size: var(--stride-huddle-font-size, 22px);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  svg {
    width: auto;
    height: auto;
  }
  button {
    font: inherit;
    color: inherit;
    line-height: 1.2;
  }
  :focus-visible {
    outline: 2px solid var(--s-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  /* The kit's inline SVG icons (shared/icons.ts) sit on the text's baseline like a glyph would. */
  .icon-svg {
    flex: none;
    vertical-align: -0.125em;
  }
  /* "How is this counted": a quiet line that opens to the Definition (shared/counting.ts). */
  .counting {
    padding-block-start: 4px;
    color: var(--s-text-muted);
    font-size: 12px;
  }
  .counting summary {
    cursor: pointer;
    width: fit-content;
  }
  .counting p {
    margin: 4px 0 0;
    color: var(--s-text);
    line-height: 1.4;
  }
  /* A widget's title and the line under it (what it shows, as of when): one look in every widget, scaled by the
     host's font size so a huddle wall screen gets a wall-sized title. */
  .title {
    margin: 0;
    font-size: 1.15em;
    font-weight: 600;
  }
  .sub {
    color: var(--s-text-muted);
    font-size: 0.85em;
  }
  /* A widget's title bar: the title at the start, its tools at the end, wrapping in a narrow container. */
  .title-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  /* A widget's form fields (search, date, select): the kit's field look over the page's own. */
  .field {
    min-height: 32px;
    padding: 4px 8px;
    border: 1px solid var(--s-border);
    border-radius: 6px;
    background: var(--s-surface);
    color: var(--s-text);
    font: inherit;
  }
  /* A button that reads as a link (a drill-down from a table cell). */
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--s-accent);
    text-decoration: underline;
    text-align: start;
    cursor: pointer;
  }
  /* A list laid out as a grid of tiles. */
  .tile-grid {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-height: 32px;
    padding: 4px 12px;
    border: 1px solid var(--s-border);
    border-radius: 6px;
    background: var(--s-surface-raised);
    color: var(--s-text);
    cursor: pointer;
    font-size: 13px;
  }
  .button:hover {
    border-color: var(--s-accent);
  }
  .button[aria-pressed='true'] {
    background: var(--s-accent);
    color: var(--s-accent-text);
    border-color: var(--s-accent);
  }
`;

export const stateStyles = css`
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: var(--stride-state-min-height, 160px);
    padding: 16px;
    text-align: center;
    color: var(--s-text-muted);
  }
  .state strong {
    color: var(--s-text);
    font-size: 15px;
  }
  .state.error strong {
    color: var(--s-bad);
  }
  /* The dropped-items notice opens to the reasons, field by field, as validation wrote them. */
  .notice summary {
    cursor: pointer;
  }
  .notice .reasons {
    margin: 4px 0 0;
    overflow-wrap: anywhere;
    font-family: ui-monospace, monospace;
    font-size: 12px;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin: 0 0 8px;
    padding: 6px 10px;
    border-radius: 6px;
    font-size: 13px;
    background: var(--s-surface-sunken);
    color: var(--s-text);
    border-inline-start: 4px solid var(--s-warning);
    overflow-wrap: anywhere;
  }
  .badge-stale {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border-radius: 999px;
    background: var(--s-warning);
    color: var(--s-surface);
    font-weight: 600;
    font-size: 12px;
  }
  .refreshing {
    position: absolute;
    inset-block-start: 4px;
    inset-inline-end: 8px;
    z-index: 1;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 12px;
    color: var(--s-text-muted);
    background: var(--s-surface-raised);
    pointer-events: none;
  }
  .skeleton {
    border-radius: 6px;
    background: var(--s-skeleton);
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: stride-pulse 1.4s ease-in-out infinite;
    }
  }
  @keyframes stride-pulse {
    50% {
      opacity: 0.55;
    }
  }
`;

/** Everything a Stride element starts from. */
export const baseStyles = [tokenStyles, hostStyles, stateStyles];
