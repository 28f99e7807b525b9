-- Reads raw event rows into epoch milliseconds and bank-local day numbers.
-- PORTABILITY EXCEPTION (the only one in the queries): turning an ISO 8601 text into epoch milliseconds is
-- dialect-specific, so it is written as three named fragments that src/dialect.ts spells per engine:
-- has_offset (the text ends in Z or +hh:mm), instant_ms (epoch ms, offset read from the text) and wall_ms (a text
-- without offset read as UTC wall time). A warehouse usually stores the event time as a timestamp already.
-- Parameters: $offset_ms (bank zone offset).
CREATE TABLE events AS
WITH parsed AS (
  -- a time without offset is bank time (as in the TypeScript engine)
  SELECT seq,
         CASE WHEN {{has_offset}} THEN {{instant_ms}} ELSE {{wall_ms}} - $offset_ms END AS at_ms,
         type, lead_id, manager_id,
         COALESCE(customer_id, lead_id) AS customer_id,
         CASE WHEN grid_id = '' THEN NULL ELSE grid_id END AS grid_id,
         amount
  FROM events_raw
  WHERE type IN ('assigned', 'claimed', 'contacted', 'conversation', 'visited', 'followup', 'logged', 'intent',
                 'applied', 'converted')
    AND lead_id IS NOT NULL AND manager_id IS NOT NULL
)
SELECT seq, at_ms, CAST(FLOOR((at_ms + $offset_ms) / 86400000.0) AS INTEGER) AS day, type, lead_id, manager_id,
       customer_id, grid_id, amount
FROM parsed
WHERE at_ms IS NOT NULL;
