// Browser tests: real headless Chromium (Debian's /usr/bin/chromium) through Playwright, TypeScript through esbuild.
// The same configuration runs the suite in Debian's Firefox ESR (`npm run test:firefox`, STRIDE_BROWSER=firefox):
// `strideTestConfig(browser)` differs between the two only in the launcher and the files Firefox cannot run.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { strideServerPlugin } from './test/support/stride-server.mjs';
import { writeFileSync } from 'node:fs';
import { hostBundlesPlugin } from './test/support/host-bundles.mjs';
import { strictPagesPlugin } from './test/support/strict-pages.mjs';
import { distFilesMiddleware, distPagesPlugin } from './test/support/dist-pages.mjs';
import { cdpCountersPlugin } from './test/support/cdp-counters.mjs';
import { touchTapPlugin } from './test/support/touch-tap.mjs';
import { printPdfPlugin } from './test/support/print-pdf.mjs';
import { firefoxLauncher } from './test/support/firefox-launcher.mjs';
import { prebundledEChartsPlugin } from './test/support/prebundled-echarts.mjs';

const require = createRequire(import.meta.url);

// Test files that cannot run in Firefox, each for a reason of the browser, not of the test. Everything else runs in
// both browsers; a file named here still runs in Chromium.
export const NOT_IN_FIREFOX = [
  // The memory harness reads the renderer's DOM and heap counters over the Chrome DevTools protocol
  // (test/support/cdp-counters.mjs), which Firefox does not speak.
  'test/harness/memory.test.ts',
  'test/harness/memory-dashboard.test.ts',
];

function chromiumBrowser() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}: run "apt-get install -y chromium" (see TOOLCHAIN.md) or set CHROMIUM_PATH.`,
    );
  }
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--js-flags=--expose-gc',
        '--enable-precise-memory-info',
      ],
    },
  });
}

function firefoxBrowser() {
  const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(firefox)) {
    throw new Error(`Firefox not found at ${firefox}: run "apt-get install -y firefox-esr" or set FIREFOX_PATH.`);
  }
  return firefoxLauncher({ executablePath: firefox });
}

// The workspace packages are tested from source, as the demo and Storybook use them.
const sourceAliases = {
  '@stride/core': '/packages/core/src/index.ts',
  '@stride/elements': '/packages/elements/src/index.ts',
};

/**
 * Counts passed, failed and skipped tests per test file, for the one summary line of `npm test` (test/run-all.mjs
 * fails a file that ran no test). A file that could not run at all is a file error.
 */
function countingReporter() {
  const count = (suite, counts) => {
    for (const t of suite?.tests ?? []) {
      if (t.skipped) counts.skipped += 1;
      else if (t.passed) counts.passed += 1;
      else counts.failed += 1;
    }
    for (const s of suite?.suites ?? []) count(s, counts);
  };
  return {
    onTestRunFinished({ sessions }) {
      const summary = { byFile: {}, fileErrors: 0 };
      for (const session of sessions) {
        const counts = (summary.byFile[session.testFile] ??= { passed: 0, failed: 0, skipped: 0, todo: 0 });
        count(session.testResults, counts);
        if (!session.passed && (session.errors?.length ?? 0) > 0) summary.fileErrors += 1;
      }
      if (process.env.STRIDE_WTR_SUMMARY) writeFileSync(process.env.STRIDE_WTR_SUMMARY, JSON.stringify(summary));
    },
  };
}

/**
 * The one web-test-runner configuration, for `'chromium'` (`npm test`) or `'firefox'` (`npm run test:firefox`). Both
 * run two pages at a time. In Firefox each page has a Firefox process and window of its own (the launcher), so the
 * files that press keys or read focus get their focus events even beside another page.
 * @param {'chromium' | 'firefox'} browser
 * @returns {import('@web/test-runner').TestRunnerConfig}
 */
export function strideTestConfig(browser) {
  const strideServer = strideServerPlugin();
  const firefox = browser === 'firefox';
  return {
    files: [
      'test/**/*.test.ts',
      '!test/**/*.node.test.ts',
      '!test/bench/**',
      ...(firefox ? NOT_IN_FIREFOX.map((file) => `!${file}`) : []),
    ],
    nodeResolve: { exportConditions: ['browser', 'development'] },
    concurrency: Number(process.env.WTR_CONCURRENCY ?? 2),
    concurrentBrowsers: 1,
    testsFinishTimeout: 300_000,
    testFramework: { config: { timeout: 20_000 } },
    reporters: [defaultReporter(), countingReporter()],
    browsers: [firefox ? firefoxBrowser() : chromiumBrowser()],
    middleware: [strideServer.middleware, distFilesMiddleware()],
    plugins: [
      strideServer.plugin,
      hostBundlesPlugin(),
      strictPagesPlugin(),
      distPagesPlugin(),
      cdpCountersPlugin(),
      touchTapPlugin(),
      printPdfPlugin(),
      prebundledEChartsPlugin(),
      {
        name: 'stride-source-aliases',
        resolveImport({ source }) {
          return sourceAliases[source];
        },
      },
      {
        // msw's service worker must be served from the origin root.
        name: 'msw-worker',
        serve(context) {
          if (context.path === '/mockServiceWorker.js') {
            return { body: readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8'), type: 'js' };
          }
          return undefined;
        },
      },
      // The plugin reads tsconfig.json raw (no "extends"), so the decorator settings are repeated there.
      esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    ],
    testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /></head>
  <body>
    <script>window.process = { env: { NODE_ENV: 'development' } };</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  };
}

if (process.env.STRIDE_BROWSER && !['chromium', 'firefox'].includes(process.env.STRIDE_BROWSER)) {
  throw new Error(`STRIDE_BROWSER must be chromium or firefox, not ${process.env.STRIDE_BROWSER}`);
}
export default strideTestConfig(process.env.STRIDE_BROWSER ?? 'chromium');
