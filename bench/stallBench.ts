// Hover latency on a small document while the server checks a big one (its own worker thread):
// a hover every 20 ms from opening the big document until its diagnostics arrive. Part of
// `npm run bench:scale`; the reference is the same hover on an idle server, in the same run.
// The first hover after didOpen is reported on its own: it waits behind the document's own
// message, which the JSON-RPC layer reads and parses on the server's main thread (any LSP
// server does); the rest are the hovers while the worker checks.
import type { Hover } from 'vscode-languageserver-protocol';
import { startClient, open } from '../test/lsp/client';
import { bigMapLayout } from './engineBench';
import { summarize, type Stat } from './stats';

export async function benchStall(regions: number): Promise<{ during: Stat; max: number; behindOpen: number; docMb: number; idle: Stat; checkMs: number }> {
  const c = await startClient();
  try {
    const small = 'file:///small.kexec';
    await open(c, small, 'region 0x0 .. 0x1000_0000 ram\nsegment a mem=0x10_0000 memsz=4K\n');
    await c.diagnostics(small);
    const hoverMs = async () => {
      const t = performance.now();
      const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 1, character: 15 } }) as Hover | null;
      if (!h) throw new Error('no hover');
      return performance.now() - t;
    };
    const idle: number[] = [];
    for (let i = 0; i < 50; i++) idle.push(await hoverMs());
    const uri = 'file:///big.kexec';
    let done = false;
    const t0 = performance.now();
    const published = c.diagnostics(uri).then(() => { done = true; });
    const doc = bigMapLayout(regions);
    await open(c, uri, doc);
    const behindOpen = await hoverMs();
    const during: number[] = [];
    while (!done) {
      await new Promise((r) => setTimeout(r, 20));
      during.push(await hoverMs());
    }
    await published;
    return { during: summarize(during), max: Math.round(during.reduce((a, b) => Math.max(a, b), 0)), behindOpen: Math.round(behindOpen), docMb: Math.round(doc.length / 1e5) / 10, idle: summarize(idle), checkMs: Math.round(performance.now() - t0) };
  } finally {
    await c.close();
  }
}
