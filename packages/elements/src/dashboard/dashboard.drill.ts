/**
 * The dashboard's drill-through: which `stride-select` opens the lead list in place, what the list's breadcrumb calls
 * it, and the browser history entries it may push (opt-in) and pop (only its own).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  DEFAULT_CATALOGUE,
  FUNNEL_LABELS,
  type FunnelStageId,
  type LeadsFilter,
  type OrgTree,
  type Scope,
  type StrideLocale,
} from '@stride/core';
import type { StrideSelectDetail } from '../shared/events.js';
import { t } from './dashboard.strings.js';

/** A lead list the dashboard shows in place: the rows behind one count. */
export interface OpenList {
  scope: Scope;
  filter: LeadsFilter;
  /** The view whose count opened it: the list takes that view's place. Undefined: the place of all the views. */
  view?: string;
}

/**
 * The list a drill-down opens, if any: every count and alert that carries its `leads` (where the adapter has them),
 * except an org row (the dashboard narrows to that org, the way down its tree).
 */
export function listOf(detail: StrideSelectDetail): OpenList | undefined {
  if (!detail.leads || detail.kind === 'org') return undefined;
  return { scope: detail.scope, filter: detail.leads };
}

/**
 * The breadcrumb's name for a list, from the filter's ids, the org tree and the grid's name where the map has it:
 * never a customer value.
 */
export function listTitle(list: OpenList, lang: StrideLocale, tree: OrgTree, gridName?: string): string {
  const { filter, scope } = list;
  const stageName = (stage: FunnelStageId) => FUNNEL_LABELS[lang][stage] ?? stage;
  let what: string;
  if (filter.overdue === 'any') what = t(lang, 'listOpenOverdue');
  else if (filter.overdue) what = t(lang, 'listOverdue', { stage: stageName(filter.overdue) });
  else if (filter.stage) what = t(lang, 'listStage', { stage: stageName(filter.stage) });
  else if (filter.gridId) what = t(lang, 'listGrid', { grid: gridName ?? filter.gridId });
  else if (filter.indicator) {
    const definition = DEFAULT_CATALOGUE.find((d) => d.id === filter.indicator);
    what = t(lang, 'listIndicator', { indicator: definition?.label[lang] ?? filter.indicator });
  } else what = t(lang, 'listLeads');
  if (!scope.manager) return what;
  const name = tree.find((node) => node.id === scope.manager)?.name ?? scope.manager;
  return t(lang, 'listOfManager', { name, what });
}

/** history.state key of the entries the kit pushes: a marker only, never a filter, scope or customer value. */
const STATE_KEY = 'strideLeadsList';
let dashboards = 0;

export interface ListHistoryOptions {
  /** The `history` attribute: whether opening a list pushes an entry. */
  enabled: () => boolean;
  /** The browser moved to another entry: the list pushed for it (forward again), or undefined (back past it). */
  onNavigate: (list: OpenList | undefined) => void;
}

/**
 * Browser history for opened lists, opt-in: one entry per list opened, so Back closes it. It pops only an entry it
 * pushed and only while that entry is the current one: a host page that pushed its own entries on top keeps them.
 */
export class ListHistoryController implements ReactiveController {
  private readonly options: ListHistoryOptions;
  private readonly prefix = `d${++dashboards}:`;
  private readonly pushed = new Map<string, OpenList>();
  private count = 0;

  constructor(host: ReactiveControllerHost, options: ListHistoryOptions) {
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  /** A list was opened by the user: its entry, keeping the host's own state beside the marker. */
  opened(list: OpenList): void {
    if (!this.options.enabled()) return;
    const marker = `${this.prefix}${++this.count}`;
    this.pushed.set(marker, list);
    const state: unknown = history.state;
    const hostState = state && typeof state === 'object' ? state : {};
    history.pushState({ ...hostState, [STATE_KEY]: marker }, '');
  }

  /** The list is being closed by the user: pops its entry when it is the current one (and a kit entry). */
  closing(): void {
    if (this.ownMarker(history.state)) history.back();
  }

  private ownMarker(state: unknown): string | undefined {
    const marker = (state as Record<string, unknown> | null)?.[STATE_KEY];
    return typeof marker === 'string' && this.pushed.has(marker) ? marker : undefined;
  }

  private readonly onPopState = (event: PopStateEvent): void => {
    if (!this.options.enabled()) return;
    const marker = this.ownMarker(event.state);
    this.options.onNavigate(marker ? this.pushed.get(marker) : undefined);
  };
}
