// Size report (min+gzip) of the built files and of the two budgets DESIGN.md sets that no single file shows:
// Stride's own code without third-party, and what a page with only indicators and leaderboard loads.
// Enforced: exits 1 with the numbers when a budget is exceeded (`--warn-only` reports without failing).
// Run after `npm run build`.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { litTemplatesEsbuildPlugin } from '../packages/elements/tools/lit-templates.mjs';

const root = new URL('..', import.meta.url).pathname;
const enforce = !process.argv.includes('--warn-only');
const kb = (bytes) => bytes / 1024;
const gz = (text) => gzipSync(text, { level: 9 }).length;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.js')) out.push(path);
  }
  return out;
}

const rows = [];
// The classic-script bundle must be pure ASCII: on a GBK intranet page it is decoded as GBK unless the server names a
// charset, and UTF-8 labels would be garbled (vite.config.ts and lit-templates.mjs escape them). Modules and workers
// are always read as UTF-8.
const notAscii = [];
if (existsSync(join(root, 'dist'))) {
  for (const file of walk(join(root, 'dist')).sort()) {
    const text = readFileSync(file);
    rows.push({ file: relative(root, file), min: kb(text.length), gzip: kb(gz(text)) });
    const at = file.endsWith('stride.min.js') ? text.findIndex((byte) => byte > 0x7f) : -1;
    if (at !== -1) notAscii.push(`${relative(root, file)} at byte ${at}: ${JSON.stringify(text.subarray(Math.max(0, at - 40), at + 20).toString('utf8'))}`);
  }
} else {
  console.warn('dist/ is missing: run `npm run build` first.');
}

async function bundleSize(entry, external = []) {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    target: 'es2021',
    external,
    tsconfig: join(root, 'tsconfig.json'),
    alias: { '@stride/core': join(root, 'packages/core/src/index.ts'), '@stride/elements': join(root, 'packages/elements/src/index.ts') },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [litTemplatesEsbuildPlugin()],
    logLevel: 'error',
  });
  return kb(gz(result.outputFiles.map((f) => f.text).join('\n')));
}

const thirdParty = ['lit', 'lit/*', '@lit/*', '@lit-labs/*', '@tanstack/*', 'valibot', 'echarts', 'echarts/*', 'zrender', 'zrender/*', 'tslib'];
const budgets = [];
const bundleEntry = join(root, 'packages/elements/src/bundle.ts');
if (existsSync(bundleEntry)) {
  // Everything of ours a page can load from the bundle, lazy chunks included. The event-log worker file (CSV reader +
  // metrics engine, loaded only by createEventLogAdapter) is its own file by DESIGN and is listed in the table above.
  budgets.push({ what: "Stride's own code, all packages, on the page (third-party excluded)", gzip: await bundleSize(`import ${JSON.stringify(bundleEntry)};`, thirdParty), budget: 45 });
}
const lightWidgets = ['indicators/indicators.ts', 'leaderboard/leaderboard.ts'].map((p) => join(root, 'packages/elements/src', p)).filter(existsSync);
if (lightWidgets.length > 0) {
  const entry = lightWidgets.map((p) => `import ${JSON.stringify(p)};`).join('\n');
  budgets.push({ what: `page with only ${lightWidgets.map((p) => p.split('/').at(-2)).join(' + ')} (everything it loads)`, gzip: await bundleSize(entry), budget: 60 });
}
const iife = rows.find((r) => r.file === 'dist/stride.min.js');
if (iife) budgets.push({ what: 'dist/stride.min.js (ECharts and everything)', gzip: iife.gzip, budget: 280 });

console.log('\nSize report (KB; min = minified bytes on disk, gzip = min+gzip level 9)');
console.table(rows.map((r) => ({ file: r.file, 'min KB': r.min.toFixed(1), 'min+gzip KB': r.gzip.toFixed(1) })));
console.log('Budgets (DESIGN.md)');
console.table(budgets.map((b) => ({ what: b.what, 'min+gzip KB': b.gzip.toFixed(1), budget: `${b.budget}`, status: b.gzip <= b.budget ? 'ok' : 'OVER' })));
// Stride's own code: 56.3 KB when the other budgets were first enforced; 46.5 KB once the engine and the CSV reader
// moved into the event-log worker (session 2); 44.2 KB and enforced like the others since session 3.
const over = budgets.filter((b) => b.gzip > b.budget);
for (const b of over) {
  console.warn(`${enforce ? 'error' : 'warning'}: ${b.what} is ${b.gzip.toFixed(1)} KB, over its ${b.budget} KB budget`);
}
for (const line of notAscii) console.warn(`error: ${line} is not ASCII (escape it; see vite.config.ts)`);
if (enforce && (notAscii.length > 0 || over.length > 0)) process.exit(1);
