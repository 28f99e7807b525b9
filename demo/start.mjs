// `npm start`: the demo as a portal deploys Stride, from one origin. Starts the reference back end (packages/server:
// the metric SQL on DuckDB over the synthetic pilot, ending today) on a loopback port of its own, then the demo pages
// with `/api/...` proxied to it, and prints the one URL that serves both. Ctrl-C stops both.
//
//   npm start                   the pilot: 1 branch, 3 sub-branches, 40 managers, 60 grids
//   npm start -- --bank-wide    10,000 managers, 5,000 grids, 1,000,000 events
//   npm start -- --port 5180    another port for the pages (default 5173)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { 'bank-wide': { type: 'boolean', default: false }, port: { type: 'string', default: '5173' } },
});

const dataSet = values['bank-wide'] ? ['--bank-wide'] : ['--managers', '40', '--grids', '60'];
console.log(`stride demo: starting the reference back end (${values['bank-wide'] ? 'bank-wide' : 'pilot'} data)...`);
// the back end's loading progress comes through this process: one line rewritten in place on a terminal
const progress = ['--progress', process.stdout.isTTY ? 'line' : 'lines'];
const backEnd = spawn(
  process.execPath,
  ['--import', 'tsx', 'packages/server/src/main.ts', '--port', '0', ...dataSet, ...progress],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);

const backEndUrl = await new Promise((resolve, reject) => {
  let output = '';
  backEnd.stdout.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
    const match = /stride-server: (http:\/\/\S+)/.exec(output);
    if (match) resolve(new URL(match[1]).origin);
  });
  backEnd.on('exit', (code) => reject(new Error(`the reference back end exited (${code}) before it was ready`)));
});

const pages = await createServer({
  root: fileURLToPath(new URL('.', import.meta.url)),
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  server: { port: Number(values.port), strictPort: true, host: '127.0.0.1', proxy: { '/api': backEndUrl } },
});
await pages.listen();
const url = `http://127.0.0.1:${pages.config.server.port}/`;
console.log(`\nstride demo: ${url}  (pages and /api/v1/... on one origin; Ctrl-C stops both)\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  backEnd.kill('SIGTERM');
  await pages.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
backEnd.on('exit', (code) => {
  if (stopping) return;
  console.error(`stride demo: the reference back end stopped (${code}); stopping the pages too`);
  void pages.close().then(() => process.exit(1));
});
