-- The grids with at least one manager under the org, in the order the grid data lists them.
-- Parameters: $unit.
SELECT g.grid_id
FROM grid g
WHERE g.grid_id IN (
  SELECT gm.grid_id FROM grid_manager gm JOIN org_manager om ON om.manager_id = gm.manager_id WHERE om.org_id = $unit
)
ORDER BY g.ord;
