// Serves the reference back end (packages/server: the metric SQL on DuckDB) to browser tests, same-origin under
// /__stride/api/..., so a test can drive the widgets against the real server through createHttpAdapter.
// The server runs as a child process on an ephemeral loopback port, started on the first request and stopped with
// the test runner.
import { spawn } from 'node:child_process';

export const STRIDE_SERVER_TOKEN = 'wtr-test-token';
/** The server's fixed clock, so every number a test reads from it is the same on every run (see the dashboard test). */
export const STRIDE_SERVER_NOW = '2026-11-24T18:00:00+08:00';

export function strideServerPlugin() {
  let child;
  let ready;

  function start() {
    ready ??= new Promise((resolve, reject) => {
      child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'packages/server/src/main.ts',
          '--port',
          '0',
          '--events',
          '3000',
          '--managers',
          '10',
          '--grids',
          '12',
          '--now',
          STRIDE_SERVER_NOW,
        ],
        { env: { ...process.env, STRIDE_TOKEN: STRIDE_SERVER_TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      const onData = (chunk) => {
        output += chunk;
        const match = /stride-server: (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1].replace(/\/$/, ''));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => reject(new Error(`stride-server exited (${code}): ${output}`)));
      setTimeout(() => reject(new Error(`stride-server did not start in 60 s: ${output}`)), 60_000).unref();
    });
    return ready;
  }

  /** Koa middleware (a plugin's serve hook cannot set the status, and problem+json 4xx must reach the adapter). */
  async function middleware(context, next) {
    if (!context.path.startsWith('/__stride/api/')) return next();
    const base = await start();
    const target = `${new URL(base).origin}${context.path.slice('/__stride'.length)}${context.querystring ? `?${context.querystring}` : ''}`;
    const response = await fetch(target, { headers: { authorization: context.get('authorization') ?? '' } });
    context.status = response.status;
    context.type = response.headers.get('content-type') ?? 'application/json';
    context.body = await response.text();
  }

  const plugin = {
    name: 'stride-server',
    serverStop() {
      child?.kill('SIGTERM');
    },
  };
  return { middleware, plugin };
}
