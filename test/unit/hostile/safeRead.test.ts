// The safe reader against hostile paths: each gives one clear reason, fast, never a throw or a hang.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { LineSplitter, safeReadBytes, safeReadLines, streamLines } from '../../../server/src/node/safeRead';
import { importFile } from '../../../server/src/node/importFile';
import { forEachLine } from '../../../common/src/import/lines';
import { hostileDir } from './paths';

test('hostile paths: one clear reason each, in under a second, nothing opened that blocks', async () => {
  const h = hostileDir();
  try {
    for (const [name, p, want] of h.cases) {
      const t0 = Date.now();
      const r = await importFile(p, 'auto');
      const ms = Date.now() - t0;
      assert.ok('error' in r, `${name}: an error`);
      assert.match(r.error, want, name);
      assert.doesNotMatch(r.error, /\n/, name);
      assert.ok(ms < 1000, `${name}: ${ms} ms`);
    }
  } finally { h.cleanup(); }
});

test('four FIFOs at once do not use up the thread pool: a regular file still reads', async () => {
  const h = hostileDir();
  try {
    const fifo = h.cases.find((c) => c[0] === 'a FIFO')![1];
    const ok = path.join(h.dir, 'ok.txt');
    fs.writeFileSync(ok, 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n');
    const all = await Promise.all([fifo, fifo, fifo, fifo, fifo, ok].map((p) => importFile(p, 'auto')));
    assert.equal(all.filter((r) => 'error' in r).length, 5);
    const last = all[5];
    assert.ok(!('error' in last) && last.regions.length === 1);
  } finally { h.cleanup(); }
});

test('the byte cap: a file over it is refused by size; a /proc file (size 0) is stopped while reading', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-cap-'));
  try {
    const f = path.join(dir, 'big');
    fs.writeFileSync(f, 'x'.repeat(1000));
    const over = await safeReadBytes(f, { maxBytes: 999 });
    assert.ok('error' in over && /1000 bytes, over the 999 bytes limit/.test(over.error));
    const exact = await safeReadBytes(f, { maxBytes: 1000 });
    assert.ok('data' in exact && exact.data.length === 1000);
    const proc = await safeReadBytes('/proc/self/maps', { maxBytes: 16 });
    assert.ok('error' in proc && /read stopped at the 16 bytes limit/.test(proc.error), JSON.stringify(proc));
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('a long line is cut at the line cap (never buffered whole) and skipped as too long', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-line-'));
  try {
    const f = path.join(dir, 'zeros');
    fs.writeFileSync(f, Buffer.concat([Buffer.alloc(3 * 1024 * 1024), Buffer.from('\nBIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n')]));
    const seen: number[] = [];
    const r = await safeReadLines(f, (l) => seen.push(l.length), { maxLineBytes: 4096 * 2 });
    assert.ok(!('error' in r));
    assert.deepEqual(seen.length, 2);
    assert.equal(seen[0], 8192);
    const imp = await importFile(f, 'e820');
    assert.ok(!('error' in imp));
    assert.equal(imp.regions.length, 1);
    assert.equal(imp.skipped[0].reason, 'line too long');
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('LineSplitter splits at \\r\\n, \\n and a lone \\r as forEachLine does, for any chunking', () => {
  fc.assert(fc.property(
    fc.array(fc.constantFrom('a', 'é', '\r', '\n', '\r\n', ' ', '€', 'x'), { maxLength: 40 }).map((a) => a.join('')),
    fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
    (text, cuts) => {
      const want: string[] = [];
      forEachLine(text, (l) => want.push(l));
      const got: string[] = [];
      const s = new LineSplitter((l) => got.push(l));
      const bytes = Buffer.from(text, 'utf8');
      let pos = 0;
      for (let i = 0; pos < bytes.length; i++) {
        const n = cuts[i % cuts.length];
        s.push(bytes.subarray(pos, pos + n));
        pos += n;
      }
      s.end();
      assert.deepEqual(got, want);
    },
  ), { numRuns: 2000 });
});

test('cancellation: an aborted read answers `cancelled`; streams obey the cap', async () => {
  const ac = new AbortController();
  ac.abort();
  const r = await safeReadLines(__filename, () => undefined, { signal: ac.signal });
  assert.deepEqual(r, { error: 'cancelled' });
  async function* zeros() { for (;;) yield Buffer.alloc(65536); }
  const s = await streamLines(zeros(), () => undefined, { maxBytes: 1024 * 1024 });
  assert.ok('error' in s && /read stopped at the 1 MiB limit/.test(s.error));
});
