/**
 * The dashboard's filters and how they survive a reload: per page (and per dashboard id) in localStorage. Anything
 * unreadable (corrupt JSON, an unknown period, a malformed date, storage disabled by policy) is ignored, never thrown.
 * The date is restored only on the day it was chosen, so a wall screen never wakes up showing yesterday.
 */
import { PERIOD_KINDS, isIsoDate, type OrgNode, type OrgTree, type PeriodKind } from '@stride/core';

export interface DashboardFilters {
  org?: string;
  manager?: string;
  period?: PeriodKind;
  date?: string;
}

interface Stored extends DashboardFilters {
  savedOn: string;
}

export function storageKey(page: string, id: string): string {
  return `stride:dashboard:v1:${page}${id ? `#${id}` : ''}`;
}

export function loadFilters(storage: Storage | undefined, key: string, today: string): DashboardFilters {
  let stored: Partial<Record<keyof Stored, unknown>> | null;
  try {
    stored = JSON.parse(storage?.getItem(key) ?? 'null') as typeof stored;
  } catch {
    return {};
  }
  if (!stored || typeof stored !== 'object') return {};
  const filters: DashboardFilters = {};
  if (typeof stored.org === 'string' && stored.org) filters.org = stored.org;
  if (typeof stored.manager === 'string' && stored.manager) filters.manager = stored.manager;
  if ((PERIOD_KINDS as readonly unknown[]).includes(stored.period)) filters.period = stored.period as PeriodKind;
  if (isIsoDate(stored.date) && stored.savedOn === today) filters.date = stored.date;
  return filters;
}

export function saveFilters(storage: Storage | undefined, key: string, filters: DashboardFilters, today: string): void {
  try {
    storage?.setItem(key, JSON.stringify({ ...filters, savedOn: today } satisfies Stored));
  } catch {
    // Storage full or disabled by the portal's policy: the filters just do not persist.
  }
}

/** Root-to-node path of an org, for the breadcrumb. Stops on a cycle in bad data. */
export function orgPath(tree: OrgTree, id: string | undefined): OrgNode[] {
  if (!id) return [];
  const byId = new Map(tree.map((n) => [n.id, n]));
  const path: OrgNode[] = [];
  let node = byId.get(id);
  while (node && !path.includes(node)) {
    path.unshift(node);
    node = node.parentId ? byId.get(node.parentId) : undefined;
  }
  return path;
}

/** The orgs a filter bar offers (every level above manager), depth-first with their depth for indentation. */
export function orgOptions(tree: OrgTree): { node: OrgNode; depth: number }[] {
  const children = new Map<string | null, OrgNode[]>();
  for (const node of tree) {
    if (node.level === 'manager') continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const ids = new Set(tree.map((n) => n.id));
  const roots = tree.filter((n) => n.level !== 'manager' && (n.parentId === null || !ids.has(n.parentId)));
  const out: { node: OrgNode; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (node: OrgNode, depth: number) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    out.push({ node, depth });
    for (const child of children.get(node.id) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return out;
}

/** The top org (the default scope when none is set). */
export function rootOrg(tree: OrgTree): string | undefined {
  return orgOptions(tree)[0]?.node.id;
}
