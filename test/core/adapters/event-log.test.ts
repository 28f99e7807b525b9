import { expect } from '@open-wc/testing';
import { StrideError, type AdapterMethod, type AdapterQueries } from '../../../packages/core/src/contracts.js';
import { createEventLogAdapter, type EventLogAdapter } from '../../../packages/core/src/adapters/event-log.js';
import { createStaticAdapter } from '../../../packages/core/src/adapters/static.js';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import { callEngine } from '../../../packages/core/src/adapters/event-log-protocol.js';
import { parseEventsCsv, parseRosterCsv } from '../../../packages/core/src/adapters/csv.js';
import { eventsCsvFixture, events, orgTree, rosterCsv } from './fixtures.js';

// The dev server compiles the TypeScript source on request; a build serves event-log.worker.js next to the bundle.
const workerUrl = new URL('/packages/core/src/adapters/event-log.worker.ts', location.origin);
const now = () => new Date('2026-11-24T12:00:00+08:00');
const scope = { org: 'B01', period: 'month' as const, date: '2026-11-24' };
const signal = (): AbortSignal => new AbortController().signal;

const calls: { [M in AdapterMethod]?: AdapterQueries[M] } = {
  indicators: { scope, rows: 'managers' },
  leaderboard: { scope, board: 'managers', metric: 'points' },
  funnel: { scope },
  coverage: { scope },
  orgTree: {},
};

describe('createEventLogAdapter', () => {
  const adapters: EventLogAdapter[] = [];
  const make = (options: Partial<Parameters<typeof createEventLogAdapter>[0]> = {}): EventLogAdapter => {
    const adapter = createEventLogAdapter({ events, orgTree, now, workerUrl, ...options });
    adapters.push(adapter);
    return adapter;
  };
  afterEach(() => adapters.splice(0).forEach((a) => a.dispose()));

  it('computes the funnel of the hand-made log in its worker', async () => {
    const adapter = make();
    const funnel = await adapter.funnel!({ scope }, { signal: signal() });
    // L1 reaches converted, L2 claimed, L3 only assigned: 3, 2, 1, 1, 1, 1, 1.
    expect(funnel.stages.map((s) => s.count)).to.deep.equal([3, 2, 1, 1, 1, 1, 1]);
  });

  it('gives the same results from the worker as the metrics engine run on this page', async () => {
    const inWorker = make();
    const onPage = createMetricsEngine({ events, orgTree, now });
    for (const [method, query] of Object.entries(calls) as [AdapterMethod, unknown][]) {
      const call = (adapter: EventLogAdapter): Promise<unknown> =>
        (adapter[method] as (q: unknown, o: { signal: AbortSignal }) => Promise<unknown>)(query, { signal: signal() });
      expect(await call(inWorker), method).to.deep.equal(callEngine(onPage, method, query));
    }
  });

  it('reports a worker file that cannot be loaded as a network error naming the method', async () => {
    const adapter = make({ workerUrl: new URL('/no-such-event-log.worker.js', location.origin) });
    let error: unknown;
    try {
      await adapter.funnel!({ scope }, { signal: signal() });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(StrideError);
    expect((error as StrideError).kind).to.equal('network');
    expect((error as StrideError).message).to.match(/^funnel: event-log worker failed/);
  });

  it('reads CSV inputs and reports malformed rows by line', async () => {
    const adapter = make({ events: eventsCsvFixture, orgTree: rosterCsv });
    const report = await adapter.report;
    expect(report.rows).to.equal(events.length);
    expect(report.dropped.map((d) => d.message)).to.deep.equal(['events.csv line 4: type: unknown event type "visit"']);
    const fromArrays = make();
    expect(await adapter.funnel!({ scope }, { signal: signal() })).to.deep.equal(
      await fromArrays.funnel!({ scope }, { signal: signal() }),
    );
  });

  it('names a CSV file that cannot be read in the report and in every request', async () => {
    const adapter = make({ targets: 'org,value\r\nB01,3\r\n' });
    const failure = async (promise: Promise<unknown>): Promise<StrideError> => {
      try {
        await promise;
      } catch (caught) {
        return caught as StrideError;
      }
      throw new Error('expected a rejection');
    };
    const unread = await failure(adapter.report);
    expect(unread.kind).to.equal('invalid');
    expect(unread.message).to.equal(
      'targets.csv: missing columns "indicator" (or "指标"), "period" (or "周期"), "start" (or "开始日期", "起始日期"), ' +
        '"target" (or "目标", "目标值"); the header row reads "org,value". Rename the column or map it with the "columns" option.',
    );
    expect((await failure(adapter.funnel!({ scope }, { signal: signal() }))).message).to.equal(unread.message);
  });

  it('names the first file that cannot be read, in the files’ order, when several cannot', async () => {
    // The worker parses the other files while the events still stream in; which failure it reports must not change.
    const badTargets = 'org,value\r\nB01,3\r\n';
    const messageOf = async (options: Partial<Parameters<typeof createEventLogAdapter>[0]>): Promise<string> => {
      try {
        await make(options).report;
      } catch (caught) {
        return (caught as StrideError).message;
      }
      throw new Error('expected a rejection');
    };
    expect(await messageOf({ events: 'at,leadId\r\n2026-11-24T09:00:00+08:00,L1\r\n', targets: badTargets })).to.match(
      /^events\.csv: missing columns "type"/,
    );
    expect(
      await messageOf({ orgTree: 'id,name\r\nB01,Branch\r\n', targets: badTargets, events: eventsCsvFixture }),
    ).to.match(/^roster\.csv: missing columns "parentId"/);
    expect(await messageOf({ targets: badTargets, grids: '{"type":' })).to.match(/^targets\.csv: missing columns/);
  });

  it('ignores the reply to an aborted worker request and rejects with the AbortError', async () => {
    const adapter = make();
    const controller = new AbortController();
    const pending = adapter.leaderboard!({ scope, board: 'managers', metric: 'points' }, { signal: controller.signal });
    controller.abort();
    let error: unknown;
    try {
      await pending;
    } catch (caught) {
      error = caught;
    }
    expect((error as DOMException).name).to.equal('AbortError');
    // The worker still answers the next request.
    const board = await adapter.leaderboard!({ scope, board: 'managers', metric: 'points' }, { signal: signal() });
    expect(board.entries.map((e) => e.id).sort()).to.deep.equal(['m1', 'm2']);
  });

  it('rejects requests after dispose', async () => {
    const adapter = make();
    await adapter.orgTree!({}, { signal: signal() });
    adapter.dispose();
    let error: unknown;
    try {
      await adapter.orgTree!({}, { signal: signal() });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(StrideError);
  });

  describe('files as pilots bring them (test/core/adapters/corpus/)', () => {
    const corpus = async (name: string): Promise<Blob> => {
      const response = await fetch(`/test/core/adapters/corpus/${name}`);
      if (!response.ok) throw new Error(`corpus file ${name}: ${response.status}`);
      return response.blob();
    };
    const pilotScope = { org: 'br', period: 'month' as const, date: '2026-11-24' };

    it('reads a GB18030 Excel export from a Blob in the worker, with progress, and computes it like the engine', async () => {
      const [eventsFile, rosterFile] = [await corpus('excel-zh-gb18030.csv'), await corpus('roster-zh-gb18030.csv')];
      const progress: { phase: string; bytes: number; totalBytes?: number; events: number }[] = [];
      const adapter = make({ events: eventsFile, orgTree: rosterFile, onProgress: (p) => progress.push(p) });
      const report = await adapter.report;
      expect(report.rows).to.equal(5);
      expect(report.dropped.map((d) => d.line)).to.deep.equal([5, 7, 8, 7]);
      expect(report.dropped.at(-1)?.message).to.equal('roster.csv line 7: level: unknown org level "片区"');
      const total = eventsFile.size + rosterFile.size;
      expect(progress.filter((p) => p.phase === 'reading').at(-1)).to.deep.include({ bytes: total, totalBytes: total });
      expect(progress.map((p) => p.phase).filter((p, i, all) => all.indexOf(p) === i)).to.deep.equal([
        'reading',
        'parsing',
        'indexing',
        'ready',
      ]);
      expect(progress.at(-1)).to.deep.include({ phase: 'ready', events: 5 });

      const decode = async (blob: Blob) => new TextDecoder('gb18030').decode(await blob.arrayBuffer());
      const engine = createMetricsEngine({
        events: parseEventsCsv(await decode(eventsFile)).rows,
        orgTree: parseRosterCsv(await decode(rosterFile)).rows,
        now,
      });
      expect(await adapter.funnel!({ scope: pilotScope }, { signal: signal() })).to.deep.equal(
        callEngine(engine, 'funnel', { scope: pilotScope }),
      );
    });

    it('takes a byte stream (handed to the worker) the same as the Blob', async () => {
      const eventsFile = await corpus('excel-zh-gb18030.csv');
      const fromStream = make({ events: eventsFile.stream(), orgTree: await corpus('roster-zh-gb18030.csv') });
      const fromBlob = make({ events: eventsFile, orgTree: await corpus('roster-zh-gb18030.csv') });
      expect((await fromStream.report).rows).to.equal(5);
      expect(await fromStream.funnel!({ scope: pilotScope }, { signal: signal() })).to.deep.equal(
        await fromBlob.funnel!({ scope: pilotScope }, { signal: signal() }),
      );
    });

    it('refuses a workbook in the report and in every request, saying how to save it as CSV', async () => {
      const adapter = make({ events: await corpus('events.xlsx') });
      let unread: unknown;
      await adapter.report.catch((error: unknown) => (unread = error));
      expect(unread).to.be.instanceOf(StrideError);
      expect((unread as StrideError).message).to.match(
        /^events\.csv: this is an Excel workbook \(\.xlsx\), not a CSV file/,
      );
      let failed: unknown;
      await adapter.funnel!({ scope }, { signal: signal() }).catch((error: unknown) => (failed = error));
      expect((failed as StrideError).message).to.equal((unread as StrideError).message);
    });

    it('stops loading when its signal aborts: the report rejects with the reason, requests fail', async () => {
      const cancel = new AbortController();
      // A stream that never ends: loading can only finish by being cancelled.
      const endless = new ReadableStream<Uint8Array>({
        pull: (controller) =>
          new Promise((resolve) => setTimeout(() => resolve(controller.enqueue(new Uint8Array(16))), 20)),
      });
      const adapter = make({ events: endless, signal: cancel.signal });
      const request = adapter.funnel!({ scope }, { signal: signal() }).catch((error: unknown) => error);
      cancel.abort(new DOMException('the user cancelled', 'AbortError'));
      let reason: unknown;
      await adapter.report.catch((error: unknown) => (reason = error));
      expect((reason as DOMException).message).to.equal('the user cancelled');
      const failed = (await request) as StrideError;
      expect(failed).to.be.instanceOf(StrideError);
      expect(failed.message).to.equal('funnel: loading the event log was cancelled');
    });
  });

  it('masks customers.csv in leads by default, and shows it only when told to', async () => {
    const ids = [...new Set(events.map((e) => e.customerId))];
    const names = ['欧阳丽娜', '王小明', '李娜', '诸葛亮', '张伟'];
    const customersCsv =
      '客户编号,姓名,手机号\r\n' +
      ids.map((id, i) => `${id},${names[i % names.length]},1381234${String(1000 + i)}`).join('\r\n');
    const masked = await make({ customers: customersCsv }).leads!(
      { scope, filter: {}, limit: 50 },
      { signal: signal() },
    );
    expect(masked.leads.length).to.be.greaterThan(0);
    const text = JSON.stringify(masked);
    for (const name of names) expect(text).not.to.contain(name);
    expect(masked.leads.every((row) => row.masked && /^138\*{4}\d{4}$/.test(row.phone ?? ''))).to.equal(true);
    const shown = await make({ customers: customersCsv, unmaskedCustomers: true }).leads!(
      { scope, filter: {}, limit: 50 },
      { signal: signal() },
    );
    expect(shown.leads.every((row) => !row.masked && names.includes(row.customer))).to.equal(true);
  });

  it("answers the map's coverage first among the requests that waited for the events", async () => {
    // The worker reads the header row at once and the other rows only after every widget has asked, so all three
    // requests wait for the engine. The rows follow once the worker says it is reading: by then it has run, and the
    // requests posted before it started are in its queue (a fixed wait raced the worker's first load under load).
    const text = eventsCsvFixture;
    const headerEnd = text.indexOf('\n') + 1;
    const encoder = new TextEncoder();
    let sendRows = (): void => undefined;
    const rowsSent = new Promise<void>((resolve) => (sendRows = resolve));
    const eventsStream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(text.slice(0, headerEnd)));
        await rowsSent;
        controller.enqueue(encoder.encode(text.slice(headerEnd)));
        controller.close();
      },
    });
    let workerReading = (): void => undefined;
    const reading = new Promise<void>((resolve) => (workerReading = resolve));
    const adapter = make({
      events: eventsStream,
      orgTree: rosterCsv,
      onProgress: ({ phase }) => {
        if (phase === 'reading') workerReading();
      },
    });
    const answered: string[] = [];
    const asked = (['indicators', 'funnel', 'coverage'] as const).map((method) =>
      (adapter[method] as (q: unknown, o: { signal: AbortSignal }) => Promise<unknown>)(calls[method], {
        signal: signal(),
      }).then(() => answered.push(method)),
    );
    await reading;
    sendRows();
    await Promise.all(asked);
    expect(answered).to.deep.equal(['coverage', 'indicators', 'funnel']);
  });

  it('has no grids method without grid data', () => {
    expect(make().grids).to.equal(undefined);
  });
});

describe('createStaticAdapter', () => {
  it('serves fixed results and functions of the query, and leaves out methods not given', async () => {
    const adapter = createStaticAdapter({
      orgTree,
      funnel: async (query) => ({ asOf: '2026-11-24T12:00:00+08:00', scope: query.scope, stages: [] }),
    });
    expect(await adapter.orgTree!({}, { signal: signal() })).to.equal(orgTree);
    expect((await adapter.funnel!({ scope }, { signal: signal() })).scope).to.deep.equal(scope);
    expect(adapter.leaderboard).to.equal(undefined);
  });

  it('rejects with the AbortError when the caller has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    try {
      await createStaticAdapter({ orgTree }).orgTree!({}, { signal: controller.signal });
    } catch (caught) {
      error = caught;
    }
    expect((error as DOMException).name).to.equal('AbortError');
  });
});
