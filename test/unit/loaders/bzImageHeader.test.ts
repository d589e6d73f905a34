// The bzImage header reader: a real distribution header read field by field, hand-broken headers
// each refused with the probe check that fails, and arbitrary bytes never throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readBzImageHeader, kern16Size } from '../../../common/src/loaders/bzImageHeader';
import { ROOT } from '../helpers';

const REAL = fs.readFileSync(path.join(ROOT, 'test/fixtures/bzimage/debian-6.1.0-50-cloud-amd64.hdr'));
const le = (b: Buffer, o: number, n: number) => { let v = 0n; for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i]); return v; };

test('a Debian 6.1 header: every field the loaders use, read at the boot protocol offsets', () => {
  const { header, problems } = readBzImageHeader(REAL);
  assert.deepEqual(problems, []);
  assert.ok(header);
  assert.equal(header.setupSects, REAL[0x1f1]);
  assert.equal(header.version, 0x020f);
  assert.equal(header.initSize, le(REAL, 0x260, 4));
  assert.equal(header.initSize, 0x3378000n);
  assert.equal(header.kernelAlignment, 2n << 20n);
  assert.equal(header.prefAddress, 0x1000000n);
  assert.equal(header.cmdlineSize, 2047n);
  assert.equal(header.initrdAddrMax, 0x7fffffffn);
  assert.equal(header.xloadflags, 0x7f);
  assert.equal(kern16Size(header.setupSects), 40n * 512n);
});

function broken(edit: (b: Buffer) => void): string[] {
  const b = Buffer.from(REAL);
  edit(b);
  return readBzImageHeader(b).problems;
}

test('hand-broken headers: each is refused, naming the check that fails', () => {
  assert.match(broken((b) => b.write('HdrX', 0x202, 'latin1'))[0], /HdrS/);
  assert.match(broken((b) => b.writeUInt16LE(0x1234, 0x1fe))[0], /boot_flag/);
  assert.match(broken((b) => b.writeUInt16LE(0x020b, 0x206))[0], /2\.11.*2\.12/);
  assert.match(broken((b) => { b[0x211] = 0; })[0], /LOADED_HIGH/);
  assert.match(broken((b) => b.writeUInt16LE(0x7e, 0x236))[0], /XLF_KERNEL_64/);
  assert.match(broken((b) => b.writeUInt16LE(0x7d, 0x236))[0], /ABOVE_4G/);
  assert.match(readBzImageHeader(REAL.subarray(0, 600)).problems[0], /600 bytes/);
  assert.equal(readBzImageHeader(new Uint8Array(0)).header, null);
  assert.ok(readBzImageHeader(new Uint8Array(0)).problems.length > 0);
});

test('odd but accepted values are warnings, not refusals', () => {
  const b = Buffer.from(REAL);
  b.writeUInt32LE(0x300000, 0x230);
  const r = readBzImageHeader(b);
  assert.deepEqual(r.problems, []);
  assert.match(r.warnings[0], /power of two/);
});

test('any bytes: a result, never an exception', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 1100 }), fc.nat(1100), (bytes, cut) => {
    const withMagic = Uint8Array.from(REAL.subarray(0, Math.min(cut, 1024)));
    for (const input of [bytes, withMagic]) {
      const r = readBzImageHeader(input);
      assert.ok(Array.isArray(r.problems));
      if (input.length < 1024) assert.ok(r.problems.length > 0);
    }
  }), { numRuns: 300 });
});
