-- Points of the scheme (default: first contact 1, each conversation 1, each visit 3, first intent 5, first
-- application 8, first conversion 20, +1 per timely follow-up) per unit, current and previous window, each fact
-- dated by its own event.
-- Parameters: $unit, $mode, $level, $from_ms, $to_ms, $prev_from_ms, $prev_to_ms, and the weights $p_first_contact,
-- $p_conversation, $p_visit, $p_first_intent, $p_first_application, $p_first_conversion, $p_timely_followup.
WITH units AS (
  -- @include parts/units.sql
),
windows AS (
  SELECT 'current' AS w, $from_ms AS from_ms, $to_ms AS to_ms
  UNION ALL
  SELECT 'previous', $prev_from_ms, $prev_to_ms
),
placed AS (
  -- the previous window always ends before the current one starts: a CASE, not a range join, keeps the scan prunable
  SELECT u.id AS unit_id, f.kind,
    CASE WHEN f.at_ms >= $from_ms AND f.at_ms <= $to_ms THEN 'current'
         WHEN f.at_ms >= $prev_from_ms AND f.at_ms <= $prev_to_ms THEN 'previous' END AS w
  FROM units u
  JOIN org_manager om ON om.org_id = u.id
  JOIN facts f ON f.manager_id = om.manager_id
  WHERE f.at_ms >= LEAST($from_ms, $prev_from_ms) AND f.at_ms <= GREATEST($to_ms, $prev_to_ms)
    AND f.kind IN ('contacted', 'conversation', 'visit', 'intent', 'applied', 'converted', 'timely')
),
sums AS (
  SELECT unit_id, w,
    SUM(CASE WHEN kind = 'contacted' THEN 1 ELSE 0 END) * $p_first_contact AS first_contact,
    SUM(CASE WHEN kind = 'conversation' THEN 1 ELSE 0 END) * $p_conversation AS conversation,
    SUM(CASE WHEN kind = 'visit' THEN 1 ELSE 0 END) * $p_visit AS visit,
    SUM(CASE WHEN kind = 'intent' THEN 1 ELSE 0 END) * $p_first_intent AS first_intent,
    SUM(CASE WHEN kind = 'applied' THEN 1 ELSE 0 END) * $p_first_application AS first_application,
    SUM(CASE WHEN kind = 'converted' THEN 1 ELSE 0 END) * $p_first_conversion AS first_conversion,
    SUM(CASE WHEN kind = 'timely' THEN 1 ELSE 0 END) * $p_timely_followup AS timely_followup
  FROM placed
  WHERE w IS NOT NULL
  GROUP BY unit_id, w
)
SELECT u.id AS unit_id, w.w AS w,
  COALESCE(s.first_contact, 0) AS first_contact, COALESCE(s.conversation, 0) AS conversation,
  COALESCE(s.visit, 0) AS visit, COALESCE(s.first_intent, 0) AS first_intent,
  COALESCE(s.first_application, 0) AS first_application, COALESCE(s.first_conversion, 0) AS first_conversion,
  COALESCE(s.timely_followup, 0) AS timely_followup
FROM units u
CROSS JOIN windows w
LEFT JOIN sums s ON s.unit_id = u.id AND s.w = w.w
ORDER BY u.tree_ord, w.w;
