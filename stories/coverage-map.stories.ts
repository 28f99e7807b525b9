import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createStrideQueryClient, type Grids, type StrideAdapter } from '@stride/core';
import { faultParameters, failingAfterFirst, pilotHttp } from './support.js';
import '../packages/elements/src/coverage-map/coverage-map.js';

// The REST contract on the synthetic pilot district (60 grids around West Lake), served by msw: no back end, no tiles.
const http = pilotHttp;

/** A bank without GIS data: coverage only, so the map falls back to one tile per grid. */
const withoutGeometry: StrideAdapter = { coverage: (query, options) => http.coverage!(query, options) };

/**
 * A GIS export with the usual faults: a feature without gridId, a coordinate out of range, an unclosed ring, and a
 * coverage row for a grid that is not on the map. The rest of the district still renders; one notice lists them.
 */
const badGeometry: StrideAdapter = {
  grids: async (query, options) => {
    const grids = JSON.parse(JSON.stringify(await http.grids!(query, options))) as Grids;
    const [first, second, third] = grids.features;
    if (first) (first.properties as unknown as Record<string, unknown>)['gridId'] = undefined;
    if (second && second.geometry.type === 'Polygon') second.geometry.coordinates[0]![1] = [512, 30.2];
    if (third && third.geometry.type === 'Polygon') {
      const ring = third.geometry.coordinates[0]!;
      ring[ring.length - 1] = [120, 30];
    }
    return grids;
  },
  coverage: async (query, options) => {
    const result = await http.coverage!(query, options);
    return {
      ...result,
      cells: [...result.cells, { gridId: 'G-UNKNOWN', name: '未知网格', managerIds: [], households: 800, covered: 10 }],
    };
  },
};

interface Args {
  org: string;
  period: string;
  date: string;
  me: string;
  bands: string;
  view: 'map' | 'table';
  lang: string;
  theme: string;
  refresh: number;
  adapter: StrideAdapter;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-coverage-map',
  component: 'stride-coverage-map',
  args: {
    org: 'br-hz',
    period: 'pilot',
    date: '',
    me: '',
    bands: '',
    view: 'map',
    lang: 'zh-CN',
    theme: 'light',
    refresh: 0,
    adapter: http,
  },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    view: { control: 'inline-radio', options: ['map', 'table'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    adapter: { table: { disable: true } },
  },
  render: (args) => html`<stride-coverage-map
    org=${args.org}
    period=${args.period}
    date=${args.date}
    me=${args.me}
    bands=${args.bands}
    view=${args.view}
    lang=${args.lang}
    theme=${args.theme}
    refresh=${args.refresh}
    .adapter=${args.adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-coverage-map>`,
};
export default meta;
type Story = StoryObj<Args>;

export const PilotDistrict: Story = {};
export const MeHighlight: Story = { args: { me: 'm-001' } };
export const CustomBands: Story = { args: { bands: '20,50,80' } };
export const Table: Story = { args: { view: 'table', me: 'm-001' } };
export const FallbackTiles: Story = { args: { adapter: withoutGeometry, me: 'm-001' } };
export const BadGeometry: Story = { args: { adapter: badGeometry, lang: 'en' } };
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark', me: 'm-001' }, parameters: { backgrounds: { default: 'dark' } } };
export const DarkTiles: Story = {
  args: { theme: 'dark', adapter: withoutGeometry },
  parameters: { backgrounds: { default: 'dark' } },
};
export const Narrow320: Story = { decorators: [(story) => html`<div style="width:320px">${story()}</div>`] };
export const WallScreen: Story = {
  parameters: { layout: 'fullscreen' },
  decorators: [(story) => html`<div style="width:1920px;--stride-map-height:900px">${story()}</div>`],
};

export const Loading: Story = { parameters: faultParameters.loading };
export const Empty: Story = { parameters: faultParameters.empty };
export const NotConfigured: Story = { args: { adapter: undefined as unknown as StrideAdapter } };
export const ServerError: Story = { parameters: faultParameters.serverError };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };
export const InvalidData: Story = { parameters: faultParameters.invalidData };
export const Stale: Story = {
  args: { refresh: 5 },
  render: (args, context) => meta.render!({ ...args, adapter: failingAfterFirst(['coverage'], ['grids']) }, context),
};
