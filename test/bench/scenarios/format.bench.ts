// The trivial end-to-end scenario of the harness: Stride's cached formatter against building Intl.NumberFormat per
// call, as a naive widget would.
import { formatCount } from '@stride/core';
import { defineScenario } from '../harness.js';

const values = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 1_000_003);

export default defineScenario({
  name: 'format: 20,000 counts (zh-CN)',
  timed: 'formatting 20,000 integers to display strings, in one task',
  runs: 9,
  candidates: {
    baseline: () => {
      const start = performance.now();
      for (const v of values) new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(v);
      return performance.now() - start;
    },
    stride: () => {
      const start = performance.now();
      for (const v of values) formatCount(v, 'zh-CN');
      return performance.now() - start;
    },
  },
});
