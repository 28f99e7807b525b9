/**
 * The report's sections as pure template functions of their data. Each table sits in a region that scrolls where the
 * screen is narrower than the table, so the region takes focus (keyboard users scroll it) and is named by its
 * section's title. Tables, not charts: paper has no tooltip, and a
 * table row never breaks across pages. Every number says its unit in words or sign, so black and white reads.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import {
  formatCount,
  formatDay,
  formatPercent,
  formatValue,
  formatVersusBaseline,
  type AlertsResult,
  type CoverageResult,
  type FunnelResult,
  type IndicatorDefinition,
  type IndicatorsResult,
  type LeaderboardEntry,
  type StrideLocale,
  type VersusBaseline,
} from '@stride/core';
import { common } from '@stride/core';
import type { Section } from './pilot-report.component.js';
import { t } from './pilot-report.strings.js';
import {
  alertWeeks,
  champions,
  biggestMovers,
  coverageGrowth,
  funnelRows,
  sparklinePoints,
  startEndRows,
  weeklyTrend,
  type PilotWeek,
} from './pilot-report.view-model.js';

export type SectionId = 'indicators' | 'trend' | 'funnel' | 'coverage' | 'champions' | 'movers' | 'alerts';

export interface ReportContext {
  lang: StrideLocale;
  catalogue: readonly IndicatorDefinition[];
  weeks: readonly PilotWeek[];
}

/** A section's body by its state: the data, a skeleton of table rows, or what is missing and why. */
function bySection<T>(
  section: Section<T>,
  lang: StrideLocale,
  sectionTitle: string,
  data: (data: T) => TemplateResult,
): TemplateResult {
  if (section.status === 'ready') return data(section.data);
  if (section.status === 'loading')
    return html`<div aria-busy="true" part="loading">
      <span class="visually-hidden" role="status">${common(lang, 'loading')}</span>
      ${[0, 1, 2, 3].map(() => html`<div class="skeleton-row"></div>`)}
    </div>`;
  // a failed request is the widget's error state (what failed, a retry); a method the adapter lacks is not an error
  const failed = section.retry !== undefined;
  return html`<div class="missing ${failed ? 'error' : ''}" part=${failed ? 'missing error' : 'missing'} role=${failed ? 'alert' : 'status'}>
    <strong>${t(lang, 'missing', { section: sectionTitle })}</strong>
    <span>${section.reason}</span>
    ${section.retry ? html`<button class="button" part="retry" @click=${section.retry}>${common(lang, 'retry')}</button>` : nothing}
  </div>`;
}

const note = (text: string) => html`<p class="note">${text}</p>`;
const weekLabel = (week: PilotWeek, lang: StrideLocale) =>
  `${formatDay(week.start, lang)}–${formatDay(week.end, lang)}`;

function versusCell(versus: VersusBaseline | null, lang: StrideLocale, label: string): TemplateResult {
  return versus === null
    ? html`<td class="num muted" data-label=${label}>${t(lang, 'noBaseline')}</td>`
    : html`<td class="num" data-label=${label}>${formatVersusBaseline(versus, lang)}</td>`;
}

export function renderIndicators(
  pilot: Section<IndicatorsResult>,
  weeks: Section<IndicatorsResult[]>,
  { lang, catalogue, weeks: span }: ReportContext,
): TemplateResult {
  const title = t(lang, 'indicatorsTitle');
  if (pilot.status !== 'ready') return bySection(pilot, lang, title, () => html``);
  // no whole week yet: the pilot so far, and no comparison rather than a fake one
  if (span.length === 0) {
    const rows = startEndRows(catalogue, lang, undefined, undefined, pilot.data);
    return html`${note(t(lang, 'noWeekYet'))}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="indicators-title"><table>
        <thead><tr><th scope="col">${t(lang, 'indicator')}</th><th scope="col" class="num">${t(lang, 'pilotTotal')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td class="num" data-label=${t(lang, 'pilotTotal')}>${formatValue(r.pilot, r.unit, lang)}</td></tr>`)}</tbody>
      </table></div>`;
  }
  return bySection(weeks, lang, title, (results) => {
    const rows = startEndRows(catalogue, lang, results[0], results[results.length - 1], pilot.data);
    const noBaseline = rows.every((r) => r.baseline === null);
    return html`${note(
      t(lang, 'indicatorsNote', { first: weekLabel(span[0]!, lang), last: weekLabel(span[span.length - 1]!, lang) }),
    )}
      ${noBaseline ? note(t(lang, 'noBaselineNote')) : nothing}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="indicators-title"><table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'indicator')}</th>
            <th scope="col" class="num">${t(lang, 'start')}</th>
            <th scope="col" class="num">${t(lang, 'end')}</th>
            <th scope="col" class="num">${t(lang, 'baseline')}</th>
            <th scope="col" class="num">${t(lang, 'startVersus')}</th>
            <th scope="col" class="num">${t(lang, 'endVersus')}</th>
            <th scope="col" class="num">${t(lang, 'pilotTotal')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr data-indicator=${r.id}>
              <th scope="row">${r.label}</th>
              <td class="num" data-label=${t(lang, 'start')}>${formatValue(r.start, r.unit, lang)}</td>
              <td class="num" data-label=${t(lang, 'end')}>${formatValue(r.end, r.unit, lang)}</td>
              ${r.baseline === null ? html`<td class="num muted" data-label=${t(lang, 'baseline')}>${t(lang, 'noBaseline')}</td>` : html`<td class="num" data-label=${t(lang, 'baseline')}>${formatValue(r.baseline, r.unit, lang)}</td>`}
              ${versusCell(r.startVersus, lang, t(lang, 'startVersus'))} ${versusCell(r.endVersus, lang, t(lang, 'endVersus'))}
              <td class="num" data-label=${t(lang, 'pilotTotal')}>${formatValue(r.pilot, r.unit, lang)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  });
}

export function renderTrend(weeks: Section<IndicatorsResult[]>, { lang, catalogue, weeks: span }: ReportContext) {
  if (span.length === 0 && weeks.status === 'ready') return note(t(lang, 'noWeekYet'));
  return bySection(weeks, lang, t(lang, 'trendTitle'), (results) => {
    const rows = weeklyTrend(catalogue, lang, results);
    return html`${note(t(lang, 'trendNote'))}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="trend-title"><table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'indicator')}</th>
            <th scope="col">${t(lang, 'trend')}</th>
            ${span.map((w) => html`<th scope="col" class="num">${formatDay(w.start, lang)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr data-indicator=${r.id}>
              <th scope="row">${r.label}</th>
              <td class="spark-cell">
                <svg class="spark" viewBox="-2 -2 84 24" width="84" height="24" aria-hidden="true">
                  ${svg`<polyline points=${sparklinePoints(r.values, 80, 20)} fill="none" stroke="currentColor" stroke-width="1.5" />`}
                </svg>
              </td>
              ${r.values.map((v, w) => html`<td class="num" data-label=${formatDay(span[w]!.start, lang)}>${formatValue(v, r.unit, lang)}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  });
}

export function renderFunnel(funnel: Section<FunnelResult>, { lang }: ReportContext): TemplateResult {
  return bySection(funnel, lang, t(lang, 'funnelTitle'), (result) => {
    const rows = funnelRows(result, lang);
    const noBaseline = rows.every((r) => r.baselineRate === null);
    return html`${note(t(lang, 'funnelNote'))} ${noBaseline ? note(t(lang, 'noFunnelBaseline')) : nothing}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="funnel-title"><table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'stage')}</th>
            <th scope="col" class="num">${t(lang, 'count')}</th>
            <th scope="col" class="num">${t(lang, 'rate')}</th>
            ${noBaseline ? nothing : html`<th scope="col" class="num">${t(lang, 'baselineRate')}</th><th scope="col" class="num">${t(lang, 'versus')}</th>`}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r, i) => html`<tr data-stage=${r.id}>
              <th scope="row">${r.label}</th>
              <td class="num" data-label=${t(lang, 'count')}>${formatCount(r.count, lang)}</td>
              <td class="num" data-label=${t(lang, 'rate')}>${i === 0 ? '' : formatPercent(r.rate, lang)}</td>
              ${noBaseline || i === 0 ? (noBaseline ? nothing : html`<td></td><td></td>`) : html`<td class="num" data-label=${t(lang, 'baselineRate')}>${formatPercent(r.baselineRate, lang)}</td>${versusCell(r.versus, lang, t(lang, 'versus'))}`}
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  });
}

export function renderCoverage(coverage: Section<CoverageResult[]>, { lang, weeks }: ReportContext) {
  if (weeks.length === 0 && coverage.status === 'ready') return note(t(lang, 'noWeekYet'));
  return bySection(coverage, lang, t(lang, 'coverageTitle'), (results) => {
    const rows = coverageGrowth(weeks, results);
    return html`${note(t(lang, 'coverageNote'))}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="coverage-title"><table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'week')}</th>
            <th scope="col" class="num">${t(lang, 'gridsReached')}</th>
            <th scope="col" class="num">${t(lang, 'covered')}</th>
            <th scope="col" class="num">${t(lang, 'households')}</th>
            <th scope="col" class="num">${t(lang, 'coverage')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <th scope="row">${weekLabel(r.week, lang)}</th>
              <td class="num" data-label=${t(lang, 'gridsReached')}>${formatCount(r.gridsReached, lang)} / ${formatCount(r.grids, lang)}</td>
              <td class="num" data-label=${t(lang, 'covered')}>${formatCount(r.covered, lang)}</td>
              <td class="num" data-label=${t(lang, 'households')}>${formatCount(r.households, lang)}</td>
              <td class="num" data-label=${t(lang, 'coverage')}>${formatPercent(r.coverage, lang)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  });
}

export function renderChampions(board: Section<LeaderboardEntry[]>, { lang }: ReportContext): TemplateResult {
  return bySection(board, lang, t(lang, 'championsTitle'), (entries) => {
    const { champions: holders, tally } = champions(entries, lang);
    if (tally.length === 0) return note(t(lang, 'noBadges'));
    return html`<p class="note">
        ${t(lang, 'badgeHolders')}
        ${tally.map((b) => html`<span class="tally">${t(lang, 'badgeTally', { label: b.label, count: b.count })}</span>`)}
      </p>
      ${
        holders.length === 0
          ? note(t(lang, 'noChampions'))
          : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="champions-title"><table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'champion')}</th>
            <th scope="col">${t(lang, 'org')}</th>
            <th scope="col" class="num">${t(lang, 'points')}</th>
            <th scope="col">${t(lang, 'badges')}</th>
          </tr>
        </thead>
        <tbody>
          ${holders.map(
            (h) => html`<tr data-manager=${h.id}>
              <th scope="row">${h.name}</th>
              <td data-label=${t(lang, 'org')}>${h.orgName}</td>
              <td class="num" data-label=${t(lang, 'points')}>${formatCount(h.points, lang)}</td>
              <td data-label=${t(lang, 'badges')}>${h.badges.join(' · ')}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
      }`;
  });
}

export function renderMovers(
  boards: Section<{ first: LeaderboardEntry[]; last: LeaderboardEntry[] } | undefined>,
  { lang }: ReportContext,
): TemplateResult {
  return bySection(boards, lang, t(lang, 'moversTitle'), (pair) => {
    if (!pair) return note(t(lang, 'noMovers'));
    const movers = biggestMovers(pair.first, pair.last);
    if (movers.length === 0) return note(t(lang, 'noRisers'));
    return html`${note(t(lang, 'moversNote'))}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="movers-title"><table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'name')}</th>
            <th scope="col">${t(lang, 'org')}</th>
            <th scope="col" class="num">${t(lang, 'firstWeek')}</th>
            <th scope="col" class="num">${t(lang, 'lastWeek')}</th>
            <th scope="col" class="num">${t(lang, 'rise')}</th>
          </tr>
        </thead>
        <tbody>
          ${movers.map(
            (m) => html`<tr data-manager=${m.id}>
              <th scope="row">${m.name}</th>
              <td data-label=${t(lang, 'org')}>${m.orgName}</td>
              <td class="num" data-label=${t(lang, 'firstWeek')}>${formatCount(m.first, lang)}</td>
              <td class="num" data-label=${t(lang, 'lastWeek')}>${formatCount(m.last, lang)}</td>
              <td class="num" data-label=${t(lang, 'rise')}>+${formatCount(m.rise, lang)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  });
}

export function renderAlerts(alerts: Section<AlertsResult[]>, { lang, catalogue, weeks }: ReportContext) {
  if (weeks.length === 0 && alerts.status === 'ready') return note(t(lang, 'noWeekYet'));
  const indicatorLabel = (id: string | undefined) => (id && catalogue.find((d) => d.id === id)?.label[lang]) ?? '';
  return bySection(alerts, lang, t(lang, 'alertsTitle'), (results) => {
    const rows = alertWeeks(weeks, results);
    return html`${note(t(lang, 'alertsNote'))}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="alerts-title"><table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'week')}</th>
            <th scope="col" class="num">${t(lang, 'rule_pace')}</th>
            <th scope="col" class="num">${t(lang, 'rule_overdue')}</th>
            <th scope="col" class="num">${t(lang, 'rule_inactive')}</th>
            <th scope="col" class="num">${t(lang, 'subjects')}</th>
            <th scope="col">${t(lang, 'worst')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <th scope="row">${weekLabel(r.week, lang)}</th>
              <td class="num" data-label=${t(lang, 'rule_pace')}>${formatCount(r.pace, lang)}</td>
              <td class="num" data-label=${t(lang, 'rule_overdue')}>${formatCount(r.overdue, lang)}</td>
              <td class="num" data-label=${t(lang, 'rule_inactive')}>${formatCount(r.inactive, lang)}</td>
              <td class="num" data-label=${t(lang, 'subjects')}>${formatCount(r.subjects, lang)}</td>
              <td data-label=${t(lang, 'worst')}>
                ${
                  r.worst.length === 0
                    ? t(lang, 'noAlerts')
                    : r.worst
                        .map(
                          (w) =>
                            `${w.name} · ${t(lang, `rule_${w.rule}`)}${w.indicator ? ` ${indicatorLabel(w.indicator)}` : ''}`,
                        )
                        .join('; ')
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  });
}
