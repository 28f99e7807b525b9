import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  createStrideQueryClient,
  type LeaderboardEntry,
  type LeaderboardResult,
  type StrideAdapter,
} from '@stride/core';
import { faultParameters, failingAfterFirst, pilotHttp } from './support.js';
import '../packages/elements/src/leaderboard/leaderboard.js';

// The REST contract on the synthetic pilot, served by msw (see .storybook/preview.ts): no back end.
const http = pilotHttp;

/** A hand-built board for the cases the pilot does not reliably contain (exact ties, 10,000 managers). */
function staticBoard(entries: LeaderboardEntry[]): StrideAdapter {
  return {
    leaderboard: async (query): Promise<LeaderboardResult> => ({
      asOf: `${query.scope.date}T18:00:00+08:00`,
      scope: query.scope,
      board: query.board,
      metric: query.metric,
      entries,
    }),
  };
}

const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟'];
function managerName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i >= 120 ? GIVEN[(i * 3) % GIVEN.length] : ''}`;
}

/** Ties at 2nd and 4th, one manager with no data, movement both ways, badges and streaks. */
const tieEntries: LeaderboardEntry[] = [
  {
    id: 'm-001',
    name: '张伟',
    kind: 'manager',
    orgName: '城东支行',
    value: 128,
    previousValue: 90,
    streak: 9,
    badges: [
      { id: 'champion_week', label: '周冠军', kind: 'champion' },
      { id: 'streak_7', label: '连续7天', kind: 'milestone' },
    ],
    pointsByAction: {
      firstContact: 30,
      conversation: 26,
      visit: 36,
      firstIntent: 15,
      firstApplication: 16,
      timelyFollowup: 5,
    },
  },
  {
    id: 'm-002',
    name: '李娜',
    kind: 'manager',
    orgName: '城东支行',
    value: 96,
    previousValue: 110,
    streak: 3,
    pointsByAction: { firstContact: 24, conversation: 30, visit: 27, firstIntent: 10, timelyFollowup: 5 },
  },
  {
    id: 'm-003',
    name: '王芳',
    kind: 'manager',
    orgName: '城西支行',
    value: 96,
    previousValue: 40,
    badges: [{ id: 'first_conversion', label: '首单成交', kind: 'milestone' }],
    pointsByAction: {
      firstContact: 18,
      visit: 18,
      firstConversion: 20,
      firstApplication: 8,
      firstIntent: 5,
      conversation: 27,
    },
  },
  {
    id: 'm-004',
    name: '刘洋',
    kind: 'manager',
    orgName: '城西支行',
    value: 71,
    previousValue: 71,
    pointsByAction: { firstContact: 20, conversation: 21, visit: 30 },
  },
  {
    id: 'm-005',
    name: '陈静',
    kind: 'manager',
    orgName: '高新支行',
    value: 71,
    pointsByAction: { firstContact: 31, conversation: 40 },
  },
  {
    id: 'm-006',
    name: '杨磊',
    kind: 'manager',
    orgName: '高新支行',
    value: 12,
    previousValue: 60,
    streak: 1,
    pointsByAction: { firstContact: 12 },
  },
  { id: 'm-007', name: '赵强', kind: 'manager', orgName: '高新支行', value: null, previousValue: 30 },
];

function bankWide(size: number): LeaderboardEntry[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `m-${String(i + 1).padStart(5, '0')}`,
    name: managerName(i),
    kind: 'manager',
    orgName: `第${(i % 300) + 1}支行`,
    value: i % 97 === 0 ? null : Math.round(3_000 / (1 + i / 400)),
    previousValue: i % 50 === 0 ? null : Math.round(3_000 / (1 + ((i * 7919) % size) / 400)),
    streak: i % 11,
  }));
}

const teams: LeaderboardEntry[] = [
  {
    id: 't-east-1',
    name: '城东一队',
    kind: 'org',
    orgName: '城东支行',
    value: 1_840,
    target: 2_400,
    previousValue: 1_500,
  },
  {
    id: 't-west-1',
    name: '城西一队',
    kind: 'org',
    orgName: '城西支行',
    value: 2_120,
    target: 2_400,
    previousValue: 1_900,
  },
  {
    id: 't-hi-1',
    name: '高新一队',
    kind: 'org',
    orgName: '高新支行',
    value: 1_610,
    target: 2_000,
    previousValue: 1_700,
  },
];

interface Args {
  org: string;
  period: string;
  date: string;
  board: string;
  metric: string;
  rankBy: string;
  tieBreak: string;
  view: string;
  contestants: string;
  lang: string;
  theme: string;
  mode: string;
  me: string;
  refresh: number;
  adapter: StrideAdapter;
}

const meta: Meta<Args> = {
  title: 'Widgets/stride-leaderboard',
  component: 'stride-leaderboard',
  args: {
    org: 'br-hz',
    period: 'month',
    date: '',
    board: 'managers',
    metric: 'points',
    rankBy: 'value',
    tieBreak: 'shared',
    view: 'board',
    contestants: '',
    lang: 'zh-CN',
    theme: 'light',
    mode: '',
    me: 'm-001',
    refresh: 0,
    adapter: http,
  },
  argTypes: {
    period: { control: 'select', options: ['day', 'week', 'month', 'quarter', 'year', 'pilot'] },
    board: { control: 'select', options: ['managers', 'teams', 'subbranches', 'branches'] },
    metric: {
      control: 'select',
      options: [
        'points',
        'contacted',
        'conversations',
        'visits',
        'intent',
        'applications',
        'conversions',
        'claim_rate',
        'followup_rate',
        'logged_rate',
      ],
    },
    rankBy: { control: 'inline-radio', options: ['value', 'target'] },
    tieBreak: { control: 'inline-radio', options: ['shared', 'previous', 'streak'] },
    view: { control: 'inline-radio', options: ['board', 'contest'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    mode: { control: 'inline-radio', options: ['', 'huddle'] },
    adapter: { table: { disable: true } },
  },
  render: (args) => html`<stride-leaderboard
    org=${args.org}
    period=${args.period}
    date=${args.date}
    board=${args.board}
    metric=${args.metric}
    rank-by=${args.rankBy}
    tie-break=${args.tieBreak}
    view=${args.view}
    contestants=${args.contestants}
    lang=${args.lang}
    theme=${args.theme}
    mode=${args.mode}
    me=${args.me}
    refresh=${args.refresh}
    .adapter=${args.adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-leaderboard>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Managers: Story = {};
export const Teams: Story = { args: { board: 'teams', me: '' } };
export const Subbranches: Story = { args: { board: 'subbranches', me: '' } };
export const Branches: Story = { args: { board: 'branches', me: '' } };
export const VisitsByTarget: Story = { args: { metric: 'visits', rankBy: 'target' } };
export const ClaimRate: Story = { args: { metric: 'claim_rate' } };
export const Ties: Story = { args: { adapter: staticBoard(tieEntries), me: 'm-005' } };
export const TieBreakByStreak: Story = { args: { adapter: staticBoard(tieEntries), tieBreak: 'streak' } };
export const MeInsideWindow: Story = { args: { adapter: staticBoard(bankWide(10_000)), me: 'm-00004' } };
export const MeOutsideWindow: Story = { args: { adapter: staticBoard(bankWide(10_000)), me: 'm-06543' } };
export const BankWide10000: Story = { args: { adapter: staticBoard(bankWide(10_000)), me: '' } };
export const Contest: Story = { args: { adapter: staticBoard(teams), board: 'teams', view: 'contest', me: '' } };
export const ContestPilotSubbranches: Story = { args: { board: 'subbranches', view: 'contest', me: '' } };
export const Huddle: Story = {
  args: { mode: 'huddle' },
  parameters: { layout: 'fullscreen' },
  decorators: [(story) => html`<div style="width:1920px">${story()}</div>`],
};
export const HuddleBankWide: Story = {
  args: { mode: 'huddle', adapter: staticBoard(bankWide(200)), me: 'm-00150' },
  parameters: { layout: 'fullscreen' },
  decorators: [(story) => html`<div style="width:1920px">${story()}</div>`],
};
export const English: Story = { args: { lang: 'en' } };
export const EnglishTies: Story = { args: { lang: 'en', adapter: staticBoard(tieEntries) } };
export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
export const DarkContest: Story = {
  args: { theme: 'dark', adapter: staticBoard(teams), board: 'teams', view: 'contest', me: '' },
  parameters: { backgrounds: { default: 'dark' } },
};
export const PortalFrame320: Story = { decorators: [(story) => html`<div style="width:320px">${story()}</div>`] };

export const Loading: Story = { parameters: faultParameters.loading };
export const Empty: Story = { parameters: faultParameters.empty };
export const NotConfigured: Story = { args: { adapter: undefined as unknown as StrideAdapter } };
export const ServerError: Story = { parameters: faultParameters.serverError };
export const SessionExpired: Story = { parameters: faultParameters.unauthorized };
export const InvalidData: Story = { parameters: faultParameters.invalidData };
export const Stale: Story = {
  args: { refresh: 5 },
  render: (args, context) => meta.render!({ ...args, adapter: failingAfterFirst(['leaderboard']) }, context),
};
