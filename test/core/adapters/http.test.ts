import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { StrideError, type LeaderboardQuery } from '../../../packages/core/src/contracts.js';
import { createHttpAdapter } from '../../../packages/core/src/adapters/http.js';
import { validateResult } from '../../../packages/core/src/validation/index.js';
import { faultHandlers } from '../../../mocks/handlers/faults.js';

const worker = setupWorker();
const scope = { org: 'B01', period: 'month' as const, date: '2026-11-24' };
const query: LeaderboardQuery = { scope, board: 'managers', metric: 'points' };
const signal = (): AbortSignal => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

async function strideFailure(promise: Promise<unknown>): Promise<StrideError> {
  const error = await failure(promise);
  expect(error).to.be.instanceOf(StrideError);
  return error as StrideError;
}

const board = {
  asOf: '2026-11-24T18:00:00+08:00',
  scope,
  board: 'managers',
  metric: 'points',
  entries: [{ id: 'm1', name: 'Li Na', kind: 'manager', value: 42 }],
};

describe('createHttpAdapter', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('sends the scope as query parameters with the host headers and returns the body', async () => {
    let seen: { url: URL; auth: string | null } | undefined;
    worker.use(
      http.get('/api/v1/leaderboard', ({ request }) => {
        seen = { url: new URL(request.url), auth: request.headers.get('authorization') };
        return HttpResponse.json(board);
      }),
    );
    let calls = 0;
    const adapter = createHttpAdapter({
      baseUrl: '/api/',
      headers: async () => ({ Authorization: `Bearer t${++calls}` }),
    });
    const result = await adapter.leaderboard!({ ...query, scope: { ...scope, manager: 'm1' } }, { signal: signal() });
    expect(result).to.deep.equal(board);
    expect(Object.fromEntries(seen!.url.searchParams)).to.deep.equal({
      org: 'B01',
      manager: 'm1',
      period: 'month',
      date: '2026-11-24',
      board: 'managers',
      metric: 'points',
    });
    expect(seen!.auth).to.equal('Bearer t1');
    await adapter.leaderboard!(query, { signal: signal() });
    expect(seen!.auth).to.equal('Bearer t2');
  });

  it('asks /v1/org-tree with no parameters and /v1/grids with the org only', async () => {
    const urls: string[] = [];
    worker.use(
      http.get('/api/v1/org-tree', ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json([]);
      }),
      http.get('/api/v1/grids', ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json({ type: 'FeatureCollection', features: [] });
      }),
    );
    const adapter = createHttpAdapter({ baseUrl: '/api' });
    await adapter.orgTree!({}, { signal: signal() });
    await adapter.grids!({ org: 'B01' }, { signal: signal() });
    expect(urls.map((u) => u.slice(location.origin.length))).to.deep.equal([
      '/api/v1/org-tree',
      '/api/v1/grids?org=B01',
    ]);
  });

  it('a 500 is an http error with the status and the problem detail, naming the endpoint', async () => {
    worker.use(...faultHandlers.serverError());
    const error = await strideFailure(createHttpAdapter({ baseUrl: '/api' }).leaderboard!(query, { signal: signal() }));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(500);
    expect(error.method).to.equal('leaderboard');
    expect(error.message).to.equal(
      'GET /v1/leaderboard: 500 Internal Server Error: The reporting database is unavailable.',
    );
    expect(error.problem?.detail).to.equal('The reporting database is unavailable.');
  });

  it('a 401 is an auth error, so a host can send the user to sign in', async () => {
    worker.use(...faultHandlers.unauthorized());
    const error = await strideFailure(createHttpAdapter({ baseUrl: '/api' }).funnel!({ scope }, { signal: signal() }));
    expect(error.kind).to.equal('auth');
    expect(error.status).to.equal(401);
    expect(error.message).to.equal('GET /v1/funnel: 401 Unauthorized: The session has expired.');
  });

  it('a 403 is an auth error too', async () => {
    worker.use(http.get('/api/v1/coverage', () => new HttpResponse('<html>denied</html>', { status: 403 })));
    const error = await strideFailure(
      createHttpAdapter({ baseUrl: '/api' }).coverage!({ scope }, { signal: signal() }),
    );
    expect(error.kind).to.equal('auth');
    expect(error.message).to.equal('GET /v1/coverage: 403 Forbidden: <html>denied</html>');
  });

  it('a failed connection is a network error', async () => {
    worker.use(...faultHandlers.networkError());
    const error = await strideFailure(
      createHttpAdapter({ baseUrl: '/api' }).coverage!({ scope }, { signal: signal() }),
    );
    expect(error.kind).to.equal('network');
    expect(error.message).to.match(/^GET \/v1\/coverage: network error: /);
  });

  it('a body that is not JSON is invalid', async () => {
    worker.use(...faultHandlers.malformedJson());
    const error = await strideFailure(
      createHttpAdapter({ baseUrl: '/api' }).indicators!({ scope }, { signal: signal() }),
    );
    expect(error.kind).to.equal('invalid');
    expect(error.message).to.match(/^GET \/v1\/indicators: response is not valid JSON: /);
  });

  it('passes well-formed but wrong data through; validation then rejects it by path', async () => {
    worker.use(...faultHandlers.invalidData());
    const raw = await createHttpAdapter({ baseUrl: '/api' }).leaderboard!(query, { signal: signal() });
    let error: unknown;
    try {
      validateResult('leaderboard', raw);
    } catch (caught) {
      error = caught;
    }
    expect((error as StrideError).kind).to.equal('invalid');
    expect((error as StrideError).message).to.equal('leaderboard: asOf: expected string, got 20261124');
  });

  it('the empty fault gives valid, empty results', async () => {
    worker.use(...faultHandlers.empty());
    const adapter = createHttpAdapter({ baseUrl: '/api' });
    const { data, dropped } = validateResult('leaderboard', await adapter.leaderboard!(query, { signal: signal() }));
    expect(data.entries).to.deep.equal([]);
    expect(data.scope).to.deep.equal(scope);
    expect(dropped).to.equal(null);
    expect(validateResult('orgTree', await adapter.orgTree!({}, { signal: signal() })).data).to.deep.equal([]);
  });

  it('an abort by the caller rejects with the AbortError, not a StrideError', async () => {
    worker.use(
      ...faultHandlers.slow(10_000),
      http.get('/api/v1/leaderboard', () => HttpResponse.json(board)),
    );
    const controller = new AbortController();
    const pending = createHttpAdapter({ baseUrl: '/api' }).leaderboard!(query, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error).to.not.be.instanceOf(StrideError);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('gives up after timeoutMs with a timeout error', async () => {
    worker.use(
      ...faultHandlers.slow(10_000),
      http.get('/api/v1/leaderboard', () => HttpResponse.json(board)),
    );
    const error = await strideFailure(
      createHttpAdapter({ baseUrl: '/api', timeoutMs: 100 }).leaderboard!(query, { signal: signal() }),
    );
    expect(error.kind).to.equal('timeout');
    expect(error.message).to.equal('GET /v1/leaderboard: no response within 100 ms');
  });

  it('the slow fault still answers with the next handler', async () => {
    worker.use(
      ...faultHandlers.slow(20),
      http.get('/api/v1/leaderboard', () => HttpResponse.json(board)),
    );
    expect(await createHttpAdapter({ baseUrl: '/api' }).leaderboard!(query, { signal: signal() })).to.deep.equal(board);
  });

  it('a headers callback that fails is an auth error', async () => {
    const adapter = createHttpAdapter({
      baseUrl: '/api',
      headers: () => Promise.reject(new Error('SSO ticket expired')),
    });
    const error = await strideFailure(adapter.leaderboard!(query, { signal: signal() }));
    expect(error.kind).to.equal('auth');
    expect(error.message).to.equal('GET /v1/leaderboard: could not get request headers: SSO ticket expired');
  });

  it('uses the host fetch when given one', async () => {
    const seen: string[] = [];
    const adapter = createHttpAdapter({
      baseUrl: 'https://mis.bank.example/stride',
      fetch: async (input) => {
        seen.push(input);
        return new Response(JSON.stringify([]), { status: 200 });
      },
    });
    expect(await adapter.orgTree!({}, { signal: signal() })).to.deep.equal([]);
    expect(seen).to.deep.equal(['https://mis.bank.example/stride/v1/org-tree']);
  });
});
