import '../packages/elements/src/bundle.js';
import { configure } from '../packages/elements/src/index.js';
import { createHttpAdapter } from '@stride/core';
import { PORTAL_ME, connectDataSource } from './demo-setup.js';
import { PILOT_CATALOGUE } from '../mocks/pilot/balances.js';

// The numbers come from the reference back end that `npm start` serves at /api on this origin (`?mock=1`: msw in the
// browser instead); the notice above the dashboard says which.
const source = await connectDataSource();
const notice = document.getElementById('data-source');
if (notice) notice.textContent = source.note;
// The catalogue is set once for the page: the ten event indicators and the deposit balance and AUM the back end
// supplies (docs/supplied-indicators.md) reach the dashboard's tiles, sheet, alerts, board and my day alike.
configure({
  adapter: createHttpAdapter({ baseUrl: source.baseUrl }),
  me: PORTAL_ME,
  lang: 'zh-CN',
  catalogue: PILOT_CATALOGUE,
});

// The portal's own reaction to an expired session: what a bank would wire to its sign-in page.
document.addEventListener('stride-error', (event) => {
  if (event.detail.error.kind === 'auth')
    console.info('Stride: session expired, the portal would redirect to sign-in.');
});
