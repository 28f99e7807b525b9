/**
 * Loads a bank's data (events, org tree, targets, calendar, grids) into an SQL engine (the embedded DuckDB
 * database here; Spark, PostgreSQL and ClickHouse in the engine checks) and derives the fact table every metric
 * reads (sql/load/*.sql). The dimensions a bank warehouse already keeps (org closure, calendar with working days,
 * grid-manager links) are built here from the org tree and the calendar settings.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
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
import { uniqueSuppliedRows } from '../../core/src/engine/supplied.js';
import {
  createBankZone,
  DAY_MS,
  HOUR_MS,
  parseIsoDate,
  periodContaining,
  pilotRange,
  type BankZone,
  type DayRange,
} from '../../core/src/engine/time.js';
import { createWorkingDays } from '../../core/src/engine/calendar.js';
import type { EngineLocale, EventLogInput, PointsScheme, SlaConfig } from '../../core/src/engine/types.js';
import { readMoments, type DataMoments } from './moments.js';
import {
  duckdbConnection,
  execute,
  num,
  preparedDuckdbConnection,
  PreparedStatements,
  query,
  str,
  type SqlConnection,
  type SqlParams,
} from './sql.js';

/** The engine's input with its events as objects: the warehouse loads rows (or reads `eventsFile` itself). */
export type WarehouseInput = Omit<EventLogInput, 'events'> & { events: readonly LeadEvent[] };

export interface WarehouseOptions extends WarehouseInput {
  /** Read events from this CSV, Parquet or JSON file with DuckDB instead of `events` (large logs). */
  eventsFile?: string;
  /** Connections queries run on in parallel. Default 4. */
  connections?: number;
  /**
   * DuckDB worker threads while answering. Default: the machine's cores shared among the connections (at least
   * one each). The load step always has every core.
   */
  threads?: number;
  /**
   * Read lead_firsts and facts from the Parquet files the Spark job wrote (`<dir>/facts/day=N/*.parquet`,
   * `<dir>/lead_firsts/*.parquet`) instead of deriving them here: Spark builds, the server answers.
   */
  factsDir?: string;
  /** Called as the load moves through its phases (the server prints them on start). */
  onProgress?: (progress: LoadProgress) => void;
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
  /**
   * The pilot's configured start day (input.pilot.start), undefined when none is configured: baselines are derived
   * from the time before it only when it is given (DESIGN "Baseline").
   */
  pilotStart?: number | undefined;
  firstEventDay: number;
  lastEventDay: number;
  /** Org nodes by id (validation and names). */
  nodes: ReadonlyMap<string, OrgNode>;
  /** Grid features by id, served as loaded; managerIds per grid as the metrics see them. */
  features: ReadonlyMap<string, GridFeature>;
  gridManagers: ReadonlyMap<string, string[]>;
}

export interface Warehouse extends LoadedWarehouse {
  /**
   * Runs `work` on a pooled connection; an abort stops the statement in flight (request deadline). Every
   * statement of one `work` reads the same data version.
   */
  withConnection<T>(work: (connection: SqlConnection) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Changes whenever the data results are computed from changes (a refresh swapped in new facts). Default 0. */
  readonly version?: number;
  /**
   * When the running request's data can change a live answer (src/moments.ts), so that requests whose statements
   * cannot differ share them. Undefined where none are read (then every statement runs).
   */
  readonly moments?: DataMoments | undefined;
  /**
   * Reads the Spark-built facts again (a new day's partition) into a new version and swaps it in without a
   * restart: requests already running finish on the old version, later ones read the new one.
   */
  refresh?(): Promise<RefreshReport>;
  close(): Promise<void>;
}

export interface RefreshReport {
  version: number;
  /** Fact rows of the new version (follow-up deadlines not counted). */
  facts: number;
  ms: number;
}

/** A step of the load, for a console or a progress bar: `rows` of `total` where the step knows them. */
export interface LoadProgress {
  phase: LoadPhase;
  rows?: number;
  total?: number;
}

export type LoadPhase = 'events' | 'dimensions' | 'lead firsts' | 'facts' | 'summaries';

/** A row for one of the tables of sql/load/schema.sql, its columns in declared order. */
export type LoadRow = readonly (string | number | boolean | null)[];

/** An engine the load step can fill: a connection for the SQL files, and bulk appends for the input rows. */
export interface LoadTarget {
  connection: SqlConnection;
  /** Appends rows to a table of schema.sql (events_raw: seq, event_at, type, lead_id, ..., amount). */
  append(table: string, rows: readonly LoadRow[]): Promise<void>;
}

const EVENT_TYPES = new Set<string>(LEAD_EVENT_TYPES);

/** Events appended per call: the progress report's step, and a bound on the rows built at once. */
const EVENT_BATCH = 100_000;

/** events_raw rows: an unknown type is kept as NULL (the load step drops it), as is a non-finite amount. */
function rawEventRows(events: readonly LeadEvent[], from: number, to: number): LoadRow[] {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return events
    .slice(from, to)
    .map((event, k) => [
      from + k,
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
      // a whole amount (a balance of 30亿) may not fit a 32-bit integer: only small whole numbers go in as one
      else if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) appender.appendInteger(value);
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

/** The milestones' load step counts contacts from the pilot's first instant (a refresh extends only its end). */
function milestoneParams(zone: BankZone, pilot: DayRange | undefined): SqlParams {
  // without a pilot every contact counts: from before any instant a Date can hold
  return { pilot_from_ms: pilot ? zone.dayStart(pilot.start) : -8.64e15 };
}

/**
 * The load step on any engine: schema, raw events (given, or put in events_raw by `loadEvents`), the dimensions,
 * then events.sql, lead_firsts.sql and facts.sql run by the engine itself.
 */
export async function loadWarehouse(
  target: LoadTarget,
  input: WarehouseInput,
  loadEvents?: (connection: SqlConnection) => Promise<void>,
  loadFacts?: (connection: SqlConnection) => Promise<void>,
  onProgress: (progress: LoadProgress) => void = () => {},
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
  if (loadEvents) {
    onProgress({ phase: 'events' });
    await loadEvents(setup);
  } else {
    const total = input.events.length;
    onProgress({ phase: 'events', rows: 0, total });
    for (let from = 0; from < total; from += EVENT_BATCH) {
      await target.append('events_raw', rawEventRows(input.events, from, from + EVENT_BATCH));
      onProgress({ phase: 'events', rows: Math.min(total, from + EVENT_BATCH), total });
    }
  }

  const zone = createBankZone(timeZone);
  // Bank zones in scope (China) keep one offset all year; zones with daylight saving need a per-event offset.
  const offsetMs = zone.offsetAt(Date.now());
  await execute(setup, 'load/events.sql', { offset_ms: offsetMs });

  const span = (await setup.all('SELECT MIN(day) AS first_day, MAX(day) AS last_day FROM events', {}))[0];
  const firstEventDay = span?.['first_day'] == null ? NaN : Number(span['first_day']);
  const lastEventDay = span?.['last_day'] == null ? NaN : Number(span['last_day']);
  onProgress({ phase: 'dimensions' });

  const treeManagerIds = new Set(input.orgTree.filter((n) => n.level === 'manager').map((n) => n.id));
  const seenManagers = (
    await setup.all('SELECT manager_id, MIN(seq) AS first_seq FROM events GROUP BY manager_id ORDER BY first_seq', {})
  ).map((row) => String(row['manager_id']));
  const eventOnly = seenManagers.filter((id) => !treeManagerIds.has(id));
  const org = orgDimension(input.orgTree, eventOnly);

  // a node's place after every node of the tree when the tree leaves it out (a manager only the events name); a
  // local, not `input.orgTree.length` in the callback, so no closure made here holds the input (see openWarehouse)
  const afterTree = input.orgTree.length;
  await target.append(
    'org',
    input.orgTree.map((node, i) => [
      node.id,
      node.name,
      node.parentId,
      node.level,
      node.avatarUrl ?? null,
      i,
      org.treeOrd.get(node.id) ?? afterTree + i,
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
      .map((t) => [
        t.org,
        t.indicator,
        t.period,
        t.start,
        t.target,
        t.baseline !== undefined && Number.isFinite(t.baseline) ? t.baseline : null,
      ]),
  );
  const units = new Map<string, string>(Object.entries(BUILT_IN_UNITS));
  const measures = new Map<string, string>();
  for (const definition of catalogue) {
    units.set(definition.id, definition.unit);
    if (definition.measure) measures.set(definition.id, definition.measure);
  }
  await target.append(
    'catalogue',
    [...units].map(([id, unit], i) => [id, unit, measures.get(id) ?? null, i]),
  );
  // the same rows the TypeScript engine reads: one per day, manager and indicator, the last given wins
  const suppliedRows = uniqueSuppliedRows(input.supplied ?? []);
  if (suppliedRows.length > 0)
    await target.append(
      'supplied_daily',
      suppliedRows.map((row) => [parseIsoDate(row.date), row.managerId, row.indicator, row.value]),
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
  // personal data: read only by leads.sql, and masked by the service unless the session may see it
  if (input.customers && input.customers.length > 0)
    await target.append(
      'customer',
      input.customers.map((c) => [c.customerId, c.name, c.phone ?? null]),
    );

  onProgress({ phase: 'lead firsts' });
  if (loadFacts) await loadFacts(setup);
  else {
    await execute(setup, 'load/lead_firsts.sql');
    onProgress({ phase: 'facts' });
    await execute(setup, 'load/facts.sql', {
      claim_ms: sla.claimHours * HOUR_MS,
      followup_ms: sla.followupDays * DAY_MS,
      logged_ms: sla.loggedHours * HOUR_MS,
      offset_ms: offsetMs,
    });
  }
  // per-request work done once: champions' period points, streaks' acted days and milestones (all from facts)
  onProgress({ phase: 'summaries' });
  const pilot = pilotRange(input.pilot, firstEventDay, lastEventDay);
  await execute(setup, 'load/period_points.sql', pointWeightParams(points));
  await execute(setup, 'load/contest_best.sql');
  await execute(setup, 'load/manager_days.sql');
  await execute(setup, 'load/manager_milestones.sql', milestoneParams(zone, pilot));
  await setup.all('DROP TABLE events_raw', {});

  return {
    zone,
    sla,
    points,
    locale: input.locale ?? 'zh-CN',
    catalogue,
    calendar: input.calendar,
    now: input.now ?? (() => new Date()),
    pilot,
    pilotStart:
      input.pilot && Number.isFinite(parseIsoDate(input.pilot.start)) ? parseIsoDate(input.pilot.start) : undefined,
    firstEventDay,
    lastEventDay,
    nodes: org.byId,
    features,
    gridManagers,
  };
}

/** The reference server's warehouse: DuckDB in memory, a pool of connections for concurrent requests. */
export async function openWarehouse(input: WarehouseOptions): Promise<Warehouse> {
  // No function made here (or in loadWarehouse) may read `input` itself: V8 keeps a variable for every closure of
  // the function that made it, so one such closure kept the caller's events (a million objects, 540 MB of heap at
  // bank scale) alive as long as the server ran, long after DuckDB held them. What later steps need is copied out.
  const configuredPilot = input.pilot;
  const instance = await DuckDBInstance.create(':memory:');
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
  const loaded = await loadWarehouse(target, input, loadEvents, loadFacts, input.onProgress);

  // The load is one large statement at a time and gains from every core. Answering is many small statements on the
  // pool's connections at once, where one statement spread over every core spends more CPU coordinating than it
  // saves (bench/README.md, the morning peak).
  const connections = input.connections ?? 4;
  const threads = input.threads ?? Math.max(1, Math.floor(availableParallelism() / connections));
  await setup.run(`SET threads = ${threads}`);
  const pool: DuckDBConnection[] = [setup];
  for (let i = 1; i < connections; i++) pool.push(await instance.connect());
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

  // Data versions. The first load's fact tables live in `main`; each refresh builds its own in a new schema and
  // becomes current in one assignment. A request takes the version current when it starts and reads that
  // version's schema (its connection's search_path) and figures for all its statements, so it sees wholly old or
  // wholly new data. A superseded version is dropped when its last request ends.
  let current: DataVersion = {
    id: 0,
    schema: 'main',
    moments: await readMoments(target.connection, 0),
    users: 0,
    retired: false,
    firstEventDay: loaded.firstEventDay,
    lastEventDay: loaded.lastEventDay,
    pilot: loaded.pilot,
  };
  const onVersion = new AsyncLocalStorage<DataVersion>();
  const searchPathOf = new WeakMap<DuckDBConnection, string>();
  const preparedOf = new WeakMap<DuckDBConnection, PreparedStatements>();
  const dropVersion = async (version: DataVersion): Promise<void> => {
    const connection = await instance.connect();
    try {
      if (version.schema === 'main') {
        for (const table of FACT_TABLES) await connection.run(`DROP TABLE IF EXISTS main.${table}`);
      } else await connection.run(`DROP SCHEMA IF EXISTS ${version.schema} CASCADE`);
    } finally {
      connection.closeSync();
    }
  };
  const leave = (version: DataVersion): void => {
    version.users--;
    if (version.retired && version.users === 0 && !closed) void dropVersion(version).catch(() => undefined);
  };
  let refreshing: Promise<RefreshReport> | undefined;

  async function buildVersion(): Promise<RefreshReport> {
    if (!loadFacts) throw new Error('refresh: this warehouse was not opened on Spark-built facts (factsDir)');
    const started = performance.now();
    const id = current.id + 1;
    const schema = `r${id}`;
    const connection = await instance.connect();
    const sql = duckdbConnection(connection);
    try {
      await connection.run(`CREATE SCHEMA ${schema}`);
      // tables the load files create land in the new schema; dimensions still resolve in main
      await connection.run(`SET search_path = '${schema},main'`);
      await loadFacts(sql);
      await execute(sql, 'load/period_points.sql', pointWeightParams(loaded.points));
      await execute(sql, 'load/contest_best.sql');
      await execute(sql, 'load/manager_days.sql');
      await execute(sql, 'load/manager_milestones.sql', milestoneParams(loaded.zone, current.pilot));
      const span = (
        await sql.all("SELECT COUNT(*) AS n, MAX(day) AS last_day FROM facts WHERE kind <> 'followup'", {})
      )[0];
      const facts = Number(span?.['n'] ?? 0);
      // the new day's events extend the pilot (when not configured) to the newest fact's day
      const newest = Number(span?.['last_day'] ?? NaN);
      const lastDay = Number.isFinite(newest) ? Math.max(newest, current.lastEventDay) : current.lastEventDay;
      const next: DataVersion = {
        id,
        schema,
        moments: await readMoments(sql, id),
        users: 0,
        retired: false,
        firstEventDay: current.firstEventDay,
        lastEventDay: lastDay,
        pilot: pilotRange(configuredPilot, current.firstEventDay, lastDay),
      };
      const previous = current;
      current = next;
      previous.retired = true;
      if (previous.users === 0) await dropVersion(previous);
      return { version: id, facts, ms: Math.round(performance.now() - started) };
    } catch (error) {
      await connection.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      throw error;
    } finally {
      connection.closeSync();
    }
  }

  const warehouse: Warehouse = {
    ...loaded,
    get version() {
      return current.id;
    },
    get firstEventDay() {
      return (onVersion.getStore() ?? current).firstEventDay;
    },
    get lastEventDay() {
      return (onVersion.getStore() ?? current).lastEventDay;
    },
    get pilot() {
      return (onVersion.getStore() ?? current).pilot;
    },
    get moments() {
      return (onVersion.getStore() ?? current).moments;
    },
    async withConnection(work, signal) {
      if (closed) throw new Error('warehouse closed');
      const version = current;
      version.users++;
      try {
        const connection = await acquire();
        // a request that waited for a connection past its deadline (or whose client left) is not worth running
        if (signal?.aborted) {
          release(connection);
          throw new Error('aborted before it ran');
        }
        const stop = (): void => connection.interrupt();
        signal?.addEventListener('abort', stop, { once: true });
        try {
          const path = version.schema === 'main' ? 'main' : `${version.schema},main`;
          let statements = preparedOf.get(connection);
          if (!statements) preparedOf.set(connection, (statements = new PreparedStatements(connection)));
          if ((searchPathOf.get(connection) ?? 'main') !== path) {
            await connection.run(`SET search_path = '${path}'`);
            searchPathOf.set(connection, path);
            statements.clear();
          }
          return await onVersion.run(version, () => work(preparedDuckdbConnection(statements)));
        } finally {
          signal?.removeEventListener('abort', stop);
          release(connection);
        }
      } finally {
        leave(version);
      }
    },
    refresh() {
      // one refresh at a time; a second call while one runs gets that one's result
      refreshing ??= buildVersion().finally(() => (refreshing = undefined));
      return refreshing;
    },
    async close() {
      closed = true;
      await refreshing?.catch(() => undefined);
      for (const connection of all) connection.interrupt();
      for (const connection of all) connection.closeSync();
      instance.closeSync();
    },
  };
  return warehouse;
}

/** The tables built from facts: what a refresh replaces, together. */
const FACT_TABLES = ['facts', 'lead_firsts', 'period_points', 'manager_days'] as const;

interface DataVersion {
  id: number;
  /** Where this version's fact tables live: `main` (the first load) or `r<id>`. */
  schema: string;
  /** Requests running on this version. */
  users: number;
  moments: DataMoments;
  /** Superseded: dropped once no request uses it. */
  retired: boolean;
  firstEventDay: number;
  lastEventDay: number;
  pilot: DayRange | undefined;
}

export { query, num, str };
