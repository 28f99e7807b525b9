/**
 * Where the event-log worker file is, without a blob: URL (CSP `worker-src` on bank portals rarely allows blob:).
 * The drop-in bundles ship it beside themselves as `stride-event-log.worker.js` (the build defines
 * `__STRIDE_WORKER_FILE__`); the npm package has it beside this module. The IIFE bundle has no `import.meta`, so the
 * base is the bundle's own <script src>, captured while that script runs (document.currentScript is null later).
 */
declare const __STRIDE_WORKER_FILE__: string | undefined;

const classicScriptSrc =
  typeof document !== 'undefined' &&
  typeof HTMLScriptElement !== 'undefined' &&
  document.currentScript instanceof HTMLScriptElement
    ? document.currentScript.src
    : '';

export function defaultWorkerUrl(): URL {
  const file = typeof __STRIDE_WORKER_FILE__ === 'string' ? __STRIDE_WORKER_FILE__ : './event-log.worker.js';
  return new URL(file, classicScriptSrc || import.meta.url);
}
