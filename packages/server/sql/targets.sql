-- Given figures per unit and indicator, each of the two kinds (figure 'target', and 'baseline': the time before the
-- pilot) on its own: the unit's own for the period, else its nearest ancestor's that gives one. A count inherited
-- from an org is shared evenly among that org's managers (an org below it gets its managers' share); a fraction
-- applies as it is. Rounded to fen-like 2 decimals.
-- Parameters: $unit, $mode, $level (as in indicators.sql), $period, $start ('YYYY-MM-DD'), $indicator ('' = all).
WITH asked AS (
  SELECT t.org, t.indicator, t.target, t.baseline
  FROM targets t
  WHERE t.period = $period AND t.start = $start AND ($indicator = '' OR t.indicator = $indicator)
),
given AS (
  SELECT a.org AS org, a.indicator AS indicator, 'target' AS figure, a.target AS amount FROM asked a
  UNION ALL
  SELECT a.org, a.indicator, 'baseline', a.baseline FROM asked a WHERE a.baseline IS NOT NULL
),
units AS (
  -- @include parts/units.sql
),
candidates AS (
  SELECT u.id AS unit_id, u.level AS level, u.tree_managers AS unit_managers, g.indicator AS indicator,
         g.figure AS figure, g.amount AS amount, a.depth AS depth,
         anc.tree_managers AS ancestor_managers,
         ROW_NUMBER() OVER (PARTITION BY u.id, g.indicator, g.figure ORDER BY a.depth) AS nearest
  FROM units u
  JOIN org_ancestor a ON a.node_id = u.id
  JOIN org anc ON anc.id = a.ancestor_id
  JOIN given g ON g.org = a.ancestor_id
)
SELECT c.unit_id, c.indicator, c.figure,
  CASE
    WHEN c.depth = 0 THEN c.amount
    WHEN COALESCE(k.unit, 'count') = 'fraction' THEN c.amount
    WHEN c.ancestor_managers = 0 THEN NULL
    ELSE FLOOR(c.amount * (CASE WHEN c.level = 'manager' THEN 1 ELSE c.unit_managers END)
               / c.ancestor_managers * 100 + 0.5) / 100
  END AS amount
FROM candidates c
LEFT JOIN catalogue k ON k.id = c.indicator
WHERE c.nearest = 1;
