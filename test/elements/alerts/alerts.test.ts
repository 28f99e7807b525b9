import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  DEFAULT_CATALOGUE,
  createStrideQueryClient,
  type AlertsResult,
  type IndicatorsResult,
  type StrideAdapter,
} from '@stride/core';
import '../../../packages/elements/src/alerts/alerts.js';
import type { StrideAlerts } from '../../../packages/elements/src/alerts/alerts.component.js';
import type { StrideAlertEvent, StrideSelectEvent } from '../../../packages/elements/src/shared/events.js';

const DEFAULT_IDS = DEFAULT_CATALOGUE.map((definition) => definition.id);
const SCOPE = { org: 'br', period: 'month' as const, date: '2026-11-24' };
const AS_OF = '2026-11-24T10:00:00+08:00';

function text(el: Node | null | undefined): string {
  return el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Rows the kit derives from: November has 21 working days, 17 elapsed by the 24th (pace = target x 17/21). */
function rowsResult(visits = 5): IndicatorsResult {
  return {
    asOf: AS_OF,
    scope: SCOPE,
    period: { start: '2026-11-01', end: '2026-11-30' },
    indicators: [],
    rows: [
      {
        id: 'm1',
        name: '张伟',
        kind: 'manager',
        values: { visits, claim_rate: 0.8 },
        targets: { visits: 21, claim_rate: 0.9 },
        overdue: 6,
        lastActionAt: '2026-11-23T09:00:00+08:00',
      },
      {
        id: 'm2',
        name: '王芳',
        kind: 'manager',
        values: { visits: 2 },
        targets: { visits: 21 },
        overdue: 0,
        lastActionAt: '2026-11-19T16:00:00+08:00',
      },
    ],
  };
}

async function mount(adapter: StrideAdapter, attrs: { lang?: string; group?: string } = {}): Promise<StrideAlerts> {
  return fixture<StrideAlerts>(html`<stride-alerts
    org="br"
    date="2026-11-24"
    lang=${attrs.lang ?? 'zh-CN'}
    group=${attrs.group ?? 'person'}
    .adapter=${adapter}
    .queryClient=${createStrideQueryClient()}
  ></stride-alerts>`);
}

async function rows(el: StrideAlerts): Promise<HTMLButtonElement[]> {
  await waitUntil(() => el.shadowRoot!.querySelector('button[part="alert"]'), 'alerts shown', { timeout: 5000 });
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part="alert"]')];
}

describe('<stride-alerts>', () => {
  it('derives alerts from indicator rows when the adapter has no alerts, saying who, what and how far', async () => {
    const el = await mount({ indicators: async () => rowsResult() });
    const buttons = await rows(el);
    // by person, the person with the worst alert first: 张伟's 6 overdue leads (1.2 x the line of 5) before 王芳's
    // 2 idle days (1.0) and visits 2 of pace 17 (0.88 short)
    const groups = [...el.shadowRoot!.querySelectorAll('[part="group"]')].map((g) => g.getAttribute('data-group'));
    expect(groups).to.deep.equal(['m1', 'm2']);
    const m1 = buttons.filter((b) => b.dataset['alert']!.startsWith('m1:')).map((b) => text(b.querySelector('.line')));
    // inside a group, most severe first: overdue 1.2, visits 0.71 short, claim rate 0.11 short
    expect(m1).to.deep.equal([
      '超时未跟进 6 条 / 预警线 5 条',
      '上门面访 5 / 进度应达 17',
      '名单认领率 80% / 目标 90%',
    ]);
    // 王芳 last acted Thursday the 19th: Friday and Monday idle
    const idle = buttons.find((b) => b.dataset['alert'] === 'm2:inactive')!;
    expect(text(idle.querySelector('.since'))).to.equal('自 11月20日 起');
    expect(text(el.shadowRoot!.querySelector('[part="derived"]'))).to.contain('按本页阈值推算');
  });

  it('uses the adapter’s own alerts when it has them, grouped by indicator in English', async () => {
    const result: AlertsResult = {
      asOf: AS_OF,
      scope: SCOPE,
      alerts: [
        {
          id: 'm1:pace:visits',
          subject: { kind: 'manager', id: 'm1', name: 'Zhang Wei' },
          rule: 'pace',
          indicator: 'visits',
          value: 12,
          expected: 30,
          severity: 0.6,
          since: null,
        },
        {
          id: 'm2:pace:visits',
          subject: { kind: 'manager', id: 'm2', name: 'Wang Fang' },
          rule: 'pace',
          indicator: 'visits',
          value: 20,
          expected: 30,
          severity: 0.33,
          since: null,
        },
      ],
    };
    let rowsAsked = false;
    const el = await mount(
      {
        alerts: async () => result,
        indicators: async () => {
          rowsAsked = true;
          return rowsResult();
        },
      },
      { lang: 'en', group: 'indicator' },
    );
    const buttons = await rows(el);
    const people = [...el.shadowRoot!.querySelectorAll('.row [part="subject"]')].map((b) => text(b));
    expect(people).to.deep.equal(['Zhang Wei', 'Wang Fang']);
    expect(text(buttons[0]!.querySelector('.line'))).to.equal('Visits 12 / pace 30');
    expect(el.shadowRoot!.querySelector('[part="derived"]')).to.equal(null);
    expect(rowsAsked).to.equal(false);
  });

  it('fires stride-alert once for the scope, then only alerts new in a later result', async () => {
    let visits = 20; // 20 of pace 17: not behind
    const events: StrideAlertEvent['detail'][] = [];
    const listener = (e: Event) => events.push((e as StrideAlertEvent).detail);
    document.addEventListener('stride-alert', listener);
    try {
      const el = await mount({ indicators: async () => rowsResult(visits) });
      await rows(el);
      expect(events).to.have.length(1);
      expect(events[0]!.initial).to.equal(true);
      const first = events[0]!.alerts.map((a) => a.id);
      expect(first).to.not.include('m1:pace:visits');
      // a refresh with the same alerts says nothing; one where m1 falls behind on visits says only that
      await el.rowsQuery.refetch();
      await el.updateComplete;
      expect(events).to.have.length(1);
      visits = 5;
      await el.rowsQuery.refetch();
      await waitUntil(() => events.length === 2, 'a second event');
      expect(events[1]).to.deep.include({ initial: false });
      expect(events[1]!.alerts.map((a) => a.id)).to.deep.equal(['m1:pace:visits']);
    } finally {
      document.removeEventListener('stride-alert', listener);
    }
  });

  it('drills to the person and to the leads behind an overdue alert; both are cancelable', async () => {
    // An adapter that can list leads: only then does an alert carry the list it opens
    const el = await mount({
      indicators: async () => rowsResult(),
      leads: async () => ({ asOf: '', scope: SCOPE, total: 0, leads: [] }),
    });
    const buttons = await rows(el);
    const seen: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => {
      seen.push(e);
      e.preventDefault();
    });
    buttons.find((b) => b.dataset['alert'] === 'm1:overdue')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-group="m1"] [part="subject"]')!.click();
    expect(seen.map((e) => e.detail.kind)).to.deep.equal(['alert', 'manager']);
    expect(seen[0]!.detail).to.deep.include({ id: 'm1:overdue', leads: { overdue: 'any' } });
    expect(seen[0]!.detail.scope).to.deep.equal({ ...SCOPE, manager: 'm1' });
    expect(seen[1]!.detail.id).to.equal('m1');
    expect(seen.every((e) => e.cancelable && e.defaultPrevented)).to.equal(true);
  });

  it('an alert carries no leads where the adapter cannot list them: it names its subject', async () => {
    const el = await mount({ indicators: async () => rowsResult() });
    const buttons = await rows(el);
    const seen: StrideSelectEvent[] = [];
    el.addEventListener('stride-select', (e) => seen.push(e));
    buttons.find((b) => b.dataset['alert'] === 'm1:overdue')!.click();
    expect(seen[0]!.detail).to.not.have.property('leads');
    expect(seen[0]!.detail.scope).to.deep.equal({ ...SCOPE, manager: 'm1' });
  });

  it('says so when nobody is behind', async () => {
    const calm: IndicatorsResult = { ...rowsResult(), rows: [] };
    const el = await mount({ indicators: async () => calm }, { lang: 'en' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="state"]'), 'empty state');
    expect(text(el.shadowRoot!.querySelector('[part="state"]'))).to.contain('Nobody in this scope is behind');
  });

  it('a bank-wide list starts with the worst 20 people, 5 alerts each, and shows more on request, by keyboard too', async () => {
    // 2,000 managers, each behind on all ten indicators: 20,000 alerts, the worst person first (m0001).
    const ids = DEFAULT_IDS;
    const alerts: AlertsResult['alerts'] = [];
    for (let m = 1; m <= 2000; m += 1) {
      const id = `m${String(m).padStart(4, '0')}`;
      ids.forEach((indicator, i) =>
        alerts.push({
          id: `${id}:pace:${indicator}`,
          subject: { kind: 'manager', id, name: `经理${m}` },
          rule: 'pace',
          indicator,
          value: 1,
          expected: 20,
          severity: 0.99 - m / 10_000 - i / 100_000,
          since: null,
        }),
      );
    }
    const el = await mount({ alerts: async () => ({ asOf: AS_OF, scope: SCOPE, alerts }) }, { lang: 'en' });
    await rows(el);
    const root = el.shadowRoot!;
    const shownRows = () => root.querySelectorAll('button[part="alert"]').length;
    const groups = () => [...root.querySelectorAll('[part="group"]')].map((g) => g.getAttribute('data-group'));
    expect(text(root.querySelector('[part="count"]'))).to.equal('20,000 alerts');
    expect(groups()).to.have.length(20);
    expect(groups()[0]).to.equal('m0001');
    expect(shownRows()).to.equal(100);
    // each group says how many it holds and what one press adds
    const first = root.querySelector('[part="group"][data-group="m0001"]')!;
    expect(text(first.querySelector('.group-count'))).to.equal('10');
    const moreRows = first.querySelector<HTMLButtonElement>('[part="more"]')!;
    expect(text(moreRows)).to.equal('Show the other 5');
    const moreGroups = root.querySelector<HTMLButtonElement>('.groups > [part="more"]')!;
    expect(text(moreGroups)).to.equal('Show 20 more people (1,980 not shown)');

    // by keyboard: the group's sixth alert takes focus, so the reader goes on where the list grew
    moreRows.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => first.querySelectorAll('button[part="alert"]').length === 10, 'the group shows all ten');
    expect(first.querySelector('[part="more"]')).to.equal(null);
    expect(root.activeElement?.getAttribute('data-alert')).to.equal('m0001:pace:followup_rate');

    moreGroups.click();
    await waitUntil(() => groups().length === 40, 'twenty more people');
    expect(root.activeElement?.closest('[part="group"]')?.getAttribute('data-group')).to.equal('m0021');
    expect(text(root.querySelector('.groups > [part="more"]'))).to.equal('Show 20 more people (1,960 not shown)');

    // another grouping starts again from the worst
    root.querySelector<HTMLButtonElement>('[part="group-toggle"]:last-of-type')!.click();
    await waitUntil(() => groups().length === 10, 'ten indicators');
    expect(shownRows()).to.equal(50);
    expect(text(root.querySelector('[part="group"] [part="more"]'))).to.equal('Show 20 more (1,995 not shown)');
  });
});
