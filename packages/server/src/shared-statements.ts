/**
 * The statements behind live views, shared by requests whose rows cannot differ. A live view's asOf is now, so two
 * requests a second apart never ask the same question; but until the clock passes a time in the scope's data
 * (src/moments.ts), they get the same rows. At the morning peak a team's fifty managers open their boards within
 * minutes of each other, and each board is the team's: one computation answers them all.
 *
 * A statement is shared when its file is one of SHARED, every parameter but the instants is equal, and for each
 * instant no time of the scope's data (its managers', or its grids'), plus each duration it is given, lies between
 * the kept value and the asked one. Rows are kept per data version, the latest computation per question, bounded by
 * rows.
 */
import type { OrgNode } from '../../core/src/contracts.js';
import type { DataMoments } from './moments.js';
import { query, type SqlConnection, type SqlParams, type SqlRow } from './sql.js';

/** Parameters that move with the clock: asOf and the instants derived from it. */
const INSTANTS: ReadonlySet<string> = new Set(['to_ms', 'prev_to_ms', 'as_of_ms', 'pilot_to_ms']);

/** Durations a statement adds to its data's times before comparing them with an instant. */
const DURATION = /^(claim|sla_[a-z]+)_ms$/;

/**
 * Files that compare each instant with nothing but the times sql/moments.sql lists (plus durations), by whose data
 * they read: the facts of `$unit`'s managers (through org_manager, or the leads their `assigned` facts name), or the
 * grids of `$unit` (coverage.sql: a grid's customers are reached by whoever acts there). Not supplied_trend.sql,
 * which changes by the day: its rows are every manager's balance in every bucket (about 100 a manager at a month's
 * end), so the service keeps each unit's series instead (metrics.ts, suppliedTrendOf).
 */
const SHARED: ReadonlyMap<string, 'managers' | 'grids'> = new Map([
  ['indicators.sql', 'managers'],
  ['indicator_trend.sql', 'managers'],
  ['points.sql', 'managers'],
  ['streaks.sql', 'managers'],
  ['badges.sql', 'managers'],
  ['funnel.sql', 'managers'],
  ['last_action.sql', 'managers'],
  ['open_overdue_counts.sql', 'managers'],
  ['coverage.sql', 'grids'],
]);

export interface SharedStatementsStats {
  /** Statements run. */
  computed: number;
  /** Statements answered with rows another request computed (or is computing). */
  shared: number;
  /** Rows kept now. */
  rows: number;
}

export interface SharedStatements {
  /** The rows of `file` with `params`: computed on `connection`, or another request's that cannot differ. */
  rows(connection: SqlConnection, file: string, params: SqlParams): Promise<SqlRow[]>;
  readonly stats: SharedStatementsStats;
}

export interface SharedStatementsSource {
  readonly nodes: ReadonlyMap<string, OrgNode>;
  /** Each grid's managers, as grid_manager holds them. */
  readonly gridManagers: ReadonlyMap<string, readonly string[]>;
  /** The request's data version's moments; undefined on a warehouse that does not read them (nothing is shared). */
  readonly moments?: DataMoments | undefined;
}

/**
 * Rows kept, at most: about 55 MB of heap (110 bytes a row, measured at the morning peak). A team of 50 managers keeps
 * 660 rows a day for its pages (the indicators of the team and each manager, their sparklines and the board) in a
 * month's first week and 1,900 at its end, so a bank's 200 teams keep 130,000-380,000, with room for the morning's
 * last-month and past-day views. Fewer, and the teams' statements run again as fast as they are pushed out.
 */
const ROWS_KEPT = 500_000;

export function createSharedStatements(source: SharedStatementsSource, maxRows = ROWS_KEPT): SharedStatements {
  const stats: SharedStatementsStats = { computed: 0, shared: 0, rows: 0 };
  const kept = new Map<string, Kept>();
  let managersByOrg: Map<string, string[]> | undefined;
  const gridsByOrg = new Map<string, string[]>();

  /** The managers a unit sums (a manager is its own one-manager unit), as org_manager lists them. */
  function managersOf(unit: string): readonly string[] {
    if (managersByOrg === undefined) {
      managersByOrg = new Map();
      for (const node of source.nodes.values()) {
        if (node.level !== 'manager') continue;
        for (
          let at: OrgNode | undefined = node;
          at;
          at = at.parentId === null ? undefined : source.nodes.get(at.parentId)
        ) {
          let managers = managersByOrg.get(at.id);
          if (!managers) managersByOrg.set(at.id, (managers = []));
          managers.push(node.id);
        }
      }
    }
    return managersByOrg.get(unit) ?? [];
  }

  /** The moments' owners of a unit's grids, as coverage.sql finds them: its managers' grids, or all for the bank. */
  function gridsOf(unit: string): readonly string[] {
    let grids = gridsByOrg.get(unit);
    if (grids === undefined) {
      const all = source.nodes.get(unit)?.level === 'bank';
      const managers = new Set(managersOf(unit));
      grids = [];
      for (const [grid, gridManagers] of source.gridManagers)
        if (all || gridManagers.some((manager) => managers.has(manager))) grids.push(`grid ${grid}`);
      gridsByOrg.set(unit, grids);
    }
    return grids;
  }

  function drop(key: string): void {
    const entry = kept.get(key);
    if (!entry) return;
    kept.delete(key);
    stats.rows -= entry.size;
  }

  return {
    stats,
    rows(connection, file, params) {
      const moments = source.moments;
      const owners = SHARED.get(file);
      if (moments === undefined || owners === undefined) return query(connection, file, params);
      const fixed: [string, unknown][] = [];
      const durations: number[] = [];
      for (const name of Object.keys(params).sort()) {
        if (INSTANTS.has(name)) continue;
        const value = params[name]!;
        fixed.push([name, value]);
        if (DURATION.test(name) && typeof value === 'number') durations.push(value);
      }
      const key = `${moments.version}|${file}|${JSON.stringify(fixed)}`;
      const found = kept.get(key);
      if (found !== undefined) {
        const unit = String(params['unit']);
        const data = owners === 'grids' ? gridsOf(unit) : managersOf(unit);
        const same = [...INSTANTS].every((name) => {
          const asked = params[name];
          const had = found.instants[name];
          if (asked === undefined || had === undefined) return asked === had;
          return typeof asked === 'number' && typeof had === 'number' && moments.unchanged(data, had, asked, durations);
        });
        if (same) {
          stats.shared++;
          // most recently used last
          kept.delete(key);
          kept.set(key, found);
          // the computing request may be interrupted (its client left): then this one computes for itself
          return found.rows.catch(() => query(connection, file, params));
        }
      }
      stats.computed++;
      const instants: Record<string, number | string | boolean> = {};
      for (const name of INSTANTS) if (params[name] !== undefined) instants[name] = params[name];
      const entry: Kept = { instants, rows: query(connection, file, params), size: 0 };
      drop(key);
      kept.set(key, entry);
      entry.rows.then(
        (rows) => {
          if (kept.get(key) !== entry) return;
          entry.size = rows.length;
          stats.rows += rows.length;
          for (const oldest of kept.keys()) {
            if (stats.rows <= maxRows || oldest === key) break;
            drop(oldest);
          }
        },
        // a failed (or interrupted) statement is not kept: the next request runs it again
        () => kept.get(key) === entry && drop(key),
      );
      return entry.rows;
    },
  };
}

/** The latest computation of one question: the instants it was asked at and its rows (shared, never changed). */
interface Kept {
  instants: Readonly<Record<string, number | string | boolean>>;
  rows: Promise<SqlRow[]>;
  size: number;
}
