import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import manifest from '../packages/elements/custom-elements.json';
import { createPilotHandlers } from '../mocks/handlers.js';

// Every story gets its data from msw serving the REST contract on the synthetic pilot (mocks/): no back end.
// Controls and docs come from the custom-elements manifest generated from the components' JSDoc.
setCustomElementsManifest(manifest);

const preview: Preview = {
  loaders: [mswLoader()],
  parameters: {
    msw: { handlers: { pilot: createPilotHandlers() } },
    controls: { expanded: true },
    layout: 'padded',
  },
};
export default preview;
