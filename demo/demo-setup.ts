// Shared by the demo pages: msw serving the REST contract on the synthetic pilot, and the portal's session.
import { setupWorker } from 'msw/browser';
import { createPilotHandlers } from '../mocks/handlers.js';

/** The signed-in manager of the pretend portal session. */
export const PORTAL_ME = 'm-001';

export async function startMockBackEnd(): Promise<void> {
  const worker = setupWorker(...createPilotHandlers({ baseUrl: '/api' }));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
}
