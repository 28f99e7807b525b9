-- "First X of a lead" (Definitions): the earliest event of each type per lead, and the grid its first
-- assignment named (coverage's open leads belong to that grid).
CREATE TABLE lead_firsts AS
WITH first_assigned AS (
  SELECT lead_id, grid_id,
         ROW_NUMBER() OVER (PARTITION BY lead_id ORDER BY at_ms, seq) AS rn
  FROM events
  WHERE type = 'assigned'
)
SELECT e.lead_id,
       MIN(CASE WHEN e.type = 'assigned' THEN e.at_ms END) AS assigned_ms,
       MIN(CASE WHEN e.type = 'claimed' THEN e.at_ms END) AS claimed_ms,
       MIN(CASE WHEN e.type = 'contacted' THEN e.at_ms END) AS contacted_ms,
       MIN(CASE WHEN e.type = 'conversation' THEN e.at_ms END) AS conversation_ms,
       MIN(CASE WHEN e.type = 'visited' THEN e.at_ms END) AS visited_ms,
       MIN(CASE WHEN e.type = 'followup' THEN e.at_ms END) AS followup_ms,
       MIN(CASE WHEN e.type = 'logged' THEN e.at_ms END) AS logged_ms,
       MIN(CASE WHEN e.type = 'intent' THEN e.at_ms END) AS intent_ms,
       MIN(CASE WHEN e.type = 'applied' THEN e.at_ms END) AS applied_ms,
       MIN(CASE WHEN e.type = 'converted' THEN e.at_ms END) AS converted_ms,
       MIN(a.grid_id) AS assigned_grid_id
FROM events e
LEFT JOIN first_assigned a ON a.lead_id = e.lead_id AND a.rn = 1
GROUP BY e.lead_id;
