// A node:test reporter for `npm test`'s summary (test/run-all.mjs): per test file, how many tests passed, failed,
// were skipped or todo. Suites (describe) are not tests. A file with no test at all shows up under its own path as
// one passing "test"; it is counted as a file that ran zero tests, which run-all fails.
export default async function* countTests(source) {
  const files = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { file, name, details, skip, todo } = event.data;
    const counts = (files[file ?? '(unknown)'] ??= { passed: 0, failed: 0, skipped: 0, todo: 0 });
    if (details?.type === 'suite' || name === file) continue;
    if (skip) counts.skipped += 1;
    else if (todo) counts.todo += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else counts.failed += 1;
  }
  yield JSON.stringify(files);
}
