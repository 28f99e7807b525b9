// A web-test-runner server command that prints the test page through the browser's own PDF output (`page.pdf()`:
// Playwright's on Chromium, puppeteer's over WebDriver BiDi `browsingContext.print` on Firefox; the same engine as
// "Save as PDF" in the print dialog) with the page's own `@page` size, and reads the PDF back with PDF.js (pdfjs-dist: Mozilla's parser, the one Firefox itself shows PDFs
// with, kept current; a byte-level page count would miss text, and Chromium compresses and subsets its fonts, so
// the text needs a real parser that reads the ToUnicode maps). Tests ask through
// `executeServerCommand('stride-print-pdf')` and get `{pages, texts, size}`, one text per page; a launcher with no
// page to print answers `{printed: false}` and the test fails saying so.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function printPdfPlugin() {
  return {
    name: 'stride-print-pdf',
    async executeCommand({ command, session }) {
      if (command !== 'stride-print-pdf') return undefined;
      const launcher = session.browser;
      if (typeof launcher.getPage !== 'function') return { printed: false };
      const page = launcher.getPage(session.id);
      if (typeof page.pdf !== 'function') return { printed: false };
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
        .promise;
      const texts = [];
      for (let n = 1; n <= document.numPages; n += 1) {
        const content = await (await document.getPage(n)).getTextContent();
        texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
      }
      const firstPage = await document.getPage(1);
      const [, , width, height] = firstPage.view;
      await document.destroy();
      return { printed: true, pages: document.numPages, texts, size: { width, height } };
    },
  };
}
