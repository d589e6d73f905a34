'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

suite('completion', () => {
  suiteSetup(() => h.ready());
  test('at the start of an empty line it offers `segment`', async () => {
    const doc = await h.open('fixtures/tdx-guest.kexec');
    const line = doc.getText().split('\n').findIndex((l) => l.trim() === '');
    assert.ok(line >= 0, 'fixture has an empty line');
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('segment'), `labels: ${JSON.stringify(labels.slice(0, 40))}`);
  });
});
