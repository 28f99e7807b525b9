import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('the leaderboard never loads ECharts (DESIGN: widgets that do not draw charts must not load it)', async () => {
  const result = await build({
    entryPoints: [`${root}packages/elements/src/leaderboard/leaderboard.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    tsconfig: `${root}tsconfig.json`,
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(
    inputs.some((path) => path.includes('list-window-controller')),
    'the bundle was resolved',
  );
  assert.deepEqual(
    inputs.filter((path) => /echarts|zrender/.test(path)),
    [],
  );
});

test("the light page windows its lists with the kit's own controller, not @lit-labs/virtualizer", async () => {
  const result = await build({
    entryPoints: [
      `${root}packages/elements/src/leaderboard/leaderboard.ts`,
      `${root}packages/elements/src/indicators/indicators.ts`,
    ],
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    tsconfig: `${root}tsconfig.json`,
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((path) => path.includes('list-window-controller')));
  assert.deepEqual(
    inputs.filter((path) => path.includes('@lit-labs/virtualizer')),
    [],
  );
});
