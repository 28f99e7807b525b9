import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import {
  StrideError,
  createStrideQueryClient,
  type LeaderboardQuery,
  type LeaderboardResult,
  type StrideAdapter,
} from '@stride/core';
import {
  StrideElement,
  configure,
  renderQueryState,
  type StrideErrorEvent,
  type StrideWarningEvent,
} from '../../../packages/elements/src/index.js';

// A minimal widget on the shared base: what every real widget does, with nothing else.
class TestBoard extends StrideElement {
  readonly query = this.createQuery('leaderboard', (scope): LeaderboardQuery => ({
    scope,
    board: 'managers',
    metric: 'points',
  }));
  override render() {
    const { lang, timeZone } = this.resolved;
    return renderQueryState(this.query.state, {
      locale: lang,
      timeZone,
      method: 'leaderboard',
      skeleton: () => litHtml`<div class="skeleton" style="height:40px"></div>`,
      isEmpty: (data) => data.entries.length === 0,
      data: (data) => litHtml`<ol>${data.entries.map((e) => litHtml`<li>${e.name}: ${e.value}</li>`)}</ol>`,
      retry: () => this.query.refetch(),
    });
  }
}
customElements.define('test-board', TestBoard);

function board(names: string[], org = 'br'): LeaderboardResult {
  return {
    asOf: '2026-11-24T10:00:00+08:00',
    scope: { org, period: 'month', date: '2026-11-24' },
    board: 'managers',
    metric: 'points',
    entries: names.map((name, i) => ({ id: `m${i}`, name, kind: 'manager', value: 10 - i })),
  };
}

function text(el: Element): string {
  return el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('StrideElement and the query controller', () => {
  it('shows "not configured" without an adapter, then data once one is given', async () => {
    const el = await fixture<TestBoard>(html`<test-board org="br" lang="en"></test-board>`);
    expect(text(el)).to.contain('Not configured');
    el.adapter = { leaderboard: async () => board(['张伟', '李娜']) };
    el.queryClient = createStrideQueryClient();
    await waitUntil(() => text(el).includes('张伟: 10'));
    expect(text(el)).to.contain('李娜: 9');
  });

  it('keeps the last good data with a stale badge when a refresh fails, and says so in a stride-error', async () => {
    let fail = false;
    const adapter: StrideAdapter = {
      leaderboard: async () => {
        if (fail) throw new StrideError('http', 'leaderboard', 'GET /v1/leaderboard: 400 Bad Request', { status: 400 });
        return board(['王芳']);
      },
    };
    const el = await fixture<TestBoard>(
      html`<test-board org="br" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></test-board>`,
    );
    await waitUntil(() => text(el).includes('王芳: 10'));
    const errors: StrideErrorEvent[] = [];
    el.addEventListener('stride-error', (e) => errors.push(e));
    fail = true;
    el.query.refetch();
    await waitUntil(() => errors.length === 1);
    await el.updateComplete;
    expect(text(el)).to.contain('王芳: 10');
    expect(text(el)).to.contain('Data may be out of date');
    expect(errors[0]!.detail.stale).to.equal(true);
    expect(errors[0]!.detail.error.kind).to.equal('http');
  });

  it('says the session expired on an auth error and offers a retry', async () => {
    const adapter: StrideAdapter = {
      leaderboard: async () => {
        throw new StrideError('auth', 'leaderboard', 'GET /v1/leaderboard: 401 Unauthorized', { status: 401 });
      },
    };
    const el = await fixture<TestBoard>(
      html`<test-board org="br" lang="en" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></test-board>`,
    );
    await waitUntil(() => text(el).includes('session has expired'));
    expect(el.shadowRoot!.querySelector('button[part="retry"]')).to.exist;
  });

  it('drops an invalid entry, shows the rest and fires one stride-warning naming it', async () => {
    const result = board(['甲', '乙']) as unknown as { entries: Record<string, unknown>[] };
    result.entries[1]!['value'] = '12a';
    const warnings: StrideWarningEvent[] = [];
    const el = document.createElement('test-board') as TestBoard;
    el.addEventListener('stride-warning', (e) => warnings.push(e));
    el.setAttribute('org', 'br');
    el.adapter = { leaderboard: async () => result as unknown as LeaderboardResult };
    el.queryClient = createStrideQueryClient();
    await fixture(html`<div></div>`).then((host) => host.append(el));
    await waitUntil(() => warnings.length === 1);
    await el.updateComplete;
    expect(warnings[0]!.detail.ids).to.deep.equal(['m1']);
    expect(text(el)).to.contain('甲: 10');
    expect(text(el)).not.to.contain('乙');
  });

  it('aborts the superseded request when the scope changes and ends on the latest scope', async () => {
    const signals: AbortSignal[] = [];
    const adapter: StrideAdapter = {
      leaderboard: (query, { signal }) => {
        signals.push(signal);
        const delay = query.scope.org === 'slow' ? 300 : 10;
        return new Promise((resolve) => setTimeout(() => resolve(board([query.scope.org], query.scope.org)), delay));
      },
    };
    const el = await fixture<TestBoard>(
      html`<test-board org="slow" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></test-board>`,
    );
    el.org = 'fast';
    await waitUntil(() => text(el).includes('fast: 10'));
    expect(signals[0]!.aborted).to.equal(true);
    await new Promise((r) => setTimeout(r, 350));
    expect(text(el)).to.contain('fast: 10');
    expect(text(el)).not.to.contain('slow');
  });

  it('makes no request after unmount, however short the refresh', async () => {
    let calls = 0;
    const adapter: StrideAdapter = {
      leaderboard: async () => {
        calls += 1;
        return board(['赵强']);
      },
    };
    const el = await fixture<TestBoard>(
      html`<test-board org="br" refresh="0.05" .adapter=${adapter} .queryClient=${createStrideQueryClient()}></test-board>`,
    );
    await waitUntil(() => calls >= 2, 'polls while mounted');
    el.remove();
    const after = calls;
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).to.equal(after);
  });

  it('takes the adapter and lang from configure() when neither the element nor a scope gives them', async () => {
    configure({ adapter: { leaderboard: async () => board(['孙丽']) }, lang: 'en' });
    try {
      const el = await fixture<TestBoard>(
        html`<test-board org="br" .queryClient=${createStrideQueryClient()}></test-board>`,
      );
      await waitUntil(() => text(el).includes('孙丽: 10'));
      expect(el.resolved.lang).to.equal('en');
    } finally {
      configure({ adapter: undefined, lang: undefined });
    }
  });
});
