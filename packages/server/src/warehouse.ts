/**
 * Loads a bank's data (events, org tree, targets, calendar, grids) into an SQL engine (the embedded DuckDB
 * database here; Spark, PostgreSQL and ClickHouse in the engine checks) and derives the fact table every metric
 * reads (sql/load/*.sql). The dimensions a bank warehouse already keeps (org closure, calendar with working days,
 * grid-manager links) are built here from the org tree and the calendar settings.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  DEFAULT_CATALOGUE,
  LEAD_EVENT_TYPES,
  type GridFeature,
  type IndicatorDefinition,
  type LeadEvent,
  type OrgNode,
  type WorkCalendar,
} from '../../core/src/contracts.js';
import { DEFAULT_POINTS, DEFAULT_SLA } from '../../core/src/engine/log-index.js';
import { BUILT_IN_UNITS } from '../../core/src/engine/metrics.js';
import {
  createBankZone,
  DAY_MS,
  HOUR_MS,
  periodContaining,
  pilotRange,
  type BankZone,
  type DayRange,
} from '../../core/src/engine/time.js';
import { createWorkingDays } from '../../core/src/engine/calendar.js';
import type { EngineLocale, EventLogInput, PointsScheme, SlaConfig } from '../../core/src/engine/types.js';
import { duckdbConnection, execute, num, query, str, type SqlConnection, type SqlParams } from './sql.js';

export interface WarehouseOptions extends EventLogInput {
  /** Read events from this CSV, Parquet or JSON file with DuckDB instead of `events` (large logs). */
  eventsFile?: string;
  /** Connections queries run on in parallel. Default 4. */
  connections?: number;
  /** DuckDB worker threads. Default: DuckDB's own choice (the machine's cores). */
  threads?: number;
  /**
   * Read lead_firsts and facts from the Parquet files the Spark job wrote (`<dir>/facts/day=N/*.parquet`,
   * `<dir>/lead_firsts/*.parquet`) instead of deriving them here: Spark builds, the server answers.
   */
  factsDir?: string;
}

/** What the load step knows about the data it loaded (everything the metrics need besides SQL). */
export interface LoadedWarehouse {
  zone: BankZone;
  sla: SlaConfig;
  points: PointsScheme;
  locale: EngineLocale;
  catalogue: readonly IndicatorDefinition[];
  /** Holidays and make-up working days (pace of the alerts). */
  calendar: WorkCalendar | undefined;
  now: () => Date;
  pilot: DayRange | undefined;
  firstEventDay: number;
  /** Org nodes by id (validation and names). */
  nodes: ReadonlyMap<string, OrgNode>;
  /** Grid features by id, served as loaded; managerIds per grid as the metrics see them. */
  features: ReadonlyMap<string, GridFeature>;
  gridManagers: ReadonlyMap<string, string[]>;
}

export interface Warehouse extends LoadedWarehouse {
  /** Runs `work` on a pooled connection; an abort stops the statement in flight (request deadline). */
  withConnection<T>(work: (connection: SqlConnection) => Promise<T>, signal?: AbortSignal): Promise<T>;
  close(): Promise<void>;
}

/** A row for one of the tables of sql/load/schema.sql, its columns in declared order. */
export type LoadRow = readonly (string | number | boolean | null)[];

/** An engine the load step can fill: a connection for the SQL files, and bulk appends for the input rows. */
export interface LoadTarget {
  connection: SqlConnection;
  /** Appends rows to a table of schema.sql (events_raw: seq, event_at, type, lead_id, ..., amount). */
  append(table: string, rows: readonly LoadRow[]): Promise<void>;
}

const EVENT_TYPES = new Set<string>(LEAD_EVENT_TYPES);

/** events_raw rows: an unknown type is kept as NULL (the load step drops it), as is a non-finite amount. */
function rawEventRows(events: readonly LeadEvent[]): LoadRow[] {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return events.map((event, i) => [
    i,
    text(event.at),
    EVENT_TYPES.has(event.type) ? event.type : null,
    text(event.leadId),
    text(event.managerId),
    text(event.customerId),
    text(event.gridId),
    typeof event.amount === 'number' && Number.isFinite(event.amount) ? event.amount : null,
  ]);
}

async function appendDuckDBEvents(connection: DuckDBConnection, rows: readonly LoadRow[]): Promise<void> {
  const appender = await connection.createAppender('events_raw');
  for (const [seq, ...rest] of rows) {
    appender.appendBigInt(BigInt(seq as number));
    for (let c = 0; c < 6; c++) {
      const value = rest[c];
      if (typeof value === 'string') appender.appendVarchar(value);
      else appender.appendNull();
    }
    const amount = rest[6];
    if (typeof amount === 'number') appender.appendDouble(amount);
    else appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
}

async function appendDuckDBRows(connection: DuckDBConnection, table: string, rows: readonly LoadRow[]): Promise<void> {
  const appender = await connection.createAppender(table);
  for (const row of rows) {
    for (const value of row) {
      if (value === null) appender.appendNull();
      else if (typeof value === 'string') appender.appendVarchar(value);
      else if (typeof value === 'boolean') appender.appendBoolean(value);
      else if (Number.isInteger(value)) appender.appendInteger(value);
      else appender.appendDouble(value);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** Org dimension: depth-first order (each org's managers contiguous, as boards list them), closure and ancestors. */
function orgDimension(orgTree: readonly OrgNode[], eventOnlyManagers: readonly string[]) {
  const byId = new Map(orgTree.map((node) => [node.id, node]));
  const children = new Map<string, OrgNode[]>();
  const roots: OrgNode[] = [];
  for (const node of orgTree) {
    if (node.parentId === null || !byId.has(node.parentId)) roots.push(node);
    else children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  }
  const treeOrd = new Map<string, number>();
  const managersUnder = new Map<string, string[]>();
  const managerOrder: string[] = [];
  const walk = (node: OrgNode): string[] => {
    if (treeOrd.has(node.id)) return [];
    treeOrd.set(node.id, treeOrd.size);
    const under: string[] = node.level === 'manager' ? [node.id] : [];
    if (node.level === 'manager') managerOrder.push(node.id);
    for (const child of children.get(node.id) ?? []) under.push(...walk(child));
    managersUnder.set(node.id, under);
    return under;
  };
  for (const root of roots) walk(root);
  const treeManagers = new Map([...managersUnder].map(([id, list]) => [id, list.length]));
  // Managers seen only in events belong to the bank node alone (and to themselves), as in the TypeScript engine.
  const firstRoot = roots[0];
  for (const manager of eventOnlyManagers) {
    managersUnder.set(manager, [manager]);
    if (firstRoot?.level === 'bank') managersUnder.get(firstRoot.id)!.push(manager);
  }
  const ancestors: [string, string, number][] = [];
  const contest = new Map<string, string>();
  for (const node of orgTree) {
    let current: OrgNode | undefined = node;
    const seen = new Set<string>();
    let top: string | undefined;
    for (let depth = 0; current && !seen.has(current.id); depth++) {
      seen.add(current.id);
      ancestors.push([node.id, current.id, depth]);
      if (top === undefined) {
        if (current.level === 'branch') top = current.id;
      }
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    if (node.level === 'manager') {
      // the champion contest is the manager's branch, else the top of its tree
      let walkUp: OrgNode | undefined = node;
      let last = node.id;
      const guard = new Set<string>();
      while (walkUp && !guard.has(walkUp.id)) {
        guard.add(walkUp.id);
        last = walkUp.id;
        if (walkUp.level === 'branch') break;
        walkUp = walkUp.parentId === null ? undefined : byId.get(walkUp.parentId);
      }
      contest.set(node.id, top ?? last);
    }
  }
  return { byId, treeOrd, managersUnder, treeManagers, managerOrder, ancestors, contest };
}

/** The points scheme as the SQL files' parameters ($p_first_contact, ...). */
export function pointWeightParams(points: PointsScheme): SqlParams {
  return {
    p_first_contact: points.firstContact,
    p_conversation: points.conversation,
    p_visit: points.visit,
    p_first_intent: points.firstIntent,
    p_first_application: points.firstApplication,
    p_first_conversion: points.firstConversion,
    p_timely_followup: points.timelyFollowup,
  };
}

/**
 * The load step on any engine: schema, raw events (given, or put in events_raw by `loadEvents`), the dimensions,
 * then events.sql, lead_firsts.sql and facts.sql run by the engine itself.
 */
export async function loadWarehouse(
  target: LoadTarget,
  input: EventLogInput,
  loadEvents?: (connection: SqlConnection) => Promise<void>,
  loadFacts?: (connection: SqlConnection) => Promise<void>,
): Promise<LoadedWarehouse> {
  const setup = target.connection;
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  const sla: SlaConfig = {
    ...DEFAULT_SLA,
    ...input.sla,
    stageDays: { ...DEFAULT_SLA.stageDays, ...input.sla?.stageDays },
  };
  const points: PointsScheme = { ...DEFAULT_POINTS, ...input.points };
  const catalogue = input.catalogue ?? DEFAULT_CATALOGUE;
  if (sla.followupInWorkingDays) {
    throw new Error('openWarehouse: a follow-up SLA in working days is not implemented in the SQL reference yet');
  }

  await execute(setup, 'load/schema.sql');
  if (loadEvents) await loadEvents(setup);
  else await target.append('events_raw', rawEventRows(input.events));

  const zone = createBankZone(timeZone);
  // Bank zones in scope (China) keep one offset all year; zones with daylight saving need a per-event offset.
  const offsetMs = zone.offsetAt(Date.now());
  await execute(setup, 'load/events.sql', { offset_ms: offsetMs });

  const span = (await setup.all('SELECT MIN(day) AS first_day, MAX(day) AS last_day FROM events', {}))[0];
  const firstEventDay = span?.['first_day'] == null ? NaN : Number(span['first_day']);
  const lastEventDay = span?.['last_day'] == null ? NaN : Number(span['last_day']);

  const treeManagerIds = new Set(input.orgTree.filter((n) => n.level === 'manager').map((n) => n.id));
  const seenManagers = (
    await setup.all('SELECT manager_id, MIN(seq) AS first_seq FROM events GROUP BY manager_id ORDER BY first_seq', {})
  ).map((row) => String(row['manager_id']));
  const eventOnly = seenManagers.filter((id) => !treeManagerIds.has(id));
  const org = orgDimension(input.orgTree, eventOnly);

  await target.append(
    'org',
    input.orgTree.map((node, i) => [
      node.id,
      node.name,
      node.parentId,
      node.level,
      node.avatarUrl ?? null,
      i,
      org.treeOrd.get(node.id) ?? input.orgTree.length + i,
      org.treeManagers.get(node.id) ?? 0,
    ]),
  );
  await target.append(
    'org_manager',
    [...org.managersUnder].flatMap(([id, list]) => list.map((m) => [id, m])),
  );
  await target.append('org_ancestor', org.ancestors);
  const managerOrd = new Map([...org.managerOrder, ...eventOnly].map((id, i) => [id, i]));
  await target.append(
    'manager',
    [...managerOrd].map(([id, ord]) => [id, ord, org.contest.get(id) ?? null]),
  );

  // Calendar dimension: from two weeks before the first event (so every streak meets a day without action) to
  // well past today.
  const working = createWorkingDays(input.calendar);
  const todayDay = zone.dayOf((input.now ?? (() => new Date()))().getTime());
  const calendarFrom = (Number.isFinite(firstEventDay) ? Math.min(firstEventDay, todayDay) : todayDay) - 14;
  const calendarTo = Math.max(Number.isFinite(lastEventDay) ? lastEventDay : todayDay, todayDay) + 400;
  const calendarRows: (number | boolean)[][] = [];
  let workingOrd = 0;
  for (let day = calendarFrom; day <= calendarTo; day++) {
    const isWorking = working.isWorkingDay(day);
    if (isWorking) workingOrd++;
    const week = periodContaining('week', day, undefined);
    const month = periodContaining('month', day, undefined);
    calendarRows.push([day, isWorking, workingOrd, week.start, week.end, month.start, month.end]);
  }
  await target.append('calendar', calendarRows);

  await target.append(
    'targets',
    (input.targets ?? [])
      .filter((t) => Number.isFinite(t.target))
      .map((t) => [t.org, t.indicator, t.period, t.start, t.target]),
  );
  const units = new Map<string, string>(Object.entries(BUILT_IN_UNITS));
  for (const definition of catalogue) units.set(definition.id, definition.unit);
  await target.append(
    'catalogue',
    [...units].map(([id, unit], i) => [id, unit, i]),
  );

  // Grids: managers as the grid data lists them, else those seen working the grid (in board order).
  const features = new Map<string, GridFeature>();
  const gridManagers = new Map<string, string[]>();
  const seenByGrid = new Map<string, string[]>();
  for (const row of await setup.all('SELECT DISTINCT grid_id, manager_id FROM events WHERE grid_id IS NOT NULL', {})) {
    const grid = String(row['grid_id']);
    seenByGrid.set(grid, [...(seenByGrid.get(grid) ?? []), String(row['manager_id'])]);
  }
  const gridRows: (string | number)[][] = [];
  for (const feature of input.grids?.features ?? []) {
    const id = feature.properties.gridId;
    features.set(id, feature);
    const listed = feature.properties['managerIds'];
    const managers =
      Array.isArray(listed) && listed.every((m): m is string => typeof m === 'string')
        ? listed
        : (seenByGrid.get(id) ?? []).sort((a, b) => managerOrd.get(a)! - managerOrd.get(b)!);
    gridManagers.set(id, managers);
    const households = Number(feature.properties.households);
    gridRows.push([
      id,
      feature.properties.name,
      Number.isFinite(households) && households > 0 ? households : 0,
      gridRows.length,
    ]);
  }
  await target.append('grid', gridRows);
  await target.append(
    'grid_manager',
    [...gridManagers].flatMap(([grid, list]) => list.map((m, i) => [grid, m, i])),
  );

  if (loadFacts) await loadFacts(setup);
  else {
    await execute(setup, 'load/lead_firsts.sql');
    await execute(setup, 'load/facts.sql', {
      claim_ms: sla.claimHours * HOUR_MS,
      followup_ms: sla.followupDays * DAY_MS,
      logged_ms: sla.loggedHours * HOUR_MS,
      offset_ms: offsetMs,
    });
  }
  // per-request work done once: champions' period points and streaks' acted days (both from facts)
  await execute(setup, 'load/period_points.sql', pointWeightParams(points));
  await execute(setup, 'load/manager_days.sql');
  await setup.all('DROP TABLE events_raw', {});

  return {
    zone,
    sla,
    points,
    locale: input.locale ?? 'zh-CN',
    catalogue,
    calendar: input.calendar,
    now: input.now ?? (() => new Date()),
    pilot: pilotRange(input.pilot, firstEventDay, lastEventDay),
    firstEventDay,
    nodes: org.byId,
    features,
    gridManagers,
  };
}

/** The reference server's warehouse: DuckDB in memory, a pool of connections for concurrent requests. */
export async function openWarehouse(input: WarehouseOptions): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(':memory:', input.threads ? { threads: String(input.threads) } : {});
  const setup = await instance.connect();
  const target: LoadTarget = {
    connection: duckdbConnection(setup),
    append: (table, rows) =>
      table === 'events_raw' ? appendDuckDBEvents(setup, rows) : appendDuckDBRows(setup, table, rows),
  };
  const eventsFile = input.eventsFile;
  // large logs: DuckDB reads the file itself (sql/load/events_{csv,parquet,json}.sql)
  const loadEvents = eventsFile
    ? async (connection: SqlConnection) => {
        const format = /\.parquet$/i.test(eventsFile) ? 'parquet' : /\.json$/i.test(eventsFile) ? 'json' : 'csv';
        await execute(connection, `load/events_${format}.sql`, { path: eventsFile });
      }
    : undefined;
  const factsDir = input.factsDir?.replace(/\/+$/, '');
  const loadFacts = factsDir
    ? (connection: SqlConnection) =>
        execute(connection, 'load/facts_parquet.sql', {
          facts: `${factsDir}/facts/*/*.parquet`,
          lead_firsts: `${factsDir}/lead_firsts/*.parquet`,
        })
    : undefined;
  const loaded = await loadWarehouse(target, input, loadEvents, loadFacts);

  const pool: DuckDBConnection[] = [setup];
  for (let i = 1; i < (input.connections ?? 4); i++) pool.push(await instance.connect());
  const waiting: ((connection: DuckDBConnection) => void)[] = [];
  let closed = false;

  const acquire = (): Promise<DuckDBConnection> => {
    const free = pool.pop();
    return free ? Promise.resolve(free) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (connection: DuckDBConnection): void => {
    const next = waiting.shift();
    if (next) next(connection);
    else pool.push(connection);
  };
  const all: DuckDBConnection[] = [...pool];

  return {
    ...loaded,
    async withConnection(work, signal) {
      if (closed) throw new Error('warehouse closed');
      const connection = await acquire();
      // a request that waited for a connection past its deadline (or whose client left) is not worth running
      if (signal?.aborted) {
        release(connection);
        throw new Error('aborted before it ran');
      }
      const stop = (): void => connection.interrupt();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        return await work(duckdbConnection(connection));
      } finally {
        signal?.removeEventListener('abort', stop);
        release(connection);
      }
    },
    async close() {
      closed = true;
      for (const connection of all) connection.interrupt();
      for (const connection of all) connection.closeSync();
      instance.closeSync();
    },
  };
}

export { query, num, str };
