-- The best points of each contest (the org whose managers compete for champion, a branch) for every calendar week
-- and month, found once at load from period_points: a period's points never change once loaded, and every board
-- under a contest compares its managers with the same best, so badges.sql would otherwise rank all of a branch's
-- managers again for each team's board. Rebuilt whenever period_points is.
CREATE TABLE contest_best AS
SELECT om.org_id AS contest_id, p.kind AS kind, p.period_start AS period_start, MAX(p.points) AS best
FROM (SELECT DISTINCT m.contest_id AS contest_id FROM manager m) c
JOIN org_manager om ON om.org_id = c.contest_id
JOIN period_points p ON p.manager_id = om.manager_id
GROUP BY om.org_id, p.kind, p.period_start;
