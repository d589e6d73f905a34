#!/usr/bin/env node
// The language server on Node: over node IPC (VS Code), --stdio (Neovim, Helix, Zed, Emacs; the
// default), --socket or --pipe; the LSP lifecycle is enforced (../lifecycle.ts) on every transport.
// Imports are read from the file system, relative to the layout's own file.

import {
  createConnection, ProposedFeatures, IPCMessageReader, IPCMessageWriter, StreamMessageWriter,
  createServerSocketTransport, createServerPipeTransport, type MessageReader, type MessageWriter,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { startServer } from '../server';
import { LifecycleReader } from '../lifecycle';
import { StrictStreamReader } from './framing';
import { fileImportResolver } from './fileImports';
import { importFile } from './importFile';
import { RemoteDocs } from './remoteDocs';
import type { ReadRoots } from './workspaceTrust';

/** Documents from this size (about 30,000 lines) live in a worker thread each; shorter ones are
 *  checked in-thread, where a check takes tens of ms — less than a worker's start-up. */
const WORKER_MIN_CHARS = 1 << 20;

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try { return fileURLToPath(uri); } catch { return null; }
}

/** `--name=value` or `--name value` from argv. */
function argValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(name + '=')) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** The transport the client asked for; stdio (the default) gets the strict framing reader. */
function transport(argv: string[]): [MessageReader, MessageWriter] {
  if (argv.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  const port = argValue(argv, '--socket');
  if (port !== undefined) return createServerSocketTransport(Number(port));
  const pipe = argValue(argv, '--pipe');
  if (pipe !== undefined) return createServerPipeTransport(pipe);
  return [new StrictStreamReader(process.stdin), new StreamMessageWriter(process.stdout)];
}

if (require.main === module) {
  const [raw, writer] = transport(process.argv);
  const reader = new LifecycleReader(raw, writer);
  // The input ended (the client went away): exit as the spec's `exit` would.
  reader.onClose(() => process.exit(reader.state === 'shutdown' ? 0 : 1));
  // A framing error leaves no message boundary to resync on: say why, then exit so the client
  // restarts the server (VS Code does, up to its limit) instead of waiting on a silent one.
  reader.onError((e) => {
    const why = `kexec-layout-server: ${e instanceof Error ? e.message : String(e)}; exiting so the client can restart the server`;
    process.stderr.write(why + '\n');
    writer.write({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 1, message: why } } as never)
      .catch(() => undefined)
      .finally(() => process.exit(1));
    setTimeout(() => process.exit(1), 500).unref();
  });
  // Big documents live in worker threads (KEXEC_LAYOUT_CHECKS=inline keeps them on the main thread).
  const workerScript = path.join(__dirname, 'checkWorker.js');
  const remote = process.env.KEXEC_LAYOUT_CHECKS === 'inline' || !existsSync(workerScript) ? undefined : new RemoteDocs(workerScript, WORKER_MIN_CHARS);
  // Restricted Mode (the client said the workspace is untrusted): reads stay inside these folders.
  let roots: ReadRoots;
  startServer(createConnection(ProposedFeatures.all, reader, writer), {
    importResolver: (uri, settings, signal) => fileImportResolver(uriToPath(uri), { maxBytes: settings?.importMaxBytes, signal, roots }),
    importFile,
    ...(remote ? { remote } : {}),
    setWorkspaceTrust: (t) => {
      roots = t.trusted ? undefined : t.folders;
      if (remote) remote.roots = roots;
    },
  });
}
