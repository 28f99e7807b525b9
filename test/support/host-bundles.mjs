// A web-test-runner plugin that builds, on request, what the host tests load as prebuilt files:
//   /__hosts/react-host.js   test/elements/hosts/react-host.ts bundled as ESM (React 19 ships CommonJS only)
// Built once per test run and kept in memory; nothing is written to disk. The drop-in bundles are never built here:
// tests load dist/ itself (test/support/dist-pages.mjs), so they prove the files a bank ships.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fromRoot = (path) => `${root}${path}`;

const alias = {
  '@stride/core': fromRoot('packages/core/src/index.ts'),
  '@stride/elements': fromRoot('packages/elements/src/index.ts'),
};

const targets = {
  '/__hosts/react-host.js': {
    entryPoints: [fromRoot('test/elements/hosts/react-host.ts')],
    format: 'esm',
    define: { 'process.env.NODE_ENV': '"development"' },
  },
};

/** @returns {import('@web/dev-server-core').Plugin} */
export function hostBundlesPlugin() {
  const built = new Map();
  return {
    name: 'stride-host-bundles',
    async serve(context) {
      const options = targets[context.path];
      if (!options) return undefined;
      if (!built.has(context.path)) {
        built.set(
          context.path,
          build({
            ...options,
            bundle: true,
            write: false,
            target: 'es2022',
            alias,
            // Lit's decorators need the legacy settings that tsconfig.json holds.
            tsconfig: fromRoot('tsconfig.json'),
            logLevel: 'silent',
          }).then((result) => result.outputFiles[0].text),
        );
      }
      try {
        return { body: await built.get(context.path), type: 'js' };
      } catch (error) {
        built.delete(context.path);
        throw error;
      }
    },
  };
}
