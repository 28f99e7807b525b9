import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';
import { StrideCoverageMap } from './coverage-map.component.js';

export { StrideCoverageMap };
registerComponent('stride-coverage-map', StrideCoverageMap);
defineElement('stride-coverage-map', StrideCoverageMap);

declare global {
  interface HTMLElementTagNameMap {
    'stride-coverage-map': StrideCoverageMap;
  }
}
