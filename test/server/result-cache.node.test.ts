/**
 * The server's answer cache: keyed by data version, query and asOf, so a kept answer is never stale. Counted here
 * by how often the SQL side is asked, on a warehouse whose clock and version the test moves.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createBankZone } from '../../packages/core/src/engine/time.js';
import { createResultCache } from '../../packages/server/src/result-cache.js';
import type { Warehouse } from '../../packages/server/src/warehouse.js';

function fakeWarehouse(now: { value: Date }, version: { value: number }): Warehouse {
  return {
    zone: createBankZone('Asia/Shanghai'),
    pilot: undefined,
    now: () => now.value,
    get version() {
      return version.value;
    },
  } as unknown as Warehouse;
}

const past = { scope: { org: 'bank', period: 'month', date: '2026-03-09' } };
const today = { scope: { org: 'bank', period: 'month', date: '2026-03-10' } };

it('computes a past day once per data version, and again after a refresh', async () => {
  const now = { value: new Date('2026-03-10T15:30:00+08:00') };
  const version = { value: 0 };
  const cache = createResultCache(fakeWarehouse(now, version));
  let computed = 0;
  const answer = () => cache.body(cache.key('indicators', past), async () => ({ computed: ++computed }));
  assert.equal(await answer(), '{"computed":1}');
  now.value = new Date('2026-03-10T15:31:00+08:00'); // yesterday's asOf does not move with the clock
  assert.equal(await answer(), '{"computed":1}');
  version.value = 1;
  assert.equal(await answer(), '{"computed":2}');
});

it("recomputes today's view as the clock moves, and shares one computation between requests arriving together", async () => {
  const now = { value: new Date('2026-03-10T15:30:00+08:00') };
  const cache = createResultCache(fakeWarehouse(now, { value: 0 }));
  let computed = 0;
  let finish: () => void = () => {};
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const slow = async () => {
    computed++;
    await gate;
    return { computed };
  };
  const key = cache.key('funnel', today);
  const together = [cache.body(key, slow), cache.body(key, slow), cache.body(key, slow)];
  finish();
  assert.deepEqual(await Promise.all(together), ['{"computed":1}', '{"computed":1}', '{"computed":1}']);
  now.value = new Date('2026-03-10T15:30:01+08:00');
  assert.equal(await cache.body(cache.key('funnel', today), slow), '{"computed":2}');
});

it("lets a live view's answer go once sent: no later request can ask for it, and it would push out ones that are", async () => {
  const now = { value: new Date('2026-03-10T15:30:00+08:00') };
  const cache = createResultCache(fakeWarehouse(now, { value: 0 }));
  let computed = 0;
  const live = () => cache.body(cache.key('funnel', today), async () => ({ computed: ++computed }));
  assert.equal(await live(), '{"computed":1}');
  assert.deepEqual({ entries: cache.stats.entries, bytes: cache.stats.bytes }, { entries: 0, bytes: 0 });
  assert.equal(cache.gzipped(cache.key('funnel', today)), undefined, 'the caller compresses its own');
  // a day that has ended is not live: its asOf is the day's end, whenever it is asked
  const ended = { scope: { ...today.scope, date: '2026-03-09' } };
  await cache.body(cache.key('funnel', ended), async () => ({ computed: ++computed }));
  now.value = new Date('2026-03-10T15:35:00+08:00');
  assert.equal(await cache.body(cache.key('funnel', ended), async () => ({ computed: ++computed })), '{"computed":2}');
  assert.equal(cache.stats.entries, 1);
});

it('lets a waiting request compute for itself when the one it waited on fails', async () => {
  const cache = createResultCache(fakeWarehouse({ value: new Date('2026-03-10T15:30:00+08:00') }, { value: 0 }));
  const key = cache.key('grids', { org: 'bank' });
  const cancelled = cache.body(key, () => Promise.reject(new Error('client left')));
  const waiting = cache.body(key, async () => ({ type: 'FeatureCollection', features: [] }));
  await assert.rejects(cancelled, /client left/);
  assert.equal(await waiting, '{"type":"FeatureCollection","features":[]}');
});

it('keeps within its size, dropping the least recently used answer', async () => {
  const cache = createResultCache(fakeWarehouse({ value: new Date('2026-03-10T15:30:00+08:00') }, { value: 0 }), {
    maxBytes: 2_400,
  });
  let computed = 0;
  const answer = (org: string) =>
    cache.body(cache.key('grids', { org }), async () => ({ org, pad: 'x'.repeat(300), computed: ++computed }));
  await answer('a');
  await answer('b');
  await answer('c');
  await answer('a'); // kept, and now the most recently used
  await answer('d'); // over the bound: b goes
  assert.equal(computed, 4);
  await answer('a');
  assert.equal(computed, 4);
  await answer('b');
  assert.equal(computed, 5);
  assert.ok(cache.stats.bytes <= 2_400);
});

it('never keys what depends on the session', () => {
  const cache = createResultCache(fakeWarehouse({ value: new Date() }, { value: 0 }));
  assert.equal(cache.key('leads' as never, today), undefined);
});

it('keeps a burst of distinct answers within its bound, and still answers every request', async () => {
  const maxBytes = 32 * 1024;
  const cache = createResultCache(fakeWarehouse({ value: new Date('2026-03-10T15:30:00+08:00') }, { value: 0 }), {
    maxBytes,
  });
  // every manager of a bank opening their own funnel at once: 2,000 keys never asked before
  const managers = Array.from({ length: 2_000 }, (_, k) => `m-${String(k).padStart(5, '0')}`);
  const ask = (manager: string) =>
    cache.body(cache.key('funnel', { scope: { ...past.scope, org: 'tm-1', manager } }), async () => ({ manager }));
  const answers = await Promise.all(managers.map(ask));
  assert.deepEqual(
    answers.map((body) => (JSON.parse(body) as { manager: string }).manager),
    managers,
  );
  assert.ok(cache.stats.bytes <= maxBytes, `${cache.stats.bytes} bytes kept`);
  assert.ok(cache.stats.entries > 0 && cache.stats.entries < 2_000 / 10, `${cache.stats.entries} kept`);
  // the newest stay, the oldest went
  const hits = cache.stats.hits;
  await ask(managers.at(-1)!);
  assert.equal(cache.stats.hits, hits + 1);
  await ask(managers[0]!);
  assert.equal(cache.stats.hits, hits + 1);
  assert.equal(cache.stats.misses, 2_001);
});

it('counts kept answers, shared computations and computed ones for the hit rate', async () => {
  const cache = createResultCache(fakeWarehouse({ value: new Date('2026-03-10T15:30:00+08:00') }, { value: 0 }));
  const key = cache.key('indicators', past);
  await Promise.all([cache.body(key, async () => 1), cache.body(key, async () => 2)]);
  await cache.body(key, async () => 3);
  await cache.body(cache.key('indicators', today), async () => 4);
  assert.deepEqual(
    { hits: cache.stats.hits, shared: cache.stats.shared, misses: cache.stats.misses, entries: cache.stats.entries },
    { hits: 1, shared: 1, misses: 2, entries: 1 },
  );
});

it('compresses a kept answer once, counts its gzip bytes against the bound, and keeps none for an unkept one', async () => {
  const cache = createResultCache(fakeWarehouse({ value: new Date('2026-03-10T15:30:00+08:00') }, { value: 0 }));
  const key = cache.key('grids', { org: 'bank' });
  const body = await cache.body(key, async () => ({ features: 'polygon '.repeat(10_000) }));
  const before = cache.stats.bytes;
  const gzip = cache.gzipped(key);
  assert.ok(gzip, 'a kept answer has its gzip');
  assert.equal(cache.gzipped(key), gzip, 'compressed once');
  assert.equal(gunzipSync(await gzip).toString('utf8'), body);
  assert.equal(cache.stats.bytes, before + (await gzip).byteLength);
  assert.equal(cache.gzipped(cache.key('grids', { org: 'branch' })), undefined, 'nothing kept, nothing compressed');
  assert.equal(cache.gzipped(cache.key('leads', past)), undefined, 'leads are never kept');
});
