-- The sparkline of each indicator for each unit (units as in indicators.sql: a lone manager is asked with their
-- team's managers, in mode 'level', so that one statement serves the team): daily buckets from the period start, or
-- Monday-start weeks for spans over 92 days. The caller fills buckets without facts (0 for counts, null for ratios).
-- Parameters: $unit, $mode, $level, $from_ms, $to_ms, $claim_ms, $daily (1 | 0), $start_day, $first_week (Monday on
-- or before the period start).
WITH units AS (
  -- @include parts/units.sql
),
scoped AS (
  SELECT u.id AS unit_id, f.kind AS kind, f.hit AS hit, f.extra AS extra, f.at_ms AS at_ms,
         CASE WHEN $daily = 1 THEN f.day - $start_day ELSE CAST(FLOOR((f.day - $first_week) / 7.0) AS INTEGER) END
           AS bucket
  FROM units u
  JOIN org_manager om ON om.org_id = u.id
  JOIN facts f ON f.manager_id = om.manager_id
  WHERE f.at_ms >= $from_ms AND f.at_ms <= $to_ms
)
SELECT unit_id, bucket,
  SUM(CASE WHEN kind = 'assigned' THEN 1 ELSE 0 END) AS assigned,
  SUM(CASE WHEN kind = 'assigned' AND at_ms <= $to_ms - $claim_ms THEN 1 ELSE 0 END) AS claim_count,
  SUM(CASE WHEN kind = 'assigned' AND at_ms <= $to_ms - $claim_ms THEN hit ELSE 0 END) AS claim_hits,
  SUM(CASE WHEN kind = 'contacted' THEN 1 ELSE 0 END) AS contacted,
  SUM(CASE WHEN kind = 'conversation' THEN 1 ELSE 0 END) AS conversations,
  SUM(CASE WHEN kind = 'visit' THEN 1 ELSE 0 END) AS visits,
  SUM(CASE WHEN kind = 'followup' THEN 1 ELSE 0 END) AS followup_count,
  SUM(CASE WHEN kind = 'followup' THEN hit ELSE 0 END) AS followup_hits,
  SUM(CASE WHEN kind = 'action' THEN 1 ELSE 0 END) AS logged_count,
  SUM(CASE WHEN kind = 'action' AND hit = 1 AND extra <= $to_ms THEN 1 ELSE 0 END) AS logged_hits,
  SUM(CASE WHEN kind = 'intent' THEN 1 ELSE 0 END) AS intent,
  SUM(CASE WHEN kind = 'applied' THEN 1 ELSE 0 END) AS applications,
  SUM(CASE WHEN kind = 'converted' THEN 1 ELSE 0 END) AS conversions
FROM scoped
GROUP BY unit_id, bucket
ORDER BY unit_id, bucket;
