/**
 * i18n: every user-facing string exists in zh-CN and en. A catalogue is a plain object per locale, checked by the
 * compiler (`defineStrings` refuses a catalogue whose locales have different keys), so a missing translation is a
 * type error rather than a blank on a wall screen. Each widget keeps its own catalogue beside it; the strings every
 * widget shares live here.
 */
import type { PeriodKind } from '../contracts.js';
import type { StrideLocale } from '../format/index.js';

export type Strings<K extends string> = {
  readonly 'zh-CN': Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
};

export function defineStrings<K extends string>(strings: Strings<K>): Strings<K> {
  return strings;
}

/** Look up a string and fill `{name}` placeholders. Parameters are inserted as text, never markup. */
export function translate<K extends string>(
  strings: Strings<K>,
  locale: StrideLocale,
  key: K,
  params: Record<string, string | number> = {},
): string {
  const template = strings[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** One catalogue's lookup function: `const t = translator(fooStrings)` then `t(locale, 'key', params)`. */
export function translator<K extends string>(
  strings: Strings<K>,
): (locale: StrideLocale, key: K, params?: Record<string, string | number>) => string {
  return (locale, key, params) => translate(strings, locale, key, params);
}

/** The states every widget shares (DESIGN: "Rules every widget follows"). */
export const commonStrings = defineStrings({
  'zh-CN': {
    loading: '正在加载…',
    empty: '暂无数据',
    emptyReason: '所选机构或人员在所选期间没有记录。',
    notConfigured: '未配置数据源',
    notConfiguredReason: '请为此组件提供数据适配器（adapter）。',
    notSupported: '数据源不提供“{method}”数据。',
    noOrg: '请设置机构（org）。',
    error: '数据加载失败',
    retry: '重试',
    sessionExpired: '登录已过期，请重新登录后重试。',
    stale: '数据可能已过期',
    staleAsOf: '显示的是 {time} 的数据',
    refreshing: '正在刷新…',
    updatedAt: '更新于 {time}',
    asOf: '截至 {time}',
    dropped: '有 {count} 项数据无效，已略去：{ids}',
    exportCsv: '导出 CSV',
    share: '分享',
    howCounted: '怎么算的',
    labelled: '{label}：{value}',
    showTable: '表格视图',
    pause: '暂停',
    resume: '继续',
    search: '搜索',
    total: '合计',
    missing: '无数据',
    period_day: '日',
    period_week: '周',
    period_month: '月',
    period_quarter: '季',
    period_year: '年',
    period_pilot: '试点期',
  },
  en: {
    loading: 'Loading…',
    empty: 'No data',
    emptyReason: 'Nothing was recorded for the selected org or person in this period.',
    notConfigured: 'Not configured',
    notConfiguredReason: 'Give this widget a data adapter.',
    notSupported: 'The data source does not provide "{method}".',
    noOrg: 'Set the org to show.',
    error: 'Could not load the data',
    retry: 'Retry',
    sessionExpired: 'Your session has expired. Sign in again, then retry.',
    stale: 'Data may be out of date',
    staleAsOf: 'Showing data from {time}',
    refreshing: 'Refreshing…',
    updatedAt: 'Updated {time}',
    asOf: 'As of {time}',
    dropped: '{count} invalid items were left out: {ids}',
    exportCsv: 'Export CSV',
    share: 'Share',
    howCounted: 'How is this counted?',
    labelled: '{label}: {value}',
    showTable: 'Table view',
    pause: 'Pause',
    resume: 'Resume',
    search: 'Search',
    total: 'Total',
    missing: 'No data',
    period_day: 'Day',
    period_week: 'Week',
    period_month: 'Month',
    period_quarter: 'Quarter',
    period_year: 'Year',
    period_pilot: 'Pilot',
  },
});
export type CommonStringKey = keyof (typeof commonStrings)['en'];

export const common = translator(commonStrings);

export function periodLabel(locale: StrideLocale, period: PeriodKind): string {
  return common(locale, `period_${period}`);
}

/**
 * A label from the adapter, in the page's language where that is safe to do. A back end that names a stage or
 * badge with the kit's standard label in one language (the reference back end writes "已触达") gets the standard
 * label in the page's language ("Contacted" on an English page); any other label is the bank's own word (a relabelled
 * stage, a badge of its own) and is shown exactly as given.
 */
export function inPageLanguage(
  standard: Readonly<Record<StrideLocale, Readonly<Record<string, string>>>>,
  id: string,
  label: string,
  locale: StrideLocale | undefined,
): string {
  if (locale === undefined) return label;
  const isStandard = Object.values(standard).some((labels) => labels[id] === label);
  return isStandard ? (standard[locale][id] ?? label) : label;
}
