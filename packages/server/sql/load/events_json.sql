-- Events straight from a json file (columns at, type, leadId, managerId, customerId, gridId, amount), in file order.
-- Parameters: $path (operator configuration, still bound rather than spliced).
INSERT INTO events_raw
SELECT ROW_NUMBER() OVER () - 1, CAST("at" AS VARCHAR), CAST("type" AS VARCHAR), CAST(leadId AS VARCHAR),
       CAST(managerId AS VARCHAR), CAST(customerId AS VARCHAR), CAST(gridId AS VARCHAR),
       TRY_CAST(amount AS DOUBLE)
FROM read_json($path);
