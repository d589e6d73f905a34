// Hover latency on a small document while the server checks a big one (its own worker thread):
// a hover every 20 ms from opening the big document until its diagnostics arrive. Part of
// `npm run bench:scale`; the reference is the same hover on an idle server, in the same run.
import type { Hover } from 'vscode-languageserver-protocol';
import { startClient, open } from '../test/lsp/client';
import { bigMapLayout } from './engineBench';
import { summarize, type Stat } from './stats';

export async function benchStall(regions: number): Promise<{ during: Stat; max: number; idle: Stat; checkMs: number }> {
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
    await open(c, uri, bigMapLayout(regions));
    const during: number[] = [];
    while (!done) {
      during.push(await hoverMs());
      await new Promise((r) => setTimeout(r, 20));
    }
    await published;
    return { during: summarize(during), max: Math.round(during.reduce((a, b) => Math.max(a, b), 0)), idle: summarize(idle), checkMs: Math.round(performance.now() - t0) };
  } finally {
    await c.close();
  }
}
