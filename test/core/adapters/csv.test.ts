import { expect } from '@open-wc/testing';
import { StrideError } from '../../../packages/core/src/contracts.js';
import {
  forEachCsvRecord,
  parseCalendarCsv,
  csvRowProblemText,
  parseEventsCsv,
  parseRosterCsv,
  parseTargetsCsv,
} from '../../../packages/core/src/adapters/csv.js';

const HEADER = 'at,type,leadId,managerId,customerId,gridId,amount';

describe('CSV input', () => {
  it('reads RFC 4180 quoting, CRLF and LF, and a leading BOM', () => {
    const records: [string[], number][] = [];
    forEachCsvRecord(
      '\uFEFFa,b\r\n"x, ""y""","multi\nline"\nlast,\n',
      (fields, line) => records.push([fields, line]),
      () => {
        throw new Error('no errors expected');
      },
    );
    expect(records).to.deep.equal([
      [['a', 'b'], 1],
      [['x, "y"', 'multi\nline'], 2],
      [['last', ''], 4],
    ]);
  });

  it('drops a malformed event row, reports it by line, and keeps the rest', () => {
    const text = [
      HEADER,
      '2026-11-02T09:00:00+08:00,assigned,L1,m1,c1,G1,',
      '2026-11-02T10:00:00+08:00,visit,L1,m1,c1,G1,',
      '"2026-11-02T11:00:00+08:00",contacted,L1,m1,"c1",G1,',
      '2026-11-16T10:00:00+08:00,converted,L1,m1,c1,G1,1200.50',
      '2026-11-16,claimed,L1,m1,c1,G1,',
      '2026-11-17T10:00:00+08:00,converted,L2,m1,c2,G1,12a',
      '2026-11-17T10:00:00+08:00,claimed,L2,m1',
      '',
    ].join('\r\n');
    const { rows, dropped } = parseEventsCsv(text);
    expect(rows.map((e) => e.type)).to.deep.equal(['assigned', 'contacted', 'converted']);
    expect(rows[2]?.amount).to.equal(1200.5);
    expect(rows[0]).to.not.have.property('amount');
    expect(dropped.map((d) => d.line)).to.deep.equal([3, 6, 7, 8]);
    expect(dropped[0]?.message).to.equal('events.csv line 3: type: unknown event type "visit"');
    expect(dropped[1]?.message).to.equal(
      'events.csv line 6: at: expected a date-time such as 2026-11-05T09:30:00+08:00, 2026-11-05 09:30 or 2026/11/5 9:30, got "2026-11-16"',
    );
    expect(dropped[2]?.message).to.equal(
      'events.csv line 7: amount: expected a number such as 1234.5, 1,234.50 or ¥1,234.50, got "12a"',
    );
    expect(dropped[3]?.message).to.equal('events.csv line 8: expected 7 fields, got 4');
  });

  it('keeps an ISO time as the moment the browser reads, checked by hand or by Date.parse', () => {
    const times = [
      '2028-02-29T09:00:00+08:00',
      '2026-02-28T23:59:59Z',
      '2026-11-05T09:00+08:00',
      '2026-11-05T09:00:00.250+08:00',
      '2026-11-05T09:00:00-05:30',
      '2026-02-29T09:00:00+08:00',
      '2026-11-31T09:00:00+08:00',
      '2026-13-05T09:00:00+08:00',
      '2026-00-05T09:00:00+08:00',
      '2026-11-00T09:00:00+08:00',
      '2026-11-05T24:00:00+08:00',
      '2026-11-05T24:30:00+08:00',
      '2026-11-05T09:60:00+08:00',
      '2026-11-05T09:00:60+08:00',
      '2026-11-05T09:00:00+24:00',
      '2026-11-05T09:00:00+08:60',
      '0050-03-01T09:00:00+08:00',
    ];
    const text = [HEADER, ...times.map((at, i) => `${at},assigned,L${i},m1,c1,G1,`)].join('\n');
    const { rows, dropped } = parseEventsCsv(text);
    const read = times.filter((at) => Number.isFinite(Date.parse(at)));
    // the same instants, written in the bank's time (milliseconds kept)
    expect(rows.map((row) => Date.parse(row.at))).to.deep.equal(read.map((at) => Date.parse(at)));
    expect(rows[1]?.at).to.equal('2026-03-01T07:59:59+08:00');
    expect(rows[3]?.at).to.equal('2026-11-05T09:00:00.250+08:00');
    expect(dropped.length).to.equal(times.length - read.length);
    // the plain ones are read in every browser
    expect(read).to.include.members(times.slice(0, 5));
  });

  it('counts lines inside quoted fields and reports an unterminated quote', () => {
    const text = `${HEADER}\n2026-11-02T09:00:00+08:00,assigned,L1,m1,"c\n1",G1,\n2026-11-02T09:00:00+08:00,claimed,L1,m1,"c1,G1,\n`;
    const { rows, dropped } = parseEventsCsv(text);
    expect(rows).to.have.length(1);
    expect(rows[0]?.customerId).to.equal('c\n1');
    expect(dropped).to.deep.equal([
      {
        file: 'events.csv',
        line: 4,
        problem: { kind: 'quote', at: 'unterminated' },
        message: 'events.csv line 4: unterminated quoted field',
      },
    ]);
    expect(csvRowProblemText(dropped[0]!, 'zh-CN')).to.equal('events.csv 第 4 行：引号没有闭合');
  });

  it('says every row problem in Chinese too, naming the column and what was expected', () => {
    const text = [
      HEADER,
      '2026-13-45T08:00:00+08:00,assigned,L1,m1,c1,G1,',
      '2026-11-02 09:00,teleported,L2,m1,c2,G1,',
      '2026-11-02 09:00,converted,L3,m1,c3,G1,abc',
      '2026-11-02 09:00,assigned,,m1,c4,G1,',
      '2026-11-02 09:00',
    ].join('\n');
    const { dropped } = parseEventsCsv(text);
    expect(dropped.map((row) => csvRowProblemText(row, 'zh-CN'))).to.deep.equal([
      'events.csv 第 2 行：at：应为日期时间，如 2026-11-05T09:30:00+08:00、2026-11-05 09:30 或 2026/11/5 9:30，实际为 "2026-13-45T08:00:00+08:00"',
      'events.csv 第 3 行：type：无法识别的事件类型 "teleported"',
      'events.csv 第 4 行：amount：应为数字，如 1234.5、1,234.50 或 ¥1,234.50，实际为 "abc"',
      'events.csv 第 5 行：leadId：为空',
      'events.csv 第 6 行：应有 7 列，实际 1 列',
    ]);
    expect(dropped.map((row) => csvRowProblemText(row, 'en'))).to.deep.equal(dropped.map((row) => row.message));
  });

  it('rejects a file that lacks a required column', () => {
    let error: unknown;
    try {
      parseEventsCsv('at,kind,leadId,managerId,customerId,gridId,amount\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(StrideError);
    expect((error as StrideError).message).to.contain('events.csv: missing column "type"');
  });

  it('reads roster, targets and calendar files', () => {
    const roster = parseRosterCsv(
      'id,name,parentId,level\nB01,"Harbour, Branch",,branch\nm1,Li,B01,manager\nx,X,B01,region\n',
    );
    expect(roster.rows).to.deep.equal([
      { id: 'B01', name: 'Harbour, Branch', parentId: null, level: 'branch' },
      { id: 'm1', name: 'Li', parentId: 'B01', level: 'manager' },
    ]);
    expect(roster.dropped[0]?.message).to.equal('roster.csv line 4: level: unknown org level "region"');

    const targets = parseTargetsCsv(
      'org,indicator,period,start,target\nB01,visits,month,2026-11-01,120\nB01,visits,fortnight,2026-11-01,60\n',
    );
    expect(targets.rows).to.deep.equal([
      { org: 'B01', indicator: 'visits', period: 'month', start: '2026-11-01', target: 120 },
    ]);
    expect(targets.dropped[0]?.message).to.equal('targets.csv line 3: period: unknown period "fortnight"');

    // The baseline column is optional, also read under its Chinese header; a bad one drops the row, saying why.
    const withBaselines = parseTargetsCsv(
      '机构,指标,周期,开始日期,目标,基线\nB01,visits,month,2026-11-01,120,40\nB01,intent,month,2026-11-01,30,\n' +
        'B01,claim_rate,month,2026-11-01,0.9,about half\n',
    );
    expect(withBaselines.rows).to.deep.equal([
      { org: 'B01', indicator: 'visits', period: 'month', start: '2026-11-01', target: 120, baseline: 40 },
      { org: 'B01', indicator: 'intent', period: 'month', start: '2026-11-01', target: 30 },
    ]);
    expect(withBaselines.dropped[0]?.message).to.contain('line 4: baseline');

    const { calendar, dropped } = parseCalendarCsv(
      'date,kind\n2026-10-01,holiday\n2026-10-11,workday\n2026-10-12,rest\n',
    );
    expect(calendar).to.deep.equal({ holidays: ['2026-10-01'], workdays: ['2026-10-11'] });
    expect(dropped[0]?.message).to.equal('calendar.csv line 4: kind: unknown calendar kind "rest"');
  });
});
