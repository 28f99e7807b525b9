import { expect, waitUntil } from '@open-wc/testing';
import { WIDGETS, mountWidget, pilotAdapter, settled } from '../../harness/widgets.js';

describe('<stride-leaderboard> list below the fold', () => {
  it('is a tab stop that hands focus to a row when focused from below the fold', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.append(spacer);
    const mounted = mountWidget(
      WIDGETS.find((w) => w.tag === 'stride-leaderboard')!,
      pilotAdapter(),
    );
    try {
      await settled(mounted.element, mounted.client);
      const root = mounted.element.shadowRoot!;
      const list = root.querySelector<HTMLElement>('[part~="list"]')!;
      expect(list.tabIndex).to.equal(0);
      list.focus();
      await waitUntil(
        () => root.activeElement?.classList.contains('row-main'),
        'focusing the list scrolls it into view and hands focus on to its first row',
      );
      expect((root.activeElement as HTMLElement).dataset['index']).to.equal('0');
      root.activeElement!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }),
      );
      await waitUntil(
        () => (root.activeElement as HTMLElement | null)?.dataset['index'] === '1',
        'ArrowDown moves focus to the next row',
      );
    } finally {
      mounted.remove();
      spacer.remove();
    }
  });
});
