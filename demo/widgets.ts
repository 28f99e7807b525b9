// Single widgets scattered through the portal's own layout, configured once for the whole page: no <stride-scope>
// and no per-element adapter. An element's own attribute (the funnel's org and period) still wins over configure().
import '../packages/elements/src/bundle.js';
import '../packages/elements/src/indicators/indicators.js';
import '../packages/elements/src/leaderboard/leaderboard.js';
import '../packages/elements/src/funnel/funnel.js';
import { configure } from '../packages/elements/src/index.js';
import { createHttpAdapter } from '@stride/core';
import { PORTAL_ME, connectDataSource } from './demo-setup.js';
import { PILOT_CATALOGUE } from '../mocks/pilot/balances.js';

const source = await connectDataSource();
if (!source.ok) console.warn(source.note);
// The bank's own indicators join the ten, once for the page: the catalogue names the deposit balance and AUM the back
// end supplies (docs/supplied-indicators.md).
configure({
  adapter: createHttpAdapter({ baseUrl: source.baseUrl }),
  me: PORTAL_ME,
  lang: 'zh-CN',
  org: 'br-hz',
  catalogue: PILOT_CATALOGUE,
});

// The portal reacts to drill-downs its own way: here it would open the manager's page in the portal.
document.addEventListener('stride-select', (event) => {
  console.info(`Stride: ${event.detail.kind} ${event.detail.id} selected; the portal would open its detail page.`);
});
document.addEventListener('stride-error', (event) => {
  if (event.detail.error.kind === 'auth')
    console.info('Stride: session expired, the portal would redirect to sign-in.');
});
