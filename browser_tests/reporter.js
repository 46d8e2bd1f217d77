// node --test reporter for the browser tests: one line per test, the
// failures' messages, and a closing line `N passed, N failed`.
'use strict';

module.exports = async function* reporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for await (const event of source) {
    const data = event.data || {};
    const details = data.details || {};
    if (event.type === 'test:stdout' || event.type === 'test:stderr') {
      yield data.message;
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (details.type === 'suite') continue;
    const seconds = ((details.duration_ms || 0) / 1000).toFixed(1);
    if (data.skip || data.todo) {
      skipped += 1;
      yield `  skip  ${data.name}\n`;
    } else if (event.type === 'test:pass') {
      passed += 1;
      yield `  ok    ${data.name} (${seconds} s)\n`;
    } else {
      failed += 1;
      const error = details.error || {};
      const cause = error.cause || error;
      const message = String((cause && (cause.stack || cause.message)) || error.message || error);
      failures.push(`${data.name}\n${message.split('\n').slice(0, 12).join('\n')}`);
      yield `  FAIL  ${data.name} (${seconds} s)\n`;
    }
  }
  for (const failure of failures) yield `\n--- FAILED: ${failure}\n`;
  yield `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
};
