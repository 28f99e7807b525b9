/**
 * The kit's http adapter against the real server on loopback: every endpoint answers, bad parameters and sessions
 * come back as the problem+json the adapter turns into StrideErrors, and the server keeps its limits.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { isStrideError, type StrideAdapter, type StrideError } from '../../packages/core/src/contracts.js';
import { createHttpAdapter } from '../../packages/core/src/adapters/http.js';
import { createMetricsEngine } from '../../packages/core/src/engine/index.js';
import { createMetricsService, type MetricsService } from '../../packages/server/src/metrics.js';
import { createStrideServer, type StrideServer } from '../../packages/server/src/server.js';
import { openWarehouse, type Warehouse } from '../../packages/server/src/warehouse.js';
import { generatePilot } from '../../mocks/pilot/index.js';

const NOW = new Date('2026-03-10T15:30:00+08:00');
const pilot = generatePilot({ today: '2026-03-10', now: NOW });
const TOKEN = 'session-of-m-001';
const PORTAL = 'https://portal.bank.example';
const signal = new AbortController().signal;

async function rejection(promise: Promise<unknown>): Promise<StrideError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isStrideError(error), `expected a StrideError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('the http adapter against the reference server', () => {
  let warehouse: Warehouse;
  let stride: StrideServer;
  let base: string;
  let adapter: StrideAdapter;
  const logged: unknown[] = [];

  before(async () => {
    warehouse = await openWarehouse({ ...pilot, now: () => NOW });
    stride = createStrideServer({
      warehouse,
      metrics: createMetricsService(warehouse),
      allowedOrigins: [PORTAL],
      verify: ({ headers }) =>
        headers.authorization === `Bearer ${TOKEN}` ? { ok: true } : { ok: false, status: 401 },
      log: (_message, error) => logged.push(error),
    });
    base = (await stride.listen(0, '127.0.0.1')).url;
    adapter = createHttpAdapter({ baseUrl: base, headers: () => ({ Authorization: `Bearer ${TOKEN}` }) });
  });
  after(() => stride.close());

  it('answers every endpoint with the numbers the TypeScript engine computes', async () => {
    const engine = createMetricsEngine({ ...pilot, now: () => NOW });
    const scope = { org: 'br-hz', period: 'month' as const, date: '2026-03-10' };
    assert.deepStrictEqual(await adapter.indicators!({ scope }, { signal }), engine.indicators({ scope }));
    const board = { scope, board: 'teams' as const, metric: 'visits' };
    assert.deepStrictEqual(await adapter.leaderboard!(board, { signal }), engine.leaderboard(board));
    assert.deepStrictEqual(await adapter.funnel!({ scope }, { signal }), engine.funnel({ scope }));
    assert.deepStrictEqual(await adapter.coverage!({ scope }, { signal }), engine.coverage({ scope }));
    assert.deepStrictEqual(await adapter.grids!({ org: 'br-hz' }, { signal }), engine.grids({ org: 'br-hz' }));
    assert.deepStrictEqual(await adapter.orgTree!({}, { signal }), engine.orgTree());
  });

  it("computes a team's board once for all its managers, each getting their own scope back", async () => {
    const engine = createMetricsEngine({ ...pilot, now: () => NOW });
    const team = pilot.orgTree.find((node) => node.level === 'team')!;
    const [first, second] = pilot.orgTree.filter((node) => node.parentId === team.id);
    const boardOf = (manager: string) => ({
      scope: { org: team.id, manager, period: 'month' as const, date: '2026-03-09' },
      board: 'managers' as const,
      metric: 'points',
    });
    const computedBefore = stride.cache!.stats.misses;
    const hitsBefore = stride.cache!.stats.hits;
    for (const manager of [first!.id, second!.id]) {
      const query = boardOf(manager);
      const answer = await adapter.leaderboard!(query, { signal });
      assert.deepStrictEqual(answer, engine.leaderboard(query));
      assert.equal(answer.scope.manager, manager);
    }
    assert.equal(stride.cache!.stats.misses - computedBefore, 1);
    assert.equal(stride.cache!.stats.hits - hitsBefore, 1);
  });

  it('a bad org is a 400 problem naming the org parameter', async () => {
    const error = await rejection(
      adapter.funnel!({ scope: { org: 'no-such-org', period: 'month', date: '2026-03-10' } }, { signal }),
    );
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.deepEqual(
      error.problem?.errors?.map((e) => e.path),
      ['org'],
    );
  });

  it('a malformed date and an unknown metric are both named in one 400', async () => {
    const response = await fetch(
      `${base}/v1/leaderboard?org=bank&period=month&date=2026-02-30&board=managers&metric=rank`,
      {
        headers: { Authorization: `Bearer ${TOKEN}` },
      },
    );
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as { status: number; errors: { path: string }[] };
    assert.equal(problem.status, 400);
    assert.deepEqual(problem.errors.map((e) => e.path).sort(), ['date', 'metric']);
  });

  it('a session the verify hook refuses is a 401 the adapter reports as an auth error', async () => {
    const stale = createHttpAdapter({ baseUrl: base, headers: () => ({ Authorization: 'Bearer expired' }) });
    const error = await rejection(stale.orgTree!({}, { signal }));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
  });

  it('lets configured origins through CORS and no one else', async () => {
    const preflight = await fetch(`${base}/v1/indicators`, {
      method: 'OPTIONS',
      headers: {
        Origin: PORTAL,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);

    const foreign = await fetch(`${base}/v1/org-tree`, {
      headers: { Origin: 'https://evil.example', Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const foreignPreflight = await fetch(`${base}/v1/org-tree`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(foreignPreflight.status, 403);
  });

  it('refuses other methods, request bodies, long URLs and unknown paths with problems', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    assert.equal((await fetch(`${base}/v1/org-tree`, { method: 'DELETE', headers: auth })).status, 405);
    assert.equal(
      (await fetch(`${base}/v1/org-tree`, { method: 'POST', headers: auth, body: 'x'.repeat(10) })).status,
      405,
    );
    // fetch refuses a GET with a body, so this one goes through node:http
    const withBody = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/v1/org-tree`,
        { method: 'GET', headers: { ...auth, 'Content-Length': '5' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('hello');
    });
    assert.equal(withBody, 413);
    assert.equal((await fetch(`${base}/v1/org-tree?pad=${'a'.repeat(3000)}`, { headers: auth })).status, 414);
    const missing = await fetch(`${base}/v2/org-tree`, { headers: auth });
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /problem\+json/);
  });

  it('sends a big answer gzipped to a client that accepts gzip, the same bytes to every such client', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const get = (path: string, encoding?: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const headers = encoding === undefined ? auth : { ...auth, 'Accept-Encoding': encoding };
        request(`${base}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const plain = await get('/v1/grids?org=br-hz');
    assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: sent as it is');
    assert.ok(plain.body.length > 64 * 1024, `the pilot's grids are big enough to compress (${plain.body.length} B)`);
    const first = await get('/v1/grids?org=br-hz', 'gzip, deflate, br');
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.match(String(first.headers['vary']), /Accept-Encoding/);
    assert.ok(first.body.length < plain.body.length / 3, `gzipped ${first.body.length} of ${plain.body.length} B`);
    assert.deepStrictEqual(gunzipSync(first.body), plain.body);
    const again = await get('/v1/grids?org=br-hz', 'gzip');
    assert.deepStrictEqual(again.body, first.body);
    const refused = await get('/v1/grids?org=br-hz', 'gzip;q=0, identity');
    assert.equal(refused.headers['content-encoding'], undefined, 'gzip;q=0 refuses gzip');
    assert.deepStrictEqual(refused.body, plain.body);
    // a small answer is not worth the CPU
    const tree = await get('/v1/org-tree', 'gzip');
    assert.equal(tree.headers['content-encoding'], undefined);
  });
});

describe('server limits with a stand-in metrics service', () => {
  const pending: (() => void)[] = [];
  let warehouse: Warehouse;
  before(async () => {
    warehouse = await openWarehouse({ ...pilot, now: () => NOW });
  });
  after(() => warehouse.close());

  const stub = (overrides: Partial<MetricsService>): MetricsService => ({
    ...createMetricsService(warehouse),
    ...overrides,
  });

  it('a query past the deadline is stopped and answered 503', async () => {
    const stride = createStrideServer({
      warehouse: { ...warehouse, close: async () => {} },
      metrics: stub({
        // never finishes by itself: only the deadline's abort ends it
        orgTree: (_q, s) =>
          new Promise((_, reject) => s?.addEventListener('abort', () => reject(new Error('interrupted')))),
      }),
      verify: () => ({ ok: true }),
      requestTimeoutMs: 50,
    });
    const { url } = await stride.listen();
    const response = await fetch(`${url}/v1/org-tree`);
    assert.equal(response.status, 503);
    await stride.close();
  });

  it('an internal failure is a generic 500: no message, no stack trace', async () => {
    const stride = createStrideServer({
      warehouse: { ...warehouse, close: async () => {} },
      metrics: stub({
        orgTree: () => Promise.reject(new Error('Catalog Error: table secret_salaries does not exist')),
      }),
      verify: () => ({ ok: true }),
      log: () => {},
    });
    const { url } = await stride.listen();
    const response = await fetch(`${url}/v1/org-tree`);
    const text = await response.text();
    assert.equal(response.status, 500);
    assert.doesNotMatch(text, /secret_salaries|at .*\.ts|Catalog Error/);
    await stride.close();
  });

  it('shuts down cleanly: the request in flight is answered, then nothing more is accepted', async () => {
    let closedDatabase = false;
    const stride = createStrideServer({
      warehouse: { ...warehouse, close: async () => void (closedDatabase = true) },
      metrics: stub({ orgTree: () => new Promise((resolve) => pending.push(() => resolve([]))) }),
      verify: () => ({ ok: true }),
    });
    const { url } = await stride.listen();
    const inFlight = fetch(`${url}/v1/org-tree`);
    while (pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = stride.close();
    pending.shift()!();
    assert.equal((await inFlight).status, 200);
    await closing;
    assert.equal(closedDatabase, true);
    await assert.rejects(fetch(`${url}/v1/org-tree`));
  });
});
