/**
 * The reference back end for the conformance tests: the REST contract served over node:http on loopback from the
 * metrics engine on the synthetic pilot, as mocks/handlers/pilot.ts serves it through msw. `tamper` lets a test turn
 * it into one of the deliberately broken back ends.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_CATALOGUE,
  PERIOD_KINDS,
  isStrideError,
  type AdapterMethod,
  type Problem,
  type Scope,
} from '../../packages/core/src/contracts.js';
import { REST_PATHS } from '../../packages/core/src/adapters/http.js';
import { readRestQuery } from '../../packages/core/src/adapters/rest-query.js';
import { callEngine } from '../../packages/core/src/adapters/event-log-protocol.js';
import { createMetricsEngine, type MetricsEngine } from '../../packages/core/src/engine/index.js';
import { generatePilot, type PilotData } from '../../mocks/pilot/index.js';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** What a broken back end does instead: change the JSON it would send, or replace the whole reply. */
export interface Tamper {
  /** Called with the result the engine computed; may mutate or return a replacement. */
  result?: (method: AdapterMethod, result: unknown, url: URL) => unknown;
  /** Called before anything else; a Reply short-circuits the request. */
  before?: (method: AdapterMethod, url: URL) => Reply | Promise<Reply | undefined> | undefined;
}

export interface RunningServer {
  url: string;
  /** Requests received, and the most that were ever in flight at once. */
  stats: { requests: number; maxInFlight: number; headers: IncomingMessage['headers'][] };
  close(): Promise<void>;
}

let shared: { pilot: PilotData; engine: MetricsEngine } | null = null;
/** One pilot and engine for every server in a test file: generating and indexing them takes about a second. */
export function referenceEngine(): { pilot: PilotData; engine: MetricsEngine } {
  if (!shared) {
    // The real clock, as a deployed back end has: asOf is then never after the checker's own now.
    const pilot = generatePilot();
    shared = { pilot, engine: createMetricsEngine(pilot) };
  }
  return shared;
}

function problem(status: number, detail: string, errors?: Problem['errors']): Reply {
  const body: Problem = {
    type: 'about:blank',
    title: status === 400 ? 'Bad Request' : status === 404 ? 'Not Found' : 'Error',
    status,
    detail,
  };
  if (errors) body.errors = errors;
  return { status, contentType: 'application/problem+json', body: JSON.stringify(body) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return ISO_DATE.test(value) && Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Parameter checks of the contract (docs/openapi.yaml): every bad one is a 400 naming it. */
function readQuery(
  method: AdapterMethod,
  url: URL,
  pilot: PilotData,
): { query: unknown } | { errors: NonNullable<Problem['errors']> } {
  const params = url.searchParams;
  const errors: NonNullable<Problem['errors']> = [];
  const nodes = new Map(pilot.orgTree.map((node) => [node.id, node]));
  const org = params.get('org') ?? '';
  if (method !== 'orgTree' && (!nodes.has(org) || nodes.get(org)?.level === 'manager'))
    errors.push({ path: 'org', message: `unknown org "${org}"` });
  const scope: Scope = { org, period: params.get('period') as Scope['period'], date: params.get('date') ?? '' };
  const manager = params.get('manager');
  if (manager !== null) {
    if (nodes.get(manager)?.level !== 'manager')
      errors.push({ path: 'manager', message: `unknown manager "${manager}"` });
    scope.manager = manager;
  }
  if (method !== 'orgTree' && method !== 'grids') {
    if (!PERIOD_KINDS.includes(scope.period))
      errors.push({ path: 'period', message: `unknown period "${scope.period}"` });
    if (!isCalendarDate(scope.date)) errors.push({ path: 'date', message: `malformed date "${scope.date}"` });
  }
  let query: unknown = { scope };
  if (method === 'indicators') {
    const rows = params.get('rows');
    query = rows ? { scope, rows } : { scope };
  } else if (method === 'leaderboard') {
    const metric = params.get('metric') ?? '';
    if (metric !== 'points' && !DEFAULT_CATALOGUE.some((d) => d.id === metric))
      errors.push({ path: 'metric', message: `unknown metric "${metric}"` });
    query = { scope, board: params.get('board'), metric };
  } else if (method === 'alerts') {
    query = { scope, rows: params.get('rows') };
  } else if (method === 'grids') {
    query = { org };
  } else if (method === 'orgTree') {
    query = {};
  } else if (method === 'leads') {
    const read = readRestQuery('leads', params, nodes);
    if ('errors' in read) errors.push(...read.errors);
    else query = read.query;
  }
  return errors.length > 0 ? { errors } : { query };
}

export async function startServer(tamper: Tamper = {}): Promise<RunningServer> {
  const { pilot, engine } = referenceEngine();
  const byPath = new Map(
    (Object.entries(REST_PATHS) as [AdapterMethod, string][]).map(([method, path]) => [`/api${path}`, method]),
  );
  const stats: RunningServer['stats'] = { requests: 0, maxInFlight: 0, headers: [] };
  let inFlight = 0;

  async function answer(request: IncomingMessage): Promise<Reply> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = byPath.get(url.pathname);
    if (!method) return problem(404, `no endpoint ${url.pathname}`);
    const replaced = await tamper.before?.(method, url);
    if (replaced) return replaced;
    const read = readQuery(method, url, pilot);
    if ('errors' in read)
      return problem(400, read.errors.map((e) => `${e.path}: ${e.message}`).join('; '), read.errors);
    try {
      // A deep copy, so a tamper never changes what the engine hands to the next request.
      let result = structuredClone(callEngine(engine, method, read.query));
      if (tamper.result) result = tamper.result(method, result, url) ?? result;
      return { status: 200, contentType: 'application/json', body: JSON.stringify(result) };
    } catch (error) {
      if (isStrideError(error) && error.status !== undefined && error.status < 500)
        return problem(error.status, error.message);
      return problem(500, 'internal error');
    }
  }

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    stats.requests += 1;
    stats.headers.push(request.headers);
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    void answer(request)
      .catch(() => problem(500, 'internal error'))
      .then((reply) => {
        response.writeHead(reply.status, { 'Content-Type': reply.contentType });
        response.end(reply.body);
        inFlight -= 1;
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
