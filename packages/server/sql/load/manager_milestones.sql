-- The instants each manager earned the two milestone badges, found once at load: the first conversion ever, and
-- the 100th first contact from the pilot's first day on. A badge is earned when its condition first holds and is
-- kept, so badges.sql only compares these with asOf (and the 100th contact with the pilot's last instant) instead
-- of counting every fact of the board's managers on every request. The pilot's first day never changes with a
-- refresh (a new day extends only its end). Rebuilt whenever facts are.
-- Parameters: $pilot_from_ms (the pilot's first instant; far in the past without a pilot).
CREATE TABLE manager_milestones AS
WITH numbered AS (
  SELECT f.manager_id AS manager_id, f.kind AS kind, f.at_ms AS at_ms,
    ROW_NUMBER() OVER (PARTITION BY f.manager_id, f.kind ORDER BY f.at_ms) AS nth
  FROM facts f
  WHERE f.kind = 'converted' OR (f.kind = 'contacted' AND f.at_ms >= $pilot_from_ms)
)
SELECT manager_id,
  MIN(CASE WHEN kind = 'converted' THEN at_ms END) AS first_conversion_ms,
  MIN(CASE WHEN kind = 'contacted' AND nth = 100 THEN at_ms END) AS contacts_100_ms
FROM numbered
GROUP BY manager_id;
