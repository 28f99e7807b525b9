-- Points of every manager for every calendar week and month (the champion badges compare completed ones), summed
-- once at load: a week's or month's points never change once it is complete, and badges.sql would otherwise sum
-- the whole fact table on every board request. Built from facts, so it follows whichever engine or job built
-- those; rebuilt whenever facts are.
-- Parameters: the point weights $p_first_contact, $p_conversation, $p_visit, $p_first_intent,
-- $p_first_application, $p_first_conversion, $p_timely_followup.
CREATE TABLE period_points AS
WITH scored AS (
  SELECT f.manager_id AS manager_id, c.week_start AS week_start, c.week_end AS week_end,
    c.month_start AS month_start, c.month_end AS month_end,
    CASE f.kind
      WHEN 'contacted' THEN $p_first_contact
      WHEN 'conversation' THEN $p_conversation
      WHEN 'visit' THEN $p_visit
      WHEN 'intent' THEN $p_first_intent
      WHEN 'applied' THEN $p_first_application
      WHEN 'converted' THEN $p_first_conversion
      ELSE $p_timely_followup
    END AS points
  FROM facts f JOIN calendar c ON c.day = f.day
  WHERE f.kind IN ('contacted', 'conversation', 'visit', 'intent', 'applied', 'converted', 'timely')
)
SELECT manager_id, 'week' AS kind, week_start AS period_start, week_end AS period_end, SUM(points) AS points
FROM scored GROUP BY manager_id, week_start, week_end
UNION ALL
SELECT manager_id, 'month', month_start, month_end, SUM(points)
FROM scored GROUP BY manager_id, month_start, month_end;
