import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LeadEvent, Position } from '../../packages/core/src/contracts.js';
import { calendarToCsv, eventsToCsv, generatePilot, orgTreeToCsv, targetsToCsv } from '../../mocks/pilot/index.js';
import { dayNumber } from '../../mocks/pilot/time.js';

const TODAY = '2026-11-24'; // a Tuesday
const NOW = new Date('2026-11-24T15:30:00+08:00');
const pilot = generatePilot({ seed: 42, today: TODAY, now: NOW });

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const countBy = (events: readonly LeadEvent[], type: string): number => events.filter((e) => e.type === type).length;

test('the same seed, today and now give identical data; another seed gives another log', () => {
  const again = generatePilot({ seed: 42, today: TODAY, now: NOW });
  assert.equal(JSON.stringify(again), JSON.stringify(pilot));
  const other = generatePilot({ seed: 43, today: TODAY, now: NOW });
  assert.notEqual(JSON.stringify(other.events.slice(0, 50)), JSON.stringify(pilot.events.slice(0, 50)));
});

test('the log ends on today: sorted, +08:00, today busy up to now and nothing after it', () => {
  const { events } = pilot;
  assert.ok(events.length >= 15_000 && events.length <= 30_000, `${events.length} events`);
  const times = events.map((e) => Date.parse(e.at));
  for (let i = 1; i < times.length; i += 1)
    assert.ok((times[i] ?? 0) >= (times[i - 1] ?? 0), `event ${i} out of order`);
  assert.ok(events.every((e) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(e.at)));
  assert.ok(Math.max(...times) <= NOW.getTime());
  const today = events.filter((e) => e.at.startsWith(TODAY));
  assert.ok(today.length >= 50, `only ${today.length} events today`);
  assert.ok(
    today.some((e) => e.type === 'assigned'),
    'the morning list was pushed today',
  );
  assert.equal(pilot.today, TODAY);
  assert.deepEqual(pilot.pilot, { start: '2026-09-26', end: TODAY });
  assert.ok(events.every((e) => e.at.slice(0, 10) >= '2026-09-26'));
});

test('a very early now still has a few events today, all between midnight and now', () => {
  for (const at of ['2026-11-24T00:02:00+08:00', '2026-11-24T00:00:00+08:00']) {
    const now = new Date(at);
    const early = generatePilot({ seed: 42, today: TODAY, now });
    const today = early.events.filter((e) => e.at.startsWith(TODAY));
    assert.ok(today.length >= 3, `${today.length} events today at ${at}`);
    assert.ok(
      today.every((e) => Date.parse(e.at) <= now.getTime()),
      `an event after ${at}`,
    );
  }
});

test('regenerating later in the day keeps the earlier history and only adds to it', () => {
  const morning = generatePilot({ seed: 42, today: TODAY, now: new Date('2026-11-24T10:00:00+08:00') });
  const cutoff = Date.parse('2026-11-24T10:00:00+08:00');
  const key = (e: LeadEvent): string => `${e.at}|${e.type}|${e.managerId}|${e.customerId}`;
  const evening = pilot.events.filter((e) => Date.parse(e.at) <= cutoff).map(key);
  assert.deepEqual(morning.events.map(key), evening);
});

test('org tree: bank, branch, 3 sub-branches, 2 teams each, 40 managers with unique Chinese names', () => {
  const { orgTree } = pilot;
  const level = (l: string) => orgTree.filter((n) => n.level === l);
  assert.equal(level('bank').length, 1);
  assert.equal(level('bank')[0]?.parentId, null);
  assert.equal(level('branch').length, 1);
  assert.equal(level('subbranch').length, 3);
  assert.equal(level('team').length, 6);
  const managers = level('manager');
  assert.equal(managers.length, 40);
  assert.equal(new Set(managers.map((m) => m.name)).size, 40);
  assert.ok(
    managers.every((m) => /^[\u4e00-\u9fff]{2,3}$/.test(m.name)),
    'surname + one or two given characters',
  );
  const byId = new Map(orgTree.map((n) => [n.id, n]));
  const parentLevel: Record<string, string> = {
    branch: 'bank',
    subbranch: 'branch',
    team: 'subbranch',
    manager: 'team',
  };
  for (const node of orgTree)
    if (node.parentId !== null) assert.equal(byId.get(node.parentId)?.level, parentLevel[node.level], node.id);
  assert.ok(byId.has('br-hz') && byId.has('sb-xh') && byId.has('tm-xh-1') && byId.has('m-001') && byId.has('m-040'));
});

test("every event's manager exists and its grid is one of that manager's grids", () => {
  const managers = new Set(pilot.orgTree.filter((n) => n.level === 'manager').map((n) => n.id));
  const gridManagers = new Map(
    pilot.grids.features.map((f) => [f.properties.gridId, f.properties['managerIds'] as string[]]),
  );
  for (const e of pilot.events) {
    assert.ok(managers.has(e.managerId), `unknown manager ${e.managerId}`);
    assert.ok(gridManagers.get(e.gridId)?.includes(e.managerId), `${e.gridId} is not a grid of ${e.managerId}`);
  }
  // One lead stays with one manager, grid and customer.
  const leads = new Map<string, string>();
  for (const e of pilot.events) {
    const who = `${e.managerId}|${e.gridId}|${e.customerId}`;
    assert.equal(leads.get(e.leadId) ?? who, who);
    leads.set(e.leadId, who);
  }
});

test('grid assignment: every manager has a grid, a few grids are shared and a few unassigned', () => {
  const features = pilot.grids.features;
  assert.equal(features.length, 60);
  const ids = features.map((f) => f.properties['managerIds'] as string[]);
  const managers = pilot.orgTree.filter((n) => n.level === 'manager');
  for (const m of managers)
    assert.ok(
      ids.some((list) => list.includes(m.id)),
      `${m.id} has no grid`,
    );
  const unassigned = ids.filter((list) => list.length === 0).length;
  const shared = ids.filter((list) => list.length === 2).length;
  assert.ok(unassigned >= 1 && unassigned <= 6, `${unassigned} unassigned`);
  assert.ok(shared >= 1 && shared <= 8, `${shared} shared`);
  assert.ok(ids.every((list) => list.length <= 2));
  assert.ok(features.every((f) => (f.properties.households ?? 0) >= 20 && (f.properties.households ?? 0) <= 187));
  assert.equal(new Set(features.map((f) => f.properties.name)).size, 60);
  assert.ok(features.every((f) => /^[\u4e00-\u9fff]+社区$/.test(f.properties.name)));
  assert.deepEqual(
    features.slice(0, 2).map((f) => f.properties.gridId),
    ['g-001', 'g-002'],
  );
});

const ringOf = (index: number): Position[] => {
  const geometry = pilot.grids.features[index]?.geometry;
  assert.equal(geometry?.type, 'Polygon');
  return (geometry?.coordinates as Position[][])[0] ?? [];
};
const rings = pilot.grids.features.map((_, i) => ringOf(i));

test('grid rings: closed, counter-clockwise, 50-200 vertices, inside the Hangzhou district', () => {
  for (const [i, ring] of rings.entries()) {
    const first = ring[0];
    const last = ring[ring.length - 1];
    assert.deepEqual(first, last, `ring ${i} is not closed`);
    const vertices = ring.length - 1;
    assert.ok(vertices >= 50 && vertices <= 200, `grid ${i} has ${vertices} vertices`);
    let twiceArea = 0;
    for (let k = 0; k < ring.length - 1; k += 1) {
      const [x1, y1] = ring[k] as Position;
      const [x2, y2] = ring[k + 1] as Position;
      twiceArea += x1 * y2 - x2 * y1;
    }
    assert.ok(twiceArea > 0, `grid ${i} is clockwise`);
    for (const [x, y] of ring)
      assert.ok(x > 120.05 && x < 120.27 && y > 30.2 && y < 30.36, `grid ${i} vertex ${x},${y}`);
  }
});

test('neighbouring grids share identical border vertices; only the district edge is unshared', () => {
  const segments = new Map<string, { grid: number; forward: boolean }[]>();
  for (const [grid, ring] of rings.entries()) {
    for (let k = 0; k < ring.length - 1; k += 1) {
      const a = String(ring[k]);
      const b = String(ring[k + 1]);
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      const list = segments.get(key) ?? [];
      list.push({ grid, forward: a < b });
      segments.set(key, list);
    }
  }
  const all = rings.flat();
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const maxY = Math.max(...all.map((p) => p[1]));
  const tolerance = 0.01 * Math.min(maxX - minX, maxY - minY);
  const onEdge = ([x, y]: number[]): boolean =>
    x! - minX < tolerance || maxX - x! < tolerance || y! - minY < tolerance || maxY - y! < tolerance;
  const withNeighbour = new Set<number>();
  let shared = 0;
  for (const [key, list] of segments) {
    assert.ok(list.length <= 2, `segment ${key} is in ${list.length} grids`);
    if (list.length === 2) {
      const [one, two] = list as [{ grid: number; forward: boolean }, { grid: number; forward: boolean }];
      assert.notEqual(one.grid, two.grid);
      assert.notEqual(one.forward, two.forward, 'a shared border runs in opposite directions in the two rings');
      withNeighbour.add(one.grid).add(two.grid);
      shared += 1;
    } else {
      for (const point of key.split('|'))
        assert.ok(onEdge(point.split(',').map(Number)), `unshared segment ${key} inside the district`);
    }
  }
  assert.equal(withNeighbour.size, 60, 'every grid shares a border with a neighbour');
  assert.ok(shared > 2000, `${shared} shared segments`);
});

test('grids do not overlap: sampled points each fall in exactly one grid', () => {
  const inside = (x: number, y: number, ring: Position[]): boolean => {
    let result = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi, yi] = ring[i] as Position;
      const [xj, yj] = ring[j] as Position;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
    }
    return result;
  };
  const all = rings.flat();
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const maxY = Math.max(...all.map((p) => p[1]));
  // A fixed lattice of sample points, 2% inside the district edge (the edge streets meander a little).
  for (let a = 0; a < 50; a += 1) {
    for (let b = 0; b < 40; b += 1) {
      const x = minX + (maxX - minX) * (0.02 + (0.96 * (a + 0.37)) / 50);
      const y = minY + (maxY - minY) * (0.02 + (0.96 * (b + 0.61)) / 40);
      const hits = rings.filter((ring) => inside(x, y, ring)).length;
      assert.equal(hits, 1, `point ${x},${y} falls in ${hits} grids`);
    }
  }
});

test('calendar: a weekday holiday and a weekend make-up working day inside the window', () => {
  const { holidays, workdays } = pilot.calendar;
  assert.ok(holidays.length >= 1 && workdays.length >= 1);
  for (const date of holidays) {
    assert.ok(date >= pilot.pilot.start && date < TODAY);
    assert.ok(weekdayOf(date) >= 1 && weekdayOf(date) <= 5, `${date} is not a weekday`);
  }
  for (const date of workdays) {
    assert.ok(date >= pilot.pilot.start && date < TODAY);
    assert.ok(weekdayOf(date) === 0 || weekdayOf(date) === 6, `${date} is not a weekend day`);
  }
  // Holidays are as quiet as weekends: no head-office list is pushed on them.
  assert.equal(pilot.events.filter((e) => e.type === 'assigned' && holidays.includes(e.at.slice(0, 10))).length, 0);
});

test('targets: month, week and working-day targets for every org, counts positive, fractions 0-1', () => {
  const orgs = pilot.orgTree
    .filter((n) => n.level === 'branch' || n.level === 'subbranch' || n.level === 'team')
    .map((n) => n.id);
  const { targets } = pilot;
  for (const org of orgs) {
    for (const start of ['2026-09-01', '2026-10-01', '2026-11-01']) {
      assert.equal(
        targets.filter((t) => t.org === org && t.period === 'month' && t.start === start).length,
        // the ten event indicators and the two supplied balances (deposits, AUM)
        12,
        `${org} ${start}`,
      );
    }
    assert.equal(targets.filter((t) => t.org === org && t.period === 'week' && t.indicator === 'assigned').length, 10);
  }
  for (const t of targets.filter((t) => t.period === 'week'))
    assert.equal(weekdayOf(t.start), 1, `week ${t.start} starts on a Monday`);
  for (const t of targets.filter((t) => t.period === 'day')) {
    assert.ok(
      !pilot.calendar.holidays.includes(t.start) &&
        (weekdayOf(t.start) % 6 !== 0 || pilot.calendar.workdays.includes(t.start)),
    );
  }
  for (const t of targets) {
    if (t.indicator.endsWith('_rate')) assert.ok(t.target > 0 && t.target <= 1, `${t.indicator} ${t.target}`);
    else assert.ok(Number.isInteger(t.target) && t.target >= 1, `${t.indicator} ${t.target}`);
  }
  // The branch's monthly list target is on the scale of what its 40 managers receive (about 2 a day each).
  const november = targets.find(
    (t) => t.org === 'br-hz' && t.period === 'month' && t.start === '2026-11-01' && t.indicator === 'assigned',
  );
  assert.ok(november && november.target > 40 * 21 * 1.5 && november.target < 40 * 21 * 3, `${november?.target}`);
});

test('funnel rates: intent about 17% of assigned, then about half at each step; amounts in CNY', () => {
  const { events } = pilot;
  const assigned = countBy(events, 'assigned');
  const intent = countBy(events, 'intent');
  const applied = countBy(events, 'applied');
  const converted = countBy(events, 'converted');
  assert.ok(intent / assigned >= 0.12 && intent / assigned <= 0.22, `intent/assigned ${intent / assigned}`);
  assert.ok(applied / intent >= 0.3 && applied / intent <= 0.7, `applied/intent ${applied / intent}`);
  assert.ok(converted / applied >= 0.3 && converted / applied <= 0.7, `converted/applied ${converted / applied}`);
  for (const e of events) {
    if (e.type === 'converted') {
      assert.ok(e.amount !== undefined && e.amount >= 5000 && e.amount <= 500_000, `amount ${e.amount}`);
      assert.ok(
        Math.abs(e.amount * 100 - Math.round(e.amount * 100)) < 1e-6,
        `amount ${e.amount} has more than 2 decimals`,
      );
    } else assert.equal(e.amount, undefined);
  }
});

test('each lead moves forwards: assigned first, claimed before contact, nothing before first contact, most claims within 24 h', () => {
  const byLead = new Map<string, LeadEvent[]>();
  for (const e of pilot.events) byLead.set(e.leadId, [...(byLead.get(e.leadId) ?? []), e]);
  let claimed = 0;
  let prompt = 0;
  let contacted = 0;
  for (const [lead, events] of byLead) {
    assert.equal(events[0]?.type, 'assigned', `${lead} starts with ${events[0]?.type}`);
    assert.equal(countBy(events, 'assigned'), 1);
    const firstAt = (type: string): number => {
      const e = events.find((x) => x.type === type);
      return e ? Date.parse(e.at) : NaN;
    };
    const claim = firstAt('claimed');
    const contact = firstAt('contacted');
    if (!Number.isNaN(contact)) {
      assert.ok(claim <= contact, `${lead} contacted before it was claimed`);
      contacted += 1;
    }
    for (const type of ['conversation', 'visited', 'followup', 'logged', 'intent']) {
      const at = firstAt(type);
      if (!Number.isNaN(at)) assert.ok(contact <= at, `${lead}: ${type} before first contact`);
    }
    if (!Number.isNaN(claim)) {
      claimed += 1;
      if (claim - firstAt('assigned') <= 24 * 3600_000) prompt += 1;
    }
  }
  assert.ok(prompt / claimed > 0.7 && prompt / claimed < 0.98, `claimed within 24 h: ${prompt / claimed}`);
  assert.ok(claimed / byLead.size > 0.8 && claimed / byLead.size < 0.99, `claimed ${claimed / byLead.size}`);
  assert.ok(contacted / byLead.size > 0.6, `contacted ${contacted / byLead.size}`);
});

test('weekends are quieter than weekdays, and strong performers stand out from weak ones', () => {
  const perDay = new Map<string, number>();
  for (const e of pilot.events) perDay.set(e.at.slice(0, 10), (perDay.get(e.at.slice(0, 10)) ?? 0) + 1);
  const weekend: number[] = [];
  const weekday: number[] = [];
  for (const [date, count] of perDay) {
    if (date === TODAY || pilot.calendar.holidays.includes(date) || pilot.calendar.workdays.includes(date)) continue;
    (weekdayOf(date) % 6 === 0 ? weekend : weekday).push(count);
  }
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  // Weekend days without any event count as zero: count the window's weekend days from the calendar itself.
  let weekendDays = 0;
  for (
    let day = Date.parse(`${pilot.pilot.start}T00:00:00Z`);
    day < Date.parse(`${TODAY}T00:00:00Z`);
    day += 86_400_000
  ) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (weekdayOf(date) % 6 === 0 && !pilot.calendar.workdays.includes(date)) weekendDays += 1;
  }
  assert.equal(weekendDays, 17); // 2026-09-26 to 11-23: 18 weekend days, 10-24 worked as a make-up day
  assert.ok(mean(weekday) > 0 && weekend.reduce((s, x) => s + x, 0) / weekendDays < 0.4 * mean(weekday));
  const contactsBy = new Map<string, number>();
  for (const e of pilot.events)
    if (e.type === 'contacted') contactsBy.set(e.managerId, (contactsBy.get(e.managerId) ?? 0) + 1);
  const counts = [...contactsBy.values()].sort((a, b) => a - b);
  assert.ok(
    (counts[counts.length - 1] ?? 0) > 1.5 * (counts[0] ?? 0),
    `contacts range ${counts[0]}..${counts[counts.length - 1]}`,
  );
});

test('CSV files: header, one row per record, RFC 4180 quoting, amount on conversions only', () => {
  const events = eventsToCsv(pilot.events).split('\r\n');
  assert.equal(events[0], 'at,type,leadId,managerId,customerId,gridId,amount');
  assert.equal(events.length, pilot.events.length + 2); // header + rows + the empty string after the last CRLF
  const converted = pilot.events.findIndex((e) => e.type === 'converted');
  assert.match(events[converted + 1] ?? '', /,converted,.*,\d+\.\d{2}$/);
  assert.match(events[1] ?? '', /,assigned,.*,$/);
  const roster = orgTreeToCsv([
    { id: 'bank', name: '某某银行', parentId: null, level: 'bank' },
    { id: 'm-1', name: 'Li, "Lee"', parentId: 'bank', level: 'manager' },
  ]);
  assert.equal(roster, 'id,name,parentId,level\r\nbank,某某银行,,bank\r\nm-1,"Li, ""Lee""",bank,manager\r\n');
  assert.equal(
    calendarToCsv({ holidays: ['2026-10-26', '2026-10-05'], workdays: ['2026-10-24'] }),
    'date,kind\r\n2026-10-05,holiday\r\n2026-10-24,workday\r\n2026-10-26,holiday\r\n',
  );
  assert.equal(
    targetsToCsv([
      { org: 'br-hz', indicator: 'claim_rate', period: 'month', start: '2026-11-01', target: 0.9, baseline: 0.55 },
      { org: 'br-hz', indicator: 'visits', period: 'month', start: '2026-11-01', target: 120 },
    ]),
    'org,indicator,period,start,target,baseline\r\nbr-hz,claim_rate,month,2026-11-01,0.9,0.55\r\n' +
      'br-hz,visits,month,2026-11-01,120,\r\n',
  );
});

test('an asked-for event count is met exactly, also below the natural volume', () => {
  const small = generatePilot({ seed: 5, today: TODAY, now: NOW, events: 5000 });
  assert.equal(small.events.length, 5000);
  assert.ok(small.events.some((e) => e.at.startsWith(TODAY)));
  const intent = countBy(small.events, 'intent') / countBy(small.events, 'assigned');
  assert.ok(intent >= 0.12 && intent <= 0.22, `intent/assigned ${intent}`);
});

test('bank scale: 10,000 managers, 5,000 grids and 1,000,000 events', () => {
  const started = performance.now();
  const bank = generatePilot({
    seed: 9,
    today: TODAY,
    now: NOW,
    managers: 10_000,
    grids: 5000,
    events: 1_000_000,
    subbranches: 13,
    teamsPerSubbranch: 10,
  });
  console.log(`bank-scale pilot generated in ${Math.round(performance.now() - started)} ms`);
  assert.equal(bank.events.length, 1_000_000);
  assert.equal(bank.grids.features.length, 5000);
  const managers = bank.orgTree.filter((n) => n.level === 'manager');
  assert.equal(managers.length, 10_000);
  assert.equal(new Set(managers.map((m) => m.name)).size, 10_000);
  const gridIds = new Set<string>();
  for (const f of bank.grids.features) {
    gridIds.add(f.properties.gridId);
    const vertices = ((f.geometry.coordinates as Position[][])[0]?.length ?? 0) - 1;
    assert.ok(vertices >= 50 && vertices <= 200, `${f.properties.gridId} has ${vertices} vertices`);
  }
  assert.equal(gridIds.size, 5000);
  assert.equal(bank.events[bank.events.length - 1]?.at.slice(0, 10), TODAY);
});

test('every customer of the log has a realistic name (compound surnames included) and a distinct mobile', () => {
  const ids = new Set(pilot.events.map((e) => e.customerId));
  assert.equal(pilot.customers.length, ids.size);
  assert.ok(pilot.customers.every((c) => ids.has(c.customerId)));
  const lengths = new Set(pilot.customers.map((c) => c.name.length));
  assert.deepEqual([...lengths].sort(), [2, 3, 4]);
  assert.ok(pilot.customers.some((c) => /^(欧阳|司马|上官|诸葛|东方|皇甫|慕容|令狐|尉迟|公孙|司徒|夏侯)/.test(c.name)));
  assert.ok(pilot.customers.every((c) => /^[\u4e00-\u9fff]{2,4}$/.test(c.name)));
  const phones = pilot.customers.map((c) => c.phone);
  assert.ok(phones.every((p) => p !== undefined && /^1[3-9]\d{9}$/.test(p)));
  assert.equal(new Set(phones).size, phones.length);
});

test('supplied balances: every manager has a deposit balance and AUM every day from before the pilot, in plausible sizes', () => {
  const managers = pilot.orgTree.filter((n) => n.level === 'manager').map((n) => n.id);
  const first = pilot.pilot.start;
  for (const indicator of ['deposits', 'aum']) {
    const rows = pilot.supplied.filter((r) => r.indicator === indicator);
    // 100 days of history before the pilot: last month's same point and every month's opening exist
    assert.ok(
      rows.some((r) => r.date < first && dayNumber(first) - dayNumber(r.date) >= 90),
      indicator,
    );
    assert.equal(new Set(rows.map((r) => r.managerId)).size, managers.length);
    assert.ok(rows.every((r) => Number.isFinite(r.value) && r.value > 0));
  }
  const last = (indicator: string, manager: string) =>
    pilot.supplied.filter((r) => r.indicator === indicator && r.managerId === manager).at(-1)!.value;
  for (const manager of managers) {
    const deposits = last('deposits', manager);
    // a book of 3,000万 to 1.2亿 grows a little over the pilot; AUM is larger than the deposits in it
    assert.ok(deposits > 25_000_000 && deposits < 160_000_000, `${manager} deposits ${deposits}`);
    assert.ok(last('aum', manager) > deposits, `${manager} aum`);
  }
  // a month target per manager and org for each balance, above the month's opening
  assert.ok(pilot.targets.some((t) => t.indicator === 'deposits' && t.org === managers[0] && t.period === 'month'));
});
