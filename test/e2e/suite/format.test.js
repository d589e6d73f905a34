'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

async function formatOnce(doc) {
  const edits = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true }) || [];
  if (edits.length) {
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we), 'applyEdit');
  }
  return edits;
}

suite('formatting', () => {
  suiteSetup(() => h.ready());
  const rel = 'fixtures/needs-format.kexec';
  let doc;
  suiteTeardown(async () => { if (doc) await h.revert(doc); });

  test('returns edits, and formatting the result again changes nothing', async () => {
    doc = await h.open(rel);
    await h.waitForCliDiagnostics(doc, h.cliResults([rel]).get(rel));
    const before = h.shown(doc.uri).map((d) => d.code).sort();
    const republished = h.nextDiagnosticsChange(doc.uri);
    republished.catch(() => {}); // awaited below, after the asserts that may fail first
    const first = await formatOnce(doc);
    assert.ok(first.length > 0, 'the unformatted fixture gets edits');
    const once = doc.getText();
    assert.notStrictEqual(once, require('fs').readFileSync(h.inWorkspace(rel), 'utf8'));
    await formatOnce(doc);
    assert.strictEqual(doc.getText(), once, 'second format is stable');
    // Formatting must not change what the checker finds.
    await republished;
    assert.deepStrictEqual(h.shown(doc.uri).map((d) => d.code).sort(), before);
  });
});
