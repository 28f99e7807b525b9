/**
 * The digest model: the results the widgets already use in, the few lines a team's chat group reads out. Everything
 * the picture, the markdown and the plain text say is decided here, once, so the three never disagree.
 *
 * Customer data (DESIGN "Customer data"): a share picture holds no lead, customer, phone or lead id. The model is
 * built field by field from the five results' own fields (indicator values, board names and values, stage counts,
 * grid totals and names, alert subjects) and copies nothing else, so whatever else an adapter puts in a result
 * never reaches a digest.
 */
import type {
  Alert,
  AlertsResult,
  CoverageResult,
  FunnelResult,
  IndicatorDefinition,
  IndicatorsResult,
  IsoDate,
  LeaderboardResult,
  PeriodKind,
  Scope,
  WorkCalendar,
} from '../contracts.js';
import { ALERT_RULE_IDS, DEFAULT_CATALOGUE } from '../contracts.js';
import {
  DEFAULT_TIME_ZONE,
  formatCount,
  formatDateTime,
  formatDay,
  formatMoney,
  formatPercent,
  formatValue,
  type StrideLocale,
} from '../format/index.js';
import { inPageLanguage } from '../i18n/index.js';
import { FUNNEL_LABELS } from '../engine/labels.js';
import {
  alertRules,
  paceFor,
  paceStatus,
  periodOfDate,
  periodProgress,
  type AlertRules,
  type PaceStatus,
} from '../alerts/pace.js';
import { t } from './digest.strings.js';

/** The results a share covers: one for a widget's own section, all five for the dashboard. */
export interface DigestInput {
  indicators?: IndicatorsResult | null;
  leaderboard?: LeaderboardResult | null;
  funnel?: FunnelResult | null;
  coverage?: CoverageResult | null;
  alerts?: AlertsResult | null;
}

export interface DigestOptions {
  locale?: StrideLocale;
  /** The bank's time zone: the as-of time and the pace are read in it. Default Asia/Shanghai. */
  timeZone?: string;
  /** The signed-in manager: their board row is always shown, marked. */
  me?: string;
  /** The org's display name for the title; the scope's org id otherwise. */
  orgName?: string;
  catalogue?: readonly IndicatorDefinition[];
  calendar?: WorkCalendar;
  rules?: Partial<AlertRules>;
}

/** Rows per section: a chat shows the picture about 300 px wide, so a post carries few, big rows. */
export const DIGEST_LIMITS = { indicators: 5, top: 3, boardRows: 5, lowestGrids: 3, alerts: 3 } as const;
/** Longest name kept, in characters (the picture shortens further to fit its column). */
const NAME_CHARS = 24;

export interface DigestIndicator {
  label: string;
  value: string;
  /** "target 1,200 · pace 850", empty without a target. */
  detail: string;
  status: PaceStatus | null;
  statusText: string;
  /** Bar: the value as a share of the target (0-1), and the pace mark on the same scale; null without a target. */
  bar: { fill: number; mark: number } | null;
}

export interface DigestBoardRow {
  rank: string;
  name: string;
  value: string;
  isMe: boolean;
}

export interface DigestStage {
  label: string;
  count: string;
  /** Count as a share of the first stage (0-1). */
  share: number;
}

export type DigestSection =
  | { kind: 'indicators'; title: string; items: DigestIndicator[] }
  | {
      kind: 'leaderboard';
      title: string;
      rows: DigestBoardRow[];
      /** me, below a gap, when not in the top */ me: DigestBoardRow | null;
    }
  | { kind: 'funnel'; title: string; stages: DigestStage[]; overdue: string | null }
  | {
      kind: 'coverage';
      title: string;
      rate: string;
      share: number;
      line: string;
      lowestTitle: string;
      lowest: { name: string; rate: string; share: number }[];
    }
  | { kind: 'alerts'; title: string; counts: string; lines: string[] };

export interface DigestModel {
  locale: StrideLocale;
  title: string;
  span: string;
  asOf: string;
  sections: DigestSection[];
  /** Shown instead of sections when there are none. */
  empty: string;
}

/**
 * Display text from an adapter string: control, bidi-override and unpaired surrogate characters dropped (an
 * override would reorder the rest of a chat line; XML refuses the others), whitespace folded to single spaces,
 * at most `max` characters.
 */
const UNSHOWABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

export function cleanText(value: unknown, max = NAME_CHARS): string {
  const text = (typeof value === 'string' ? value : '')
    .replace(UNSHOWABLE, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

function spanOf(locale: StrideLocale, scope: Scope, period: { start: IsoDate; end: IsoDate } | null): string {
  const kind: PeriodKind = scope.period;
  const bounds = period ?? periodOfDate(kind, scope.date);
  const day = (date: IsoDate): string => formatDay(date, locale);
  return t(locale, `span_${kind}`, { date: day(scope.date), start: day(bounds?.start ?? scope.date) });
}

function indicatorsSection(
  result: IndicatorsResult,
  locale: StrideLocale,
  options: DigestOptions,
  rules: AlertRules,
): DigestSection | null {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const progress = periodProgress(result.period, result.asOf, options.calendar, timeZone);
  const byId = new Map(result.indicators.map((indicator) => [indicator.id, indicator]));
  const shown = catalogue.filter((definition) => byId.has(definition.id));
  const statusOf = (definition: IndicatorDefinition): PaceStatus | null => {
    const data = byId.get(definition.id);
    const pace = paceFor(definition, finite(data?.target), progress.share, data?.opening);
    return paceStatus(finite(data?.value), pace, definition.unit, definition.goodDirection, rules);
  };
  // A post has room for a few rows: the indicators behind pace first (what the huddle must talk about), then the
  // others with a target, then the rest; shown in catalogue order
  const priority = (definition: IndicatorDefinition): number => {
    if (statusOf(definition) === 'behind') return 0;
    return finite(byId.get(definition.id)?.target) === null ? 2 : 1;
  };
  const picked = new Set([...shown].sort((a, b) => priority(a) - priority(b)).slice(0, DIGEST_LIMITS.indicators));
  const items = shown
    .filter((definition) => picked.has(definition))
    .map((definition): DigestIndicator => {
      const data = byId.get(definition.id);
      const value = finite(data?.value);
      const target = finite(data?.target);
      const pace = paceFor(definition, target, progress.share, data?.opening);
      const status = statusOf(definition);
      const amount = definition.hasAmount ? finite(data?.amount) : null;
      const shownValue = formatValue(value, definition.unit, locale, { compact: true });
      const detail: string[] = [];
      if (target !== null) detail.push(t(locale, 'target', { value: formatValue(target, definition.unit, locale) }));
      if (target !== null && definition.unit !== 'fraction' && pace !== null)
        detail.push(
          t(locale, 'pace', {
            value:
              definition.unit === 'amount'
                ? formatValue(pace, 'amount', locale)
                : formatCount(Math.round(pace), locale),
          }),
        );
      let bar: DigestIndicator['bar'] = null;
      if (target !== null && target > 0) {
        bar =
          definition.unit === 'fraction'
            ? { fill: clamp01(value ?? 0), mark: clamp01(target) }
            : { fill: clamp01((value ?? 0) / target), mark: clamp01((pace ?? 0) / target) };
      }
      return {
        label: cleanText(definition.label[locale] ?? definition.id),
        value: amount === null ? shownValue : `${shownValue} · ${formatMoney(amount, locale, { compact: true })}`,
        detail: detail.join(' · '),
        status,
        statusText: status === null ? '' : t(locale, `status_${status}`),
        bar,
      };
    });
  return items.length === 0 ? null : { kind: 'indicators', title: t(locale, 'indicators'), items };
}

/** Shared ranks (1, 2, 2, 4), as the board ranks: a tie at 3rd is a tie for a prize. Unranked (no value) last. */
function leaderboardSection(result: LeaderboardResult, locale: StrideLocale, options: DigestOptions): DigestSection {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const definition = catalogue.find((d) => d.id === result.metric);
  const unit = definition?.unit ?? 'count';
  const scored = result.entries
    .map((entry) => ({ entry, value: finite(entry.value) }))
    // within a tie by name, as the board lists them (zh-CN collates by pinyin)
    .sort(
      (a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.entry.name.localeCompare(b.entry.name, locale),
    );
  const rankOf = (value: number | null): number | null =>
    value === null ? null : 1 + scored.filter((s) => s.value !== null && s.value > value).length;
  const rowOf = (s: (typeof scored)[number]): DigestBoardRow => {
    const rank = rankOf(s.value);
    const isMe = options.me !== undefined && s.entry.id === options.me;
    return {
      rank: rank === null ? '--' : String(rank),
      name: cleanText(s.entry.name) + (isMe ? t(locale, 'me') : ''),
      value: formatValue(s.value, unit, locale, { compact: true }),
      isMe,
    };
  };
  const top = scored
    .filter((s) => {
      const rank = rankOf(s.value);
      return rank !== null && rank <= DIGEST_LIMITS.top;
    })
    .slice(0, DIGEST_LIMITS.boardRows);
  const mine = scored.find((s) => options.me !== undefined && s.entry.id === options.me);
  const metric =
    result.metric === 'points' ? t(locale, 'points') : cleanText(definition?.label[locale] ?? result.metric);
  return {
    kind: 'leaderboard',
    title: t(locale, 'leaderboard', { metric, board: t(locale, `board_${result.board}`) }),
    rows: top.map(rowOf),
    me: mine && !top.includes(mine) ? rowOf(mine) : null,
  };
}

function funnelSection(result: FunnelResult, locale: StrideLocale): DigestSection | null {
  if (result.stages.length === 0) return null;
  const first = Math.max(1, ...result.stages.map((stage) => finite(stage.count) ?? 0));
  const overdue = result.stages.reduce((sum, stage) => sum + (finite(stage.overdue) ?? 0), 0);
  return {
    kind: 'funnel',
    title: t(locale, 'funnel'),
    stages: result.stages.map((stage) => ({
      label: cleanText(inPageLanguage(FUNNEL_LABELS, stage.id, stage.label, locale)),
      count: formatCount(finite(stage.count), locale, { compact: true }),
      share: clamp01((finite(stage.count) ?? 0) / first),
    })),
    overdue: overdue > 0 ? t(locale, 'funnelOverdue', { count: formatCount(overdue, locale) }) : null,
  };
}

function coverageSection(result: CoverageResult, locale: StrideLocale): DigestSection | null {
  const cells = result.cells.filter((cell) => (finite(cell.households) ?? 0) > 0);
  if (cells.length === 0) return null;
  const households = cells.reduce((sum, cell) => sum + cell.households, 0);
  const covered = cells.reduce((sum, cell) => sum + Math.max(0, finite(cell.covered) ?? 0), 0);
  const share = clamp01(covered / households);
  const rated = cells
    .map((cell) => ({ cell, share: clamp01((finite(cell.covered) ?? 0) / cell.households) }))
    .sort((a, b) => a.share - b.share || (a.cell.gridId < b.cell.gridId ? -1 : 1));
  return {
    kind: 'coverage',
    title: t(locale, 'coverage'),
    rate: formatPercent(share, locale),
    share,
    line: t(locale, 'coverageLine', {
      covered: formatCount(covered, locale, { compact: true }),
      households: formatCount(households, locale, { compact: true }),
    }),
    lowestTitle: t(locale, 'coverageLowest'),
    lowest: rated.slice(0, DIGEST_LIMITS.lowestGrids).map(({ cell, share: cellShare }) => ({
      name: cleanText(cell.name || cell.gridId),
      rate: formatPercent(cellShare, locale),
      share: cellShare,
    })),
  };
}

function alertsSection(result: AlertsResult, locale: StrideLocale, options: DigestOptions): DigestSection {
  const catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const count = (rule: string): number => result.alerts.filter((alert) => alert.rule === rule).length;
  const bySeverity = [...result.alerts].sort(
    (a, b) => (finite(b.severity) ?? 0) - (finite(a.severity) ?? 0) || (a.id < b.id ? -1 : 1),
  );
  // The most severe of each rule first: severities of different rules do not compare (70 overdue leads against a
  // threshold of 5 would always outrank being half-way behind pace), then the most severe of the rest
  const firsts = ALERT_RULE_IDS.map((rule) => bySeverity.find((alert) => alert.rule === rule)).filter(
    (alert): alert is Alert => alert !== undefined,
  );
  const worst = [...firsts, ...bySeverity.filter((alert) => !firsts.includes(alert))].slice(0, DIGEST_LIMITS.alerts);
  const lines = worst.map((alert) => {
    const name = cleanText(alert.subject.name, 12);
    if (alert.rule === 'overdue')
      return t(locale, 'alertOverdue', { name, value: formatCount(finite(alert.value), locale) });
    if (alert.rule === 'inactive')
      return t(locale, 'alertInactive', { name, value: formatCount(finite(alert.value), locale) });
    const definition = catalogue.find((d) => d.id === alert.indicator);
    const expected = finite(alert.expected);
    const value = finite(alert.value);
    // pace: how far under, as a share of pace for a count and in points for a rate (the behind rule's own terms)
    const gap =
      definition?.unit === 'fraction'
        ? formatPercent(expected !== null && value !== null ? expected - value : null, locale)
        : formatPercent(expected && value !== null ? (expected - value) / expected : null, locale, 0);
    return t(locale, 'alertPace', {
      name,
      indicator: cleanText(definition?.label[locale] ?? alert.indicator ?? '', 12),
      gap,
    });
  });
  return {
    kind: 'alerts',
    title: t(locale, 'alerts', { count: formatCount(result.alerts.length, locale) }),
    counts: t(locale, 'alertCounts', {
      pace: count('pace'),
      overdue: count('overdue'),
      inactive: count('inactive'),
    }),
    lines,
  };
}

/** The digest of whichever results are given, in the order the dashboard shows them. */
export function buildDigestModel(input: DigestInput, options: DigestOptions = {}): DigestModel {
  const locale = options.locale ?? 'zh-CN';
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const rules = alertRules(options.rules);
  const first = input.indicators ?? input.leaderboard ?? input.funnel ?? input.coverage ?? input.alerts ?? null;
  const sections: (DigestSection | null)[] = [
    input.indicators ? indicatorsSection(input.indicators, locale, options, rules) : null,
    input.leaderboard ? leaderboardSection(input.leaderboard, locale, options) : null,
    input.funnel ? funnelSection(input.funnel, locale) : null,
    input.coverage ? coverageSection(input.coverage, locale) : null,
    input.alerts ? alertsSection(input.alerts, locale, options) : null,
  ];
  const org = cleanText(options.orgName ?? first?.scope.org ?? '');
  return {
    locale,
    title: t(locale, 'title', { org }),
    span: first ? spanOf(locale, first.scope, input.indicators?.period ?? null) : '',
    asOf: first ? t(locale, 'asOf', { time: formatDateTime(first.asOf, locale, timeZone) }) : '',
    sections: sections.filter((section): section is DigestSection => section !== null),
    empty: t(locale, 'empty'),
  };
}
