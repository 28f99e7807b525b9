/**
 * The drop-in bundles' entry (dist/stride.esm.js and, through global.ts, dist/stride.min.js): the public API, and
 * installation on the page. Loading a bundle defines the tags unless the page opts out with
 * `window.StrideOptions = { define: false }` set before it (then call `Stride.define({suffix})` yourself).
 * A second copy of a bundle on the page warns, defines nothing and leaves `window.Stride` to the first.
 */
import { createEventLogAdapter, createHttpAdapter, createStaticAdapter, createStrideQueryClient } from '@stride/core';
import { configure } from './shared/configure.js';
import { allowEChartsUnderTrustedTypes } from './shared/trusted-types.js';
import { define, registerComponent, registerLazyComponent } from './registry.js';
import { StrideScope } from './scope/scope.component.js';
import { StrideIndicators } from './indicators/indicators.component.js';
import { StrideLeaderboard } from './leaderboard/leaderboard.component.js';
import { StrideFunnel } from './funnel/funnel.component.js';
import { StrideCoverageMap } from './coverage-map/coverage-map.component.js';
import { StrideDashboard } from './dashboard/dashboard.component.js';

// Order matters only for speed: the scope first, so widgets inside it find their provider at once.
registerComponent('stride-scope', StrideScope);
registerComponent('stride-indicators', StrideIndicators);
registerComponent('stride-leaderboard', StrideLeaderboard);
registerComponent('stride-funnel', StrideFunnel);
registerComponent('stride-coverage-map', StrideCoverageMap);
registerComponent('stride-dashboard', StrideDashboard);
// Further elements are their own chunks, loaded when their tag first appears (DESIGN Budgets: 12 KB each).
registerLazyComponent('stride-alerts', () => import('./alerts/alerts.component.js').then((m) => m.StrideAlerts));
registerLazyComponent('stride-leads', () => import('./leads/leads.component.js').then((m) => m.StrideLeads));
registerLazyComponent('stride-my-day', () => import('./my-day/my-day.component.js').then((m) => m.StrideMyDay));
registerLazyComponent('stride-pilot-report', () =>
  import('./pilot-report/pilot-report.component.js').then((m) => m.StridePilotReport),
);

export const version = '0.1.0';
export {
  configure,
  define,
  createStaticAdapter,
  createEventLogAdapter,
  createHttpAdapter,
  createStrideQueryClient,
  allowEChartsUnderTrustedTypes,
};
export type { DefineOptions } from './registry.js';

export interface StrideGlobal {
  version: string;
  configure: typeof configure;
  define: typeof define;
  createStaticAdapter: typeof createStaticAdapter;
  createEventLogAdapter: typeof createEventLogAdapter;
  createHttpAdapter: typeof createHttpAdapter;
  createStrideQueryClient: typeof createStrideQueryClient;
  allowEChartsUnderTrustedTypes: typeof allowEChartsUnderTrustedTypes;
}

declare global {
  interface Window {
    Stride?: StrideGlobal;
    StrideOptions?: { define?: boolean };
  }
}

/** Puts `Stride` on the page (once) and defines the elements unless opted out. Returns false for a second copy. */
export function install(): boolean {
  if (typeof window === 'undefined') return false;
  if (window.Stride) {
    console.warn(
      `Stride ${version}: another copy (${window.Stride.version}) is already on this page; this copy stays inert.`,
    );
    return false;
  }
  window.Stride = {
    version,
    configure,
    define,
    createStaticAdapter,
    createEventLogAdapter,
    createHttpAdapter,
    createStrideQueryClient,
    allowEChartsUnderTrustedTypes,
  };
  if (window.StrideOptions?.define !== false) define();
  return true;
}

install();
