import { StrideScope } from './scope.component.js';
import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';

export { StrideScope };
registerComponent('stride-scope', StrideScope);
defineElement('stride-scope', StrideScope);

declare global {
  interface HTMLElementTagNameMap {
    'stride-scope': StrideScope;
  }
}
