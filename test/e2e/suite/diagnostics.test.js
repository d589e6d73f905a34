'use strict';
const assert = require('assert');
const h = require('./helpers');

// One test per layout: VS Code must show exactly the findings `kexec-layout check --format json`
// reports (code, line, severity), plus the server's one `outcome` diagnostic agreeing with the
// CLI's outcome, all with source kexec-layout; read from the CLI at run time.
suite('diagnostics match the CLI', () => {
  suiteSetup(() => h.ready());
  const files = h.layouts();
  let expected;
  suiteSetup(() => { expected = h.cliResults(files); });

  test('examples/ holds at least 5 layouts', () => {
    const examples = h.layouts('examples');
    assert.ok(examples.length >= 5, `examples/: ${JSON.stringify(examples)}`);
  });

  for (const rel of files) {
    test(rel, async () => {
      const doc = await h.open(rel);
      await h.waitForCliDiagnostics(doc, expected.get(rel));
    });
  }
});
