import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';
import { StrideLeads } from './leads.component.js';

export { StrideLeads };

registerComponent('stride-leads', StrideLeads);
defineElement('stride-leads', StrideLeads);

declare global {
  interface HTMLElementTagNameMap {
    'stride-leads': StrideLeads;
  }
}
