import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectFileKind, missingFileNotices, pilotTemplates, preparePilot, type PilotFileKind, type PilotFileTexts } from '../../../demo/pilot-files.js';

const signal = new AbortController().signal;

// Lead l-1: assigned 2 March, a malformed line 4 ("visit" is not an event type), first contact 3 March.
const EVENTS = [
  'at,type,leadId,managerId,customerId,gridId,amount',
  '2026-03-02T09:00:00+08:00,assigned,l-1,m-7,c-1,g-1,',
  '2026-03-02T10:00:00+08:00,claimed,l-1,m-7,c-1,g-1,',
  '2026-03-02T11:00:00+08:00,visit,l-1,m-7,c-1,g-1,',
  '2026-03-03T09:00:00+08:00,contacted,l-1,m-7,c-1,g-1,',
].join('\r\n');

const templates = Object.fromEntries(pilotTemplates('2026-03-10').map((t) => [t.kind, t.text])) as Record<PilotFileKind, string>;

function without(kind: PilotFileKind): PilotFileTexts {
  const files: PilotFileTexts = { ...templates };
  delete files[kind];
  return files;
}

describe('pilot page: what is missing', () => {
  it('without events nothing can be shown, and says so', () => {
    const setup = preparePilot(without('events'), { lang: 'zh-CN' });
    assert.equal(setup.ok, false);
    assert.match(setup.ok ? '' : setup.error, /events\.csv/);
    assert.deepEqual(setup.notices.map((n) => [n.kind, n.severity]), [['events', 'required']]);
  });

  const hides: [PilotFileKind, RegExp, RegExp][] = [
    ['roster', /ids instead of names/, /编号而不是姓名/],
    ['targets', /no % of target/, /目标完成率/],
    ['grids', /grid-coverage panel stays empty/, /网格覆盖面板为空/],
    ['calendar', /Monday to Friday/, /周一至周五/],
  ];
  for (const [kind, en, zh] of hides) {
    it(`without ${kind}: one notice that says what it hides, and the dashboard still gets an adapter`, () => {
      const setup = preparePilot(without(kind), { lang: 'en' });
      assert.equal(setup.ok, true);
      assert.deepEqual(setup.notices.map((n) => [n.kind, n.severity]), [[kind, 'hides']]);
      assert.match(setup.notices[0]!.message, en);
      assert.match(missingFileNotices(without(kind), 'zh-CN')[0]!.message, zh);
    });
  }

  it('a file of only whitespace counts as missing', () => {
    assert.deepEqual(missingFileNotices({ ...templates, calendar: ' \r\n' }, 'en').map((n) => n.kind), ['calendar']);
  });

  it('with every template given, nothing is missing and no row is reported', () => {
    const setup = preparePilot(templates, { lang: 'en' });
    assert.equal(setup.ok, true);
    assert.deepEqual(setup.notices, []);
    assert.deepEqual(setup.ok && setup.problems, []);
    assert.equal(setup.ok && setup.lastEventDate, '2026-03-10');
  });
});

describe('pilot page: reading the files', () => {
  it('reports a malformed row with its file and line, and computes from the rest', async () => {
    const setup = preparePilot({ events: EVENTS }, { lang: 'en' });
    assert.ok(setup.ok);
    assert.deepEqual(setup.problems, ['events.csv line 4: type: unknown event type "visit"']);
    assert.equal(setup.adapter.report.rows, 3);
    const result = await setup.adapter.indicators!({ scope: { org: 'pilot', period: 'month', date: '2026-03-03' } }, { signal });
    const value = (id: string) => result.indicators.find((i) => i.id === id)?.value;
    assert.equal(value('assigned'), 1);
    assert.equal(value('contacted'), 1);
  });

  it('without a roster, managers sit under one pilot node named by their ids', async () => {
    const setup = preparePilot({ events: EVENTS }, { lang: 'zh-CN' });
    assert.ok(setup.ok);
    assert.equal(setup.rootOrg, 'pilot');
    const tree = await setup.adapter.orgTree!({}, { signal });
    assert.deepEqual(tree, [
      { id: 'pilot', name: '试点', parentId: null, level: 'branch' },
      { id: 'm-7', name: 'm-7', parentId: 'pilot', level: 'manager' },
    ]);
  });

  it('with the roster, names come from it', async () => {
    const setup = preparePilot(templates, { lang: 'en' });
    assert.ok(setup.ok);
    assert.equal(setup.rootOrg, 'bank');
    const tree = await setup.adapter.orgTree!({}, { signal });
    assert.equal(tree.find((n) => n.id === 'br-hz')?.name, '杭州分行');
  });

  it('an unreadable grids file is reported and the rest still works', () => {
    const setup = preparePilot({ events: EVENTS, grids: '{"type":"FeatureCollection","features":' }, { lang: 'en' });
    assert.ok(setup.ok);
    // The malformed events row of line 4 is still reported beside it.
    assert.equal(setup.problems.length, 2);
    assert.equal(setup.problems.filter((p) => /^grids\.geojson: /.test(p)).length, 1);
    assert.equal(setup.adapter.grids, undefined);
  });

  it('a targets file without its columns is named in the error', () => {
    const setup = preparePilot({ events: EVENTS, targets: 'org,value\r\nbr-hz,3\r\n' }, { lang: 'en' });
    assert.equal(setup.ok, false);
    assert.match(setup.ok ? '' : setup.error, /targets\.csv: missing columns "indicator", "period", "start", "target"/);
  });

  it('recognises renamed exports by their header row', () => {
    assert.equal(detectFileKind('导出数据(1).csv', templates.events), 'events');
    assert.equal(detectFileKind('人员.csv', templates.roster), 'roster');
    assert.equal(detectFileKind('kpi.csv', templates.targets), 'targets');
    assert.equal(detectFileKind('holidays.csv', `\uFEFF${templates.calendar}`), 'calendar');
    assert.equal(detectFileKind('map.txt', templates.grids), 'grids');
    assert.equal(detectFileKind('notes.csv', 'a,b\r\n1,2\r\n'), undefined);
  });
});
