// The pilot review on a page of its own: `?lang=en` and `?theme=dark` choose language and theme (the screenshots
// and docs/pilot-report.md use them), `?date=YYYY-MM-DD` reviews the pilot as it stood that day.
import '../packages/elements/src/bundle.js';
import { configure } from '../packages/elements/src/index.js';
import { createHttpAdapter, resolveLocale } from '@stride/core';
import { connectDataSource } from './demo-setup.js';
import { PILOT_CATALOGUE } from '../mocks/pilot/balances.js';

const source = await connectDataSource();
const notice = document.getElementById('data-source');
if (notice) notice.textContent = source.note;
const params = new URLSearchParams(location.search);
const lang = resolveLocale(params.get('lang') ?? 'zh-CN');
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.lang = lang;
document.body.classList.toggle('dark', theme === 'dark');
const print = document.getElementById('print');
if (print) {
  print.textContent = lang === 'en' ? 'Print / save as PDF' : '打印 / 存为 PDF';
  print.addEventListener('click', () => window.print());
}
const date = params.get('date');
if (date) document.querySelector('stride-pilot-report')?.setAttribute('date', date);
configure({ adapter: createHttpAdapter({ baseUrl: source.baseUrl }), lang, theme, catalogue: PILOT_CATALOGUE });
