import type { LeadEvent, OrgTree } from '../../../packages/core/src/contracts.js';

/** A branch with one sub-branch, one team and two managers: small enough to check numbers by hand. */
export const orgTree: OrgTree = [
  { id: 'B01', name: 'Harbour Branch', parentId: null, level: 'branch' },
  { id: 'S01', name: 'East Sub-branch', parentId: 'B01', level: 'subbranch' },
  { id: 'T01', name: 'Team 1', parentId: 'S01', level: 'team' },
  { id: 'm1', name: 'Li Na', parentId: 'T01', level: 'manager' },
  { id: 'm2', name: 'Wang Wei', parentId: 'T01', level: 'manager' },
];

export const rosterCsv =
  'id,name,parentId,level\r\nB01,Harbour Branch,,branch\r\nS01,East Sub-branch,B01,subbranch\r\nT01,Team 1,S01,team\r\nm1,Li Na,T01,manager\r\nm2,Wang Wei,T01,manager\r\n';

const event = (at: string, type: LeadEvent['type'], leadId: string, managerId: string, amount?: number): LeadEvent => ({
  at,
  type,
  leadId,
  managerId,
  customerId: `c-${leadId}`,
  gridId: 'G1',
  ...(amount !== undefined ? { amount } : {}),
});

/** Three leads in November 2026 (Asia/Shanghai); L1 goes all the way to a 1,200.50 conversion. */
export const events: LeadEvent[] = [
  event('2026-11-02T09:00:00+08:00', 'assigned', 'L1', 'm1'),
  event('2026-11-02T10:00:00+08:00', 'claimed', 'L1', 'm1'),
  event('2026-11-02T15:00:00+08:00', 'contacted', 'L1', 'm1'),
  event('2026-11-03T10:00:00+08:00', 'visited', 'L1', 'm1'),
  event('2026-11-10T10:00:00+08:00', 'intent', 'L1', 'm1'),
  event('2026-11-12T10:00:00+08:00', 'applied', 'L1', 'm1'),
  event('2026-11-16T10:00:00+08:00', 'converted', 'L1', 'm1', 1200.5),
  event('2026-11-02T09:00:00+08:00', 'assigned', 'L2', 'm2'),
  event('2026-11-04T09:00:00+08:00', 'claimed', 'L2', 'm2'),
  event('2026-11-05T09:00:00+08:00', 'assigned', 'L3', 'm2'),
];

/** `events` as events.csv, plus one malformed row on line 4. */
export const eventsCsvFixture = [
  'at,type,leadId,managerId,customerId,gridId,amount',
  ...events.slice(0, 2).map((e) => `${e.at},${e.type},${e.leadId},${e.managerId},${e.customerId},${e.gridId},`),
  '2026-11-02T16:00:00+08:00,visit,L1,m1,c-L1,G1,',
  ...events
    .slice(2)
    .map(
      (e) =>
        `${e.at},${e.type},${e.leadId},${e.managerId},${e.customerId},${e.gridId},${e.amount === undefined ? '' : e.amount.toFixed(2)}`,
    ),
].join('\r\n');
