// The phone-frame demo: an account manager's own day in the portal's mobile shell (WeCom / DingTalk built-in
// browser), at 320, 375 or 430 px, in both languages and both themes. A drill opens what it counts inside the phone:
// the leads behind a number (<stride-leads> with the event's `leads` filter) or my row on the points board. The
// second tab is the dashboard given `me` at phone width: it offers "my day" first.
import '../packages/elements/src/bundle.js';
import { configure } from '../packages/elements/src/index.js';
import type { StrideSelectEvent } from '../packages/elements/src/shared/events.js';
import { createHttpAdapter, type StrideLocale, type ThemeSetting } from '@stride/core';
import { PORTAL_ME, connectDataSource } from './demo-setup.js';
import { PILOT_CATALOGUE } from '../mocks/pilot/balances.js';

const source = await connectDataSource();
const notice = document.getElementById('data-source');
if (notice) notice.textContent = source.note;
let lang: StrideLocale = 'zh-CN';
let theme: ThemeSetting = 'light';
const settings = () => ({
  adapter: createHttpAdapter({ baseUrl: source.baseUrl }),
  me: PORTAL_ME,
  org: 'br-hz',
  // the back end's deposit balance and AUM beside the ten (docs/supplied-indicators.md)
  catalogue: PILOT_CATALOGUE,
});
const base = settings();
configure({ ...base, lang, theme });

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const phone = byId('phone');
const myDay = byId('my-day');
const dashboard = byId('dashboard');
const detail = byId('detail');
const back = byId<HTMLButtonElement>('back');
const title = byId('title');
const tabs = { myDay: byId('tab-my-day'), dashboard: byId('tab-dashboard') };

const TEXT = {
  'zh-CN': {
    app: '营销助手',
    leads: '商机明细',
    board: '英雄榜',
    myDay: '我的今天',
    dashboard: '营销看板',
    back: '返回',
  },
  en: {
    app: 'Sales assistant',
    leads: 'Leads',
    board: 'Leaderboard',
    myDay: 'My day',
    dashboard: 'Dashboard',
    back: 'Back',
  },
};

function showTab(which: 'myDay' | 'dashboard'): void {
  closeDetail();
  myDay.hidden = which !== 'myDay';
  dashboard.hidden = which !== 'dashboard';
  tabs.myDay.setAttribute('aria-selected', String(which === 'myDay'));
  tabs.dashboard.setAttribute('aria-selected', String(which === 'dashboard'));
}

function openDetail(element: HTMLElement, heading: string): void {
  detail.replaceChildren(element);
  detail.hidden = false;
  myDay.hidden = true;
  dashboard.hidden = true;
  back.hidden = false;
  title.textContent = heading;
  byId('screen').scrollTop = 0;
}

function closeDetail(): void {
  if (detail.hidden) return;
  detail.replaceChildren();
  detail.hidden = true;
  back.hidden = true;
  title.textContent = TEXT[lang].app;
  const onDashboard = tabs.dashboard.getAttribute('aria-selected') === 'true';
  myDay.hidden = onDashboard;
  dashboard.hidden = !onDashboard;
}

// The portal's own routing of a drill from my day: the count's leads, or my row on the board.
myDay.addEventListener('stride-select', (event) => {
  const { kind, scope, leads } = (event as StrideSelectEvent).detail;
  event.preventDefault();
  if (leads) {
    const list = document.createElement('stride-leads');
    Object.assign(list, { filter: leads });
    for (const [name, value] of Object.entries(scope)) if (value) list.setAttribute(name, String(value));
    openDetail(list, TEXT[lang].leads);
  } else if (kind === 'manager') {
    const board = document.createElement('stride-leaderboard');
    board.setAttribute('board', 'managers');
    board.setAttribute('metric', 'points');
    for (const name of ['org', 'period', 'date'] as const) board.setAttribute(name, String(scope[name]));
    openDetail(board, TEXT[lang].board);
  }
});

back.addEventListener('click', closeDetail);
tabs.myDay.addEventListener('click', () => showTab('myDay'));
tabs.dashboard.addEventListener('click', () => showTab('dashboard'));

function press(attribute: string, value: string): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>(`[data-${attribute}]`))
    button.setAttribute('aria-pressed', String(button.dataset[attribute] === value));
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-width]')) {
  button.addEventListener('click', () => {
    phone.style.setProperty('--phone-width', `${button.dataset['width']}px`);
    press('width', button.dataset['width']!);
  });
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    lang = button.dataset['lang'] as StrideLocale;
    configure({ ...base, lang, theme });
    document.documentElement.lang = lang;
    const text = TEXT[lang];
    title.textContent = detail.hidden ? text.app : title.textContent;
    tabs.myDay.textContent = text.myDay;
    tabs.dashboard.textContent = text.dashboard;
    back.setAttribute('aria-label', text.back);
    press('lang', lang);
  });
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme]')) {
  button.addEventListener('click', () => {
    theme = button.dataset['theme'] as ThemeSetting;
    configure({ ...base, lang, theme });
    document.body.classList.toggle('dark', theme === 'dark');
    press('theme', theme);
  });
}
