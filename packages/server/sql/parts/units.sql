-- The units a statement reports on, by $mode: the scope $unit itself ('self'), its child orgs ('children'), the
-- orgs or managers of $level under it ('level'), or the scope with those rows in one statement ('self+children',
-- 'self+level'). One definition for every query that reports per unit; the including file names it `units`.
  SELECT o.id, o.tree_ord, o.level, o.tree_managers FROM org o
  WHERE ($mode IN ('self', 'self+children', 'self+level') AND o.id = $unit)
     OR ($mode IN ('children', 'self+children') AND o.parent_id = $unit)
     OR ($mode IN ('level', 'self+level') AND o.level = $level
         AND o.id IN (SELECT a.node_id FROM org_ancestor a WHERE a.ancestor_id = $unit))
