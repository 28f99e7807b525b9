import { StrideDashboard } from './dashboard.component.js';
import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';

export { StrideDashboard };
registerComponent('stride-dashboard', StrideDashboard);
defineElement('stride-dashboard', StrideDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'stride-dashboard': StrideDashboard;
  }
}
