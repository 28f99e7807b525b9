/**
 * "How is this counted": the Definition behind a number, one click away where the number is. Tiles count events in
 * the period and the funnel follows one cohort, so the same day shows "首次触达 253" beside "已触达 190"; a huddle head
 * can open either and see why.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { common, type StrideLocale } from '@stride/core';
import { icon } from './icons.js';

export function renderCounting(counting: string, lang: StrideLocale): TemplateResult | typeof nothing {
  if (!counting) return nothing;
  return html`<details class="counting" part="counting">
    <summary>${icon('info')} ${common(lang, 'howCounted')}</summary>
    <p>${counting}</p>
  </details>`;
}
