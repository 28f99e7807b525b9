-- Targets per unit and indicator: the unit's own target for the period, else its nearest ancestor's. A count
-- inherited from an org is shared evenly among that org's managers (an org below it gets its managers' share);
-- a fraction applies as it is. Rounded to fen-like 2 decimals.
-- Parameters: $unit, $mode, $level (as in indicators.sql), $period, $start ('YYYY-MM-DD'), $indicator ('' = all).
WITH units AS (
  SELECT o.id, o.level, o.tree_managers FROM org o
  WHERE ($mode = 'self' AND o.id = $unit)
     OR ($mode = 'children' AND o.parent_id = $unit)
     OR ($mode = 'level' AND o.level = $level
         AND o.id IN (SELECT a.node_id FROM org_ancestor a WHERE a.ancestor_id = $unit))
),
candidates AS (
  SELECT u.id AS unit_id, u.level AS level, u.tree_managers AS unit_managers, t.indicator AS indicator,
         t.target AS target, a.depth AS depth,
         anc.tree_managers AS ancestor_managers,
         ROW_NUMBER() OVER (PARTITION BY u.id, t.indicator ORDER BY a.depth) AS nearest
  FROM units u
  JOIN org_ancestor a ON a.node_id = u.id
  JOIN org anc ON anc.id = a.ancestor_id
  JOIN targets t ON t.org = a.ancestor_id AND t.period = $period AND t.start = $start
  WHERE $indicator = '' OR t.indicator = $indicator
)
SELECT c.unit_id, c.indicator,
  CASE
    WHEN c.depth = 0 THEN c.target
    WHEN COALESCE(k.unit, 'count') = 'fraction' THEN c.target
    WHEN c.ancestor_managers = 0 THEN NULL
    ELSE FLOOR(c.target * (CASE WHEN c.level = 'manager' THEN 1 ELSE c.unit_managers END)
               / c.ancestor_managers * 100 + 0.5) / 100
  END AS target
FROM candidates c
LEFT JOIN catalogue k ON k.id = c.indicator
WHERE c.nearest = 1;
