import '../packages/elements/src/bundle.js';
import { configure } from '../packages/elements/src/index.js';
import { createHttpAdapter } from '@stride/core';
import { PORTAL_ME, connectDataSource } from './demo-setup.js';

// The numbers come from the reference back end that `npm start` serves at /api on this origin (`?mock=1`: msw in the
// browser instead); the notice above the dashboard says which.
const source = await connectDataSource();
const notice = document.getElementById('data-source');
if (notice) notice.textContent = source.note;
configure({ adapter: createHttpAdapter({ baseUrl: source.baseUrl }), me: PORTAL_ME, lang: 'zh-CN' });

// The portal's own reaction to an expired session: what a bank would wire to its sign-in page.
document.addEventListener('stride-error', (event) => {
  if (event.detail.error.kind === 'auth')
    console.info('Stride: session expired, the portal would redirect to sign-in.');
});
