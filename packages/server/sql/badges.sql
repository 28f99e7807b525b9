-- Badge conditions of the managers of a board, as of asOf (a badge is earned when its condition first holds and
-- is kept): first conversion ever; 100 first contacts within the pilot; champion = rank 1 in points (ties share
-- it, nobody wins without points) among the managers of the same branch for a week or month completed by asOf.
-- The 7-day streak badge comes from streaks.sql.
-- When each manager reached the two milestones, points per week and month, and each contest's best of them come
-- from the load step (load/manager_milestones.sql, load/period_points.sql, load/contest_best.sql).
-- Parameters: $unit, $mode (level), $level (manager), $as_of_ms, $as_of_day, $complete_by_day (last day whose
-- end asOf has reached), $pilot_to_ms (the pilot's last instant, or asOf if that is earlier).
WITH units AS (
  -- @include parts/units.sql
),
completed AS (
  SELECT manager_id, kind, period_start, points
  FROM period_points WHERE period_end <= $complete_by_day AND period_start <= $as_of_day
),
champions AS (
  SELECT p.manager_id AS manager_id,
    MAX(CASE WHEN p.kind = 'week' THEN 1 ELSE 0 END) AS week,
    MAX(CASE WHEN p.kind = 'month' THEN 1 ELSE 0 END) AS month
  FROM units u
  JOIN manager m ON m.manager_id = u.id
  JOIN completed p ON p.manager_id = u.id
  JOIN contest_best b ON b.contest_id = m.contest_id AND b.kind = p.kind AND b.period_start = p.period_start
  WHERE b.best > 0 AND p.points = b.best
  GROUP BY p.manager_id
)
SELECT u.id AS manager_id,
  CASE WHEN s.first_conversion_ms <= $as_of_ms THEN 1 ELSE 0 END AS first_conversion,
  CASE WHEN s.contacts_100_ms <= $pilot_to_ms THEN 1 ELSE 0 END AS contacts_100,
  COALESCE(c.week, 0) AS champion_week,
  COALESCE(c.month, 0) AS champion_month
FROM units u
LEFT JOIN manager_milestones s ON s.manager_id = u.id
LEFT JOIN champions c ON c.manager_id = u.id;
