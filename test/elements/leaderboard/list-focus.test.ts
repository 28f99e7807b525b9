import { expect, waitUntil } from '@open-wc/testing';
import { WIDGETS, mountWidget, pilotAdapter, settled } from '../../harness/widgets.js';

describe('<stride-leaderboard> list below the fold', () => {
  it('is a tab stop that hands focus to a row once it scrolls into view', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.append(spacer);
    const mounted = mountWidget(
      WIDGETS.find((w) => w.tag === 'stride-leaderboard')!,
      pilotAdapter(),
    );
    try {
      await settled(mounted.element, mounted.client);
      const list = mounted.element.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
      expect(list.querySelectorAll('.row-main').length, 'no rows rendered off screen').to.equal(0);
      expect(list.tabIndex).to.equal(0);
      list.focus();
      await waitUntil(
        () => list.querySelectorAll('.row-main').length > 0,
        'focusing scrolls it into view and rows render',
      );
      list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
      await waitUntil(
        () => mounted.element.shadowRoot!.activeElement?.classList.contains('row-main'),
        'a row has focus',
      );
    } finally {
      mounted.remove();
      spacer.remove();
    }
  });
});
