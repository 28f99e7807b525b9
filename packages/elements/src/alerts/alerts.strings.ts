/** Every user-facing string of <stride-alerts>, complete in zh-CN and en. */
import { defineStrings, translator } from '@stride/core';

export const alertsStrings = defineStrings({
  'zh-CN': {
    title: '预警提醒',
    count: '{count} 条预警',
    byPerson: '按人员',
    byIndicator: '按指标',
    groupBy: '分组方式',
    ruleOverdue: '超时未跟进',
    ruleInactive: '无拜访',
    // pace: "上门面访 12 / 进度应达 30"
    paceLine: '{indicator} {value} / 进度应达 {expected}',
    // a rate has no pace: it is held against its target directly
    targetLine: '{indicator} {value} / 目标 {expected}',
    overdueLine: '超时未跟进 {value} 条 / 预警线 {expected} 条',
    inactiveLine: '连续 {value} 个工作日无触达、沟通或面访 / 预警线 {expected} 天',
    since: '自 {date} 起',
    openRow: '查看 {name} 的指标',
    emptyReason: '所选范围内没有人落后于进度，也没有超时或停滞。',
    derived: '预警由指标数据按本页阈值推算',
    moreRows: '再显示 {n} 条（还有 {rest} 条未显示）',
    morePeople: '再显示 {n} 人（还有 {rest} 人未显示）',
    moreIndicators: '再显示 {n} 项（还有 {rest} 项未显示）',
    // when one press shows all that is left
    restRows: '显示其余 {rest} 条',
    restPeople: '显示其余 {rest} 人',
    restIndicators: '显示其余 {rest} 项',
  },
  en: {
    title: 'Alerts',
    count: '{count} alerts',
    byPerson: 'By person',
    byIndicator: 'By indicator',
    groupBy: 'Group by',
    ruleOverdue: 'Overdue leads',
    ruleInactive: 'No activity',
    paceLine: '{indicator} {value} / pace {expected}',
    targetLine: '{indicator} {value} / target {expected}',
    overdueLine: '{value} overdue leads / alert at {expected}',
    inactiveLine: 'No contact, conversation or visit for {value} working days / alert at {expected}',
    since: 'since {date}',
    openRow: 'Open {name}’s indicators',
    emptyReason: 'Nobody in this scope is behind pace, overdue or idle.',
    derived: 'Alerts worked out from the indicator rows with this page’s thresholds',
    moreRows: 'Show {n} more ({rest} not shown)',
    morePeople: 'Show {n} more people ({rest} not shown)',
    moreIndicators: 'Show {n} more ({rest} not shown)',
    restRows: 'Show the other {rest}',
    restPeople: 'Show the other {rest} people',
    restIndicators: 'Show the other {rest}',
  },
});

export type AlertsStringKey = keyof (typeof alertsStrings)['en'];

export const t = translator(alertsStrings);
