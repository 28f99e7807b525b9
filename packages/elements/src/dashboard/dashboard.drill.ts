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

/** The control focused inside a shadow root, through nested shadow roots (the count a user just activated). */
function focusedWithin(host: HTMLElement): HTMLElement | undefined {
  let active = host.shadowRoot?.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

export interface InPlaceListOptions {
  /** The `history` attribute: whether opening a list pushes a browser history entry. */
  history: () => boolean;
  /** The view (layout cell) an event came from, undefined for one from elsewhere. */
  viewOf: (event: Event) => string | undefined;
}

/**
 * The lead list opened in place of the view whose count was activated, and the way back: focus moves to the
 * breadcrumb when it opens and back to the count when it closes; history entries through ListHistoryController.
 */
export class InPlaceListController implements ReactiveController {
  /** The list shown, and the control that opened it (focus goes back there). */
  list: (OpenList & { origin: HTMLElement | undefined }) | undefined;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: InPlaceListOptions;
  private readonly listHistory: ListHistoryController;
  /** The innermost element of the click being dispatched inside the dashboard (through the widgets' shadow roots). */
  private pressed: Element | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: InPlaceListOptions) {
    this.host = host;
    this.options = options;
    this.listHistory = new ListHistoryController(host, {
      enabled: options.history,
      onNavigate: (list) => (list ? this.open(list, undefined, false) : this.close(false)),
    });
    host.addController(this);
    // Set while a click is dispatched (the host's capture listener runs before the widgets', its bubble listener
    // after): a count activated by that click knows which control it came from.
    host.addEventListener(
      'click',
      (event) => {
        const target = event.composedPath()[0];
        this.pressed = target instanceof Element ? target : undefined;
      },
      { capture: true },
    );
    host.addEventListener('click', () => (this.pressed = undefined));
  }

  hostConnected(): void {
    // Nothing to set up: the history listener is ListHistoryController's.
  }

  /** Opens the list a `stride-select` carries, unless the host cancels it; false for one that carries none. */
  onSelect(event: Event & { detail: StrideSelectDetail }): boolean {
    const leads = listOf(event.detail);
    if (!leads) return false;
    // Where focus goes back to: the control clicked (Safari does not focus a clicked button, a script's click()
    // focuses nothing), else the one focused (Enter on the map).
    const origin = this.pressed?.closest<HTMLElement>('button, a[href], [tabindex]') ?? focusedWithin(this.host);
    const list = { ...leads, view: this.options.viewOf(event) };
    // The host may route the count elsewhere: it cancels in its own listener, which runs after this one as the
    // event bubbles on to the page, so decide once the dispatch is over.
    queueMicrotask(() => {
      if (!event.defaultPrevented) this.open(list, origin, true);
    });
    return true;
  }

  /**
   * Shows the rows behind a count in place of the view it is on (the other views stay, so every count stays one
   * keystroke away), or of all the views for a count from elsewhere; focus moves to the way back.
   */
  open(list: OpenList, origin: HTMLElement | undefined, byUser: boolean): void {
    this.list = { ...list, origin: origin ?? this.list?.origin };
    this.host.requestUpdate();
    if (byUser) this.listHistory.opened(list);
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLElement>('[part~="leads-back"]')?.focus(),
    );
  }

  /**
   * Back to the views, focus on the count that opened the list unless `focusBack` is false (the user is on a filter).
   * `byUser`: also pop the kit's history entry.
   */
  close(byUser: boolean, focusBack = true): void {
    const list = this.list;
    if (!list) return;
    this.list = undefined;
    this.host.requestUpdate();
    if (byUser) this.listHistory.closing();
    if (focusBack) void this.host.updateComplete.then(() => list.origin?.focus());
  }
}
