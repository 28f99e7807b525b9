/**
 * Counts are links only where the adapter has `leads`; a 404 from /v1/leads turns them off for that adapter (its
 * identity), and for no other adapter, and only a 404 does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpAdapter } from '../../../packages/core/src/adapters/http.js';
import { hasLeads, markLeadsMissing } from '../../../packages/core/src/leads/capability.js';
import type { LeadsQuery, StrideAdapter } from '../../../packages/core/src/contracts.js';

const query: LeadsQuery = { scope: { org: 'br-hz', period: 'month', date: '2026-11-24' }, filter: {}, limit: 5 };
const signal = () => new AbortController().signal;

/** An http adapter whose back end answers /v1/leads with `status`. */
function backEnd(status: number): StrideAdapter {
  return createHttpAdapter({
    baseUrl: '/api',
    fetch: async () =>
      status === 200
        ? new Response(JSON.stringify({ asOf: '2026-11-24T10:00:00Z', scope: query.scope, total: 0, leads: [] }))
        : new Response('{}', { status, headers: { 'Content-Type': 'application/problem+json' } }),
  });
}

test('an adapter without a leads method has no links; one with it has', () => {
  assert.equal(hasLeads(undefined), false);
  assert.equal(hasLeads({ funnel: async () => ({ asOf: '', scope: query.scope, stages: [] }) }), false);
  assert.equal(hasLeads(backEnd(200)), true);
});

test('a 404 on /v1/leads turns the links off for that adapter only', async () => {
  const without = backEnd(404);
  const other = backEnd(404);
  assert.equal(hasLeads(without), true, 'unknown until the back end answers');
  await assert.rejects(
    without.leads!(query, { signal: signal() }),
    (error: { status?: number }) => error.status === 404,
  );
  assert.equal(hasLeads(without), false);
  assert.equal(hasLeads(other), true, 'another adapter (another back end) keeps its links');
});

test('other failures (500, 403) and answers keep the links', async () => {
  for (const status of [500, 403, 200]) {
    const adapter = backEnd(status);
    await adapter.leads!(query, { signal: signal() }).catch(() => undefined);
    assert.equal(hasLeads(adapter), true, String(status));
  }
});

test('any adapter can be marked by identity, e.g. a custom one whose back end lacks the list', () => {
  const custom: StrideAdapter = { leads: async () => ({ asOf: '', scope: query.scope, total: 0, leads: [] }) };
  markLeadsMissing(custom);
  assert.equal(hasLeads(custom), false);
  assert.equal(hasLeads({ ...custom }), true, 'a different object is a different adapter');
});
