/**
 * Fault handlers for stories and tests: each overrides every endpoint under `baseUrl` (default `/api`), so
 * `worker.use(...faultHandlers.serverError())` puts a whole dashboard into one failure state.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { problemResponse, trimBase } from './problem.js';

export interface FaultOptions {
  baseUrl?: string;
}

const everyEndpoint = (options: FaultOptions | undefined): string => `${trimBase(options?.baseUrl ?? '/api')}/v1/*`;

/** The emptiest valid result of each endpoint, echoing the request's scope. */
function emptyResult(request: Request): unknown {
  const url = new URL(request.url);
  const endpoint = url.pathname.slice(url.pathname.lastIndexOf('/v1/') + 4);
  const param = (name: string): string => url.searchParams.get(name) ?? '';
  const scope = {
    org: param('org'),
    ...(url.searchParams.has('manager') ? { manager: param('manager') } : {}),
    period: param('period') || 'month',
    date: param('date'),
  };
  const asOf = new Date().toISOString();
  switch (endpoint) {
    case 'indicators':
      return { asOf, scope, period: { start: scope.date, end: scope.date }, indicators: [] };
    case 'leaderboard':
      return { asOf, scope, board: param('board') || 'managers', metric: param('metric') || 'points', entries: [] };
    case 'funnel':
      return { asOf, scope, stages: [] };
    case 'coverage':
      return { asOf, scope, cells: [] };
    case 'grids':
      return { type: 'FeatureCollection', features: [] };
    case 'alerts':
      return { asOf, scope, alerts: [] };
    case 'leads':
      return { asOf, scope, total: 0, nextCursor: null, leads: [] };
    default:
      return [];
  }
}

export const faultHandlers = {
  /** Delays every response by `ms`, then lets the next handler (the pilot, or the network) answer. */
  slow(ms: number, options?: FaultOptions): HttpHandler[] {
    return [
      http.get(everyEndpoint(options), async () => {
        await delay(ms);
        return undefined;
      }),
    ];
  },
  serverError(options?: FaultOptions): HttpHandler[] {
    return [http.get(everyEndpoint(options), () => problemResponse(500, 'The reporting database is unavailable.'))];
  },
  unauthorized(options?: FaultOptions): HttpHandler[] {
    return [http.get(everyEndpoint(options), () => problemResponse(401, 'The session has expired.'))];
  },
  /** 200 with a body cut off mid-way, as a proxy that drops the connection leaves it. */
  malformedJson(options?: FaultOptions): HttpHandler[] {
    return [
      http.get(
        everyEndpoint(options),
        () =>
          new HttpResponse('{"asOf": "2026-11-24T18:00:00+08:00", "entries": [', {
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    ];
  },
  /** 200 with well-formed JSON of the wrong structure, which validation rejects as a whole. */
  invalidData(options?: FaultOptions): HttpHandler[] {
    return [http.get(everyEndpoint(options), () => HttpResponse.json({ asOf: 20261124, items: 'none' }))];
  },
  /** 200 with valid results that contain nothing: the widgets' empty state. */
  empty(options?: FaultOptions): HttpHandler[] {
    return [
      http.get(everyEndpoint(options), ({ request }) =>
        HttpResponse.json(emptyResult(request) as Record<string, unknown>),
      ),
    ];
  },
  /** A back end without the optional `/v1/leads`: 404, so the kit shows counts without links. */
  noLeads(options?: FaultOptions): HttpHandler[] {
    return [
      http.get(`${trimBase(options?.baseUrl ?? '/api')}/v1/leads`, () => problemResponse(404, 'no such endpoint')),
    ];
  },
  networkError(options?: FaultOptions): HttpHandler[] {
    return [http.get(everyEndpoint(options), () => HttpResponse.error())];
  },
};
