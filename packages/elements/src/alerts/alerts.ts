import { StrideAlerts } from './alerts.component.js';
import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';

export { StrideAlerts };
registerComponent('stride-alerts', StrideAlerts);
defineElement('stride-alerts', StrideAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'stride-alerts': StrideAlerts;
  }
}
