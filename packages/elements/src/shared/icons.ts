/**
 * The icons the kit ships, as inline SVG. Emoji and dingbat symbols depend on the viewer's fonts: on a bank PC
 * with no emoji font "🔥27" renders as "▯27". These draw the same everywhere, take the text colour
 * (`currentColor`) unless they carry their own, and are always decorative: the text or ARIA label beside them says
 * what they mean.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

export type IconName =
  'flame' | 'rosette' | 'trophy' | 'star' | 'flag' | 'info' | 'warning' | 'check' | 'equals' | 'exclamation';

const PATHS: Record<IconName, SVGTemplateResult> = {
  // A flame: an outer tongue with a hollow core, so it still reads as fire at 12 px.
  flame: svg`<path fill="currentColor" fill-rule="evenodd" d="M12 2c.6 3.2 2.6 5 4.2 7 1.3 1.6 1.8 3.2 1.8 5a6 6 0 0 1-12 0c0-2.3 1-4.2 2.6-5.6.1 1.6.7 2.8 1.9 3.5C10.1 8.6 10.4 5.2 12 2zm0 12c-1 1.1-1.6 2.1-1.6 3.2a1.6 1.6 0 0 0 3.2 0c0-1.1-.6-2.1-1.6-3.2z"/>`,
  // A milestone rosette: a disc with two ribbon tails.
  rosette: svg`<path fill="currentColor" d="M8.5 13.4 6.5 22l5.5-3 5.5 3-2-8.6A6.5 6.5 0 0 1 12 15.5a6.5 6.5 0 0 1-3.5-2.1z"/><circle cx="12" cy="8.5" r="6" fill="currentColor"/><circle cx="12" cy="8.5" r="3" fill="none" stroke="var(--s-surface, #fff)" stroke-width="1.4"/>`,
  // A champion's cup with handles, stem and base.
  trophy: svg`<path fill="currentColor" d="M7 3h10v5a5 5 0 0 1-4 4.9V16h3v2H8v-2h3v-3.1A5 5 0 0 1 7 8V3zM6 20h12v2H6z"/><path fill="none" stroke="currentColor" stroke-width="1.6" d="M7 5H4v1.5A3.5 3.5 0 0 0 7.5 10M17 5h3v1.5a3.5 3.5 0 0 1-3.5 3.5"/>`,
  // A five-pointed star for points earned by standard actions.
  star: svg`<path fill="currentColor" d="m12 2.5 2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z"/>`,
  // A pennant for a team or sub-branch contest (PK).
  flag: svg`<path fill="currentColor" d="M5 2h2v20H5zM7 3h12l-3 4.5L19 12H7z"/>`,
  info: svg`<circle cx="12" cy="12" r="9.2" fill="none" stroke="currentColor" stroke-width="1.6"/><path fill="currentColor" d="M11 10.5h2V17h-2zM12 6.6a1.3 1.3 0 1 1 0 2.6 1.3 1.3 0 0 1 0-2.6z"/>`,
  warning: svg`<path fill="currentColor" fill-rule="evenodd" d="M12 2.5 1.5 21h21zm-1 7h2v6h-2zm1 7.6a1.2 1.2 0 1 1 0 2.4 1.2 1.2 0 0 1 0-2.4z"/>`,
  check: svg`<path fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" d="m5 12.5 4.5 4.5L19 7"/>`,
  equals: svg`<path fill="currentColor" d="M5 8h14v3H5zM5 13h14v3H5z"/>`,
  exclamation: svg`<path fill="currentColor" d="M10.5 3h3l-.5 12h-2zM12 17a2 2 0 1 1 0 4 2 2 0 0 1 0-4z"/>`,
};

/** An inline icon the size of the text around it (1em), hidden from assistive technology. */
export function icon(name: IconName): TemplateResult {
  return html`<svg class="icon-svg" data-icon=${name} viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">${PATHS[name]}</svg>`;
}

/** Medal colours of the podium places, from gold to bronze (drawn beside the rank number, never instead of it). */
const MEDAL_COLOURS = ['#c99a06', '#8a949e', '#b0683a'] as const;

/** A medal for ranks 1 to 3: a disc on a ribbon in the place's colour; nothing for other ranks. */
export function medal(rank: number | null): TemplateResult | undefined {
  const colour = rank !== null ? MEDAL_COLOURS[rank - 1] : undefined;
  if (colour === undefined) return undefined;
  return html`<svg class="icon-svg medal-svg" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
    <path fill="#3b6fd4" d="M6 1h4.5l2 7H8zM13.5 1H18l-2 7h-4.5z"/>
    <circle cx="12" cy="15" r="7" fill=${colour}></circle>
    <circle cx="12" cy="15" r="4.6" fill="none" stroke="#fff" stroke-opacity=".6" stroke-width="1.2"/>
  </svg>`;
}
