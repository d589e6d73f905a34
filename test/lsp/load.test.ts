// `load` over LSP: the server reads the kernel image's header relative to the document (through
// the safe reader) and places the loader's segments; a missing image is one load/unreadable.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { startClient, open } from './client';
import { ROOT } from '../unit/helpers';

test('load over LSP: the header is read beside the document; a missing file is load/unreadable', async () => {
  const c = await startClient();
  try {
    const uri = pathToFileURL(path.join(ROOT, 'examples', 'tdx-6.13-kexec-l-initrd.kexec')).href;
    const diags = c.diagnostics(uri);
    const fs = await import('node:fs');
    await open(c, uri, fs.readFileSync(path.join(ROOT, 'examples', 'tdx-6.13-kexec-l-initrd.kexec'), 'utf8'));
    const d = await diags;
    const codes = d.diagnostics.map((x) => x.code);
    assert.ok(codes.includes('accept/unaccepted-destination'), JSON.stringify(codes));
    assert.ok(!codes.includes('load/unreadable'), JSON.stringify(codes));
    const missing = pathToFileURL(path.join(ROOT, 'examples', 'nowhere.kexec')).href;
    const d2p = c.diagnostics(missing);
    await open(c, missing, 'arch x86_64\nregion 0x10_0000 .. 0x8000_0000 ram\nload bzImage64 kernel="no-such-vmlinuz"\n');
    const d2 = await d2p;
    const un = d2.diagnostics.filter((x) => x.code === 'load/unreadable');
    assert.equal(un.length, 1);
    assert.equal(un[0].range.start.line, 2);
  } finally {
    await c.close();
  }
});
