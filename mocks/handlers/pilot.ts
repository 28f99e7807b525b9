/**
 * msw handlers serving the REST contract (docs/openapi.yaml) from the synthetic pilot, computed by the same metrics
 * engine the event-log adapter uses, so Storybook, the demo and the tests all see one consistent pilot.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  DEFAULT_CATALOGUE,
  PERIOD_KINDS,
  isStrideError,
  type AdapterMethod,
  type Problem,
  type Scope,
} from '../../packages/core/src/contracts.js';
import { REST_PATHS } from '../../packages/core/src/adapters/http.js';
import { callEngine } from '../../packages/core/src/adapters/event-log-protocol.js';
import { createMetricsEngine, type MetricsEngine } from '../../packages/core/src/engine/index.js';
import { generatePilot, type PilotData } from '../pilot/index.js';
import { problemResponse, trimBase } from './problem.js';

export interface PilotHandlerOptions {
  /** Default `/api`, as the demo and the stories configure the http adapter. */
  baseUrl?: string;
  /** Default: `generatePilot()`, generated on the first request. */
  pilot?: PilotData;
}

const BOARDS = ['managers', 'teams', 'subbranches', 'branches'];
const ROWS = ['children', 'managers'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

type ParameterErrors = NonNullable<Problem['errors']>;

/** Reads and checks the parameters of one endpoint; every bad one is named in `errors` for the 400. */
function readQuery(method: AdapterMethod, url: URL, pilot: PilotData): { query: unknown } | { errors: ParameterErrors } {
  const errors: ParameterErrors = [];
  const params = url.searchParams;
  const nodes = new Map(pilot.orgTree.map((node) => [node.id, node]));
  const requireParam = (name: string): string => {
    const value = params.get(name);
    if (value === null || value === '') errors.push({ path: name, message: `${name} is required` });
    return value ?? '';
  };
  const oneOf = (name: string, allowed: readonly string[], optional = false): string | undefined => {
    const value = optional ? params.get(name) ?? undefined : requireParam(name);
    if (value !== undefined && value !== '' && !allowed.includes(value)) {
      errors.push({ path: name, message: `unknown ${name} "${value}" (expected one of ${allowed.join(', ')})` });
    }
    return value;
  };
  const org = (): string => {
    const value = requireParam('org');
    if (value !== '' && (!nodes.has(value) || nodes.get(value)?.level === 'manager')) {
      errors.push({ path: 'org', message: `unknown org "${value}"` });
    }
    return value;
  };
  const scope = (): Scope => {
    const result: Scope = { org: org(), period: 'month', date: '' };
    const manager = params.get('manager');
    if (manager !== null) {
      if (nodes.get(manager)?.level !== 'manager') errors.push({ path: 'manager', message: `unknown manager "${manager}"` });
      result.manager = manager;
    }
    result.period = oneOf('period', PERIOD_KINDS) as Scope['period'];
    result.date = requireParam('date');
    if (result.date !== '' && !isCalendarDate(result.date)) {
      errors.push({ path: 'date', message: `malformed date "${result.date}" (expected YYYY-MM-DD)` });
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
        metric: oneOf('metric', ['points', ...DEFAULT_CATALOGUE.map((d) => d.id)]),
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
  }
  return errors.length > 0 ? { errors } : { query };
}

export function createPilotHandlers(options: PilotHandlerOptions = {}): HttpHandler[] {
  const base = trimBase(options.baseUrl ?? '/api');
  let loaded: { pilot: PilotData; engine: MetricsEngine } | null = null;
  // Generating and indexing the pilot takes a moment: only a page that actually asks pays for it.
  const load = (): { pilot: PilotData; engine: MetricsEngine } => {
    if (!loaded) {
      const pilot = options.pilot ?? generatePilot();
      loaded = { pilot, engine: createMetricsEngine(pilot) };
    }
    return loaded;
  };

  return (Object.keys(REST_PATHS) as AdapterMethod[]).map((method) =>
    http.get(`${base}${REST_PATHS[method]}`, ({ request }) => {
      const { pilot, engine } = load();
      const read = readQuery(method, new URL(request.url), pilot);
      if ('errors' in read) {
        return problemResponse(400, read.errors.map((e) => `${e.path}: ${e.message}`).join('; '), read.errors);
      }
      try {
        return HttpResponse.json(callEngine(engine, method, read.query) as Record<string, unknown>);
      } catch (error) {
        if (isStrideError(error) && error.status === 400) return problemResponse(400, error.message);
        return problemResponse(500, error instanceof Error ? error.message : String(error));
      }
    }),
  );
}
