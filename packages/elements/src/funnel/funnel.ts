import { StrideFunnel } from './funnel.component.js';
import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';

export { StrideFunnel };
registerComponent('stride-funnel', StrideFunnel);
defineElement('stride-funnel', StrideFunnel);

declare global {
  interface HTMLElementTagNameMap {
    'stride-funnel': StrideFunnel;
  }
}
