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

/** One column of a report table after the row's header cell. */
interface Column<R> {
  label: string;
  cell: (row: R, index: number) => unknown;
  /** `num` (default): a right-aligned figure; `text`; `spark`: the trend's line, unlabelled. */
  kind?: 'num' | 'text' | 'spark';
  /** Greyed, for a figure that is not there (no baseline). */
  muted?: (row: R) => boolean;
  /** An empty cell with no label (the funnel's first stage has no rate to compare). */
  blank?: (row: R, index: number) => boolean;
}

/** What names a row for tests and hosts: `data-indicator`, `data-stage` or `data-manager`. */
interface RowKey<R> {
  kind: 'indicator' | 'stage' | 'manager';
  of: (row: R) => string;
}

/**
 * A section's table: in a region that scrolls where the screen is narrower than the table (so it takes focus, named
 * by the section's title), one header row, then per row its header cell and a cell per column, each labelled for the
 * narrow layout (a phone shows every row as a card).
 */
function reportTable<R>(
  section: SectionId,
  header: { label: string; cell: (row: R) => unknown },
  columns: readonly Column<R>[],
  rows: readonly R[],
  key?: RowKey<R>,
): TemplateResult {
  const keyOf = (row: R, kind: RowKey<R>['kind']) => (key?.kind === kind ? key.of(row) : nothing);
  const cell = (column: Column<R>, row: R, index: number) => {
    if (column.blank?.(row, index)) return html`<td></td>`;
    if (column.kind === 'spark') return html`<td class="spark-cell">${column.cell(row, index)}</td>`;
    const classes = [column.kind === 'text' ? '' : 'num', column.muted?.(row) ? 'muted' : ''].filter(Boolean);
    return html`<td class=${classes.length > 0 ? classes.join(' ') : nothing} data-label=${column.label}>${column.cell(row, index)}</td>`;
  };
  // cells are separated by white space, as in the markup this replaced: text read off the page (a copy, a screen
  // reader's line) keeps a missing "--" and a "0" apart rather than running them into "--0"
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${`${section}-title`}><table>
    <thead>
      <tr>
        <th scope="col">${header.label}</th>
        ${columns.map((column) => html` <th scope="col" class=${column.kind === undefined || column.kind === 'num' ? 'num' : nothing}>${column.label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (
          row,
          index,
        ) => html`<tr data-indicator=${keyOf(row, 'indicator')} data-stage=${keyOf(row, 'stage')} data-manager=${keyOf(row, 'manager')}>
          <th scope="row">${header.cell(row)}</th>
          ${columns.map((column) => html` ${cell(column, row, index)}`)}
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

/** "×1.2" / "+18.4 pts" against the baseline, or "no baseline" greyed. */
function versusColumn<R>(label: string, of: (row: R) => VersusBaseline | null, lang: StrideLocale): Column<R> {
  return {
    label,
    cell: (row) => {
      const versus = of(row);
      return versus === null ? t(lang, 'noBaseline') : formatVersusBaseline(versus, lang);
    },
    muted: (row) => of(row) === null,
  };
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
    ${reportTable('indicators', { label: t(lang, 'indicator'), cell: (r) => r.label }, [{ label: t(lang, 'pilotTotal'), cell: (r) => formatValue(r.pilot, r.unit, lang) }], rows)}`;
  }
  return bySection(weeks, lang, title, (results) => {
    const rows = startEndRows(catalogue, lang, results[0], results[results.length - 1], pilot.data);
    const noBaseline = rows.every((r) => r.baseline === null);
    return html`${note(
      t(lang, 'indicatorsNote', { first: weekLabel(span[0]!, lang), last: weekLabel(span[span.length - 1]!, lang) }),
    )}
      ${noBaseline ? note(t(lang, 'noBaselineNote')) : nothing}
      ${reportTable(
        'indicators',
        { label: t(lang, 'indicator'), cell: (r) => r.label },
        [
          { label: t(lang, 'start'), cell: (r) => formatValue(r.start, r.unit, lang) },
          { label: t(lang, 'end'), cell: (r) => formatValue(r.end, r.unit, lang) },
          {
            label: t(lang, 'baseline'),
            cell: (r) => (r.baseline === null ? t(lang, 'noBaseline') : formatValue(r.baseline, r.unit, lang)),
            muted: (r) => r.baseline === null,
          },
          versusColumn<(typeof rows)[number]>(t(lang, 'startVersus'), (r) => r.startVersus, lang),
          versusColumn<(typeof rows)[number]>(t(lang, 'endVersus'), (r) => r.endVersus, lang),
          { label: t(lang, 'pilotTotal'), cell: (r) => formatValue(r.pilot, r.unit, lang) },
        ],
        rows,
        { kind: 'indicator', of: (r) => r.id },
      )}`;
  });
}

export function renderTrend(weeks: Section<IndicatorsResult[]>, { lang, catalogue, weeks: span }: ReportContext) {
  if (span.length === 0 && weeks.status === 'ready') return note(t(lang, 'noWeekYet'));
  return bySection(weeks, lang, t(lang, 'trendTitle'), (results) => {
    const rows = weeklyTrend(catalogue, lang, results);
    return html`${note(t(lang, 'trendNote'))}
      ${reportTable(
        'trend',
        { label: t(lang, 'indicator'), cell: (r) => r.label },
        [
          {
            label: t(lang, 'trend'),
            kind: 'spark',
            cell: (r) => html`<svg class="spark" viewBox="-2 -2 84 24" width="84" height="24" aria-hidden="true">
              ${svg`<polyline points=${sparklinePoints(r.values, 80, 20)} fill="none" stroke="currentColor" stroke-width="1.5" />`}
            </svg>`,
          },
          ...span.map((week, w) => ({
            label: formatDay(week.start, lang),
            cell: (r: (typeof rows)[number]) => formatValue(r.values[w] ?? null, r.unit, lang),
          })),
        ],
        rows,
        { kind: 'indicator', of: (r) => r.id },
      )}`;
  });
}

export function renderFunnel(funnel: Section<FunnelResult>, { lang }: ReportContext): TemplateResult {
  return bySection(funnel, lang, t(lang, 'funnelTitle'), (result) => {
    const rows = funnelRows(result, lang);
    const noBaseline = rows.every((r) => r.baselineRate === null);
    return html`${note(t(lang, 'funnelNote'))} ${noBaseline ? note(t(lang, 'noFunnelBaseline')) : nothing}
      ${reportTable(
        'funnel',
        { label: t(lang, 'stage'), cell: (r) => r.label },
        [
          { label: t(lang, 'count'), cell: (r) => formatCount(r.count, lang) },
          { label: t(lang, 'rate'), cell: (r, i) => (i === 0 ? '' : formatPercent(r.rate, lang)) },
          ...(noBaseline
            ? []
            : [
                {
                  label: t(lang, 'baselineRate'),
                  cell: (r: (typeof rows)[number]) => formatPercent(r.baselineRate, lang),
                  blank: (_: unknown, i: number) => i === 0,
                },
                {
                  ...versusColumn<(typeof rows)[number]>(t(lang, 'versus'), (r) => r.versus, lang),
                  blank: (_: unknown, i: number) => i === 0,
                },
              ]),
        ],
        rows,
        { kind: 'stage', of: (r) => r.id },
      )}`;
  });
}

export function renderCoverage(coverage: Section<CoverageResult[]>, { lang, weeks }: ReportContext) {
  if (weeks.length === 0 && coverage.status === 'ready') return note(t(lang, 'noWeekYet'));
  return bySection(coverage, lang, t(lang, 'coverageTitle'), (results) => {
    const rows = coverageGrowth(weeks, results);
    return html`${note(t(lang, 'coverageNote'))}
      ${reportTable(
        'coverage',
        { label: t(lang, 'week'), cell: (r) => weekLabel(r.week, lang) },
        [
          {
            label: t(lang, 'gridsReached'),
            cell: (r) => `${formatCount(r.gridsReached, lang)} / ${formatCount(r.grids, lang)}`,
          },
          { label: t(lang, 'covered'), cell: (r) => formatCount(r.covered, lang) },
          { label: t(lang, 'households'), cell: (r) => formatCount(r.households, lang) },
          { label: t(lang, 'coverage'), cell: (r) => formatPercent(r.coverage, lang) },
        ],
        rows,
      )}`;
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
          : reportTable(
              'champions',
              { label: t(lang, 'champion'), cell: (h) => h.name },
              [
                { label: t(lang, 'org'), kind: 'text', cell: (h) => h.orgName },
                { label: t(lang, 'points'), cell: (h) => formatCount(h.points, lang) },
                { label: t(lang, 'badges'), kind: 'text', cell: (h) => h.badges.join(' · ') },
              ],
              holders,
              { kind: 'manager', of: (h) => h.id },
            )
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
      ${reportTable(
        'movers',
        { label: t(lang, 'name'), cell: (m) => m.name },
        [
          { label: t(lang, 'org'), kind: 'text', cell: (m) => m.orgName },
          { label: t(lang, 'firstWeek'), cell: (m) => formatCount(m.first, lang) },
          { label: t(lang, 'lastWeek'), cell: (m) => formatCount(m.last, lang) },
          { label: t(lang, 'rise'), cell: (m) => `+${formatCount(m.rise, lang)}` },
        ],
        movers,
        { kind: 'manager', of: (m) => m.id },
      )}`;
  });
}

export function renderAlerts(alerts: Section<AlertsResult[]>, { lang, catalogue, weeks }: ReportContext) {
  if (weeks.length === 0 && alerts.status === 'ready') return note(t(lang, 'noWeekYet'));
  const indicatorLabel = (id: string | undefined) => (id && catalogue.find((d) => d.id === id)?.label[lang]) ?? '';
  return bySection(alerts, lang, t(lang, 'alertsTitle'), (results) => {
    const rows = alertWeeks(weeks, results);
    return html`${note(t(lang, 'alertsNote'))}
      ${reportTable(
        'alerts',
        { label: t(lang, 'week'), cell: (r) => weekLabel(r.week, lang) },
        [
          { label: t(lang, 'rule_pace'), cell: (r) => formatCount(r.pace, lang) },
          { label: t(lang, 'rule_overdue'), cell: (r) => formatCount(r.overdue, lang) },
          { label: t(lang, 'rule_inactive'), cell: (r) => formatCount(r.inactive, lang) },
          { label: t(lang, 'subjects'), cell: (r) => formatCount(r.subjects, lang) },
          {
            label: t(lang, 'worst'),
            kind: 'text',
            cell: (r) =>
              r.worst.length === 0
                ? t(lang, 'noAlerts')
                : r.worst
                    .map(
                      (w) =>
                        `${w.name} · ${t(lang, `rule_${w.rule}`)}${w.indicator ? ` ${indicatorLabel(w.indicator)}` : ''}`,
                    )
                    .join('; '),
          },
        ],
        rows,
      )}`;
  });
}
