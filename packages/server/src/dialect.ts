/**
 * The whole of what differs between the SQL engines Stride's metric SQL is checked on (DuckDB, Spark SQL,
 * PostgreSQL, ClickHouse). Every query file is one text for all of them; an engine differs only in:
 *
 * 1. `fragments`: the named expressions of the load step that parse an event's ISO 8601 text into epoch
 *    milliseconds (written `{{name}}` in sql/load/events.sql). A warehouse usually stores a timestamp already.
 * 2. `types`: spellings of the column types the load step declares (Spark's VARCHAR needs a length, PostgreSQL
 *    has no DOUBLE).
 * 3. `setup`: session settings the engine needs once (ClickHouse: SQL-standard NULLs on outer joins, nullable
 *    columns and a table engine for CREATE TABLE ... AS).
 * 4. Parameter markers: every file names its parameters `$name`; each engine's connection binds them in its own
 *    syntax (Spark `:name`, PostgreSQL `$1`, ClickHouse `{name:Type}`), always as bound values.
 */
export type Dialect = 'duckdb' | 'spark' | 'postgres' | 'clickhouse';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'spark', 'postgres', 'clickhouse'];

/** A bank-time text without an offset ends in seconds (or fractions); with one, in Z or +hh[:mm]. */
const OFFSET_PATTERN = "'([Zz]|[+-][0-9][0-9](:?[0-9][0-9])?)$'";

interface DialectRules {
  /** `{{has_offset}}`: true when `event_at` carries its own offset. */
  fragments: Readonly<Record<'has_offset' | 'instant_ms' | 'wall_ms', string>>;
  /** Type names as the files write them, to this engine's spelling (whole words, upper case). */
  types: Readonly<Record<string, string>>;
  setup: readonly string[];
}

const RULES: Readonly<Record<Dialect, DialectRules>> = {
  duckdb: {
    fragments: {
      has_offset: `regexp_matches(event_at, ${OFFSET_PATTERN})`,
      // instant_ms reads the offset in the text; wall_ms reads a text without one as if it were UTC
      instant_ms: 'epoch_ms(TRY_CAST(event_at AS TIMESTAMPTZ))',
      wall_ms: 'epoch_ms(TRY_CAST(event_at AS TIMESTAMP))',
    },
    types: {},
    setup: [],
  },
  spark: {
    fragments: {
      has_offset: `event_at RLIKE ${OFFSET_PATTERN}`,
      // the session time zone is UTC, so a text without offset reads as UTC wall time
      instant_ms: 'unix_millis(try_to_timestamp(event_at))',
      wall_ms: 'unix_millis(try_to_timestamp(event_at))',
    },
    types: { VARCHAR: 'STRING' },
    setup: [],
  },
  postgres: {
    fragments: {
      has_offset: `event_at ~ ${OFFSET_PATTERN}`,
      // no TRY_CAST: a text that is no timestamp fails the load instead of being dropped
      instant_ms: 'CAST(FLOOR(EXTRACT(EPOCH FROM CAST(event_at AS TIMESTAMPTZ)) * 1000) AS BIGINT)',
      wall_ms: 'CAST(FLOOR(EXTRACT(EPOCH FROM CAST(event_at AS TIMESTAMP)) * 1000) AS BIGINT)',
    },
    types: { DOUBLE: 'DOUBLE PRECISION' },
    setup: [],
  },
  clickhouse: {
    fragments: {
      has_offset: `match(event_at, ${OFFSET_PATTERN})`,
      instant_ms: "toUnixTimestamp64Milli(parseDateTime64BestEffortOrNull(event_at, 3, 'UTC'))",
      wall_ms: "toUnixTimestamp64Milli(parseDateTime64BestEffortOrNull(event_at, 3, 'UTC'))",
    },
    types: {},
    setup: [
      // an outer join's missing side is NULL, not the type's default (0, '')
      'SET join_use_nulls = 1',
      // CREATE TABLE ... AS without an ENGINE clause; columns nullable unless declared otherwise
      "SET default_table_engine = 'Memory'",
      'SET data_type_default_nullable = 1',
      // CAST(NULL AS DOUBLE) and casts of nullable columns stay nullable
      'SET cast_keep_nullable = 1',
      // a bare UNION is UNION DISTINCT, as in the standard
      "SET union_default_mode = 'DISTINCT'",
    ],
  },
};

/** Session settings to run once on a new connection. */
export function setupStatements(dialect: Dialect): readonly string[] {
  return RULES[dialect].setup;
}

/** One file's text for one engine: named fragments and type spellings replaced; parameters left as `$name`. */
export function adapt(text: string, dialect: Dialect): string {
  const rules = RULES[dialect];
  let out = text.replace(/\{\{([a-z_]+)\}\}/g, (_, name: string) => {
    const fragment = rules.fragments[name as keyof DialectRules['fragments']];
    if (fragment === undefined) throw new Error(`no SQL fragment {{${name}}} for ${dialect}`);
    return fragment;
  });
  for (const [from, to] of Object.entries(rules.types)) out = out.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
  return out;
}

/** Statements of a file in order (comments removed; files end each statement with `;` at the end of a line). */
export function statements(text: string): string[] {
  return text
    .replace(/--[^\n]*/g, '')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
