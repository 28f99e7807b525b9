/**
 * How deep a harness goes in this browser. Chromium places every payload; Firefox places a fixed sample, because what
 * differs between the browsers (HTML and CSS parsing, layout, the canvas) shows on the first payloads as much as on
 * the last, while the logic they exercise (Lit, the kit's own code) is the same in both. This keeps
 * `npm run test:firefox` nearer DESIGN's test-time budget.
 */
export const IN_FIREFOX = navigator.userAgent.includes('Firefox');

/** Every item in Chromium; in Firefox every `step`-th item plus those `keep` says must always run. */
export function sampled<T>(items: readonly T[], step: number, keep: (item: T) => boolean = () => false): T[] {
  return IN_FIREFOX ? items.filter((item, i) => i % step === 0 || keep(item)) : [...items];
}
