/**
 * The files pilots really bring (test/core/adapters/corpus/, written for these tests): Excel on Chinese Windows saving
 * GB18030 with Chinese headers, Excel's own date forms and amounts with a currency sign; a UTF-8 file with a BOM; a
 * CRM export with headers and event types of its own, read through the `columns` and `types` options; a workbook
 * saved as .xlsx. Each yields exactly these rows and these messages, and the rest is kept.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readCsvInput, sniffCsvEncoding } from '../../../packages/core/src/adapters/csv-input.js';
import { parseEventsCsv, parseRosterCsv } from '../../../packages/core/src/adapters/csv.js';
import { StrideError } from '../../../packages/core/src/contracts.js';

const corpus = (name: string): ArrayBuffer => {
  const bytes = readFileSync(new URL(`corpus/${name}`, import.meta.url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};

describe('pilot files as Excel and CRMs export them', () => {
  it('Excel on Chinese Windows (GB18030, Chinese headers and types, 2026/11/5 9:30, ¥1,234.50)', async () => {
    const bytes = corpus('excel-zh-gb18030.csv');
    assert.equal(sniffCsvEncoding(new Uint8Array(bytes)).encoding, 'gb18030');
    const text = await readCsvInput(bytes, 'events.csv');
    const { rows, dropped } = parseEventsCsv(text);
    assert.deepEqual(
      rows.map((e) => [e.at, e.type, e.leadId, e.managerId, e.gridId, e.amount]),
      [
        ['2026-11-05T09:30:00+08:00', 'assigned', 'L001', 'm1', 'G1', undefined],
        ['2026-11-05T10:05:00+08:00', 'claimed', 'L001', 'm1', 'G1', undefined],
        ['2026-11-06T14:20:15+08:00', 'visited', 'L001', 'm1', 'G1', undefined],
        ['2026-11-18T16:45:00+08:00', 'converted', 'L001', 'm1', 'G1', 1234.5],
        ['2026-11-20T08:15:00+08:00', 'intent', 'L004', 'm2', '', undefined],
      ],
    );
    assert.deepEqual(
      dropped.map((d) => d.message),
      [
        'events.csv line 5: type: unknown event type "发短信"',
        'events.csv line 7: at: expected a date-time such as 2026-11-05T09:30:00+08:00, 2026-11-05 09:30 or 2026/11/5 9:30, got "2026/13/5 9:30"',
        'events.csv line 8: amount: expected a number such as 1234.5, 1,234.50 or ¥1,234.50, got "12万"',
      ],
    );
  });

  it('UTF-8 with a BOM, ISO-like times without offset read as bank time', async () => {
    const text = await readCsvInput(corpus('excel-zh-utf8-bom.csv'), 'events.csv');
    assert.equal(text.charCodeAt(0), '事'.charCodeAt(0), 'the BOM is not part of the text');
    const { rows, dropped } = parseEventsCsv(text);
    assert.deepEqual(dropped, []);
    assert.deepEqual(
      rows.map((e) => [e.at, e.type, e.amount]),
      [
        ['2026-11-05T09:30:00+08:00', 'assigned', undefined],
        ['2026-11-05T10:05:00+08:00', 'claimed', undefined],
        ['2026-11-06T14:20:00+08:00', 'visited', undefined],
        ['2026-11-18T16:45:00+08:00', 'converted', 1234.5],
      ],
    );
  });

  it('times without offset follow the bank time zone given', async () => {
    const text = await readCsvInput(corpus('excel-zh-utf8-bom.csv'), 'events.csv');
    const { rows } = parseEventsCsv(text, { timeZone: 'Asia/Urumqi' });
    assert.equal(rows[0]?.at, '2026-11-05T09:30:00+06:00');
  });

  it("a CRM's own headers and event types, mapped with the columns and types options", async () => {
    const text = await readCsvInput(corpus('crm-own-headers.csv'), 'events.csv');
    assert.throws(
      () => parseEventsCsv(text),
      (error: unknown) =>
        error instanceof StrideError &&
        error.kind === 'invalid' &&
        error.message.startsWith('events.csv: missing columns "at" (or "事件时间", "时间", "发生时间", "记录时间")') &&
        error.message.includes('the header row reads "Event Time,Action,Opportunity,Staff No,Client,Grid,Value"') &&
        error.message.endsWith('Rename the column or map it with the "columns" option.'),
    );
    const { rows, dropped } = parseEventsCsv(text, {
      columns: {
        at: 'Event Time',
        type: 'Action',
        leadId: 'Opportunity',
        managerId: 'Staff No',
        customerId: 'Client',
        gridId: 'Grid',
        amount: 'Value',
      },
      types: { 'Lead pushed': 'assigned', 'Home visit': 'visited', 'Deal closed': 'converted' },
    });
    assert.deepEqual(dropped, []);
    assert.deepEqual(
      rows.map((e) => [e.type, e.amount]),
      [
        ['assigned', undefined],
        ['visited', undefined],
        ['converted', 2000],
      ],
    );
  });

  it('a GB18030 roster with Chinese headers and levels keeps every known level and names the unknown one', async () => {
    const text = await readCsvInput(corpus('roster-zh-gb18030.csv'), 'roster.csv');
    const { rows, dropped } = parseRosterCsv(text);
    assert.deepEqual(
      rows.map((n) => [n.id, n.name, n.parentId, n.level]),
      [
        ['br', '杭州分行', null, 'branch'],
        ['sb1', '西湖支行', 'br', 'subbranch'],
        ['t1', '西湖一组', 'sb1', 'team'],
        ['m1', '王小明', 't1', 'manager'],
        ['m2', '欧阳娜娜', 't1', 'manager'],
      ],
    );
    assert.deepEqual(
      dropped.map((d) => d.message),
      ['roster.csv line 7: level: unknown org level "片区"'],
    );
  });

  it('an Excel workbook is refused with how to save it as CSV', async () => {
    await assert.rejects(
      readCsvInput(corpus('events.xlsx'), 'events.csv'),
      (error: unknown) =>
        error instanceof StrideError &&
        error.message ===
          'events.csv: this is an Excel workbook (.xlsx), not a CSV file. In Excel choose File > Save As > ' +
            '"CSV UTF-8 (Comma delimited) (*.csv)" (WPS: 另存为 > CSV), then load the .csv file.',
    );
  });

  it('reads a Blob and a byte stream in chunks, reporting bytes, and stops when cancelled', async () => {
    const bytes = new Uint8Array(corpus('excel-zh-gb18030.csv'));
    const seen: number[] = [];
    const fromBlob = await readCsvInput(new Blob([bytes]), 'events.csv', ({ bytes: n }) => seen.push(n));
    assert.equal(fromBlob, new TextDecoder('gb18030').decode(bytes));
    assert.equal(seen.at(-1), bytes.byteLength);

    // Split inside a two-byte character on purpose: decoding must not care where chunks end.
    const chunks = [bytes.subarray(0, 101), bytes.subarray(101, 203), bytes.subarray(203)];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    assert.equal(await readCsvInput(stream, 'events.csv'), fromBlob);

    const cancel = new AbortController();
    cancel.abort(new Error('cancelled by the user'));
    await assert.rejects(
      readCsvInput(new Blob([bytes]), 'events.csv', undefined, cancel.signal),
      /cancelled by the user/,
    );
  });
});
