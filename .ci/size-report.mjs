// Size report (min+gzip) of the files in dist/ (the files test/dist/ loads in the browser) and DESIGN.md's budgets:
// Stride's own code, measured inside dist/stride.min.js through its source map; what a page that imports only the
// indicators and the leaderboard from npm loads (no single built file is that page); the whole drop-in bundle.
// Enforced: exits 1 with the numbers when a budget is exceeded (`--warn-only` reports without failing).
// Run after `npm run build` (`npm test` builds first).
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
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'stride.min.js'))) {
  console.error(
    'dist/ is missing or incomplete: run `npm run build` first (the size report measures the built files).',
  );
  process.exit(1);
}
for (const file of walk(dist).sort()) {
  const text = readFileSync(file);
  rows.push({ file: relative(root, file), min: kb(text.length), gzip: kb(gz(text)) });
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Decodes one source-map segment ("AAgBC") into its numbers. */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = VLQ.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * The part of a built file that its source map attributes to Stride's own sources (anything outside node_modules)
 * matching `include`, concatenated in file order: "own code" measured on the very file a page loads, not on a
 * separate build.
 */
function ownCodeOf(file, include = () => true) {
  const text = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const own = map.sources.map((source) => !source.includes('node_modules/') && include(source));
  const lines = text.split('\n');
  let kept = '';
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    const generated = lines[lineIndex] ?? '';
    let column = 0;
    const spans = [];
    for (const segment of line.split(',').filter(Boolean)) {
      const values = decodeSegment(segment);
      column += values[0];
      if (values.length > 1) source += values[1];
      spans.push({ column, own: values.length > 1 && own[source] });
    }
    spans.forEach((span, i) => {
      if (span.own) kept += generated.slice(span.column, spans[i + 1]?.column ?? generated.length);
    });
    kept += '\n';
  });
  return kept;
}

/**
 * What a page importing `entry` loads before anyone clicks anything: the entry and the chunks it imports
 * statically. Code behind a dynamic import() (the share digest, loaded on first share) is split off and left out,
 * as the browser leaves it unloaded.
 */
async function bundleSize(entry, external = []) {
  const outdir = join(root, 'dist/.size-report');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir,
    absWorkingDir: root,
    metafile: true,
    write: false,
    target: 'es2021',
    external,
    tsconfig: join(root, 'tsconfig.json'),
    alias: {
      '@stride/core': join(root, 'packages/core/src/index.ts'),
      '@stride/elements': join(root, 'packages/elements/src/index.ts'),
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [litTemplatesEsbuildPlugin()],
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const loaded = new Set();
  const visit = (file) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((file) => outputs[file].entryPoint !== undefined));
  const text = result.outputFiles.filter((f) => loaded.has(relative(root, f.path))).map((f) => f.text);
  return kb(gz(text.join('\n')));
}

// DESIGN's budgets: core and the first five widgets at most 60 KB; each further element (its own module, loaded on
// first use) at most 12 KB. Measured on the IIFE bundle, where every element is present.
const FURTHER_ELEMENTS = ['alerts', 'leads', 'my-day', 'pilot-report'];
/**
 * Each further element's module as stride.esm.js loads it on first use: its folder, and any core source the ES module
 * build put in that element's own chunk alone (the lead list's result checks, core/src/validation/leads.ts, load only
 * with the lead list, so they are its bytes, not every page's).
 */
const chunkSources = Object.fromEntries(
  FURTHER_ELEMENTS.map((name) => {
    const chunk = readdirSync(join(dist, 'chunks')).find(
      (f) => f.startsWith(`${name}.component-`) && f.endsWith('.js'),
    );
    if (!chunk) throw new Error(`no chunk of <stride-${name}> in dist/chunks: was the ES module build changed?`);
    const map = JSON.parse(readFileSync(join(dist, 'chunks', `${chunk}.map`), 'utf8'));
    return [name, new Set(map.sources.map((source) => source.replace(/^(\.\.\/)+/, '')))];
  }),
);
const furtherElementOf = (source) =>
  FURTHER_ELEMENTS.find(
    (name) =>
      source.includes(`packages/elements/src/${name}/`) ||
      [...chunkSources[name]].some((own) => own.startsWith('packages/') && source.endsWith(own)),
  );
// The share builder is loaded on first share, budgeted on its own like a further element (DESIGN.md): the work behind
// the share button (elements/src/shared/share.ts, its own chunk in stride.esm.js) and the digest it draws
// (core/src/digest). The button and its controller load with every widget and count there.
const isShareBuilder = (source) =>
  source.includes('packages/core/src/digest/') || source.endsWith('packages/elements/src/shared/share.ts');
const budgets = [];
budgets.push({
  what: "Stride's own code in dist/stride.min.js: core and the first five widgets (by its source map)",
  gzip: kb(
    gz(
      ownCodeOf(
        join(dist, 'stride.min.js'),
        (source) => furtherElementOf(source) === undefined && !isShareBuilder(source),
      ),
    ),
  ),
  budget: 60,
});
for (const name of FURTHER_ELEMENTS) {
  budgets.push({
    what: `Further element <stride-${name}>: its own code in dist/stride.min.js`,
    gzip: kb(gz(ownCodeOf(join(dist, 'stride.min.js'), (source) => furtherElementOf(source) === name))),
    budget: 12,
  });
}
budgets.push({
  what: 'Share builder (elements/src/shared/share.ts, core/src/digest): its own code in dist/stride.min.js',
  gzip: kb(gz(ownCodeOf(join(dist, 'stride.min.js'), isShareBuilder))),
  budget: 12,
});
const lightWidgets = ['indicators/indicators.ts', 'leaderboard/leaderboard.ts'].map((p) =>
  join(root, 'packages/elements/src', p),
);
budgets.push({
  what: 'npm import of indicators + leaderboard only (everything that page loads)',
  gzip: await bundleSize(lightWidgets.map((p) => `import ${JSON.stringify(p)};`).join('\n')),
  budget: 60,
});
budgets.push({
  what: 'dist/stride.min.js (ECharts and everything)',
  gzip: rows.find((r) => r.file === 'dist/stride.min.js').gzip,
  budget: 320,
});

console.log('\nSize report (KB; min = minified bytes on disk, gzip = min+gzip level 9)');
console.table(rows.map((r) => ({ file: r.file, 'min KB': r.min.toFixed(1), 'min+gzip KB': r.gzip.toFixed(1) })));
console.log('Budgets (DESIGN.md)');
console.table(
  budgets.map((b) => ({
    what: b.what,
    'min+gzip KB': b.gzip.toFixed(1),
    budget: `${b.budget}`,
    status: b.gzip <= b.budget ? 'ok' : 'OVER',
  })),
);
const over = budgets.filter((b) => b.gzip > b.budget);
for (const b of over) {
  console.warn(
    `${enforce ? 'error' : 'warning'}: ${b.what} is ${b.gzip.toFixed(1)} KB, over its ${b.budget} KB budget`,
  );
}
if (enforce && over.length > 0) process.exit(1);
