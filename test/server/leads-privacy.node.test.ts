/**
 * Customer data in the reference server (DESIGN's customer-data rule): masked unless the session's verify hook grants
 * `unmasked`; leads only inside the session's org subtree (a manager: their own); every leads request audit-logged
 * without customer values. A masked session's every response, every log line and every audit line is scanned for the
 * synthetic customers' real names and mobiles.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FUNNEL_STAGES, DEFAULT_CATALOGUE, type LeadsResult } from '../../packages/core/src/contracts.js';
import { createMetricsService } from '../../packages/server/src/metrics.js';
import {
  createStrideServer,
  type LeadsAuditEntry,
  type StrideServer,
  type VerifyResult,
} from '../../packages/server/src/server.js';
import { openWarehouse } from '../../packages/server/src/warehouse.js';
import { generatePilot } from '../../mocks/pilot/index.js';

const NOW = new Date('2026-03-10T15:30:00+08:00');
const pilot = generatePilot({ today: '2026-03-10', now: NOW });
const subbranch = pilot.orgTree.find((n) => n.level === 'subbranch')!;
const otherSubbranch = pilot.orgTree.filter((n) => n.level === 'subbranch')[1]!;
const team = pilot.orgTree.find((n) => n.level === 'team' && n.parentId === subbranch.id)!;
const [manager, colleague] = pilot.orgTree.filter((n) => n.level === 'manager' && n.parentId === team.id);

/** Real names that cannot turn up by chance inside an org or grid name, and every mobile. */
const otherText = [...pilot.orgTree.map((n) => n.name), ...pilot.grids.features.map((f) => f.properties.name)].join();
const names = new Set(pilot.customers.filter((c) => !otherText.includes(c.name)).map((c) => c.name));
const phones = new Set(pilot.customers.map((c) => c.phone!));
/** Every real name or mobile in the text: each run of digits and of Chinese characters is looked up, all of it. */
function leaked(text: string): string[] {
  const found = new Set<string>();
  for (const [digits] of text.matchAll(/\d{11,}/g)) {
    for (let i = 0; i + 11 <= digits.length; i++) if (phones.has(digits.slice(i, i + 11))) found.add(digits);
  }
  for (const [run] of text.matchAll(/[\u3400-\u9fff]+/g)) {
    for (let i = 0; i < run.length; i++) {
      for (let n = 2; n <= 4 && i + n <= run.length; n++)
        if (names.has(run.slice(i, i + n))) found.add(run.slice(i, i + n));
    }
  }
  return [...found];
}

const SESSIONS: Record<string, VerifyResult> = {
  'masked-bank': { ok: true, session: 's-masked' },
  'open-bank': { ok: true, session: 's-open', unmasked: true },
  subbranch: { ok: true, session: 's-subbranch', org: subbranch.id },
  manager: { ok: true, session: 's-manager', org: subbranch.id, manager: manager!.id },
};

describe('leads on the reference server: masking, scoping, audit', () => {
  let stride: StrideServer;
  let base: string;
  const audit: LeadsAuditEntry[] = [];
  const logLines: string[] = [];
  const consoleLines: string[] = [];
  const bodies: string[] = [];
  const saved = { log: console.log, error: console.error, warn: console.warn, info: console.info };

  before(async () => {
    for (const name of ['log', 'error', 'warn', 'info'] as const) {
      console[name] = (...args: unknown[]) => consoleLines.push(args.map(String).join(' '));
    }
    const warehouse = await openWarehouse({ ...pilot, now: () => NOW });
    stride = createStrideServer({
      warehouse,
      metrics: createMetricsService(warehouse),
      verify: ({ headers }) =>
        SESSIONS[headers.authorization?.replace(/^Bearer /, '') ?? ''] ?? { ok: false, status: 401 },
      log: (message, error) => logLines.push(`${message} ${String(error ?? '')}`),
      audit: (entry) => audit.push(entry),
    });
    base = (await stride.listen(0, '127.0.0.1')).url;
  });
  after(async () => {
    await stride.close();
    Object.assign(console, saved);
  });

  async function get(session: string, path: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${session}` } });
    const body = await response.text();
    if (session !== 'open-bank') bodies.push(body);
    return { status: response.status, body };
  }

  const month = `period=month&date=2026-03-10`;

  it("a masked session's every response holds no real name or mobile, across every filter kind and page", async () => {
    for (const path of [
      `/v1/indicators?org=bank&${month}&rows=managers`,
      `/v1/leaderboard?org=bank&${month}&board=managers&metric=points`,
      `/v1/funnel?org=bank&${month}`,
      `/v1/coverage?org=bank&${month}`,
      `/v1/grids?org=bank`,
      `/v1/org-tree`,
    ]) {
      assert.equal((await get('masked-bank', path)).status, 200, path);
    }
    const grid = pilot.grids.features[2]!.properties.gridId;
    const filters = [
      '',
      ...FUNNEL_STAGES.map((s) => `&stage=${s}`),
      ...FUNNEL_STAGES.slice(1, 6).map((s) => `&overdue=${s}`),
      '&overdue=any',
      `&gridId=${grid}`,
      `&gridId=${grid}&covered=true`,
      ...DEFAULT_CATALOGUE.map((d) => `&indicator=${d.id}`),
    ];
    let rows = 0;
    for (const filter of filters) {
      let cursor = '';
      for (let page = 0; page < 3; page++) {
        const { status, body } = await get('masked-bank', `/v1/leads?org=bank&${month}${filter}&limit=500${cursor}`);
        assert.equal(status, 200, filter);
        const result = JSON.parse(body) as LeadsResult;
        rows += result.leads.length;
        assert.ok(result.leads.every((r) => r.masked && r.customer.includes('*')));
        if (!result.nextCursor) break;
        cursor = `&cursor=${result.nextCursor}`;
      }
    }
    assert.ok(rows > 3000, `${rows} rows scanned`);
    // refused and bad requests too
    assert.equal((await get('masked-bank', `/v1/leads?org=bank&${month}&limit=5&cursor=zz.stale`)).status, 400);
    assert.equal((await get('masked-bank', `/v1/leads?org=bank&${month}&limit=5000`)).status, 400);
    assert.deepEqual(leaked(bodies.join('\n')), []);
  });

  it('an unmasked session sees real names and mobiles (so the scan above can find them)', async () => {
    const { body } = await get('open-bank', `/v1/leads?org=bank&${month}&limit=500`);
    const result = JSON.parse(body) as LeadsResult;
    assert.ok(result.leads.every((r) => !r.masked));
    assert.ok(leaked(body).length > 100);
  });

  it("403 outside the session's org subtree; a manager sees only their own leads", async () => {
    const leads = (session: string, scope: string) => get(session, `/v1/leads?${scope}&${month}&limit=50`);
    assert.equal((await leads('subbranch', 'org=br-hz')).status, 403);
    assert.equal((await leads('subbranch', `org=${otherSubbranch.id}`)).status, 403);
    assert.equal((await leads('subbranch', `org=${team.id}`)).status, 200);
    assert.equal((await leads('manager', `org=${team.id}`)).status, 403);
    assert.equal((await leads('manager', `org=${team.id}&manager=${colleague!.id}`)).status, 403);
    const own = await leads('manager', `org=${team.id}&manager=${manager!.id}`);
    assert.equal(own.status, 200);
    const result = JSON.parse(own.body) as LeadsResult;
    assert.ok(result.leads.length > 0 && result.leads.every((r) => r.managerId === manager!.id));
    // the numbers themselves stay as before: scoping is about customer data
    assert.equal((await get('manager', `/v1/funnel?org=br-hz&${month}`)).status, 200);
  });

  it('every leads request is audited (session, time, scope, filter, rows, masked), never with customer values', () => {
    assert.ok(audit.length >= 40);
    const refused = audit.filter((e) => e.status === 403);
    assert.equal(refused.length, 4);
    assert.ok(refused.every((e) => e.rows === 0 && e.session !== null));
    const own = audit.find((e) => e.session === 's-manager' && e.status === 200)!;
    assert.deepEqual(own.scope, { org: team.id, manager: manager!.id, period: 'month', date: '2026-03-10' });
    assert.ok(own.rows > 0 && own.masked === true && Number.isFinite(Date.parse(own.at)));
    const open = audit.find((e) => e.session === 's-open')!;
    assert.equal(open.masked, false);
    const covered = audit.find((e) => e.filter['covered'] === 'true')!;
    assert.equal(covered.filter['gridId'], pilot.grids.features[2]!.properties.gridId);
    assert.equal(audit.filter((e) => e.status === 400).length, 2);
    assert.deepEqual(leaked(JSON.stringify(audit)), []);
  });

  it('no log or console line carries customer data', () => {
    assert.deepEqual(leaked([...logLines, ...consoleLines].join('\n')), []);
  });
});
