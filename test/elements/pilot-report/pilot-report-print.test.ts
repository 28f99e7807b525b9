import { expect, fixtureCleanup } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { StrideError } from '@stride/core';
import { pilotAdapter } from '../../harness/widgets.js';
import {
  FIRST_WEEK,
  LAST_WEEK,
  assignedIn,
  mountReport,
  pilotConversions,
  visitsIn,
  weekBaseline,
} from './report-fixtures.js';

interface Printed {
  printed: boolean;
  pages: number;
  texts: string[];
  /** The first page's size in PDF points (1/72 inch). */
  size: { width: number; height: number };
}

/** Prints the page with the browser's own print-to-PDF and reads it back; whitespace dropped for comparison. */
async function print(): Promise<Printed & { flat: string[] }> {
  const printed = await executeServerCommand<Printed, Record<string, never>>('stride-print-pdf', {});
  expect(printed.printed, 'the browser printed to PDF').to.equal(true);
  return { ...printed, flat: printed.texts.map((t) => t.replace(/\s+/g, '')) };
}

const flat = (s: string) => s.replace(/\s+/g, '');

// The sections' pages: header and indicators; trend; funnel and coverage; champions and movers; alerts.
const PAGES = {
  'zh-CN': [
    ['试点总结报告', '十项过程指标：首周vs末周vs试点前'],
    ['每周趋势'],
    ['商机漏斗与试点前对比', '网格覆盖增长'],
    ['冠军与徽章', '进步最大'],
    ['每周末的预警'],
  ],
  en: [
    ['Pilot review', 'The ten indicators: first week vs last week vs before the pilot'],
    ['Weekly trend'],
    ['Lead funnel against before the pilot', 'Grid coverage growth'],
    ['Champions and badges', 'Biggest movers'],
    ['Alerts at the end of each week'],
  ],
} as const;

describe('<stride-pilot-report> printed to PDF', () => {
  afterEach(() => fixtureCleanup());

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang}: five A4 landscape pages, each section where it belongs, the pilot's numbers in the text`, async () => {
      await mountReport(pilotAdapter(), { lang, theme: 'dark' });
      const pdf = await print();
      expect(pdf.pages).to.equal(5);
      // A4 landscape: 297 x 210 mm
      expect(Math.round((pdf.size.width / 72) * 25.4)).to.equal(297);
      expect(Math.round((pdf.size.height / 72) * 25.4)).to.equal(210);
      PAGES[lang].forEach((titles, page) => {
        for (const title of titles) expect(pdf.flat[page], `page ${page + 1}`).to.contain(flat(title));
      });
      // first page, the indicators table: the first and last week's leads assigned, the weekly baseline, pilot total
      const indicators = pdf.flat[0]!;
      for (const figure of [assignedIn(FIRST_WEEK), assignedIn(LAST_WEEK), weekBaseline('assigned', LAST_WEEK)])
        expect(indicators).to.contain(String(figure));
      const visitsTimes = `×${Math.round((visitsIn(LAST_WEEK) / weekBaseline('visits', LAST_WEEK)) * 10) / 10}`;
      expect(indicators).to.contain(visitsTimes);
      expect(indicators).to.contain(String(pilotConversions()));
      // nothing interactive on paper: a failed section's retry button is hidden (see the test below)
    });
  }

  it('a section missing on screen is missing on paper too, with the reason', async () => {
    const { funnel: _dropped, ...adapter } = pilotAdapter() as ReturnType<typeof pilotAdapter> & { funnel?: unknown };
    await mountReport(adapter, { lang: 'en' });
    const pdf = await print();
    expect(pdf.flat[2]).to.contain(flat('Section missing: Lead funnel against before the pilot'));
    expect(pdf.flat[2]).to.contain(flat('The data adapter does not provide funnel.'));
    expect(pdf.flat[2]).to.contain(flat('Grid coverage growth'));
  });

  it('a failed section: its reason on paper, its retry button not', async () => {
    const failing = {
      ...pilotAdapter(),
      funnel: () => Promise.reject(new StrideError('http', 'funnel', 'funnel: HTTP 400 Bad Request', { status: 400 })),
    };
    const el = await mountReport(failing, { lang: 'en' });
    expect(el.shadowRoot!.querySelector('[part~="retry"]'), 'a retry button on screen').not.to.equal(null);
    const pdf = await print();
    expect(pdf.flat[2]).to.contain(flat('funnel failed: funnel: HTTP 400 Bad Request'));
    expect(pdf.flat.join(''), 'no button text on paper').not.to.contain('Retry');
  });
});
