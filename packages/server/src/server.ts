/**
 * The REST contract (docs/openapi.yaml) over Node's own http module: GET /v1/... under a base path, the portal's
 * auth through a verify hook on every request, CORS only for configured origins, validated parameters, size and
 * time limits, problem+json for every error (never a stack trace) and a clean shutdown.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { isStrideError, type AdapterMethod, type Problem } from '../../core/src/contracts.js';
import type { MetricsService } from './metrics.js';
import { readRestQuery } from '../../core/src/adapters/rest-query.js';
import type { Warehouse } from './warehouse.js';
import { createResultCache, gzip, type ResultCache } from './result-cache.js';

/** Mirrors REST_PATHS of the http adapter (packages/core/src/adapters/http.ts). */
const ROUTES: Readonly<Record<string, AdapterMethod>> = {
  '/v1/indicators': 'indicators',
  '/v1/leaderboard': 'leaderboard',
  '/v1/funnel': 'funnel',
  '/v1/coverage': 'coverage',
  '/v1/grids': 'grids',
  '/v1/org-tree': 'orgTree',
  '/v1/alerts': 'alerts',
  '/v1/leads': 'leads',
};

export interface VerifyRequest {
  method: string;
  /** Path and query as received, e.g. `/api/v1/indicators?org=br-hz&...`. */
  url: URL;
  /** The contract operation, so a hook can check the session may see `org` (403) as well as who it is (401). */
  operation: AdapterMethod;
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
}

/**
 * What the portal's session check grants. `session` names the session in the audit log (an id, never a token);
 * `org` limits `leads` to that org's subtree and `manager` to that manager's own leads (a manager's session);
 * `unmasked` lets the session see customer names and mobiles (a role the bank decides). Without `org` and
 * `manager` the session may see every org; without `unmasked`, customer data is masked.
 */
export type VerifyResult =
  | { ok: true; session?: string; org?: string; manager?: string; unmasked?: boolean }
  | { ok: false; status: 401 | 403; detail?: string };

/**
 * One audit line per `leads` request, refused ones included: who asked, when, for which scope and filter, how many
 * rows went out and whether masked. Never customer values (the filter holds ids and stages only).
 */
export interface LeadsAuditEntry {
  at: string;
  session: string | null;
  status: number;
  scope: Record<string, string> | null;
  filter: Record<string, string>;
  sort: string | null;
  rows: number;
  total: number | null;
  masked: boolean;
}

export interface StrideServerOptions {
  warehouse: Warehouse;
  metrics: MetricsService;
  /** Asked on every request before any data is read: the bank portal's session check. Required. */
  verify: (request: VerifyRequest) => VerifyResult | Promise<VerifyResult>;
  /** Where `/v1/...` lives. Default `/api`, as the demo configures the http adapter. */
  basePath?: string;
  /** Exact origins (`https://portal.bank.example`) allowed to call from a browser. Default: none. */
  allowedOrigins?: readonly string[];
  /** Request headers a browser may send cross-origin. Default: Authorization, Accept, Content-Type, X-Request-Id. */
  allowedHeaders?: readonly string[];
  /** Deadline for one request's queries; past it the statement is interrupted and a 503 is sent. Default 10 s. */
  requestTimeoutMs?: number;
  /** Longest accepted request target (path + query). Default 2,048 bytes. */
  maxUrlBytes?: number;
  /** Largest accepted header block. Default 16 KB. */
  maxHeaderBytes?: number;
  /** Answers kept by data version, query and asOf (./result-cache.ts). Default: a 64 MB cache; false: none. */
  cache?: ResultCache | false;
  /** Server-side log of failures (the client only ever sees a generic problem). Default: console.error. */
  log?: (message: string, error?: unknown) => void;
  /** Where the leads audit goes. Default: one JSON line on stdout per request (`stride-audit {...}`). */
  audit?: (entry: LeadsAuditEntry) => void;
}

export interface StrideServer {
  readonly server: Server;
  /**
   * The answer cache in use (undefined with `cache: false`): its stats count hits, shared computations and misses
   * since start, for a bench or an operator's own metrics. Not served over HTTP: the counts say how busy the bank is.
   */
  readonly cache: ResultCache | undefined;
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes the database. */
  close(graceMs?: number): Promise<void>;
}

const REASON: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function errorStatus(error: unknown): number {
  return isStrideError(error) && error.status !== undefined && error.status < 500 ? error.status : 500;
}

function sendProblem(res: ServerResponse, status: number, detail: string, errors?: Problem['errors']): void {
  const problem: Problem = { type: 'about:blank', title: REASON[status] ?? 'Error', status, detail };
  if (errors) problem.errors = errors;
  send(res, status, 'application/problem+json', JSON.stringify(problem));
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cacheable = false,
  encoding?: 'gzip',
): void {
  if (res.headersSent || res.destroyed) return;
  // encoded once: Buffer.byteLength and then end() would each walk a half-megabyte board
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Content-Length', bytes.byteLength);
  if (encoding) res.setHeader('Content-Encoding', encoding);
  // numbers of named people: never in a shared cache
  res.setHeader('Cache-Control', cacheable ? 'private, max-age=300' : 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(bytes);
}

/**
 * Answers from this size on go gzipped to a client that accepts it: the bank's grids are about 11 MB of GeoJSON
 * (2.4 MB gzipped) and a board of a branch's 10,000 managers 3.3 MB, on a phone in a portal frame. A smaller
 * answer gains too little to spend the CPU on.
 */
const GZIP_FROM_CHARS = 32 * 1024;

/** Whether Accept-Encoding allows gzip (a `q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding.trim() === 'gzip' || coding.trim() === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * A JSON answer, gzipped when the client accepts it and it is big enough; `kept` gives its gzip kept beside it in
 * the answer cache, if it is kept there (compressed only once a client asks for gzip).
 */
async function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  cacheable: boolean,
  kept?: () => Promise<Buffer> | undefined,
): Promise<void> {
  // every answer may come either way, so a cache between must key on the request's Accept-Encoding
  res.setHeader('Vary', 'Accept-Encoding');
  if (body.length < GZIP_FROM_CHARS || !acceptsGzip(req.headers['accept-encoding'])) {
    send(res, 200, 'application/json', body, cacheable);
    return;
  }
  send(res, 200, 'application/json', await (kept?.() ?? gzip(body, 'per request')), cacheable, 'gzip');
}

/**
 * `body` (a result serialised with `computedFor` as its scope) with `asked` as its scope instead. Results begin
 * with asOf, a date-time string, so the first serialised scope is the result's own.
 */
function withScope(body: string, computedFor: unknown, asked: unknown): string {
  const scope = `"scope":${JSON.stringify(asked)}`;
  return body.replace(`"scope":${JSON.stringify(computedFor)}`, () => scope);
}

export function createStrideServer(options: StrideServerOptions): StrideServer {
  const basePath = (options.basePath ?? '/api').replace(/\/+$/, '');
  const origins = new Set(options.allowedOrigins ?? []);
  const allowedHeaders = (options.allowedHeaders ?? ['Authorization', 'Accept', 'Content-Type', 'X-Request-Id']).join(
    ', ',
  );
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxUrlBytes = options.maxUrlBytes ?? 2048;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const audit = options.audit ?? ((entry: LeadsAuditEntry) => console.log(`stride-audit ${JSON.stringify(entry)}`));
  const nodes = options.warehouse.nodes;
  /** Whether `id` is `root` or under it in the org tree. */
  const within = (id: string, root: string): boolean => {
    const seen = new Set<string>();
    for (let node = nodes.get(id); node && !seen.has(node.id); node = nodes.get(node.parentId ?? '')) {
      if (node.id === root) return true;
      seen.add(node.id);
    }
    return false;
  };
  /** The parameters of a leads request as the audit keeps them: the filter's ids and stages, never a value. */
  const LEADS_FILTER_PARAMS = ['stage', 'overdue', 'gridId', 'covered', 'indicator', 'outcome'];
  function auditLeads(url: URL, verdict: VerifyResult, status: number, result?: { rows: number; total: number }): void {
    const params = url.searchParams;
    const filter: Record<string, string> = {};
    for (const name of LEADS_FILTER_PARAMS) {
      const value = params.get(name);
      if (value !== null) filter[name] = value.slice(0, 128);
    }
    const scope: Record<string, string> = {};
    for (const name of ['org', 'manager', 'period', 'date']) {
      const value = params.get(name);
      if (value !== null) scope[name] = value.slice(0, 128);
    }
    const sort = params.get('sort');
    audit({
      at: new Date().toISOString(),
      session: verdict.ok ? (verdict.session ?? null) : null,
      status,
      scope: Object.keys(scope).length > 0 ? scope : null,
      filter,
      sort: sort === null ? null : `${sort.slice(0, 32)} ${params.get('dir')?.slice(0, 8) ?? 'desc'}`,
      rows: result?.rows ?? 0,
      total: result?.total ?? null,
      masked: !(verdict.ok && verdict.unmasked === true),
    });
  }
  const inFlight = new Set<Promise<void>>();
  const cache = options.cache === false ? undefined : (options.cache ?? createResultCache(options.warehouse));
  let closing = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    if (Buffer.byteLength(target) > maxUrlBytes)
      return sendProblem(res, 414, `request target longer than ${maxUrlBytes} bytes`);

    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (origins.has(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Expose-Headers', 'Content-Type');
      }
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      // A preflight carries no credentials, so it is answered before verify; it reveals nothing but the CORS policy.
      if (origin === undefined || !origins.has(origin)) return sendProblem(res, 403, 'origin not allowed');
      res.statusCode = 204;
      res.setHeader('Access-Control-Allow-Methods', 'GET');
      res.setHeader('Access-Control-Allow-Headers', allowedHeaders);
      res.setHeader('Access-Control-Max-Age', '600');
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET');
      return sendProblem(res, 405, 'only GET is supported');
    }
    // The contract has no request bodies: refuse one rather than read it.
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > 0 || req.headers['transfer-encoding'] !== undefined)
      return sendProblem(res, 413, 'requests carry no body');
    if (closing) {
      res.setHeader('Connection', 'close');
      return sendProblem(res, 503, 'server is shutting down');
    }

    const url = new URL(target, 'http://stride.invalid');
    const operation = url.pathname.startsWith(`${basePath}/`) ? ROUTES[url.pathname.slice(basePath.length)] : undefined;
    if (!operation || !options.metrics[operation]) return sendProblem(res, 404, 'no such endpoint');

    const verdict = await options.verify({
      method: req.method,
      url,
      operation,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
    });
    if (!verdict.ok) {
      if (operation === 'leads') auditLeads(url, verdict, verdict.status);
      if (verdict.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      return sendProblem(
        res,
        verdict.status,
        verdict.detail ?? (verdict.status === 401 ? 'session missing or expired' : 'not allowed to see this scope'),
      );
    }

    const read = readRestQuery(operation, url.searchParams, options.warehouse.nodes, options.warehouse.catalogue);
    if ('errors' in read) {
      if (operation === 'leads') auditLeads(url, verdict, 400);
      return sendProblem(res, 400, read.errors.map((e) => `${e.path}: ${e.message}`).join('; '), read.errors);
    }
    if (operation === 'leads') {
      // Customer data stays inside the session's org subtree; a manager's session sees only their own leads.
      const scope = (read.query as { scope: { org: string; manager?: string } }).scope;
      const outside =
        (verdict.manager !== undefined && scope.manager !== verdict.manager) ||
        (verdict.org !== undefined && !within(scope.manager ?? scope.org, verdict.org));
      if (outside) {
        auditLeads(url, verdict, 403);
        return sendProblem(res, 403, 'not allowed to see the leads of this scope');
      }
    }

    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    // a client that hangs up stops its query too
    const hangUp = (): void => {
      if (!res.writableFinished) deadline.abort();
    };
    res.once('close', hangUp);
    try {
      const run = options.metrics[operation] as (
        q: unknown,
        signal: AbortSignal,
        access: { unmasked: boolean },
      ) => Promise<unknown>;
      if (operation === 'leads') {
        // Leads depend on the session (scope, masking) and are audited: never kept in the cache.
        const result = await run(read.query, deadline.signal, { unmasked: verdict.unmasked === true });
        if (deadline.signal.aborted) throw new Error('deadline');
        const leads = result as { leads: unknown[]; total: number };
        auditLeads(url, verdict, 200, { rows: leads.leads.length, total: leads.total });
        await sendJson(req, res, JSON.stringify(result), false);
        return;
      }
      // A board ranks everyone of its level under the org whoever asks (the manager is `me`, highlighted by the
      // kit): at 08:30 a team's managers all open the same board, so it is computed once for the org and each
      // asker gets it with their own scope back.
      const asked = read.query as { scope?: { manager?: string } };
      const boardScope =
        operation === 'leaderboard' && asked.scope?.manager !== undefined
          ? { ...asked.scope, manager: undefined }
          : undefined;
      const computed: unknown = boardScope ? { ...asked, scope: boardScope } : read.query;
      const compute = (): Promise<unknown> => run(computed, deadline.signal, { unmasked: false });
      const key = cache?.key(operation, computed);
      let body = cache ? await cache.body(key, compute) : JSON.stringify(await compute());
      // a board sent with the asker's own scope is that asker's body: compressed for them alone
      if (boardScope) body = withScope(body, boardScope, asked.scope);
      if (deadline.signal.aborted) throw new Error('deadline');
      const keptGzip = boardScope || !cache ? undefined : () => cache.gzipped(key);
      await sendJson(req, res, body, operation === 'grids' || operation === 'orgTree', keptGzip);
    } catch (error) {
      if (operation === 'leads') auditLeads(url, verdict, deadline.signal.aborted ? 503 : errorStatus(error));
      if (deadline.signal.aborted) sendProblem(res, 503, `the query took longer than ${timeoutMs} ms`);
      else if (isStrideError(error) && error.status !== undefined && error.status < 500) {
        // a stale cursor: the kit reloads page 1
        sendProblem(res, error.status, error.message);
      } else {
        log(`stride-server: ${operation} failed`, error);
        sendProblem(res, 500, 'the server could not compute this result');
      }
    } finally {
      clearTimeout(timer);
      res.off('close', hangUp);
    }
  }

  const server = createServer({ maxHeaderSize: options.maxHeaderBytes ?? 16_384 }, (req, res) => {
    const work = handle(req, res).catch((error: unknown) => {
      log('stride-server: request failed', error);
      sendProblem(res, 500, 'the server could not handle this request');
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  // Node's own guards against slow clients, a little beyond the query deadline.
  server.requestTimeout = timeoutMs + 5_000;
  server.headersTimeout = Math.min(timeoutMs + 5_000, 30_000);
  server.keepAliveTimeout = 5_000;

  return {
    server,
    cache,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shownHost}:${address.port}${basePath}`, port: address.port });
        });
      });
    },
    async close(graceMs = 5_000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), grace]);
      server.closeAllConnections();
      await stopped;
      await options.warehouse.close();
    },
  };
}
