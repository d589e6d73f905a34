// The extension in the browser (vscode.dev, github.dev, code-server's web worker host): the same
// server, bundled for a Web Worker (dist/server/browserServer.js), with imports read by
// ../common/readFile.ts; the memory map, the language status item, Restart Server and Show Output
// as on the desktop. Exported SVGs are written through vscode.workspace.fs (no Node here).

import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import { registerStatusItem } from '../statusItem';
import { registerMemoryMap } from '../memoryMapPanel';
import { readFileForServer } from '../common/readFile';
import { MemoryMapChangedNotification, MemoryMapRequest, ReadFileRequest } from '../../../common/src/protocol/lsp';

let client: LanguageClient | undefined;

/**
 * The server's Web Worker. An extension served over http(s) (vscode.dev) starts it from its URL;
 * one installed on a remote server (code-server's web worker host: `vscode-remote:` URIs) cannot,
 * as that host refuses `new Worker` for remote URIs, so the bundle is read through VS Code's file
 * system and started from a blob: URL of the page's own origin.
 */
export async function startServerWorker(serverUri: vscode.Uri, read: (u: vscode.Uri) => Thenable<Uint8Array> = (u) => vscode.workspace.fs.readFile(u)): Promise<Worker> {
  if (serverUri.scheme === 'http' || serverUri.scheme === 'https') return new Worker(serverUri.toString(true));
  const code = await read(serverUri);
  const url = URL.createObjectURL(new Blob([code as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
  return new Worker(url, { name: 'kexec-layout-server' });
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverUri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'browserServer.js');
  const outputChannel = vscode.window.createOutputChannel('Kexec Layout', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'kexec-layout' }],
    synchronize: { configurationSection: 'kexecLayout' },
    // Plain data: a Worker's postMessage clones structurally, and the configuration object has
    // methods (the desktop's JSON transport drops them silently).
    initializationOptions: () => ({ settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('kexecLayout'))) as unknown }),
    outputChannel,
  };
  // A factory, so a restart (stop, start) gets a new worker. It returns the transports rather than
  // the Worker: the client tells a Worker by `instanceof Worker`, which fails for the Worker of a
  // host that wraps the global (VS Code's web worker extension host does).
  const transports = async (): Promise<MessageTransports> => {
    const worker = await startServerWorker(serverUri);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  client = new LanguageClient('kexecLayout', 'Kexec Layout', transports, clientOptions);
  const c = client;
  const requestModel = async (uri: string) => (c.isRunning() ? (await c.sendRequest(MemoryMapRequest, { textDocument: { uri } })) ?? null : null);
  const memoryMap = registerMemoryMap(context, { requestModel });
  const status = registerStatusItem({ requestModel });
  context.subscriptions.push(
    status,
    c.onRequest(ReadFileRequest, readFileForServer),
    c.onNotification(MemoryMapChangedNotification, (p) => { memoryMap.refresh(p.uri); status.refresh(p.uri); }),
    vscode.commands.registerCommand('kexecLayout.restartServer', async () => { await c.stop(); await c.start(); status.refresh(); }),
    vscode.commands.registerCommand('kexecLayout.showOutput', () => outputChannel.show(true)),
    // The walkthrough's first step, as on the desktop.
    vscode.commands.registerCommand('kexecLayout.openExample', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(context.extensionUri, 'examples', 'acpi-and-overlap.kexec'));
      await vscode.window.showTextDocument(doc);
    }),
  );
  await c.start();
  status.refresh();
  return { client: c };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
