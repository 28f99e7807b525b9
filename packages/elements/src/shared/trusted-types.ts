/**
 * Trusted Types: what the charts need on a page that enforces `require-trusted-types-for 'script'`.
 *
 * ECharts' renderer (zrender) clears its container with `innerHTML = ''` when a chart is created and disposed. On an
 * enforcing page that assignment throws unless a `default` policy lets it through. The empty string cannot carry
 * markup, so the narrowest allowance is a default policy that passes exactly '' and refuses everything else (a
 * refused value still throws and is reported to the page's CSP reporting, as if there were no policy). It has no
 * createScript or createScriptURL, so script sinks stay closed. Stride's own templates go through Lit's `lit-html`
 * policy and need nothing from the host.
 *
 * This is opt-in, called by the host page: a default policy is page-wide, and a bank's page may already own it.
 */

/** The part of the Trusted Types factory used here (TypeScript's DOM library does not declare it yet). */
interface TrustedTypesFactory {
  readonly defaultPolicy: { createHTML(input: string): unknown } | null;
  createPolicy(name: string, rules: { createHTML?: (input: string) => string | null }): unknown;
}

/**
 * - `created`: the page had no default policy; one passing only the empty string was created.
 * - `existing`: the page already has a default policy; it is left alone (it must pass '' through createHTML).
 * - `unsupported`: the browser has no Trusted Types, so there is nothing to allow.
 */
export type EChartsTrustedTypesSetup = 'created' | 'existing' | 'unsupported';

/**
 * Lets ECharts clear its containers on a page enforcing Trusted Types. Call it once, before the first chart widget
 * renders. Throws if the page's `trusted-types` directive does not allow a policy named `default`.
 */
export function allowEChartsUnderTrustedTypes(): EChartsTrustedTypesSetup {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return 'unsupported';
  const existing = factory.defaultPolicy;
  if (existing) {
    if (!passesEmptyString(existing)) {
      console.warn(
        "Stride: this page's Trusted Types default policy refuses the empty string in createHTML; charts cannot be created or disposed until it passes '' through.",
      );
    }
    return 'existing';
  }
  factory.createPolicy('default', { createHTML: (input) => (input === '' ? '' : null) });
  return 'created';
}

function passesEmptyString(policy: { createHTML(input: string): unknown }): boolean {
  try {
    return String(policy.createHTML('')) === '';
  } catch {
    return false;
  }
}
