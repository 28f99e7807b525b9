/**
 * What every framework host in these tests offers, so one set of cases runs against React, Vue and plain HTML:
 * render <stride-dashboard> with properties, re-render it with a new org from the host's own state, record the
 * stride-* events the host hears in its own DOM, and unmount.
 */
import type { QueryClient } from '@tanstack/query-core';
import type { StrideAdapter } from '@stride/core';

export interface HostOptions {
  adapter: StrideAdapter;
  queryClient: QueryClient;
  org: string;
  /** Seconds between polls, so a request after unmount would show up in the adapter's call count. */
  refresh: number;
}

export interface MountedHost {
  /** The host's own state changes (as after a click in the portal's menu) and it re-renders with this org. */
  showOrg(org: string): void;
  unmount(): void;
}

export type MountHost = (container: HTMLElement, options: HostOptions) => MountedHost;

/** The host writes each event it hears into `.host-log` as one `<li>`: `select:<kind>:<id>` or `scope:<org>:<period>`. */
export interface HeardScopeChange {
  detail: { scope: { org: string; period: string } };
}
export interface HeardSelect {
  detail: { kind: string; id: string };
}
