-- Every instant at which a manager's or a grid's data can change a live answer, per owner, in order
-- (src/moments.ts): the times the query files compare asOf with. A fact counts from its at_ms (a follow-up from its
-- deadline); an action's logged_rate hit from its `logged` (extra); a lead in the funnel and the open-overdue lists
-- moves at each of its first events, which belong to the manager its `assigned` fact names. A grid (owner
-- 'grid <id>') covers a customer at each action in it, and holds an open lead from its assignment to its
-- conversion (coverage.sql). Durations the files add to these (claim window, stage SLAs) are the caller's to add.
-- Read once per data version, by the DuckDB warehouse only.
WITH instants AS (
  SELECT manager_id AS owner, at_ms AS t FROM facts
  UNION
  SELECT manager_id, extra FROM facts WHERE kind = 'action' AND extra IS NOT NULL
  UNION
  SELECT f.manager_id,
    UNNEST([lf.assigned_ms, lf.claimed_ms, lf.contacted_ms, lf.conversation_ms, lf.visited_ms, lf.followup_ms,
            lf.logged_ms, lf.intent_ms, lf.applied_ms, lf.converted_ms])
  FROM facts f JOIN lead_firsts lf ON lf.lead_id = f.lead_id
  WHERE f.kind = 'assigned'
  UNION
  SELECT 'grid ' || grid_id, at_ms FROM facts WHERE kind = 'action' AND grid_id IS NOT NULL
  UNION
  SELECT 'grid ' || assigned_grid_id, UNNEST([assigned_ms, converted_ms])
  FROM lead_firsts
  WHERE assigned_grid_id IS NOT NULL
)
SELECT owner, LIST(CAST(t AS DOUBLE) ORDER BY t) AS instants
FROM instants
WHERE t IS NOT NULL
GROUP BY owner;
