'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

suite('activation', () => {
  test('opening a .kexec file gives it language kexec-layout and activates the extension', async () => {
    const ext = vscode.extensions.getExtension(h.EXTENSION_ID);
    assert.ok(ext, `extension ${h.EXTENSION_ID} is loaded`);
    console.log(`    vscode ${vscode.version}, ${h.EXTENSION_ID} active before opening a layout: ${ext.isActive}`);
    const rel = 'fixtures/tdx-guest.kexec';
    const doc = await h.open(rel);
    assert.strictEqual(doc.languageId, 'kexec-layout');
    // The language server's first diagnostics can only arrive once activation has started it.
    await h.waitForCliDiagnostics(doc, h.cliResults([rel]).get(rel));
    assert.ok(ext.isActive, 'extension is active');
  });

  test('its commands are registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = ['kexecLayout.showMemoryMap', 'kexecLayout.exportMemoryMapSvg', 'kexecLayout.newLayoutFromMemoryMap', 'kexecLayout.newLayoutFromThisMachine'].filter((c) => !all.has(c));
    assert.deepStrictEqual(missing, []);
  });
});
