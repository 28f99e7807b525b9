// A web-test-runner plugin for the proof harnesses:
//   /__stride/avatar.png          a 1x1 PNG, so harmless avatar addresses load (a failed avatar is taken off the page)
//   /__stride/strict/page.html    a page served with a strict Content-Security-Policy header, loaded in an iframe by
//                                 test/harness/strict-pages.test.ts. Query: `tt=1` also enforces Trusted Types;
//                                 `img=1` adds `default-src 'self'; img-src 'self'`;
//                                 `host-policy=1` adds a host script that owns the `default` policy first.
//   /__stride/strict/shim.js      the page's own set-up as an external file (inline scripts are what the policy forbids)
//   /__stride/strict/host-policy.js  a host's own default policy (text only), created before Stride loads
// Responses are built in memory; nothing is written to disk.
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The policy DESIGN promises the kit works under, word for word. */
export const STRICT_CSP = "script-src 'self'; style-src 'self'; object-src 'none'";
export const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'`;
/** Added with `img=1`: a page that loads nothing it did not serve, images included (the share picture's test). */
export const SELF_ONLY_CSP = "default-src 'self'; img-src 'self'";

// Runs first: ECharts' ESM reads process.env, and the listeners must be in place before any widget code loads, so a
// violation or error raised while modules evaluate is counted too.
const SHIM = `window.process = { env: { NODE_ENV: 'development' } };
window.__strideStrictLog = { violations: [], errors: [] };
window.addEventListener('securitypolicyviolation', function (e) {
  window.__strideStrictLog.violations.push(
    e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber + ' ' + (e.sample || ''));
}, true);
window.addEventListener('error', function (e) {
  window.__strideStrictLog.errors.push(String(e.message || e.error));
});
window.addEventListener('unhandledrejection', function (e) {
  var r = e.reason;
  window.__strideStrictLog.errors.push('unhandled rejection: ' + String(r && r.stack ? r.stack : r));
});
`;

// A bank page that already uses Trusted Types for its own code: its default policy lets plain text through (which
// includes the empty string) and refuses markup.
const HOST_POLICY = `window.__hostDefaultPolicy = trustedTypes.createPolicy('default', {
  createHTML: function (input) { return input.indexOf('<') === -1 ? input : null; },
});
`;

function page(url) {
  const hostPolicy = url.searchParams.get('host-policy') === '1';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Stride on a strict page</title>
    <script src="/__stride/strict/shim.js"></script>
    ${hostPolicy ? '<script src="/__stride/strict/host-policy.js"></script>' : ''}
    <script type="module" src="/test/harness/strict-page.ts"></script>
  </head>
  <body></body>
</html>`;
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function strictPagesPlugin() {
  return {
    name: 'stride-strict-pages',
    serve(context) {
      if (context.path === '/__stride/avatar.png') return { body: AVATAR_PNG, type: 'png' };
      if (context.path === '/__stride/strict/shim.js') return { body: SHIM, type: 'js' };
      if (context.path === '/__stride/strict/host-policy.js') return { body: HOST_POLICY, type: 'js' };
      if (context.path === '/__stride/strict/page.html') {
        const trustedTypes = context.URL.searchParams.get('tt') === '1';
        return {
          body: page(context.URL),
          type: 'html',
          headers: {
            'Content-Security-Policy': [
              trustedTypes ? TRUSTED_TYPES_CSP : STRICT_CSP,
              ...(context.URL.searchParams.get('img') === '1' ? [SELF_ONLY_CSP] : []),
            ].join('; '),
            'Cache-Control': 'no-store',
          },
        };
      }
      return undefined;
    },
  };
}
