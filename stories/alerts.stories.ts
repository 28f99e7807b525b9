import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  StrideError,
  createStrideQueryClient,
  type AlertsResult,
  type IndicatorsResult,
  type StrideAdapter,
} from '@stride/core';
import '../packages/elements/src/alerts/alerts.js';
import { failingAfterFirst, faultParameters, pilotHttp, slowRefresh } from './support.js';

// The REST contract on the synthetic pilot, served by msw (see .storybook/preview.ts): the back end's own alerts.
const http = pilotHttp;

/** The same pilot without `alerts`: the kit derives the list from the indicator rows with the page's thresholds. */
const derivedOnly: StrideAdapter = { indicators: (query, options) => pilotHttp.indicators!(query, options) };

/** A branch where everyone is on pace, nobody has overdue leads and everyone acted yesterday. */
const calm: StrideAdapter = {
  alerts: async (query): Promise<AlertsResult> => ({
    asOf: `${query.scope.date}T18:00:00+08:00`,
    scope: query.scope,
    alerts: [],
  }),
};

const never: StrideAdapter = { alerts: () => new Promise<AlertsResult>(() => {}) };
const failing: StrideAdapter = {
  alerts: async () => {
    throw new StrideError('http', 'alerts', 'GET /v1/alerts: 500 Internal Server Error', { status: 500 });
  },
};

/** Names and numbers that must render as text: markup, formulas, ECharts rich-text syntax, very long names. */
const hostile: StrideAdapter = {
  indicators: async (query): Promise<IndicatorsResult> => ({
    asOf: `${query.scope.date}T18:00:00+08:00`,
    scope: query.scope,
    period: { start: `${query.scope.date.slice(0, 8)}01`, end: `${query.scope.date.slice(0, 8)}28` },
    indicators: [],
    rows: [
      {
        id: 'x1',
        name: '<img src=x onerror=alert(1)>',
        kind: 'manager',
        values: { visits: 0 },
        targets: { visits: 40 },
        overdue: 12,
        lastActionAt: null,
      },
      {
        id: 'x2',
        name: '=HYPERLINK("http://evil") 欧阳诸葛长长长长长长长长长长长长长名字',
        kind: 'manager',
        values: { claim_rate: 0.2 },
        targets: { claim_rate: 0.95 },
        overdue: 5,
      },
    ],
  }),
};

interface Args {
  org: string;
  manager: string;
  period: string;
  rows: string;
  group: string;
  lang: string;
  theme: string;
  mode: string;
  adapter: StrideAdapter | undefined;
  refresh: number;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-alerts',
  component: 'stride-alerts',
  args: {
    org: 'br-hz',
    manager: '',
    period: 'month',
    rows: 'managers',
    group: 'person',
    lang: 'zh-CN',
    theme: 'light',
    mode: '',
    adapter: http,
    refresh: 0,
  },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    rows: { control: 'inline-radio', options: ['managers', 'children'] },
    group: { control: 'inline-radio', options: ['person', 'indicator'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    mode: { control: 'inline-radio', options: ['', 'huddle'] },
    adapter: { table: { disable: true } },
  },
  render: (args) => html`<stride-alerts
    org=${args.org}
    manager=${args.manager}
    period=${args.period}
    rows=${args.rows}
    group=${args.group}
    lang=${args.lang}
    theme=${args.theme}
    mode=${args.mode}
    refresh=${args.refresh}
    .adapter=${args.adapter}
    .queryClient=${createStrideQueryClient()}
    @stride-select=${(e: Event) => console.info('stride-select', (e as CustomEvent).detail)}
    @stride-alert=${(e: Event) => console.info('stride-alert', (e as CustomEvent).detail)}
  ></stride-alerts>`,
};
export default meta;
type Story = StoryObj<Args>;

/** A branch with many alerts: every manager of the pilot branch, worst first. */
export const ManyAlerts: Story = {};
export const ByIndicator: Story = { args: { group: 'indicator' } };
export const SubBranches: Story = { args: { rows: 'children' } };
/** A manager's own alerts (the signed-in manager's scope). */
export const ManagersOwn: Story = { args: { manager: 'm-001' } };
export const DerivedFromRows: Story = { args: { adapter: derivedOnly } };
export const NoneBehind: Story = { args: { adapter: calm } };
export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
export const English: Story = { args: { lang: 'en' } };
export const EnglishByIndicator: Story = { args: { lang: 'en', group: 'indicator' } };
export const PhoneWidth: Story = { decorators: [(story) => html`<div style="width:375px">${story()}</div>`] };
export const Huddle: Story = { args: { mode: 'huddle' } };
export const Loading: Story = { args: { adapter: never } };
export const Empty: Story = { parameters: faultParameters.empty };
export const NotConfigured: Story = { args: { adapter: undefined } };
export const ErrorState: Story = { name: 'Error', args: { adapter: failing } };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };
export const InvalidData: Story = { parameters: faultParameters.invalidData };
export const Stale: Story = { args: { adapter: failingAfterFirst(['alerts']), refresh: 5, lang: 'en' } };
export const Refreshing: Story = { args: { adapter: slowRefresh(['alerts']), refresh: 6 } };
export const HostileNames: Story = { args: { adapter: hostile } };
