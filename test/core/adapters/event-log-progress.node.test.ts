import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readEventLogSource, type EventLogProgress } from '../../../packages/core/src/adapters/event-log-protocol.js';

const HEADER = 'at,type,leadId,managerId,customerId,gridId,amount\n';
const ROW = '2026-11-05T09:30:00+08:00,assigned,l-1,m-1,c-1,g-1,\n';

test('a file read in many chunks reports its bytes a megabyte apart, and the whole at its end', async () => {
  const bytes = new TextEncoder().encode(HEADER + ROW.repeat(100_000)); // 5.3 MB
  // in 64 KB chunks, as a browser streams a file
  const chunks = Math.ceil(bytes.length / 65_536);
  const events = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 65_536) controller.enqueue(bytes.slice(at, at + 65_536));
      controller.close();
    },
  });
  const progress: EventLogProgress[] = [];
  const { report } = await readEventLogSource({ events }, (p) => progress.push(p));
  const reading = progress.filter((p) => p.phase === 'reading').map((p) => p.bytes);
  assert.equal(report.rows, 100_000);
  assert.ok(reading.length >= 5 && reading.length <= 7, `${reading.length} reports for ${chunks} chunks`);
  for (let i = 1; i < reading.length - 1; i++) assert.ok(reading[i]! - reading[i - 1]! >= 2 ** 20);
  assert.equal(reading.at(-1), bytes.length);
  assert.deepEqual(
    progress.map((p) => p.phase).filter((phase, i, all) => all.indexOf(phase) === i),
    ['reading', 'parsing', 'indexing'],
  );
});

test('files of known size report every hundredth of the whole at most, each file ending with its bytes', async () => {
  const events = new Blob([HEADER + ROW.repeat(100_000)]);
  const roster = new Blob(['id,name,parentId,level\nbank,Bank,,bank\nm-1,M1,bank,manager\n']);
  const progress: EventLogProgress[] = [];
  await readEventLogSource({ events, orgTree: roster }, (p) => progress.push(p));
  const reading = progress.filter((p) => p.phase === 'reading');
  const total = events.size + roster.size;
  assert.ok(reading.length <= 101, `${reading.length} reports`);
  assert.ok(
    reading.some((p) => p.bytes === events.size),
    'the events file ends with a report of its bytes',
  );
  assert.deepEqual(reading.at(-1), { phase: 'reading', bytes: total, totalBytes: total, events: 0 });
});
