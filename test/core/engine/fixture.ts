/**
 * A hand-built pilot small enough to work every number out by hand (see engine.node.test.ts for the sums).
 *
 * Bank B > branch BR > sub-branches S1, S2 > teams T1 (M1, M2), T2 (M3, M4).
 * "Now" is Tuesday 2026-11-24 10:00 Beijing time. Calendar: Friday 2026-11-20 is a holiday, Sunday 2026-11-22 a
 * make-up working day (调休).
 */
import type {
  Grids,
  LeadEvent,
  LeadEventType,
  OrgTree,
  Target,
  WorkCalendar,
} from '../../../packages/core/src/contracts.js';
import type { EventLogInput } from '../../../packages/core/src/engine/types.js';

export const orgTree: OrgTree = [
  { id: 'B', name: '总行', parentId: null, level: 'bank' },
  { id: 'BR', name: '杭州分行', parentId: 'B', level: 'branch' },
  { id: 'S1', name: '西湖支行', parentId: 'BR', level: 'subbranch' },
  { id: 'S2', name: '滨江支行', parentId: 'BR', level: 'subbranch' },
  { id: 'T1', name: '西湖一组', parentId: 'S1', level: 'team' },
  { id: 'T2', name: '滨江一组', parentId: 'S2', level: 'team' },
  { id: 'M1', name: '张伟', parentId: 'T1', level: 'manager', avatarUrl: 'https://intranet.example/a/m1.png' },
  { id: 'M2', name: '王芳', parentId: 'T1', level: 'manager' },
  { id: 'M3', name: '李娜', parentId: 'T2', level: 'manager' },
  { id: 'M4', name: '刘洋', parentId: 'T2', level: 'manager' },
];

export const calendar: WorkCalendar = { holidays: ['2026-11-20'], workdays: ['2026-11-22'] };

export const NOW = new Date('2026-11-24T10:00:00+08:00');

const leadHome: Record<string, { manager: string; customer: string; grid: string }> = {
  L1: { manager: 'M1', customer: 'C1', grid: 'G1' },
  L2: { manager: 'M1', customer: 'C2', grid: 'G1' },
  L3: { manager: 'M1', customer: 'C3', grid: 'G1' },
  L4: { manager: 'M1', customer: 'C4', grid: 'G2' },
  L5: { manager: 'M2', customer: 'C5', grid: 'G2' },
  L6: { manager: 'M2', customer: 'C6', grid: 'G2' },
  L7: { manager: 'M2', customer: 'C7', grid: 'G2' },
  L8: { manager: 'M3', customer: 'C8', grid: 'G3' },
  L9: { manager: 'M4', customer: 'C9', grid: 'G3' },
};

/** `_n` is the event's number in the worked sums of the tests. */
function ev(_n: number, leadId: string, type: LeadEventType, local: string, amount?: number): LeadEvent {
  const home = leadHome[leadId]!;
  const event: LeadEvent = {
    at: `2026-${local}:00+08:00`,
    type,
    leadId,
    managerId: home.manager,
    customerId: home.customer,
    gridId: home.grid,
  };
  if (amount !== undefined) event.amount = amount;
  return event;
}

/** Numbered as in the test's worked sums. Times are `MM-DDTHH:mm` in 2026, Beijing time. */
export const events: LeadEvent[] = [
  // M1
  ev(1, 'L1', 'assigned', '11-02T09:00'),
  ev(2, 'L1', 'claimed', '11-02T10:00'),
  ev(3, 'L1', 'contacted', '11-03T09:00'),
  ev(4, 'L1', 'logged', '11-03T10:00'),
  ev(5, 'L1', 'followup', '11-05T09:00'),
  ev(6, 'L1', 'visited', '11-10T09:00'),
  ev(7, 'L1', 'logged', '11-12T09:00'),
  ev(8, 'L1', 'intent', '11-12T10:00'),
  ev(9, 'L1', 'applied', '11-13T10:00'),
  ev(10, 'L1', 'converted', '11-16T10:00', 1000.5),
  ev(11, 'L2', 'assigned', '11-02T09:00'),
  ev(12, 'L2', 'claimed', '11-03T09:01'),
  ev(13, 'L2', 'contacted', '11-04T09:00'),
  ev(14, 'L2', 'conversation', '11-07T09:01'),
  ev(15, 'L3', 'assigned', '11-23T12:00'),
  ev(16, 'L3', 'claimed', '11-23T13:00'),
  ev(17, 'L4', 'assigned', '11-05T09:00'),
  ev(18, 'L4', 'visited', '11-06T09:00'),
  // M2
  ev(19, 'L5', 'assigned', '11-09T09:00'),
  ev(20, 'L5', 'claimed', '11-09T09:30'),
  ev(21, 'L5', 'contacted', '11-09T10:00'),
  ev(22, 'L5', 'logged', '11-09T11:00'),
  ev(23, 'L5', 'conversation', '11-10T10:00'),
  ev(24, 'L6', 'assigned', '10-10T09:00'),
  ev(25, 'L6', 'claimed', '10-10T10:00'),
  ev(26, 'L6', 'contacted', '10-12T09:00'),
  ev(27, 'L7', 'assigned', '10-25T09:00'),
  ev(28, 'L7', 'contacted', '10-26T09:00'),
  // M3
  ev(29, 'L8', 'assigned', '11-16T08:00'),
  ev(30, 'L8', 'claimed', '11-16T08:30'),
  ev(31, 'L8', 'contacted', '11-16T09:00'),
  ev(32, 'L8', 'conversation', '11-17T09:00'),
  ev(33, 'L8', 'conversation', '11-18T09:00'),
  ev(34, 'L8', 'visited', '11-19T09:00'),
  ev(35, 'L8', 'conversation', '11-22T09:00'),
  ev(36, 'L8', 'conversation', '11-23T09:00'),
  ev(37, 'L8', 'conversation', '11-24T09:00'),
  ev(38, 'L8', 'converted', '11-24T11:00', 500),
  // M4
  ev(39, 'L9', 'assigned', '11-19T08:00'),
  ev(40, 'L9', 'contacted', '11-19T09:00'),
  ev(41, 'L9', 'conversation', '11-23T09:00'),
  ev(42, 'L9', 'logged', '11-24T08:30'),
  // M3 again: the log of #37 arrives after "now"
  ev(43, 'L8', 'logged', '11-24T10:30'),
];

export const targets: Target[] = [
  { org: 'T1', indicator: 'contacted', period: 'month', start: '2026-11-01', target: 30 },
  { org: 'BR', indicator: 'assigned', period: 'month', start: '2026-11-01', target: 40, baseline: 24 },
  { org: 'BR', indicator: 'claim_rate', period: 'month', start: '2026-11-01', target: 0.9, baseline: 0.55 },
];

const square = (x: number): [number, number][][] => [
  [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
    [x, 0],
  ],
];

export const grids: Grids = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { gridId: 'G1', name: '一号网格', households: 100, managerIds: ['M1'] },
      geometry: { type: 'Polygon', coordinates: square(0) },
    },
    // no managerIds: the grid's managers are those seen on its events (M1 and M2)
    {
      type: 'Feature',
      properties: { gridId: 'G2', name: '二号网格', households: 50 },
      geometry: { type: 'Polygon', coordinates: square(1) },
    },
    {
      type: 'Feature',
      properties: { gridId: 'G3', name: '三号网格', households: 2, managerIds: ['M3', 'M4'] },
      geometry: { type: 'Polygon', coordinates: square(2) },
    },
    {
      type: 'Feature',
      properties: { gridId: 'G4', name: '四号网格', households: 10, managerIds: ['M4'] },
      geometry: { type: 'Polygon', coordinates: square(3) },
    },
    // nobody assigned and no events: only the bank sees it
    {
      type: 'Feature',
      properties: { gridId: 'G5', name: '五号网格', households: 30 },
      geometry: { type: 'Polygon', coordinates: square(4) },
    },
  ],
};

export function pilotInput(overrides: Partial<EventLogInput> = {}): EventLogInput {
  return { events, orgTree, calendar, targets, grids, now: () => NOW, ...overrides };
}
