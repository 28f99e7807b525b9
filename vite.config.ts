// One Vite config, four jobs chosen by --mode:
//   (default)      `npm start`: the demo pages in demo/ on the synthetic pilot, msw's worker from public/
//   bundle-esm     dist/stride.esm.js (ECharts split into chunks loaded only when a funnel or map appears)
//   bundle-iife    dist/stride.min.js (global `Stride`, everything inlined, for a plain <script> tag)
//   bundle-worker  dist/stride-event-log.worker.js (the event-log engine's Web Worker, its own file by design)
import { defineConfig, type UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { litTemplatesPlugin } from './packages/elements/tools/lit-templates.mjs';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const alias = {
  '@stride/core': here('./packages/core/src/index.ts'),
  '@stride/elements': here('./packages/elements/src/index.ts'),
};

// Browser bundles must not leave `process.env` behind (ECharts reads NODE_ENV).
const define = {
  'process.env.NODE_ENV': '"production"',
  __STRIDE_WORKER_FILE__: JSON.stringify('stride-event-log.worker.js'),
};

function bundle(mode: string): UserConfig {
  const common: UserConfig = {
    resolve: { alias },
    define,
    publicDir: false,
    logLevel: 'warn',
    plugins: [litTemplatesPlugin()],
    // Rolldown's own minifier (Oxc), never `minify: 'esbuild'`: with esbuild, Vite 8 post-processes a library's IIFE
    // chunk with `injectEsbuildHelpers`, which looks for the wrapper with an unanchored regular expression
    // (`var X = function(...) { "use strict";`). Our IIFE has no exports, so Rolldown writes a bare `(function() {`
    // and the search lands inside ECharts (`SeriesData.prototype.each`, whose body starts with "use strict"): the
    // 534 KB before it were moved into that function and the file no longer parsed. docs/building.md has the details.
    build: { outDir: 'dist', emptyOutDir: false, sourcemap: true, target: 'es2021', minify: 'oxc' },
  };
  if (mode === 'bundle-esm') {
    return {
      ...common,
      build: {
        ...common.build,
        emptyOutDir: true,
        lib: { entry: here('./packages/elements/src/bundle.ts'), formats: ['es'], fileName: () => 'stride.esm.js' },
        rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
      },
    };
  }
  if (mode === 'bundle-iife') {
    return {
      ...common,
      // A classic script has no import.meta: the worker's address comes from the bundle's own <script src>
      // (worker-url.ts), and the module fallback is never read here. Said once, instead of a warning on every build.
      define: { ...define, 'import.meta.url': 'undefined' },
      build: {
        ...common.build,
        lib: {
          entry: here('./packages/elements/src/global.ts'),
          formats: ['iife'],
          name: 'StrideBundle',
          fileName: () => 'stride.min.js',
        },
        // ASCII only (\uXXXX escapes): a classic <script> is decoded in the host page's encoding unless the server
        // names a charset, and bank intranet pages are often GBK, where UTF-8 labels turn to mojibake. Modules and
        // workers are always read as UTF-8, so the other files keep it (smaller for the worker's Chinese labels).
        // Rolldown leaves tagged templates' raw text as written; lit-templates.mjs escapes those.
        rolldownOptions: { output: { charset: 'ascii' } },
      },
    };
  }
  return {
    ...common,
    build: {
      ...common.build,
      lib: {
        entry: here('./packages/core/src/adapters/event-log.worker.ts'),
        formats: ['es'],
        fileName: () => 'stride-event-log.worker.js',
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode.startsWith('bundle-')) return bundle(mode);
  return {
    root: here('./demo'),
    publicDir: here('./public'),
    resolve: { alias },
    server: { port: 5173, host: '127.0.0.1', open: false },
    preview: { port: 4173, host: '127.0.0.1' },
  };
});
