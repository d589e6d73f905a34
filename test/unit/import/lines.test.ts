import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createReader } from '../../../common/src/import';
import { LineError, MAX_LINE, cleanLine, dec, exclusive, forEachLine, hex, hexToken, inclusive, printable } from '../../../common/src/import/lines';

test('cleanLine removes dmesg timestamps, printk levels and caller ids', () => {
  assert.deepEqual(cleanLine('[    0.000000] BIOS-e820: x'), { text: 'BIOS-e820: x', logged: true });
  assert.deepEqual(cleanLine('<6>[    0.000000] BIOS-e820: x'), { text: 'BIOS-e820: x', logged: true });
  assert.deepEqual(cleanLine('[\t0.000000][\tT0] efi: mem00'), { text: 'efi: mem00', logged: true });
  assert.deepEqual(cleanLine('[Mon Mar  3 10:01:02 2025] e820: update'), { text: 'e820: update', logged: true });
});

test('cleanLine removes dmesg -x, syslog and journal prefixes', () => {
  assert.equal(cleanLine('kern  :info  : [    0.000000] BIOS-e820: x').text, 'BIOS-e820: x');
  assert.equal(cleanLine('Mar  3 10:01:02 host kernel: [    0.000000] BIOS-e820: x').text, 'BIOS-e820: x');
  assert.equal(cleanLine('2025-03-03T10:01:02.123456+01:00 host kernel: efi: mem01').text, 'efi: mem01');
});

test('cleanLine removes BOM, NULs and CR but keeps indentation', () => {
  assert.deepEqual(cleanLine('\uFEFF  00000000-00000fff : Reserved\r'), { text: '  00000000-00000fff : Reserved', logged: false });
  assert.equal(cleanLine('00\u000000-0\u0000fff : x').text, '0000-0fff : x');
  assert.equal(cleanLine('    01000000-01520fa4 : Kernel code').text, '    01000000-01520fa4 : Kernel code');
});

test('hex accepts up to 2^64 - 1 and rejects overflow and non-hex', () => {
  assert.equal(hex('ffffffffffffffff'), (1n << 64n) - 1n);
  assert.equal(hex('0000000000000000ffffffffffffffff'), (1n << 64n) - 1n); // leading zeros are not digits that count
  assert.equal(hex('0'), 0n);
  assert.throws(() => hex('10000000000000000'), (e: unknown) => e instanceof LineError && e.message === 'address does not fit in 64 bits');
  assert.throws(() => hex('12g4'), (e: unknown) => e instanceof LineError && e.message === 'malformed number');
  assert.throws(() => hex(''), LineError);
});

test('hexToken reads 0x, bare hex and (nil); dec rejects overflow', () => {
  assert.equal(hexToken('0x1740'), 0x1740n);
  assert.equal(hexToken('cc'), 0xccn);
  assert.equal(hexToken('(nil)'), 0n);
  assert.equal(dec('18446744073709551615'), (1n << 64n) - 1n);
  assert.throws(() => dec('18446744073709551616'), LineError);
});

test('inclusive and exclusive ranges', () => {
  assert.deepEqual(inclusive(0x1000n, 0x1fffn), { start: 0x1000n, end: 0x2000n });
  assert.deepEqual(inclusive(0n, (1n << 64n) - 1n), { start: 0n, end: 1n << 64n });
  assert.throws(() => inclusive(0x2000n, 0x1fffn), /reversed/);
  assert.deepEqual(exclusive(0x1000n, 0x2000n), { start: 0x1000n, end: 0x2000n });
  assert.throws(() => exclusive(0x1000n, 0x1000n), /empty/);
  assert.throws(() => exclusive(0x2000n, 0x1000n), /reversed/);
});

test('forEachLine splits like readline: LF, CRLF, lone CR, no trailing empty line', () => {
  const seen: [number, string][] = [];
  forEachLine('a\r\nb\nc\rd\n', (l, n) => seen.push([n, l]));
  assert.deepEqual(seen, [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
  const last: string[] = [];
  forEachLine('x\n\ny', (l) => last.push(l));
  assert.deepEqual(last, ['x', '', 'y']);
});

test('printable drops control characters and shortens', () => {
  assert.equal(printable('a\u0001b\u007fc\u009bd'), 'abcd');
  assert.equal(printable('x'.repeat(300)).length, 201);
});

test('over-long lines are skipped before any pattern sees them, keeping a short text', () => {
  const reader = createReader('efi');
  reader.line('efi: mem00: [' + ' '.repeat(MAX_LINE), 1);
  reader.line('efi: mem01: [Conventional|   |WB] range=[0x0000000000001000-0x0000000000001fff] (0MB)', 2);
  const r = reader.finish();
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason, s.text.length]), [[1, 'line too long', 201]]);
  assert.equal(r.regions.length, 1);
});
