/**
 * The kit's events: bubbling, composed (they cross shadow roots to reach the host page), typed Event subclasses.
 */
import type { Alert, LeadsFilter, Scope, StrideError } from '@stride/core';

export type SelectKind = 'indicator' | 'org' | 'manager' | 'stage' | 'grid' | 'lead' | 'alert';

export interface StrideSelectDetail {
  kind: SelectKind;
  id: string;
  /** The widget's scope; with `leads`, the scope the filter counts in (a manager's or org's row narrows it to the row). */
  scope: Scope;
  /**
   * The leads filter the activated count opens (with the scope), present only where the adapter has `leads`: ids and
   * stages only, never customer data.
   */
  leads?: LeadsFilter;
}

/**
 * Drill-down: a user activated an indicator, org, manager, stage, grid or lead. Cancelable: a host that routes
 * elsewhere calls preventDefault() and the dashboard does not open the lead list itself.
 */
export class StrideSelectEvent extends Event {
  static readonly type = 'stride-select';
  readonly detail: StrideSelectDetail;
  constructor(detail: StrideSelectDetail) {
    super(StrideSelectEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

export interface StrideAlertDetail {
  alerts: Alert[];
  /** True for a scope's first result (all its alerts); false for alerts new since the previous result. */
  initial: boolean;
}

/** Alerts to pass on (a portal's notification centre): once per scope, then only new ones, never a flood per load. */
export class StrideAlertEvent extends Event {
  static readonly type = 'stride-alert';
  readonly detail: StrideAlertDetail;
  constructor(detail: StrideAlertDetail) {
    super(StrideAlertEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface StrideErrorDetail {
  error: StrideError;
  /** True when the last good data stays on screen. */
  stale: boolean;
}

/** A request failed; `detail.error.kind === 'auth'` lets a host send an expired session to its sign-in page. */
export class StrideErrorEvent extends Event {
  static readonly type = 'stride-error';
  readonly detail: StrideErrorDetail;
  constructor(detail: StrideErrorDetail) {
    super(StrideErrorEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface StrideWarningDetail {
  message: string;
  ids: string[];
}

/** Items were dropped from a result by validation; the rest is shown. */
export class StrideWarningEvent extends Event {
  static readonly type = 'stride-warning';
  readonly detail: StrideWarningDetail;
  constructor(detail: StrideWarningDetail) {
    super(StrideWarningEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface StrideShareDetail {
  /** The digest picture (PNG, drawn on a canvas in the page). */
  png: Blob;
  /** The digest as plain text. */
  text: string;
  /** The same as robot markdown: WeCom (at most 4096 bytes of UTF-8) and DingTalk. */
  markdown: { wecom: string; dingtalk: string };
}

/**
 * Someone shared a widget's section (分享): a portal posts it to the team's chat through its own back end. Calling
 * `preventDefault()` stops the kit's download fallback (the picture is still copied where the browser allows).
 */
export class StrideShareEvent extends Event {
  static readonly type = 'stride-share';
  readonly detail: StrideShareDetail;
  constructor(detail: StrideShareDetail) {
    super(StrideShareEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** The dashboard's filter bar changed the scope. */
export class StrideScopeChangeEvent extends Event {
  static readonly type = 'stride-scope-change';
  readonly detail: { scope: Scope };
  constructor(scope: Scope) {
    super(StrideScopeChangeEvent.type, { bubbles: true, composed: true });
    this.detail = { scope };
  }
}

interface StrideEventMap {
  'stride-select': StrideSelectEvent;
  'stride-error': StrideErrorEvent;
  'stride-warning': StrideWarningEvent;
  'stride-scope-change': StrideScopeChangeEvent;
  'stride-alert': StrideAlertEvent;
  'stride-share': StrideShareEvent;
}

// Typed listeners on the elements and, since the events are composed and bubble, on the host's document.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends StrideEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends StrideEventMap {}
}

/**
 * A widget that pages by itself in huddle mode (the board) has shown its last page and is back at the first. The
 * dashboard's rotation waits for it before moving to the next view, so a wall screen shows the whole board, the
 * people at the bottom included, however many pages that takes. Internal to the kit: hosts need not listen.
 */
export class StrideHuddleLapEvent extends Event {
  static readonly type = 'stride-huddle-lap';
  constructor() {
    super(StrideHuddleLapEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * A widget that paces its own huddle view (see StrideHuddleLapEvent): the dashboard starts it again from the top when
 * its turn comes, and holds it still while it is off screen or the viewer paused the rotation (one pause stops all).
 */
export interface HuddlePaced {
  restartHuddle(): void;
  holdHuddle(held: boolean): void;
}

export function isHuddlePaced(element: Element | null | undefined): element is Element & HuddlePaced {
  return typeof (element as Partial<HuddlePaced> | null | undefined)?.restartHuddle === 'function';
}
