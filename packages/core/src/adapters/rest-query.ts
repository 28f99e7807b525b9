/**
 * Query-parameter checks of the REST contract (docs/openapi.yaml), the inverse of `restQueryParams`: URL parameters
 * back to an adapter query. Every bad parameter is named in `errors` so the 400 problem+json tells a portal developer
 * exactly which one to fix. The one implementation: the reference server and the msw handlers both use it.
 */
import {
  DEFAULT_CATALOGUE,
  PERIOD_KINDS,
  type AdapterMethod,
  type AdapterQueries,
  type IndicatorDefinition,
  type OrgNode,
  type Problem,
  type Scope,
} from '../contracts.js';

export type ParameterErrors = NonNullable<Problem['errors']>;

const BOARDS = ['managers', 'teams', 'subbranches', 'branches'];
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
  }
  return errors.length > 0 ? { errors } : { query: query as AdapterQueries[M] };
}
