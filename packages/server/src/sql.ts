/**
 * The SQL files and the one way they run: every value a request carries is a bound parameter, never text spliced
 * into a statement. Files name their parameters `$name`; binding checks each one is supplied. The same files run
 * on every engine of ./dialect.ts through an `SqlConnection`, which binds `$name` in its engine's own syntax.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBMaterializedResult, DuckDBPreparedStatement } from '@duckdb/node-api';
import { adapt, statements, type Dialect } from './dialect.js';

const SQL_DIR = new URL('../sql/', import.meta.url);
const cache = new Map<string, { statements: { text: string; names: string[] }[] }>();

export type SqlValue = string | number | boolean;
export type SqlParams = Readonly<Record<string, SqlValue>>;
export type SqlRow = Record<string, unknown>;

/** One engine session: runs one statement whose parameters are written `$name`, with those bound. */
export interface SqlConnection {
  readonly dialect: Dialect;
  all(statement: string, params: Readonly<Record<string, SqlValue>>): Promise<SqlRow[]>;
}

/** The parameter names a statement uses, in order of first use. */
export function parameterNames(statement: string): string[] {
  return [...new Set([...statement.matchAll(/\$([a-z_][a-z0-9_]*)/g)].map((m) => m[1]!))];
}

/**
 * A line `-- @include parts/<name>.sql` stands for that file's text: a piece several queries share (where a lead
 * stands in the funnel) is written once. Parameters inside it are the including file's.
 */
const INCLUDE = /^[ \t]*-- @include (\S+\.sql)[ \t]*$/gm;

function source(file: string): string {
  return readFileSync(new URL(file, SQL_DIR), 'utf8').replace(INCLUDE, (_line, part: string) => source(part).trimEnd());
}

function load(file: string, dialect: Dialect) {
  const key = `${dialect}:${file}`;
  let entry = cache.get(key);
  if (!entry) {
    const text = adapt(source(file), dialect);
    entry = { statements: statements(text).map((s) => ({ text: s, names: parameterNames(s) })) };
    cache.set(key, entry);
  }
  return entry;
}

/** The statements of a file as `dialect` runs them (the Spark job and tools that show the SQL). */
export function fileStatements(file: string, dialect: Dialect): string[] {
  return load(file, dialect).statements.map((s) => s.text);
}

function bind(file: string, names: readonly string[], params: SqlParams): Record<string, SqlValue> {
  const bound: Record<string, SqlValue> = {};
  for (const name of names) {
    const value = params[name];
    if (value === undefined) throw new Error(`${file}: parameter $${name} not supplied`);
    bound[name] = value;
  }
  return bound;
}

/** Runs a file (one statement or several, in order), returning the last statement's rows. */
export async function query(connection: SqlConnection, file: string, params: SqlParams = {}): Promise<SqlRow[]> {
  let rows: SqlRow[] = [];
  for (const statement of load(file, connection.dialect).statements) {
    rows = await connection.all(statement.text, bind(file, statement.names, params));
  }
  return rows;
}

/** Runs a file of statements (schema, load steps). */
export async function execute(connection: SqlConnection, file: string, params: SqlParams = {}): Promise<void> {
  await query(connection, file, params);
}

/** DuckDB returns BIGINT and HUGEINT as bigint; results here are counts and epoch milliseconds, well inside 2^53. */
function plain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/**
 * A result's rows as plain objects, read a column at a time: each column's vector is looked up once per chunk
 * rather than once per value, and no intermediate row object is built and copied. A bank-wide board is 20,000 rows
 * of nine columns; reading them a row at a time through the generic visitor was about a fifth of its time.
 */
function plainRows(result: DuckDBMaterializedResult): SqlRow[] {
  const names = result.deduplicatedColumnNames();
  const rows: SqlRow[] = new Array<SqlRow>(result.rowCount);
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const count = chunk.rowCount;
    for (let r = 0; r < count; r++) rows[offset + r] = {};
    names.forEach((name, column) => {
      const vector = chunk.getColumnVector(column);
      for (let r = 0; r < count; r++) rows[offset + r]![name] = plain(vector.getItem(r));
    });
    offset += count;
  }
  return rows;
}

/** DuckDB takes `$name` as it is. Each statement is parsed and planned on every run: for loading and one-off work. */
export function duckdbConnection(connection: DuckDBConnection): SqlConnection {
  return {
    dialect: 'duckdb',
    async all(statement, params) {
      return plainRows(await connection.run(statement, Object.keys(params).length ? params : undefined));
    },
  };
}

/**
 * One serving connection's prepared statements, by statement text: each is prepared (parsed, bound to the tables and
 * planned) on its first run and kept, and later runs only bind their values. The server's queries are a few dozen
 * texts run thousands of times at the morning peak, where parsing, planning and destroying each one again took about
 * a sixth of the main thread. DuckDB binds a kept statement again when the search path has changed (a refresh's
 * new schema); `clear()` lets go of those planned for a superseded version.
 */
export class PreparedStatements {
  private readonly kept = new Map<string, Promise<DuckDBPreparedStatement>>();

  constructor(private readonly connection: DuckDBConnection) {}

  of(statement: string): Promise<DuckDBPreparedStatement> {
    let prepared = this.kept.get(statement);
    if (!prepared) {
      const preparing = this.connection.prepare(statement);
      // a statement that fails to prepare is not kept: the error is the caller's, the next run tries again
      preparing.catch(() => this.kept.get(statement) === preparing && this.kept.delete(statement));
      this.kept.set(statement, preparing);
      prepared = preparing;
    }
    return prepared;
  }

  clear(): void {
    for (const prepared of this.kept.values()) prepared.then((s) => s.destroySync()).catch(() => undefined);
    this.kept.clear();
  }
}

/**
 * DuckDB for answering requests, through the connection's prepared statements. One request at a time uses a
 * connection, so no statement is bound for two runs at once.
 */
export function preparedDuckdbConnection(statements: PreparedStatements): SqlConnection {
  return {
    dialect: 'duckdb',
    async all(statement, params) {
      const prepared = await statements.of(statement);
      prepared.clearBindings();
      if (Object.keys(params).length > 0) prepared.bind(params);
      return plainRows(await prepared.run());
    },
  };
}

export function num(row: SqlRow, key: string): number {
  const value = row[key];
  if (typeof value !== 'number') throw new Error(`expected a number in column ${key}, got ${String(value)}`);
  return value;
}

export function numOrNull(row: SqlRow, key: string): number | null {
  const value = row[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function str(row: SqlRow, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : String(value ?? '');
}
