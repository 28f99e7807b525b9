import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LitElement, html as litHtml } from 'lit';
import { AutoAdvanceController } from '../../../packages/elements/src/shared/auto-advance-controller.js';
import { HuddlePagesController } from '../../../packages/elements/src/shared/huddle-pages-controller.js';
import { ReducedMotionController } from '../../../packages/elements/src/shared/reduced-motion-controller.js';
import { RovingFocusController } from '../../../packages/elements/src/shared/roving-focus-controller.js';

class AdvancingHost extends LitElement {
  static override properties = { step: { state: true } };
  step = 0;
  seconds = 0.02;
  readonly advance = new AutoAdvanceController(this, {
    seconds: () => this.seconds,
    active: () => true,
    advance: () => {
      this.step += 1;
    },
  });
  override render() {
    return litHtml`<span>${this.step}</span>`;
  }
}
customElements.define('test-advancing-host', AdvancingHost);

class MotionHost extends LitElement {
  readonly motion = new ReducedMotionController(this);
  override render() {
    return litHtml`<span>${this.motion.reduced ? 'still' : 'moving'}</span>`;
  }
}
customElements.define('test-motion-host', MotionHost);

class RovingHost extends LitElement {
  readonly roving = new RovingFocusController(this);
  override render() {
    const active = this.roving.active('days') ?? 0;
    return litHtml`<div
      @keydown=${(e: KeyboardEvent) => {
        const next = this.roving.handleKey(e, 'days', active, 4, { axis: 'horizontal' });
        if (next !== undefined)
          void this.roving.focusWhenRendered(() => this.renderRoot.querySelector<HTMLElement>(`[data-i="${next}"]`));
      }}
    >
      ${[0, 1, 2, 3].map((i) => litHtml`<button data-i=${i} tabindex=${i === active ? 0 : -1}>${i}</button>`)}
    </div>`;
  }
}
customElements.define('test-roving-host', RovingHost);

class PagingHost extends LitElement {
  rows = 5;
  readonly pages = new HuddlePagesController(this, {
    active: () => true,
    listShown: () => true,
    count: () => this.rows,
    pageSize: () => 2,
    seconds: () => 60,
    measure: () => ({ page: null, row: null, below: 0 }),
  });
  override render() {
    return litHtml`<span>${this.pages.range.page}</span>`;
  }
}
customElements.define('test-paging-host', PagingHost);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('shared controllers', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('auto-advance moves on by itself and holds still once paused', async () => {
    const el = await fixture<AdvancingHost>(html`<test-advancing-host></test-advancing-host>`);
    await waitUntil(() => el.step >= 2, 'advances by itself');
    el.advance.togglePause();
    await el.updateComplete;
    expect(el.advance.paused).to.equal(true);
    const held = el.step;
    await sleep(120);
    expect(el.step).to.equal(held);
  });

  it('under reduced motion auto-advance holds until the viewer presses play, which wins', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await fixture<AdvancingHost>(html`<test-advancing-host></test-advancing-host>`);
    expect(el.advance.paused).to.equal(true);
    expect(el.advance.heldByMotionPreference).to.equal(true);
    await sleep(120);
    expect(el.step).to.equal(0);
    el.advance.togglePause();
    await waitUntil(() => el.step >= 1, 'the viewer chose to let it move');
    expect(el.advance.heldByMotionPreference).to.equal(false);
  });

  it('auto-advance stops when its host leaves the page', async () => {
    const el = await fixture<AdvancingHost>(html`<test-advancing-host></test-advancing-host>`);
    await waitUntil(() => el.step >= 1);
    el.remove();
    const left = el.step;
    await sleep(120);
    expect(el.step).to.equal(left);
  });

  it('huddle pages wrap around, and a list that shrank under the page shows a page that exists', async () => {
    const el = await fixture<PagingHost>(html`<test-paging-host></test-paging-host>`);
    expect(el.pages.range).to.deep.equal({ page: 0, pages: 3, start: 0, end: 2 });
    el.pages.turn(2);
    expect(el.pages.range).to.deep.equal({ page: 2, pages: 3, start: 4, end: 5 }, 'the last page holds the last row');
    el.pages.turn(1);
    expect(el.pages.range.start).to.equal(0, 'after the last page comes the first');
    el.pages.turn(-1);
    el.rows = 3;
    expect(el.pages.range).to.deep.equal({ page: 0, pages: 2, start: 0, end: 2 }, 'page 3 of a 2-page list wraps');
  });

  it('reduced motion follows the preference while the host is on the page', async () => {
    const el = await fixture<MotionHost>(html`<test-motion-host></test-motion-host>`);
    expect(el.shadowRoot!.textContent).to.contain('moving');
    await emulateMedia({ reducedMotion: 'reduce' });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('still'), 'renders again when the preference changes');
  });

  it('roving focus keeps one tab stop and moves focus with the arrows', async () => {
    const el = await fixture<RovingHost>(html`<test-roving-host></test-roving-host>`);
    const button = (i: number) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-i="${i}"]`)!;
    button(0).focus();
    button(0).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await waitUntil(() => el.shadowRoot!.activeElement === button(1), 'focus moved to the next item');
    expect([0, 1, 2, 3].map((i) => button(i).tabIndex)).to.deep.equal([-1, 0, -1, -1]);
    button(1).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await waitUntil(() => el.shadowRoot!.activeElement === button(3), 'End goes to the last item');
  });
});
