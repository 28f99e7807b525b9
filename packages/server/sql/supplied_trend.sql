-- The sparkline of each supplied indicator for one scope (docs/supplied-indicators.md), in the buckets of
-- indicator_trend.sql (days from the period start, or Monday-start weeks for spans over 92 days), up to asOf's day:
--   a flow: the sum of its daily figures in each bucket (no row: no bucket here, the value is missing);
--   a balance: per manager, the latest end-of-day balance in each bucket, and the latest before the period
--   (bucket -1). The caller carries a manager's balance forward into buckets where it has no row and sums the
--   managers: the scope's balance at each bucket's last day, as engine/supplied.ts reads it.
-- The result's `figure` is not called `measure`: ClickHouse reads a select alias in every WHERE of the query.
-- Parameters: $unit, $daily (1 | 0), $start_day, $first_week (Monday on or before the period start), $as_of_day.
WITH scoped AS (
  SELECT s.manager_id AS manager_id, s.indicator AS indicator, s.day AS day, s.value AS value, k.measure AS measure,
    CASE WHEN s.day < $start_day THEN -1
         WHEN $daily = 1 THEN s.day - $start_day
         ELSE CAST(FLOOR((s.day - $first_week) / 7.0) AS INTEGER) END AS bucket
  FROM org_manager om
  JOIN supplied_daily s ON s.manager_id = om.manager_id
  JOIN catalogue k ON k.id = s.indicator
  WHERE om.org_id = $unit AND s.day <= $as_of_day
),
ranked AS (
  -- balances and flows from one read of scoped (ClickHouse and Spark plan a CTE anew at each reference): a flow's
  -- rows all count (summed over the scope's managers), a balance's latest row per manager and bucket
  SELECT measure, indicator, bucket, value,
    CASE WHEN measure = 'balance' THEN manager_id ELSE '' END AS owner_id,
    ROW_NUMBER() OVER (PARTITION BY manager_id, indicator, bucket ORDER BY day DESC) AS nth
  FROM scoped
)
SELECT measure AS figure, owner_id AS manager_id, indicator, bucket, SUM(value) AS value
FROM ranked
WHERE (measure = 'balance' AND nth = 1) OR (measure = 'flow' AND bucket >= 0)
GROUP BY measure, owner_id, indicator, bucket;
