import '../packages/elements/src/bundle.js';
import { configure } from '../packages/elements/src/index.js';
import { createHttpAdapter } from '@stride/core';
import { PORTAL_ME, startMockBackEnd } from './demo-setup.js';

// `?api=http://127.0.0.1:8787/api` talks to the reference back end (`npm run serve`: the metric SQL on DuckDB)
// instead of the in-browser mock; both serve the same REST contract.
const api = new URLSearchParams(location.search).get('api');
if (!api) await startMockBackEnd();
configure({ adapter: createHttpAdapter({ baseUrl: api ?? '/api' }), me: PORTAL_ME, lang: 'zh-CN' });

// The portal's own reaction to an expired session: what a bank would wire to its sign-in page.
document.addEventListener('stride-error', (event) => {
  if (event.detail.error.kind === 'auth')
    console.info('Stride: session expired, the portal would redirect to sign-in.');
});
