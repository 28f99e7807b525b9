/** Every user-facing string of <stride-funnel>, complete in zh-CN and en. */
import { defineStrings, translator } from '@stride/core';

export const funnelStrings = defineStrings({
  'zh-CN': {
    title: '商机漏斗',
    counting:
      '漏斗只看本期下发的这一批商机，按每条商机走到的最远阶段计数，所以各阶段数逐级不增。指标卡按本期发生的事件计数（不论商机何时下发），两者的数字因此会不同。',
    stage: '阶段',
    count: '商机数',
    shareOfFirst: '占首阶段',
    shareOfPrevious: '占上一阶段',
    versusBaseline: '较试点前',
    dropOff: '流失至下一阶段',
    dropOffShort: '流失',
    overdue: '超时',
    openCount: '查看{stage}的 {count} 条商机',
    openOverdue: '超时 {count}，查看{stage}阶段超时的商机',
    medianDwell: '停留中位数',
    current: '本期',
    previous: '上期同期',
    otherOrg: '对比机构 {org}',
    delta: '较对比',
    compareUnavailable: '试点期没有可对比的上期。',
    compareFailed: '对比数据加载失败：{message}',
    compareLoading: '正在加载对比数据…',
    tableCaption: '商机漏斗（截至 {time}）',
    emptyReason: '所选期间没有下发的商机。',
    // A tooltip line: a column name (count, shareOfFirst, shareOfPrevious) and its value.
    downloadName: '商机漏斗.csv',
  },
  en: {
    title: 'Lead funnel',
    counting:
      'The funnel follows the leads assigned in this period, one cohort, counting each at the furthest stage it has reached, so counts never rise along the stages. The indicator tiles count what happened in the period, whenever the lead was assigned, so their numbers can differ.',
    stage: 'Stage',
    count: 'Leads',
    shareOfFirst: '% of first',
    shareOfPrevious: '% of previous',
    versusBaseline: 'vs pre-pilot',
    dropOff: 'Drop-off to next',
    dropOffShort: 'Drop-off',
    overdue: 'Overdue',
    openCount: 'Open the {count} leads at {stage}',
    openOverdue: 'Overdue {count}: open those leads at {stage}',
    medianDwell: 'Median dwell',
    current: 'This period',
    previous: 'Previous period',
    otherOrg: 'Org {org}',
    delta: 'vs comparison',
    compareUnavailable: 'The pilot period has no previous period to compare with.',
    compareFailed: 'Could not load the comparison: {message}',
    compareLoading: 'Loading the comparison…',
    tableCaption: 'Lead funnel (as of {time})',
    emptyReason: 'No leads were assigned in this period.',
    downloadName: 'lead-funnel.csv',
  },
});

export type FunnelStringKey = keyof (typeof funnelStrings)['en'];

export const t = translator(funnelStrings);
