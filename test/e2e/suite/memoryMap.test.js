'use strict';
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

suite('memory map', () => {
  suiteSetup(() => h.ready());
  test('kexecLayout.showMemoryMap opens a webview tab "Memory Map: <file>"', async () => {
    const examples = h.layouts('examples');
    const rel = examples.find((f) => /tdx-6\.13-initrd-unaccepted/.test(f)) || examples[0] || 'fixtures/tdx-guest.kexec';
    await h.open(rel);
    await vscode.commands.executeCommand('kexecLayout.showMemoryMap');
    const title = `Memory Map: ${path.basename(rel)}`;
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const tab = await h.waitFor(vscode.window.tabGroups.onDidChangeTabs,
      () => tabs().find((t) => t.input instanceof vscode.TabInputWebview && /kexecLayout\.memoryMap$/.test(t.input.viewType)),
      { timeoutMs: 15000, describe: () => `tabs: ${JSON.stringify(tabs().map((t) => [t.label, t.input && t.input.viewType]))}` });
    assert.strictEqual(tab.label, title);
  });
});
