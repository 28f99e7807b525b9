-- Badge conditions of the managers of a board, as of asOf (a badge is earned when its condition first holds and
-- is kept): first conversion ever; 100 first contacts within the pilot; champion = rank 1 in points (ties share
-- it, nobody wins without points) among the managers of the same branch for a week or month completed by asOf.
-- The 7-day streak badge comes from streaks.sql.
-- Parameters: $unit, $level, $as_of_ms, $as_of_day, $complete_by_day (last day whose end asOf has reached),
-- $pilot_from_ms, $pilot_to_ms, and the point weights as in points.sql.
WITH units AS (
  SELECT o.id FROM org o
  WHERE o.level = 'manager' AND o.level = $level
    AND o.id IN (SELECT a.node_id FROM org_ancestor a WHERE a.ancestor_id = $unit)
),
milestones AS (
  SELECT u.id AS manager_id,
    SUM(CASE WHEN f.kind = 'converted' AND f.at_ms <= $as_of_ms THEN 1 ELSE 0 END) AS conversions,
    SUM(CASE WHEN f.kind = 'contacted' AND f.at_ms >= $pilot_from_ms AND f.at_ms <= $pilot_to_ms THEN 1 ELSE 0 END)
      AS pilot_contacts
  FROM units u JOIN facts f ON f.manager_id = u.id
  WHERE f.kind IN ('converted', 'contacted')
  GROUP BY u.id
),
scored AS (
  SELECT f.manager_id AS manager_id, c.week_start AS week_start, c.week_end AS week_end,
    c.month_start AS month_start, c.month_end AS month_end,
    CASE f.kind
      WHEN 'contacted' THEN $p_first_contact
      WHEN 'conversation' THEN $p_conversation
      WHEN 'visit' THEN $p_visit
      WHEN 'intent' THEN $p_first_intent
      WHEN 'applied' THEN $p_first_application
      WHEN 'converted' THEN $p_first_conversion
      ELSE $p_timely_followup
    END AS points
  FROM facts f JOIN calendar c ON c.day = f.day
  WHERE f.kind IN ('contacted', 'conversation', 'visit', 'intent', 'applied', 'converted', 'timely')
),
period_points AS (
  SELECT manager_id, 'week' AS kind, week_start AS period_start, SUM(points) AS points
  FROM scored WHERE week_end <= $complete_by_day AND week_start <= $as_of_day
  GROUP BY manager_id, week_start
  UNION ALL
  SELECT manager_id, 'month', month_start, SUM(points)
  FROM scored WHERE month_end <= $complete_by_day AND month_start <= $as_of_day
  GROUP BY manager_id, month_start
),
contests AS (
  SELECT DISTINCT m.contest_id AS contest_id FROM manager m JOIN units u ON u.id = m.manager_id
),
best AS (
  SELECT c.contest_id AS contest_id, p.kind AS kind, p.period_start AS period_start, MAX(p.points) AS best
  FROM contests c
  JOIN org_manager om ON om.org_id = c.contest_id
  JOIN period_points p ON p.manager_id = om.manager_id
  GROUP BY c.contest_id, p.kind, p.period_start
),
champions AS (
  SELECT p.manager_id AS manager_id,
    MAX(CASE WHEN p.kind = 'week' THEN 1 ELSE 0 END) AS week,
    MAX(CASE WHEN p.kind = 'month' THEN 1 ELSE 0 END) AS month
  FROM units u
  JOIN manager m ON m.manager_id = u.id
  JOIN period_points p ON p.manager_id = u.id
  JOIN best b ON b.contest_id = m.contest_id AND b.kind = p.kind AND b.period_start = p.period_start
  WHERE b.best > 0 AND p.points = b.best
  GROUP BY p.manager_id
)
SELECT u.id AS manager_id,
  CASE WHEN COALESCE(s.conversions, 0) > 0 THEN 1 ELSE 0 END AS first_conversion,
  CASE WHEN COALESCE(s.pilot_contacts, 0) >= 100 THEN 1 ELSE 0 END AS contacts_100,
  COALESCE(c.week, 0) AS champion_week,
  COALESCE(c.month, 0) AS champion_month
FROM units u
LEFT JOIN milestones s ON s.manager_id = u.id
LEFT JOIN champions c ON c.manager_id = u.id;
