// `npm run bench [filter]`: every scenario in test/bench/scenarios, in headless Chromium, each beside its baseline
// in the same run; medians of several runs and ratios, as a table and in bench/results.json. Never part of npm test.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('../..', import.meta.url).pathname;
// `npm run bench [file filter] [--runs=N] [--only=text] [--profile=dir] [--trace=dir]`: --runs overrides every
// scenario's run count (more runs for a ratio to settle on a loaded machine, fewer to try a scenario out); --only keeps
// the scenarios whose name contains text; --profile writes a CPU profile of the page for each scenario run, --trace a
// Chromium trace of every thread (workers included).
const flags = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')));
const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
const runsOverride = flags.runs ? Number(flags.runs) : undefined;
const only = flags.only ?? '';
// --font='"PingFang SC", sans-serif': the page's font stack (default sans-serif). Every widget inherits the host page's
// font; where the stack has no CJK face (sans-serif is DejaVu Sans on this Debian), each run of Chinese text goes
// through font fallback in layout, which a bank page naming a CJK font does not pay.
const pageFont = flags.font ?? 'sans-serif';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const scenarioDir = join(root, 'test/bench/scenarios');
const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
if (files.length === 0) {
  console.error(`No bench scenario matches "${filter}".`);
  process.exit(1);
}

async function bundle(file) {
  const entry = `import scenario from ${JSON.stringify(join(scenarioDir, file))};
import { runScenario } from ${JSON.stringify(join(root, 'test/bench/harness.ts'))};
const list = Array.isArray(scenario) ? scenario : [scenario];
window.__benchCount = list.length;
window.__benchName = (index) => list[index].name;
window.__runBench = (index, runs) => runScenario(list[index], runs);`;
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: `bench-${file}.ts` },
    bundle: true,
    format: 'esm',
    write: false,
    splitting: false,
    // Readable names in a profile; the figures come from minified runs.
    minify: !flags.profile && !flags.trace,
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    alias: { '@stride/core': join(root, 'packages/core/src/index.ts'), '@stride/elements': join(root, 'packages/elements/src/index.ts') },
    define: { 'process.env.NODE_ENV': '"production"' },
    conditions: ['production'],
    // Stylesheets a candidate library ships (Tabulator's) arrive as text the scenario puts in a <style>.
    loader: { '.css': 'text' },
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

// The event-log adapter's worker, as the drop-in bundles ship it: scenarios pass `workerUrl: '/event-log.worker.js'`.
const worker = await build({
  entryPoints: [join(root, 'packages/core/src/adapters/event-log.worker.ts')],
  bundle: true,
  format: 'esm',
  write: false,
  minify: !flags.profile && !flags.trace,
  target: 'es2022',
  tsconfig: join(root, 'tsconfig.json'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
// Big input files written by the generators (bench/README.md, "Big files"), served at /files/<name>.
const filesDir = process.env.STRIDE_BENCH_FILES ?? join(root, 'bench/files');

const pages = new Map([['event-log.worker.js', worker.outputFiles[0].text]]);
// A cross-origin isolated page: Chromium then reads performance.now() to 5 microseconds instead of 100, which a
// first render of a few milliseconds needs (at 100 every median is a multiple of 0.1 ms, a few percent of it).
// Everything the bench loads comes from this one origin.
const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  for (const [name, value] of Object.entries(isolated)) res.setHeader(name, value);
  const script = pages.get(url.pathname.slice(1));
  if (url.pathname.startsWith('/files/')) {
    const path = normalize(join(filesDir, decodeURIComponent(url.pathname.slice('/files/'.length))));
    if (!path.startsWith(filesDir) || !existsSync(path)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(path).size });
    createReadStream(path).pipe(res);
  } else if (script) {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(script);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>body{margin:0;font-family:${pageFont}}</style></head><body><script type="module" src="/${url.searchParams.get('s')}"></script></body></html>`);
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath,
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
/** Resident memory of every process this one started (the browser, its renderers and workers' hosts), summed, in MB. */
function browserRssMb() {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while listed
    }
  }
  let kb = 0;
  const walk = (pid) => {
    for (const child of children.get(pid) ?? []) {
      try {
        const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child}/status`, 'utf8'));
        if (match) kb += Number(match[1]);
      } catch {
        // ended
      }
      walk(child);
    }
  };
  walk(process.pid);
  return kb / 1024;
}

/**
 * CPU time (user + system, ms) of every thread of every process this one started, by thread name as Linux keeps it
 * (15 characters): the event-log workers (DedicatedWorker), the page's and the browser's main threads (chromium), the
 * thread pool, the compositor... Read before and after a scenario, so a part's wall time can be set against the CPU
 * the threads doing it really had.
 */
function browserThreadCpuMs(into = new Map()) {
  const tick = 1000 / 100; // USER_HZ, 100 on Linux
  const mine = new Set([process.pid]);
  // /proc lists parents before their children often enough; walk it until no new descendant appears.
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || mine.has(Number(entry))) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (mine.has(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))) {
          mine.add(Number(entry));
          grew = true;
        }
      } catch {
        // ended
      }
    }
  }
  mine.delete(process.pid);
  for (const pid of mine) {
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[\d:]+$/, '').trim();
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${pid}:${tid}:${name}`;
        into.set(key, (Number(fields[11]) + Number(fields[12])) * tick);
      } catch {
        // ended
      }
    }
  }
  return into;
}

/** What --trace records: tasks and paints, V8's sampling profiler on every thread, the collector's pauses, marks. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.gc',
  'blink.user_timing',
];

const results = [];
try {
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '.js');
    pages.set(name, await bundle(file));
    // Each scenario in a fresh page: what one scenario leaves on the heap (ECharts keeps every map it was given) must
    // not be collected inside another's timed windows. In one page the map refresh read 0.30x when it ran first and
    // 0.45x after the 5,000-grid first renders.
    for (let index = 0, count = 1; index < count; index += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => console.error(`${file}: ${error.message}`));
      await page.goto(`http://127.0.0.1:${port}/?s=${name}`);
      await page.waitForFunction(() => typeof window.__runBench === 'function', null, { timeout: 60_000 });
      if (!(await page.evaluate(() => window.crossOriginIsolated))) console.warn(`${file}: page not isolated, timers read to 0.1 ms`);
      count = await page.evaluate(() => window.__benchCount);
      const scenarioName = await page.evaluate((i) => window.__benchName(i), index);
      if (!scenarioName.includes(only)) {
        await page.close();
        continue;
      }
      // --profile=dir: a CPU profile of the scenario (every candidate, interleaved) for Chromium's DevTools.
      const cdp = flags.profile ? await page.context().newCDPSession(page) : undefined;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      // --trace=dir: a Chromium trace of the scenario with CPU samples of every thread, the event-log adapter's worker
      // included (a CPU profile of the page leaves out the worker, where the files are read, parsed and indexed), and
      // the garbage collector's pauses. `node test/bench/trace-summary.mjs FILE` sums it by thread; DevTools opens it.
      const traceFile = flags.trace
        ? join(flags.trace, `${file.replace(/\.bench\.ts$/, '')}-${index + 1}.trace.json`)
        : undefined;
      if (traceFile) {
        mkdirSync(flags.trace, { recursive: true });
        await browser.startTracing(page, { path: traceFile, categories: TRACE_CATEGORIES });
      }
      const started = Date.now();
      // Peak resident memory of the browser while the scenario runs (every candidate, setup included), sampled; and the
      // CPU time of its threads (a worker's last reading is kept after it ends).
      let peakRss = browserRssMb();
      const cpuBefore = browserThreadCpuMs();
      const cpuSeen = browserThreadCpuMs();
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, browserRssMb());
        browserThreadCpuMs(cpuSeen);
      }, 100);
      const out = await page
        .evaluate(([i, runs]) => window.__runBench(i, runs), [index, runsOverride])
        .finally(() => clearInterval(sampler));
      out.peakBrowserRssMb = Math.round(peakRss);
      const threadCpu = {};
      for (const [key, ms] of browserThreadCpuMs(cpuSeen)) {
        const name = key.split(':').slice(2).join(':');
        threadCpu[name] = (threadCpu[name] ?? 0) + ms - (cpuBefore.get(key) ?? 0);
      }
      out.browserThreadCpuMs = threadCpu;
      if (traceFile) await browser.stopTracing();
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        mkdirSync(flags.profile, { recursive: true });
        writeFileSync(join(flags.profile, `${file.replace(/\.bench\.ts$/, '')}-${index + 1}.cpuprofile`), JSON.stringify(profile));
      }
      console.log(
        `ran ${file} #${index + 1} of ${count} in ${((Date.now() - started) / 1000).toFixed(1)} s, browser peak RSS ${Math.round(peakRss)} MB`,
      );
      const busiest = Object.entries(threadCpu).sort((a, b) => b[1] - a[1]).slice(0, 6);
      console.log(`  browser threads' CPU: ${busiest.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
      results.push(out);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const version = browser.version?.() ?? '';

/** Min-max (interquartile range) of the samples: the spread to report beside a median. */
function spread(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  const f = (v) => v.toFixed(1);
  return `${f(sorted[0])}-${f(sorted[sorted.length - 1])} (${f(at(0.25))}-${f(at(0.75))})`;
}

function goalText(c) {
  if (c.goal === undefined) return '';
  const of = c.goalOf && c.goalOf !== 'baseline' ? ` ${c.goalOf}` : '';
  const measured = c.goalRatio === null || c.goalRatio === undefined ? '-' : `${c.goalRatio.toFixed(2)}x`;
  const met = c.goalRatio !== null && c.goalRatio !== undefined && c.goalRatio <= c.goal;
  return `<= ${c.goal}x${of}: ${measured} ${met ? 'met' : 'MISSED'}`;
}

const rows = [];
const range = (values) => `${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)}`;
for (const r of results) {
  for (const [candidate, c] of Object.entries(r.candidates)) {
    rows.push({
      scenario: r.name,
      candidate,
      median: `${c.median.toFixed(2)} ms`,
      spread: spread(c.samples),
      ratio: c.ratio === null ? '-' : `${c.ratio.toFixed(2)}x`,
      goal: goalText(c),
      runs: r.runs,
    });
  }
}
console.log('\nStride bench (medians, spread = min-max (interquartile) in ms; ratio = candidate / baseline, measured in the same run)');
for (const r of results) console.log(`- ${r.name}: timed ${r.timed}`);
console.table(rows);
const partRows = [];
for (const r of results) {
  for (const [candidate, c] of Object.entries(r.candidates)) {
    for (const [part, p] of Object.entries(c.parts ?? {})) {
      partRows.push({ scenario: r.name, candidate, part, median: p.median.toFixed(1), range: range(p.samples) });
    }
  }
}
if (partRows.length > 0) {
  console.log('Parts of each run (medians and range; ms unless the name says otherwise)');
  console.table(partRows);
}
mkdirSync(join(root, 'bench'), { recursive: true });
// Merge: other benches (the server's, `npm run bench:server`) keep their keys, and a filtered run replaces only the
// scenarios it ran.
const file = join(root, 'bench/results.json');
let previous = {};
try {
  previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
} catch {
  previous = {};
}
const ran = new Set(results.map((r) => r.name));
const kept = Array.isArray(previous.results) ? previous.results.filter((r) => !ran.has(r.name)) : [];
writeFileSync(file, `${JSON.stringify({ ...previous, date: new Date().toISOString(), chromium: version, results: [...kept, ...results] }, null, 2)}\n`);
console.log('wrote bench/results.json');
