import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  createStrideQueryClient,
  gridLeads,
  indicatorLeads,
  overdueLeads,
  rowLeads,
  stageLeads,
  type LeadsBehind,
  type LeadsFilter,
  type LeadsResult,
  type Scope,
  type StrideAdapter,
} from '@stride/core';
import '../packages/elements/src/leads/leads.js';
import { faultParameters, pilotHttp } from './support.js';

// The REST contract on the synthetic pilot, served by msw (see .storybook/preview.ts): no back end. The msw pilot
// masks customer names and mobiles as a back end does for a session without `unmasked`.
const SCOPE: Scope = { org: 'br-hz', period: 'month', date: '' };

/** What a count opens, built by the same core builder the widget uses, so the story opens what a click opens. */
function opened(build: (scope: Scope) => LeadsBehind | undefined): { filter: LeadsFilter; manager: string } {
  const behind = build(SCOPE)!;
  return { filter: behind.filter, manager: behind.scope.manager ?? '' };
}

const never: StrideAdapter = { leads: () => new Promise<LeadsResult>(() => {}) };

interface Args {
  org: string;
  manager: string;
  period: string;
  lang: string;
  theme: string;
  mode: string;
  filter: LeadsFilter;
  adapter: StrideAdapter | undefined;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-leads',
  component: 'stride-leads',
  args: {
    org: 'br-hz',
    period: 'month',
    lang: 'zh-CN',
    theme: 'light',
    mode: '',
    ...opened((scope) => overdueLeads(scope, 'contacted')),
    adapter: pilotHttp,
  },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    mode: { control: 'inline-radio', options: ['', 'huddle'] },
    adapter: { table: { disable: true } },
  },
  render: (args) => html`<stride-leads
    org=${args.org}
    manager=${args.manager}
    period=${args.period}
    lang=${args.lang}
    theme=${args.theme}
    mode=${args.mode}
    .filter=${args.filter}
    .adapter=${args.adapter}
    .queryClient=${createStrideQueryClient()}
    @stride-select=${(e: Event) => console.info('stride-select', (e as CustomEvent).detail)}
  ></stride-leads>`,
};
export default meta;
type Story = StoryObj<Args>;

// One story per count that opens a list (DESIGN "The leads behind a number").
export const FunnelOverdue: Story = {};
export const FunnelStage: Story = { args: opened((scope) => stageLeads(scope, 'visited')) };
export const GridCovered: Story = { args: opened((scope) => gridLeads(scope, 'g-01')) };
export const IndicatorCount: Story = { args: opened((scope) => indicatorLeads(scope, 'visits')) };
export const IndicatorRate: Story = { args: opened((scope) => indicatorLeads(scope, 'followup_rate')) };
export const ManagerRow: Story = { args: opened((scope) => rowLeads(scope, 'manager', 'm-001', 'points')) };
export const ManagerRowByIndicator: Story = {
  args: opened((scope) => rowLeads(scope, 'manager', 'm-001', 'contacted')),
};
export const OpenOverdue: Story = { args: { filter: { overdue: 'any' } } };

// States and presentation.
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
export const Huddle: Story = { args: { mode: 'huddle' } };
export const Narrow: Story = { decorators: [(story) => html`<div style="width:360px">${story()}</div>`] };
export const Loading: Story = { args: { adapter: never } };
export const Empty: Story = { parameters: faultParameters.empty };
export const NotConfigured: Story = { args: { adapter: undefined } };
export const ErrorState: Story = { name: 'Error', parameters: faultParameters.serverError };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };
