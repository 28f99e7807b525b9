/** @stride/conformance: prove a bank's back end or adapter gives Stride what it needs, before any widget is on a page. */
export { runConformance, sampleScopes, CHECK_TITLES, UNKNOWN_ORG } from './run.js';
export { percentile } from './stats.js';
export type {
  CheckId,
  CheckResult,
  CheckStatus,
  ConformanceOptions,
  ConformanceReport,
  LatencyFigures,
  Offence,
} from './types.js';
export { formatTerminal, renderHtml, type TerminalOptions } from './report.js';
export { main as runCli, USAGE, type CliIo } from './cli.js';
