import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createReader, importText } from '../../../common/src/import';
import { importFile } from '../../../server/src/node/importFile';
import { FIXTURES, fixture, fixturePath } from './fixtures';

test('importFile gives the same result as importText for every fixture', async () => {
  const names = fs.readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((name) => fs.statSync(fixturePath(name)).isFile());
  for (const name of names) {
    const fromFile = await importFile(fixturePath(name), 'auto');
    assert.ok(!('error' in fromFile), name);
    assert.deepEqual(fromFile, importText(fixture(name), 'auto'), name);
  }
});

test('createReader takes one line at a time', () => {
  const reader = createReader('e820');
  reader.line('BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable', 1);
  reader.line('', 2);
  reader.line('# a comment', 3);
  reader.line('BIOS-e820: [mem 0x0000000000100000-0x000000007ffdbfff] usable', 4);
  const r = reader.finish();
  assert.equal(r.linesRead, 4);
  assert.equal(r.skipped.length, 0); // blank and comment lines are not skipped lines
  assert.deepEqual(r.regions.map((x) => x.line), [1, 4]);
  assert.equal(reader.finish(), r); // finishing twice is harmless
});

test('importFile streams a ~20 MB file once and counts its lines', async () => {
  const file = path.join(os.tmpdir(), `kexec-layout-import-${process.pid}-${Date.now()}.log`);
  const fd = fs.openSync(file, 'w');
  let lines = 0;
  let bytes = 0;
  try {
    const chunk: string[] = [];
    for (let i = 0; bytes < 20 * 1024 * 1024; i++) {
      const start = BigInt(i) * 0x2000n;
      const entry = `[ ${(i / 1000).toFixed(6)}] BIOS-e820: [mem 0x${start.toString(16).padStart(16, '0')}-0x${(start + 0xfffn).toString(16).padStart(16, '0')}] ${i % 2 ? 'reserved' : 'usable'}`;
      const noise = `[ ${(i / 1000).toFixed(6)}] usb 1-1: new high-speed USB device number ${i} using xhci_hcd`;
      chunk.push(entry, noise);
      lines += 2;
      bytes += entry.length + noise.length + 2;
      if (chunk.length >= 20000) fs.writeSync(fd, chunk.splice(0).join('\n') + '\n');
    }
    fs.writeSync(fd, chunk.join('\n') + '\n');
    fs.closeSync(fd);
    const r = await importFile(file, 'auto');
    assert.ok(!('error' in r));
    assert.equal(r.format, 'e820');
    assert.equal(r.linesRead, lines);
    assert.equal(r.regions.length, lines / 2);
    // The first 10,000 skipped lines are kept with their reasons; the count is exact.
    assert.equal(r.skipped.length, 10_000);
    assert.equal(r.skippedCount, lines / 2);
    assert.equal(r.regions[1].type, 'reserved');
    assert.equal(r.regions[lines / 2 - 1].start, BigInt(lines / 2 - 1) * 0x2000n);
  } finally {
    fs.rmSync(file, { force: true });
  }
  assert.equal(fs.existsSync(file), false);
});

test('importFile reports an unreadable path with the OS reason on one line', async () => {
  const missing = await importFile(path.join(os.tmpdir(), 'kexec-layout-no-such-file.txt'), 'auto');
  assert.deepEqual(missing, { error: 'ENOENT: no such file or directory' });
  const dir = await importFile(os.tmpdir(), 'iomem');
  assert.deepEqual(dir, { error: 'EISDIR: illegal operation on a directory' });
});

test('importText of an empty text reads nothing and says so', () => {
  const r = importText('', 'auto');
  assert.equal(r.linesRead, 0);
  assert.deepEqual(r.warnings, [{ line: 0, message: 'the file is empty: nothing was imported' }]);
  assert.deepEqual(r.regions, []);
});
