// A web-test-runner plugin that serves the built files in dist/ as they are on disk, on pages a bank would load them
// from (test/dist/dist-bundles.test.ts). Nothing is built here: a missing dist/ answers 404 with the reason.
//   /__dist/files/<path>   a file of dist/, read at request time, `text/javascript` with no charset, so a classic
//                          script is decoded in the page's own encoding exactly as on a GBK intranet page
//   /__dist/page.html      `?bundle=iife` (stride.min.js, classic script, page declared GBK) or `?bundle=esm`
//                          (stride.esm.js, module script, UTF-8); `tt=1` also enforces Trusted Types; `define=false`
//                          sets `window.StrideOptions = { define: false }` before the bundle runs
//   /__dist/setup.js       the page's own set-up as an external file (the policy forbids inline scripts): records
//                          every policy violation and uncaught error from before the bundle loads
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, normalize } from 'node:path';
import { STRICT_CSP, TRUSTED_TYPES_CSP } from './strict-pages.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const SETUP = `window.__strideDistLog = { violations: [], errors: [] };
window.addEventListener('securitypolicyviolation', function (e) {
  window.__strideDistLog.violations.push(
    e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber + ' ' + (e.sample || ''));
}, true);
window.addEventListener('error', function (e) { window.__strideDistLog.errors.push(String(e.message || e.error)); });
window.addEventListener('unhandledrejection', function (e) {
  var r = e.reason;
  window.__strideDistLog.errors.push('unhandled rejection: ' + String(r && r.stack ? r.stack : r));
});
if (new URL(document.currentScript.src).searchParams.get('define') === 'false') window.StrideOptions = { define: false };
`;

function page(url) {
  const esm = url.searchParams.get('bundle') === 'esm';
  const setup = `/__dist/setup.js?define=${url.searchParams.get('define') === 'false' ? 'false' : 'true'}`;
  const bundle = esm
    ? '<script type="module" src="/__dist/files/stride.esm.js"></script>'
    : '<script src="/__dist/files/stride.min.js"></script>';
  // Pure ASCII, so it reads the same in either encoding; `lang` makes the widgets speak Chinese.
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="${esm ? 'utf-8' : 'gbk'}" />
    <title>Stride from dist/</title>
    <script src="${setup}"></script>
    ${bundle}
  </head>
  <body></body>
</html>`;
}

/**
 * The files of dist/ as a Koa middleware, ahead of the dev server's own handling, so no plugin transforms them: the
 * browser gets the bytes a bank's web server would send.
 * @returns {import('koa').Middleware}
 */
export function distFilesMiddleware() {
  return async (context, next) => {
    if (!context.path.startsWith('/__dist/files/')) return next();
    const relativePath = normalize(decodeURIComponent(context.path.slice('/__dist/files/'.length)));
    const file = join(dist, relativePath);
    if (relativePath.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
      context.status = 404;
      context.set('Content-Type', 'text/plain');
      context.body = `dist/${relativePath} is missing: run \`npm run build\` (npm test builds first)`;
      return undefined;
    }
    context.status = 200;
    context.body = readFileSync(file);
    context.set('Content-Type', file.endsWith('.js') ? 'text/javascript' : 'application/json');
    context.set('Cache-Control', 'no-store');
    return undefined;
  };
}

/** @returns {import('@web/dev-server-core').Plugin} */
export function distPagesPlugin() {
  return {
    name: 'stride-dist-pages',
    serve(context) {
      if (context.path === '/__dist/setup.js') return { body: SETUP, type: 'js' };
      if (context.path === '/__dist/page.html') {
        const esm = context.URL.searchParams.get('bundle') === 'esm';
        const trustedTypes = context.URL.searchParams.get('tt') === '1';
        return {
          body: page(context.URL),
          headers: {
            'Content-Type': `text/html; charset=${esm ? 'utf-8' : 'GBK'}`,
            'Content-Security-Policy': trustedTypes ? TRUSTED_TYPES_CSP : STRICT_CSP,
            'Cache-Control': 'no-store',
          },
        };
      }
      return undefined;
    },
  };
}
