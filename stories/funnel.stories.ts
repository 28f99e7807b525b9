import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { StrideError, createStrideQueryClient, type FunnelResult, type StrideAdapter } from '@stride/core';
import '../packages/elements/src/funnel/funnel.js';
import { faultParameters, pilotHttp } from './support.js';
import { faultHandlers } from '../mocks/handlers.js';

// The REST contract on the synthetic pilot, served by msw (see .storybook/preview.ts): no back end.
const http = pilotHttp;

/** Hand-built funnels for states the pilot cannot be relied on to show. */
function staticFunnel(counts: number[]): StrideAdapter {
  const stages: Array<[string, string]> = [
    ['assigned', '名单下发'],
    ['claimed', '已认领'],
    ['contacted', '已触达'],
    ['visited', '已面访'],
    ['intent', '意向'],
    ['applied', '已进件'],
    ['converted', '已成交'],
  ];
  return {
    funnel: async (query): Promise<FunnelResult> => ({
      asOf: `${query.scope.date}T18:00:00+08:00`,
      scope: query.scope,
      stages: stages.map(([id, label], i) => ({
        id,
        label,
        count: counts[i] ?? 0,
        overdue: i === 0 ? 0 : (i * 5) % 13,
        medianDwellHours: i === 6 ? null : 8 + i * 20,
      })),
    }),
  };
}

const never: StrideAdapter = { funnel: () => new Promise<FunnelResult>(() => {}) };
const failing: StrideAdapter = {
  funnel: async () => {
    throw new StrideError('http', 'funnel', 'GET /v1/funnel: 500 Internal Server Error', { status: 500 });
  },
};
/** First answer good, every refresh after it fails: the stale badge with the last good data. */
function staleAfterFirst(): StrideAdapter {
  let calls = 0;
  const good = staticFunnel([420, 396, 331, 140, 61, 30, 18]);
  return {
    funnel: async (query, options) => {
      calls += 1;
      if (calls > 1) throw new StrideError('network', 'funnel', 'GET /v1/funnel: network error');
      return good.funnel!(query, options);
    },
  };
}

interface Args {
  org: string;
  period: string;
  lang: string;
  theme: string;
  compare: string;
  orientation: string;
  mode: string;
  adapter: StrideAdapter | undefined;
  refresh: number;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-funnel',
  component: 'stride-funnel',
  args: {
    org: 'br-hz',
    period: 'month',
    lang: 'zh-CN',
    theme: 'light',
    compare: '',
    orientation: 'vertical',
    mode: '',
    adapter: http,
    refresh: 0,
  },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    compare: { control: 'select', options: ['', 'previous', 'org:sb-bj'] },
    orientation: { control: 'inline-radio', options: ['vertical', 'horizontal'] },
    mode: { control: 'inline-radio', options: ['', 'huddle'] },
    adapter: { table: { disable: true } },
  },
  render: (args) => html`<stride-funnel
    org=${args.org}
    period=${args.period}
    lang=${args.lang}
    theme=${args.theme}
    compare=${args.compare}
    orientation=${args.orientation}
    mode=${args.mode}
    refresh=${args.refresh}
    .adapter=${args.adapter}
    .queryClient=${createStrideQueryClient()}
    @stride-select=${(e: Event) => console.info('stride-select', (e as CustomEvent).detail)}
  ></stride-funnel>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};
export const ComparePrevious: Story = { args: { compare: 'previous' } };
export const CompareOrg: Story = { args: { org: 'sb-xh', compare: 'org:sb-bj' } };
export const Horizontal: Story = { args: { orientation: 'horizontal' } };
/** An adapter without `leads`: stage counts and overdue stay plain numbers (no links to open). */
export const WithoutLeadList: Story = { args: { adapter: { funnel: (q, o) => http.funnel!(q, o) } } };
export const HorizontalCompare: Story = { args: { orientation: 'horizontal', compare: 'previous' } };
export const Dark: Story = {
  args: { theme: 'dark', compare: 'previous' },
  parameters: { backgrounds: { default: 'dark' } },
};
export const English: Story = { args: { lang: 'en' } };
export const Narrow: Story = { decorators: [(story) => html`<div style="width:320px">${story()}</div>`] };
export const Huddle: Story = { args: { mode: 'huddle' } };
export const Loading: Story = { args: { adapter: never } };
export const Empty: Story = { args: { adapter: staticFunnel([0, 0, 0, 0, 0, 0, 0]) } };
export const NotConfigured: Story = { args: { adapter: undefined } };
export const ErrorState: Story = { name: 'Error', args: { adapter: failing } };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };
export const Stale: Story = { args: { adapter: staleAfterFirst(), refresh: 5, lang: 'en' } };
export const Refreshing: Story = {
  parameters: { msw: { handlers: { pilot: faultHandlers.slow(4000, { baseUrl: '/api' }) } } },
  args: { refresh: 6 },
};
export const HostileLabels: Story = {
  args: {
    adapter: {
      funnel: async (query) => ({
        asOf: `${query.scope.date}T18:00:00+08:00`,
        scope: query.scope,
        stages: [
          { id: 'assigned', label: '<img src=x onerror=alert(1)>', count: 90 },
          { id: 'claimed', label: '=HYPERLINK("http://evil")', count: 70 },
          { id: 'contacted', label: '{b|rich} text', count: 40 },
        ],
      }),
    },
  },
};
