-- The leads behind a number: one page of the rows a count on screen counts, read from the same facts, windows and
-- stage rule as that count (funnel.sql, coverage.sql, indicators.sql), so a number and its list agree.
-- $source picks the rows:
--   cohort      leads assigned in the window (a funnel stage or its overdue, a grid's leads, a manager's row)
--   open        every lead assigned by asOf (open overdue, narrowed below)
--   indicator   the facts of kind $fact_kind in [$from_ms, $fact_to_ms]; with $rate = 1 each carries counted
--   covered     the customers of grid $grid_id reached in the window, each once with the lead of their latest contact
-- then narrowed: $grid_filter = 1 keeps leads assigned in grid $grid_id; $stage_min keeps leads at or past that
-- stage; $overdue_stage keeps leads whose furthest stage it is and past its SLA; $overdue_any = 1 keeps leads not
-- converted and past their stage's SLA; $outcome ('counted', 'missed' or '') keeps one side of a rate.
-- Ordered by the sort key ($sort, $dir; missing keys last), then lead_id, then the event's time; $limit rows from
-- $offset. Customer names and mobiles come back as stored: the service masks them. total counts every row.
-- Parameters: $unit, $from_ms, $as_of_ms, $never_ms, $sla_claimed_ms .. $sla_applied_ms, $source, $fact_kind,
-- $fact_to_ms, $rate, $grid_id, $grid_filter, $stage_min, $overdue_stage, $overdue_any, $outcome, $sort, $dir,
-- $limit, $offset.
WITH candidates AS (
  SELECT f.lead_id AS lead_id, f.manager_id AS manager_id, CAST(NULL AS DOUBLE) AS event_ms,
    CAST(NULL AS VARCHAR) AS fact_kind, -1 AS counted
  FROM org_manager om
  JOIN facts f ON f.manager_id = om.manager_id
  WHERE ($source = 'cohort' OR $source = 'open') AND om.org_id = $unit AND f.kind = 'assigned'
    AND f.at_ms <= $as_of_ms AND ($source = 'open' OR f.at_ms >= $from_ms)
  UNION ALL
  SELECT f.lead_id, f.manager_id,
    CASE WHEN f.kind IN ('conversation', 'visit', 'action') THEN CAST(f.at_ms AS DOUBLE) END, f.kind,
    CASE WHEN $rate = 0 THEN -1
         WHEN f.hit = 1 AND (f.kind <> 'action' OR f.extra <= $as_of_ms) THEN 1 ELSE 0 END
  FROM org_manager om
  JOIN facts f ON f.manager_id = om.manager_id
  WHERE $source = 'indicator' AND om.org_id = $unit AND f.kind = $fact_kind
    AND f.at_ms >= $from_ms AND f.at_ms <= $fact_to_ms
  UNION ALL
  SELECT reached.lead_id, reached.manager_id, CAST(NULL AS DOUBLE), CAST(NULL AS VARCHAR), -1
  FROM (
    SELECT f.lead_id, f.manager_id,
      ROW_NUMBER() OVER (PARTITION BY f.customer_id ORDER BY f.at_ms DESC, f.lead_id DESC) AS rn
    FROM facts f
    WHERE $source = 'covered' AND f.kind = 'action' AND f.grid_id = $grid_id
      AND f.at_ms >= $from_ms AND f.at_ms <= $as_of_ms
  ) reached
  WHERE reached.rn = 1
),
reached AS (
  SELECT c.lead_id, c.manager_id, c.event_ms, c.fact_kind, c.counted, lf.assigned_grid_id,
    CASE WHEN lf.assigned_ms <= $as_of_ms THEN lf.assigned_ms ELSE $never_ms END AS assigned_ms,
    -- @include parts/stage_entries.sql
  FROM candidates c JOIN lead_firsts lf ON lf.lead_id = c.lead_id
),
staged AS (
  SELECT r.*,
    CASE WHEN converted_ms < $never_ms THEN 6 WHEN applied_ms < $never_ms THEN 5 WHEN intent_ms < $never_ms THEN 4
         WHEN visited_ms < $never_ms THEN 3 WHEN contacted_ms < $never_ms THEN 2 WHEN claimed_ms < $never_ms THEN 1
         ELSE 0 END AS stage
  FROM reached r
),
timed AS (
  SELECT s.*,
    CASE stage WHEN 6 THEN converted_ms WHEN 5 THEN applied_ms WHEN 4 THEN intent_ms WHEN 3 THEN visited_ms
               WHEN 2 THEN contacted_ms WHEN 1 THEN claimed_ms ELSE assigned_ms END AS entered_ms,
    CASE stage WHEN 1 THEN $sla_claimed_ms WHEN 2 THEN $sla_contacted_ms WHEN 3 THEN $sla_visited_ms
               WHEN 4 THEN $sla_intent_ms WHEN 5 THEN $sla_applied_ms ELSE $never_ms END AS sla_ms
  FROM staged s
),
kept AS (
  SELECT t.lead_id, t.manager_id, t.event_ms, t.fact_kind, t.counted, t.assigned_grid_id, t.stage, t.entered_ms,
    CASE WHEN t.sla_ms < $never_ms AND $as_of_ms - t.entered_ms > t.sla_ms
         THEN CAST($as_of_ms - t.entered_ms - t.sla_ms AS DOUBLE) END AS overdue_ms,
    COALESCE(o.name, t.manager_id) AS manager_name
  FROM timed t
  LEFT JOIN org o ON o.id = t.manager_id
  WHERE ($grid_filter = 0 OR t.assigned_grid_id = $grid_id)
    AND t.stage >= $stage_min
    AND ($overdue_stage < 0 OR (t.stage = $overdue_stage AND t.sla_ms < $never_ms
                                AND $as_of_ms - t.entered_ms > t.sla_ms))
    AND ($overdue_any = 0 OR (t.stage < 6 AND t.sla_ms < $never_ms AND $as_of_ms - t.entered_ms > t.sla_ms))
    AND ($outcome = '' OR ($outcome = 'counted' AND t.counted <> 0) OR ($outcome = 'missed' AND t.counted = 0))
),
last_actions AS (
  SELECT e.lead_id, MAX(e.at_ms) AS last_ms
  FROM events e
  WHERE e.at_ms <= $as_of_ms AND e.lead_id IN (SELECT lead_id FROM kept)
  GROUP BY e.lead_id
),
keyed AS (
  SELECT k.*, l.last_ms,
    CASE $sort WHEN 'overdueHours' THEN k.overdue_ms WHEN 'enteredAt' THEN CAST(k.entered_ms AS DOUBLE)
               WHEN 'lastActionAt' THEN CAST(l.last_ms AS DOUBLE) WHEN 'stage' THEN CAST(k.stage AS DOUBLE) END
      AS sort_number,
    COUNT(*) OVER () AS total
  FROM kept k LEFT JOIN last_actions l ON l.lead_id = k.lead_id
),
page AS (
  -- numbered in page order, so that the steps below read each page row through one reference to the page (an
  -- engine that expands a CTE at every reference, as ClickHouse and Spark's analyser do, then plans the kept rows
  -- twice, not eight times)
  SELECT paged.*,
    ROW_NUMBER() OVER (
      ORDER BY CASE WHEN $dir = 'asc' THEN sort_number END ASC NULLS LAST,
        CASE WHEN $dir = 'desc' THEN sort_number END DESC NULLS LAST,
        CASE WHEN $sort = 'managerName' AND $dir = 'asc' THEN manager_name END ASC NULLS LAST,
        CASE WHEN $sort = 'managerName' AND $dir = 'desc' THEN manager_name END DESC NULLS LAST,
        lead_id, event_ms
    ) AS row_no
  FROM (
    SELECT * FROM keyed
    ORDER BY CASE WHEN $dir = 'asc' THEN sort_number END ASC NULLS LAST,
      CASE WHEN $dir = 'desc' THEN sort_number END DESC NULLS LAST,
      CASE WHEN $sort = 'managerName' AND $dir = 'asc' THEN manager_name END ASC NULLS LAST,
      CASE WHEN $sort = 'managerName' AND $dir = 'desc' THEN manager_name END DESC NULLS LAST,
      lead_id, event_ms
    LIMIT $limit OFFSET $offset
  ) paged
),
page_events AS (
  -- each page row with every event of its lead: the first (its customer), the latest by asOf (its last action)
  -- and, for an action fact, the types of the lead's contact events at that instant
  SELECT p.*, e.at_ms AS lead_event_ms, e.type AS lead_event_type, e.customer_id AS lead_customer_id,
    ROW_NUMBER() OVER (PARTITION BY p.row_no ORDER BY e.seq) AS first_rn,
    ROW_NUMBER() OVER (PARTITION BY p.row_no ORDER BY CASE WHEN e.at_ms <= $as_of_ms THEN 0 ELSE 1 END,
                       e.at_ms DESC, e.seq DESC) AS last_rn,
    CASE WHEN p.fact_kind = 'action' AND CAST(e.at_ms AS DOUBLE) = p.event_ms
              AND e.type IN ('contacted', 'conversation', 'visited') THEN e.type END AS matching_action_type
  FROM page p
  LEFT JOIN events e ON e.lead_id = p.lead_id
),
page_rows AS (
  SELECT pe.*,
    MAX(CASE WHEN last_rn = 1 AND lead_event_ms <= $as_of_ms THEN lead_event_type END)
      OVER (PARTITION BY row_no) AS last_type,
    MAX(CASE WHEN last_rn = 1 AND lead_event_ms <= $as_of_ms THEN lead_event_ms END)
      OVER (PARTITION BY row_no) AS last_event_ms,
    MIN(matching_action_type) OVER (PARTITION BY row_no) AS action_type
  FROM page_events pe
)
SELECT p.lead_id AS lead_id, p.manager_id AS manager_id, p.manager_name AS manager_name,
  p.assigned_grid_id AS grid_id, p.stage AS stage, p.entered_ms AS entered_ms, p.overdue_ms AS overdue_ms,
  p.counted AS counted, p.event_ms AS event_ms, p.fact_kind AS fact_kind, p.action_type AS action_type,
  p.lead_customer_id AS customer_id, cu.name AS customer_name, cu.phone AS customer_phone,
  p.last_type AS last_type, p.last_event_ms AS last_ms, p.total AS total, p.sort_number AS sort_number
FROM page_rows p
LEFT JOIN customer cu ON cu.customer_id = p.lead_customer_id
WHERE p.first_rn = 1
ORDER BY p.row_no;
