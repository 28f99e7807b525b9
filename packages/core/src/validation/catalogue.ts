/**
 * The checks of an indicator catalogue a bank configures (DESIGN "Supplied indicators": relabel, reorder, drop or add,
 * flows and balances among them). Kept apart from the result checks: only what reads a configured catalogue (the
 * reference back end, a host that builds one from its own settings) needs it, not every page.
 */
import type { IndicatorDefinition } from '../contracts.js';
import { checkItem, rules, type ItemFindings } from './checks.js';

const LABEL_RULES = rules({ 'zh-CN': { type: 'string' }, en: { type: 'string' } });
const DEFINITION_RULES = rules({
  id: { type: 'string' },
  unit: { type: 'enum', values: ['count', 'fraction', 'amount'] },
  measure: { type: 'enum', values: ['flow', 'balance'], optional: true },
  goodDirection: { type: 'enum', values: ['up', 'down'], optional: true },
  hasAmount: { type: 'boolean', optional: true },
});

export interface CheckedCatalogue {
  catalogue: IndicatorDefinition[];
  /** One message per definition left out, naming its path and what was expected (`catalogue[2].measure: ...`). */
  dropped: string[];
}

/**
 * The definitions that can be used, in their order, and why each other one was left out. A rate has no measure: a
 * balance or a flow is a count or an amount summed over managers, and a share cannot be.
 */
export function checkCatalogue(input: unknown): CheckedCatalogue {
  const catalogue: IndicatorDefinition[] = [];
  const dropped: string[] = [];
  if (!Array.isArray(input)) return { catalogue, dropped: ['catalogue: expected an array'] };
  const seen = new Set<string>();
  input.forEach((item: unknown, index) => {
    const path = `catalogue[${index}]`;
    const findings: ItemFindings = { repairs: [], dropReason: null };
    const checked = checkItem(item, DEFINITION_RULES, path, findings) as IndicatorDefinition | null;
    const label = checked && checkItem(checked.label, LABEL_RULES, `${path}.label`, findings);
    let reason = findings.dropReason;
    if (checked && label && checked.unit === 'fraction' && checked.measure !== undefined)
      reason = `${path}.measure: a fraction has no measure (flows and balances are counts or amounts)`;
    else if (checked && label && seen.has(checked.id)) reason = `${path}.id: "${checked.id}" is defined twice`;
    if (reason !== null || !checked || !label) {
      dropped.push(reason ?? `${path}: invalid`);
      return;
    }
    seen.add(checked.id);
    catalogue.push(checked);
  });
  return { catalogue, dropped };
}
