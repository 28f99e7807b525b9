/**
 * The share digest builder (./digest), loaded on first share: a page that never shares never loads it (its own
 * chunk in stride.esm.js; DESIGN Budgets: at most 12 KB).
 */
export type DigestModule = typeof import('./digest/index.js');
export const loadDigest = (): Promise<DigestModule> => import('./digest/index.js');
