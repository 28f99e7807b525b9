import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createHttpAdapter, createStrideQueryClient } from '@stride/core';
import '../../../packages/elements/src/bundle.js';
import { createPilotHandlers } from '../../../mocks/handlers.js';
import { generatePilot } from '../../../mocks/pilot/index.js';

const pilot = generatePilot({ seed: 3, today: '2026-11-24', managers: 10, grids: 12, events: 3_000 });
const worker = setupWorker(...createPilotHandlers({ pilot, baseUrl: '/api' }));

describe('one request per distinct query', () => {
  const requests: string[] = [];
  const record = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/')) requests.push(`${url.pathname}${url.search}`);
  };
  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    worker.events.on('request:start', record);
  });
  after(() => {
    worker.events.removeAllListeners();
    worker.stop();
  });

  it('asks the back end once for a query that the dashboard and a second widget both need', async () => {
    const adapter = createHttpAdapter({ baseUrl: '/api' });
    const client = createStrideQueryClient();
    const el = await fixture(html`<div>
      <stride-dashboard org="br-hz" date="2026-11-24" .adapter=${adapter} .queryClient=${client}></stride-dashboard>
      <stride-leaderboard org="br-hz" date="2026-11-24" .adapter=${adapter} .queryClient=${client}></stride-leaderboard>
      <stride-leaderboard org="br-hz" date="2026-11-24" .adapter=${adapter} .queryClient=${client}></stride-leaderboard>
    </div>`);
    await waitUntil(
      // the alerts view is its own chunk: on a busy machine it can ask after the others have finished
      () =>
        requests.some((r) => r.startsWith('/api/v1/coverage')) &&
        requests.some((r) => r.startsWith('/api/v1/alerts')) &&
        client.isFetching() === 0,
      'all widgets loaded',
      { timeout: 8000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    const leaderboardCalls = requests.filter((r) => r.startsWith('/api/v1/leaderboard'));
    expect(leaderboardCalls, 'three leaderboards, one query').to.have.length(1);
    const distinct = new Set(requests);
    expect(requests.length, `each distinct query once: ${requests.join(' ')}`).to.equal(distinct.size);
    // the http adapter has alerts, so the alerts view asks /v1/alerts (a lazily loaded element, counted all the same)
    expect([...distinct].map((r) => r.split('?')[0]).sort()).to.deep.equal([
      '/api/v1/alerts',
      '/api/v1/coverage',
      '/api/v1/funnel',
      '/api/v1/grids',
      '/api/v1/indicators',
      '/api/v1/leaderboard',
      '/api/v1/org-tree',
    ]);
    el.remove();
  });
});
