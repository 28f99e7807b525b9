/**
 * runConformance: walks the org tree a back end reports, asks it a bounded matrix of scopes, periods and dates, and
 * checks every answer against DESIGN's Data shapes and Definitions. The same function backs the CLI and a bank's own
 * test suite.
 */
import {
  DEFAULT_CATALOGUE,
  PERIOD_KINDS,
  type AdapterMethod,
  type AlertsQuery,
  type AdapterQueries,
  type AdapterResults,
  type FunnelResult,
  type IndicatorsResult,
  type LeadsFilter,
  type LeaderboardResult,
  type OrgNode,
  type OrgTree,
  type PeriodKind,
  type Scope,
} from '../../core/src/contracts.js';
import { registerResultSpec, validateResult } from '../../core/src/validation/index.js';
import { GRIDS_RESULT_SPEC } from '../../core/src/validation/grids.js';
import { LEADS_RESULT_SPEC } from '../../core/src/validation/leads.js';
import { ALERTS_RESULT_SPEC } from '../../core/src/validation/alerts.js';

registerResultSpec('grids', GRIDS_RESULT_SPEC);
registerResultSpec('leads', LEADS_RESULT_SPEC);
registerResultSpec('alerts', ALERTS_RESULT_SPEC);
import {
  checkAsOf,
  checkBoardSum,
  checkCoverage,
  checkEntries,
  checkAlerts,
  checkFunnel,
  checkIndicatorValues,
  checkPeriod,
  checkRowSums,
  checkScopeEcho,
  looksLikeStackTrace,
  unitLookup,
  type Note,
  type Problem,
} from './checks.js';
import { percentile, RequestBudget, runBounded } from './stats.js';
import { adapterTarget, restTarget, type Exchange, type Target } from './target.js';
import type { CheckId, CheckResult, ConformanceOptions, ConformanceReport, LatencyFigures, Offence } from './types.js';

export const CHECK_TITLES: Readonly<Record<CheckId, string>> = {
  responses: 'Valid requests are answered',
  shapes: 'Results match the data shapes',
  scope: 'Results answer the scope asked',
  'as-of': 'asOf parses, not after date or now',
  funnel: 'Funnel: seven stages, counts never rise',
  coverage: 'Coverage: covered ≤ households',
  sums: "Managers' counts add up to their org's",
  targets: 'Targets are non-negative',
  ranges: 'Fractions in 0-1, counts whole ≥ 0',
  alerts: 'Alerts: one per rule and subject, ordered',
  leads: 'Leads: a number opens exactly its rows, masked',
  'bad-requests': 'Bad requests get a 4xx problem+json',
  latency: 'Latency within budget (p50, p95)',
};

const CHECK_ORDER = Object.keys(CHECK_TITLES) as CheckId[];

const DEFAULTS = {
  orgsPerLevel: 2,
  managers: 2,
  concurrency: 4,
  maxRequests: 500,
  timeoutMs: 10_000,
  p50Ms: 500,
  p95Ms: 2_000,
  timeZone: 'Asia/Shanghai',
  examplesPerCheck: 5,
};

/** Ids no bank uses, so a back end that answers them with data is not validating its parameters. */
export const UNKNOWN_ORG = 'stride-conformance-unknown-org';

class Ledger {
  readonly #results = new Map<CheckId, CheckResult>();
  constructor(readonly examplesPerCheck: number) {
    for (const id of CHECK_ORDER) {
      this.#results.set(id, { id, title: CHECK_TITLES[id], status: 'skip', checked: 0, failed: 0, examples: [] });
    }
  }
  record(id: CheckId, where: { endpoint: string; query: string }, problem: Problem | null): void {
    const result = this.#results.get(id)!;
    result.checked += 1;
    if (problem === null) return;
    result.failed += 1;
    if (result.examples.length < this.examplesPerCheck) {
      result.examples.push({
        endpoint: where.endpoint,
        query: where.query,
        ...(problem.path !== undefined ? { path: problem.path } : {}),
        message: problem.message,
      });
    }
  }
  noter(where: { endpoint: string; query: string }): Note {
    return (id, problem) => this.record(id, where, problem);
  }
  setNote(id: CheckId, note: string): void {
    this.#results.get(id)!.note = note;
  }
  results(): CheckResult[] {
    return CHECK_ORDER.map((id) => {
      const result = this.#results.get(id)!;
      result.status = result.failed > 0 ? 'fail' : result.checked > 0 ? 'pass' : 'skip';
      return result;
    });
  }
}

function todayIn(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function daysBefore(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) - days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** `count` items spread over the list (first, last, evenly between), so a sample sees both ends of the tree. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count <= 0 || items.length === 0) return [];
  if (items.length <= count) return [...items];
  if (count === 1) return [items[0]!];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}

/** The scopes of the matrix: the root, a spread of each org level below it, and a few managers. */
export function sampleScopes(
  tree: OrgTree,
  orgsPerLevel: number,
  managers: number,
): { org: string; manager?: string }[] {
  const ids = new Set(tree.map((node) => node.id));
  const root = tree.find((node) => node.level !== 'manager' && (node.parentId === null || !ids.has(node.parentId)));
  if (!root) return [];
  const scopes: { org: string; manager?: string }[] = [{ org: root.id }];
  for (const level of ['branch', 'subbranch', 'team'] as const) {
    const nodes = tree.filter((node) => node.level === level && node.id !== root.id);
    for (const node of spread(nodes, orgsPerLevel)) scopes.push({ org: node.id });
  }
  const people = tree.filter(
    (node): node is OrgNode & { parentId: string } => node.level === 'manager' && node.parentId !== null,
  );
  for (const node of spread(people, managers)) scopes.push({ org: node.parentId, manager: node.id });
  return scopes;
}

function firstOfUnit(
  catalogue: ConformanceOptions['catalogue'],
  unit: 'count' | 'fraction',
  preferred: string,
): string | undefined {
  const list = catalogue ?? DEFAULT_CATALOGUE;
  return list.find((d) => d.id === preferred && d.unit === unit)?.id ?? list.find((d) => d.unit === unit)?.id;
}

interface Case<M extends AdapterMethod = AdapterMethod> {
  method: M;
  query: AdapterQueries[M];
}

function describeFailure(exchange: Exchange): string {
  const outcome = exchange.outcome;
  if (outcome.kind !== 'failed') return '';
  const problem = outcome.problem as { detail?: unknown; title?: unknown } | undefined;
  const detail = problem && typeof problem.detail === 'string' ? `: ${problem.detail}` : '';
  return `${outcome.message}${detail}`.slice(0, 300);
}

function latencyOf(samples: number[]): LatencyFigures {
  const round = (value: number | null): number | null => (value === null ? null : Math.round(value));
  return { samples: samples.length, p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)) };
}

/**
 * Runs every check against a REST back end (`url`) or a JS adapter (`adapter`) and returns the report. Never throws
 * for anything the back end does; throws a TypeError only for options that make no sense.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  if ((options.url === undefined) === (options.adapter === undefined)) {
    throw new TypeError('runConformance: give exactly one of `url` and `adapter`');
  }
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULTS.concurrency));
  const budget = new RequestBudget(Math.max(1, Math.floor(options.maxRequests ?? DEFAULTS.maxRequests)));
  const limits = { budget, timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs };
  const headers = options.headers;
  const target: Target =
    options.url !== undefined
      ? restTarget(options.url, limits, typeof headers === 'function' ? headers : () => headers ?? {}, options.fetch)
      : adapterTarget(options.adapter!, limits);
  const ledger = new Ledger(options.examplesPerCheck ?? DEFAULTS.examplesPerCheck);
  const unitOf = unitLookup(options.catalogue ?? DEFAULT_CATALOGUE);
  const latencyBudget = {
    p50Ms: options.latencyBudget?.p50Ms ?? DEFAULTS.p50Ms,
    p95Ms: options.latencyBudget?.p95Ms ?? DEFAULTS.p95Ms,
  };
  const samplesByEndpoint = new Map<string, number[]>();
  const missing = new Set<AdapterMethod>();
  let alertsMissing = false;

  /** Sends one valid request and runs the shape check; the validated data, or null when there is none to check. */
  async function ask<M extends AdapterMethod>(
    method: M,
    query: AdapterQueries[M],
  ): Promise<{ exchange: Exchange; data: AdapterResults[M] } | null> {
    if (!target.has(method)) {
      // alerts are optional: without them the kit derives its own from indicator rows
      if (method === 'alerts') alertsMissing = true;
      else missing.add(method);
      return null;
    }
    const exchange = await target.call(method, query);
    const outcome = exchange.outcome;
    if (outcome.kind === 'skipped') return null;
    if (method === 'alerts' && outcome.kind === 'failed' && outcome.status === 404) {
      alertsMissing = true;
      return null;
    }
    const samples = samplesByEndpoint.get(exchange.endpoint) ?? [];
    samples.push(outcome.ms);
    samplesByEndpoint.set(exchange.endpoint, samples);
    if (outcome.kind === 'failed') {
      ledger.record('responses', exchange, { message: describeFailure(exchange) });
      return null;
    }
    ledger.record('responses', exchange, null);
    try {
      const validated = validateResult(method, outcome.data);
      if (validated.dropped) {
        ledger.record('shapes', exchange, { message: validated.dropped.message });
      } else {
        ledger.record('shapes', exchange, null);
      }
      return { exchange, data: validated.data };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const path = /^\w+: ([^:]+):/.exec(message)?.[1];
      ledger.record('shapes', exchange, { message, ...(path !== undefined ? { path } : {}) });
      return null;
    }
  }

  let leadsNote: string | undefined;
  /**
   * Each funnel number opens a list of exactly that many rows (stage counts and overdue), and every row's customer
   * data is masked unless the row says otherwise (a masked value keeps at least one `*`). A back end without
   * `leads` (no method, or 404) is reported as not implemented: the kit then shows counts without links.
   */
  async function checkLeadsAgree(scope: Scope): Promise<void> {
    if (!target.has('leads')) {
      leadsNote = 'leads: not implemented (the adapter has no leads()); counts are shown without links.';
      return;
    }
    const funnel = await ask('funnel', { scope });
    if (!funnel) return;
    const stages = (funnel.data as FunnelResult).stages;
    const filters: [LeadsFilter, number][] = [];
    if (stages[0]) filters.push([{ stage: stages[0].id as LeadsFilter['stage'] }, stages[0].count]);
    for (const stage of stages) {
      if (stage.overdue !== undefined) filters.push([{ overdue: stage.id as LeadsFilter['overdue'] }, stage.overdue]);
    }
    for (const [filter, count] of filters) {
      const exchange = await target.call('leads', { scope, filter, limit: 500 });
      const outcome = exchange.outcome;
      if (outcome.kind === 'skipped') return;
      if (outcome.kind === 'failed' && outcome.status === 404) {
        leadsNote = 'leads: not implemented (404 on /v1/leads); counts are shown without links.';
        return;
      }
      const note = ledger.noter(exchange);
      if (outcome.kind === 'failed') {
        note('leads', { message: describeFailure(exchange) });
        continue;
      }
      let data: AdapterResults['leads'];
      try {
        data = validateResult('leads', outcome.data).data;
      } catch (error) {
        note('leads', { message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const what = JSON.stringify(filter);
      if (data.total !== count) {
        note('leads', { path: 'total', message: `${what} opens ${data.total} rows; the funnel shows ${count}` });
        continue;
      }
      const unmarked = data.leads.findIndex((row) => row.masked && !row.customer.includes('*'));
      if (unmarked >= 0) {
        note('leads', {
          path: `leads[${unmarked}].customer`,
          message: 'a row marked masked shows a customer without any masking',
        });
        continue;
      }
      note('leads', null);
    }
  }

  // 1. The org tree: everything else is asked about the orgs it lists.
  const tree = await ask('orgTree', {});
  const scopes = tree
    ? sampleScopes(tree.data, options.orgsPerLevel ?? DEFAULTS.orgsPerLevel, options.managers ?? DEFAULTS.managers)
    : [];
  if (scopes.length === 0) {
    ledger.setNote(
      'responses',
      target.has('orgTree')
        ? 'The org tree could not be read or has no root org, so no other check could run.'
        : 'The adapter has no orgTree(): the kit needs it to walk the orgs, so no other check could run.',
    );
    if (!target.has('orgTree'))
      ledger.record(
        'responses',
        { endpoint: 'adapter.orgTree()', query: '{}' },
        { message: 'adapter has no orgTree() method' },
      );
  }

  const today = todayIn(options.timeZone ?? DEFAULTS.timeZone, now());
  const dates = options.dates ?? [today, daysBefore(today, 7)];
  const periods: PeriodKind[] = options.periods ?? [...PERIOD_KINDS];
  const countMetric = firstOfUnit(options.catalogue, 'count', 'visits');
  const fractionMetric = firstOfUnit(options.catalogue, 'fraction', 'claim_rate');
  const root = scopes[0];

  // 2. The matrix. Dates outermost, then periods, then scopes: a small request budget still sees every scope once.
  const cases: Case[] = [];
  if (root) cases.push({ method: 'grids', query: { org: root.org } });
  for (const [d, date] of dates.entries()) {
    for (const [p, period] of periods.entries()) {
      for (const [s, base] of scopes.entries()) {
        const scope: Scope = { ...base, period, date };
        const first = d === 0 && p === 0 && s === 0;
        cases.push({ method: 'indicators', query: base.manager ? { scope } : { scope, rows: 'managers' } });
        if (first) cases.push({ method: 'indicators', query: { scope, rows: 'children' } });
        if (countMetric)
          cases.push({ method: 'leaderboard', query: { scope, board: 'managers', metric: countMetric } });
        if (s === 0) {
          cases.push({ method: 'leaderboard', query: { scope, board: 'managers', metric: 'points' } });
          if (fractionMetric)
            cases.push({ method: 'leaderboard', query: { scope, board: 'managers', metric: fractionMetric } });
        }
        if (first) {
          for (const board of ['teams', 'subbranches', 'branches'] as const) {
            cases.push({ method: 'leaderboard', query: { scope, board, metric: 'points' } });
          }
        }
        cases.push({ method: 'funnel', query: { scope } });
        cases.push({ method: 'coverage', query: { scope } });
        if (p === 0 && !base.manager) cases.push({ method: 'alerts', query: { scope, rows: 'managers' } });
        if (first) cases.push({ method: 'alerts', query: { scope, rows: 'children' } });
      }
    }
  }

  const orgIndicators = new Map<string, IndicatorsResult>();
  const managerBoards: { exchange: Exchange; data: LeaderboardResult }[] = [];
  const scopeKey = (scope: Scope): string => `${scope.org}|${scope.manager ?? ''}|${scope.period}|${scope.date}`;

  await runBounded(
    cases.map((c) => async () => {
      const answer = await ask(c.method, c.query);
      if (!answer) return;
      const note = ledger.noter(answer.exchange);
      const data = answer.data as AdapterResults[AdapterMethod];
      const asked = 'scope' in c.query ? (c.query as { scope: Scope }).scope : undefined;
      if (asked && !Array.isArray(data) && 'asOf' in data && 'scope' in data) {
        checkScopeEcho(data.scope, asked, note);
        checkAsOf(data.asOf, asked.date, now(), note);
      }
      switch (c.method) {
        case 'indicators': {
          const result = data as IndicatorsResult;
          checkPeriod(result.period, asked!.date, note);
          checkIndicatorValues(result.indicators, result.rows, unitOf, note);
          const query = c.query as AdapterQueries['indicators'];
          if (query.rows === 'managers' && result.rows) checkRowSums(result.indicators, result.rows, unitOf, note);
          if (!query.rows || query.rows === 'managers') orgIndicators.set(scopeKey(asked!), result);
          break;
        }
        case 'leaderboard': {
          const result = data as LeaderboardResult;
          checkEntries(result.entries, result.metric, unitOf, note);
          if (result.board === 'managers' && unitOf(result.metric) === 'count' && result.metric !== 'points') {
            managerBoards.push({ exchange: answer.exchange, data: result });
          }
          break;
        }
        case 'funnel':
          checkFunnel((data as AdapterResults['funnel']).stages, note);
          break;
        case 'coverage':
          checkCoverage((data as AdapterResults['coverage']).cells, note);
          break;
        case 'alerts':
          checkAlerts((data as AdapterResults['alerts']).alerts, (c.query as AlertsQuery).rows, asked!.date, note);
          break;
        default:
          break;
      }
    }),
    concurrency,
  );

  // 3. Across results: a managers' board of a count metric adds up to the org's indicator for the same scope.
  for (const board of managerBoards) {
    const scope = board.data.scope;
    // The board ranks everyone under the org; a manager in its scope is only "me", so compare with the org's figures.
    const org = orgIndicators.get(scopeKey({ ...scope, manager: undefined }));
    const value = org?.indicators.find((indicator) => indicator.id === board.data.metric)?.value;
    if (value !== undefined) checkBoardSum(value, board.data.entries, board.data.metric, ledger.noter(board.exchange));
  }

  // 3b. Leads (optional): the funnel's numbers against the lists they open, and masked customer data.
  if (root) await checkLeadsAgree({ ...root, period: 'month', date: dates[0] ?? today });

  // 4. Bad requests: each must be refused with a 4xx problem+json (REST) or a rejection (adapter), never data or a 500.
  if (root) {
    const scope: Scope = { org: root.org, period: 'month', date: dates[0] ?? today };
    const bad: { what: string; method: AdapterMethod; query: AdapterQueries[AdapterMethod] }[] = [
      { what: 'an unknown org', method: 'indicators', query: { scope: { ...scope, org: UNKNOWN_ORG } } },
      { what: 'a malformed date', method: 'funnel', query: { scope: { ...scope, date: '2026-13-45' } } },
      {
        what: 'a date that is not a date',
        method: 'leaderboard',
        query: { scope: { ...scope, date: 'yesterday' }, board: 'managers', metric: 'points' },
      },
      {
        what: 'an unknown period',
        method: 'coverage',
        query: { scope: { ...scope, period: 'fortnight' as PeriodKind } },
      },
      {
        what: 'an unknown metric',
        method: 'leaderboard',
        query: { scope, board: 'managers', metric: 'stride_conformance_unknown_metric' },
      },
    ];
    await runBounded(
      bad
        .filter((b) => target.has(b.method))
        .map((b) => async () => {
          const exchange = await target.call(b.method, b.query as never);
          if (exchange.outcome.kind === 'skipped') return;
          ledger.record('bad-requests', exchange, badRequestProblem(target.kind, b.what, exchange));
        }),
      concurrency,
    );
  }

  // 5. Latency, per endpoint: one slow endpoint hides in an overall figure.
  const byEndpoint: Record<string, LatencyFigures> = {};
  for (const [endpoint, samples] of samplesByEndpoint) {
    const figures = latencyOf(samples);
    byEndpoint[endpoint] = figures;
    const where = { endpoint, query: `${samples.length} requests` };
    if (figures.p95Ms !== null && figures.p95Ms > latencyBudget.p95Ms) {
      ledger.record('latency', where, {
        message: `${endpoint}: p95 ${figures.p95Ms} ms is over the ${latencyBudget.p95Ms} ms budget (p50 ${figures.p50Ms} ms)`,
      });
    } else if (figures.p50Ms !== null && figures.p50Ms > latencyBudget.p50Ms) {
      ledger.record('latency', where, {
        message: `${endpoint}: p50 ${figures.p50Ms} ms is over the ${latencyBudget.p50Ms} ms budget`,
      });
    } else {
      ledger.record('latency', where, null);
    }
  }
  const overall = latencyOf([...samplesByEndpoint.values()].flat());
  ledger.setNote(
    'latency',
    `p50 ${overall.p50Ms ?? '-'} ms, p95 ${overall.p95Ms ?? '-'} ms over ${overall.samples} requests (budget p50 ${latencyBudget.p50Ms} ms, p95 ${latencyBudget.p95Ms} ms)`,
  );
  if (alertsMissing) {
    ledger.setNote('alerts', 'Not implemented (optional): the kit derives alerts from indicator rows instead.');
  }
  if (missing.size > 0) {
    ledger.setNote(
      'responses',
      `The adapter has no ${[...missing].map((m) => `${m}()`).join(', ')}: widgets needing it show "not configured".`,
    );
  }
  if (budget.skipped > 0) {
    ledger.setNote(
      'shapes',
      `${budget.skipped} planned requests skipped: the request budget of ${budget.max} was spent.`,
    );
  }

  const checks = ledger.results();
  if (leadsNote) checks.find((check) => check.id === 'leads')!.note = leadsNote;
  return {
    target: target.label,
    ok: checks.every((check) => check.status !== 'fail'),
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
    requests: { made: budget.made, skipped: budget.skipped, max: budget.max, concurrency },
    latency: { ...overall, byEndpoint, budget: latencyBudget },
    checks,
  };
}

function badRequestProblem(kind: Target['kind'], what: string, exchange: Exchange): Problem | null {
  const outcome = exchange.outcome;
  if (outcome.kind === 'skipped') return null;
  if (outcome.kind === 'ok') {
    return {
      message: `${what} was answered with data; expected ${kind === 'rest' ? 'a 4xx problem+json' : 'a rejection'}`,
    };
  }
  const status = outcome.status;
  if (kind === 'adapter') {
    if (status !== undefined && status >= 500)
      return { message: `${what} was rejected as a server error (${status}); it is the caller's mistake, a 4xx` };
    return looksLikeStackTrace(outcome.message)
      ? { message: `${what}: the rejection message carries a stack trace` }
      : null;
  }
  if (status === undefined) return { message: `${what}: ${outcome.message}` };
  if (status < 400 || status >= 500) {
    return { message: `${what} got ${status}; expected a 4xx (it is the caller's mistake, not the server's)` };
  }
  // The body as sent and as decoded: inside JSON a trace's line breaks are escapes.
  const decoded =
    typeof outcome.problem === 'object' && outcome.problem !== null
      ? Object.values(outcome.problem)
          .filter((x) => typeof x === 'string')
          .join('\n')
      : '';
  if ((outcome.body !== undefined && looksLikeStackTrace(outcome.body)) || looksLikeStackTrace(decoded)) {
    return { message: `${what} got ${status} but the body carries a stack trace` };
  }
  if (!/^application\/problem\+json\b/i.test(outcome.contentType ?? '')) {
    return {
      message: `${what} got ${status} as ${outcome.contentType || 'no content type'}; expected application/problem+json`,
    };
  }
  const problem = outcome.problem as Record<string, unknown> | undefined;
  if (
    typeof problem !== 'object' ||
    problem === null ||
    typeof problem.title !== 'string' ||
    typeof problem.type !== 'string' ||
    problem.status !== status
  ) {
    return {
      message: `${what} got ${status} but the body is not a problem (type, title and status ${status} are required)`,
    };
  }
  return null;
}

export type { Offence };
