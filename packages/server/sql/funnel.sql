-- The 7-stage funnel of the leads assigned in the window (the cohort), for each unit (units as in indicators.sql: a
-- lone manager is asked with their team's managers, so that one statement serves the team). A stage is entered at
-- the lead's first event of that stage by asOf (conversation, followup and logged belong to contacted); a lead counts
-- in every stage up to its furthest, so counts never rise along the stages. Overdue: leads sitting at their furthest
-- stage for longer than its SLA. Dwell: hours from entering a stage to entering the next stage reached; its median
-- is built from window functions (row numbers and counts), since Trino has no exact median.
-- Parameters: $unit, $mode, $level, $from_ms, $as_of_ms, $never_ms (a time after any event: "not entered"), and the
-- stage SLAs $sla_claimed_ms, $sla_contacted_ms, $sla_visited_ms, $sla_intent_ms, $sla_applied_ms.
WITH units AS (
  -- @include parts/units.sql
),
cohort AS (
  SELECT u.id AS unit_id, f.lead_id AS lead_id, f.at_ms AS assigned_ms
  FROM units u
  JOIN org_manager om ON om.org_id = u.id
  JOIN facts f ON f.manager_id = om.manager_id
  WHERE f.kind = 'assigned' AND f.at_ms >= $from_ms AND f.at_ms <= $as_of_ms
),
reached AS (
  SELECT c.unit_id, c.lead_id, c.assigned_ms,
    -- @include parts/stage_entries.sql
  FROM cohort c JOIN lead_firsts lf ON lf.lead_id = c.lead_id
),
stage_list AS (
  SELECT 0 AS stage UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
  UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
),
stages AS (
  -- every lead once per stage, joined with the stage numbers: one read of reached (ClickHouse and Spark plan a
  -- CTE anew at each reference, and seven references, each read twice, made the funnel slow to plan there)
  SELECT r.unit_id AS unit_id, r.lead_id AS lead_id, s.stage AS stage,
    CASE s.stage WHEN 0 THEN r.assigned_ms WHEN 1 THEN r.claimed_ms WHEN 2 THEN r.contacted_ms
      WHEN 3 THEN r.visited_ms WHEN 4 THEN r.intent_ms WHEN 5 THEN r.applied_ms ELSE r.converted_ms END AS entered_ms,
    CASE WHEN r.converted_ms < $never_ms THEN 6 WHEN r.applied_ms < $never_ms THEN 5
         WHEN r.intent_ms < $never_ms THEN 4 WHEN r.visited_ms < $never_ms THEN 3
         WHEN r.contacted_ms < $never_ms THEN 2 WHEN r.claimed_ms < $never_ms THEN 1 ELSE 0 END AS furthest
  FROM reached r CROSS JOIN stage_list s
),
placed AS (
  SELECT unit_id, lead_id, stage, entered_ms, furthest,
    MIN(entered_ms) OVER (PARTITION BY unit_id, lead_id ORDER BY stage ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
      AS next_ms
  FROM stages
),
counted AS (
  SELECT unit_id, stage,
    SUM(CASE WHEN furthest >= stage THEN 1 ELSE 0 END) AS lead_count,
    SUM(CASE WHEN furthest = stage AND $as_of_ms - entered_ms > CASE stage
          WHEN 1 THEN $sla_claimed_ms WHEN 2 THEN $sla_contacted_ms WHEN 3 THEN $sla_visited_ms
          WHEN 4 THEN $sla_intent_ms WHEN 5 THEN $sla_applied_ms ELSE $never_ms END
        THEN 1 ELSE 0 END) AS overdue
  FROM placed GROUP BY unit_id, stage
),
dwell AS (
  SELECT unit_id, stage, GREATEST(0, next_ms - entered_ms) / 3600000.0 AS hours
  FROM placed WHERE stage < furthest AND entered_ms < $never_ms
),
dwell_ranked AS (
  SELECT unit_id, stage, hours,
    ROW_NUMBER() OVER (PARTITION BY unit_id, stage ORDER BY hours) AS rn,
    COUNT(*) OVER (PARTITION BY unit_id, stage) AS n
  FROM dwell
),
medians AS (
  SELECT unit_id, stage, FLOOR(AVG(hours) * 100 + 0.5) / 100 AS median_hours
  FROM dwell_ranked
  WHERE rn = FLOOR((n + 1) / 2.0) OR rn = FLOOR(n / 2.0) + 1
  GROUP BY unit_id, stage
)
SELECT c.unit_id AS unit_id, c.stage AS stage, c.lead_count AS lead_count, c.overdue AS overdue,
  m.median_hours AS median_hours
FROM counted c LEFT JOIN medians m ON m.unit_id = c.unit_id AND m.stage = c.stage
ORDER BY c.unit_id, c.stage;
