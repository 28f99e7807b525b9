// @stride/elements: the Lit elements, the shared element base, chart controller and styles.
export * from './shared/events.js';
export * from './shared/context.js';
export * from './shared/configure.js';
export * from './shared/define.js';
export { StrideElement, type ResolvedSettings } from './shared/stride-element.js';
export { baseStyles, tokenStyles, hostStyles, stateStyles } from './shared/styles.js';
export { renderQueryState, renderNotices, type StateViews } from './shared/states.js';
export {
  ChartController,
  readThemeTokens,
  type EChartsRuntime,
  type ChartControllerOptions,
} from './shared/chart-controller.js';
export { allowEChartsUnderTrustedTypes, type EChartsTrustedTypesSetup } from './shared/trusted-types.js';
export {
  define,
  loadComponent,
  registerComponent,
  registerLazyComponent,
  registeredTags,
  tagName,
  type DefineOptions,
  type StrideTag,
} from './registry.js';
export { StrideScope } from './scope/scope.component.js';
export { StrideIndicators } from './indicators/indicators.component.js';
export { StrideLeaderboard } from './leaderboard/leaderboard.component.js';
export { StrideFunnel } from './funnel/funnel.component.js';
export { StrideAlerts } from './alerts/alerts.component.js';
export { StrideCoverageMap } from './coverage-map/coverage-map.component.js';
export { StrideDashboard } from './dashboard/dashboard.component.js';
export { StrideLeads } from './leads/leads.component.js';
export { StrideMyDay } from './my-day/my-day.component.js';
export { StridePilotReport } from './pilot-report/pilot-report.component.js';
