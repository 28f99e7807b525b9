import { expect } from '@open-wc/testing';
import { WIDGETS, mountWidget, pilotAdapter, settled, shadowRoots, widgetName } from './widgets.js';

// The registry itself: every widget mounts on the pilot and shows data (guards the harnesses against a silent no-op).
describe('harness registry', () => {
  for (const widget of WIDGETS) {
    it(`${widgetName(widget)} renders pilot data`, async () => {
      const mounted = mountWidget(widget, pilotAdapter());
      try {
        await settled(mounted.element, mounted.client);
        const text = shadowRoots(mounted.element)
          .map((r) => r.textContent ?? '')
          .join(' ');
        expect(text).not.to.contain('Not configured');
        expect(text).not.to.contain('未配置');
        expect(mounted.element.shadowRoot!.querySelector('[part~="loading"]')).to.equal(null);
      } finally {
        mounted.remove();
      }
    });
  }
});
