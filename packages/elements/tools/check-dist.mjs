// The last step of `npm run build`: checks the files in dist/ the way a bank's page will load them, and fails the
// build with every problem named. A file that does not parse shows nothing on the page, and no later test of the
// source would notice (the IIFE once shipped with 126 bytes of ECharts in front of it: docs/building.md).
//   - dist/stride.min.js parses as a classic script (a plain <script src>) and is pure ASCII (GBK intranet pages)
//   - every other .js file parses as a module (stride.esm.js, its chunks, the event-log worker)
//   - every relative import a module makes, static or dynamic, names a file that is there
// Usage: node packages/elements/tools/check-dist.mjs [distDir]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Script } from 'node:vm';

const CLASSIC = new Set(['stride.min.js']);
const REQUIRED = ['stride.min.js', 'stride.esm.js', 'stride-event-log.worker.js'];

function walk(dir, found = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, found);
    else if (name.endsWith('.js')) found.push(path);
  }
  return found;
}

/** Parses `text` as a classic script without running it; returns the syntax error's message, or null. */
function classicSyntaxError(text, file) {
  try {
    new Script(text, { filename: file });
    return null;
  } catch (error) {
    return error instanceof SyntaxError ? error.message : String(error);
  }
}

/** Parses `text` as an ES module without running it (`node --check`); returns the error text, or null. */
function moduleSyntaxError(text) {
  const result = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: text, encoding: 'utf8' });
  if (result.status === 0) return null;
  return (
    (result.stderr || `exit ${result.status}`).split('\n').filter((line) => /Error/.test(line))[0] ??
    result.stderr.trim()
  );
}

/** The relative specifiers of a module's `import ... from "./x"`, `export ... from "./x"` and `import("./x")`. */
function relativeImports(text) {
  const specifiers = new Set();
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)(["'])(\.{1,2}\/[^"']+)\1/g))
    specifiers.add(match[2]);
  return [...specifiers];
}

export function checkDist(distDir) {
  const problems = [];
  if (!existsSync(distDir)) return [`${distDir} does not exist: the build wrote nothing`];
  for (const name of REQUIRED) if (!existsSync(join(distDir, name))) problems.push(`${name} is missing`);
  const files = walk(distDir).sort();
  for (const file of files) {
    const name = relative(distDir, file);
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    if (CLASSIC.has(name)) {
      const error = classicSyntaxError(text, name);
      if (error)
        problems.push(
          `${name} does not parse as a classic script: ${error} (it begins ${JSON.stringify(text.slice(0, 80))})`,
        );
      const at = bytes.findIndex((byte) => byte > 0x7f);
      if (at !== -1) {
        const around = bytes.subarray(Math.max(0, at - 40), at + 20).toString('utf8');
        problems.push(
          `${name} is not pure ASCII: byte ${at} is 0x${bytes[at].toString(16)} in ${JSON.stringify(around)}`,
        );
      }
      continue;
    }
    const error = moduleSyntaxError(text);
    if (error) problems.push(`${name} does not parse as a module: ${error}`);
    for (const specifier of relativeImports(text)) {
      if (!existsSync(resolve(dirname(file), specifier)))
        problems.push(`${name} imports ${specifier}, which is not in ${relative(process.cwd(), distDir) || distDir}`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const distDir = resolve(process.argv[2] ?? 'dist');
  const problems = checkDist(distDir);
  if (problems.length > 0) {
    console.error(`dist check: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    `dist check: ${walk(distDir).length} JavaScript files parse as they will be loaded; stride.min.js is pure ASCII`,
  );
}
