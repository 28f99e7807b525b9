import { expect } from '@open-wc/testing';
import { StrideError, type LeaderboardResult } from '../../../packages/core/src/contracts.js';
import { GRIDS_RESULT_SPEC } from '../../../packages/core/src/validation/grids.js';
import { registerResultSpec, safeUrl, validateResult } from '../../../packages/core/src/validation/index.js';

registerResultSpec('grids', GRIDS_RESULT_SPEC);

const scope = { org: 'B01', period: 'month', date: '2026-11-24' };

function entry(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `Manager ${id}`, kind: 'manager', value: 10, ...extra };
}

function leaderboard(entries: unknown[]): Record<string, unknown> {
  return { asOf: '2026-11-24T18:00:00+08:00', scope, board: 'managers', metric: 'points', entries };
}

function rejection(method: Parameters<typeof validateResult>[0], raw: unknown): StrideError {
  try {
    validateResult(method, raw);
  } catch (error) {
    expect(error).to.be.instanceOf(StrideError);
    return error as StrideError;
  }
  throw new Error('expected the result to be rejected');
}

describe('validateResult: whole-result rejection', () => {
  it('names the method and the missing required array', () => {
    const { entries: _omitted, ...withoutEntries } = leaderboard([]);
    const error = rejection('leaderboard', withoutEntries);
    expect(error.kind).to.equal('invalid');
    expect(error.method).to.equal('leaderboard');
    expect(error.message).to.equal('leaderboard: entries: missing');
  });

  it('names the field path and the bad value of a wrong top-level field', () => {
    const error = rejection('leaderboard', { ...leaderboard([]), scope: { ...scope, period: 'fortnight' } });
    expect(error.message).to.match(/^leaderboard: scope\.period: expected .*"month".*, got "fortnight"$/);
  });

  it('rejects a result that is not an object, and an org tree that is not an array', () => {
    expect(rejection('funnel', 5).message).to.equal('funnel: result: expected object, got 5');
    expect(rejection('orgTree', { nodes: [] }).message).to.equal('orgTree: result: expected array, got an object');
    expect(rejection('indicators', { ...leaderboard([]), indicators: 'none' }).message).to.contain(
      'indicators: period: missing',
    );
  });
});

describe('validateResult: items', () => {
  it('drops entries with a bad field, keeps the rest, and lists the dropped ids in one message', () => {
    const raw = leaderboard([entry('m1'), entry('m2', { value: '12a' }), entry('m3', { kind: 'team' }), entry('m4')]);
    const { data, dropped } = validateResult('leaderboard', raw);
    expect(data.entries.map((e) => e.id)).to.deep.equal(['m1', 'm4']);
    expect(dropped?.ids).to.deep.equal(['m2', 'm3']);
    expect(dropped?.message).to.contain('leaderboard: 2 entries dropped (m2, m3)');
    expect(dropped?.message).to.contain('entries[1].value: expected number or null, got "12a"');
    expect(dropped?.message).to.contain('entries[2].kind: expected "manager" | "org", got "team"');
  });

  it('turns NaN and Infinity into null where null is allowed and reports the item', () => {
    const raw = leaderboard([
      entry('m1', { value: Number.NaN, previousValue: Number.POSITIVE_INFINITY }),
      entry('m2', { value: null }),
    ]);
    const { data, dropped } = validateResult('leaderboard', raw);
    expect(data.entries[0]?.value).to.equal(null);
    expect(data.entries[0]?.previousValue).to.equal(null);
    expect(data.entries[1]?.value).to.equal(null);
    expect(dropped?.ids).to.deep.equal(['m1']);
    expect(dropped?.message).to.contain('entries[0].value: NaN treated as missing');
  });

  it('drops a funnel stage whose count is not finite (null is not allowed there)', () => {
    const stages = [
      { id: 'assigned', label: 'Assigned', count: 120 },
      { id: 'claimed', label: 'Claimed', count: Number.NaN },
      { id: 'contacted', label: 'Contacted', count: null },
    ];
    const { data, dropped } = validateResult('funnel', { asOf: 'x', scope, stages });
    expect(data.stages.map((s) => s.id)).to.deep.equal(['assigned']);
    expect(dropped?.ids).to.deep.equal(['claimed', 'contacted']);
  });

  it('repairs non-finite row values and trend points without dropping the indicator', () => {
    const raw = {
      asOf: 'x',
      scope,
      period: { start: '2026-11-01', end: '2026-11-30' },
      indicators: [{ id: 'visits', value: 4, trend: [{ date: '2026-11-01', value: Number.NEGATIVE_INFINITY }] }],
      rows: [{ id: 'm1', name: 'Li', kind: 'manager', values: { visits: Number.NaN, assigned: 3 } }],
    };
    const { data, dropped } = validateResult('indicators', raw);
    expect(data.indicators[0]?.trend?.[0]?.value).to.equal(null);
    expect(data.rows?.[0]?.values).to.deep.equal({ visits: null, assigned: 3 });
    expect(dropped?.ids).to.deep.equal(['visits', 'm1']);
  });

  it('removes a null badge it reports removed, so no widget reads a badge that is null', () => {
    const badge = { id: 'first-conversion', label: '首次成交', kind: 'milestone' };
    const { data, dropped } = validateResult(
      'leaderboard',
      leaderboard([entry('m1', { badges: [null, badge] }), entry('m2', { badges: [badge, null] })]),
    );
    expect(data.entries.map((e) => e.badges)).to.deep.equal([[badge], [badge]]);
    expect(dropped?.ids).to.deep.equal(['m1', 'm2']);
    expect(dropped?.message).to.contain('(removed)');
  });

  it('keeps unknown extra fields and returns clean results with no dropped report', () => {
    const raw = { ...leaderboard([entry('m1', { region: 'east' })]), nextPage: 'abc' };
    const { data, dropped } = validateResult('leaderboard', raw);
    expect(dropped).to.equal(null);
    expect((data as LeaderboardResult & { nextPage?: string }).nextPage).to.equal('abc');
    expect((data.entries[0] as unknown as Record<string, unknown>).region).to.equal('east');
  });

  it('removes unsafe avatar URLs from entries and org nodes, and reports them', () => {
    const { data, dropped } = validateResult(
      'leaderboard',
      leaderboard([
        entry('m1', { avatarUrl: ' JavaScript:alert(1)' }),
        entry('m2', { avatarUrl: 'https://intranet.example/a.png' }),
      ]),
    );
    expect(data.entries[0]).to.not.have.property('avatarUrl');
    expect(data.entries[1]?.avatarUrl).to.equal('https://intranet.example/a.png');
    expect(dropped?.ids).to.deep.equal(['m1']);

    const tree = validateResult('orgTree', [
      { id: 'B01', name: 'Branch', parentId: null, level: 'branch' },
      { id: 'm1', name: 'Li', parentId: 'B01', level: 'manager', avatarUrl: 'data:image/svg+xml,<svg/>' },
      { id: 'x', name: 'X', parentId: 'B01', level: 'region' },
    ]);
    expect(tree.data.map((n) => n.id)).to.deep.equal(['B01', 'm1']);
    expect(tree.data[1]).to.not.have.property('avatarUrl');
    expect(tree.dropped?.ids).to.deep.equal(['x', 'm1']);
  });
});

describe('safeUrl', () => {
  it('keeps http(s) and relative URLs', () => {
    for (const url of [
      'http://a.example/x.png',
      'HTTPS://a.example/x',
      '/avatars/1.png',
      'avatars/1.png',
      '//cdn.example/a',
      './a:b',
    ]) {
      expect(safeUrl(url), url).to.equal(url);
    }
  });
  it('removes script and data schemes in every disguise', () => {
    const unsafe = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'javascript\u0000:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
    ];
    for (const url of unsafe) expect(safeUrl(url), JSON.stringify(url)).to.equal(undefined);
    expect(safeUrl(42)).to.equal(undefined);
    expect(safeUrl('')).to.equal(undefined);
  });
});

describe('validateResult: grids', () => {
  const square = (lon: number, lat: number): number[][][] => [
    [
      [lon, lat],
      [lon + 0.01, lat],
      [lon + 0.01, lat + 0.01],
      [lon, lat + 0.01],
      [lon, lat],
    ],
  ];
  const feature = (gridId: unknown, coordinates: unknown, type = 'Polygon'): unknown => ({
    type: 'Feature',
    properties: { gridId, name: `Grid ${String(gridId)}`, households: 800 },
    geometry: { type, coordinates },
  });

  it('drops features without an id or with out-of-range coordinates; numeric ids read as text; open rings closed', () => {
    const open = square(121.4, 31.2);
    open[0]!.pop();
    const features = [
      feature('G1', square(121.4, 31.2)),
      feature(7, square(121.4, 31.2)),
      feature('G3', square(190, 31.2)),
      feature('G4', open),
      feature('G5', [square(121.4, 31.2), square(121.5, 31.2)], 'MultiPolygon'),
      feature('G6', square(121.4, Number.NaN)),
      feature(null, square(121.4, 31.2)),
    ];
    const { data, dropped } = validateResult('grids', { type: 'FeatureCollection', features });
    expect(data.features.map((f) => f.properties.gridId)).to.deep.equal(['G1', '7', 'G4', 'G5']);
    expect(data.features[2]!.geometry.coordinates[0]).to.have.length(5);
    expect(dropped?.ids).to.deep.equal(['G3', 'G6', 'features[6]', 'G4']);
    expect(dropped?.message).to.contain(
      'features[2].geometry.coordinates[0][0][0]: expected longitude in -180..180, got 190',
    );
    expect(dropped?.message).to.contain(
      'features[6]: no grid id (expected properties.gridId or Feature.id as a string or number)',
    );
    expect(dropped?.message).to.contain(
      '1 feature repaired (G4): features[3].geometry.coordinates[0]: ring was not closed; closed',
    );
  });

  it('reads a GIS export: the id from another property or Feature.id, no name or households, a bad hole dropped alone', () => {
    const withHole = [
      ...square(116.3, 39.9),
      [
        [116.301, 39.901],
        [116.302, 39.901],
        [116.301, 39.901],
      ],
    ];
    const gis = (properties: Record<string, unknown>, coordinates: unknown, id?: unknown) => ({
      type: 'Feature',
      ...(id === undefined ? {} : { id }),
      properties,
      geometry: { type: 'Polygon', coordinates },
    });
    const raw = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      features: [
        gis({ WGBM: '110101-01', MC: '东华门' }, square(116.3, 39.9)),
        gis({ MC: '景山' }, square(116.31, 39.9), 110101002),
        gis({ WGBM: '110101-03' }, withHole),
        gis({ WGBM: '110101-01' }, square(116.33, 39.9)),
        { type: 'Feature', properties: { WGBM: '110101-05' }, geometry: null },
      ],
    };
    const { data, dropped } = validateResult('grids', raw, { idProperty: 'WGBM' });
    expect(data.features.map((f) => [f.properties.gridId, f.properties.name, f.properties.households])).to.deep.equal([
      ['110101-01', '110101-01', undefined],
      ['110101002', '110101002', undefined],
      ['110101-03', '110101-03', undefined],
    ]);
    expect(data.features[2]!.geometry.coordinates).to.have.length(1);
    expect(dropped?.message).to.contain('features[3]: duplicate id "110101-01" (first at features[0]), dropped');
    expect(dropped?.message).to.contain('features[4].geometry: no geometry (null)');
    expect(dropped?.message).to.contain(
      'features[2].geometry.coordinates[1]: ring has 3 positions, dropped; feature kept',
    );
  });

  it('refuses a projected coordinate system, naming it', () => {
    const error = rejection('grids', {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
      features: [feature('G1', square(121.4, 31.2))],
    });
    expect(error.message).to.match(/^grids: crs urn:ogc:def:crs:EPSG::3857 is not longitude\/latitude/);
    for (const name of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4490']) {
      const raw = { type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [] };
      expect(validateResult('grids', raw).data.features, name).to.deep.equal([]);
    }
  });
});
