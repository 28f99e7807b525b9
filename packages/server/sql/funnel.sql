-- The 7-stage funnel of the leads assigned in the window (the cohort). A stage is entered at the lead's first
-- event of that stage by asOf (conversation, followup and logged belong to contacted); a lead counts in every
-- stage up to its furthest, so counts never rise along the stages. Overdue: leads sitting at their furthest stage
-- for longer than its SLA. Dwell: hours from entering a stage to entering the next stage reached; its median is
-- built from window functions (row numbers and counts), since Trino has no exact median.
-- Parameters: $unit, $from_ms, $as_of_ms, $never_ms (a time after any event: "not entered"), and the stage SLAs
-- $sla_claimed_ms, $sla_contacted_ms, $sla_visited_ms, $sla_intent_ms, $sla_applied_ms.
WITH cohort AS (
  SELECT f.lead_id, f.at_ms AS assigned_ms
  FROM org_manager om
  JOIN facts f ON f.manager_id = om.manager_id
  WHERE om.org_id = $unit AND f.kind = 'assigned' AND f.at_ms >= $from_ms AND f.at_ms <= $as_of_ms
),
reached AS (
  SELECT c.lead_id, c.assigned_ms,
    -- @include parts/stage_entries.sql
  FROM cohort c JOIN lead_firsts lf ON lf.lead_id = c.lead_id
),
stages AS (
  SELECT lead_id, 0 AS stage, assigned_ms AS entered_ms FROM reached
  UNION ALL SELECT lead_id, 1, claimed_ms FROM reached
  UNION ALL SELECT lead_id, 2, contacted_ms FROM reached
  UNION ALL SELECT lead_id, 3, visited_ms FROM reached
  UNION ALL SELECT lead_id, 4, intent_ms FROM reached
  UNION ALL SELECT lead_id, 5, applied_ms FROM reached
  UNION ALL SELECT lead_id, 6, converted_ms FROM reached
),
furthest AS (
  SELECT lead_id, MAX(CASE WHEN entered_ms < $never_ms THEN stage ELSE 0 END) AS furthest FROM stages GROUP BY lead_id
),
placed AS (
  SELECT s.lead_id, s.stage, s.entered_ms, f.furthest,
    MIN(s.entered_ms) OVER (PARTITION BY s.lead_id ORDER BY s.stage ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
      AS next_ms
  FROM stages s JOIN furthest f ON f.lead_id = s.lead_id
),
counted AS (
  SELECT stage,
    SUM(CASE WHEN furthest >= stage THEN 1 ELSE 0 END) AS lead_count,
    SUM(CASE WHEN furthest = stage AND $as_of_ms - entered_ms > CASE stage
          WHEN 1 THEN $sla_claimed_ms WHEN 2 THEN $sla_contacted_ms WHEN 3 THEN $sla_visited_ms
          WHEN 4 THEN $sla_intent_ms WHEN 5 THEN $sla_applied_ms ELSE $never_ms END
        THEN 1 ELSE 0 END) AS overdue
  FROM placed GROUP BY stage
),
dwell AS (
  SELECT stage, GREATEST(0, next_ms - entered_ms) / 3600000.0 AS hours
  FROM placed WHERE stage < furthest AND entered_ms < $never_ms
),
dwell_ranked AS (
  SELECT stage, hours,
    ROW_NUMBER() OVER (PARTITION BY stage ORDER BY hours) AS rn,
    COUNT(*) OVER (PARTITION BY stage) AS n
  FROM dwell
),
medians AS (
  SELECT stage, FLOOR(AVG(hours) * 100 + 0.5) / 100 AS median_hours
  FROM dwell_ranked
  WHERE rn = FLOOR((n + 1) / 2.0) OR rn = FLOOR(n / 2.0) + 1
  GROUP BY stage
)
SELECT c.stage AS stage, c.lead_count AS lead_count, c.overdue AS overdue, m.median_hours AS median_hours
FROM counted c LEFT JOIN medians m ON m.stage = c.stage
ORDER BY c.stage;
