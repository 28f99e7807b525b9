-- The working days each manager acted on (a contact, conversation or visit), with the first such action's time
-- and its island: working-day ordinal minus the day's rank among the manager's acted days. Consecutive working
-- days share an island, and cutting the list at any asOf leaves the earlier rows' islands as they are, so
-- streaks.sql only filters and counts per request instead of ranking every acted day of every manager.
-- Rebuilt whenever facts are.
CREATE TABLE manager_days AS
WITH acted AS (
  SELECT f.manager_id AS manager_id, f.day AS day, MIN(f.at_ms) AS first_action_ms
  FROM facts f
  WHERE f.kind = 'action'
  GROUP BY f.manager_id, f.day
)
SELECT a.manager_id AS manager_id, a.day AS day, c.working_ord AS working_ord, a.first_action_ms AS first_action_ms,
       c.working_ord - ROW_NUMBER() OVER (PARTITION BY a.manager_id ORDER BY c.working_ord) AS island
FROM acted a JOIN calendar c ON c.day = a.day
WHERE c.working
ORDER BY manager_id, day;
