// A web-test-runner server command that reads what only the DevTools protocol can see from inside a test page:
// DOM nodes, JS event listeners and documents the renderer still holds (Memory.getDOMCounters) and the JS heap
// after a full collection, and how many objects still live whose prototype chain holds one of the prototypes the page
// names (Runtime.queryObjects: an exact count of instances, where the heap is a sum that moves by itself). The memory
// harness asks for it through `executeServerCommand('stride-cdp-counters')`.
// The Playwright launcher exposes each session's page; one CDP session per page is kept for the run.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function cdpCountersPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'stride-cdp-counters',
    async executeCommand({ command, payload, session }) {
      if (command !== 'stride-cdp-counters') return undefined;
      const launcher = session.browser;
      if (typeof launcher.getPage !== 'function') throw new Error('stride-cdp-counters needs the Playwright launcher');
      const page = launcher.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        sessions.set(page, cdp);
      }
      // Collect twice: the first pass may only finalise objects whose weak callbacks free more.
      if (payload?.collectGarbage !== false) {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
      }
      // payload.live: { name: expression evaluated in the page to a prototype } -> live[name]: objects holding it
      const live = {};
      for (const [name, expression] of Object.entries(payload?.live ?? {})) {
        const group = 'stride-cdp-live';
        const { result: prototype } = await cdp.send('Runtime.evaluate', { expression, objectGroup: group });
        if (!prototype.objectId) throw new Error(`stride-cdp-counters: ${expression} is not an object in the page`);
        const { objects } = await cdp.send('Runtime.queryObjects', {
          prototypeObjectId: prototype.objectId,
          objectGroup: group,
        });
        const { result } = await cdp.send('Runtime.callFunctionOn', {
          objectId: objects.objectId,
          functionDeclaration: 'function () { return this.length; }',
          returnByValue: true,
        });
        live[name] = result.value;
        await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
      }
      const counters = await cdp.send('Memory.getDOMCounters');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
      return {
        documents: counters.documents,
        nodes: counters.nodes,
        jsEventListeners: counters.jsEventListeners,
        jsHeapUsedSize: metric('JSHeapUsedSize'),
        live,
      };
    },
  };
}
