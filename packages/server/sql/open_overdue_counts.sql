-- How many leads are "open overdue" at asOf in each unit (an indicator row's `overdue`): the rows of
-- open_overdue.sql, counted here rather than sent to the server one by one. A unit with none has no row.
-- Parameters as open_overdue.sql.
WITH
  -- @include parts/open_overdue.sql
SELECT unit_id, COUNT(*) AS overdue
FROM overdue
GROUP BY unit_id;
