-- The units a statement reports on, by $mode: the scope $unit itself ('self'), its child orgs ('children'), the
-- orgs or managers of $level under it ('level'), or the scope with those rows in one statement ('self+children',
-- 'self+level'). One definition for every query that reports per unit; the including file names it `units`.
-- One branch per kind of row rather than one filter joined by OR: an engine that plans with the values bound (as
-- DuckDB does) drops the branches $mode rules out, so asking for one unit no longer scans org_ancestor.
  SELECT o.id, o.tree_ord, o.level, o.tree_managers FROM org o
  WHERE $mode IN ('self', 'self+children', 'self+level') AND o.id = $unit
  UNION ALL
  SELECT o.id, o.tree_ord, o.level, o.tree_managers FROM org o
  WHERE $mode IN ('children', 'self+children') AND o.parent_id = $unit
  UNION ALL
  -- depth 0 is $unit itself, which 'self+level' has from the first branch already
  SELECT o.id, o.tree_ord, o.level, o.tree_managers FROM org_ancestor a JOIN org o ON o.id = a.node_id
  WHERE $mode IN ('level', 'self+level') AND a.ancestor_id = $unit AND o.level = $level
    AND (a.depth > 0 OR $mode = 'level')
