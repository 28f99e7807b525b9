/**
 * Page-wide defaults: `configure({adapter, me, lang, ...})` reaches every widget on the page that neither has the
 * property itself nor sits inside a <stride-scope>. Kept on a Symbol.for key of globalThis so two copies of the same
 * major version share one set of defaults.
 */
import type { StrideSettings } from './context.js';

interface Registry {
  settings: StrideSettings;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('stride:defaults:v1');
type GlobalWithDefaults = typeof globalThis & { [KEY]?: Registry };

function registry(): Registry {
  const scope = globalThis as GlobalWithDefaults;
  scope[KEY] ??= { settings: {}, listeners: new Set() };
  return scope[KEY];
}

/** Merge page-wide defaults; every mounted widget re-renders with them. Returns the merged settings. */
export function configure(settings: StrideSettings): StrideSettings {
  const current = registry();
  current.settings = { ...current.settings, ...settings };
  refreshWidgets();
  return current.settings;
}

/** Every mounted widget renders again: a page-wide fact changed (defaults; an adapter's back end has no lead lists). */
export function refreshWidgets(): void {
  for (const listener of registry().listeners) listener();
}

export function getDefaults(): StrideSettings {
  return registry().settings;
}

/** Subscribe to configure() calls; returns the unsubscribe function (called on disconnect: nothing left behind). */
export function onDefaultsChange(listener: () => void): () => void {
  const { listeners } = registry();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
