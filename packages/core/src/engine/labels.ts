import type { FunnelStageId } from '../contracts.js';
import type { EngineLocale } from './types.js';

export const FUNNEL_LABELS: Record<EngineLocale, Record<FunnelStageId, string>> = {
  'zh-CN': {
    assigned: '名单下发',
    claimed: '已认领',
    contacted: '已触达',
    visited: '已面访',
    intent: '意向',
    applied: '已进件',
    converted: '已成交',
  },
  en: {
    assigned: 'Assigned',
    claimed: 'Claimed',
    contacted: 'Contacted',
    visited: 'Visited',
    intent: 'Intent',
    applied: 'Applied',
    converted: 'Converted',
  },
};

export type BadgeId = 'first_conversion' | 'contacts_100' | 'streak_7' | 'champion_week' | 'champion_month';

export const BADGE_LABELS: Record<EngineLocale, Record<BadgeId, string>> = {
  'zh-CN': {
    first_conversion: '首单成交',
    contacts_100: '百户触达',
    streak_7: '连续7天',
    champion_week: '周冠军',
    champion_month: '月冠军',
  },
  en: {
    first_conversion: 'First conversion',
    contacts_100: '100 contacts',
    streak_7: '7-day streak',
    champion_week: 'Weekly champion',
    champion_month: 'Monthly champion',
  },
};
