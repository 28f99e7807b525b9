/**
 * What the dashboard's status line says (the data's as-of time, when it last updated, whether it is refreshing), read
 * from the shared query cache, so the dashboard needs no hook into each widget. Follows the host's query client when
 * it changes, and renders the host again only when something the line says changed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QueryClient } from '@tanstack/query-core';
import { watchQueryActivity, type QueryActivity } from '@stride/core';

export class QueryActivityController implements ReactiveController {
  latest: QueryActivity = { updatedAt: 0, asOf: '', fetching: 0 };
  private client: QueryClient | undefined;
  private stop: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clientOf: () => QueryClient,
  ) {
    host.addController(this);
  }

  // Before render, so the first read of the cache lands in this render rather than scheduling another.
  hostUpdate(): void {
    const client = this.clientOf();
    if (client === this.client) return;
    this.stop?.();
    this.client = client;
    this.stop = watchQueryActivity(client, (activity) => {
      const shown = this.latest;
      if (
        activity.updatedAt === shown.updatedAt &&
        activity.asOf === shown.asOf &&
        activity.fetching === shown.fetching
      ) {
        return;
      }
      this.latest = activity;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    this.client = undefined;
  }
}
