-- Tables the loader fills. Dimensions (org, calendar, grids) are small; events is the one big table.
CREATE TABLE events_raw (seq BIGINT, event_at VARCHAR, type VARCHAR, lead_id VARCHAR, manager_id VARCHAR,
                         customer_id VARCHAR, grid_id VARCHAR, amount DOUBLE);
-- tree_ord: depth-first position (boards and row tables list nodes in this order); input_ord: as given.
CREATE TABLE org (id VARCHAR, name VARCHAR, parent_id VARCHAR, level VARCHAR, avatar_url VARCHAR,
                  input_ord INTEGER, tree_ord INTEGER, tree_managers INTEGER);
-- Every node (managers included, each its own one-manager org) to the managers it sums.
CREATE TABLE org_manager (org_id VARCHAR, manager_id VARCHAR);
-- Every node to itself (depth 0) and each ancestor, nearest first.
CREATE TABLE org_ancestor (node_id VARCHAR, ancestor_id VARCHAR, depth INTEGER);
-- contest_id: the branch whose managers a champion badge is contested among.
CREATE TABLE manager (manager_id VARCHAR, ord INTEGER, contest_id VARCHAR);
-- Days are integers: local calendar days since 1970-01-01 in the bank's time zone.
CREATE TABLE calendar (day INTEGER, working BOOLEAN, working_ord INTEGER, week_start INTEGER, week_end INTEGER,
                       month_start INTEGER, month_end INTEGER);
CREATE TABLE targets (org VARCHAR, indicator VARCHAR, period VARCHAR, start VARCHAR, target DOUBLE, baseline DOUBLE);
-- measure: 'flow' or 'balance' for an indicator the bank supplies (supplied_daily), NULL for the event indicators.
CREATE TABLE catalogue (id VARCHAR, unit VARCHAR, measure VARCHAR, ord INTEGER);
-- The bank's own daily figures per manager (docs/supplied-indicators.md): a flow's amount or count on that day, a
-- balance at that day's end. One row per day, manager and indicator.
CREATE TABLE supplied_daily (day INTEGER, manager_id VARCHAR, indicator VARCHAR, value DOUBLE);
CREATE TABLE grid (grid_id VARCHAR, name VARCHAR, households DOUBLE, ord INTEGER);
CREATE TABLE grid_manager (grid_id VARCHAR, manager_id VARCHAR, ord INTEGER);
-- The customers behind the leads (personal data: only leads.sql reads it, and the service masks what it returns).
CREATE TABLE customer (customer_id VARCHAR, name VARCHAR, phone VARCHAR);
