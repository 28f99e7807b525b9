import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliIo, type ConformanceReport } from '../../packages/conformance/src/index.js';
import type { FunnelResult } from '../../packages/core/src/contracts.js';
import { referenceEngine, startServer, type RunningServer, type Tamper } from './reference-server.js';

const TODAY = referenceEngine().pilot.today;
// No latency verdict here either (conformance.node.test.ts says why): the flags set a budget no request can miss, so
// "Conformant" depends on the answers alone; the latency check is tested there with a deliberately slow endpoint.
const NO_LATENCY_VERDICT = ['--p50-ms', String(Number.MAX_SAFE_INTEGER), '--p95-ms', String(Number.MAX_SAFE_INTEGER)];
const SMALL = ['--date', TODAY, '--period', 'month', '--orgs-per-level', '1', '--managers', '1', ...NO_LATENCY_VERDICT];
const BIN = fileURLToPath(new URL('../../packages/conformance/bin/stride-conformance.mjs', import.meta.url));

const servers: RunningServer[] = [];
const dir = await mkdtemp(join(tmpdir(), 'stride-conformance-'));
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

async function server(tamper: Tamper = {}): Promise<RunningServer> {
  const started = await startServer(tamper);
  servers.push(started);
  return started;
}

async function cli(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env, cwd: dir, isTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const risingFunnel: Tamper = {
  result: (method, result) => {
    if (method === 'funnel') {
      const stages = (result as FunnelResult).stages;
      stages[4]!.count = stages[3]!.count + 1;
    }
    return result;
  },
};

describe('stride-conformance', () => {
  it('exits 0 on the reference back end and prints the table', async () => {
    const { url } = await server();
    const { code, out } = await cli(['--url', url, ...SMALL]);
    assert.equal(code, 0, out);
    assert.match(out, /^Valid requests are answered\s+PASS\s+\d+\s+0$/m);
    assert.match(out, /^Bad requests get a 4xx problem\+json\s+PASS\s+5\s+0$/m);
    assert.match(out, /Conformant: 13 passed, 0 failed, 0 skipped/);
  });

  it('exits 1 on a broken back end, shows the offending example, and writes JSON and HTML reports', async () => {
    const { url } = await server(risingFunnel);
    const { code, out } = await cli(['--url', url, ...SMALL, '--json', 'report.json', '--html', 'report.html']);
    assert.equal(code, 1);
    assert.match(out, /^Funnel: seven stages, counts never rise\s+FAIL/m);
    assert.match(
      out,
      new RegExp(
        `✗ GET /v1/funnel \\?org=bank&period=month&date=${TODAY}\\n    funnel rises: intent \\d+ > visited \\d+`,
      ),
    );
    assert.match(out, /Not conformant: 12 passed, 1 failed, 0 skipped/);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ConformanceReport;
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.checks.filter((c) => c.status === 'fail').map((c) => c.id),
      ['funnel'],
    );
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    assert.match(html, /<tr class="fail"><td>Funnel: seven stages, counts never rise/);
    assert.match(html, /funnel rises: intent \d+ &gt; visited \d+/);
  });

  it('escapes what the back end sent in the HTML report', async () => {
    const { url } = await server({
      before: (method) =>
        method === 'coverage'
          ? {
              status: 500,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                type: 'about:blank',
                title: 'x',
                status: 500,
                detail: '<img src=x onerror=alert(1)>',
              }),
            }
          : undefined,
    });
    await cli(['--url', url, ...SMALL, '--html', 'escaped.html']);
    const html = await readFile(join(dir, 'escaped.html'), 'utf8');
    assert.ok(!html.includes('<img'), 'no markup from the back end');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('reads credentials from the environment variable it is told, and never prints them', async () => {
    const backEnd = await server();
    const { code, out } = await cli(
      [
        '--url',
        backEnd.url,
        ...SMALL,
        '--max-requests',
        '3',
        '--auth-env',
        'BANK_TOKEN',
        '--header-env',
        'X-Portal-Session=PORTAL_SESSION',
      ],
      {
        BANK_TOKEN: 'tok-123',
        PORTAL_SESSION: 'sess-456',
      },
    );
    assert.equal(code, 0);
    assert.equal(backEnd.stats.headers.length, 3);
    for (const headers of backEnd.stats.headers) {
      assert.equal(headers.authorization, 'Bearer tok-123');
      assert.equal(headers['x-portal-session'], 'sess-456');
    }
    assert.ok(!out.includes('tok-123') && !out.includes('sess-456'));
  });

  it('refuses credentials typed into the URL, unset variables and unknown flags with exit 2', async () => {
    const inUrl = await cli(['--url', 'https://ops:pw@mis.bank.example/stride']);
    assert.equal(inUrl.code, 2);
    assert.match(inUrl.err, /--url must not carry credentials: put them in an environment variable/);
    const unset = await cli(['--url', 'https://mis.bank.example/stride', '--auth-env', 'NOPE']);
    assert.equal(unset.code, 2);
    assert.match(unset.err, /environment variable NOPE is not set/);
    const token = await cli(['--url', 'https://mis.bank.example/stride', '--token', 'abc']);
    assert.equal(token.code, 2);
    assert.match(token.err, /Unknown option '--token'/);
    const neither = await cli([]);
    assert.equal(neither.code, 2);
    assert.match(neither.err, /give exactly one of --url and --adapter/);
  });

  it('checks a JS adapter module given with --adapter', async () => {
    const module = join(dir, 'bank-adapter.mjs');
    // A deliberately broken adapter: its funnel is missing the stages array, everything else is absent.
    await writeFile(
      module,
      `export const adapter = {
  orgTree: async () => [{ id: 'hq', name: 'HQ', parentId: null, level: 'bank' }],
  funnel: async (q) => ({ asOf: '2000-01-01T00:00:00+08:00', scope: q.scope }),
};\n`,
    );
    const { code, out } = await cli(['--adapter', './bank-adapter.mjs', ...SMALL]);
    assert.equal(code, 1);
    assert.match(out, /Stride conformance: adapter/);
    assert.match(
      out,
      /✗ adapter\.funnel\(\) \{"scope":\{"org":"hq","period":"month","date":"[\d-]+"\}\}\n {4}funnel: stages: missing/,
    );
  });

  it('runs as a command through its launcher with the exit code of the result', async () => {
    const { url } = await server(risingFunnel);
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, '--url', url, ...SMALL, '--no-color'],
        { cwd: dir, timeout: 60_000 },
        (error, stdout) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout });
        },
      );
    });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /Not conformant: 12 passed, 1 failed/);
  });
});
