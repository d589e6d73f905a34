// VS Code glue: starts the language server, relays its memory-map notifications to the webview,
// and registers the commands. No check runs here: every answer comes from the server.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerMemoryMap } from './memoryMapPanel';
import { registerImportCommand } from './importCommand';
import { registerSnapshotCommand } from './snapshotCommand';
import { registerCheckTasks } from './checkTask';
import { MemoryMapChangedNotification, MemoryMapRequest } from '../../common/src/protocol/lsp';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Kexec Layout', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'kexec-layout' }, { scheme: 'untitled', language: 'kexec-layout' }],
    synchronize: { configurationSection: 'kexecLayout' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('kexecLayout') },
    outputChannel,
  };
  client = new LanguageClient('kexecLayout', 'Kexec Layout', serverOptions, clientOptions);
  const c = client;

  const memoryMap = registerMemoryMap(context, {
    requestModel: async (uri: string) => (await c.sendRequest(MemoryMapRequest, { textDocument: { uri } })) ?? null,
  });
  context.subscriptions.push(
    c.onNotification(MemoryMapChangedNotification, (p) => memoryMap.refresh(p.uri)),
    registerImportCommand(c),
    registerSnapshotCommand(),
    registerCheckTasks(context),
  );
  await c.start();
  context.subscriptions.push({ dispose: () => void c.stop() });
  return { client: c };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
