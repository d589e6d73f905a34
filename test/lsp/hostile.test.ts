// Hostile imports over LSP: documents importing devices, /proc/self/mem, a FIFO, a 2 GB sparse
// file, a directory and a symlink loop each get one import/unreadable diagnostic in under a
// second, while the server keeps answering hover on another document.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { startClient, open } from './client';
import { hostileDir } from '../unit/hostile/paths';

test('hostile imports over LSP: one clear error each, fast, and hover elsewhere keeps answering', async () => {
  const h = hostileDir();
  const c = await startClient();
  try {
    const good = 'file:///work/good.kexec';
    await open(c, good, 'arch x86_64\nregion 0x0 .. 0x1_0000_0000 ram\nsegment k mem=0x10_0000 memsz=4K\n');
    for (const [name, p, want] of h.cases) {
      const uri = pathToFileURL(path.join(h.dir, `${name.replace(/\W+/g, '-')}.kexec`)).href;
      const t0 = Date.now();
      const diags = c.diagnostics(uri);
      await open(c, uri, `arch x86_64\nimport auto "${p}"\n`);
      const hov = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: good }, position: { line: 2, character: 16 } }) as { contents: { value: string } } | null;
      assert.ok(hov && /Address/.test(hov.contents.value), `hover answers while ${name} is read`);
      const d = await diags;
      const ms = Date.now() - t0;
      const errors = d.diagnostics.filter((x) => x.severity === 1);
      assert.equal(errors.length, 1, `${name}: ${JSON.stringify(d.diagnostics)}`);
      assert.equal(errors[0].code, 'import/unreadable');
      assert.match(String(errors[0].message), want, name);
      assert.ok(ms < 1000, `${name}: ${ms} ms`);
    }
    // Still alive and answering after all of them.
    const last = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: good }, position: { line: 2, character: 16 } });
    assert.ok(last);
    assert.equal(c.proc.exitCode, null);
  } finally {
    await c.close();
    h.cleanup();
  }
});
