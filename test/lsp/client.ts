// A minimal LSP client over stdio to the bundled server (dist/server/server.js), for tests and the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type PublishDiagnosticsParams, type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../../..');

export interface TestClient {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** Resolves with the next published diagnostics for uri that satisfy pred. */
  diagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  notifications: { method: string; params: unknown }[];
  stderr(): string;
  close(): Promise<void>;
}

/** `init`: the initializationOptions sent (default `{}`, as an editor that sends none of ours). */
export async function startClient(opts: { pull?: boolean; settings?: unknown; init?: unknown } = {}): Promise<TestClient> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/server/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => { err += d; });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const notifications: { method: string; params: unknown }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].uri === p.uri && waiters[i].pred(p)) { waiters[i].resolve(p); waiters.splice(i, 1); }
    }
  });
  conn.onNotification('kexecLayout/didChangeMemoryMap', (params: unknown) => { notifications.push({ method: 'kexecLayout/didChangeMemoryMap', params }); });
  conn.onRequest('workspace/configuration', () => [opts.settings ?? {}]);
  conn.listen();
  const capabilities: ClientCapabilities = {
    textDocument: { hover: { contentFormat: ['markdown'] }, ...(opts.pull ? { diagnostic: {} } : {}) },
    workspace: { configuration: true },
  };
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions: opts.init ?? {} });
  await conn.sendNotification('initialized', {});
  return {
    conn, proc, notifications,
    diagnostics: (uri, pred = () => true) => new Promise((resolve) => waiters.push({ uri, pred, resolve })),
    stderr: () => err,
    close: async () => {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await new Promise<void>((r) => { if (proc.exitCode !== null) r(); else proc.on('exit', () => r()); });
      conn.dispose();
    },
  };
}

export function open(c: TestClient, uri: string, text: string, version = 1): Promise<void> {
  return c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kexec-layout', version, text } });
}
