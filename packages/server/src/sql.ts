/**
 * The SQL files and the one way they run: every value a request carries is a bound parameter, never text spliced
 * into a statement. Files name their parameters `$name`; binding checks each one is supplied.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const SQL_DIR = new URL('../sql/', import.meta.url);
const cache = new Map<string, { text: string; names: string[] }>();

export type SqlValue = string | number | boolean;
export type SqlParams = Readonly<Record<string, SqlValue>>;
export type SqlRow = Record<string, unknown>;

function load(file: string): { text: string; names: string[] } {
  let entry = cache.get(file);
  if (!entry) {
    const text = readFileSync(new URL(file, SQL_DIR), 'utf8');
    // parameter names as written in the statement; comments mention them too, so strip those first
    const code = text.replace(/--[^\n]*/g, '');
    const names = [...new Set([...code.matchAll(/\$([a-z_][a-z0-9_]*)/g)].map((m) => m[1]!))];
    entry = { text, names };
    cache.set(file, entry);
  }
  return entry;
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

/** DuckDB returns BIGINT as bigint; results here are counts and epoch milliseconds, well inside 2^53. */
function plain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Runs a file that reads, returning plain rows. */
export async function query(connection: DuckDBConnection, file: string, params: SqlParams = {}): Promise<SqlRow[]> {
  const { text, names } = load(file);
  const reader = await connection.runAndReadAll(text, bind(file, names, params));
  return reader.getRowObjects().map((row) => {
    const out: SqlRow = {};
    for (const [key, value] of Object.entries(row)) out[key] = plain(value);
    return out;
  });
}

/** Runs a file of statements (schema, load steps); parameters only where the file names some. */
export async function execute(connection: DuckDBConnection, file: string, params: SqlParams = {}): Promise<void> {
  const { text, names } = load(file);
  if (names.length === 0) await connection.run(text);
  else await connection.run(text, bind(file, names, params));
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
