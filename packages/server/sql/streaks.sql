-- Streaks of the managers of a board: consecutive working days ending at asOf on which the manager recorded a
-- contact, conversation or visit. Weekends and holidays neither count nor break a streak; today counts only once
-- it has an action (until then the streak runs to the previous working day). `longest` is the longest such run up
-- to asOf (the 7-day streak badge). Gaps and islands: the load step numbers each manager's acted working days
-- into islands (load/manager_days.sql); the streak is the run that ends on the last working day by asOf (or, today
-- not yet acted on, the one before it).
-- Parameters: $unit, $mode (level), $level (manager), $as_of_ms, $as_of_day.
WITH units AS (
  -- @include parts/units.sql
),
last_day AS (
  SELECT MAX(working_ord) AS last_ord, MAX(CASE WHEN day = $as_of_day THEN 1 ELSE 0 END) AS today_working
  FROM calendar WHERE working AND day <= $as_of_day
),
runs AS (
  SELECT md.manager_id AS manager_id, md.island AS island, COUNT(*) AS run, MAX(md.working_ord) AS end_ord
  FROM manager_days md JOIN units u ON u.id = md.manager_id
  WHERE md.first_action_ms <= $as_of_ms
  GROUP BY md.manager_id, md.island
),
summary AS (
  SELECT r.manager_id AS manager_id, MAX(r.run) AS longest,
         MAX(CASE WHEN r.end_ord = l.last_ord OR (l.today_working = 1 AND r.end_ord = l.last_ord - 1) THEN r.run
                  ELSE 0 END) AS streak
  FROM runs r CROSS JOIN last_day l
  GROUP BY r.manager_id
)
SELECT u.id AS manager_id, COALESCE(s.streak, 0) AS streak, COALESCE(s.longest, 0) AS longest
FROM units u
LEFT JOIN summary s ON s.manager_id = u.id;
