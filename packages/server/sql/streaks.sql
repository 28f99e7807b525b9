-- Streaks of the managers of a board: consecutive working days ending at asOf on which the manager recorded a
-- contact, conversation or visit. Weekends and holidays neither count nor break a streak; today counts only once
-- it has an action (until then the streak runs to the previous working day). `longest` is the longest such run up
-- to asOf (the 7-day streak badge). Gaps and islands over working-day ordinals, window functions only.
-- Parameters: $unit, $level, $as_of_ms, $as_of_day.
WITH units AS (
  SELECT o.id FROM org o
  WHERE o.level = 'manager' AND o.level = $level
    AND o.id IN (SELECT a.node_id FROM org_ancestor a WHERE a.ancestor_id = $unit)
),
days AS (
  SELECT day, working_ord FROM calendar WHERE working AND day <= $as_of_day
),
acted AS (
  SELECT DISTINCT f.manager_id AS manager_id, f.day AS day
  FROM facts f JOIN units u ON u.id = f.manager_id
  WHERE f.kind = 'action' AND f.at_ms <= $as_of_ms
),
ranked AS (
  SELECT u.id AS manager_id, d.day AS day,
         ROW_NUMBER() OVER (PARTITION BY u.id ORDER BY d.day DESC) AS r,
         CASE WHEN a.manager_id IS NULL THEN 0 ELSE 1 END AS has_action
  FROM units u
  CROSS JOIN days d
  LEFT JOIN acted a ON a.manager_id = u.id AND a.day = d.day
),
today AS (
  SELECT manager_id, MAX(CASE WHEN r = 1 AND day = $as_of_day AND has_action = 0 THEN 1 ELSE 0 END) AS skip
  FROM ranked GROUP BY manager_id
),
first_miss AS (
  SELECT k.manager_id AS manager_id, t.skip AS skip, MIN(CASE WHEN k.has_action = 0 AND k.r > t.skip THEN k.r END) AS miss,
         MAX(k.r) AS last_r
  FROM ranked k JOIN today t ON t.manager_id = k.manager_id
  GROUP BY k.manager_id, t.skip
),
islands AS (
  SELECT a.manager_id AS manager_id, d.working_ord - ROW_NUMBER() OVER (PARTITION BY a.manager_id ORDER BY d.working_ord) AS island
  FROM acted a JOIN days d ON d.day = a.day
),
longest AS (
  SELECT manager_id, MAX(run) AS longest
  FROM (SELECT manager_id, island, COUNT(*) AS run FROM islands GROUP BY manager_id, island) runs
  GROUP BY manager_id
)
SELECT u.id AS manager_id,
       COALESCE(COALESCE(m.miss, m.last_r + 1) - 1 - m.skip, 0) AS streak,
       COALESCE(l.longest, 0) AS longest
FROM units u
LEFT JOIN first_miss m ON m.manager_id = u.id
LEFT JOIN longest l ON l.manager_id = u.id;
