/**
 * The leads behind a number (DESIGN "The leads behind a number"): which scope and LeadsQuery filter each count on
 * screen opens. Every widget builds its drill-through here, so a number and the list it opens are defined once and
 * cannot drift apart (the agreement is proven on the synthetic pilot, count against list total).
 */
import { DEFAULT_CATALOGUE, FUNNEL_STAGES, type FunnelStageId, type LeadsFilter, type Scope } from '../contracts.js';

/** The list a count opens: the scope it counts in (a row narrows it) and the filter. Ids and stages only. */
export interface LeadsBehind {
  scope: Scope;
  filter: LeadsFilter;
}

function funnelStage(id: string): FunnelStageId | undefined {
  return (FUNNEL_STAGES as readonly string[]).includes(id) ? (id as FunnelStageId) : undefined;
}

/** Only the kit's lead indicators have rows behind them; a supplied one (deposits, AUM) is the back end's own. */
function isLeadIndicator(id: string | undefined): boolean {
  return DEFAULT_CATALOGUE.some((definition) => definition.id === id);
}

// One builder per kind of count, each undefined where no rows stand behind it (a stage or an indicator the contract
// does not know). Separate functions rather than one switch: a page loads only the kinds its widgets draw (the page
// with only indicators and the leaderboard is at its size budget).

/** A funnel stage's count: cohort leads at or past the stage. */
export function stageLeads(scope: Scope, stage: string): LeadsBehind | undefined {
  const id = funnelStage(stage);
  return id && { scope, filter: { stage: id } };
}

/** A funnel stage's overdue: cohort leads at the stage and past its SLA. */
export function overdueLeads(scope: Scope, stage: string): LeadsBehind | undefined {
  const id = funnelStage(stage);
  return id && { scope, filter: { overdue: id } };
}

/** A grid's covered count: its covered customers, one row each. */
export function gridLeads(scope: Scope, gridId: string): LeadsBehind {
  return { scope, filter: { gridId, covered: true } };
}

/** Open overdue leads in the scope (my day, overdue alerts): whatever period assigned them, past their stage's SLA. */
export function openOverdueLeads(scope: Scope): LeadsBehind {
  return { scope, filter: { overdue: 'any' } };
}

/** An indicator tile: the rows it counts; a rate its denominator, the rows carrying `counted` for the numerator. */
export function indicatorLeads(scope: Scope, indicator: string): LeadsBehind | undefined {
  return isLeadIndicator(indicator) ? { scope, filter: { indicator } } : undefined;
}

/**
 * A manager's or an org's row: the scope narrowed to the row; with the indicator the row shows (a board ranked by
 * it) that indicator's rows, else the row's cohort of leads (a board by points, a sheet row).
 */
export function rowLeads(scope: Scope, kind: 'manager' | 'org', id: string, indicator?: string): LeadsBehind {
  const { org, period, date } = scope;
  return {
    scope: kind === 'manager' ? { org, manager: id, period, date } : { org: id, period, date },
    filter: indicator && isLeadIndicator(indicator) ? { indicator } : {},
  };
}
