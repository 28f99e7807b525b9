-- The time a lead entered each funnel stage by asOf, $never_ms when it had not: the lead's first event of that
-- stage (conversation, followup and logged belong to contacted). One definition for every query that places a lead
-- in the funnel (funnel.sql, leads.sql, open_overdue.sql); needs lead_firsts as `lf`, $as_of_ms and $never_ms.
    CASE WHEN lf.claimed_ms <= $as_of_ms THEN lf.claimed_ms ELSE $never_ms END AS claimed_ms,
    LEAST(CASE WHEN lf.contacted_ms <= $as_of_ms THEN lf.contacted_ms ELSE $never_ms END,
          CASE WHEN lf.conversation_ms <= $as_of_ms THEN lf.conversation_ms ELSE $never_ms END,
          CASE WHEN lf.followup_ms <= $as_of_ms THEN lf.followup_ms ELSE $never_ms END,
          CASE WHEN lf.logged_ms <= $as_of_ms THEN lf.logged_ms ELSE $never_ms END) AS contacted_ms,
    CASE WHEN lf.visited_ms <= $as_of_ms THEN lf.visited_ms ELSE $never_ms END AS visited_ms,
    CASE WHEN lf.intent_ms <= $as_of_ms THEN lf.intent_ms ELSE $never_ms END AS intent_ms,
    CASE WHEN lf.applied_ms <= $as_of_ms THEN lf.applied_ms ELSE $never_ms END AS applied_ms,
    CASE WHEN lf.converted_ms <= $as_of_ms THEN lf.converted_ms ELSE $never_ms END AS converted_ms
