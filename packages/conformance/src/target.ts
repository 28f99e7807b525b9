/**
 * The two things a run can point at, behind one call: a REST back end (raw fetch, so the checks see the status,
 * content type and body exactly as a browser would) or a JS adapter (called as the widgets call it).
 */
import {
  isStrideError,
  type AdapterMethod,
  type AdapterQueries,
  type StrideAdapter,
} from '../../core/src/contracts.js';
import { REST_PATHS, restQueryParams } from '../../core/src/adapters/http.js';
import type { RequestBudget } from './stats.js';

export type Outcome =
  | { kind: 'ok'; data: unknown; ms: number }
  /** The back end answered with an error, or the adapter rejected. */
  | {
      kind: 'failed';
      message: string;
      ms: number;
      status?: number;
      contentType?: string;
      body?: string;
      problem?: unknown;
    }
  /** Never sent: the request budget was spent. */
  | { kind: 'skipped' };

export interface Exchange {
  method: AdapterMethod;
  endpoint: string;
  query: string;
  outcome: Outcome;
}

export interface Target {
  /** For the report: the base URL without credentials, or `adapter`. */
  label: string;
  /** REST back ends answer problem+json; adapters reject. The bad-request check reads them differently. */
  kind: 'rest' | 'adapter';
  has(method: AdapterMethod): boolean;
  call<M extends AdapterMethod>(method: M, query: AdapterQueries[M]): Promise<Exchange>;
}

interface TargetLimits {
  budget: RequestBudget;
  timeoutMs: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `https://user:secret@host/api` must never reach a report: keep origin and path only. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    return '(invalid URL)';
  }
}

export function restTarget(
  baseUrl: string,
  limits: TargetLimits,
  headers: () => Record<string, string> | Promise<Record<string, string>>,
  send: (input: string, init: RequestInit) => Promise<Response> = (input, init) => fetch(input, init),
): Target {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    label: redactUrl(base),
    kind: 'rest',
    has: () => true,
    async call(method, query) {
      const path = REST_PATHS[method];
      const search = restQueryParams(method, query).toString();
      const exchange = { method, endpoint: `GET ${path}`, query: search };
      if (!limits.budget.take()) return { ...exchange, outcome: { kind: 'skipped' } };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
      const started = performance.now();
      try {
        const response = await send(`${base}${path}${search ? `?${search}` : ''}`, {
          method: 'GET',
          headers: { Accept: 'application/json, application/problem+json', ...(await headers()) },
          signal: controller.signal,
        });
        const body = await response.text();
        const ms = performance.now() - started;
        const contentType = response.headers.get('content-type') ?? '';
        let parsed: unknown;
        let parseError: string | null = null;
        try {
          parsed = JSON.parse(body);
        } catch (error) {
          parseError = errorText(error);
        }
        if (!response.ok) {
          return {
            ...exchange,
            outcome: {
              kind: 'failed',
              message: `${response.status} ${response.statusText}`.trim(),
              ms,
              status: response.status,
              contentType,
              body,
              problem: parsed,
            },
          };
        }
        if (parseError !== null) {
          return {
            ...exchange,
            outcome: {
              kind: 'failed',
              message: `${response.status} but the body is not JSON: ${parseError}`,
              ms,
              status: response.status,
              contentType,
              body,
            },
          };
        }
        return { ...exchange, outcome: { kind: 'ok', data: parsed, ms } };
      } catch (error) {
        const ms = performance.now() - started;
        const message = controller.signal.aborted
          ? `no response within ${limits.timeoutMs} ms`
          : `network error: ${errorText(error)}`;
        return { ...exchange, outcome: { kind: 'failed', message, ms } };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export function adapterTarget(adapter: StrideAdapter, limits: TargetLimits): Target {
  return {
    label: 'adapter',
    kind: 'adapter',
    has: (method) => typeof adapter[method] === 'function',
    async call(method, query) {
      const exchange = { method, endpoint: `adapter.${method}()`, query: JSON.stringify(query) };
      if (!limits.budget.take()) return { ...exchange, outcome: { kind: 'skipped' } };
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new Error(`no answer within ${limits.timeoutMs} ms`));
        }, limits.timeoutMs);
      });
      const started = performance.now();
      try {
        const call = adapter[method] as (
          q: AdapterQueries[typeof method],
          o: { signal: AbortSignal },
        ) => Promise<unknown>;
        const data = await Promise.race([call.call(adapter, query, { signal: controller.signal }), timeout]);
        return { ...exchange, outcome: { kind: 'ok', data, ms: performance.now() - started } };
      } catch (error) {
        const ms = performance.now() - started;
        const status = isStrideError(error) ? error.status : undefined;
        return {
          ...exchange,
          outcome: {
            kind: 'failed',
            message: errorText(error),
            ms,
            ...(status !== undefined ? { status } : {}),
            problem: isStrideError(error) ? error.problem : undefined,
          },
        };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
