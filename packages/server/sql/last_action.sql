-- Each unit's latest contact, conversation or visit at or before asOf, of any period (an indicator row's
-- lastActionAt; the inactive alert reads idle days from it). Units as in indicators.sql.
-- Parameters: $unit, $mode ('self' | 'children' | 'level'), $level, $as_of_ms.
WITH units AS (
  -- @include parts/units.sql
)
SELECT u.id AS unit_id, MAX(f.at_ms) AS last_ms
FROM units u
JOIN org_manager om ON om.org_id = u.id
JOIN facts f ON f.manager_id = om.manager_id
WHERE f.kind = 'action' AND f.at_ms <= $as_of_ms
GROUP BY u.id;
