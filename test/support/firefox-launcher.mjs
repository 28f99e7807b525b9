// A web-test-runner launcher for Debian's Firefox ESR with no browser download: puppeteer-core drives the installed
// Firefox over WebDriver BiDi. It reports itself as a puppeteer launcher, so @web/test-runner-commands (sendKeys,
// sendMouse, emulateMedia, ...) work through `getPage()`. What differs from @web/test-runner-chrome's launcher:
//   - One Firefox process per concurrent test page, each page in its own window. Firefox fires focus events only in
//     its one active window and throttles timers and animation frames in background tabs, so two test files sharing
//     one Firefox would each see the other steal focus (focus-driven tests fail) or stall (timer and
//     ResizeObserver tests time out). A process is reused for the next file once its page is free.
//   - `emulateMedia({ reducedMotion })` reaches puppeteer's `emulateMediaFeatures`, which needs the Chrome DevTools
//     protocol. WebDriver BiDi has no such command yet, so it is done as Firefox's own DevTools do it: the page's
//     browsing context gets `prefersReducedMotionOverride`, set from the parent process (Firefox is started with
//     `--remote-allow-system-access` for that). Other media features are refused with an error, never ignored.
//   - Key names as the tests write them for Playwright ("Space", "Shift+Tab") are translated for puppeteer's BiDi
//     keyboard, which knows neither a " " spelled "Space" nor chords.
//   - Every file starts with its page brought to the front, and downloads go to a temporary folder with no panel:
//     a test that exports a CSV would otherwise open Firefox's downloads panel, which takes focus from the page for
//     every later file the process runs (their focus and key presses then go nowhere).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'puppeteer-core';

/** Sets the page's reduced-motion override (`'reduce'`, `'no-preference'`, or anything else to clear it). */
async function setReducedMotion(page, value) {
  const connection = page.browser().connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const chromeWindow = tree.result.contexts[0].context;
  const override = value === 'reduce' || value === 'no-preference' ? value : 'none';
  const expression = `(() => {
    const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
    const context = NavigableManager.getBrowsingContextById(${JSON.stringify(page.mainFrame()._id)});
    if (!context) throw new Error('no browsing context for the test page');
    context.prefersReducedMotionOverride = ${JSON.stringify(override)};
  })()`;
  const { result } = await connection.send('script.evaluate', {
    expression,
    target: { context: chromeWindow },
    awaitPromise: false,
  });
  if (result.type === 'exception') throw new Error(`reduced-motion override failed: ${result.exceptionDetails.text}`);
}

/** "Space" -> " ", "Shift+Tab" -> ["Shift", "Tab"] (a lone "+" or a chord ending in "++" keeps its plus). */
function keysOf(key) {
  const parts = key === '+' ? ['+'] : key.endsWith('++') ? [...key.slice(0, -2).split('+'), '+'] : key.split('+');
  return parts.map((part) => (part === 'Space' ? ' ' : part));
}

function withPlaywrightKeyNames(keyboard) {
  const { down, up } = keyboard;
  keyboard.down = (key, options) => down.call(keyboard, key === 'Space' ? ' ' : key, options);
  keyboard.up = (key) => up.call(keyboard, key === 'Space' ? ' ' : key);
  keyboard.press = async (key, options = {}) => {
    const keys = keysOf(key);
    for (const k of keys) await down.call(keyboard, k);
    if (options.delay) await new Promise((resolve) => setTimeout(resolve, options.delay));
    for (const k of keys.reverse()) await up.call(keyboard, k);
  };
}

class FirefoxLauncher {
  name = 'Firefox';
  type = 'puppeteer';
  #executablePath;
  #idle = [];
  #active = new Map();
  #all = new Set();
  #downloads = mkdtempSync(join(tmpdir(), 'stride-firefox-downloads-'));

  constructor(executablePath) {
    this.#executablePath = executablePath;
  }

  async initialize() {}

  async #newSlot() {
    const browser = await launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: this.#executablePath,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // A closed network: no update checks, telemetry or captive-portal probes.
        'app.update.enabled': false,
        'network.captive-portal-service.enabled': false,
        'toolkit.telemetry.enabled': false,
        // Downloads are saved without asking and without the downloads panel (see the top of this file).
        'browser.download.folderList': 2,
        'browser.download.dir': this.#downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.alwaysOpenPanel': false,
        'browser.download.panel.shown': true,
      },
    });
    this.#all.add(browser);
    // A window of its own (not the start-up tab, which is never the active window) so the page has focus.
    const page = await browser.newPage({ type: 'window' });
    for (const other of await browser.pages()) if (other !== page) await other.close();
    const slot = { browser, page, reducedMotion: false };
    withPlaywrightKeyNames(page.keyboard);
    page.emulateMediaFeatures = async (features = []) => {
      for (const { name, value } of features) {
        if (name !== 'prefers-reduced-motion') throw new Error(`Firefox launcher: cannot emulate ${name}`);
        await setReducedMotion(page, value);
        slot.reducedMotion = Boolean(value);
      }
    };
    page.emulateMediaType = async (type) => {
      if (type) throw new Error('Firefox launcher: cannot emulate a media type');
    };
    return slot;
  }

  async startSession(sessionId, url) {
    let slot = this.#idle.pop();
    while (slot && !slot.browser.connected) slot = this.#idle.pop();
    slot ??= await this.#newSlot();
    this.#active.set(sessionId, slot);
    await slot.page.setViewport({ width: 800, height: 600 });
    await slot.page.bringToFront();
    await slot.page.goto(url);
  }

  isActive(sessionId) {
    return this.#active.has(sessionId);
  }

  getPage(sessionId) {
    const slot = this.#active.get(sessionId);
    if (!slot) throw new Error(`Could not find a page for session ${sessionId}`);
    return slot.page;
  }

  getBrowserUrl(sessionId) {
    return this.getPage(sessionId).url();
  }

  async startDebugSession() {
    throw new Error('The Firefox launcher runs headless only: debug in Chromium (npx web-test-runner --manual).');
  }

  async stopSession(sessionId) {
    const slot = this.#active.get(sessionId);
    if (!slot) throw new Error(`No page for session ${sessionId}`);
    this.#active.delete(sessionId);
    // An empty page stops the test's timers and any reload loop before the next file reuses the process, which
    // starts with no emulation (a file that failed before restoring it leaves none behind).
    await slot.page.goto('about:blank');
    if (slot.reducedMotion) await slot.page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: '' }]);
    this.#idle.push(slot);
    return {};
  }

  async stop() {
    await Promise.all([...this.#all].map((browser) => browser.close().catch(() => undefined)));
  }
}

/** @param {{ executablePath: string }} options */
export function firefoxLauncher({ executablePath }) {
  return new FirefoxLauncher(executablePath);
}
