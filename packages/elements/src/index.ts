// @stride/elements: the Lit elements, the shared element base, chart controller and styles.
export * from './shared/events.js';
export * from './shared/context.js';
export * from './shared/configure.js';
export * from './shared/define.js';
export { StrideElement, type ResolvedSettings } from './shared/stride-element.js';
export { baseStyles, tokenStyles, hostStyles, stateStyles } from './shared/styles.js';
export { renderQueryState, renderNotices, type StateViews } from './shared/states.js';
export { ChartController, readThemeTokens, type EChartsRuntime, type ChartControllerOptions } from './shared/chart-controller.js';
