/**
 * How deep a harness goes in this browser. Chromium runs every randomised run and every payload; Firefox runs the same
 * checks over a fixed sample, because what differs between the browsers (HTML and CSS parsing, focus, layout, the
 * canvas) shows on the first payloads and runs as much as on the last, while the logic they exercise (query-core,
 * Lit, the kit's own code) is the same in both. This keeps `npm run test:firefox` inside DESIGN's test-time budget.
 */
export const IN_FIREFOX = navigator.userAgent.includes('Firefox');

/** `chromium` in Chromium, `firefox` in Firefox: a count of runs. */
export function depth(chromium: number, firefox: number): number {
  return IN_FIREFOX ? firefox : chromium;
}

/** Every item in Chromium; in Firefox every `step`-th item plus those `keep` says must always run. */
export function sampled<T>(items: readonly T[], step: number, keep: (item: T) => boolean = () => false): T[] {
  return IN_FIREFOX ? items.filter((item, i) => i % step === 0 || keep(item)) : [...items];
}
