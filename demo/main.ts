import '../packages/elements/src/bundle.js';
import { configure } from '../packages/elements/src/index.js';
import { createHttpAdapter } from '@stride/core';
import { PORTAL_ME, startMockBackEnd } from './demo-setup.js';

await startMockBackEnd();
configure({ adapter: createHttpAdapter({ baseUrl: '/api' }), me: PORTAL_ME, lang: 'zh-CN' });

// The portal's own reaction to an expired session: what a bank would wire to its sign-in page.
document.addEventListener('stride-error', (event) => {
  if (event.detail.error.kind === 'auth') console.info('Stride: session expired, the portal would redirect to sign-in.');
});
