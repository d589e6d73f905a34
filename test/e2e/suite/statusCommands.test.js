// Restart Server, Show Output, the language status item with the outcome, the walkthrough, and
// what the manifest declares for trust and virtual workspaces, in the real extension host.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

async function poll(check, what, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

suite('status item and server commands', () => {
  test('the commands, the walkthrough and the capabilities are contributed', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(['kexecLayout.restartServer', 'kexecLayout.showOutput', 'kexecLayout.openExample'].filter((c) => !all.has(c)), []);
    const pkg = vscode.extensions.getExtension(h.EXTENSION_ID).packageJSON;
    const steps = pkg.contributes.walkthroughs[0].steps.map((s) => s.id);
    assert.deepStrictEqual(steps, ['openExample', 'seeFinding', 'openMap', 'importIomem']);
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.browser, 'a browser entry');
  });

  test('the status item shows the outcome of the active layout, coloured by its worst part', async () => {
    const doc = await h.open('examples/acpi-and-overlap.kexec');
    await vscode.window.showTextDocument(doc);
    const api = await vscode.extensions.getExtension(h.EXTENSION_ID).activate();
    const cli = h.cliResults(['examples/acpi-and-overlap.kexec']).get('examples/acpi-and-overlap.kexec');
    const item = await poll(() => (api.statusItem.text.startsWith('load ') ? api.statusItem : null), 'the status item text');
    assert.match(item.text, new RegExp(`jump ${cli.outcome.jump}$`));
    assert.match(item.text, /^load fails -?EINVAL/);
    assert.strictEqual(item.severity, vscode.LanguageStatusSeverity.Error);
    assert.strictEqual(item.command.command, 'kexecLayout.showMemoryMap');
  });

  test('Restart Server gives a running client that answers again; Show Output runs', async () => {
    const api = await vscode.extensions.getExtension(h.EXTENSION_ID).activate();
    await vscode.commands.executeCommand('kexecLayout.restartServer');
    await poll(() => api.client.isRunning(), 'the restarted client');
    const uri = vscode.Uri.file(h.inWorkspace('examples/acpi-and-overlap.kexec')).toString();
    const model = await api.client.sendRequest('kexecLayout/memoryMap', { textDocument: { uri } });
    assert.ok(model && model.outcome.load === 'fails', JSON.stringify(model && model.outcome));
    await vscode.commands.executeCommand('kexecLayout.showOutput');
  });
});
