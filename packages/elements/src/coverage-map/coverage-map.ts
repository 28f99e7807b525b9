import { defineElement } from '../shared/define.js';
import { StrideCoverageMap } from './coverage-map.component.js';

export { StrideCoverageMap };
defineElement('stride-coverage-map', StrideCoverageMap);

declare global {
  interface HTMLElementTagNameMap {
    'stride-coverage-map': StrideCoverageMap;
  }
}
