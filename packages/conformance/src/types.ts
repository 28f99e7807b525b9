/** The public shapes of a conformance run: what a bank passes in and the report it gets back. */
import type { IndicatorDefinition, PeriodKind, StrideAdapter } from '../../core/src/contracts.js';

export type CheckId =
  | 'responses'
  | 'shapes'
  | 'scope'
  | 'as-of'
  | 'funnel'
  | 'coverage'
  | 'sums'
  | 'targets'
  | 'ranges'
  | 'alerts'
  | 'leads'
  | 'bad-requests'
  | 'latency';

export interface ConformanceOptions {
  /** Base URL of a REST back end (where `/v1/...` lives). Exactly one of `url` and `adapter`. */
  url?: string;
  /** A JS adapter implementing any subset of StrideAdapter. Exactly one of `url` and `adapter`. */
  adapter?: StrideAdapter;
  /** Sent with every REST request (a session header). Asked once per request, so a token may rotate mid-run. */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** A host's own fetch for REST (a signing proxy); default Node's fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Dates of the matrix, `YYYY-MM-DD`. Default: today and 7 days ago, in `timeZone`. */
  dates?: string[];
  /** Periods of the matrix. Default all six. */
  periods?: PeriodKind[];
  /** How many orgs of each level (branch, sub-branch, team) to visit besides the root. Default 2. */
  orgsPerLevel?: number;
  /** How many managers to visit as manager scopes. Default 2. */
  managers?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Requests in all; the rest of the plan is skipped and reported as skipped. Default 500. */
  maxRequests?: number;
  /** One request's time limit. Default 10,000 ms. */
  timeoutMs?: number;
  /** Latency budget per endpoint. Default p50 500 ms, p95 2,000 ms. */
  latencyBudget?: { p50Ms?: number; p95Ms?: number };
  /** The bank's time zone, for the default dates. Default Asia/Shanghai. */
  timeZone?: string;
  /** The indicator catalogue, for which ids are counts and which are fractions. Default the kit's ten. */
  catalogue?: readonly IndicatorDefinition[];
  /** Offending examples kept per check. Default 5. */
  examplesPerCheck?: number;
  /** The clock (tests). */
  now?: () => Date;
}

/** One offending example: where it came from and what is wrong, in words a back-end developer can act on. */
export interface Offence {
  /** `GET /v1/funnel` for REST, `adapter.funnel()` for an adapter. */
  endpoint: string;
  /** The query string (REST) or the query as JSON (adapter). */
  query: string;
  /** Field path inside the result, when the offence is about one field. */
  path?: string;
  message: string;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** How many things were examined (responses, stages, cells, sums...). */
  checked: number;
  /** How many of them failed. */
  failed: number;
  /** The first few offences (see `examplesPerCheck`). */
  examples: Offence[];
  /** A line of context: why skipped, or the figures behind a pass. */
  note?: string;
}

export interface LatencyFigures {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface ConformanceReport {
  /** What was checked: the base URL (credentials never included) or `adapter`. */
  target: string;
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  requests: { made: number; skipped: number; max: number; concurrency: number };
  latency: LatencyFigures & { byEndpoint: Record<string, LatencyFigures>; budget: { p50Ms: number; p95Ms: number } };
  checks: CheckResult[];
}
