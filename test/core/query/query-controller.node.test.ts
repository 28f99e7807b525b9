import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveControllerHost } from 'lit';
import { StrideQueryController, createStrideQueryClient } from '../../../packages/core/src/query/query-controller.js';
import type { LeaderboardQuery, LeaderboardResult, StrideAdapter } from '../../../packages/core/src/contracts.js';

const scope = { org: 'br', period: 'month', date: '2026-11-24' } as const;
const query: LeaderboardQuery = { scope, board: 'managers', metric: 'points' };

function board(values: number[]): LeaderboardResult {
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope,
    board: 'managers',
    metric: 'points',
    entries: values.map((value, i) => ({
      id: `m${i}`,
      name: `经理${i}`,
      kind: 'manager',
      value,
      badges: [{ id: 'b', label: '首单', kind: 'milestone' }],
    })),
  };
}

/** A controller on a stand-in host (a Lit element would re-render on each requestUpdate). */
function mount(adapter: StrideAdapter) {
  const host: ReactiveControllerHost = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
  const client = createStrideQueryClient({ staleTime: 0 });
  const controller = new StrideQueryController(host, {
    method: 'leaderboard',
    config: () => ({ adapter, client, query, refreshSeconds: 0 }),
  });
  controller.hostConnected();
  controller.hostUpdate();
  const settled = async (): Promise<void> => {
    for (let i = 0; i < 50 && (controller.state.fetching || controller.state.status === 'loading'); i += 1)
      await new Promise((r) => setTimeout(r, 1));
  };
  // Clearing the client too: a query without observers waits out its gcTime (5 minutes by default) on a timer, which
  // would keep this test process alive that long after its last test.
  const unmount = () => {
    controller.hostDisconnected();
    client.clear();
  };
  return { controller, settled, unmount };
}

test('a refresh that returns the same board keeps the same data object; a changed board comes through', async () => {
  let current = board([30, 20, 10]);
  const { controller, settled, unmount } = mount({ leaderboard: async () => structuredClone(current) });
  await settled();
  const first = controller.state.data;
  assert.deepEqual(
    first?.entries.map((e) => e.value),
    [30, 20, 10],
  );

  // A fresh copy with equal content (as a poll of an http adapter returns): widgets keep their work for it.
  controller.refetch();
  await settled();
  assert.equal(controller.state.data, first);

  // One nested field differs (a badge label): the new board is delivered.
  current = board([30, 20, 10]);
  current.entries[2]!.badges = [{ id: 'b', label: '冠军', kind: 'champion' }];
  controller.refetch();
  await settled();
  assert.notEqual(controller.state.data, first);
  assert.equal(controller.state.data?.entries[2]?.badges?.[0]?.label, '冠军');

  // An entry more, everything else equal.
  current = board([30, 20, 10, 5]);
  controller.refetch();
  await settled();
  assert.deepEqual(
    controller.state.data?.entries.map((e) => e.value),
    [30, 20, 10, 5],
  );
  unmount();
});

test('a field that appears or disappears counts as a change', async () => {
  let current: LeaderboardResult = board([1]);
  const { controller, settled, unmount } = mount({ leaderboard: async () => structuredClone(current) });
  await settled();
  const first = controller.state.data;
  current = board([1]);
  current.entries[0]!.orgName = '一支行';
  controller.refetch();
  await settled();
  assert.equal(controller.state.data?.entries[0]?.orgName, '一支行');
  const second = controller.state.data;
  current = board([1]);
  controller.refetch();
  await settled();
  assert.notEqual(controller.state.data, second);
  assert.equal(controller.state.data?.entries[0]?.orgName, undefined);
  assert.notEqual(first, second);
  unmount();
});
