-- Supplied indicators (DESIGN "Supplied indicators"; docs/supplied-indicators.md) for each unit (the scope itself,
-- its child orgs or the managers of a level under it), from the bank's daily table supplied_daily:
--   a flow: the sum of its daily figures over the current window [period start, asOf's day] and the previous one;
--   a balance: each manager's latest end-of-day balance on or before a point, summed over the unit's managers, at
--   three points: asOf's day (current), the same point of the previous period (previous) and the day before the
--   period starts, or asOf's day when that is earlier (opening).
-- No row in a window, or before a point, for any of the unit's managers: no row here (the value is missing).
-- Parameters: $unit, $mode and $level (as in indicators.sql), $start_day, $as_of_day, $prev_from_day,
-- $prev_to_day, $opening_day (days: local calendar days since 1970-01-01, as calendar.day).
WITH units AS (
  -- @include parts/units.sql
),
scoped AS (
  SELECT u.id AS unit_id, s.manager_id AS manager_id, s.indicator AS indicator, s.day AS day, s.value AS value,
         k.measure AS measure
  FROM units u
  JOIN org_manager om ON om.org_id = u.id
  JOIN supplied_daily s ON s.manager_id = om.manager_id
  JOIN catalogue k ON k.id = s.indicator
  WHERE s.day <= GREATEST($as_of_day, $prev_to_day)
),
points AS (
  SELECT 'current' AS w, $as_of_day AS point_day
  UNION ALL SELECT 'previous', $prev_to_day
  UNION ALL SELECT 'opening', $opening_day
),
balances AS (
  -- a cross join and a filter rather than a range join: every engine plans it the same way
  SELECT sc.unit_id AS unit_id, p.w AS w, sc.indicator AS indicator, sc.value AS value,
    ROW_NUMBER() OVER (PARTITION BY sc.unit_id, p.w, sc.manager_id, sc.indicator ORDER BY sc.day DESC) AS latest
  FROM scoped sc CROSS JOIN points p
  WHERE sc.measure = 'balance' AND sc.day <= p.point_day
),
flows AS (
  SELECT unit_id, indicator, value,
    CASE WHEN day >= $start_day AND day <= $as_of_day THEN 'current'
         WHEN day >= $prev_from_day AND day <= $prev_to_day THEN 'previous' END AS w
  FROM scoped
  WHERE measure = 'flow'
)
SELECT unit_id, w, indicator, SUM(value) AS value FROM balances WHERE latest = 1 GROUP BY unit_id, w, indicator
UNION ALL
SELECT unit_id, w, indicator, SUM(value) AS value FROM flows WHERE w IS NOT NULL GROUP BY unit_id, w, indicator;
