// `npm run screens`: captures every demo screen as its users see it, to read before calling a change done. Starts
// the demo on the reference back end (`demo/start.mjs`), opens each page in Chromium at a phone (375x812), a
// laptop (1366x768, 1440x900) and a wall screen (1920x1080, huddle mode), in zh-CN and en, light and dark, and
// writes one PNG per screen.
//
//   npm run screens                         every screen, into <tmp>/stride-screens
//   npm run screens -- --out shots          another folder
//   npm run screens -- --only leaderboard   screens whose file name contains "leaderboard"
//
// Needs Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH) and, for Chinese, a CJK font (fonts-wqy-microhei).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(tmpdir(), 'stride-screens') },
    only: { type: 'string', default: '' },
    port: { type: 'string', default: '5191' },
  },
});
const out = resolve(values.out);
mkdirSync(out, { recursive: true });

const SIZES = {
  phone: { width: 375, height: 812 },
  laptop: { width: 1366, height: 768 },
  desktop: { width: 1440, height: 900 },
  wall: { width: 1920, height: 1080 },
};

/**
 * Each screen: a page, a size, and what to do on the page before the picture (language, theme, huddle mode, the view
 * shown). `setup` runs in the page.
 */
const SCREENS = [];
for (const lang of ['zh-CN', 'en']) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    if (size === 'wall') {
      for (const view of [0, 1, 2, 3]) {
        SCREENS.push({
          name: `dashboard-${size}-huddle-view${view + 1}-${lang}`,
          page: '/',
          viewport,
          lang,
          huddle: true,
          view,
        });
      }
    } else {
      SCREENS.push({ name: `dashboard-${size}-${lang}`, page: '/', viewport, lang, fullPage: true });
    }
  }
  SCREENS.push({
    name: `dashboard-desktop-dark-${lang}`,
    page: '/',
    viewport: SIZES.desktop,
    lang,
    theme: 'dark',
    fullPage: true,
  });
  // The leads behind a number: the funnel's first overdue count opened in place (the list, its breadcrumb back).
  for (const size of ['phone', 'desktop']) {
    SCREENS.push({ name: `dashboard-${size}-leads-${lang}`, page: '/', viewport: SIZES[size], lang, drill: true });
  }
  SCREENS.push({
    name: `widgets-desktop-${lang}`,
    page: '/widgets.html',
    viewport: SIZES.desktop,
    lang,
    fullPage: true,
  });
  SCREENS.push({ name: `widgets-phone-${lang}`, page: '/widgets.html', viewport: SIZES.phone, lang, fullPage: true });
  SCREENS.push({ name: `pilot-desktop-${lang}`, page: '/pilot.html', viewport: SIZES.desktop, lang, fullPage: true });
  // the manager's own day in the portal's phone frame (the page around it is a desk, so it needs more than a phone)
  for (const theme of [undefined, 'dark']) {
    SCREENS.push({
      name: `my-day-phone-frame${theme ? '-dark' : ''}-${lang}`,
      page: '/my-day.html',
      viewport: { width: 900, height: 900 },
      lang,
      theme,
    });
  }
}
const chosen = SCREENS.filter((s) => s.name.includes(values.only));

console.log(`screens: starting the demo on port ${values.port}...`);
const demo = spawn(process.execPath, ['demo/start.mjs', '--port', values.port], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolveUrl, reject) => {
  let output = '';
  demo.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /stride demo: (http:\/\/\S+)/.exec(output);
    if (match) resolveUrl(match[1].replace(/\/$/, ''));
  });
  demo.on('exit', (code) => reject(new Error(`the demo exited (${code}) before it was ready`)));
});

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--font-render-hinting=none'],
});
try {
  for (const screen of chosen) {
    const page = await browser.newPage();
    await page.setViewport(screen.viewport);
    await page.goto(base + screen.page, { waitUntil: 'networkidle0' });
    await page.evaluate(
      ({ lang, theme, huddle }) => {
        // A page with its own language and theme buttons (the phone frame) is set through them, so its own chrome
        // and the buttons' pressed state match the widgets in the picture.
        document.querySelector(`button[data-lang="${lang}"]`)?.click();
        if (theme) document.querySelector(`button[data-theme="${theme}"]`)?.click();
        for (const el of document.querySelectorAll('*')) {
          if (!el.tagName.startsWith('STRIDE-') || el.parentElement?.closest('[class*="stride"], stride-scope'))
            continue;
          el.setAttribute('lang', lang);
          if (theme) el.setAttribute('theme', theme);
          if (huddle && el.tagName === 'STRIDE-DASHBOARD') el.setAttribute('mode', 'huddle');
        }
      },
      { lang: screen.lang, theme: screen.theme, huddle: screen.huddle },
    );
    if (screen.view !== undefined) {
      // The view tabs are the dashboard's own buttons; choosing one by hand shows it with its full time.
      await page.evaluate((view) => {
        const dashboard = document.querySelector('stride-dashboard');
        dashboard?.shadowRoot?.querySelectorAll('[part~="huddle-controls"] .views button')[view]?.click();
      }, screen.view);
    }
    await page.waitForNetworkIdle({ idleTime: 500 });
    await new Promise((r) => setTimeout(r, 1500));
    if (screen.drill) {
      await page.evaluate(() => {
        const dashboard = document.querySelector('stride-dashboard')?.shadowRoot;
        dashboard?.querySelector('stride-funnel')?.shadowRoot?.querySelector('[part~="overdue-link"]')?.click();
      });
      await page.waitForNetworkIdle({ idleTime: 500 });
      await new Promise((r) => setTimeout(r, 1000));
      await page.evaluate(() =>
        document
          .querySelector('stride-dashboard')
          ?.shadowRoot?.querySelector('[part~="leads-view"]')
          ?.closest('.cell')
          ?.scrollIntoView(),
      );
      await new Promise((r) => setTimeout(r, 500));
    }
    if (screen.fullPage) {
      // Scroll through first, as a reader would: windowed lists draw their rows once they have been in view.
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
          scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 100));
        }
        scrollTo(0, 0);
      });
      // Then the whole page as one tall viewport.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewport({ ...screen.viewport, height });
      // A viewport change alone is not a scroll: tell windowed lists to look at what is in view now.
      await page.evaluate(() => dispatchEvent(new Event('scroll')));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const file = join(out, `${screen.name}.png`);
    await page.screenshot({ path: file });
    console.log(`screens: ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  demo.kill('SIGINT');
}
