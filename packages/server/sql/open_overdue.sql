-- "Open overdue" at asOf (Definitions): leads assigned by asOf, not converted, whose current stage's SLA has
-- passed, whatever period assigned them. A lead's current stage is its furthest by asOf, placed exactly as the
-- funnel places it (funnel.sql: conversation, followup and logged belong to contacted); it belongs to the manager
-- of its first `assigned`. One row per such lead and unit (the scope itself, its child orgs or the managers of a
-- level under it), for lists to page through (open_overdue_counts.sql counts them per unit).
-- Parameters: $unit, $mode ('self' | 'children' | 'level'), $level, $as_of_ms, $never_ms (a time after any event:
-- "not entered"), and the stage SLAs $sla_claimed_ms, $sla_contacted_ms, $sla_visited_ms, $sla_intent_ms,
-- $sla_applied_ms ($never_ms for a stage without one).
WITH
  -- @include parts/open_overdue.sql
SELECT unit_id, lead_id, manager_id, stage, entered_ms, sla_ms
FROM overdue
ORDER BY tree_ord, manager_ord, assigned_ms, lead_id;
