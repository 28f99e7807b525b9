-- Reads raw event rows into epoch milliseconds and bank-local day numbers.
-- PORTABILITY EXCEPTION (the only one): turning an ISO 8601 text with offset into epoch milliseconds is
-- dialect-specific (as is the regular expression telling bank-time texts without an offset apart). Trino: to_unixtime(from_iso8601_timestamp(at)) * 1000; Spark: unix_millis(to_timestamp(at));
-- StarRocks: unix_timestamp(...) * 1000. A warehouse usually stores the event time as a timestamp already.
CREATE TABLE events AS
WITH parsed AS (
  -- a time without offset is bank time (as in the TypeScript engine)
  SELECT seq,
         CASE WHEN regexp_matches(event_at, '([Zz]|[+-][0-9][0-9](:?[0-9][0-9])?)$')
              THEN epoch_ms(TRY_CAST(event_at AS TIMESTAMPTZ))
              ELSE epoch_ms(TRY_CAST(event_at AS TIMESTAMP)) - $offset_ms END AS at_ms, type, lead_id, manager_id,
         COALESCE(customer_id, lead_id) AS customer_id,
         CASE WHEN grid_id = '' THEN NULL ELSE grid_id END AS grid_id,
         amount
  FROM events_raw
  WHERE type IN ('assigned', 'claimed', 'contacted', 'conversation', 'visited', 'followup', 'logged', 'intent',
                 'applied', 'converted')
    AND lead_id IS NOT NULL AND manager_id IS NOT NULL
)
SELECT seq, at_ms, CAST(FLOOR((at_ms + $offset_ms) / 86400000.0) AS INTEGER) AS day, type, lead_id, manager_id,
       customer_id, grid_id, amount
FROM parsed
WHERE at_ms IS NOT NULL;
