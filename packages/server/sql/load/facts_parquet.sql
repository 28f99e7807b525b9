-- Facts and lead firsts built elsewhere (the Spark job, packages/warehouse-spark BuildFacts) instead of by
-- lead_firsts.sql and facts.sql: DuckDB reads the Parquet files, facts partitioned by day (day=N folders).
-- Parameters: $facts (glob of the facts files), $lead_firsts (glob of the lead_firsts files).
CREATE TABLE lead_firsts AS
SELECT lead_id, assigned_ms, claimed_ms, contacted_ms, conversation_ms, visited_ms, followup_ms, logged_ms, intent_ms,
       applied_ms, converted_ms, assigned_grid_id
FROM read_parquet($lead_firsts);
CREATE TABLE facts AS
SELECT kind, manager_id, lead_id, at_ms, CAST(day AS INTEGER) AS day, hit, extra, customer_id, grid_id
FROM read_parquet($facts, hive_partitioning = true)
ORDER BY manager_id, at_ms;
