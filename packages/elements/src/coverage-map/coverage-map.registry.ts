/**
 * Grid maps registered with ECharts. `echarts.registerMap` is global and has no unregister, so a map is registered
 * once per geometry content hash and level of detail (`stride-grid-<hash>-<detail>`): two maps on a page never clash,
 * and mounting a map a thousand times registers nothing new. Levels are bounded (one per doubling of drawn size), so
 * the registry of a page is bounded by the geometries it shows.
 */
import type { Grids } from '@stride/core';
import type { EChartsRuntime } from '../shared/chart-controller.js';
import { MAX_DETAIL, simplifyGrids, toleranceFor, type GeometryBounds } from './coverage-map.geometry.js';

export type RegisterMap = (name: string, geoJson: Grids) => void;

/** ECharts with what the map draws, and its global map registration. */
export interface MapRuntime extends EChartsRuntime {
  registerMap: RegisterMap;
}

let runtime: Promise<MapRuntime> | undefined;
/** Loads the map's ECharts chunk once per page (a dynamic import, so pages without a map never fetch it). */
export function loadMapRuntime(): Promise<MapRuntime> {
  runtime ??= import('./coverage-map.echarts.js').then((m) => ({
    init: m.init as EChartsRuntime['init'],
    registerMap: m.registerMap as unknown as RegisterMap,
  }));
  return runtime;
}

const registered = new Set<string>();

export function mapName(hash: string, detail: number): string {
  return detail >= MAX_DETAIL ? `stride-grid-${hash}` : `stride-grid-${hash}-${detail}`;
}

/** Registers the grids at `detail` unless already registered; returns the map name to draw. */
export function ensureGridMap(
  registerMap: RegisterMap,
  grids: Grids,
  geometry: { hash: string; bounds: GeometryBounds; aspectScale: number },
  detail: number,
): string {
  const name = mapName(geometry.hash, detail);
  if (registered.has(name)) return name;
  const drawn =
    detail >= MAX_DETAIL
      ? grids
      : simplifyGrids(grids, toleranceFor(geometry.bounds, geometry.aspectScale, detail), geometry.bounds);
  registerMap(name, drawn);
  registered.add(name);
  return name;
}

export function isGridMapRegistered(hash: string, detail: number): boolean {
  return registered.has(mapName(hash, detail));
}

/** How many grid maps this page has registered (for memory tests). */
export function registeredGridMapCount(): number {
  return registered.size;
}

/**
 * Bench and tests only: forget what was registered, so the next draw simplifies and registers again (ECharts then
 * overwrites its entry under the same name, so this does not grow its registry either).
 */
export function forgetRegisteredGridMaps(): void {
  registered.clear();
}
