/**
 * The board's "how was this calculated" view (the ⓘ beside a row): which entry it explains, moving focus into it when
 * it opens and back to the ⓘ that opened it when it closes, so a keyboard user never loses their place in the list.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { StrideLocale } from '@stride/core';
import type { RankedEntry } from './leaderboard.ranking.js';
import { pointsBreakdown } from './leaderboard.view-model.js';
import { renderBreakdown } from './leaderboard.templates.js';

export class BreakdownController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly root: () => ParentNode;
  /** The entry explained, or undefined while closed. */
  private id: string | undefined;

  constructor(host: ReactiveControllerHost, root: () => ParentNode) {
    this.host = host;
    this.root = root;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to set up: an open breakdown stays open when the board moves in the DOM.
  }

  /** Opens the breakdown of entry `id` and focuses its close button. */
  async open(id: string): Promise<void> {
    this.id = id;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.root().querySelector<HTMLButtonElement>('.breakdown .close')?.focus();
  }

  /** Closes it and gives focus back to the row's ⓘ button that opened it. */
  close(): void {
    const id = this.id;
    if (id === undefined) return;
    this.id = undefined;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.root()
        .querySelector<HTMLButtonElement>(`.row[data-id="${CSS.escape(id)}"] .why`)
        ?.focus(),
    );
  }

  /** Forgets the entry without moving focus: the board now holds other entries. */
  reset(): void {
    if (this.id === undefined) return;
    this.id = undefined;
    this.host.requestUpdate();
  }

  /** The breakdown of the entry explained, where it is still on the board. */
  render(ranked: readonly RankedEntry[], locale: StrideLocale): TemplateResult | typeof nothing {
    const id = this.id;
    const item = id === undefined ? undefined : ranked.find((r) => r.entry.id === id);
    if (!item) return nothing;
    return renderBreakdown(item.entry, pointsBreakdown(item.entry, locale), locale, () => this.close());
  }
}
