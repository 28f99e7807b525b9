-- The leads "open overdue" at asOf (Definitions), as CTEs ending in `overdue`: one row per such lead and unit (the
-- scope itself, its child orgs or the managers of a level under it), with the manager's roster order for sorting.
-- Shared by open_overdue.sql (the rows, for lists) and open_overdue_counts.sql (a count per unit, for indicator
-- rows). Parameters as open_overdue.sql names them.
units AS (
  -- @include parts/units.sql
),
assigned AS (
  -- explicit aliases: ClickHouse names an unaliased joined column by its table (f.manager_id)
  SELECT u.id AS unit_id, u.tree_ord AS tree_ord, f.lead_id AS lead_id, f.manager_id AS manager_id,
    f.at_ms AS assigned_ms
  FROM units u
  JOIN org_manager om ON om.org_id = u.id
  JOIN facts f ON f.manager_id = om.manager_id
  WHERE f.kind = 'assigned' AND f.at_ms <= $as_of_ms
),
reached AS (
  SELECT a.unit_id, a.tree_ord, a.lead_id, a.manager_id, a.assigned_ms,
    -- @include parts/stage_entries.sql
  FROM assigned a JOIN lead_firsts lf ON lf.lead_id = a.lead_id
),
placed AS (
  SELECT unit_id, tree_ord, lead_id, manager_id, assigned_ms,
    CASE WHEN converted_ms < $never_ms THEN 6 WHEN applied_ms < $never_ms THEN 5 WHEN intent_ms < $never_ms THEN 4
         WHEN visited_ms < $never_ms THEN 3 WHEN contacted_ms < $never_ms THEN 2 WHEN claimed_ms < $never_ms THEN 1
         ELSE 0 END AS stage,
    CASE WHEN converted_ms < $never_ms THEN converted_ms WHEN applied_ms < $never_ms THEN applied_ms
         WHEN intent_ms < $never_ms THEN intent_ms WHEN visited_ms < $never_ms THEN visited_ms
         WHEN contacted_ms < $never_ms THEN contacted_ms WHEN claimed_ms < $never_ms THEN claimed_ms
         ELSE assigned_ms END AS entered_ms
  FROM reached
),
timed AS (
  SELECT unit_id, tree_ord, lead_id, manager_id, assigned_ms, stage, entered_ms,
    CASE stage WHEN 1 THEN $sla_claimed_ms WHEN 2 THEN $sla_contacted_ms WHEN 3 THEN $sla_visited_ms
               WHEN 4 THEN $sla_intent_ms WHEN 5 THEN $sla_applied_ms ELSE $never_ms END AS sla_ms
  FROM placed
),
overdue AS (
  SELECT t.unit_id AS unit_id, t.tree_ord AS tree_ord, t.lead_id AS lead_id, t.manager_id AS manager_id,
    t.assigned_ms AS assigned_ms, t.stage AS stage, t.entered_ms AS entered_ms, t.sla_ms AS sla_ms,
    m.ord AS manager_ord
  FROM timed t JOIN manager m ON m.manager_id = t.manager_id
  WHERE $as_of_ms - t.entered_ms > t.sla_ms
)
