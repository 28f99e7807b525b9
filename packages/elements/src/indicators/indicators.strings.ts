import { defineStrings, translate, type StrideLocale } from '@stride/core';

export const indicatorsStrings = defineStrings({
  'zh-CN': {
    listLabel: '过程指标',
    target: '目标 {target}',
    noTarget: '未设目标',
    ofTarget: '完成 {percent}',
    pace: '进度线 {pace}',
    paceMarker: '按工作日进度应达 {pace}',
    ahead: '超前',
    onPace: '符合进度',
    behind: '落后',
    noStatus: '无进度状态',
    notStarted: '期间尚未开始',
    change: '较上期 {change}',
    noChange: '较上期 --',
    amount: '金额 {amount}',
    trend: '{label}每日走势',
    trendPoint: '{day}：{value}',
    tileName: '{label}：{value}，{target}，{status}',
    tileNameAmount: '{label}：{value}（金额 {amount}），{target}，{status}',
    tileTarget: '目标 {target}（完成 {percent}）',
    sheetLabel: '一人一表',
    name: '名称',
    sortBy: '按{label}排序',
    openRow: '查看 {name}',
    workingDays: '已过工作日 {elapsed}/{total}',
  },
  en: {
    listLabel: 'Process indicators',
    target: 'Target {target}',
    noTarget: 'No target',
    ofTarget: '{percent} of target',
    pace: 'Pace {pace}',
    paceMarker: 'Pace by working days: {pace}',
    ahead: 'Ahead',
    onPace: 'On pace',
    behind: 'Behind',
    noStatus: 'No pace status',
    notStarted: 'Period not started',
    change: '{change} vs previous',
    noChange: '-- vs previous',
    amount: 'Amount {amount}',
    trend: '{label}, daily trend',
    trendPoint: '{day}: {value}',
    tileName: '{label}: {value}, {target}, {status}',
    tileNameAmount: '{label}: {value} (amount {amount}), {target}, {status}',
    tileTarget: 'target {target} ({percent})',
    sheetLabel: 'One row per person',
    name: 'Name',
    sortBy: 'Sort by {label}',
    openRow: 'Open {name}',
    workingDays: 'Working days {elapsed}/{total}',
  },
});

export type IndicatorsStringKey = keyof (typeof indicatorsStrings)['en'];

export function t(locale: StrideLocale, key: IndicatorsStringKey, params?: Record<string, string | number>): string {
  return translate(indicatorsStrings, locale, key, params);
}
