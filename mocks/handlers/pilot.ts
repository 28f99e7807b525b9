/**
 * msw handlers serving the REST contract (docs/openapi.yaml) from the synthetic pilot, computed by the same metrics
 * engine the event-log adapter uses, so Storybook, the demo and the tests all see one consistent pilot.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { isStrideError, type AdapterMethod, type OrgNode } from '../../packages/core/src/contracts.js';
import { REST_PATHS } from '../../packages/core/src/adapters/http.js';
import { readRestQuery } from '../../packages/core/src/adapters/rest-query.js';
import { callEngine } from '../../packages/core/src/adapters/event-log-protocol.js';
import { createMetricsEngine, type MetricsEngine } from '../../packages/core/src/engine/index.js';
import { generatePilot, PILOT_CATALOGUE, type PilotData } from '../pilot/index.js';
import { problemResponse, trimBase } from './problem.js';

export interface PilotHandlerOptions {
  /** Default `/api`, as the demo and the stories configure the http adapter. */
  baseUrl?: string;
  /** Default: `generatePilot()`, generated on the first request. */
  pilot?: PilotData;
}

export function createPilotHandlers(options: PilotHandlerOptions = {}): HttpHandler[] {
  const base = trimBase(options.baseUrl ?? '/api');
  let loaded: { nodes: Map<string, OrgNode>; engine: MetricsEngine } | null = null;
  // Generating and indexing the pilot takes a moment: only a page that actually asks pays for it.
  const load = (): { nodes: Map<string, OrgNode>; engine: MetricsEngine } => {
    if (!loaded) {
      const pilot = options.pilot ?? generatePilot();
      // the pilot's catalogue, as the reference back end reads catalogue.json: the deposit balance and AUM it supplies
      // are answered like the event indicators (tiles, rows, a board ranked by them)
      const engine = createMetricsEngine({ catalogue: PILOT_CATALOGUE, ...pilot });
      loaded = { nodes: new Map(pilot.orgTree.map((node) => [node.id, node])), engine };
    }
    return loaded;
  };

  return (Object.keys(REST_PATHS) as AdapterMethod[]).map((method) =>
    http.get(`${base}${REST_PATHS[method]}`, ({ request }) => {
      const { nodes, engine } = load();
      const read = readRestQuery(method, new URL(request.url).searchParams, nodes, PILOT_CATALOGUE);
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
