import { StridePilotReport } from './pilot-report.component.js';
import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';

export { StridePilotReport };
registerComponent('stride-pilot-report', StridePilotReport);
defineElement('stride-pilot-report', StridePilotReport);

declare global {
  interface HTMLElementTagNameMap {
    'stride-pilot-report': StridePilotReport;
  }
}
