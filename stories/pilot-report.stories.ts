import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  StrideError,
  createMetricsEngine,
  createStaticAdapter,
  createStrideQueryClient,
  todayInZone,
  type StrideAdapter,
} from '@stride/core';
import { generatePilot } from '../mocks/pilot/index.js';
import '../packages/elements/src/pilot-report/pilot-report.js';
import { faultParameters, pilotHttp } from './support.js';

// The finished pilot: the REST contract on the synthetic pilot (60 days ending today), served by msw.
const http = pilotHttp;

type Call = (query: never, options: { signal: AbortSignal }) => Promise<unknown>;
const passThrough = (methods: readonly string[]): Record<string, Call> =>
  Object.fromEntries(
    methods.map((m) => [
      m,
      (q: never, o: { signal: AbortSignal }) => (http[m as 'indicators'] as unknown as Call)(q, o),
    ]),
  );

/**
 * A pilot four days old, and its targets given without a baseline: no whole week to compare and nothing from before
 * the pilot. Computed in the browser from a small synthetic pilot (the same generator as every other story).
 */
function justStarted(): StrideAdapter {
  const today = todayInZone('Asia/Shanghai');
  const data = generatePilot({ seed: 3, today, days: 4, managers: 12, grids: 12, events: 600 });
  const engine = createMetricsEngine({ ...data, targets: data.targets.map(({ baseline: _none, ...row }) => row) });
  return createStaticAdapter({
    indicators: (q) => engine.indicators(q),
    leaderboard: (q) => engine.leaderboard(q),
    funnel: (q) => engine.funnel(q),
    coverage: (q) => engine.coverage(q),
    alerts: (q) => engine.alerts(q),
  });
}

/**
 * A pilot run from files with some missing: no grid file (so no coverage), no alerts endpoint (derived from the
 * rows instead, so that section stays), and a funnel that fails on the server. The page names what is missing.
 */
const missingFiles: StrideAdapter = {
  ...(passThrough(['indicators', 'leaderboard']) as StrideAdapter),
  funnel: async () => {
    throw new StrideError('http', 'funnel', 'GET /api/v1/funnel: 500 Internal Server Error', { status: 500 });
  },
};

interface Args {
  org: string;
  date: string;
  lang: string;
  theme: string;
  adapter: StrideAdapter | undefined;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-pilot-report',
  component: 'stride-pilot-report',
  args: { org: 'br-hz', date: '', lang: 'zh-CN', theme: 'light', adapter: http },
  argTypes: {
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    adapter: { table: { disable: true } },
  },
  render: (args) => html`<stride-pilot-report
    org=${args.org}
    date=${args.date}
    lang=${args.lang}
    theme=${args.theme}
    .adapter=${args.adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-pilot-report>`,
};
export default meta;
type Story = StoryObj<Args>;

const dark = { parameters: { backgrounds: { default: 'dark' } } };

export const FinishedPilot: Story = {};
export const FinishedPilotEnglish: Story = { args: { lang: 'en' } };
export const FinishedPilotDark: Story = { args: { theme: 'dark' }, ...dark };
export const JustStarted: Story = { args: { adapter: justStarted() } };
export const JustStartedEnglish: Story = { args: { adapter: justStarted(), lang: 'en' } };
export const MissingFiles: Story = { args: { adapter: missingFiles } };
export const MissingFilesEnglish: Story = { args: { adapter: missingFiles, lang: 'en' } };
export const Loading: Story = { parameters: faultParameters.loading };
export const ServerError: Story = { parameters: faultParameters.serverError };
export const NotConfigured: Story = { args: { adapter: undefined } };
