import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';
import { StrideIndicators } from './indicators.component.js';

export { StrideIndicators, type IndicatorsLayout } from './indicators.component.js';
export * from './indicators.view-model.js';

registerComponent('stride-indicators', StrideIndicators);
defineElement('stride-indicators', StrideIndicators);

declare global {
  interface HTMLElementTagNameMap {
    'stride-indicators': StrideIndicators;
  }
}
