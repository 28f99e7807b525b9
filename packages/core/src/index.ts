// @stride/core: contracts, validation, metrics engine, adapters, formatting, i18n, theme tokens, the query controller.
export * from './contracts.js';
export type * from './engine/types.js';
export * from './format/index.js';
export * from './i18n/index.js';
export * from './theme/tokens.js';
export * from './export/csv.js';
export { maskName, maskPhone } from './privacy/mask.js';
export * from './validation/index.js';
export { GRIDS_RESULT_SPEC, gridDigest, type GridDigest } from './validation/grids.js';
export { LEADS_RESULT_SPEC } from './validation/leads.js';
export { ALERTS_RESULT_SPEC } from './validation/alerts.js';
export { checkCatalogue, type CheckedCatalogue } from './validation/catalogue.js';
export * from './query/query-controller.js';
export {
  gridLeads,
  indicatorLeads,
  openOverdueLeads,
  overdueLeads,
  rowLeads,
  stageLeads,
  type LeadsBehind,
} from './leads/behind.js';
export { hasLeads, markLeadsMissing } from './leads/capability.js';
export * from './alerts/pace.js';
export { deriveAlerts, idleWorkingDays, type DeriveAlertsOptions } from './alerts/derive.js';
export { POINTS_ACTIONS, type PointsAction } from './engine/metrics.js';
export {
  createMetricsEngine,
  workingDaysElapsed,
  DEFAULT_POINTS,
  DEFAULT_SLA,
  FUNNEL_LABELS,
  BADGE_LABELS,
  type MetricsEngine,
  type BadgeId,
} from './engine/index.js';
export { createStaticAdapter, type StaticAdapterOptions, type StaticSource } from './adapters/static.js';
export { createHttpAdapter, restQueryParams, REST_PATHS, type HttpAdapterOptions } from './adapters/http.js';
export { readRestQuery, type ParameterErrors } from './adapters/rest-query.js';
export {
  createEventLogAdapter,
  type EventLogAdapter,
  type EventLogAdapterOptions,
  type EventLogProgress,
  type EventLogReport,
} from './adapters/event-log.js';
export { readCsvInput, sniffCsvEncoding, type CsvInput, type CsvEncoding } from './adapters/csv-input.js';
export {
  parseEventsCsv,
  parseRosterCsv,
  parseTargetsCsv,
  parseCalendarCsv,
  parseCustomersCsv,
  CSV_HEADER_ALIASES,
  EVENT_TYPE_NAMES,
  csvProblemText,
  csvRowProblemText,
  type CsvProblem,
  type CsvVocabulary,
  type CsvParseResult,
  type CsvReadOptions,
  type CsvRowProblem,
} from './adapters/csv.js';
export { loadDigest, type DigestModule } from './digest-loader.js';
export type { DigestInput, DigestOptions, DigestLayout, DigestPrimitive } from './digest/index.js';
