/** The report a person reads: a terminal table and a self-contained HTML file. JSON for CI is the report itself. */
import type { CheckResult, ConformanceReport, Offence } from './types.js';

const STATUS_WORD = { pass: 'PASS', fail: 'FAIL', skip: 'skip' } as const;

function where(offence: Offence): string {
  if (!offence.query) return offence.endpoint;
  // A REST query reads as the URL a developer can paste; an adapter's is the query object itself.
  return offence.endpoint.startsWith('adapter.')
    ? `${offence.endpoint} ${offence.query}`
    : `${offence.endpoint} ?${offence.query}`;
}

function summaryLine(report: ConformanceReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  const skipped = report.checks.length - failed - passed;
  return `${report.ok ? 'Conformant' : 'Not conformant'}: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

export interface TerminalOptions {
  /** ANSI colours; the CLI turns them on for a TTY only, so CI logs stay plain. */
  color?: boolean;
}

export function formatTerminal(report: ConformanceReport, options: TerminalOptions = {}): string {
  const paint = (code: string, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const statusCell = (check: CheckResult): string => {
    const word = STATUS_WORD[check.status].padEnd(6);
    return check.status === 'fail'
      ? paint('31;1', word)
      : check.status === 'pass'
        ? paint('32', word)
        : paint('2', word);
  };
  const titleWidth = Math.max(5, ...report.checks.map((c) => c.title.length));
  const lines: string[] = [
    `Stride conformance: ${report.target}`,
    `${report.requests.made} requests (${report.requests.skipped} skipped, budget ${report.requests.max}, ${report.requests.concurrency} at a time); ` +
      `latency p50 ${report.latency.p50Ms ?? '-'} ms, p95 ${report.latency.p95Ms ?? '-'} ms`,
    '',
    `${'Check'.padEnd(titleWidth)}  Result  ${'Checked'.padStart(8)}  ${'Failed'.padStart(7)}`,
    `${'-'.repeat(titleWidth)}  ------  ${'-'.repeat(8)}  ${'-'.repeat(7)}`,
  ];
  for (const check of report.checks) {
    lines.push(
      `${check.title.padEnd(titleWidth)}  ${statusCell(check)}  ${String(check.checked).padStart(8)}  ${String(check.failed).padStart(7)}`,
    );
  }
  for (const check of report.checks) {
    if (check.status !== 'fail' && check.note === undefined) continue;
    lines.push('', `${paint('1', check.title)} (${check.id})${check.note ? `: ${check.note}` : ''}`);
    for (const offence of check.examples) {
      lines.push(`  ✗ ${where(offence)}`, `    ${offence.message}`);
    }
    if (check.failed > check.examples.length) lines.push(`  … and ${check.failed - check.examples.length} more`);
  }
  lines.push('', report.ok ? paint('32;1', summaryLine(report)) : paint('31;1', summaryLine(report)));
  return `${lines.join('\n')}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * One HTML file with no scripts and no external resources, so it opens from a CI artefact or a mail on a closed
 * intranet. Everything from the back end is escaped: its error bodies are exactly what is under suspicion.
 */
export function renderHtml(report: ConformanceReport): string {
  const e = escapeHtml;
  const rows = report.checks
    .map((check) => {
      const examples = check.examples
        .map(
          (o) =>
            `<li><code>${e(where(o))}</code>${o.path ? ` <span class="path">${e(o.path)}</span>` : ''}<br>${e(o.message)}</li>`,
        )
        .join('');
      const more =
        check.failed > check.examples.length ? `<li>… and ${check.failed - check.examples.length} more</li>` : '';
      const detail = examples || more ? `<ul>${examples}${more}</ul>` : '';
      const note = check.note ? `<p class="note">${e(check.note)}</p>` : '';
      return (
        `<tr class="${check.status}"><td>${e(check.title)}<br><small>${e(check.id)}</small></td><td class="status">${STATUS_WORD[check.status]}</td>` +
        `<td class="n">${check.checked}</td><td class="n">${check.failed}</td><td>${note}${detail}</td></tr>`
      );
    })
    .join('\n');
  const endpoints = Object.entries(report.latency.byEndpoint)
    .map(
      ([endpoint, f]) =>
        `<tr><td><code>${e(endpoint)}</code></td><td class="n">${f.samples}</td><td class="n">${f.p50Ms ?? '-'}</td><td class="n">${f.p95Ms ?? '-'}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Stride conformance: ${e(report.target)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1a1a1a; }
table { border-collapse: collapse; margin: 12px 0 24px; }
th, td { border: 1px solid #ccc; padding: 6px 10px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail .status { color: #fff; background: #b00020; font-weight: 700; }
tr.pass .status { color: #0a5c2b; font-weight: 700; }
tr.skip .status { color: #666; }
.path { color: #555; font-family: monospace; }
.note { margin: 0 0 4px; color: #333; }
ul { margin: 0; padding-left: 18px; }
code { word-break: break-all; }
.verdict { font-size: 18px; font-weight: 700; color: ${report.ok ? '#0a5c2b' : '#b00020'}; }
</style>
</head>
<body>
<h1>Stride conformance</h1>
<p class="verdict">${e(summaryLine(report))}</p>
<p>Target <code>${e(report.target)}</code>, ${e(report.startedAt)} to ${e(report.finishedAt)}.
${report.requests.made} requests (${report.requests.skipped} skipped, budget ${report.requests.max}, ${report.requests.concurrency} at a time).</p>
<table>
<thead><tr><th>Check</th><th>Result</th><th>Checked</th><th>Failed</th><th>First offending examples</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Latency</h2>
<p>Overall p50 ${report.latency.p50Ms ?? '-'} ms, p95 ${report.latency.p95Ms ?? '-'} ms; budget p50 ${report.latency.budget.p50Ms} ms, p95 ${report.latency.budget.p95Ms} ms per endpoint.</p>
<table>
<thead><tr><th>Endpoint</th><th>Requests</th><th>p50 ms</th><th>p95 ms</th></tr></thead>
<tbody>
${endpoints}
</tbody>
</table>
</body>
</html>
`;
}
