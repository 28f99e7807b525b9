/**
 * Query-parameter checks of the REST contract (docs/openapi.yaml), the inverse of `restQueryParams`: URL parameters
 * back to an adapter query. Every bad parameter is named in `errors` so the 400 problem+json tells a portal developer
 * exactly which one to fix. The one implementation: the reference server and the msw handlers both use it.
 */
import {
  DEFAULT_CATALOGUE,
  FUNNEL_STAGES,
  LEADS_LIMIT_MAX,
  LEADS_SORT_KEYS,
  PERIOD_KINDS,
  type LeadsFilter,
  type LeadsQuery,
  type LeadsSortKey,
  type AdapterMethod,
  type AdapterQueries,
  type IndicatorDefinition,
  type OrgNode,
  type Problem,
  type Scope,
} from '../contracts.js';

export type ParameterErrors = NonNullable<Problem['errors']>;

const BOARDS = ['managers', 'teams', 'subbranches', 'branches'];
const OUTCOMES = ['counted', 'missed'];
const DIRECTIONS = ['asc', 'desc'];
/** A cursor is an opaque token of the back end; longer is not one of ours. */
const MAX_CURSOR_LENGTH = 512;
const ROWS = ['children', 'managers'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Ids longer than this are not ids; refusing them early keeps logs and error messages small. */
const MAX_PARAMETER_LENGTH = 128;

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Echo a bad value in a message without letting a huge or odd one through. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

export function readRestQuery<M extends AdapterMethod>(
  method: M,
  params: URLSearchParams,
  nodes: ReadonlyMap<string, OrgNode>,
  catalogue: readonly IndicatorDefinition[] = DEFAULT_CATALOGUE,
): { query: AdapterQueries[M] } | { errors: ParameterErrors } {
  const errors: ParameterErrors = [];
  const get = (name: string): string | null => {
    const values = params.getAll(name);
    if (values.length > 1) errors.push({ path: name, message: `${name} given ${values.length} times` });
    const value = values[0] ?? null;
    if (value !== null && value.length > MAX_PARAMETER_LENGTH) {
      errors.push({ path: name, message: `${name} is longer than ${MAX_PARAMETER_LENGTH} characters` });
      return '';
    }
    return value;
  };
  const required = (name: string): string => {
    const value = get(name);
    if (value === null || value === '') errors.push({ path: name, message: `${name} is required` });
    return value ?? '';
  };
  const oneOf = (name: string, allowed: readonly string[], optional = false): string | undefined => {
    const value = optional ? (get(name) ?? undefined) : required(name);
    if (value !== undefined && value !== '' && !allowed.includes(value)) {
      errors.push({ path: name, message: `unknown ${name} ${shown(value)} (expected one of ${allowed.join(', ')})` });
    }
    return value;
  };
  const org = (): string => {
    const value = required('org');
    if (value !== '' && (!nodes.has(value) || nodes.get(value)?.level === 'manager')) {
      errors.push({ path: 'org', message: `unknown org ${shown(value)}` });
    }
    return value;
  };
  const scope = (): Scope => {
    const result: Scope = { org: org(), period: 'month', date: '' };
    const manager = get('manager');
    if (manager !== null) {
      if (nodes.get(manager)?.level !== 'manager')
        errors.push({ path: 'manager', message: `unknown manager ${shown(manager)}` });
      result.manager = manager;
    }
    result.period = oneOf('period', PERIOD_KINDS) as Scope['period'];
    result.date = required('date');
    if (result.date !== '' && !isCalendarDate(result.date)) {
      errors.push({ path: 'date', message: `malformed date ${shown(result.date)} (expected YYYY-MM-DD)` });
    }
    return result;
  };

  let query: unknown;
  switch (method) {
    case 'indicators': {
      const s = scope();
      const rows = oneOf('rows', ROWS, true);
      query = rows ? { scope: s, rows } : { scope: s };
      break;
    }
    case 'leaderboard':
      query = {
        scope: scope(),
        board: oneOf('board', BOARDS),
        metric: oneOf('metric', ['points', ...catalogue.map((d) => d.id)]),
      };
      break;
    case 'funnel':
    case 'coverage':
      query = { scope: scope() };
      break;
    case 'grids':
      query = { org: org() };
      break;
    case 'orgTree':
      query = {};
      break;
    case 'alerts':
      query = { scope: scope(), rows: oneOf('rows', ROWS) };
      break;
    case 'leads':
      query = leadsQuery(scope(), get, oneOf, errors, catalogue, params);
      break;
  }
  return errors.length > 0 ? { errors } : { query: query as AdapterQueries[M] };
}

/** GET /v1/leads: the filter's fields, `sort` + `dir`, `limit` (1-500) and `cursor`, as `restQueryParams` writes them. */
function leadsQuery(
  scope: Scope,
  get: (name: string) => string | null,
  oneOf: (name: string, allowed: readonly string[], optional?: boolean) => string | undefined,
  errors: ParameterErrors,
  catalogue: readonly IndicatorDefinition[],
  params: URLSearchParams,
): LeadsQuery {
  const filter: LeadsFilter = {};
  const stage = oneOf('stage', FUNNEL_STAGES, true);
  if (stage) filter.stage = stage as LeadsFilter['stage'];
  const overdue = oneOf('overdue', [...FUNNEL_STAGES, 'any'], true);
  if (overdue) filter.overdue = overdue as LeadsFilter['overdue'];
  const gridId = get('gridId');
  if (gridId !== null && gridId !== '') filter.gridId = gridId;
  const covered = oneOf('covered', ['true'], true);
  if (covered) filter.covered = true;
  if (covered && !filter.gridId) errors.push({ path: 'covered', message: 'covered needs gridId' });
  const indicator = oneOf(
    'indicator',
    catalogue.map((d) => d.id),
    true,
  );
  if (indicator) filter.indicator = indicator;
  const outcome = oneOf('outcome', OUTCOMES, true);
  if (outcome) filter.outcome = outcome as LeadsFilter['outcome'];
  if (outcome && !indicator) errors.push({ path: 'outcome', message: 'outcome needs indicator' });
  const query: LeadsQuery = { scope, filter, limit: 0 };
  const by = oneOf('sort', LEADS_SORT_KEYS, true);
  const dir = oneOf('dir', DIRECTIONS, true);
  if (by) query.sort = { by: by as LeadsSortKey, dir: (dir || 'desc') as 'asc' | 'desc' };
  else if (dir) errors.push({ path: 'dir', message: 'dir needs sort' });
  const limit = get('limit');
  const n = limit === null || limit === '' ? NaN : Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > LEADS_LIMIT_MAX) {
    errors.push({ path: 'limit', message: `limit must be an integer from 1 to ${LEADS_LIMIT_MAX}` });
  } else query.limit = n;
  const cursor = params.get('cursor');
  if (cursor !== null) {
    if (cursor.length > MAX_CURSOR_LENGTH || !/^[\w.-]+$/.test(cursor))
      errors.push({ path: 'cursor', message: 'malformed cursor' });
    else query.cursor = cursor;
  }
  return query;
}
