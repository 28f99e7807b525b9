// `npm test`: typecheck, the build of dist/, lint, Node tests (node --test through tsx) and browser tests
// (web-test-runner in Chromium, including test/dist/ over the built files), then one summary line over both runners.
// `--browser=firefox` (`npm run test:firefox`) runs the build and the same browser suite in Debian's Firefox ESR
// instead, less the files web-test-runner.config.mjs lists in NOT_IN_FIREFOX, and ends `firefox: N passed, N failed`.
// Exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const skip = new Set(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--skip='))
    .map((a) => a.slice(7)),
);
const browser = process.argv.find((a) => a.startsWith('--browser='))?.slice(10) ?? 'chromium';
if (browser !== 'chromium' && browser !== 'firefox') throw new Error(`--browser must be chromium or firefox`);
const failures = [];
const startedAt = Date.now();
/** Wall seconds per step, printed at the end: DESIGN's test-time budget is read off these. */
const stepSeconds = [];

function run(label, command, args, options = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: options.capture ? 'pipe' : 'inherit',
    env: { ...process.env, ...options.env },
  });
  if (options.capture) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
  }
  stepSeconds.push([label, (Date.now() - started) / 1000]);
  if (result.status !== 0) failures.push(`${label} (exit ${result.status ?? result.signal})`);
  return result;
}

/**
 * A step started in the background with its output held, printed whole by `finish`: the type check and lint read
 * only sources, so they run beside the build instead of after it (each uses one core of two).
 */
function runBeside(label, command, args) {
  const started = Date.now();
  const child = spawn(command, args, { cwd: root, env: process.env });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise((resolve) => child.on('close', (status, signal) => resolve(status ?? signal)));
  return {
    async finish() {
      const status = await done;
      console.log(`\n=== ${label} (beside the build): ${[command, ...args].join(' ')}`);
      process.stdout.write(output);
      stepSeconds.push([label, (Date.now() - started) / 1000]);
      if (status !== 0) failures.push(`${label} (exit ${status})`);
    },
  };
}

function findTests(dir, predicate, found = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'bench' && name !== 'node_modules') findTests(path, predicate, found);
    } else if (predicate(name)) found.push(relative(root, path));
  }
  return found;
}

// A fresh Debian machine has no browser: the browser tests use Debian's Chromium (TOOLCHAIN.md) or Firefox ESR,
// installed here when we may (root with apt), so `npm test` alone sets up what it needs. Elsewhere the runner's
// message says what to do.
const browserPackage = browser === 'firefox' ? 'firefox-esr' : 'chromium';
const browserPath =
  browser === 'firefox'
    ? (process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr')
    : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
if (!skip.has('browser') && !existsSync(browserPath) && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log(`\n=== ${browserPath} is missing: installing Debian's ${browserPackage} package`);
  run(`install ${browserPackage}`, 'sh', [
    '-c',
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${browserPackage} >/dev/null`,
  ]);
}

const beside = [];
if (!skip.has('typecheck')) beside.push(runBeside('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']));
if (!skip.has('lint')) beside.push(runBeside('lint', 'npm', ['run', '--silent', 'lint']));
// The files a bank ships, built before the tests that load them (test/dist/, the two-bundle page). A failed build
// fails `npm test`; the browser suite then also fails on the missing or stale files rather than skipping them.
if (!skip.has('build')) run('build', 'npm', ['run', '--silent', 'build']);
for (const step of beside) await step.finish();

const totals = {
  node: { passed: 0, failed: 0, skipped: 0, todo: 0 },
  browser: { passed: 0, failed: 0, skipped: 0, todo: 0 },
};
/** Test files that ran no test: a file whose tests all vanished (a bad glob, a guard) must not pass quietly. */
const emptyFiles = [];

function addFileCounts(runner, byFile) {
  for (const [file, counts] of Object.entries(byFile)) {
    for (const key of ['passed', 'failed', 'skipped', 'todo']) totals[runner][key] += counts[key] ?? 0;
    if ((counts.passed ?? 0) + (counts.failed ?? 0) === 0) emptyFiles.push(relative(root, file) || file);
  }
}

if (!skip.has('node')) {
  const nodeTests = findTests(join(root, 'test'), (n) => n.endsWith('.node.test.ts')).sort();
  if (nodeTests.length > 0) {
    const countsFile = join(tmpdir(), `stride-node-${process.pid}.json`);
    const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
    reporters.push(
      '--test-reporter=./test/support/node-count-reporter.mjs',
      `--test-reporter-destination=${countsFile}`,
    );
    // Two files at a time: by default node --test runs cores - 1 at once, one file on a 2-core machine, which left a
    // core idle while the DuckDB parity file ran alone for 25 of the step's 86 s.
    const result = run('node tests', 'node', [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      ...reporters,
      ...nodeTests,
    ]);
    try {
      addFileCounts('node', JSON.parse(readFileSync(countsFile, 'utf8')));
      rmSync(countsFile);
    } catch {
      totals.node.failed += 1;
    }
    if (result.status !== 0 && totals.node.failed === 0) totals.node.failed = 1;
  }
}

if (!skip.has('browser')) {
  const summaryFile = join(tmpdir(), `stride-wtr-${process.pid}.json`);
  const result = run('browser tests', 'npx', ['web-test-runner'], {
    env: { STRIDE_WTR_SUMMARY: summaryFile, STRIDE_BROWSER: browser },
  });
  try {
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    addFileCounts('browser', summary.byFile);
    totals.browser.failed += summary.fileErrors;
    rmSync(summaryFile);
  } catch {
    totals.browser.failed += 1;
  }
  if (result.status !== 0 && totals.browser.failed === 0) totals.browser.failed += 1;
}
const passed = totals.node.passed + totals.browser.passed;
const failed =
  totals.node.failed +
  totals.browser.failed +
  emptyFiles.length +
  failures.filter((f) => !f.startsWith('node tests') && !f.startsWith('browser tests')).length;
const line = (runner) => {
  const t = totals[runner];
  return `${runner}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.todo} todo`;
};
console.log(`\n${skip.has('node') ? '' : `${line('node')}; `}${line('browser')}`);
if (emptyFiles.length > 0)
  console.log(`test files that ran no test (each counted as a failure): ${emptyFiles.join(', ')}`);
if (failures.length > 0) console.log(`failed steps: ${failures.join(', ')}`);
console.log(
  `steps (wall s): ${stepSeconds.map(([label, seconds]) => `${label} ${seconds.toFixed(0)}`).join(', ')}; ` +
    `all ${((Date.now() - startedAt) / 1000).toFixed(0)}`,
);
console.log(`${browser === 'firefox' ? 'firefox' : 'tests'}: ${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
