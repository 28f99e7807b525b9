import { expect } from '@open-wc/testing';
import { WIDGETS, mountWidget, pilotAdapter, settled, shadowRoots, widgetName } from './widgets.js';

// The registry itself: every widget mounts on the pilot and shows data (guards the harnesses against a silent no-op).
describe('harness registry', () => {
  for (const widget of WIDGETS) {
    it(`${widgetName(widget)} renders pilot data`, async () => {
      const mounted = mountWidget(widget, pilotAdapter());
      try {
        await settled(mounted.element, mounted.client);
        const roots = shadowRoots(mounted.element);
        const text = roots.map((r) => r.textContent ?? '').join(' ');
        expect(text).not.to.contain('Not configured');
        expect(text).not.to.contain('未配置');
        // Nested widgets too (the dashboard's): none still loading, none showing an error or an empty state instead of
        // the pilot's data, so a harness run over this registry is a run over widgets that really show data.
        for (const part of ['loading', 'error', 'state']) {
          const shown = roots.flatMap((root) => [...root.querySelectorAll(`[part~="${part}"]`)]);
          expect(
            shown.map((e) => e.textContent?.replace(/\s+/g, ' ').trim()),
            `parts "${part}" in ${widgetName(widget)}`,
          ).to.deep.equal([]);
        }
      } finally {
        mounted.remove();
      }
    });
  }
});
