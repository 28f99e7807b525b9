import { defineStrings, translator } from '@stride/core';

export const dashboardStrings = defineStrings({
  'zh-CN': {
    filters: '筛选',
    org: '机构',
    period: '期间',
    date: '日期',
    previousDay: '前一天',
    nextDay: '后一天',
    breadcrumb: '机构路径',
    manager: '客户经理 {name}',
    notLoaded: '尚未加载',
    sessionExpired: '登录已过期，请重新登录。',
    views: '视图',
    pauseRotation: '暂停轮播',
    resumeRotation: '继续轮播',
    rotationReduced: '已按系统设置关闭自动轮播',
    view_indicators: '过程指标',
    view_alerts: '预警提醒',
    view_leaderboard: '英雄榜',
    view_funnel: '商机漏斗',
    view_coverage: '网格覆盖',
    view_myDay: '我的今天',
  },
  en: {
    filters: 'Filters',
    org: 'Organisation',
    period: 'Period',
    date: 'Date',
    previousDay: 'Previous day',
    nextDay: 'Next day',
    breadcrumb: 'Organisation path',
    manager: 'Manager {name}',
    notLoaded: 'Not loaded yet',
    sessionExpired: 'Your session has expired. Please sign in again.',
    views: 'Views',
    pauseRotation: 'Pause rotation',
    resumeRotation: 'Resume rotation',
    rotationReduced: 'Auto-rotation is off (reduced motion)',
    view_indicators: 'Indicators',
    view_alerts: 'Alerts',
    view_leaderboard: 'Leaderboard',
    view_funnel: 'Lead funnel',
    view_coverage: 'Grid coverage',
    view_myDay: 'My day',
  },
});

export type DashboardStringKey = keyof (typeof dashboardStrings)['en'];

export const t = translator(dashboardStrings);
