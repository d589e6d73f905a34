// Language-server latency through a real LSP connection (stdio to dist/server/server.js) on a
// 10,000-line layout: hover, completion, and didChange → publishDiagnostics. The reference is the
// round trip of a request the server answers without looking at the document (shutdown-free
// `kexecLayout/memoryMap` on an unknown URI), measured in the same run.
import { startClient, open } from '../test/lsp/client';
import { bigMapLayout } from './engineBench';
import { summarize, type Stat } from './stats';

export async function benchLsp(): Promise<Record<string, Stat>> {
  const c = await startClient();
  try {
    const uri = 'file:///bench.kexec';
    const text = bigMapLayout(10_000 - 20);
    const first = c.diagnostics(uri);
    await open(c, uri, text);
    await first;
    const lines = text.split('\n');
    const time = async (n: number, f: (i: number) => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = process.hrtime.bigint();
        await f(i);
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return summarize(samples);
    };
    const hover = await time(200, (i) => c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4 + ((i * 37) % (lines.length - 30)), character: 10 } }));
    const completion = await time(100, (i) => c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4 + ((i * 53) % (lines.length - 30)), character: 0 } }));
    const reference = await time(200, () => c.conn.sendRequest('kexecLayout/memoryMap', { textDocument: { uri: 'file:///nothing.kexec' } }));
    let version = 1;
    const diagnostics = await time(20, async (i) => {
      version++;
      const p = c.diagnostics(uri, (x) => x.version === version);
      const line = 10 + i;
      await c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '' }],
      });
      await p;
    });
    return {
      'hover (10,000 lines)': hover,
      'completion (10,000 lines)': completion,
      'didChange → diagnostics (10,000 lines)': diagnostics,
      'reference: request on an unknown document': reference,
    };
  } finally {
    await c.close();
  }
}

/**
 * The reference for didChange → diagnostics: vscode-json-language-server (the server VS Code runs
 * for JSON) on the same 10,000-line data as JSON, validated against a schema of it, through the
 * same kind of stdio connection. It waits a fixed 300 ms after each change before validating
 * (validationDelayMs in its jsonServer.js); its work is reported with that delay taken out.
 */
export async function benchJsonLsp(): Promise<Record<string, Stat>> {
  const { spawn } = await import('node:child_process');
  const path = await import('node:path');
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver-protocol/node');
  const { regions, LAYOUT_SCHEMA } = await import('./layouts.js');
  const main = path.join(__dirname, '..', '..', 'node_modules', 'vscode-json-languageserver', 'out', 'node', 'jsonServerMain.js');
  const proc = spawn(process.execPath, [main, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: { version: number; resolve: () => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number; diagnostics: unknown[] }) => {
    for (let i = waiters.length - 1; i >= 0; i--) if (p.version === undefined || p.version >= waiters[i].version) { waiters[i].resolve(); waiters.splice(i, 1); }
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/configuration', () => [{}]);
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } }, initializationOptions: { provideFormatter: false } });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: { json: { validate: { enable: true }, schemas: [{ fileMatch: ['*.json'], schema: LAYOUT_SCHEMA }] } } });
    const uri = 'file:///bench.json';
    // ~10,000 lines, like the layout: one region per line.
    const { regions: rows, ...rest } = JSON.parse(regions(10_000 - 20).json) as { regions: unknown[] };
    const text = `${JSON.stringify(rest).slice(0, -1)},\n"regions": [\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
    let version = 1;
    const published = (v: number) => new Promise<void>((resolve) => waiters.push({ version: v, resolve }));
    const first = published(1);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
    await first;
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      version++;
      const p = published(version);
      const t = process.hrtime.bigint();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 10 + i, character: 0 }, end: { line: 10 + i, character: 0 } }, text: '' }] });
      await p;
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const lines = text.split('\n').length;
    return {
      [`reference: vscode-json-language-server didChange → diagnostics (${lines.toLocaleString('en-US')} lines of JSON, schema-validated; includes its fixed 300 ms delay)`]: summarize(samples),
      'reference: the same without its 300 ms delay (its work)': summarize(samples.map((s) => s - 300)),
    };
  } finally {
    await conn.sendRequest('shutdown').catch(() => undefined);
    await conn.sendNotification('exit').catch(() => undefined);
    conn.dispose();
    proc.kill();
  }
}
