-- The ten indicators of the Definitions for each unit (the scope itself, its child orgs or the managers of a
-- level under it) over two windows: current [period start, asOf] and previous (the like-for-like span).
-- Team, sub-branch and branch values are sums of their managers' facts; ratios are summed hits over summed
-- counts, never averages of rates.
-- Parameters: $unit, $mode ('self' | 'children' | 'level', or 'self+children' | 'self+level': the unit itself with
-- those rows, asked in one statement), $level, $from_ms, $to_ms, $prev_from_ms, $prev_to_ms, $claim_ms (a lead
-- counts in claim_rate only once its claim window has closed by asOf).
WITH units AS (
  -- @include parts/units.sql
),
windows AS (
  SELECT 'current' AS w, $from_ms AS from_ms, $to_ms AS to_ms
  UNION ALL
  SELECT 'previous', $prev_from_ms, $prev_to_ms
),
scoped AS (
  -- the previous window always ends before the current one starts, so each fact falls in at most one; a CASE
  -- rather than a range join keeps the scan prunable by the scope's managers and the windows' bounds
  SELECT unit_id, w, CASE WHEN w = 'current' THEN $to_ms ELSE $prev_to_ms END AS to_ms, kind, hit, extra, at_ms
  FROM (
    SELECT u.id AS unit_id, f.kind, f.hit, f.extra, f.at_ms,
      CASE WHEN f.at_ms >= $from_ms AND f.at_ms <= $to_ms THEN 'current'
           WHEN f.at_ms >= $prev_from_ms AND f.at_ms <= $prev_to_ms THEN 'previous' END AS w
    FROM units u
    JOIN org_manager om ON om.org_id = u.id
    JOIN facts f ON f.manager_id = om.manager_id
    WHERE f.at_ms >= LEAST($from_ms, $prev_from_ms) AND f.at_ms <= GREATEST($to_ms, $prev_to_ms)
  ) placed
  WHERE w IS NOT NULL
),
sums AS (
  SELECT unit_id, w,
    SUM(CASE WHEN kind = 'assigned' THEN 1 ELSE 0 END) AS assigned,
    SUM(CASE WHEN kind = 'assigned' AND at_ms <= to_ms - $claim_ms THEN 1 ELSE 0 END) AS claim_count,
    SUM(CASE WHEN kind = 'assigned' AND at_ms <= to_ms - $claim_ms THEN hit ELSE 0 END) AS claim_hits,
    SUM(CASE WHEN kind = 'contacted' THEN 1 ELSE 0 END) AS contacted,
    SUM(CASE WHEN kind = 'conversation' THEN 1 ELSE 0 END) AS conversations,
    SUM(CASE WHEN kind = 'visit' THEN 1 ELSE 0 END) AS visits,
    SUM(CASE WHEN kind = 'followup' THEN 1 ELSE 0 END) AS followup_count,
    SUM(CASE WHEN kind = 'followup' THEN hit ELSE 0 END) AS followup_hits,
    SUM(CASE WHEN kind = 'action' THEN 1 ELSE 0 END) AS logged_count,
    -- a contact logged after asOf was not yet logged as of asOf
    SUM(CASE WHEN kind = 'action' AND hit = 1 AND extra <= to_ms THEN 1 ELSE 0 END) AS logged_hits,
    SUM(CASE WHEN kind = 'intent' THEN 1 ELSE 0 END) AS intent,
    SUM(CASE WHEN kind = 'applied' THEN 1 ELSE 0 END) AS applications,
    SUM(CASE WHEN kind = 'converted' THEN 1 ELSE 0 END) AS conversions,
    SUM(CASE WHEN kind = 'converted' THEN extra ELSE 0 END) AS amount_fen
  FROM scoped
  GROUP BY unit_id, w
)
SELECT u.id AS unit_id, w.w AS w,
  COALESCE(s.assigned, 0) AS assigned,
  CASE WHEN COALESCE(s.claim_count, 0) = 0 THEN NULL ELSE CAST(s.claim_hits AS DOUBLE) / s.claim_count END AS claim_rate,
  COALESCE(s.contacted, 0) AS contacted,
  COALESCE(s.conversations, 0) AS conversations,
  COALESCE(s.visits, 0) AS visits,
  CASE WHEN COALESCE(s.followup_count, 0) = 0 THEN NULL
       ELSE CAST(s.followup_hits AS DOUBLE) / s.followup_count END AS followup_rate,
  CASE WHEN COALESCE(s.logged_count, 0) = 0 THEN NULL
       ELSE CAST(s.logged_hits AS DOUBLE) / s.logged_count END AS logged_rate,
  COALESCE(s.intent, 0) AS intent,
  COALESCE(s.applications, 0) AS applications,
  COALESCE(s.conversions, 0) AS conversions,
  COALESCE(s.amount_fen, 0) AS amount_fen
FROM units u
CROSS JOIN windows w
LEFT JOIN sums s ON s.unit_id = u.id AND s.w = w.w
ORDER BY u.tree_ord, w.w;
