// The extension in the browser (vscode.dev, github.dev, code-server's web worker host): the same
// server, bundled for a Web Worker (dist/server/browserServer.js), with imports read by
// ../common/readFile.ts; the language status item, Restart Server and Show Output as on the desktop.
// The memory-map panel saves SVGs through Node today, so the browser build does not register it yet.

import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { registerStatusItem } from '../statusItem';
import { readFileForServer } from '../common/readFile';
import { MemoryMapChangedNotification, MemoryMapRequest, ReadFileRequest } from '../../../common/src/protocol/lsp';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverUrl = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'browserServer.js').toString(true);
  const outputChannel = vscode.window.createOutputChannel('Kexec Layout', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'kexec-layout' }],
    synchronize: { configurationSection: 'kexecLayout' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('kexecLayout') },
    outputChannel,
  };
  // A factory, so a restart (stop, start) gets a new worker.
  client = new LanguageClient('kexecLayout', 'Kexec Layout', () => Promise.resolve(new Worker(serverUrl)), clientOptions);
  const c = client;
  const status = registerStatusItem({
    requestModel: async (uri) => (c.isRunning() ? (await c.sendRequest(MemoryMapRequest, { textDocument: { uri } })) ?? null : null),
  });
  context.subscriptions.push(
    status,
    c.onRequest(ReadFileRequest, readFileForServer),
    c.onNotification(MemoryMapChangedNotification, (p) => status.refresh(p.uri)),
    vscode.commands.registerCommand('kexecLayout.restartServer', async () => { await c.stop(); await c.start(); status.refresh(); }),
    vscode.commands.registerCommand('kexecLayout.showOutput', () => outputChannel.show(true)),
  );
  await c.start();
  status.refresh();
  return { client: c };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
