-- Coverage of each grid with a manager in the scope: covered = distinct customers of the grid reached by a
-- contact, conversation or visit in the window, capped at the households (the denominator; a stale household
-- count reads as full); open leads = leads first assigned to the grid by asOf and not converted by then.
-- The bank node also owns the grids nobody is assigned to yet.
-- Parameters: $unit, $from_ms, $to_ms.
WITH in_scope AS (
  SELECT DISTINCT gm.grid_id
  FROM grid_manager gm JOIN org_manager om ON om.manager_id = gm.manager_id
  WHERE om.org_id = $unit
  UNION
  SELECT g.grid_id FROM grid g JOIN org o ON o.id = $unit AND o.level = 'bank'
),
reached AS (
  SELECT f.grid_id, COUNT(DISTINCT f.customer_id) AS customers
  FROM facts f JOIN in_scope s ON s.grid_id = f.grid_id
  WHERE f.kind = 'action' AND f.at_ms >= $from_ms AND f.at_ms <= $to_ms
  GROUP BY f.grid_id
),
open_leads AS (
  SELECT lf.assigned_grid_id AS grid_id, COUNT(*) AS leads
  FROM lead_firsts lf JOIN in_scope s ON s.grid_id = lf.assigned_grid_id
  WHERE lf.assigned_ms <= $to_ms AND (lf.converted_ms IS NULL OR lf.converted_ms > $to_ms)
  GROUP BY lf.assigned_grid_id
)
SELECT g.grid_id AS grid_id, g.name AS name, g.households AS households,
  LEAST(CAST(COALESCE(r.customers, 0) AS DOUBLE), g.households) AS covered,
  COALESCE(o.leads, 0) AS open_leads
FROM grid g
JOIN in_scope s ON s.grid_id = g.grid_id
LEFT JOIN reached r ON r.grid_id = g.grid_id
LEFT JOIN open_leads o ON o.grid_id = g.grid_id
ORDER BY g.ord;
