import { defineElement } from '../shared/define.js';
import { StrideIndicators } from './indicators.component.js';

export { StrideIndicators, type IndicatorsLayout } from './indicators.component.js';
export * from './indicators.view-model.js';
export * from './pace.js';

defineElement('stride-indicators', StrideIndicators);

declare global {
  interface HTMLElementTagNameMap {
    'stride-indicators': StrideIndicators;
  }
}
