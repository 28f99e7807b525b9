/**
 * One widget, two queries (the map's coverage and grids, the funnel and its comparison): one state to render and one
 * dropped-items report for the pair. The primary query is what the widget shows; the secondary adds to it. With
 * `waitForSecondary` the widget waits for the secondary and a secondary that fails with nothing to show fails the
 * widget (the map's geometry); without it the primary stands alone until the secondary comes (a comparison).
 *
 * Both queries are created with `onDropped: () => undefined`: this controller fires the one `stride-warning` per new
 * pair of results, listing what validation dropped from either and what the pair itself drops (`dropsBetween`, e.g.
 * coverage rows for grids not on the map). It does so while the host updates, before render, so `render()` only
 * reads `state`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdapterMethod, AdapterResults, DroppedItems, QueryState, StrideQueryController } from '@stride/core';
import { StrideWarningEvent } from './events.js';

export interface CombinedQueryOptions<P, S> {
  waitForSecondary: boolean;
  /** Items dropped because of the other result, beyond what validation dropped from each. */
  dropsBetween?: (primary: P, secondary: S | undefined) => DroppedItems | null;
}

/** Every report in one: messages joined, ids in order and listed once (one bad grid is often dropped twice). */
export function mergeDropped(reports: readonly (DroppedItems | null | undefined)[]): DroppedItems | null {
  const present = reports.filter((report): report is DroppedItems => !!report && report.ids.length > 0);
  if (present.length === 0) return null;
  return {
    message: present.map((report) => report.message).join('. '),
    ids: [...new Set(present.flatMap((report) => report.ids))],
  };
}

export class CombinedQuery<PM extends AdapterMethod, SM extends AdapterMethod> implements ReactiveController {
  private readonly host: ReactiveControllerHost & EventTarget;
  private readonly primary: StrideQueryController<PM>;
  private readonly secondary: StrideQueryController<SM>;
  private readonly options: CombinedQueryOptions<AdapterResults[PM], AdapterResults[SM]>;
  private reported: { primaryAt: number; secondaryAt: number; secondaryStatus: string } | undefined;

  constructor(
    host: ReactiveControllerHost & EventTarget,
    primary: StrideQueryController<PM>,
    secondary: StrideQueryController<SM>,
    options: CombinedQueryOptions<AdapterResults[PM], AdapterResults[SM]>,
  ) {
    this.host = host;
    this.primary = primary;
    this.secondary = secondary;
    this.options = options;
    host.addController(this);
  }

  /** The secondary's data while it is usable. */
  get secondaryData(): AdapterResults[SM] | undefined {
    const state = this.secondary.state;
    return state.status === 'success' ? state.data : undefined;
  }

  /** What to render: the primary's data with the pair's status, staleness and dropped items. */
  get state(): QueryState<AdapterResults[PM]> {
    const primary = this.primary.state;
    const secondary = this.secondary.state;
    if (this.options.waitForSecondary && primary.status === 'success') {
      if (secondary.status === 'loading') return { ...primary, status: 'loading' };
      if (secondary.status === 'error' && secondary.data === undefined) {
        return { ...primary, status: 'error', data: undefined, error: secondary.error, stale: false };
      }
    }
    return {
      ...primary,
      stale: primary.stale || (this.options.waitForSecondary && secondary.stale),
      dropped: primary.data === undefined ? primary.dropped : this.dropped(primary.data),
    };
  }

  /** Ask both again (the retry button). */
  refetch(): void {
    this.primary.refetch();
    this.secondary.refetch();
  }

  hostUpdate(): void {
    const primary = this.primary.state;
    const secondary = this.secondary.state;
    if (primary.status !== 'success' || primary.data === undefined || secondary.status === 'loading') return;
    const pair = {
      primaryAt: primary.dataUpdatedAt,
      secondaryAt: secondary.dataUpdatedAt,
      secondaryStatus: secondary.status,
    };
    const last = this.reported;
    if (
      last &&
      last.primaryAt === pair.primaryAt &&
      last.secondaryAt === pair.secondaryAt &&
      last.secondaryStatus === pair.secondaryStatus
    )
      return;
    this.reported = pair;
    const dropped = this.dropped(primary.data);
    if (dropped) this.host.dispatchEvent(new StrideWarningEvent(dropped));
  }

  private dropped(primaryData: AdapterResults[PM]): DroppedItems | null {
    const between = this.options.dropsBetween?.(primaryData, this.secondaryData) ?? null;
    return mergeDropped([this.secondary.state.dropped, this.primary.state.dropped, between]);
  }
}
