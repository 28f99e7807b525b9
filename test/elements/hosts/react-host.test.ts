import type { MountHost } from './host-contract.js';
import { describeFrameworkHost } from './host-cases.js';

// Served by test/support/host-bundles.mjs: React 19 and the host component, pre-bundled as ESM.
const bundle = '/__hosts/react-host.js';

describeFrameworkHost('React 19', async () => ((await import(bundle)) as { mountReactHost: MountHost }).mountReactHost);
