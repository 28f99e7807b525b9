/**
 * A seeded bank-wide synthetic log for the engine benchmark: 10 branches x 10 sub-branches x 10 teams x 10
 * managers (10,000), 5,000 grids, about `eventCount` lead events over two months ending on `endDate`, in
 * chronological order as a bank export would be.
 */
import type { Grids, LeadEvent, LeadEventType, OrgTree } from '../../../packages/core/src/contracts.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticPilot {
  orgTree: OrgTree;
  grids: Grids;
  events: LeadEvent[];
}

export function syntheticBankLog(eventCount = 1_000_000, endDate = '2026-11-24', seed = 7): SyntheticPilot {
  const random = mulberry32(seed);
  const orgTree: OrgTree = [{ id: 'bank', name: 'Bank', parentId: null, level: 'bank' }];
  const managers: string[] = [];
  for (let b = 0; b < 10; b++) {
    const branch = `br${b}`;
    orgTree.push({ id: branch, name: `Branch ${b}`, parentId: 'bank', level: 'branch' });
    for (let s = 0; s < 10; s++) {
      const sub = `${branch}-s${s}`;
      orgTree.push({ id: sub, name: `Sub-branch ${b}.${s}`, parentId: branch, level: 'subbranch' });
      for (let t = 0; t < 10; t++) {
        const team = `${sub}-t${t}`;
        orgTree.push({ id: team, name: `Team ${b}.${s}.${t}`, parentId: sub, level: 'team' });
        for (let m = 0; m < 10; m++) {
          const id = `${team}-m${m}`;
          orgTree.push({ id, name: `Manager ${managers.length}`, parentId: team, level: 'manager' });
          managers.push(id);
        }
      }
    }
  }
  const grids: Grids = { type: 'FeatureCollection', features: [] };
  for (let g = 0; g < 5000; g++) {
    const x = g % 100;
    const y = Math.floor(g / 100);
    grids.features.push({
      type: 'Feature',
      properties: {
        gridId: `g${g}`,
        name: `Grid ${g}`,
        households: 500 + (g % 500),
        managerIds: [managers[g * 2]!, managers[g * 2 + 1]!],
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 1, y],
            [x + 1, y + 1],
            [x, y + 1],
            [x, y],
          ],
        ],
      },
    });
  }

  const end = Date.parse(`${endDate}T18:00:00+08:00`);
  const start = end - 60 * 86_400_000;
  const times: number[] = [];
  const kinds: LeadEventType[] = [];
  const leadOf: number[] = [];
  const hour = 3_600_000;
  let lead = 0;
  while (times.length < eventCount) {
    const assignedAt = start + random() * (end - start);
    const push = (type: LeadEventType, at: number) => {
      if (at <= end) {
        times.push(Math.round(at));
        kinds.push(type);
        leadOf.push(lead);
      }
    };
    push('assigned', assignedAt);
    if (random() < 0.9) push('claimed', assignedAt + random() * 36 * hour);
    if (random() < 0.8) {
      const contactAt = assignedAt + (2 + random() * 72) * hour;
      push('contacted', contactAt);
      if (random() < 0.7) push('logged', contactAt + random() * 30 * hour);
      const conversations = Math.floor(random() * 3);
      for (let c = 0; c < conversations; c++) push('conversation', contactAt + random() * 120 * hour);
      if (random() < 0.5) push('followup', contactAt + random() * 96 * hour);
      if (random() < 0.3) {
        const visitAt = contactAt + random() * 240 * hour;
        push('visited', visitAt);
        if (random() < 0.35) {
          push('intent', visitAt + random() * 96 * hour);
          if (random() < 0.5) {
            push('applied', visitAt + (96 + random() * 96) * hour);
            if (random() < 0.6) push('converted', visitAt + (200 + random() * 200) * hour);
          }
        }
      }
    }
    lead++;
  }
  const order = Array.from({ length: times.length }, (_, i) => i).sort((a, b) => times[a]! - times[b]!);
  const events: LeadEvent[] = order.map((i) => {
    const l = leadOf[i]!;
    const grid = l % 5000;
    const event: LeadEvent = {
      at: new Date(times[i]! + 8 * hour).toISOString().replace('Z', '+08:00'),
      type: kinds[i]!,
      leadId: `lead${l}`,
      managerId: managers[grid * 2 + (l % 2)]!,
      customerId: `cust${l}`,
      gridId: `g${grid}`,
    };
    if (event.type === 'converted') event.amount = 10_000 + (l % 90_000) + 0.5;
    return event;
  });
  return { orgTree, grids, events };
}
