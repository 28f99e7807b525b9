/**
 * The view model of <stride-alerts>: an AlertsResult and the catalogue in, groups of rows out (by person or by
 * indicator, most severe first), plus which alerts a `stride-alert` event announces. Pure: no DOM, no formatting
 * beyond choosing the unit a number is shown in.
 */
import type { Alert, AlertsResult, IndicatorDefinition, IndicatorUnit, StrideLocale } from '@stride/core';

export type AlertGrouping = 'person' | 'indicator';

export interface AlertRowView {
  alert: Alert;
  /** What the alert is about: the indicator's label, or the rule's name for overdue and inactive. */
  what: string;
  /** The unit `value` and `expected` are shown in (a pace alert: the indicator's own; otherwise whole numbers). */
  unit: IndicatorUnit;
  /** 'high' from twice past the line (overdue, inactive) or half of pace missing (pace). */
  level: 'high' | 'normal';
}

export interface AlertGroupView {
  /** The subject id (by person) or the indicator id / rule (by indicator). */
  key: string;
  title: string;
  /** By person: who, for the drill to their sheet row. */
  subject?: Alert['subject'];
  rows: AlertRowView[];
}

export function parseGrouping(value: string | null | undefined): AlertGrouping {
  return value === 'indicator' ? 'indicator' : 'person';
}

export function severityLevel(alert: Alert): 'high' | 'normal' {
  return alert.severity >= (alert.rule === 'pace' ? 0.5 : 2) ? 'high' : 'normal';
}

/**
 * Groups, most severe first (a group ranks by its worst alert), rows inside a group most severe first; ties keep
 * the result's order, which is the back end's (rule, then severity).
 */
export function groupAlerts(
  result: AlertsResult,
  grouping: AlertGrouping,
  catalogue: readonly IndicatorDefinition[],
  locale: StrideLocale,
  ruleNames: { overdue: string; inactive: string },
): AlertGroupView[] {
  const byId = new Map(catalogue.map((definition) => [definition.id, definition]));
  const labelOf = (id: string): string => {
    const definition = byId.get(id);
    return definition ? definition.label[locale] || definition.label.en || id : id;
  };
  const groups = new Map<string, AlertGroupView>();
  for (const alert of result.alerts) {
    const indicator = alert.rule === 'pace' ? alert.indicator : undefined;
    const what = indicator === undefined ? ruleNames[alert.rule as 'overdue' | 'inactive'] : labelOf(indicator);
    const row: AlertRowView = {
      alert,
      what,
      unit: indicator === undefined ? 'count' : (byId.get(indicator)?.unit ?? 'count'),
      level: severityLevel(alert),
    };
    const key = grouping === 'person' ? alert.subject.id : (indicator ?? alert.rule);
    let group = groups.get(key);
    if (!group) {
      group =
        grouping === 'person'
          ? { key, title: alert.subject.name, subject: alert.subject, rows: [] }
          : { key, title: what, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  const worst = (group: AlertGroupView): number => Math.max(...group.rows.map((row) => row.alert.severity));
  const list = [...groups.values()];
  for (const group of list) group.rows.sort((a, b) => b.alert.severity - a.alert.severity);
  return list.sort((a, b) => worst(b) - worst(a));
}

/**
 * What `stride-alert` announces for a result (DESIGN): the first result of a scope with `initial: true` (even when
 * empty, so a portal knows the count is zero), then only alerts whose ids were not in the previous result of the same
 * scope; nothing when there is nothing new. `seen` is what the feed remembers between results.
 */
export interface AlertFeedMemory {
  scopeKey: string;
  ids: ReadonlySet<string>;
}

export function alertsToAnnounce(
  seen: AlertFeedMemory | undefined,
  scopeKey: string,
  alerts: readonly Alert[],
): { announce: { alerts: Alert[]; initial: boolean } | null; seen: AlertFeedMemory } {
  const ids = new Set(alerts.map((alert) => alert.id));
  const memory = { scopeKey, ids };
  if (!seen || seen.scopeKey !== scopeKey) return { announce: { alerts: [...alerts], initial: true }, seen: memory };
  const fresh = alerts.filter((alert) => !seen.ids.has(alert.id));
  return { announce: fresh.length > 0 ? { alerts: fresh, initial: false } : null, seen: memory };
}

/**
 * How much of a long list is on screen. A bank's org has thousands of alerts: rendered whole, a 2,000-manager pilot's
 * list held the page for seconds (its one rendering task was most of the page's load), and nobody reads past the
 * worst. The list starts with the worst groups, each with its worst rows; each group and the list say how many more
 * there are, and one press shows more.
 */
export const GROUPS_SHOWN = 20;
export const ROWS_SHOWN = 5;
/** How many more one "show more" adds. */
export const SHOW_MORE_GROUPS = 20;
export const SHOW_MORE_ROWS = 20;

export interface ShownGroupView extends AlertGroupView {
  /** This group's rows not on screen. */
  hiddenRows: number;
}

export interface ShownAlerts {
  groups: ShownGroupView[];
  /** Groups not on screen. */
  hiddenGroups: number;
}

/** The groups and rows on screen, given how far the reader has asked to see (rows per group key). */
export function shownAlerts(
  groups: readonly AlertGroupView[],
  groupsShown: number,
  rowsShown: ReadonlyMap<string, number>,
): ShownAlerts {
  const shown = groups.slice(0, groupsShown).map((group) => {
    const limit = rowsShown.get(group.key) ?? ROWS_SHOWN;
    return { ...group, rows: group.rows.slice(0, limit), hiddenRows: Math.max(0, group.rows.length - limit) };
  });
  return { groups: shown, hiddenGroups: Math.max(0, groups.length - groupsShown) };
}
