/**
 * The warehouse holds the bank's events in DuckDB alone: once they are loaded, the caller's event objects (a
 * million, 540 MB of heap at bank scale) must be free to go, since a server keeps its warehouse for weeks. V8 keeps
 * a variable alive for every closure of the function that declared it, so one closure reading the input is enough
 * to keep them all.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generatePilot } from '../../mocks/pilot/index.js';
import { openWarehouse, type Warehouse } from '../../packages/server/src/warehouse.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

it("lets the caller's events go once they are loaded, and still answers from them", async () => {
  let events: WeakRef<object> | undefined;
  const open = async (): Promise<Warehouse> => {
    const pilot = generatePilot({ managers: 40, events: 5_000 });
    events = new WeakRef(pilot.events);
    return openWarehouse({ ...pilot });
  };
  const warehouse = await open();
  try {
    // a WeakRef is only cleared after the job that made it has ended
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    assert.equal(events?.deref(), undefined, 'the events are still reachable from the warehouse');
    const facts = await warehouse.withConnection((c) => c.all('SELECT COUNT(*) AS n FROM facts', {}));
    assert.ok(Number(facts[0]!['n']) > 5_000 / 2, `${String(facts[0]!['n'])} facts`);
  } finally {
    await warehouse.close();
  }
});
