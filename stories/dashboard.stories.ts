import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createHttpAdapter, createStrideQueryClient } from '@stride/core';
import { faultParameters } from './support.js';
import { createPilotHandlers, faultHandlers } from '../mocks/handlers.js';
import '../packages/elements/src/bundle.js';

// The REST contract on the synthetic pilot, served by msw (see .storybook/preview.ts): no back end.
const adapter = createHttpAdapter({ baseUrl: '/api' });

interface Args {
  org: string;
  period: string;
  lang: string;
  theme: string;
  mode: string;
  me: string;
}

const meta: Meta<Args> = {
  title: 'Dashboard/stride-dashboard',
  component: 'stride-dashboard',
  args: { org: 'br-hz', period: 'month', lang: 'zh-CN', theme: 'light', mode: '', me: 'm-001' },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    mode: { control: 'inline-radio', options: ['', 'huddle'] },
  },
  render: (args) => html`<stride-dashboard
    dashboard-id="storybook"
    org=${args.org}
    period=${args.period}
    lang=${args.lang}
    theme=${args.theme}
    mode=${args.mode || ''}
    me=${args.me}
    .adapter=${adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-dashboard>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Branch: Story = {};
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
export const Huddle: Story = { args: { mode: 'huddle' } };
export const Narrow: Story = { decorators: [(story) => html`<div style="width:320px">${story()}</div>`] };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };

/**
 * Drill-through: every count with rows behind it (a funnel stage or its overdue, a tile's number, a manager on the
 * board, a grid's covered count in the map's table) opens the lead list in place of its view; the breadcrumb (or
 * Escape, or the browser's Back with `history`) returns to the count.
 */
export const DrillThrough: Story = {
  args: { lang: 'en' },
  render: (args) => html`<stride-dashboard
    dashboard-id="storybook-drill"
    history
    org=${args.org}
    period=${args.period}
    lang=${args.lang}
    theme=${args.theme}
    me=${args.me}
    .adapter=${adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-dashboard>`,
};

/**
 * A back end without the optional /v1/leads: counts are links until the first list asks and gets 404, then plain
 * numbers. Its own adapter: the 404 is remembered per adapter, and the other stories keep their links.
 */
export const WithoutLeadList: Story = {
  // the 404 first: msw answers with the first handler that matches
  parameters: {
    msw: { handlers: { pilot: [...faultHandlers.noLeads({ baseUrl: '/api' }), ...createPilotHandlers()] } },
  },
  render: (args) => html`<stride-dashboard
    dashboard-id="storybook-no-leads"
    org=${args.org}
    period=${args.period}
    lang=${args.lang}
    theme=${args.theme}
    me=${args.me}
    .adapter=${createHttpAdapter({ baseUrl: '/api' })}
    .queryClient=${createStrideQueryClient()}
  ></stride-dashboard>`,
};
