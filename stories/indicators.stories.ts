import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createStrideQueryClient, type StrideAdapter } from '@stride/core';
import { faultParameters, failingAfterFirst, slowRefresh, pilotHttp } from './support.js';
import '../packages/elements/src/indicators/indicators.js';

// The REST contract on the synthetic pilot, served by msw (see .storybook/preview.ts): no back end.
const http = pilotHttp;

interface Args {
  org: string;
  manager: string;
  period: string;
  date: string;
  layout: 'tiles' | 'table';
  rows: 'children' | 'managers';
  indicators: string;
  lang: string;
  theme: string;
  mode: string;
  me: string;
  refresh: number;
  adapter: StrideAdapter;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-indicators',
  component: 'stride-indicators',
  args: {
    org: 'br-hz',
    manager: '',
    period: 'month',
    date: '',
    layout: 'tiles',
    rows: 'children',
    indicators: '',
    lang: 'zh-CN',
    theme: 'light',
    mode: '',
    me: 'm-001',
    refresh: 0,
    adapter: http,
  },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    layout: { control: 'inline-radio', options: ['tiles', 'table'] },
    rows: { control: 'inline-radio', options: ['children', 'managers'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    mode: { control: 'inline-radio', options: ['', 'huddle'] },
    adapter: { table: { disable: true } },
  },
  render: (args) => html`<stride-indicators
    org=${args.org}
    manager=${args.manager}
    period=${args.period}
    date=${args.date}
    layout=${args.layout}
    rows=${args.rows}
    indicators=${args.indicators}
    lang=${args.lang}
    theme=${args.theme}
    mode=${args.mode}
    me=${args.me}
    refresh=${args.refresh}
    .adapter=${args.adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-indicators>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Branch: Story = {};
export const ManagerScope: Story = { args: { manager: 'm-001' } };
export const Subset: Story = { args: { indicators: 'contacted,visits,intent' } };
export const TableSubbranches: Story = { args: { layout: 'table', rows: 'children' } };
export const TableManagers: Story = { args: { layout: 'table', rows: 'managers' } };
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
export const DarkTable: Story = {
  args: { theme: 'dark', layout: 'table', rows: 'managers' },
  parameters: { backgrounds: { default: 'dark' } },
};
export const PortalFrame320: Story = { decorators: [(story) => html`<div style="width:320px">${story()}</div>`] };
export const WallScreen: Story = {
  args: { mode: 'huddle' },
  parameters: { layout: 'fullscreen' },
  decorators: [(story) => html`<div style="width:1920px">${story()}</div>`],
};

export const Loading: Story = { parameters: faultParameters.loading };
export const Empty: Story = { parameters: faultParameters.empty };
export const NotConfigured: Story = { args: { adapter: undefined as unknown as StrideAdapter } };
export const ServerError: Story = { parameters: faultParameters.serverError };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };
export const InvalidData: Story = { parameters: faultParameters.invalidData };
export const Stale: Story = {
  args: { refresh: 5 },
  render: (args, context) => meta.render!({ ...args, adapter: failingAfterFirst(['indicators']) }, context),
};
export const Refreshing: Story = {
  args: { refresh: 5 },
  render: (args, context) => meta.render!({ ...args, adapter: slowRefresh(['indicators']) }, context),
};
