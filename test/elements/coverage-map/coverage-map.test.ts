import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  LIGHT_TOKENS,
  DARK_TOKENS,
  StrideError,
  createStrideQueryClient,
  type CoverageResult,
  type Grids,
  type StrideAdapter,
} from '@stride/core';
import '../../../packages/elements/src/coverage-map/coverage-map.js';
import type { StrideCoverageMap } from '../../../packages/elements/src/coverage-map/coverage-map.js';
import { registeredGridMapCount } from '../../../packages/elements/src/coverage-map/coverage-map.registry.js';
import { GEO_ID, tooltipText } from '../../../packages/elements/src/coverage-map/coverage-map.option.js';
import type { StrideSelectEvent, StrideWarningEvent } from '../../../packages/elements/src/shared/events.js';
import { detailedGrids } from './detailed-grids.js';

// Four grids in a row, one per coverage band, by hand: 10%, 45%, 75%, 95%.
function fourGrids(): Grids {
  return detailedGrids({ count: 4, verticesPerStreet: 20 });
}

function coverage(grids: Grids, overrides: Partial<CoverageResult> = {}): CoverageResult {
  const shares = [0.1, 0.45, 0.75, 0.95];
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope: { org: 'br', period: 'pilot', date: '2026-11-24' },
    cells: grids.features.map((f, i) => ({
      gridId: f.properties.gridId,
      name: f.properties.name,
      managerIds: i === 3 ? [] : [`m${i + 1}`],
      managerNames: i === 3 ? [] : [`经理${i + 1}`],
      households: 1000,
      covered: Math.round(1000 * (shares[i] ?? 0)),
      openLeads: i,
    })),
    ...overrides,
  };
}

interface RegionItem {
  name: string;
  itemStyle: { areaColor: string; borderColor: string; borderWidth: number; borderType: string };
}

async function mount(
  adapter: StrideAdapter,
  attrs: { me?: string; theme?: string; lang?: string; width?: string; mode?: string } = {},
): Promise<StrideCoverageMap> {
  const el = await fixture<StrideCoverageMap>(html`<stride-coverage-map
    style="width:${attrs.width ?? '640px'}"
    mode=${attrs.mode ?? ''}
    org="br"
    period="pilot"
    date="2026-11-24"
    lang=${attrs.lang ?? 'en'}
    theme=${attrs.theme ?? 'light'}
    me=${attrs.me ?? ''}
    .adapter=${adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-coverage-map>`);
  return el;
}

async function drawn(el: StrideCoverageMap): Promise<RegionItem[]> {
  await waitUntil(() => el.chart.drawCount > 0, 'map drawn', { timeout: 10_000 });
  const option = el.chart.chart!.getOption() as { geo: { regions: RegionItem[] }[] };
  return option.geo[0]!.regions;
}

/** The four grids drawn, with every stride-select they fire from here on. */
async function drawnFourGrids(): Promise<{ grids: Grids; el: StrideCoverageMap; selected: StrideSelectEvent[] }> {
  const grids = fourGrids();
  const el = await mount({ grids: async () => grids, coverage: async () => coverage(grids) });
  await drawn(el);
  const selected: StrideSelectEvent[] = [];
  el.addEventListener('stride-select', (e) => selected.push(e));
  return { grids, el, selected };
}

/** Text drawn on the map's canvas: the rich-text tooltip is zrender text, one span per line, no DOM. */
function canvasText(el: StrideCoverageMap): string[] {
  return el.chart
    .chart!.getZr()
    .storage.getDisplayList(true)
    .map((shape) => String((shape.style as { text?: unknown }).text ?? ''));
}

function text(el: Element): string {
  return el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

interface RegionLabels {
  name: string;
  label?: { show?: boolean };
  emphasis?: { label?: { show?: boolean } };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Realistic community names, several times longer than the generated ones: 西湖区文新街道12社区. */
function longNames(result: CoverageResult): CoverageResult {
  return { ...result, cells: result.cells.map((cell, i) => ({ ...cell, name: `西湖区文新街道${i + 1}社区` })) };
}

type Drawn = {
  type: string;
  ignore?: boolean;
  invisible?: boolean;
  style: { text?: unknown; opacity?: number };
  getBoundingRect(): Box;
  getComputedTransform(): number[] | null;
};

/** An element's box on the canvas, in CSS pixels of the chart's container. */
function boxOf(shape: Drawn): Box {
  const rect = shape.getBoundingRect();
  const m = shape.getComputedTransform();
  if (!m) return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  const corners = [
    [rect.x, rect.y],
    [rect.x + rect.width, rect.y],
    [rect.x, rect.y + rect.height],
    [rect.x + rect.width, rect.y + rect.height],
  ].map(([x, y]) => [m[0]! * x! + m[2]! * y! + m[4]!, m[1]! * x! + m[3]! * y! + m[5]!]);
  const xs = corners.map((c) => c[0]!);
  const ys = corners.map((c) => c[1]!);
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
}

function drawnShapes(el: StrideCoverageMap): Drawn[] {
  return el.chart.chart!.getZr().storage.getDisplayList(true) as unknown as Drawn[];
}

/**
 * The grid names the viewer can see: the text spans zrender paints on the canvas (a hidden label is not in the display
 * list; the tooltip is not open).
 */
function visibleLabels(el: StrideCoverageMap): { text: string; box: Box }[] {
  return drawnShapes(el)
    .filter((shape) => isText(shape) && !shape.ignore && !shape.invisible && shape.style.opacity !== 0)
    .map((shape) => ({ text: String(shape.style.text ?? ''), box: boxOf(shape) }))
    .filter((label) => label.text !== '');
}

const isText = (shape: Drawn): boolean => shape.type === 'tspan' || shape.type === 'text';

/** The box around every grid drawn. */
function mapBox(el: StrideCoverageMap): Box {
  const boxes = drawnShapes(el)
    .filter((shape) => !isText(shape))
    .map(boxOf);
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

function expectNoOverlap(labels: { text: string; box: Box }[]): void {
  for (let i = 0; i < labels.length; i += 1) {
    for (let j = i + 1; j < labels.length; j += 1) {
      const a = labels[i]!.box;
      const b = labels[j]!.box;
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `"${labels[i]!.text}" and "${labels[j]!.text}" overlap`).to.equal(false);
    }
  }
}

describe('<stride-coverage-map>', () => {
  before(async function () {
    // The first import of ECharts' modules through the dev server can take a while on a busy machine.
    this.timeout(60_000);
    await import('../../../packages/elements/src/coverage-map/coverage-map.echarts.js');
  });

  it('colours each grid by its coverage band from the theme tokens, unassigned grey and dashed', async () => {
    const grids = fourGrids();
    const el = await mount({ grids: async () => grids, coverage: async () => coverage(grids) });
    const data = await drawn(el);
    expect(data.map((d) => d.itemStyle.areaColor)).to.deep.equal([
      LIGHT_TOKENS['band-0'],
      LIGHT_TOKENS['band-1'],
      LIGHT_TOKENS['band-2'],
      LIGHT_TOKENS.unassigned,
    ]);
    expect(data[3]!.itemStyle.borderType).to.equal('dashed');
    expect(el.shadowRoot!.querySelectorAll('.legend li').length).to.equal(5);
  });

  it('takes configurable band edges and the dark palette', async () => {
    const grids = fourGrids();
    const el = await mount({ grids: async () => grids, coverage: async () => coverage(grids) }, { theme: 'dark' });
    el.bands = '50,70,80';
    const data = await drawn(el);
    await waitUntil(
      () =>
        (el.chart.chart!.getOption() as { geo: { regions: RegionItem[] }[] }).geo[0]!.regions[2]!.itemStyle
          .areaColor === DARK_TOKENS['band-2'],
    );
    const after = (el.chart.chart!.getOption() as { geo: { regions: RegionItem[] }[] }).geo[0]!.regions;
    // 10% and 45% are below 50%; 75% is in 70-80%.
    expect(after.map((d) => d.itemStyle.areaColor).slice(0, 3)).to.deep.equal([
      DARK_TOKENS['band-0'],
      DARK_TOKENS['band-0'],
      DARK_TOKENS['band-2'],
    ]);
    expect(data.length).to.equal(4);
  });

  it("outlines the signed-in manager's grids and highlights their table row", async () => {
    const grids = fourGrids();
    const el = await mount({ grids: async () => grids, coverage: async () => coverage(grids) }, { me: 'm2' });
    const data = await drawn(el);
    expect(data.filter((d) => d.itemStyle.borderWidth > 2).map((d) => d.name)).to.deep.equal([
      grids.features[1]!.properties.gridId,
    ]);
    el.view = 'table';
    await el.updateComplete;
    const mine = el.shadowRoot!.querySelectorAll('tr.mine');
    expect(mine.length).to.equal(1);
    expect(mine[0]!.getAttribute('data-grid')).to.equal(grids.features[1]!.properties.gridId);
    // Pinned: the first row although 10% is lower than its 45%.
    expect(el.shadowRoot!.querySelector('tbody tr')).to.equal(mine[0]);
  });

  it('fires stride-select for a grid from the keyboard on the map and from the table', async () => {
    const { grids, el, selected } = await drawnFourGrids();
    const map = el.shadowRoot!.querySelector<HTMLElement>('.map')!;
    map.focus();
    map.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    map.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await waitUntil(
      () => canvasText(el).includes('Managers: 经理2') && canvasText(el).includes('Coverage: 45%'),
      'tooltip of the focused grid',
    );
    map.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(selected.map((e) => [e.detail.kind, e.detail.id])).to.deep.equal([
      ['grid', grids.features[1]!.properties.gridId],
    ]);
    expect(selected[0]!.detail.scope).to.deep.equal({ org: 'br', period: 'pilot', date: '2026-11-24' });
    // Table, sorted by coverage descending after one click on the header: 95% (the unassigned grid) first.
    el.view = 'table';
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.sort')!.click();
    await el.updateComplete;
    const first = el.shadowRoot!.querySelector<HTMLButtonElement>('tbody tr button')!;
    expect(first.textContent).to.equal(grids.features[3]!.properties.name);
    first.click();
    expect(selected[1]!.detail.id).to.equal(grids.features[3]!.properties.gridId);
  });

  it('shows the tooltip of the grid under the mouse and fires stride-select for the grid clicked', async () => {
    const { grids, el, selected } = await drawnFourGrids();
    const chart = el.chart.chart!;
    const target = grids.features[2]!;
    const ring =
      target.geometry.type === 'Polygon' ? target.geometry.coordinates[0]! : target.geometry.coordinates[0]![0]!;
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const middle = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    const [x, y] = chart.convertToPixel({ geoId: GEO_ID }, middle) as number[];
    const surface = chart.getZr().painter.getViewportRoot();
    const box = surface.getBoundingClientRect();
    const at = { clientX: box.left + x!, clientY: box.top + y!, bubbles: true, button: 0 };
    surface.dispatchEvent(new MouseEvent('mousemove', at));
    await waitUntil(
      () => canvasText(el).includes('Managers: 经理3') && canvasText(el).includes('Coverage: 75%'),
      'tooltip of the hovered grid',
    );
    for (const type of ['mousedown', 'mouseup', 'click']) surface.dispatchEvent(new MouseEvent(type, at));
    expect(selected.map((e) => [e.detail.kind, e.detail.id])).to.deep.equal([['grid', target.properties.gridId]]);
  });

  it('shows one tile per grid, lowest coverage first, when the adapter has no geometry', async () => {
    const grids = fourGrids();
    const cells = coverage(grids).cells.reverse();
    const el = await mount({ coverage: async () => ({ ...coverage(grids), cells }) });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.tile').length === 4);
    const tiles = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.tile')];
    expect(tiles.map((t) => t.querySelector('.value')!.textContent)).to.deep.equal(['10%', '45%', '75%', '95%']);
    expect(tiles[0]!.classList.contains('band-0')).to.equal(true);
    expect(tiles[3]!.classList.contains('unassigned')).to.equal(true);
    expect(el.shadowRoot!.querySelector('.map')).to.equal(null);
    const selected: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => selected.push(e));
    tiles[1]!.click();
    expect(selected[0]!.detail.id).to.equal(grids.features[1]!.properties.gridId);
  });

  it('without grid polygons or coverage says the grids are missing, not that the period was empty', async () => {
    const el = await mount({
      grids: async () => ({ type: 'FeatureCollection', features: [] }),
      coverage: async () => ({
        asOf: '2026-11-24T18:00:00+08:00',
        scope: { org: 'br', period: 'pilot', date: '2026-11-24' },
        cells: [],
      }),
    });
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="state"]'), 'empty state');
    const reason = el.shadowRoot!.querySelector('[part~="state"]')!.textContent!;
    expect(reason).to.contain('No grid polygons');
    expect(reason).to.contain('grids GeoJSON');
  });

  it('writes its tooltip lines as every widget does, a full-width colon in Chinese', () => {
    const grid = {
      name: '网格1',
      managerIds: ['m1'],
      managerNames: ['张伟'],
      households: 500,
      covered: 41,
      coverage: 0.082,
      openLeads: 3,
    };
    expect(
      tooltipText(grid as unknown as Parameters<typeof tooltipText>[0], 'zh-CN')
        .split('\n')
        .slice(1),
    ).to.deep.equal(['客户经理：张伟', '户数：500', '已覆盖：41', '覆盖率：8.2%', '未结商机：3']);
  });

  it('falls back to tiles when grids() returns no features', async () => {
    const grids = fourGrids();
    const el = await mount({
      grids: async () => ({ type: 'FeatureCollection', features: [] }),
      coverage: async () => coverage(grids),
    });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.tile').length === 4);
  });

  it('draws a GIS export by its own id property (id-property), with no name or households in the file', async () => {
    const grids = fourGrids();
    // What a bank's GIS writes: its own property names, households only in the coverage result.
    const exported = {
      type: 'FeatureCollection',
      features: grids.features.map((f) => ({ ...f, properties: { WGBM: f.properties.gridId, SHAPE_Area: 0.0001 } })),
    };
    const warnings: StrideWarningEvent[] = [];
    const el = await fixture<StrideCoverageMap>(html`<stride-coverage-map
      style="width:640px"
      org="br"
      period="pilot"
      date="2026-11-24"
      lang="en"
      id-property="WGBM"
      @stride-warning=${(e: StrideWarningEvent) => warnings.push(e)}
      .adapter=${{ grids: async () => exported, coverage: async () => coverage(grids) } as unknown as StrideAdapter}
      .queryClient=${createStrideQueryClient()}
    ></stride-coverage-map>`);
    const regions = await drawn(el);
    expect(regions.map((r) => r.name).sort()).to.deep.equal(grids.features.map((f) => f.properties.gridId).sort());
    expect(warnings, 'nothing dropped').to.deep.equal([]);

    // Without the attribute the same file has no grid ids: every feature is dropped, saying why, and tiles show.
    el.removeAttribute('id-property');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.tile').length === 4, 'tiles without geometry');
    const message = warnings.at(-1)?.detail.message ?? '';
    expect(message).to.contain(
      'features[0]: no grid id (expected properties.gridId or Feature.id as a string or number)',
    );
  });

  it('drops bad features and coverage rows for unknown grids, reports them in one warning and a notice, draws the rest', async () => {
    const grids = detailedGrids({ count: 6, verticesPerStreet: 10 });
    const raw = JSON.parse(JSON.stringify(grids)) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: unknown[][][] } }[];
    };
    delete raw.features[0]!.properties['gridId'];
    raw.features[1]!.geometry.coordinates[0]![2] = [200, 30];
    const ring = raw.features[2]!.geometry.coordinates[0]!;
    ring[ring.length - 1] = [1, 1];
    const cov = coverage(grids);
    cov.cells.push({ gridId: 'GHOST', name: '幽灵', managerIds: ['m9'], households: 10, covered: 1 });
    const warnings: StrideWarningEvent[] = [];
    const el = document.createElement('stride-coverage-map');
    el.addEventListener('stride-warning', (e) => warnings.push(e));
    Object.assign(el, {
      adapter: { grids: async () => raw as unknown as Grids, coverage: async () => cov },
      queryClient: createStrideQueryClient(),
    });
    el.setAttribute('org', 'br');
    el.setAttribute('lang', 'en');
    el.style.width = '640px';
    (await fixture(html`<div></div>`)).append(el);
    const data = await drawn(el);
    await waitUntil(() => warnings.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(warnings.length).to.equal(1);
    // features[0] has no gridId, so its coverage row (G0001) is one for a grid not on the map as well. G0003's ring
    // was left open: it is closed and drawn, and listed as repaired.
    expect(warnings[0]!.detail.ids).to.deep.equal(['features[0]', 'G0002', 'G0003', 'G0001', 'GHOST']);
    expect(warnings[0]!.detail.message).to.contain('features[2].geometry.coordinates[0]: ring was not closed; closed');
    expect(data.map((d) => d.name)).to.deep.equal(['G0003', 'G0004', 'G0005', 'G0006']);
    const notice = el.shadowRoot!.querySelector('[part="dropped"]')!;
    expect(notice.textContent).to.contain('GHOST');
    expect(notice.textContent).to.contain('G0002');
    // A person can open the notice to read why, field by field, not only which ids.
    const reasons = notice.querySelector<HTMLElement>('.reasons')!;
    expect(reasons.checkVisibility()).to.equal(false);
    notice.querySelector<HTMLElement>('summary')!.click();
    expect(reasons.checkVisibility()).to.equal(true);
    expect(reasons.textContent).to.contain('features[2].geometry.coordinates[0]: ring was not closed; closed');
  });

  it('registers one map per geometry content, however many maps mount', async () => {
    const grids = detailedGrids({ count: 9, verticesPerStreet: 12, seed: 99 });
    const adapter = (): StrideAdapter => ({
      grids: async () => JSON.parse(JSON.stringify(grids)) as Grids,
      coverage: async () => coverage(grids),
    });
    const a = await mount(adapter());
    await drawn(a);
    const before = registeredGridMapCount();
    const names: string[] = [a.drawnMapName];
    for (let i = 0; i < 5; i += 1) {
      const el = await mount(adapter());
      await drawn(el);
      names.push(el.drawnMapName);
      el.remove();
    }
    expect(new Set(names).size).to.equal(1);
    expect(names[0]).to.match(/^stride-grid-[0-9a-f]{16}/);
    expect(registeredGridMapCount()).to.equal(before);
  });

  it('shows a skeleton while loading, the error with a retry, and "session expired" for auth', async () => {
    const grids = fourGrids();
    const loading = await mount({ grids: () => new Promise(() => {}), coverage: async () => coverage(grids) });
    await waitUntil(() => loading.shadowRoot!.querySelector('[aria-busy="true"] .skeleton') !== null);
    let fail: 'http' | 'auth' = 'http';
    const failing = await mount({
      grids: async () => grids,
      coverage: async () => {
        throw new StrideError(fail, 'coverage', 'GET /v1/coverage: 400 Bad Request', {
          status: fail === 'auth' ? 401 : 400,
        });
      },
    });
    await waitUntil(() => text(failing).includes('Could not load'));
    expect(failing.shadowRoot!.querySelector('button[part="retry"]')).to.exist;
    fail = 'auth';
    const auth = await mount({
      coverage: async () => {
        throw new StrideError('auth', 'coverage', 'GET /v1/coverage: 401', { status: 401 });
      },
    });
    await waitUntil(() => text(auth).includes('session has expired'));
    const none = await fixture<StrideCoverageMap>(html`<stride-coverage-map org="br" lang="en"></stride-coverage-map>`);
    expect(text(none)).to.contain('Not configured');
  });

  it('keeps the last map with a stale badge when a refresh fails', async () => {
    const grids = fourGrids();
    let fail = false;
    const el = await mount({
      grids: async () => grids,
      coverage: async () => {
        if (fail) throw new StrideError('network', 'coverage', 'coverage: offline');
        return coverage(grids);
      },
    });
    await drawn(el);
    fail = true;
    el.coverageQuery.refetch();
    await waitUntil(() => text(el).includes('Data may be out of date'), 'stale badge', { timeout: 10_000 });
    expect(el.shadowRoot!.querySelector('.map')).to.exist;
  });

  it('is accessible to axe on the map, the table and the tiles, light and dark', async () => {
    const grids = fourGrids();
    const map = await mount({ grids: async () => grids, coverage: async () => coverage(grids) }, { me: 'm1' });
    await drawn(map);
    await expect(map).to.be.accessible();
    map.view = 'table';
    await map.updateComplete;
    await expect(map).to.be.accessible();
    const tiles = await mount({ coverage: async () => coverage(grids) }, { theme: 'dark', me: 'm1' });
    await waitUntil(() => tiles.shadowRoot!.querySelectorAll('.tile').length === 4);
    await expect(tiles).to.be.accessible();
  });

  it('tooltips are plain text with every figure of the grid', async () => {
    const grids = fourGrids();
    const el = await mount({ grids: async () => grids, coverage: async () => coverage(grids) });
    await drawn(el);
    const option = el.chart.chart!.getOption() as {
      tooltip: { renderMode: string }[];
      geo: { tooltip: { show: boolean; formatter: (p: { name: string }) => string } }[];
    };
    expect(option.tooltip[0]!.renderMode).to.equal('richText');
    const tooltip = option.geo[0]!.tooltip;
    expect(tooltip.show).to.equal(true);
    expect(tooltip.formatter({ name: grids.features[1]!.properties.gridId }).split('\n')).to.deep.equal([
      grids.features[1]!.properties.name,
      'Managers: 经理2',
      'Households: 1,000',
      'Covered: 450',
      'Coverage: 45%',
      'Open leads: 1',
    ]);
  });

  it('chart.nextDraw() resolves as soon as ECharts has drawn the map (the bench end point, no polling)', async () => {
    const grids = fourGrids();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const el = await mount({ grids: async () => grids, coverage: () => held.then(() => coverage(grids)) });
    const next = el.chart.nextDraw();
    expect(el.chart.drawCount).to.equal(0);
    release();
    await next;
    expect(el.chart.drawCount).to.equal(1);
    // Already on the canvas: ECharts draws synchronously inside setOption.
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const pixel = canvas.getContext('2d')!.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
    expect(pixel[3]).to.be.above(0);
  });

  it('disposes the chart on unmount', async () => {
    const grids = fourGrids();
    const el = await mount({ grids: async () => grids, coverage: async () => coverage(grids) });
    await drawn(el);
    const chart = el.chart.chart!;
    el.remove();
    expect(chart.isDisposed()).to.equal(true);
  });
});

describe('<stride-coverage-map> zoom', () => {
  const level = (name: string): number => Number(name.split('-').pop());
  const frames = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i += 1) await new Promise((r) => requestAnimationFrame(r));
  };

  it('draws finer geometry when its container grows, and does not re-render for a size report that changes nothing', async () => {
    const grids = detailedGrids({ count: 60, verticesPerStreet: 60, seed: 5 });
    const el = document.createElement('stride-coverage-map');
    Object.assign(el, {
      adapter: { grids: async () => grids, coverage: async () => coverage(grids) },
      queryClient: createStrideQueryClient(),
    });
    el.setAttribute('org', 'br');
    el.style.width = '640px';
    let updates = 0;
    el.addController({ hostUpdated: () => (updates += 1) });
    const first = el.chart.nextDraw();
    (await fixture(html`<div></div>`)).append(el);
    await first;
    const atDraw = updates;
    // The size observer's first reports come with the frames after the draw, at the size just drawn.
    await frames(3);
    expect(updates - atDraw, 'updates after the map was drawn').to.equal(0);
    const small = el.drawnMapName;
    el.style.cssText = 'width:1400px;--stride-map-height:900px';
    await waitUntil(() => el.drawnMapName !== small, 'finer map', { timeout: 5_000 });
    expect(level(el.drawnMapName)).to.be.above(level(small));
  });

  it('refines geometry and names more grids when zoomed in, and the reset control goes back', async () => {
    const grids = detailedGrids({ count: 60, verticesPerStreet: 60, seed: 5 });
    const el = await mount({ grids: async () => grids, coverage: async () => longNames(coverage(grids)) });
    await drawn(el);
    const coarse = el.drawnMapName;
    const overview = visibleLabels(el).length;
    // Every name drawn has its hover state named too; nothing else turns a label on.
    const option = () =>
      el.chart.chart!.getOption() as {
        geo: { label: { show: boolean }; emphasis: { label: { show: boolean } }; regions: RegionLabels[] }[];
      };
    expect(option().geo[0]!.label.show).to.equal(false);
    expect(option().geo[0]!.emphasis.label.show).to.equal(false);
    const named = option().geo[0]!.regions.filter((r) => r.label?.show);
    expect(named.length).to.equal(overview);
    expect(named.every((r) => r.emphasis?.label?.show === true)).to.equal(true);
    const zoomIn = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="zoom-in"]')!;
    for (let i = 0; i < 2; i += 1) zoomIn.click();
    await waitUntil(() => el.drawnMapName !== coarse, 'refined map', { timeout: 5_000 });
    expect(level(el.drawnMapName)).to.be.above(level(coarse));
    await waitUntil(() => visibleLabels(el).length > overview, 'more names once zoomed in', { timeout: 5_000 });
    expectNoOverlap(visibleLabels(el));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="zoom-reset"]')!.click();
    await waitUntil(() => el.drawnMapName === coarse, 'back to the overview');
    await waitUntil(() => visibleLabels(el).length === overview, 'the overview names again');
  });

  it('drawn again while zoomed in, builds no grid outline again on the frames of a pan, on screen or off', async () => {
    const grids = detailedGrids({ count: 60, verticesPerStreet: 60, seed: 5 });
    const el = await mount({ grids: async () => grids, coverage: async () => coverage(grids) });
    await drawn(el);
    const coarse = el.drawnMapName;
    const zoomIn = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="zoom-in"]')!;
    for (let i = 0; i < 3; i += 1) zoomIn.click();
    await waitUntil(() => el.drawnMapName !== coarse, 'redrawn zoomed in', { timeout: 5_000 });
    await frames(2);
    const chart = el.chart.chart!;
    type Region = { shape?: { paths?: unknown[] }; buildPath: (...args: unknown[]) => void };
    const regions = (drawnShapes(el) as unknown as Region[]).filter((shape) => shape.shape?.paths);
    const width = chart.getWidth();
    const height = chart.getHeight();
    const offCanvas = regions.filter((region) => {
      const box = boxOf(region as unknown as Drawn);
      return box.x > width || box.y > height || box.x + box.width < 0 || box.y + box.height < 0;
    });
    expect(offCanvas.length, 'grids off the canvas once zoomed in').to.be.above(0);
    // Painted grids replay the outline they built; those off the canvas are skipped on the bounds they measured.
    expect(await outlinesBuiltWhilePanning(), 'outlines built again while panning').to.equal(0);
    // Resized while zoomed in, ECharts builds every grid again: the same holds after that.
    const resized = el.chart.resizeCount;
    el.style.width = '720px';
    await waitUntil(() => el.chart.resizeCount > resized, 'resized', { timeout: 5_000 });
    await frames(2);
    expect(await outlinesBuiltWhilePanning(), 'after a resize').to.equal(0);

    async function outlinesBuiltWhilePanning(): Promise<number> {
      let builds = 0;
      for (const region of (drawnShapes(el) as unknown as Region[]).filter((shape) => shape.shape?.paths)) {
        const build = region.buildPath.bind(region);
        region.buildPath = (...args) => {
          builds += 1;
          build(...args);
        };
      }
      for (let i = 0; i < 3; i += 1) {
        chart.dispatchAction({ type: 'geoRoam', componentType: 'geo', geoId: GEO_ID, dx: 4, dy: 3 });
        await frames(1);
      }
      await frames(1);
      return builds;
    }
  });
});

describe('<stride-coverage-map> layout', () => {
  before(async function () {
    this.timeout(60_000);
    await import('../../../packages/elements/src/coverage-map/coverage-map.echarts.js');
  });

  async function drawnAt(width: string, grids: Grids): Promise<StrideCoverageMap> {
    const el = await mount({ grids: async () => grids, coverage: async () => longNames(coverage(grids)) }, { width });
    await drawn(el);
    return el;
  }

  const panelOf = (el: StrideCoverageMap): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('.map')!;

  for (const width of ['640px', '1100px']) {
    it(`fits the grids to a ${width} panel: they span at least 80% of its shorter side`, async () => {
      const grids = detailedGrids({ count: 60, verticesPerStreet: 20, seed: 5 });
      const el = await drawnAt(width, grids);
      const panel = panelOf(el);
      const box = mapBox(el);
      const shorter = Math.min(panel.clientWidth, panel.clientHeight);
      const alongShorter = panel.clientHeight <= panel.clientWidth ? box.height : box.width;
      expect(alongShorter / shorter, `map ${Math.round(box.width)}x${Math.round(box.height)}`).to.be.at.least(0.8);
      // Nothing drawn outside the panel.
      expect(box.x).to.be.at.least(0);
      expect(box.y).to.be.at.least(0);
      expect(box.x + box.width).to.be.at.most(panel.clientWidth + 1);
      expect(box.y + box.height).to.be.at.most(panel.clientHeight + 1);
    });
  }

  it('on a phone-width panel fills its width, is only as tall as the grids need and still names some', async () => {
    const grids = detailedGrids({ count: 60, verticesPerStreet: 20, seed: 5 });
    const el = await drawnAt('340px', grids);
    const panel = panelOf(el);
    const box = mapBox(el);
    expect(box.width / panel.clientWidth).to.be.at.least(0.9);
    // Below the row of zoom buttons, the grids leave no band of empty panel under them.
    expect(panel.clientHeight - (box.y + box.height)).to.be.at.most(24);
    const buttons = el.shadowRoot!.querySelector<HTMLElement>('.zoom')!.getBoundingClientRect();
    const panelTop = panel.getBoundingClientRect().top;
    expect(buttons.bottom - panelTop, 'zoom buttons above the grids').to.be.at.most(box.y);
    // A phone still names some grids to find one's way by, clear of each other.
    const labels = visibleLabels(el);
    expect(labels.length).to.be.at.least(3);
    expectNoOverlap(labels);
  });

  for (const [width, count] of [
    ['640px', 60],
    ['1100px', 60],
    ['640px', 120],
  ] as const) {
    it(`shows grid names that never run into each other or off the panel (${count} grids, ${width})`, async () => {
      const grids = detailedGrids({ count, verticesPerStreet: 20, seed: 5 });
      const el = await drawnAt(width, grids);
      const labels = visibleLabels(el);
      const panel = panelOf(el);
      // Enough names to find one's way: not a map that passes by hiding them all.
      expect(labels.length, 'names shown').to.be.at.least(count === 60 ? 12 : 6);
      expectNoOverlap(labels);
      for (const { text: name, box } of labels) {
        expect(box.x, `${name} left`).to.be.at.least(0);
        expect(box.y, `${name} top`).to.be.at.least(0);
        expect(box.x + box.width, `${name} right`).to.be.at.most(panel.clientWidth);
        expect(box.y + box.height, `${name} bottom`).to.be.at.most(panel.clientHeight);
      }
    });
  }

  it("names the signed-in manager's grid even where a neighbour's name would otherwise win the space", async () => {
    const grids = detailedGrids({ count: 120, verticesPerStreet: 20, seed: 5 });
    const result = longNames(coverage(grids));
    const anonymous = await mount({ grids: async () => grids, coverage: async () => result });
    await drawn(anonymous);
    const shownAnonymous = new Set(visibleLabels(anonymous).map((label) => label.text));
    // A grid away from the panel's edges whose name lost to a neighbour's.
    const cols = 12;
    const hidden = result.cells.find((cell, i) => {
      const row = Math.floor(i / cols);
      const col = i % cols;
      return row > 1 && row < 8 && col > 1 && col < 10 && cell.managerIds.length > 0 && !shownAnonymous.has(cell.name);
    })!;
    expect(hidden, 'a grid without its name').to.not.equal(undefined);
    const el = await mount({ grids: async () => grids, coverage: async () => result }, { me: hidden.managerIds[0]! });
    await drawn(el);
    const shown = visibleLabels(el);
    expect(shown.map((label) => label.text)).to.include(hidden.name);
    expectNoOverlap(shown);
  });

  it('grows in huddle mode: a taller map and larger names', async () => {
    const grids = detailedGrids({ count: 60, verticesPerStreet: 20, seed: 5 });
    const el = await drawnAt('1100px', grids);
    const height = panelOf(el).clientHeight;
    const size = Math.max(...visibleLabels(el).map((label) => label.box.height));
    const before = el.chart.drawCount;
    el.setAttribute('mode', 'huddle');
    await waitUntil(() => el.chart.drawCount > before && panelOf(el).clientHeight > height, 'huddle map', {
      timeout: 10_000,
    });
    await waitUntil(() => Math.max(...visibleLabels(el).map((label) => label.box.height)) > size, 'larger names', {
      timeout: 10_000,
    });
    expect(panelOf(el).clientHeight).to.be.at.least(480);
    expectNoOverlap(visibleLabels(el));
  });
});
