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
  | 'stride-leads';

const components = new Map<StrideTag, CustomElementConstructor>();
/** Elements of their own module (DESIGN Budgets: each further element loads on first use). */
const lazy = new Map<StrideTag, { load: () => Promise<CustomElementConstructor>; loading?: Promise<void> }>();
let activeSuffix = '';
let defined = false;
let observer: MutationObserver | undefined;

export function registerComponent(tag: StrideTag, ctor: CustomElementConstructor): void {
  components.set(tag, ctor);
}

/** An element whose module is loaded only when its tag is first used on the page (or `loadComponent` asks). */
export function registerLazyComponent(tag: StrideTag, load: () => Promise<CustomElementConstructor>): void {
  if (!components.has(tag)) lazy.set(tag, { load });
}

export function registeredTags(): StrideTag[] {
  return [...components.keys(), ...[...lazy.keys()].filter((tag) => !components.has(tag))];
}

function defineOne(tag: StrideTag, ctor: CustomElementConstructor): string {
  const name = tagName(tag);
  // A suffixed tag needs its own class: one constructor cannot be registered under two names.
  const klass = activeSuffix ? class extends (ctor as typeof HTMLElement) {} : ctor;
  defineElement(name, klass);
  return name;
}

/**
 * Loads a lazily registered element's module and defines its tag (under the active suffix once `define` ran).
 * Elements already in the page, shadow roots included, upgrade when it is defined. Resolves at once for an element
 * that is loaded or not lazy.
 */
export function loadComponent(tag: StrideTag): Promise<void> {
  const entry = lazy.get(tag);
  if (!entry || components.has(tag)) return Promise.resolve();
  entry.loading ??= entry.load().then((ctor) => {
    components.set(tag, ctor);
    if (defined) defineOne(tag, ctor);
  });
  return entry.loading;
}

/** Loads lazy elements as their tags appear in the document (a host page writing `<stride-leads>` itself). */
function watchLazyTags(): void {
  const pending = (): StrideTag[] => [...lazy.keys()].filter((tag) => !components.has(tag));
  const scan = (): void => {
    for (const tag of pending()) if (document.getElementsByTagName(tagName(tag)).length > 0) void loadComponent(tag);
    if (pending().length === 0) observer?.disconnect();
  };
  scan();
  if (pending().length === 0 || observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(scan);
  observer.observe(document.documentElement, { childList: true, subtree: true });
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
  const names: string[] = [];
  for (const [tag, ctor] of components) names.push(defineOne(tag, ctor));
  if (typeof document !== 'undefined') watchLazyTags();
  return names;
}
