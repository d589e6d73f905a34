// Streaming import output: `-o` goes piece by piece into the atomic temp file (openAtomic), the same
// bytes as stdout (with and without the byte path), and a write that fails midway leaves the old file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/src/node/cli';
import { nodeWriteFs, openAtomic, type WriteFs } from '../../../server/src/node/atomicWrite';
import { LineSplitter } from '../../../server/src/node/safeRead';
import { hexGrouped, regionLine } from '../../../common/src/import/layoutText';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-stream-test-'));
}

/** A /proc/iomem listing big enough to be several spill and replay chunks. */
function iomem(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const s = (0x100000 + Math.floor(i / 2) * 0x2000 + (i % 2) * 0x100).toString(16).padStart(8, '0');
    const e = (0x100000 + Math.floor(i / 2) * 0x2000 + (i % 2) * 0x100 + 0xff).toString(16).padStart(8, '0');
    out.push(i % 2 === 0 ? `${s}-${(parseInt(e, 16) + 0x1e00).toString(16).padStart(8, '0')} : System RAM` : `  ${s}-${e} : Kernel code`);
  }
  return out.join('\n') + '\n';
}

test('openAtomic: pieces go to the temp file; the target appears only at commit; abort and a failed piece leave the old file', async () => {
  const dir = tempDir();
  try {
    const f = path.join(dir, 'out.kexec');
    const a = await openAtomic(f);
    assert.ok(!('error' in a));
    for (const piece of ['one ', Buffer.from('two '), 'three\n']) assert.deepEqual(await a.write(piece), { ok: true });
    assert.equal(fs.existsSync(f), false);
    assert.deepEqual(await a.commit(), { ok: true });
    await a.abort(); // after commit: nothing to do
    assert.equal(fs.readFileSync(f, 'utf8'), 'one two three\n');

    const b = await openAtomic(f, { force: true });
    assert.ok(!('error' in b));
    await b.write('replaced?');
    await b.abort();
    assert.equal(fs.readFileSync(f, 'utf8'), 'one two three\n');
    assert.deepEqual(fs.readdirSync(dir), ['out.kexec']);

    let calls = 0;
    const full: WriteFs = {
      ...nodeWriteFs,
      write: async (h, data) => {
        if (++calls === 3) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await nodeWriteFs.write(h, data);
      },
    };
    const c = await openAtomic(f, { force: true, fs: full });
    assert.ok(!('error' in c));
    assert.deepEqual(await c.write('a'), { ok: true });
    assert.deepEqual(await c.write('b'), { ok: true });
    const failed = await c.write('c');
    assert.ok('error' in failed && /ENOSPC/.test(failed.error));
    assert.ok('error' in (await c.commit()));
    assert.equal(fs.readFileSync(f, 'utf8'), 'one two three\n');
    assert.deepEqual(fs.readdirSync(dir), ['out.kexec']);

    const refused = await openAtomic(f);
    assert.ok('error' in refused && /already exists; use --force/.test(refused.error));
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('import of a spilled /proc/iomem: -o, stdout as text and stdout as bytes give the same layout', async () => {
  const dir = tempDir();
  try {
    const src = path.join(dir, 'iomem.txt');
    fs.writeFileSync(src, iomem(40_000));
    const text: string[] = [];
    assert.equal(await main(['import', src], { stdout: (s) => text.push(s), stderr: () => undefined }), 0);
    const mixed: string[] = [];
    let byteChunks = 0;
    const io = {
      stdout: (s: string) => mixed.push(s),
      stderr: () => undefined,
      // The caller reuses the buffer: copy it, as the CLI does for a pipe.
      stdoutBytes: (b: Uint8Array) => { byteChunks++; mixed.push(Buffer.from(b).toString('utf8')); },
    };
    assert.equal(await main(['import', src], io), 0);
    assert.ok(byteChunks > 1, 'the spilled regions come as several byte chunks');
    const out = path.join(dir, 'out.kexec');
    assert.equal(await main(['import', src, '-o', out], { stdout: () => undefined, stderr: () => undefined }), 0);
    const whole = text.join('');
    assert.ok(text.length > 1, 'stdout is written in chunks');
    assert.equal(mixed.join(''), whole);
    assert.equal(fs.readFileSync(out, 'utf8'), whole);
    assert.equal(whole.split('\n').filter((l) => l.startsWith('region ')).length, 40_000);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['iomem.txt', 'out.kexec']);
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('regionLine with the addresses as Numbers writes what hexGrouped writes', () => {
  const values = [0n, 1n, 0xfffn, 0x1_0000n, 0xffff_ffffn, 0x1_0000_0000n, 0x1234_5678_9abcn, (1n << 52n) - 1n, (1n << 53n) - 1n];
  for (const start of values) {
    for (const last of values) {
      if (last < start) continue;
      const r = { start, end: last + 1n, type: 'ram' as const, line: 1 };
      const want = `region ${hexGrouped(start)} ..= ${hexGrouped(last)} ram`;
      assert.equal(regionLine(r), want);
      assert.equal(regionLine(r, 0, 0, Number(start), Number(last)), want);
    }
  }
});

test('LineSplitter: a line spanning an ASCII chunk and a UTF-8 one, and a cut line, as whole-buffer splitting', () => {
  const text = 'abc\r\ndé€f\rlong' + 'x'.repeat(100) + '\n\nend';
  for (let cut = 1; cut < 20; cut++) {
    const got: string[] = [];
    const s = new LineSplitter((l) => got.push(l), 50);
    const bytes = Buffer.from(text, 'utf8');
    for (let p = 0; p < bytes.length; p += cut) s.push(bytes.subarray(p, p + cut));
    s.end();
    assert.deepEqual(got, ['abc', 'dé€f', 'long' + 'x'.repeat(46), '', 'end']);
  }
});
