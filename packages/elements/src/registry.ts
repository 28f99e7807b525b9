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
  | 'stride-dashboard';

const components = new Map<StrideTag, CustomElementConstructor>();
let activeSuffix = '';

export function registerComponent(tag: StrideTag, ctor: CustomElementConstructor): void {
  components.set(tag, ctor);
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
  const defined: string[] = [];
  for (const [tag, ctor] of components) {
    const name = tagName(tag);
    // A suffixed tag needs its own class: one constructor cannot be registered under two names.
    const klass = suffix ? class extends (ctor as typeof HTMLElement) {} : ctor;
    defineElement(name, klass);
    defined.push(name);
  }
  return defined;
}
