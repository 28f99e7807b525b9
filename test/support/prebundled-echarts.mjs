// ECharts for the browser tests in a few files instead of hundreds of modules, as Vite's dev server (the demo,
// Storybook) already serves it. Every test file is a page of its own, and each page that draws a chart loaded ECharts'
// ESM build module by module through the dev server: about 250 requests in a waterfall as deep as its imports, 4-6 s
// of a file's time on a busy 2-core machine, paid again by every test file that draws a chart. Here the four entry points the kit
// and the tests import are bundled once when the server starts, with the code they share in shared chunks, so every
// import of `echarts/core` (the kit's charts and a test's `getInstanceByDom` alike) still reaches one instance. The
// code is ECharts' own, unminified; `process.env.NODE_ENV` is left for the page to answer, as before.
import { build } from 'esbuild';

const ENTRIES = ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'];
const BASE = '/__stride_echarts/';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function prebundledEChartsPlugin() {
  /** @type {Map<string, string>} served path -> code */
  const files = new Map();
  /** `echarts/core` -> `echarts-core`: the bundle's name for an entry point, and its file's. */
  const nameOf = (entry) => entry.replace('/', '-');
  const entryPath = (entry) => `${BASE}${nameOf(entry)}.js`;
  return {
    name: 'stride-prebundled-echarts',
    async serverStart({ config }) {
      const result = await build({
        absWorkingDir: config.rootDir,
        entryPoints: Object.fromEntries(ENTRIES.map((entry) => [nameOf(entry), entry])),
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'browser',
        conditions: ['browser', 'development'],
        target: 'es2022',
        outdir: 'prebundled',
        write: false,
        logLevel: 'error',
      });
      for (const file of result.outputFiles) {
        files.set(`${BASE}${file.path.slice(file.path.lastIndexOf('/') + 1)}`, file.text);
      }
      for (const entry of ENTRIES) {
        if (!files.has(entryPath(entry))) throw new Error(`prebundled ECharts: no output for ${entry}`);
      }
    },
    resolveImport({ source }) {
      return ENTRIES.includes(source) ? entryPath(source) : undefined;
    },
    serve(context) {
      const code = files.get(context.path);
      return code === undefined ? undefined : { body: code, type: 'js' };
    },
  };
}
