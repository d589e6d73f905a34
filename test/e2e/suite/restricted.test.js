// Restricted Mode in the real extension host (runExtensionTests.js with E2E_WORKSPACE_TRUST=1:
// trust on, the folder opened untrusted): layouts are still checked, an `import` reads a file
// inside the workspace, and one outside it — by path or through a symlink — is one
// import/unreadable naming Restricted Mode, from the desktop (Node) language server.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

const IOMEM = '00001000-0009ffff : System RAM\n00100000-7fffffff : System RAM\n';

suite('Restricted Mode (untrusted workspace)', () => {
  test('the workspace is untrusted and the extension is active', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the folder was opened trusted: this run needs E2E_WORKSPACE_TRUST=1');
    const api = await vscode.extensions.getExtension(h.EXTENSION_ID).activate();
    assert.ok(api && api.client, 'the extension activated in Restricted Mode');
  });

  test('imports outside the workspace are refused with Restricted Mode; inside is read; the layout is still checked', async () => {
    const root = h.inWorkspace('.');
    const outside = path.join(path.dirname(root), 'outside');
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(outside, 'iomem.txt'), IOMEM);
    fs.writeFileSync(h.inWorkspace('fixtures/trust-iomem.txt'), IOMEM);
    fs.rmSync(h.inWorkspace('fixtures/trust-escape.txt'), { force: true });
    fs.symlinkSync(path.join(outside, 'iomem.txt'), h.inWorkspace('fixtures/trust-escape.txt'));
    fs.writeFileSync(h.inWorkspace('fixtures/trust.kexec'), [
      'arch x86_64',
      'import iomem "trust-iomem.txt"',
      'import iomem "../../outside/iomem.txt"',
      'import iomem "trust-escape.txt"',
      '',
    ].join('\n'));
    const doc = await h.open('fixtures/trust.kexec');
    const diags = await h.waitForDiagnostics(doc.uri, (keys) => keys.filter((k) => k.startsWith('import/unreadable')).length >= 2, 'two import/unreadable');
    const un = diags.filter((d) => h.codeOf(d) === 'import/unreadable');
    assert.deepStrictEqual(un.map((d) => d.range.start.line).sort(), [2, 3], JSON.stringify(h.shown(doc.uri)));
    for (const d of un) assert.match(d.message, /Restricted Mode: imports read only files inside the workspace/);
    assert.ok(!diags.some((d) => d.range.start.line === 1), `the import inside is read: ${JSON.stringify(h.shown(doc.uri))}`);
  });
});
