import { StrideMyDay } from './my-day.component.js';
import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';

export { StrideMyDay };
registerComponent('stride-my-day', StrideMyDay);
defineElement('stride-my-day', StrideMyDay);

declare global {
  interface HTMLElementTagNameMap {
    'stride-my-day': StrideMyDay;
  }
}
