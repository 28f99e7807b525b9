import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  StrideError,
  addDays,
  createStrideQueryClient,
  todayInZone,
  type LeaderboardResult,
  type StrideAdapter,
} from '@stride/core';
import '../packages/elements/src/my-day/my-day.js';
import { failingAfterFirst, faultParameters, pilotHttp, slowRefresh } from './support.js';

// The REST contract on the synthetic pilot, served by msw (see .storybook/preview.ts), seen by one account manager.
const http = pilotHttp;
const ME = 'm-004';

type Call = (query: never, options: { signal: AbortSignal }) => Promise<unknown>;
const passThrough = (methods: readonly string[]): Record<string, Call> =>
  Object.fromEntries(
    methods.map((m) => [
      m,
      (q: never, o: { signal: AbortSignal }) => (http[m as 'indicators'] as unknown as Call)(q, o),
    ]),
  );

/** The pilot's board with me on top and every milestone badge held: nothing left to chase but the lead. */
const topOfTheBoard: StrideAdapter = {
  ...(passThrough(['indicators', 'coverage']) as StrideAdapter),
  leaderboard: async (query, options): Promise<LeaderboardResult> => {
    const board = await http.leaderboard!(query, options);
    const best = Math.max(0, ...board.entries.map((e) => e.value ?? 0));
    return {
      ...board,
      entries: board.entries.map((e) =>
        e.id === ME
          ? {
              ...e,
              value: best + 12,
              streak: 9,
              badges: [
                { id: 'first_conversion', label: '首单成交', kind: 'milestone' },
                { id: 'contacts_100', label: '百户触达', kind: 'milestone' },
                { id: 'streak_7', label: '连续7天', kind: 'milestone' },
                { id: 'champion_week', label: '周冠军', kind: 'champion' },
              ],
            }
          : e,
      ),
    };
  },
};

/** A back end with indicators and a board but no grids: the coverage section is left out. */
const noGrids: StrideAdapter = passThrough(['indicators', 'leaderboard']) as StrideAdapter;

const never: StrideAdapter = {
  indicators: () => new Promise(() => {}),
  leaderboard: () => new Promise(() => {}),
  coverage: () => new Promise(() => {}),
};
const boardDown: StrideAdapter = {
  ...(passThrough(['indicators', 'coverage']) as StrideAdapter),
  leaderboard: async () => {
    throw new StrideError('http', 'leaderboard', 'GET /v1/leaderboard: 500 Internal Server Error', { status: 500 });
  },
};

/** Last Sunday in the bank's zone: not a working day, so the streak is safe whatever happens. */
const lastSunday = (() => {
  const today = todayInZone('Asia/Shanghai');
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, weekday === 0 ? -7 : -weekday);
})();

interface Args {
  org: string;
  me: string;
  manager: string;
  period: string;
  date: string;
  lang: string;
  theme: string;
  width: number;
  adapter: StrideAdapter | undefined;
  refresh: number;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-my-day',
  component: 'stride-my-day',
  args: {
    org: 'br-hz',
    me: ME,
    manager: '',
    period: 'month',
    date: '',
    lang: 'zh-CN',
    theme: 'light',
    width: 375,
    adapter: http,
    refresh: 0,
  },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    width: { control: 'inline-radio', options: [320, 375, 430] },
    adapter: { table: { disable: true } },
  },
  // a phone's width: the view is made for 320-430 px
  render: (args) => html`<div style=${`width:${args.width}px`}>
    <stride-my-day
      org=${args.org}
      me=${args.me}
      manager=${args.manager}
      period=${args.period}
      date=${args.date}
      lang=${args.lang}
      theme=${args.theme}
      refresh=${args.refresh}
      .adapter=${args.adapter}
      .queryClient=${createStrideQueryClient()}
      @stride-select=${(e: Event) => console.info('stride-select', (e as CustomEvent).detail)}
    ></stride-my-day>
  </div>`,
};
export default meta;
type Story = StoryObj<Args>;

const dark = { parameters: { backgrounds: { default: 'dark' } } };

export const Phone375: Story = {};
export const Phone320: Story = { args: { width: 320 } };
export const Phone430: Story = { args: { width: 430 } };
export const English375: Story = { args: { lang: 'en' } };
export const English320: Story = { args: { lang: 'en', width: 320 } };
export const English430: Story = { args: { lang: 'en', width: 430 } };
export const Dark375: Story = { args: { theme: 'dark' }, ...dark };
export const Dark320English: Story = { args: { theme: 'dark', width: 320, lang: 'en' }, ...dark };
export const Dark430: Story = { args: { theme: 'dark', width: 430 }, ...dark };
/** First on the board with every milestone: no gap to show, no badge left to chase. */
export const TopOfTheBoard: Story = { args: { adapter: topOfTheBoard } };
export const TopOfTheBoardEnglishDark: Story = { args: { adapter: topOfTheBoard, lang: 'en', theme: 'dark' }, ...dark };
/** A day off: the streak neither counts nor breaks. */
export const RestDay: Story = { args: { date: lastSunday, period: 'week' } };
export const NoGrids: Story = { args: { adapter: noGrids } };
export const Loading: Story = { args: { adapter: never } };
export const LoadingEnglish320: Story = { args: { adapter: never, lang: 'en', width: 320 } };
export const Empty: Story = { parameters: faultParameters.empty };
export const EmptyEnglish: Story = { args: { lang: 'en' }, parameters: faultParameters.empty };
export const NotConfigured: Story = { args: { adapter: undefined } };
export const NotConfiguredEnglish: Story = { args: { adapter: undefined, lang: 'en' } };
/** An adapter but nobody signed in: neither `me` nor `manager`. */
export const NoManager: Story = { args: { me: '' } };
export const ErrorState: Story = { name: 'Error', parameters: faultParameters.serverError };
export const ErrorEnglishDark: Story = {
  args: { lang: 'en', theme: 'dark' },
  parameters: { ...faultParameters.serverError, backgrounds: { default: 'dark' } },
};
/** One query failing: the board's sections say so once; indicators, grids and overdue stay. */
export const BoardDown: Story = { args: { adapter: boardDown } };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };
export const InvalidData: Story = { parameters: faultParameters.invalidData };
export const Stale: Story = {
  args: { adapter: failingAfterFirst(['indicators', 'leaderboard', 'coverage']), refresh: 5, lang: 'en' },
};
export const StaleDark: Story = {
  args: { adapter: failingAfterFirst(['indicators', 'leaderboard', 'coverage']), refresh: 5, theme: 'dark' },
  ...dark,
};
export const Refreshing: Story = {
  args: { adapter: slowRefresh(['indicators', 'leaderboard', 'coverage']), refresh: 6 },
};
