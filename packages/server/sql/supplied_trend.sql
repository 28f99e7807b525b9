-- The sparkline of each supplied indicator for each unit (docs/supplied-indicators.md; units as in
-- indicator_trend.sql), in its buckets (days from the period start, or Monday-start weeks for spans over 92 days),
-- up to asOf's day:
--   a flow: the sum of its daily figures in each bucket (no row: no bucket here, the value is missing);
--   a balance: per manager, the latest end-of-day balance in each bucket, and the latest before the period
--   (bucket -1). The caller carries a manager's balance forward into buckets where it has no row and sums the
--   managers: the scope's balance at each bucket's last day, as engine/supplied.ts reads it.
-- The result's `figure` is not called `measure`: ClickHouse reads a select alias in every WHERE of the query.
-- Parameters: $unit, $mode, $level, $daily (1 | 0), $start_day, $first_week (Monday on or before the period start),
-- $as_of_day.
WITH units AS (
  -- @include parts/units.sql
),
scoped AS (
  SELECT u.id AS unit_id, s.manager_id AS manager_id, s.indicator AS indicator, s.day AS day, s.value AS value,
    k.measure AS measure,
    CASE WHEN s.day < $start_day THEN -1
         WHEN $daily = 1 THEN s.day - $start_day
         ELSE CAST(FLOOR((s.day - $first_week) / 7.0) AS INTEGER) END AS bucket
  FROM units u
  JOIN org_manager om ON om.org_id = u.id
  JOIN supplied_daily s ON s.manager_id = om.manager_id
  JOIN catalogue k ON k.id = s.indicator
  WHERE s.day <= $as_of_day
),
latest AS (
  SELECT unit_id, manager_id, indicator, bucket, value,
    ROW_NUMBER() OVER (PARTITION BY unit_id, manager_id, indicator, bucket ORDER BY day DESC) AS nth
  FROM scoped
  WHERE measure = 'balance'
)
SELECT 'balance' AS figure, unit_id, manager_id, indicator, bucket, value FROM latest WHERE nth = 1
UNION ALL
SELECT 'flow' AS figure, unit_id, '' AS manager_id, indicator, bucket, SUM(value) AS value
FROM scoped
WHERE measure = 'flow' AND bucket >= 0
GROUP BY unit_id, indicator, bucket;
