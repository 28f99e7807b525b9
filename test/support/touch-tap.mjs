// A web-test-runner server command that taps the page with a finger rather than a mouse: a touchStart and touchEnd
// at a viewport point through the DevTools protocol (Input.dispatchTouchEvent), with touch emulation on so the
// browser turns the tap into the click a phone would. Tests ask for it through
// `executeServerCommand('stride-touch-tap', {x, y})`. Firefox's launcher has no DevTools page: it answers
// `{touch: false}` and the test says what it did instead.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function touchTapPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'stride-touch-tap',
    async executeCommand({ command, payload, session }) {
      if (command !== 'stride-touch-tap') return undefined;
      const launcher = session.browser;
      if (typeof launcher.getPage !== 'function') return { touch: false };
      const page = launcher.getPage(session.id);
      if (typeof page.context !== 'function' || typeof page.context().newCDPSession !== 'function') {
        return { touch: false };
      }
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        sessions.set(page, cdp);
      }
      const point = { x: payload.x, y: payload.y, radiusX: 4, radiusY: 4, force: 1, id: 1 };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      return { touch: true };
    },
  };
}
