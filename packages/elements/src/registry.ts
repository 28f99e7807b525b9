/**
 * Which elements the kit has, by tag. `define()` registers them (or suffixed subclasses) with the browser; a widget
 * folder adds itself here, and the bundles, `Stride.define` and the test harnesses read this one list.
 */
import { defineElement } from './shared/define.js';

export type StrideTag =
  | 'stride-scope'
  | 'stride-indicators'
  | 'stride-leaderboard'
  | 'stride-funnel'
  | 'stride-coverage-map'
  | 'stride-dashboard'
  | 'stride-alerts'
  | 'stride-leads'
  | 'stride-my-day'
  | 'stride-pilot-report';

const components = new Map<StrideTag, CustomElementConstructor>();
/** Elements loaded on first use (each its own chunk of stride.esm.js): how to load each, and loads under way. */
const lazyComponents = new Map<StrideTag, () => Promise<CustomElementConstructor>>();
const loading = new Map<StrideTag, Promise<void>>();
let activeSuffix = '';
let defined = false;
let watcher: MutationObserver | undefined;

export function registerComponent(tag: StrideTag, ctor: CustomElementConstructor): void {
  components.set(tag, ctor);
  lazyComponents.delete(tag);
}

/** An element whose code loads the first time its tag appears on the page (or `loadComponent` asks for it). */
export function registerLazyComponent(tag: StrideTag, load: () => Promise<CustomElementConstructor>): void {
  if (!components.has(tag)) lazyComponents.set(tag, load);
}

function defineOne(tag: StrideTag, ctor: CustomElementConstructor): string {
  const name = tagName(tag);
  // A suffixed tag needs its own class: one constructor cannot be registered under two names.
  defineElement(name, activeSuffix ? class extends (ctor as typeof HTMLElement) {} : ctor);
  return name;
}

/**
 * Loads a lazily registered element and defines it (under the suffixed tag after `define({suffix})`). A widget that
 * renders one inside its own shadow root (the dashboard) calls this first: the page watcher sees only the document.
 */
export function loadComponent(tag: StrideTag): Promise<void> {
  const load = lazyComponents.get(tag);
  if (!load) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = load().then((ctor) => {
      registerComponent(tag, ctor);
      if (defined) defineOne(tag, ctor);
    });
    loading.set(tag, pending);
  }
  return pending;
}

/** Loads each lazy element once its tag is in the document; one observer, gone when every lazy tag has loaded. */
function watchLazyTags(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const check = (): void => {
    for (const tag of [...lazyComponents.keys()]) {
      if (document.getElementsByTagName(tagName(tag)).length > 0) void loadComponent(tag);
    }
    if (lazyComponents.size === 0) {
      watcher?.disconnect();
      watcher = undefined;
    }
  };
  watcher?.disconnect();
  watcher = new MutationObserver(check);
  watcher.observe(document.documentElement, { childList: true, subtree: true });
  check();
}

export function registeredTags(): StrideTag[] {
  return [...components.keys()];
}

/** The tag an element of this copy of Stride uses for `tag`: suffixed after `define({suffix})`. */
export function tagName(tag: StrideTag): string {
  return activeSuffix ? `${tag}-${activeSuffix}` : tag;
}

export interface DefineOptions {
  /** Register as `<stride-x-SUFFIX>` (subclasses), e.g. to run beside another version of Stride. */
  suffix?: string;
}

/** Register every element; with a suffix, subclasses under suffixed tags (the dashboard then uses suffixed inner tags). */
export function define(options: DefineOptions = {}): string[] {
  const suffix = (options.suffix ?? '').trim().toLowerCase();
  if (suffix && !/^[a-z0-9-]+$/.test(suffix))
    throw new TypeError(`Stride.define: suffix must be lowercase letters, digits or '-', got "${options.suffix}"`);
  activeSuffix = suffix;
  defined = true;
  const names = [...components].map(([tag, ctor]) => defineOne(tag, ctor));
  if (lazyComponents.size > 0) watchLazyTags();
  return names;
}
