import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { StrideError, type Scope } from '../../../packages/core/src/contracts.js';
import { createHttpAdapter } from '../../../packages/core/src/adapters/http.js';
import { registerResultSpec, validateResult } from '../../../packages/core/src/validation/index.js';
import { GRIDS_RESULT_SPEC } from '../../../packages/core/src/validation/grids.js';
import { LEADS_RESULT_SPEC } from '../../../packages/core/src/validation/leads.js';
import { createPilotHandlers, faultHandlers } from '../../../mocks/handlers.js';
import { generatePilot } from '../../../mocks/pilot/index.js';

registerResultSpec('grids', GRIDS_RESULT_SPEC);
registerResultSpec('leads', LEADS_RESULT_SPEC);

const pilot = generatePilot();
const worker = setupWorker(...createPilotHandlers({ pilot }));
const adapter = createHttpAdapter({ baseUrl: '/api' });
const branch = pilot.orgTree.find((node) => node.level === 'branch')!;
const scope: Scope = { org: branch.id, period: 'month', date: pilot.today };
const signal = (): AbortSignal => new AbortController().signal;

async function strideFailure(promise: Promise<unknown>): Promise<StrideError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StrideError);
    return error as StrideError;
  }
  throw new Error('expected the request to fail');
}

describe('createPilotHandlers (REST contract on the synthetic pilot)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('ranks a board by a supplied balance (the deposits the pilot supplies), values in yuan', async () => {
    const board = await adapter.leaderboard!({ scope, board: 'managers', metric: 'deposits' }, { signal: signal() });
    expect(validateResult('leaderboard', board).dropped).to.equal(null);
    expect(board.metric).to.equal('deposits');
    const managers = pilot.orgTree.filter((node) => node.level === 'manager').length;
    expect(board.entries).to.have.length(managers);
    // a manager's book is millions of yuan, not a count of leads
    expect(board.entries.every((entry) => typeof entry.value === 'number' && entry.value > 100_000)).to.equal(true);
  });

  it('serves every endpoint with results that validate cleanly', async () => {
    const results = {
      indicators: await adapter.indicators!({ scope, rows: 'managers' }, { signal: signal() }),
      leaderboard: await adapter.leaderboard!({ scope, board: 'managers', metric: 'points' }, { signal: signal() }),
      funnel: await adapter.funnel!({ scope }, { signal: signal() }),
      coverage: await adapter.coverage!({ scope: { ...scope, period: 'pilot' } }, { signal: signal() }),
      grids: await adapter.grids!({ org: branch.id }, { signal: signal() }),
      orgTree: await adapter.orgTree!({}, { signal: signal() }),
    };
    for (const [method, raw] of Object.entries(results)) {
      expect(validateResult(method as keyof typeof results, raw).dropped, method).to.equal(null);
    }
    const managers = pilot.orgTree.filter((node) => node.level === 'manager').length;
    expect(results.leaderboard.entries).to.have.length(managers);
    expect(results.orgTree).to.have.length(pilot.orgTree.length);
    expect(results.funnel.stages.map((s) => s.id)).to.deep.equal([
      'assigned',
      'claimed',
      'contacted',
      'visited',
      'intent',
      'applied',
      'converted',
    ]);
  });

  it('serves leads through the http adapter: the funnel overdue opens its rows, masked, page by page', async () => {
    const funnel = await adapter.funnel!({ scope }, { signal: signal() });
    const contacted = funnel.stages.find((s) => s.id === 'contacted')!;
    const first = await adapter.leads!({ scope, filter: { overdue: 'contacted' }, limit: 5 }, { signal: signal() });
    expect(validateResult('leads', first).dropped).to.equal(null);
    expect(first.total).to.equal(contacted.overdue);
    expect(first.leads.every((row) => row.masked && row.stage === 'contacted')).to.equal(true);
    const names = new Set(pilot.customers.map((c) => c.name));
    expect(first.leads.some((row) => names.has(row.customer))).to.equal(false);
    const second = await adapter.leads!(
      { scope, filter: { overdue: 'contacted' }, limit: 5, cursor: first.nextCursor! },
      { signal: signal() },
    );
    expect(second.leads.map((r) => r.leadId)).not.to.include.members(first.leads.map((r) => r.leadId));
    const stale = await strideFailure(
      adapter.leads!(
        { scope, filter: { stage: 'claimed' }, limit: 5, cursor: first.nextCursor! },
        { signal: signal() },
      ),
    );
    expect(stale.status).to.equal(400);
  });

  it('a back end without leads answers 404', async () => {
    worker.use(...faultHandlers.noLeads());
    const missing = await strideFailure(adapter.leads!({ scope, filter: {}, limit: 5 }, { signal: signal() }));
    expect(missing.status).to.equal(404);
  });

  it('answers bad parameters with a 400 problem naming the parameter', async () => {
    const unknownOrg = await strideFailure(adapter.funnel!({ scope: { ...scope, org: 'NOPE' } }, { signal: signal() }));
    expect(unknownOrg.kind).to.equal('http');
    expect(unknownOrg.status).to.equal(400);
    expect(unknownOrg.message).to.equal('GET /v1/funnel: 400 Bad Request: org: unknown org "NOPE"');
    expect(unknownOrg.problem?.errors).to.deep.equal([{ path: 'org', message: 'unknown org "NOPE"' }]);

    const badDate = await strideFailure(
      adapter.coverage!({ scope: { ...scope, date: '2026-02-30' } }, { signal: signal() }),
    );
    expect(badDate.problem?.errors?.[0]?.path).to.equal('date');

    const badMetric = await strideFailure(
      adapter.leaderboard!({ scope, board: 'regions' as 'teams', metric: 'likes' }, { signal: signal() }),
    );
    expect(badMetric.problem?.errors?.map((e) => e.path)).to.deep.equal(['board', 'metric']);

    const badPeriod = await strideFailure(
      adapter.indicators!({ scope: { ...scope, period: 'fortnight' as 'week' } }, { signal: signal() }),
    );
    expect(badPeriod.message).to.contain('period: unknown period "fortnight"');
  });

  it('fault handlers override the pilot for every endpoint', async () => {
    worker.use(...faultHandlers.unauthorized());
    expect((await strideFailure(adapter.orgTree!({}, { signal: signal() }))).kind).to.equal('auth');
    worker.resetHandlers();
    worker.use(...faultHandlers.empty());
    const { data } = validateResult('coverage', await adapter.coverage!({ scope }, { signal: signal() }));
    expect(data.cells).to.deep.equal([]);
  });
});
