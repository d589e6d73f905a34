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
