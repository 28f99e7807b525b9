-- One row per countable fact of the Definitions, dated by the instant it counts at, so that every indicator
-- of any scope and window is a filter and a sum over this table:
--   assigned      a lead's first `assigned`;           hit = claimed within the claim SLA (claim_rate)
--   contacted     a lead's first `contacted`
--   followup      a first contact, dated at its SLA deadline; hit = a followup/conversation/visit after the
--                 contact and by the deadline (followup_rate counts leads whose deadline falls in the window)
--   conversation  every `conversation`;  visit: every `visited`
--   action        every contacted/conversation/visited; extra = the lead's first `logged` at or after it,
--                 hit = that `logged` within the logging SLA (logged_rate; coverage's reached customers)
--   intent, applied, converted   a lead's first of each; converted extra = its amount in fen
--   timely        the first timely follow-up event of a lead (a point in the default scheme)
-- Parameters: $claim_ms, $followup_ms, $logged_ms (SLAs in milliseconds), $offset_ms (bank zone offset).
CREATE TABLE facts AS
WITH firsts AS (
  SELECT e.*, ROW_NUMBER() OVER (PARTITION BY lead_id, type ORDER BY at_ms, seq) AS rn
  FROM events e
  WHERE type IN ('assigned', 'contacted', 'intent', 'applied', 'converted')
),
first_contact AS (
  SELECT lead_id, manager_id, at_ms, at_ms + $followup_ms AS deadline_ms FROM firsts WHERE type = 'contacted' AND rn = 1
),
timely_ranked AS (
  SELECT e.lead_id, e.manager_id, e.at_ms, e.day,
         ROW_NUMBER() OVER (PARTITION BY e.lead_id ORDER BY e.at_ms, e.seq) AS rn
  FROM events e
  JOIN first_contact c ON c.lead_id = e.lead_id
  WHERE e.type IN ('followup', 'conversation', 'visited')
    AND e.at_ms > c.at_ms AND e.at_ms <= c.deadline_ms
),
timely AS (
  SELECT lead_id, manager_id, at_ms, day FROM timely_ranked WHERE rn = 1
),
actions AS (
  SELECT seq, lead_id, manager_id, at_ms, day, customer_id, grid_id FROM events
  WHERE type IN ('contacted', 'conversation', 'visited')
),
action_logged AS (
  SELECT a.seq, MIN(l.at_ms) AS logged_ms
  FROM actions a
  JOIN events l ON l.lead_id = a.lead_id AND l.type = 'logged' AND l.at_ms >= a.at_ms
  GROUP BY a.seq
)
SELECT 'assigned' AS kind, f.manager_id, f.lead_id, f.at_ms, f.day,
       CASE WHEN lf.claimed_ms - f.at_ms <= $claim_ms THEN 1 ELSE 0 END AS hit,
       CAST(NULL AS DOUBLE) AS extra, CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS VARCHAR) AS grid_id
FROM firsts f JOIN lead_firsts lf ON lf.lead_id = f.lead_id
WHERE f.type = 'assigned' AND f.rn = 1
UNION ALL
SELECT CASE type WHEN 'contacted' THEN 'contacted' WHEN 'intent' THEN 'intent' WHEN 'applied' THEN 'applied'
                 ELSE 'converted' END,
       manager_id, lead_id, at_ms, day, 0,
       CASE WHEN type = 'converted' THEN COALESCE(FLOOR(amount * 100 + 0.5), 0) END, NULL, NULL
FROM firsts
WHERE type IN ('contacted', 'intent', 'applied', 'converted') AND rn = 1
UNION ALL
SELECT 'followup', c.manager_id, c.lead_id, c.deadline_ms,
       CAST(FLOOR((c.deadline_ms + $offset_ms) / 86400000.0) AS INTEGER),
       CASE WHEN t.lead_id IS NULL THEN 0 ELSE 1 END, NULL, NULL, NULL
FROM first_contact c LEFT JOIN timely t ON t.lead_id = c.lead_id
UNION ALL
SELECT CASE type WHEN 'conversation' THEN 'conversation' ELSE 'visit' END, manager_id, lead_id, at_ms, day, 0,
       NULL, NULL, NULL
FROM events WHERE type IN ('conversation', 'visited')
UNION ALL
SELECT 'action', a.manager_id, a.lead_id, a.at_ms, a.day,
       CASE WHEN l.logged_ms - a.at_ms <= $logged_ms THEN 1 ELSE 0 END, CAST(l.logged_ms AS DOUBLE), a.customer_id,
       a.grid_id
FROM actions a LEFT JOIN action_logged l ON l.seq = a.seq
UNION ALL
SELECT 'timely', manager_id, lead_id, at_ms, day, 0, NULL, NULL, NULL FROM timely
-- stored by manager then time: a scope's managers are a few contiguous blocks (DuckDB pushes the join's min/max
-- manager down to the scan; a warehouse clusters by manager_id and partitions by day)
ORDER BY manager_id, at_ms;
