/**
 * The Stride contract: every query, result and adapter shape of ../shared/DESIGN.md ("Data shapes").
 * Field names here are public API; the REST contract (docs/openapi.yaml), every adapter and every widget use them.
 */

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'pilot';
export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month', 'quarter', 'year', 'pilot'];

/** A calendar date in the bank's time zone, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO 8601 date-time with offset, e.g. `2026-11-24T18:30:00+08:00`. */
export type IsoDateTime = string;

export interface Scope {
  org: string;
  manager?: string;
  period: PeriodKind;
  date: IsoDate;
}

export type IndicatorRows = 'children' | 'managers';
export type LeaderboardBoard = 'managers' | 'teams' | 'subbranches' | 'branches';
/** `points` or an indicator id from the catalogue. */
export type LeaderboardMetric = string;

export interface IndicatorsQuery {
  scope: Scope;
  rows?: IndicatorRows;
}
export interface LeaderboardQuery {
  scope: Scope;
  board: LeaderboardBoard;
  metric: LeaderboardMetric;
}
export interface FunnelQuery {
  scope: Scope;
}
export interface CoverageQuery {
  scope: Scope;
}
/** Alerts of the scope's children (orgs) or of the managers under it. */
export interface AlertsQuery {
  scope: Scope;
  rows: IndicatorRows;
}
export interface GridsQuery {
  org: string;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrgTreeQuery {}

export interface TrendPoint {
  date: IsoDate;
  value: number | null;
}

export interface IndicatorValue {
  id: string;
  value: number | null;
  target?: number | null;
  previous?: number | null;
  /**
   * The time before the pilot (DESIGN "Baseline"): for a count, its value over one whole period of this kind (the
   * kit pro-rates it like pace); for a fraction, the rate. Null when none is given.
   */
  baseline?: number | null;
  /**
   * A supplied balance (DESIGN "Supplied indicators"): the balance at the period's start, from which its pace runs to
   * the target. Absent for counts, rates and flows.
   */
  opening?: number | null;
  /** Conversions only: the converted amount in CNY (2 decimals). */
  amount?: number | null;
  trend?: TrendPoint[];
}

export interface IndicatorRow {
  id: string;
  name: string;
  kind: 'org' | 'manager';
  values: Record<string, number | null>;
  targets?: Record<string, number | null>;
  /** Each indicator's baseline for this row, as IndicatorValue.baseline. */
  baselines?: Record<string, number | null>;
  /** Each supplied balance's opening for this row, as IndicatorValue.opening (the row's pace runs from it). */
  openings?: Record<string, number | null>;
  /** Open overdue leads of the row's managers at asOf, whatever period assigned them. */
  overdue?: number;
  /** The row's latest contact, conversation or visit at or before asOf (any period); null when none. */
  lastActionAt?: IsoDateTime | null;
}

export interface IndicatorsResult {
  asOf: IsoDateTime;
  scope: Scope;
  period: { start: IsoDate; end: IsoDate };
  indicators: IndicatorValue[];
  rows?: IndicatorRow[];
}

export type BadgeKind = 'milestone' | 'champion' | 'action' | 'contest';
export interface Badge {
  id: string;
  label: string;
  kind: BadgeKind;
}

export interface LeaderboardEntry {
  id: string;
  name: string;
  kind: 'manager' | 'org';
  orgName?: string;
  avatarUrl?: string;
  value: number | null;
  target?: number | null;
  previousValue?: number | null;
  streak?: number;
  badges?: Badge[];
  /** Optional: points by action (`contacted`, `conversation`, ...), for the "how was this calculated" view. */
  pointsByAction?: Record<string, number>;
}

export interface LeaderboardResult {
  asOf: IsoDateTime;
  scope: Scope;
  board: LeaderboardBoard;
  metric: LeaderboardMetric;
  entries: LeaderboardEntry[];
}

export type FunnelStageId = 'assigned' | 'claimed' | 'contacted' | 'visited' | 'intent' | 'applied' | 'converted';
export const FUNNEL_STAGES: readonly FunnelStageId[] = [
  'assigned',
  'claimed',
  'contacted',
  'visited',
  'intent',
  'applied',
  'converted',
];

export interface FunnelStage {
  id: string;
  label: string;
  count: number;
  overdue?: number;
  medianDwellHours?: number | null;
  /** The stage's rate (count / previous stage's count) before the pilot, a fraction; null when unknown. */
  baselineRate?: number | null;
}

export interface FunnelResult {
  asOf: IsoDateTime;
  scope: Scope;
  stages: FunnelStage[];
}

export type AlertRuleId = 'pace' | 'overdue' | 'inactive';
export const ALERT_RULE_IDS: readonly AlertRuleId[] = ['pace', 'overdue', 'inactive'];

/**
 * One alert (预警), one per rule and subject (DESIGN "Alert"). `value` and `expected` are in the rule's own terms:
 * pace: the indicator's value and its pace; overdue: open overdue leads and the threshold; inactive: idle working
 * days and the threshold. `severity` grows with how far past the line the subject is (1 = on it).
 */
export interface Alert {
  /** `<subjectId>:<rule>:<indicator?>`, stable across refreshes: what a portal de-duplicates notifications by. */
  id: string;
  subject: { kind: 'manager' | 'org'; id: string; name: string };
  rule: AlertRuleId;
  indicator?: string;
  value: number;
  expected: number;
  severity: number;
  /** The first day of the condition where it is known (the first idle working day), else null. */
  since: IsoDate | null;
}

export interface AlertsResult {
  asOf: IsoDateTime;
  scope: Scope;
  /** Ordered by rule (pace, overdue, inactive), then severity, most severe first. */
  alerts: Alert[];
}

export interface CoverageCell {
  gridId: string;
  name: string;
  managerIds: string[];
  managerNames?: string[];
  households: number;
  covered: number;
  openLeads?: number;
}

export interface CoverageResult {
  asOf: IsoDateTime;
  scope: Scope;
  cells: CoverageCell[];
}

/** GeoJSON (RFC 7946) subset that grids use. */
export type Position = [number, number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
/**
 * A grid's properties as the kit reads them after validation: `gridId` from the configured id property or
 * `Feature.id`, `name` (the id when the file has none); households are optional (the coverage result has them).
 */
export interface GridProperties {
  gridId: string;
  name: string;
  households?: number;
  [extra: string]: unknown;
}
export interface GridFeature {
  type: 'Feature';
  id?: string | number;
  properties: GridProperties;
  geometry: PolygonGeometry | MultiPolygonGeometry;
}
export interface Grids {
  type: 'FeatureCollection';
  features: GridFeature[];
}

export type OrgLevel = 'bank' | 'branch' | 'subbranch' | 'team' | 'manager';
export interface OrgNode {
  id: string;
  name: string;
  parentId: string | null;
  level: OrgLevel;
  /** Optional, managers only: a picture for leaderboards. */
  avatarUrl?: string;
}
export type OrgTree = OrgNode[];

export type LeadEventType =
  | 'assigned'
  | 'claimed'
  | 'contacted'
  | 'conversation'
  | 'visited'
  | 'followup'
  | 'logged'
  | 'intent'
  | 'applied'
  | 'converted';
export const LEAD_EVENT_TYPES: readonly LeadEventType[] = [
  'assigned',
  'claimed',
  'contacted',
  'conversation',
  'visited',
  'followup',
  'logged',
  'intent',
  'applied',
  'converted',
];

export interface LeadEvent {
  at: IsoDateTime;
  type: LeadEventType;
  leadId: string;
  managerId: string;
  customerId: string;
  gridId: string;
  /** CNY, `converted` only. */
  amount?: number;
}

/**
 * One row of a bank's daily table of supplied indicators (DESIGN "Supplied indicators"; docs/supplied-indicators.md):
 * for a flow, the manager's amount or count on that day; for a balance, the balance at that day's end. One row per
 * date, manager and indicator (a later duplicate replaces an earlier one).
 */
export interface SuppliedDaily {
  date: IsoDate;
  managerId: string;
  indicator: string;
  value: number;
}

export interface Target {
  org: string;
  indicator: string;
  period: PeriodKind;
  start: IsoDate;
  target: number;
  /**
   * The same indicator before the pilot, as DESIGN's Baseline: a count over one whole period of this kind, a
   * fraction as the rate. Inherited down the org tree like the target (a count shared evenly among managers).
   */
  baseline?: number;
}

/** Holidays and make-up working days (调休). Without one, Monday-Friday are working days. */
export interface WorkCalendar {
  holidays: IsoDate[];
  workdays: IsoDate[];
}

/**
 * A customer behind the leads (optional input beside the events: customers.csv, adapter option `customers`, table
 * `customer`). Personal data: only the leads list shows it, and masked unless the back end decides otherwise.
 */
export interface Customer {
  customerId: string;
  name: string;
  /** A mobile number, 11 digits in the pilot. */
  phone?: string;
}

export interface PilotConfig {
  start: IsoDate;
  end: IsoDate;
}

/** application/problem+json (RFC 9457), as the REST contract returns errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/* ---------------------------------------------------------------- the leads behind a number */

export type LeadsSortKey = 'overdueHours' | 'enteredAt' | 'lastActionAt' | 'stage' | 'managerName';
// Customer name is never a sort key: the row order would leak masked names.
export const LEADS_SORT_KEYS: readonly LeadsSortKey[] = [
  'overdueHours',
  'enteredAt',
  'lastActionAt',
  'stage',
  'managerName',
];
export type LeadsOutcome = 'counted' | 'missed';
export const LEADS_LIMIT_MAX = 500;

/**
 * Which rows a number on screen counts. Every field narrows the rows (they combine with AND):
 * - `stage`: cohort leads (assigned in the period) whose furthest stage is at or past it (a funnel stage's count);
 * - `overdue`: cohort leads whose furthest stage it is and who are past its SLA (a funnel stage's overdue); `'any'`
 *   is open overdue at asOf, whatever period assigned the lead;
 * - `gridId` (+ `covered`): leads of the grid; with `covered`, the grid's covered customers, one row each;
 * - `indicator` (+ `outcome`): the rows an indicator tile counts; a rate opens its denominator, `counted` marking the
 *   numerator, and `outcome` keeps one side.
 */
export interface LeadsFilter {
  stage?: FunnelStageId;
  overdue?: FunnelStageId | 'any';
  gridId?: string;
  covered?: true;
  indicator?: string;
  outcome?: LeadsOutcome;
}

export interface LeadsSort {
  by: LeadsSortKey;
  dir: 'asc' | 'desc';
}

export interface LeadsQuery {
  scope: Scope;
  filter: LeadsFilter;
  /** Default `{ by: 'overdueHours', dir: 'desc' }`; ties by leadId. */
  sort?: LeadsSort;
  /** 1-500. */
  limit: number;
  /** From the previous page; valid only for the same scope, filter, sort and asOf (else 400: reload page 1). */
  cursor?: string;
}

/**
 * One row: a lead, an event (an event-count indicator: `eventAt`, `eventType`), or a customer with their latest lead
 * (a grid's covered customers). `customer` and `phone` are as the back end masked them (`masked` says so).
 */
export interface LeadRow {
  leadId: string;
  customer: string;
  phone?: string;
  masked: boolean;
  managerId: string;
  managerName?: string;
  gridId?: string;
  /** The lead's furthest stage by asOf. */
  stage: FunnelStageId;
  /** When it entered that stage. */
  enteredAt: IsoDateTime;
  /** Hours past that stage's SLA at asOf; null when not overdue (or the stage has no SLA). */
  overdueHours: number | null;
  /** For a rate: whether the row is in its numerator. */
  counted?: boolean;
  eventAt?: IsoDateTime;
  eventType?: LeadEventType;
  lastAction?: LeadEventType;
  lastActionAt?: IsoDateTime;
}

export interface LeadsResult {
  asOf: IsoDateTime;
  scope: Scope;
  /** Rows the filter matches, across all pages. */
  total: number;
  nextCursor?: string | null;
  leads: LeadRow[];
}

/* ---------------------------------------------------------------- indicator catalogue */

/** `amount` is CNY (2 decimals in data), shown compact: 1.23亿 / ¥123M. */
export type IndicatorUnit = 'count' | 'fraction' | 'amount';
/**
 * How a supplied indicator accumulates (DESIGN "Supplied indicators"): a `flow` is summed over the period like the
 * event counts; a `balance` is a level read at asOf, paced from its `opening` towards the target.
 */
export type IndicatorMeasure = 'flow' | 'balance';
export interface IndicatorDefinition {
  id: string;
  unit: IndicatorUnit;
  /** Supplied indicators only; absent means a flow (what the ten event indicators are). */
  measure?: IndicatorMeasure;
  /** Labels by locale; zh-CN and en are always present for the default catalogue. */
  label: { 'zh-CN': string; en: string };
  /** Whether more is better (all ten defaults); drives the colour of a change. */
  goodDirection?: 'up' | 'down';
  /** Conversions carry an amount in CNY beside the count. */
  hasAmount?: boolean;
  /** How the number is counted, in a sentence a huddle head can check a number against (the tile's "how"). */
  counting?: { 'zh-CN': string; en: string };
}

// The `counting` sentences say the Definitions of DESIGN.md in a huddle head's words: event counts count what
// happened in the period, whenever the lead was assigned (the funnel, by contrast, follows one cohort).
export const DEFAULT_CATALOGUE: readonly IndicatorDefinition[] = [
  {
    id: 'assigned',
    unit: 'count',
    label: { 'zh-CN': '名单下发', en: 'Leads assigned' },
    counting: { 'zh-CN': '本期下发的商机数。', en: 'Leads assigned in the period.' },
  },
  {
    id: 'claim_rate',
    unit: 'fraction',
    label: { 'zh-CN': '名单认领率', en: 'Claim rate' },
    counting: {
      'zh-CN': '本期下发、且24小时认领期已满的商机中，24小时内被认领的比例；认领期未满的商机还不计入。',
      en: 'Of leads assigned in the period whose 24-hour window has closed, the share claimed within 24 hours; leads still inside their window are not counted yet.',
    },
  },
  {
    id: 'contacted',
    unit: 'count',
    label: { 'zh-CN': '首次触达', en: 'Customers contacted' },
    counting: {
      'zh-CN': '首次触达发生在本期的商机数，不论商机何时下发。',
      en: 'Leads first contacted in the period, whenever they were assigned.',
    },
  },
  {
    id: 'conversations',
    unit: 'count',
    label: { 'zh-CN': '有效沟通', en: 'Effective conversations' },
    counting: {
      'zh-CN': '本期记录的有效沟通次数（每次都计）。',
      en: 'Conversations recorded in the period (each one counts).',
    },
  },
  {
    id: 'visits',
    unit: 'count',
    label: { 'zh-CN': '上门面访', en: 'Visits' },
    counting: {
      'zh-CN': '本期记录的上门面访次数（每次都计）。',
      en: 'Visits recorded in the period (each one counts).',
    },
  },
  {
    id: 'followup_rate',
    unit: 'fraction',
    label: { 'zh-CN': '跟进及时率', en: 'Timely follow-up' },
    counting: {
      'zh-CN': '首次触达后跟进时限（默认3天）到期日落在本期的商机中，在时限内有跟进、沟通或面访的比例。',
      en: 'Of leads whose follow-up deadline (first contact + 3 days by default) falls in the period, the share followed up, talked to or visited in time.',
    },
  },
  {
    id: 'logged_rate',
    unit: 'fraction',
    label: { 'zh-CN': '过程留痕率', en: 'Logged outcomes' },
    counting: {
      'zh-CN': '本期的触达、沟通和面访中，24小时内记录了结果的比例。',
      en: 'Of contacts, conversations and visits in the period, the share with an outcome logged within 24 hours.',
    },
  },
  {
    id: 'intent',
    unit: 'count',
    label: { 'zh-CN': '意向客户', en: 'Intent customers' },
    counting: {
      'zh-CN': '首次表达意向发生在本期的商机数，不论商机何时下发。',
      en: 'Leads first showing intent in the period, whenever they were assigned.',
    },
  },
  {
    id: 'applications',
    unit: 'count',
    label: { 'zh-CN': '申请进件', en: 'Applications' },
    counting: {
      'zh-CN': '首次申请进件发生在本期的商机数，不论商机何时下发。',
      en: 'Leads first applying in the period, whenever they were assigned.',
    },
  },
  {
    id: 'conversions',
    unit: 'count',
    label: { 'zh-CN': '成交转化', en: 'Conversions' },
    hasAmount: true,
    counting: {
      'zh-CN': '首次成交发生在本期的商机数，不论商机何时下发；金额是这些成交的金额合计。',
      en: 'Leads first converted in the period, whenever they were assigned; the amount is the sum of those conversions.',
    },
  },
];

/* ---------------------------------------------------------------- adapter */

export interface AdapterCallOptions {
  signal: AbortSignal;
}

/**
 * One object implementing any subset of these methods. Each resolves to the shape above; the kit validates what
 * comes back before a widget sees it.
 */
export interface StrideAdapter {
  indicators?(query: IndicatorsQuery, options: AdapterCallOptions): Promise<IndicatorsResult>;
  leaderboard?(query: LeaderboardQuery, options: AdapterCallOptions): Promise<LeaderboardResult>;
  funnel?(query: FunnelQuery, options: AdapterCallOptions): Promise<FunnelResult>;
  coverage?(query: CoverageQuery, options: AdapterCallOptions): Promise<CoverageResult>;
  grids?(query: GridsQuery, options: AdapterCallOptions): Promise<Grids>;
  orgTree?(query: OrgTreeQuery, options: AdapterCallOptions): Promise<OrgTree>;
  /** Optional: without it the kit derives alerts from indicator rows (`overdue`, `lastActionAt`). */
  alerts?(query: AlertsQuery, options: AdapterCallOptions): Promise<AlertsResult>;
  leads?(query: LeadsQuery, options: AdapterCallOptions): Promise<LeadsResult>;
}

export interface AdapterQueries {
  indicators: IndicatorsQuery;
  leaderboard: LeaderboardQuery;
  funnel: FunnelQuery;
  coverage: CoverageQuery;
  grids: GridsQuery;
  orgTree: OrgTreeQuery;
  alerts: AlertsQuery;
  leads: LeadsQuery;
}
export interface AdapterResults {
  indicators: IndicatorsResult;
  leaderboard: LeaderboardResult;
  funnel: FunnelResult;
  coverage: CoverageResult;
  grids: Grids;
  orgTree: OrgTree;
  alerts: AlertsResult;
  leads: LeadsResult;
}
export type AdapterMethod = keyof AdapterQueries;
export const ADAPTER_METHODS: readonly AdapterMethod[] = [
  'indicators',
  'leaderboard',
  'funnel',
  'coverage',
  'grids',
  'orgTree',
  'alerts',
  'leads',
];

/* ---------------------------------------------------------------- errors */

export type StrideErrorKind = 'auth' | 'network' | 'timeout' | 'http' | 'invalid';

/**
 * The one error type the kit surfaces. `kind` lets a host react (send an expired session to its sign-in page);
 * `method` names the adapter method (and for http, the endpoint) that failed.
 */
export class StrideError extends Error {
  readonly kind: StrideErrorKind;
  readonly method: string;
  readonly status?: number;
  readonly problem?: Problem;
  constructor(
    kind: StrideErrorKind,
    method: string,
    message: string,
    options: { status?: number; problem?: Problem; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'StrideError';
    this.kind = kind;
    this.method = method;
    if (options.status !== undefined) this.status = options.status;
    if (options.problem !== undefined) this.problem = options.problem;
  }
}

export function isStrideError(value: unknown): value is StrideError {
  return (
    value instanceof StrideError || (value instanceof Error && (value as { name?: string }).name === 'StrideError')
  );
}
