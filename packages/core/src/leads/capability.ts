/**
 * Whether an adapter can open the leads behind a number (DESIGN: "Counts become links only where the adapter has
 * `leads` (a 404 on /v1/leads turns them off)"). Remembered per adapter identity: the same object every widget of a
 * page resolves, so one 404 turns the links off everywhere that adapter is used, and another adapter is unaffected.
 */
import type { StrideAdapter } from '../contracts.js';

const withoutLeads = new WeakSet<StrideAdapter>();

export function hasLeads(adapter: StrideAdapter | undefined): boolean {
  return typeof adapter?.leads === 'function' && !withoutLeads.has(adapter);
}

/**
 * The back end answered that it has no lead lists (404): counts stop being links for this adapter. Widgets read this
 * when they render; the kit's lead list, which is what asks, re-renders them on that 404 (no listener here, so pages
 * that never open a list carry none).
 */
export function markLeadsMissing(adapter: StrideAdapter): void {
  withoutLeads.add(adapter);
}
