import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  runConformance,
  percentile,
  type CheckId,
  type ConformanceOptions,
  type ConformanceReport,
} from '../../packages/conformance/src/index.js';
import {
  DEFAULT_CATALOGUE,
  StrideError,
  type AdapterMethod,
  type AlertsResult,
  type CoverageResult,
  type FunnelResult,
  type IndicatorsResult,
  type StrideAdapter,
} from '../../packages/core/src/contracts.js';
import { callEngine } from '../../packages/core/src/adapters/event-log-protocol.js';
import { referenceEngine, startServer, type RunningServer, type Tamper } from './reference-server.js';

/** The pilot ends today (in the bank's zone), so the checks run on the dates a bank would check. */
const TODAY = referenceEngine().pilot.today;
/** A small matrix for the broken back ends: one date, two periods, one org per level, one manager. */
// No latency verdict in these runs: a busy test machine is slow without the back end being wrong, and each test here
// is about another check. The latency check itself is tested with a deliberately slow endpoint and a set budget.
const NO_LATENCY_VERDICT = { p50Ms: Number.MAX_SAFE_INTEGER, p95Ms: Number.MAX_SAFE_INTEGER };

const SMALL: Partial<ConformanceOptions> = {
  dates: [TODAY],
  periods: ['month', 'pilot'],
  orgsPerLevel: 1,
  managers: 1,
  latencyBudget: NO_LATENCY_VERDICT,
};

const servers: RunningServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function runAgainst(
  tamper: Tamper,
  options: Partial<ConformanceOptions> = {},
): Promise<{ report: ConformanceReport; server: RunningServer }> {
  const server = await startServer(tamper);
  servers.push(server);
  const report = await runConformance({ ...SMALL, ...options, url: server.url });
  return { report, server };
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function check(report: ConformanceReport, id: CheckId) {
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, `check ${id} is in the report`);
  return found;
}

function failedChecks(report: ConformanceReport): CheckId[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
}

describe('percentile (nearest rank)', () => {
  it('gives a latency some request really had', () => {
    const samples = [100, 10, 90, 20, 80, 30, 70, 40, 60, 50];
    assert.equal(percentile(samples, 50), 50); // rank ceil(0.5 × 10) = 5
    assert.equal(percentile(samples, 95), 100); // rank ceil(0.95 × 10) = 10
    assert.equal(percentile([7], 95), 7);
    assert.equal(percentile([], 50), null);
  });
});

describe('the reference back end', () => {
  it('passes every check on the full default matrix', async () => {
    const { report, server } = await runAgainst(
      {},
      { dates: undefined, periods: undefined, orgsPerLevel: undefined, managers: undefined },
    );
    assert.deepEqual(
      failedChecks(report),
      [],
      JSON.stringify(
        report.checks.filter((c) => c.status === 'fail'),
        null,
        1,
      ),
    );
    assert.equal(report.ok, true);
    for (const c of report.checks) assert.equal(c.status, 'pass', `${c.id} ran and passed`);
    // 6 periods × 2 dates × 8 scopes (bank, branch, 2 sub-branches, 2 teams, 2 managers) were asked
    assert.equal(report.requests.skipped, 0);
    assert.equal(server.stats.requests, report.requests.made);
    assert.ok(report.latency.p50Ms !== null && report.latency.p95Ms !== null);
    assert.deepEqual(Object.keys(report.latency.byEndpoint).sort(), [
      'GET /v1/alerts',
      'GET /v1/coverage',
      'GET /v1/funnel',
      'GET /v1/grids',
      'GET /v1/indicators',
      'GET /v1/leaderboard',
      'GET /v1/org-tree',
    ]);
  });

  it('stays within its request budget and concurrency on a shared back end', async () => {
    const slowly: Tamper = { before: () => new Promise((resolve) => setTimeout(() => resolve(undefined), 15)) };
    const { report, server } = await runAgainst(slowly, { maxRequests: 20, concurrency: 3 });
    assert.equal(server.stats.requests, 20);
    assert.equal(report.requests.made, 20);
    assert.ok(report.requests.skipped > 0, 'the rest of the plan is reported as skipped');
    assert.ok(server.stats.maxInFlight <= 3, `at most 3 in flight, saw ${server.stats.maxInFlight}`);
    assert.ok(server.stats.maxInFlight > 1, 'requests do overlap up to the limit');
    assert.match(check(report, 'shapes').note ?? '', /skipped: the request budget of 20 was spent/);
  });

  it('sends the session headers it is given on every request', async () => {
    const { server } = await runAgainst({}, { maxRequests: 5, headers: () => ({ Authorization: 'Bearer s3cret' }) });
    assert.equal(server.stats.headers.length, 5);
    for (const headers of server.stats.headers) assert.equal(headers.authorization, 'Bearer s3cret');
  });
});

describe('broken back ends are each caught with the right message', () => {
  it('alerts out of order, under their threshold, or inactive orgs', async () => {
    const { report } = await runAgainst({
      result: (method, result) => {
        if (method !== 'alerts') return result;
        const alerts = (result as AlertsResult).alerts;
        // the least severe pace alert first, and an overdue alert below its threshold
        const pace = alerts.filter((alert) => alert.rule === 'pace');
        if (pace.length > 1) [alerts[0], alerts[pace.length - 1]] = [alerts[pace.length - 1]!, alerts[0]!];
        const overdue = alerts.find((alert) => alert.rule === 'overdue');
        if (overdue) overdue.value = overdue.expected - 1;
        return result;
      },
    });
    const alertsCheck = check(report, 'alerts');
    assert.equal(alertsCheck.status, 'fail');
    const messages = alertsCheck.examples.map((example) => example.message).join('\n');
    assert.match(messages, /order is by rule, then severity descending/);
    assert.match(messages, /overdue: value \d+ against threshold 5/);
    assert.equal(alertsCheck.examples[0]!.endpoint, 'GET /v1/alerts');
  });

  it('a back end answering 404 on /v1/alerts is told alerts are optional, not failed', async () => {
    const { report } = await runAgainst({
      before: (method) =>
        method === 'alerts'
          ? { status: 404, contentType: 'application/problem+json', body: '{"title":"Not Found","status":404}' }
          : undefined,
    });
    assert.deepEqual(failedChecks(report), []);
    assert.equal(check(report, 'alerts').status, 'skip');
  });

  it('wrong types: a funnel count sent as a string names the endpoint, the query and the field path', async () => {
    const { report } = await runAgainst({
      result: (method, result) => {
        if (method === 'funnel') ((result as FunnelResult).stages[2] as unknown as { count: string }).count = '12a';
        return result;
      },
    });
    const shapes = check(report, 'shapes');
    assert.equal(shapes.status, 'fail');
    const example = shapes.examples[0]!;
    assert.equal(example.endpoint, 'GET /v1/funnel');
    assert.equal(example.query, `org=bank&period=month&date=${TODAY}`);
    assert.match(example.message, /stages\[2\]\.count: expected finite number, got "12a"/);
    assert.equal(report.ok, false);
  });

  it('missing fields: a coverage result without asOf is rejected as a whole', async () => {
    const { report } = await runAgainst({
      result: (method, result) => {
        if (method === 'coverage') delete (result as Partial<CoverageResult>).asOf;
        return result;
      },
    });
    const shapes = check(report, 'shapes');
    assert.equal(shapes.status, 'fail');
    assert.equal(shapes.examples[0]!.endpoint, 'GET /v1/coverage');
    assert.equal(shapes.examples[0]!.path, 'asOf');
    assert.match(shapes.examples[0]!.message, /^coverage: asOf: missing$/);
    // every coverage answer was unusable (5 scopes × 2 periods), every other endpoint was fine
    assert.equal(shapes.failed, 10);
  });

  it('rising funnel: more visited than contacted', async () => {
    const { report } = await runAgainst({
      result: (method, result) => {
        if (method === 'funnel') {
          const stages = (result as FunnelResult).stages;
          stages[3]!.count = stages[2]!.count + 5;
        }
        return result;
      },
    });
    assert.deepEqual(failedChecks(report), ['funnel']);
    const example = check(report, 'funnel').examples[0]!;
    assert.equal(example.path, 'stages[3].count');
    assert.match(example.message, /^funnel rises: visited (\d+) > contacted (\d+)/);
    const [, visited, contacted] = /visited (\d+) > contacted (\d+)/.exec(example.message)!;
    assert.equal(Number(visited) - Number(contacted), 5);
  });

  it('coverage over 100%: covered above households', async () => {
    const { report } = await runAgainst({
      result: (method, result) => {
        if (method === 'coverage') {
          const cell = (result as CoverageResult).cells[0]!;
          cell.covered = cell.households + 10;
        }
        return result;
      },
    });
    assert.deepEqual(failedChecks(report), ['coverage']);
    const example = check(report, 'coverage').examples[0]!;
    assert.equal(example.path, 'cells[0].covered');
    assert.match(example.message, /covered (\d+) exceeds households (\d+) \(coverage over 100%\)/);
  });

  it("sums that do not add up: one manager's row of visits is off by one", async () => {
    const { report } = await runAgainst({
      result: (method, result, url) => {
        if (method === 'indicators' && url.searchParams.get('rows') === 'managers') {
          const row = (result as IndicatorsResult).rows![0]!;
          row.values.visits = (row.values.visits ?? 0) + 1;
        }
        return result;
      },
    });
    assert.deepEqual(failedChecks(report), ['sums']);
    const sums = check(report, 'sums');
    const example = sums.examples[0]!;
    assert.equal(example.endpoint, 'GET /v1/indicators');
    const match = /^visits: the org's (\d+) ≠ (\d+), the sum of its (\d+) managers' rows$/.exec(example.message);
    assert.ok(match, example.message);
    assert.equal(Number(match[2]) - Number(match[1]), 1);
    // org scopes asked with rows=managers: bank, branch, sub-branch, team, × 2 periods; only visits is off in each
    assert.equal(sums.failed, 8);
  });

  it('a 500 with a stack trace on a bad date', async () => {
    const { report } = await runAgainst({
      before: (_method, url) => {
        const date = url.searchParams.get('date');
        if (date !== null && !/^\d{4}-(0\d|1[0-2])-([0-2]\d|3[01])$/.test(date)) {
          return {
            status: 500,
            contentType: 'text/html',
            body: `<pre>RangeError: Invalid time value\n    at Date.toISOString (<anonymous>)\n    at parse (/srv/app/dates.js:12:9)</pre>`,
          };
        }
        return undefined;
      },
    });
    assert.deepEqual(failedChecks(report), ['bad-requests']);
    const bad = check(report, 'bad-requests');
    assert.equal(bad.checked, 5);
    assert.equal(bad.failed, 2);
    const messages = bad.examples.map((e) => e.message).sort();
    assert.deepEqual(messages, [
      "a date that is not a date got 500; expected a 4xx (it is the caller's mistake, not the server's)",
      "a malformed date got 500; expected a 4xx (it is the caller's mistake, not the server's)",
    ]);
  });

  it('a 400 that is not problem+json, or carries a stack trace', async () => {
    const { report } = await runAgainst({
      before: (_method, url) => {
        if (url.searchParams.get('period') === 'fortnight')
          return { status: 400, contentType: 'text/plain', body: 'bad period' };
        if (url.searchParams.get('org') === 'stride-conformance-unknown-org') {
          return {
            status: 404,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Not Found',
              status: 404,
              detail: 'NoSuchOrg\n    at lookup (/srv/org.js:3:7)',
            }),
          };
        }
        return undefined;
      },
    });
    const messages = check(report, 'bad-requests')
      .examples.map((e) => e.message)
      .sort();
    assert.deepEqual(messages, [
      'an unknown org got 404 but the body carries a stack trace',
      'an unknown period got 400 as text/plain; expected application/problem+json',
    ]);
  });

  it('leads: a list one row short of its funnel number, or unmasked rows marked masked', async () => {
    const short = await runAgainst({
      result: (method, result) => {
        if (method !== 'leads') return result;
        const leads = result as { total: number };
        leads.total -= 1;
        return leads;
      },
    });
    const failed = check(short.report, 'leads');
    assert.equal(failed.status, 'fail');
    assert.match(failed.examples[0]!.message, /opens \d+ rows; the funnel shows \d+/);
    assert.equal(failed.examples[0]!.endpoint, 'GET /v1/leads');

    const { customers } = referenceEngine().pilot;
    const unmasked = await runAgainst({
      result: (method, result) => {
        if (method !== 'leads') return result;
        const leads = result as { leads: { customer: string }[] };
        leads.leads.forEach((row, i) => (row.customer = customers[i % customers.length]!.name));
        return leads;
      },
    });
    const leak = check(unmasked.report, 'leads');
    assert.equal(leak.status, 'fail');
    assert.match(leak.examples[0]!.message, /marked masked shows a customer without any masking/);
    // the report names the field, never the customer
    assert.ok(!customers.some((c) => JSON.stringify(unmasked.report).includes(c.name)));
  });

  it('leads: a back end without /v1/leads is reported as not implemented, not as failing', async () => {
    const { report } = await runAgainst({
      before: (method) =>
        method === 'leads'
          ? {
              status: 404,
              contentType: 'application/problem+json',
              body: '{"type":"about:blank","title":"Not Found","status":404}',
            }
          : undefined,
    });
    const leads = check(report, 'leads');
    assert.equal(leads.status, 'skip');
    assert.match(leads.note ?? '', /not implemented/);
    assert.equal(report.ok, true);
  });

  it('a slow endpoint is named with its p95 against the budget', async () => {
    const { report } = await runAgainst(
      {
        before: (method) =>
          method === 'funnel' ? new Promise((resolve) => setTimeout(() => resolve(undefined), 600)) : undefined,
      },
      { periods: ['month'], latencyBudget: { p50Ms: 300, p95Ms: 400 } },
    );
    const latency = check(report, 'latency');
    assert.equal(latency.status, 'fail');
    const funnel = latency.examples.find((e) => e.endpoint === 'GET /v1/funnel');
    assert.ok(funnel, 'the funnel endpoint is named');
    assert.match(funnel.message, /^GET \/v1\/funnel: p95 \d+ ms is over the 400 ms budget/);
    assert.ok(report.latency.byEndpoint['GET /v1/funnel']!.p95Ms! >= 600);
  });

  it('fractions sent as percent, negative targets, asOf after the date, and a scope that is not the one asked', async () => {
    const { report } = await runAgainst({
      result: (method, result) => {
        if (method === 'indicators') {
          const r = result as IndicatorsResult;
          const claim = r.indicators.find((i) => i.id === 'claim_rate')!;
          claim.value = 77.6;
          r.indicators.find((i) => i.id === 'visits')!.target = -5;
          r.asOf = `${dayAfter(TODAY)}T09:00:00+08:00`;
        }
        if (method === 'funnel') (result as FunnelResult).scope.org = 'somewhere-else';
        return result;
      },
    });
    assert.deepEqual(failedChecks(report).sort(), ['as-of', 'ranges', 'scope', 'targets']);
    assert.match(
      check(report, 'ranges').examples[0]!.message,
      /^claim_rate is a fraction but indicators\[1\]\.value is 77\.6 \(fractions lie in 0-1, not percent\)$/,
    );
    assert.match(
      check(report, 'targets').examples[0]!.message,
      /^indicators\[4\]\.target is -5: targets are never negative$/,
    );
    assert.match(
      check(report, 'as-of').examples[0]!.message,
      new RegExp(`^asOf ${dayAfter(TODAY)}T09:00:00\\+08:00 is after the end of date ${TODAY}$`),
    );
    const scope = check(report, 'scope').examples[0]!;
    assert.equal(scope.endpoint, 'GET /v1/funnel');
    assert.match(scope.message, /^scope\.org is "somewhere-else", the query asked for "bank"$/);
  });
});

describe('a JS adapter', () => {
  const known = new Set(['points', ...DEFAULT_CATALOGUE.map((d) => d.id)]);
  let engineAdapter: StrideAdapter;
  before(() => {
    const { engine } = referenceEngine();
    const call = (method: AdapterMethod) => async (query: unknown) => {
      // The engine answers an unknown metric with nulls; a bank adapter in front of it refuses, as the REST contract does.
      const metric = (query as { metric?: string }).metric;
      if (metric !== undefined && !known.has(metric))
        throw new StrideError('http', method, `unknown metric "${metric}"`, { status: 400 });
      return structuredClone(callEngine(engine, method, query));
    };
    engineAdapter = Object.fromEntries(
      (['indicators', 'leaderboard', 'funnel', 'coverage', 'grids', 'orgTree', 'alerts'] as const).map((m) => [
        m,
        call(m),
      ]),
    ) as StrideAdapter;
  });

  it('is checked the same way and passes on the engine', async () => {
    const report = await runConformance({ ...SMALL, adapter: engineAdapter });
    assert.equal(report.target, 'adapter');
    assert.deepEqual(failedChecks(report), []);
    assert.equal(check(report, 'bad-requests').checked, 5);
    assert.ok(check(report, 'latency').examples.length === 0);
  });

  it('that answers a bad date with data, or rejects it as a server error, is caught', async () => {
    const lenient: StrideAdapter = {
      ...engineAdapter,
      funnel: async (query) => ({ asOf: `${TODAY}T09:00:00+08:00`, scope: query.scope, stages: [] }),
      leaderboard: async (query, options) => {
        if (query.scope.date === 'yesterday') throw new StrideError('http', 'leaderboard', 'boom', { status: 500 });
        return engineAdapter.leaderboard!(query, options);
      },
    };
    const report = await runConformance({ ...SMALL, adapter: lenient });
    const messages = check(report, 'bad-requests')
      .examples.map((e) => e.message)
      .sort();
    assert.deepEqual(messages, [
      "a date that is not a date was rejected as a server error (500); it is the caller's mistake, a 4xx",
      'a malformed date was answered with data; expected a rejection',
    ]);
    assert.equal(
      check(report, 'bad-requests').examples.find((e) => e.message.startsWith('a malformed'))!.endpoint,
      'adapter.funnel()',
    );
  });

  it('without alerts is not failed: alerts are optional and the kit derives them', async () => {
    const { alerts: _alerts, ...rest } = engineAdapter;
    const report = await runConformance({ ...SMALL, adapter: rest });
    assert.deepEqual(failedChecks(report), []);
    assert.equal(check(report, 'alerts').status, 'skip');
    assert.match(check(report, 'alerts').note ?? '', /Not implemented \(optional\)/);
    assert.doesNotMatch(check(report, 'responses').note ?? '', /alerts/);
  });

  it('without some methods runs what it has and says what is missing', async () => {
    const partial: StrideAdapter = { orgTree: engineAdapter.orgTree!, indicators: engineAdapter.indicators! };
    const report = await runConformance({ ...SMALL, adapter: partial });
    assert.deepEqual(failedChecks(report), []);
    assert.equal(check(report, 'funnel').status, 'skip');
    assert.equal(check(report, 'coverage').status, 'skip');
    assert.match(
      check(report, 'responses').note ?? '',
      /no leaderboard\(\), funnel\(\), coverage\(\), grids\(\)|no grids\(\), leaderboard\(\), funnel\(\), coverage\(\)/,
    );
  });

  it('without an org tree cannot be walked, and says so', async () => {
    const report = await runConformance({ ...SMALL, adapter: { indicators: engineAdapter.indicators! } });
    assert.equal(report.ok, false);
    assert.equal(check(report, 'responses').examples[0]!.message, 'adapter has no orgTree() method');
  });
});
