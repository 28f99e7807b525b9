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
      // The heap and the DOM counters are read here, straight after the collection: the live query below builds an
      // array of every object in the heap (a megabyte or more) that stays as garbage until the next collection, and a
      // heap read after it measured that array, not the widget (one widget's growth read 4.8 % in CI, where the harness
      // allows 2 %).
      const counters = await cdp.send('Memory.getDOMCounters');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
      // payload.live: { name: expression evaluated in the page to a prototype } -> live[name]: objects holding it.
      // One Runtime.queryObjects over Object.prototype lists every object once (each query collects all the garbage it
      // can and walks the heap: 0.3-0.6 s a query here), and the page counts each prototype's objects in that list.
      const live = {};
      const names = Object.keys(payload?.live ?? {});
      if (names.length > 0) {
        const group = 'stride-cdp-live';
        const { result: everything } = await cdp.send('Runtime.evaluate', {
          expression: 'Object.prototype',
          objectGroup: group,
        });
        const { objects } = await cdp.send('Runtime.queryObjects', {
          prototypeObjectId: everything.objectId,
          objectGroup: group,
        });
        const prototypes = `[${names.map((name) => payload.live[name]).join(', ')}]`;
        const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
          objectId: objects.objectId,
          functionDeclaration: `function () {
            const prototypes = ${prototypes};
            const bad = prototypes.findIndex((p) => p === null || typeof p !== 'object');
            if (bad >= 0) return { bad };
            const counts = prototypes.map(() => 0);
            for (const object of this) prototypes.forEach((p, i) => { if (p.isPrototypeOf(object)) counts[i] += 1; });
            return { counts };
          }`,
          returnByValue: true,
        });
        await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
        if (exceptionDetails) throw new Error(`stride-cdp-counters: ${exceptionDetails.text}`);
        if (result.value.bad !== undefined)
          throw new Error(`stride-cdp-counters: ${payload.live[names[result.value.bad]]} is not an object in the page`);
        names.forEach((name, i) => (live[name] = result.value.counts[i]));
      }
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
