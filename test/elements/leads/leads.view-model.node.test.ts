import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LeadRow } from '../../../packages/core/src/contracts.js';
import { leadRowView } from '../../../packages/elements/src/leads/leads.view-model.js';

const row: LeadRow = {
  leadId: 'L1',
  customer: '欧**娜',
  phone: '138****1234',
  masked: true,
  managerId: 'm1',
  managerName: '王经理',
  stage: 'contacted',
  enteredAt: '2026-11-01T23:30:00Z',
  overdueHours: 110,
  lastAction: 'contacted',
  lastActionAt: '2026-11-02T01:00:00Z',
};

describe('leads view model: a row as shown', () => {
  it('names the row in the language asked, also after the row was shown in another', () => {
    const zh = leadRowView(row, 'zh-CN', 'Asia/Shanghai');
    assert.match(zh.label, /^欧\*\*娜，已触达，王经理，超期/);
    const en = leadRowView(row, 'en', 'Asia/Shanghai');
    assert.match(en.label, /^欧\*\*娜, Contacted, 王经理, overdue/);
    assert.equal(en.cells.stage, 'Contacted');
    assert.equal(leadRowView(row, 'zh-CN', 'Asia/Shanghai').cells.stage, '已触达');
  });

  it("shows times in the bank's time zone asked, also after another zone", () => {
    // 23:30 UTC is the next morning in Shanghai and the same evening in London
    assert.match(leadRowView(row, 'en', 'Asia/Shanghai').cells.enteredAt, /^Nov 2, 07:30$/);
    assert.match(leadRowView(row, 'en', 'Europe/London').cells.enteredAt, /^Nov 1, 23:30$/);
  });
});
