// VS Code glue: starts the language server, relays its memory-map notifications to the webview,
// and registers the commands. No check runs here: every answer comes from the server.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerMemoryMap } from './memoryMapPanel';
import { registerImportCommand } from './importCommand';
import { registerSnapshotCommand } from './snapshotCommand';
import { registerCheckTasks } from './checkTask';
import { registerStatusItem } from './statusItem';
import { writeFileAtomic } from '../../server/src/node/atomicWrite';
import { MemoryMapChangedNotification, MemoryMapRequest, WorkspaceTrustNotification, type WorkspaceTrustParams } from '../../common/src/protocol/lsp';

let client: LanguageClient | undefined;

/** Whether the workspace is trusted, and its folders on disk: in Restricted Mode the server reads
 *  imports and load files only inside them (server/src/node/workspaceTrust.ts). */
function workspaceTrust(): WorkspaceTrustParams {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return { trusted: vscode.workspace.isTrusted, folders };
}

export const RESTART_COMMAND = 'kexecLayout.restartServer';
export const SHOW_OUTPUT_COMMAND = 'kexecLayout.showOutput';

/** What the extension-host tests reach: the client and the status item. */
export interface ExtensionApi { client: LanguageClient; statusItem: vscode.LanguageStatusItem }

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Kexec Layout', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'kexec-layout' }, { scheme: 'untitled', language: 'kexec-layout' }],
    synchronize: { configurationSection: 'kexecLayout' },
    // A function: a restarted server gets the trust and settings of that moment.
    initializationOptions: () => ({ settings: vscode.workspace.getConfiguration('kexecLayout'), workspaceTrust: workspaceTrust() }),
    outputChannel,
  };
  client = new LanguageClient('kexecLayout', 'Kexec Layout', serverOptions, clientOptions);
  const c = client;

  const requestModel = async (uri: string) => (await c.sendRequest(MemoryMapRequest, { textDocument: { uri } })) ?? null;
  // Exported SVGs on disk: temp file beside the target, then rename (the browser client has no Node).
  const writeLocalFile = (fsPath: string, text: string) => writeFileAtomic(fsPath, text, { force: true });
  const memoryMap = registerMemoryMap(context, { requestModel, writeLocalFile });
  const status = registerStatusItem({ requestModel: (uri) => (c.isRunning() ? requestModel(uri) : Promise.resolve(null)) });
  context.subscriptions.push(
    status,
    c.onNotification(MemoryMapChangedNotification, (p) => { memoryMap.refresh(p.uri); status.refresh(p.uri); }),
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      outputChannel.info('Restarting the language server (command).');
      await c.restart();
      status.refresh();
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => outputChannel.show(true)),
    // The walkthrough's first step: an example shipped with the extension (a findings-rich one).
    vscode.commands.registerCommand('kexecLayout.openExample', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(context.extensionUri, 'examples', 'acpi-and-overlap.kexec'));
      await vscode.window.showTextDocument(doc);
    }),
    registerImportCommand(c),
    registerSnapshotCommand(),
    registerCheckTasks(context),
    // Trust granted or folders changed: the server rechecks its open layouts with the new reach.
    vscode.workspace.onDidGrantWorkspaceTrust(() => { if (c.isRunning()) void c.sendNotification(WorkspaceTrustNotification, workspaceTrust()); }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => { if (c.isRunning()) void c.sendNotification(WorkspaceTrustNotification, workspaceTrust()); }),
  );
  await c.start();
  context.subscriptions.push({ dispose: () => void c.stop() });
  status.refresh();
  return { client: c, statusItem: status.item };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
