import { describeFrameworkHost } from './host-cases.js';
import { mountVueHost } from './vue-host.js';

describeFrameworkHost('Vue 3', async () => mountVueHost);
