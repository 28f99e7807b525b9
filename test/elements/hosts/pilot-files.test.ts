// The pilot page's logic (demo/pilot-files.ts). A browser test although the module is pure, so it runs with the other
// host tests under one `wtr` glob.
import { expect } from '@open-wc/testing';
import {
  detectFileKind,
  missingFileNotices,
  pilotTemplates,
  preparePilot as prepare,
  type PilotFileKind,
  type PilotFiles,
  type PilotSetup,
} from '../../../demo/pilot-files.js';

const signal = new AbortController().signal;
// The dev server compiles the worker's TypeScript source on request (the demo page passes the same URL).
const workerUrl = new URL('/packages/core/src/adapters/event-log.worker.ts', location.origin);

// Every adapter starts its worker at once: end them after each test, as the demo page does on a new drop.
const prepared: PilotSetup[] = [];
async function preparePilot(...args: Parameters<typeof prepare>): Promise<PilotSetup> {
  const setup = await prepare(...args);
  prepared.push(setup);
  return setup;
}
afterEach(() => prepared.splice(0).forEach((setup) => setup.ok && setup.adapter.dispose()));

// Lead l-1: assigned 2 March, a malformed line 4 ("visit" is not an event type), first contact 3 March.
const EVENTS = [
  'at,type,leadId,managerId,customerId,gridId,amount',
  '2026-03-02T09:00:00+08:00,assigned,l-1,m-7,c-1,g-1,',
  '2026-03-02T10:00:00+08:00,claimed,l-1,m-7,c-1,g-1,',
  '2026-03-02T11:00:00+08:00,visit,l-1,m-7,c-1,g-1,',
  '2026-03-03T09:00:00+08:00,contacted,l-1,m-7,c-1,g-1,',
].join('\r\n');

const templates = Object.fromEntries(pilotTemplates('2026-03-10').map((t) => [t.kind, t.text])) as Record<
  PilotFileKind,
  string
>;

function ready(setup: PilotSetup): Extract<PilotSetup, { ok: true }> {
  if (!setup.ok) throw new Error(`expected an adapter, got: ${setup.error}`);
  return setup;
}

function without(kind: PilotFileKind): PilotFiles {
  const files: PilotFiles = { ...templates };
  delete files[kind];
  return files;
}

describe('pilot page: what is missing', () => {
  it('without events nothing can be shown, and says so', async () => {
    const setup = await preparePilot(without('events'), { lang: 'zh-CN', workerUrl });
    expect(setup.ok).to.equal(false);
    expect(setup.ok ? '' : setup.error).to.match(/events\.csv/);
    expect(setup.notices.map((n) => [n.kind, n.severity])).to.deep.equal([['events', 'required']]);
  });

  const hides: [PilotFileKind, RegExp, RegExp][] = [
    ['roster', /ids instead of names/, /编号而不是姓名/],
    ['targets', /no % of target/, /目标完成率/],
    ['grids', /grid-coverage panel stays empty/, /网格覆盖面板为空/],
    ['calendar', /Monday to Friday/, /周一至周五/],
  ];
  for (const [kind, en, zh] of hides) {
    it(`without ${kind}: one notice that says what it hides, and the dashboard still gets an adapter`, async () => {
      const setup = await preparePilot(without(kind), { lang: 'en', workerUrl });
      expect(setup.ok).to.equal(true);
      expect(setup.notices.map((n) => [n.kind, n.severity])).to.deep.equal([[kind, 'hides']]);
      expect(setup.notices[0]!.message).to.match(en);
      expect(missingFileNotices(without(kind), 'zh-CN')[0]!.message).to.match(zh);
    });
  }

  it('a file of only whitespace counts as missing', () => {
    expect(missingFileNotices({ ...templates, calendar: ' \r\n' }, 'en').map((n) => n.kind)).to.deep.equal([
      'calendar',
    ]);
  });

  it('with every template given, nothing is missing and no row is reported', async () => {
    const setup = await preparePilot(templates, { lang: 'en', workerUrl });
    expect(setup.ok).to.equal(true);
    expect(setup.notices).to.deep.equal([]);
    expect(setup.ok && setup.problems).to.deep.equal([]);
    expect(setup.ok && setup.lastEventDate).to.equal('2026-03-10');
  });
});

describe('pilot page: reading the files', () => {
  it('reports a malformed row with its file and line, and computes from the rest', async () => {
    const setup = ready(await preparePilot({ events: EVENTS }, { lang: 'en', workerUrl }));
    expect(setup.problems).to.deep.equal([
      {
        en: 'events.csv line 4: type: unknown event type "visit"',
        'zh-CN': 'events.csv 第 4 行：type：无法识别的事件类型 "visit"',
      },
    ]);
    expect((await setup.adapter.report).rows).to.equal(3);
    const result = await setup.adapter.indicators!(
      { scope: { org: 'pilot', period: 'month', date: '2026-03-03' } },
      { signal },
    );
    const value = (id: string) => result.indicators.find((i) => i.id === id)?.value;
    expect(value('assigned')).to.equal(1);
    expect(value('contacted')).to.equal(1);
  });

  it('without a roster, managers sit under one pilot node named by their ids', async () => {
    const setup = ready(await preparePilot({ events: EVENTS }, { lang: 'zh-CN', workerUrl }));
    expect(setup.rootOrg).to.equal('pilot');
    const tree = await setup.adapter.orgTree!({}, { signal });
    expect(tree).to.deep.equal([
      { id: 'pilot', name: '试点', parentId: null, level: 'branch' },
      { id: 'm-7', name: 'm-7', parentId: 'pilot', level: 'manager' },
    ]);
  });

  it('opens on the org the targets apply to, so every tile has a target to compare with', async () => {
    const setup = ready(await preparePilot(templates, { lang: 'en', workerUrl }));
    const tree = await setup.adapter.orgTree!({}, { signal });
    const root = tree.find((n) => n.parentId === null)!.id;
    const date = setup.lastEventDate!;
    const at = async (org: string) =>
      (await setup.adapter.indicators!({ scope: { org, period: 'month', date } }, { signal })).indicators;
    // The templates' targets are given for the branch, not for the bank above it.
    expect((await at(root)).every((i) => i.target == null)).to.equal(true);
    expect(setup.rootOrg).to.not.equal(root);
    expect((await at(setup.rootOrg)).map((i) => [i.id, i.target != null])).to.deep.equal(
      (await at(setup.rootOrg)).map((i) => [i.id, true]),
    );
  });

  it('with the roster, names come from it', async () => {
    const setup = ready(await preparePilot(templates, { lang: 'en', workerUrl }));
    const tree = await setup.adapter.orgTree!({}, { signal });
    expect(tree.find((n) => n.id === 'br-hz')?.name).to.equal('杭州分行');
  });

  it('an unreadable grids file is reported and the rest still works', async () => {
    const setup = ready(
      await preparePilot(
        { events: EVENTS, grids: '{"type":"FeatureCollection","features":' },
        { lang: 'en', workerUrl },
      ),
    );
    // The malformed events row of line 4 is still reported beside it.
    expect(setup.problems.length).to.equal(2);
    // the browser's own words follow (where the text ended), which differ between browsers
    expect(setup.problems.filter((p) => /^grids\.geojson: not JSON \(.+\)$/.test(p.en))).to.have.length(1);
    // no polygons: the map shows its grids as tiles
    const grids = await setup.adapter.grids!({ org: setup.rootOrg }, { signal });
    expect(grids.features).to.deep.equal([]);
  });

  it('a grids file is read in the worker: a feature it cannot use is named with why, the rest kept', async () => {
    const grids = JSON.parse(templates.grids) as { features: { properties: { gridId: string }; geometry: unknown }[] };
    const broken = grids.features[1]!;
    broken.geometry = { type: 'Polygon', coordinates: [[[120.1, 30.2]]] };
    const idsOf = async (setup: Extract<PilotSetup, { ok: true }>) =>
      (await setup.adapter.grids!({ org: setup.rootOrg }, { signal })).features.map((f) => f.properties.gridId);
    const whole = await idsOf(ready(await preparePilot(templates, { lang: 'en', workerUrl })));
    const setup = ready(
      await preparePilot(
        { ...templates, grids: new Blob([JSON.stringify(grids)], { type: 'application/geo+json' }) },
        { lang: 'en', workerUrl },
      ),
    );
    const problem = setup.problems.map((p) => p.en).find((p) => p.startsWith('grids.geojson: '));
    expect(problem).to.contain(broken.properties.gridId);
    expect(whole).to.include(broken.properties.gridId);
    expect(await idsOf(setup)).to.deep.equal(whole.filter((id) => id !== broken.properties.gridId));
  });

  it('a targets file without its columns is named in the error', async () => {
    const setup = await preparePilot(
      { events: EVENTS, targets: 'org,value\r\nbr-hz,3\r\n' },
      { lang: 'en', workerUrl },
    );
    expect(setup.ok).to.equal(false);
    expect(setup.ok ? '' : setup.error).to.match(
      /^targets\.csv: missing columns "indicator" \(or "指标"\), "period" \(or "周期"\), "start" \(or "开始日期", "起始日期"\), "target" \(or "目标", "目标值"\); the header row reads "org,value"\./,
    );
  });

  it('a roster it cannot read is reported, and the managers show by id instead', async () => {
    const setup = ready(await preparePilot({ events: EVENTS, roster: 'a,b\r\n1,2\r\n' }, { lang: 'en', workerUrl }));
    expect(setup.problems[0]!.en).to.match(/^roster\.csv: missing columns "id" \(or "编号"/);
    expect(setup.rootOrg).to.equal('pilot');
    expect((await setup.adapter.orgTree!({}, { signal })).map((n) => n.id)).to.deep.equal(['pilot', 'm-7']);
  });

  it('takes the files as dropped (Blobs), a GB18030 Excel export included, and reports progress', async () => {
    const corpus = async (name: string) => (await fetch(`/test/core/adapters/corpus/${name}`)).blob();
    const phases: string[] = [];
    const setup = ready(
      await preparePilot(
        { events: await corpus('excel-zh-gb18030.csv'), roster: await corpus('roster-zh-gb18030.csv') },
        { lang: 'zh-CN', workerUrl, onProgress: (p) => phases.push(p.phase) },
      ),
    );
    expect(setup.rootOrg).to.equal('br');
    expect(setup.lastEventDate).to.equal('2026-11-20');
    expect(setup.problems).to.have.length(4);
    expect(phases.at(-1)).to.equal('ready');
    expect(phases).to.include('reading');
  });

  it('recognises renamed exports by their header row', () => {
    expect(detectFileKind('导出数据(1).csv', templates.events)).to.equal('events');
    expect(detectFileKind('人员.csv', templates.roster)).to.equal('roster');
    expect(detectFileKind('kpi.csv', templates.targets)).to.equal('targets');
    expect(detectFileKind('holidays.csv', `\uFEFF${templates.calendar}`)).to.equal('calendar');
    expect(detectFileKind('map.txt', templates.grids)).to.equal('grids');
    expect(detectFileKind('notes.csv', 'a,b\r\n1,2\r\n')).to.equal(undefined);
  });
});
