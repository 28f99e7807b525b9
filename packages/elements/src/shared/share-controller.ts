/**
 * The share action (分享) of a data widget and the dashboard: one button and a status line. Everything behind the
 * button (the digest builder, the canvas, the clipboard) loads on the first share, in chunks of its own (./share.ts),
 * so a page whose users never share never loads it.
 */
import { html, type ReactiveController, type TemplateResult } from 'lit';
import { common, type DigestInput, type DigestOptions } from '@stride/core';
import type { StrideElement } from './stride-element.js';

export class ShareController implements ReactiveController {
  /** What the last share did (copied, downloaded, failed), read out beside the button. */
  status = '';

  constructor(
    readonly host: StrideElement,
    /** The host's section of the digest; undefined while it has no data. */
    readonly input: () => DigestInput | undefined,
    readonly options: () => DigestOptions = () => ({}),
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.status = '';
  }

  readonly share = (): Promise<void> => import('./share.js').then((lazy) => lazy.share(this));

  render(): TemplateResult {
    return html`<button class="button" part="share" @click=${this.share}>${common(this.host.resolved.lang, 'share')}</button
      ><span class="sub" role="status">${this.status}</span>`;
  }
}
