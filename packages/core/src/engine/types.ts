import type {
  Customer,
  Grids,
  IndicatorDefinition,
  LeadEvent,
  OrgTree,
  PilotConfig,
  SuppliedDaily,
  Target,
  WorkCalendar,
} from '../contracts.js';
import type { EventColumns } from './event-columns.js';

/** Service levels of the Definitions, all configurable. Durations in hours unless named otherwise. */
export interface SlaConfig {
  /** Claim within this many hours of assignment (claim_rate). Default 24. */
  claimHours: number;
  /** Follow-up within this many days of first contact (followup_rate). Default 3. */
  followupDays: number;
  /** Count the follow-up SLA in working days instead of calendar days. Default false. */
  followupInWorkingDays: boolean;
  /** A `logged` event within this many hours of the contact (logged_rate). Default 24. */
  loggedHours: number;
  /** Funnel overdue thresholds in days per stage. Defaults: claimed 1, contacted 3, visited 7, intent 14, applied 14. */
  stageDays: Partial<Record<string, number>>;
}

/** The default points scheme of the Definitions; configurable. */
export interface PointsScheme {
  firstContact: number;
  conversation: number;
  visit: number;
  firstIntent: number;
  firstApplication: number;
  firstConversion: number;
  timelyFollowup: number;
}

export type EngineLocale = 'zh-CN' | 'en';

/** Everything the metrics engine computes from. Only `events` and `orgTree` are required. */
export interface EventLogInput {
  /** Event objects, or the same as columns (what the CSV reader writes; see event-columns.ts). */
  events: readonly LeadEvent[] | EventColumns;
  orgTree: OrgTree;
  grids?: Grids;
  /** Names and mobiles behind the customer ids (the leads list only). */
  customers?: readonly Customer[];
  /**
   * Show customer data unmasked in leads. Default false: masked (王*明, 138****1234), as a back end does unless the
   * session's role may see it; a pilot's CSV may hold real names.
   */
  unmaskedCustomers?: boolean;
  targets?: readonly Target[];
  calendar?: WorkCalendar;
  pilot?: PilotConfig;
  /** IANA time zone of the bank. Default `Asia/Shanghai`. */
  timeZone?: string;
  catalogue?: readonly IndicatorDefinition[];
  /** The bank's daily figures of its supplied indicators (flows and balances of the catalogue). */
  supplied?: readonly SuppliedDaily[];
  sla?: Partial<SlaConfig>;
  points?: Partial<PointsScheme>;
  /** Language of the labels the engine writes (funnel stages, badges). Default `zh-CN`. */
  locale?: EngineLocale;
  /** Clock, for asOf = min(now, end of date). Default `() => new Date()`. */
  now?: () => Date;
}
