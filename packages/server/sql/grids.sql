-- The grids with at least one manager under the org (the bank node: every grid, assigned or not), in the order
-- the grid data lists them.
-- Parameters: $unit.
SELECT g.grid_id
FROM grid g
WHERE g.grid_id IN (
  SELECT gm.grid_id FROM grid_manager gm JOIN org_manager om ON om.manager_id = gm.manager_id WHERE om.org_id = $unit
) OR EXISTS (SELECT 1 FROM org o WHERE o.id = $unit AND o.level = 'bank')
ORDER BY g.ord;
