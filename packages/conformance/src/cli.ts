/**
 * stride-conformance: the command a bank's back-end developer runs before any widget is on a page.
 * Credentials are only ever read from environment variables the user names, so they never sit in shell history,
 * CI logs or the report.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PERIOD_KINDS, type PeriodKind, type StrideAdapter } from '../../core/src/contracts.js';
import { formatTerminal, renderHtml } from './report.js';
import { runConformance } from './run.js';
import type { ConformanceOptions } from './types.js';

export const USAGE = `Usage: stride-conformance (--url <base URL> | --adapter <module>) [options]

Checks that a REST back end (the /v1 contract, docs/openapi.yaml) or a JS adapter gives Stride what it needs.

Target
  --url <base URL>          where /v1/... lives, e.g. https://mis.bank.example/stride
  --adapter <module>        a module whose default export or named export \`adapter\` is the adapter
Credentials (never on the command line)
  --auth-env <NAME>         send the value of environment variable NAME as Authorization
                            ("Bearer <value>" unless the value already names a scheme)
  --header-env <H=NAME>     send header H with the value of variable NAME (repeatable)
Matrix and limits
  --date <YYYY-MM-DD>       a date to check (repeatable; default today and 7 days ago)
  --period <kind>           day|week|month|quarter|year|pilot (repeatable; default all)
  --orgs-per-level <n>      orgs per level besides the root (default 2)
  --managers <n>            managers checked as manager scopes (default 2)
  --concurrency <n>         requests in flight at once (default 4)
  --max-requests <n>        requests in all (default 500)
  --timeout-ms <n>          per request (default 10000)
  --p50-ms <n> --p95-ms <n> latency budget per endpoint (default 500 and 2000)
  --time-zone <IANA>        the bank's zone for the default dates (default Asia/Shanghai)
Output
  --json <file>             write the report as JSON (for CI)
  --html <file>             write the report as an HTML page
  --no-color                plain terminal output
  --help

Exit code: 0 when every check passes, 1 when any fails, 2 for a usage error.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  isTty: boolean;
}

class UsageError extends Error {}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return n;
}

function readEnv(env: CliIo['env'], name: string, flag: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new UsageError(`${flag} ${name}: environment variable ${name} is not set`);
  return value;
}

async function loadAdapter(specifier: string, cwd: string): Promise<StrideAdapter> {
  const url =
    specifier.startsWith('.') || specifier.startsWith('/') ? pathToFileURL(resolve(cwd, specifier)).href : specifier;
  let loaded: { adapter?: unknown; default?: unknown };
  try {
    loaded = (await import(url)) as typeof loaded;
  } catch (error) {
    throw new UsageError(
      `--adapter ${specifier}: could not load it: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let adapter = loaded.adapter ?? loaded.default;
  // A factory (createBankAdapter) is as common as an object: call it with no arguments.
  if (typeof adapter === 'function') adapter = await (adapter as () => unknown)();
  if (typeof adapter !== 'object' || adapter === null) {
    throw new UsageError(
      `--adapter ${specifier}: the module exports no adapter (a default export or a named export "adapter")`,
    );
  }
  return adapter as StrideAdapter;
}

/** Parses arguments, runs the checks, prints and writes the reports. Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        adapter: { type: 'string' },
        'auth-env': { type: 'string' },
        'header-env': { type: 'string', multiple: true },
        date: { type: 'string', multiple: true },
        period: { type: 'string', multiple: true },
        'orgs-per-level': { type: 'string' },
        managers: { type: 'string' },
        concurrency: { type: 'string' },
        'max-requests': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'p50-ms': { type: 'string' },
        'p95-ms': { type: 'string' },
        'time-zone': { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if ((values.url === undefined) === (values.adapter === undefined))
      throw new UsageError('give exactly one of --url and --adapter');

    const options: ConformanceOptions = {};
    if (values.url !== undefined) {
      let parsed: URL;
      try {
        parsed = new URL(values.url);
      } catch {
        throw new UsageError(`--url ${values.url}: not an absolute URL`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new UsageError(`--url ${values.url}: expected an http(s) URL`);
      if (parsed.username || parsed.password) {
        throw new UsageError(
          '--url must not carry credentials: put them in an environment variable and name it with --auth-env',
        );
      }
      options.url = values.url;
      const headers: Record<string, string> = {};
      if (values['auth-env'] !== undefined) {
        const token = readEnv(io.env, values['auth-env'], '--auth-env');
        headers.Authorization = /^\S+\s+\S/.test(token) ? token : `Bearer ${token}`;
      }
      for (const pair of values['header-env'] ?? []) {
        const match = /^([!#$%&'*+.^_`|~\w-]+)=(\w+)$/.exec(pair);
        if (!match) throw new UsageError(`--header-env ${pair}: expected Header-Name=ENV_NAME`);
        headers[match[1]!] = readEnv(io.env, match[2]!, '--header-env');
      }
      options.headers = headers;
    } else {
      options.adapter = await loadAdapter(values.adapter!, io.cwd);
    }
    for (const date of values.date ?? []) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date ${date}: expected YYYY-MM-DD`);
    }
    if (values.date) options.dates = values.date;
    for (const period of values.period ?? []) {
      if (!PERIOD_KINDS.includes(period as PeriodKind))
        throw new UsageError(`--period ${period}: expected one of ${PERIOD_KINDS.join(', ')}`);
    }
    if (values.period) options.periods = values.period as PeriodKind[];
    const numbers = {
      orgsPerLevel: positive('orgs-per-level', values['orgs-per-level']),
      managers: positive('managers', values.managers),
      concurrency: positive('concurrency', values.concurrency),
      maxRequests: positive('max-requests', values['max-requests']),
      timeoutMs: positive('timeout-ms', values['timeout-ms']),
    };
    for (const [key, value] of Object.entries(numbers))
      if (value !== undefined) (options as Record<string, unknown>)[key] = value;
    const p50Ms = positive('p50-ms', values['p50-ms']);
    const p95Ms = positive('p95-ms', values['p95-ms']);
    options.latencyBudget = { ...(p50Ms !== undefined ? { p50Ms } : {}), ...(p95Ms !== undefined ? { p95Ms } : {}) };
    if (values['time-zone'] !== undefined) options.timeZone = values['time-zone'];

    const report = await runConformance(options);
    io.stdout(formatTerminal(report, { color: io.isTty && !values['no-color'] }));
    if (values.json !== undefined)
      await writeFile(resolve(io.cwd, values.json), `${JSON.stringify(report, null, 2)}\n`);
    if (values.html !== undefined) await writeFile(resolve(io.cwd, values.html), renderHtml(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr(`stride-conformance: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/** Entry point for the bin launcher. */
export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
  });
  process.exitCode = code;
}
