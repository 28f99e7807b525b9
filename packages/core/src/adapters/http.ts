import {
  StrideError,
  isStrideError,
  type AdapterMethod,
  type AdapterQueries,
  type LeadsResult,
  type Problem,
  type Scope,
  type StrideAdapter,
} from '../contracts.js';
import { abortReason, throwIfAborted } from './abort.js';
import { isRecord } from '../validation/checks.js';
import { markLeadsMissing } from '../leads/capability.js';

/** The REST contract's paths (docs/openapi.yaml), relative to the adapter's baseUrl. */
export const REST_PATHS: Readonly<Record<AdapterMethod, string>> = {
  indicators: '/v1/indicators',
  leaderboard: '/v1/leaderboard',
  funnel: '/v1/funnel',
  coverage: '/v1/coverage',
  grids: '/v1/grids',
  orgTree: '/v1/org-tree',
  alerts: '/v1/alerts',
  leads: '/v1/leads',
};

export interface HttpAdapterOptions {
  /** Where the `/v1/...` paths live, absolute or relative to the page, e.g. `/api` or `https://mis.bank.example/stride`. */
  baseUrl: string;
  /** Asked before every request, so a host can hand over a fresh session token each time. */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
  /** A host's own fetch (a portal SDK that signs requests); default the page's fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Give up after this long (headers, response and body together). Default 15,000 ms. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

// HTTP/2 responses carry no reason phrase, so messages take it from here.
const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The query string of each endpoint, as docs/openapi.yaml names the parameters: a query's scope spread into org,
 * manager, period and date, its other fields (rows, board, metric; grids' org) under their own names.
 */
export function restQueryParams<M extends AdapterMethod>(method: M, query: AdapterQueries[M]): URLSearchParams {
  const { scope, ...fields } = (query ?? {}) as { scope?: Scope } & Record<string, unknown>;
  const params = new URLSearchParams();
  if (scope) {
    params.set('org', scope.org);
    if (scope.manager !== undefined) params.set('manager', scope.manager);
    params.set('period', scope.period);
    params.set('date', scope.date);
  }
  if (method === 'leads') {
    // The leads filter flattened: no customer data ever goes into a URL, only ids, stages and keys.
    const { filter, sort, limit, cursor } = query as AdapterQueries['leads'];
    for (const [name, value] of Object.entries(filter ?? {})) {
      if (typeof value === 'string') params.set(name, value);
      else if (value === true) params.set(name, 'true');
    }
    if (sort) {
      params.set('sort', sort.by);
      params.set('dir', sort.dir);
    }
    params.set('limit', String(limit));
    if (cursor !== undefined) params.set('cursor', cursor);
    return params;
  }
  for (const [name, value] of Object.entries(fields)) if (typeof value === 'string') params.set(name, value);
  return params;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads an error body as problem+json when it is one; a proxy's HTML error page just gives a shortened text. */
function readProblem(status: number, statusText: string, body: string): { problem?: Problem; detail: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const text = body.replace(/\s+/g, ' ').trim();
    return { detail: text.length > 200 ? `${text.slice(0, 200)}…` : text };
  }
  if (!isRecord(parsed)) return { detail: '' };
  const problem: Problem = {
    type: typeof parsed.type === 'string' ? parsed.type : 'about:blank',
    title: typeof parsed.title === 'string' ? parsed.title : statusText,
    status: typeof parsed.status === 'number' ? parsed.status : status,
  };
  if (typeof parsed.detail === 'string') problem.detail = parsed.detail;
  if (Array.isArray(parsed.errors)) problem.errors = parsed.errors as Problem['errors'];
  const detail = problem.detail ?? (problem.title !== statusText ? problem.title : '');
  return { problem, detail };
}

/**
 * An adapter for the versioned REST contract that bank back ends implement (docs/openapi.yaml).
 * It maps transport failures to StrideError kinds (auth, http, network, timeout, invalid) with messages naming the
 * endpoint; it does not validate the body, because the query layer validates every adapter's result the same way.
 */
export function createHttpAdapter(options: HttpAdapterOptions): StrideAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Called through a local function: window.fetch throws "Illegal invocation" when called as a method of another object.
  const send = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));

  async function request<M extends AdapterMethod>(
    method: M,
    query: AdapterQueries[M],
    signal: AbortSignal,
  ): Promise<unknown> {
    throwIfAborted(signal);
    const path = REST_PATHS[method];
    const endpoint = `GET ${path}`;
    const search = restQueryParams(method, query).toString();
    const url = `${base}${path}${search ? `?${search}` : ''}`;

    // AbortSignal.any and AbortSignal.timeout are newer than the Chromium 105 banks still run: combine by hand.
    const controller = new AbortController();
    let timedOut = false;
    const forwardAbort = (): void => controller.abort(abortReason(signal));
    signal.addEventListener('abort', forwardAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`${endpoint}: timed out`, 'TimeoutError'));
    }, timeoutMs);

    const failure = (error: unknown): unknown => {
      if (signal.aborted) return abortReason(signal);
      if (timedOut) {
        return new StrideError('timeout', method, `${endpoint}: no response within ${timeoutMs} ms`, { cause: error });
      }
      return new StrideError('network', method, `${endpoint}: network error: ${errorText(error)}`, { cause: error });
    };

    try {
      let headers: Record<string, string>;
      try {
        headers = (await options.headers?.()) ?? {};
      } catch (error) {
        // The host could not produce its session headers: the user has to sign in again.
        throw new StrideError('auth', method, `${endpoint}: could not get request headers: ${errorText(error)}`, {
          cause: error,
        });
      }
      if (signal.aborted || timedOut) throw failure(undefined);

      let response: Response;
      let body: string;
      try {
        response = await send(url, {
          method: 'GET',
          headers: { Accept: 'application/json, application/problem+json', ...headers },
          signal: controller.signal,
        });
        body = await response.text();
      } catch (error) {
        throw failure(error);
      }

      if (!response.ok) {
        const statusText = response.statusText || STATUS_TEXT[response.status] || 'Error';
        const { problem, detail } = readProblem(response.status, statusText, body);
        const kind = response.status === 401 || response.status === 403 ? 'auth' : 'http';
        const message = `${endpoint}: ${response.status} ${statusText}${detail ? `: ${detail}` : ''}`;
        throw new StrideError(kind, method, message, { status: response.status, ...(problem ? { problem } : {}) });
      }
      try {
        return JSON.parse(body) as unknown;
      } catch (error) {
        throw new StrideError('invalid', method, `${endpoint}: response is not valid JSON: ${errorText(error)}`, {
          status: response.status,
          cause: error,
        });
      }
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', forwardAbort);
    }
  }

  // One method per REST path, each the same request.
  const adapter = Object.fromEntries(
    (Object.keys(REST_PATHS) as AdapterMethod[]).map((method) => [
      method,
      (query: never, { signal }: { signal: AbortSignal }) => request(method, query, signal),
    ]),
  ) as StrideAdapter;
  const leads = adapter.leads!;
  // A back end without lead lists answers 404: this adapter's counts stop being links (DESIGN), once and for all.
  adapter.leads = async (query, callOptions) => {
    try {
      return (await leads(query, callOptions)) as LeadsResult;
    } catch (error) {
      if (isStrideError(error) && error.status === 404) markLeadsMissing(adapter);
      throw error;
    }
  };
  return adapter;
}
