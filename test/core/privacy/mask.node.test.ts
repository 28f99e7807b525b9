import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskName, maskPhone } from '../../../packages/core/src/privacy/mask.js';
import { registerResultSpec, validateResult } from '../../../packages/core/src/validation/index.js';
import { LEADS_RESULT_SPEC } from '../../../packages/core/src/validation/leads.js';

registerResultSpec('leads', LEADS_RESULT_SPEC);
import { generatePilot } from '../../../mocks/pilot/index.js';

test('a name keeps its first character and, with 3 or more, its last', () => {
  assert.equal(maskName('王小明'), '王*明');
  assert.equal(maskName('李娜'), '李*');
  assert.equal(maskName('欧阳丽娜'), '欧**娜');
  assert.equal(maskName('欧阳娜'), '欧*娜');
  assert.equal(maskName('司马'), '司*');
  // one character: still a star, so the masked length does not tell it apart from two
  assert.equal(maskName('李'), '李*');
  // a character outside the BMP counts once
  assert.equal(maskName('𠮷野家'), '𠮷*家');
  assert.equal(maskName(''), '');
});

test('a mobile keeps 3 + 4 digits', () => {
  assert.equal(maskPhone('13812341234'), '138****1234');
  assert.equal(maskPhone('138-1234-5678'), '138****5678');
  assert.equal(maskPhone('1381234'), '*******');
  assert.equal(maskPhone(''), '');
});

test('every synthetic customer has a 2-4 character name and an 11-digit mobile, and masks to neither', () => {
  const { customers } = generatePilot({ seed: 3, today: '2026-11-24' });
  for (const { name, phone } of customers) {
    const masked = maskName(name);
    assert.notEqual(masked, name);
    assert.ok(name.length >= 2 && name.length <= 4, name);
    assert.equal(Array.from(masked).length, Math.max(2, Array.from(name).length));
    assert.ok(phone !== undefined && /^1\d{10}$/.test(phone), `${phone} is an 11-digit mobile`);
    assert.equal(maskPhone(phone), `${phone.slice(0, 3)}****${phone.slice(7)}`);
  }
});

test('a leads row with bad fields is dropped and the warning names the path, never the value', () => {
  const { customers } = generatePilot({ seed: 3, today: '2026-11-24' });
  const real = customers[0]!;
  const row = {
    leadId: 'l-1',
    customer: '王*明',
    masked: true,
    managerId: 'm-1',
    stage: 'contacted',
    enteredAt: '2026-11-20T10:00:00+08:00',
    overdueHours: null,
  };
  const result = validateResult('leads', {
    asOf: '2026-11-24T18:00:00+08:00',
    scope: { org: 'br-hz', period: 'month', date: '2026-11-24' },
    total: 3,
    leads: [row, { ...row, leadId: 'l-2', masked: real.name }, { ...row, leadId: 'l-3', stage: real.phone }],
  });
  assert.equal(result.data.leads.length, 1);
  assert.deepEqual(result.dropped?.ids, ['l-2', 'l-3']);
  const message = result.dropped?.message ?? '';
  assert.match(message, /leads\[1\]\.masked: expected boolean, got a string/);
  assert.ok(!message.includes(real.name) && !message.includes(real.phone!), message);
  assert.throws(
    () =>
      validateResult('leads', {
        asOf: 'x',
        scope: { org: 'b', period: 'month', date: 'd' },
        total: real.name,
        leads: [],
      }),
    (error: Error) => !error.message.includes(real.name) && /total/.test(error.message),
  );
});
