import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLayout } from '../../../common/src/language/parser';

const diag = (text: string) => parseLayout(text).diagnostics;
const codesOf = (text: string) => diag(text).map((d) => d.code);

// Each syntax code: a line that triggers it, and the nearest line that does not.
const cases: [code: string, bad: string, good: string][] = [
  ['syntax/unknown-statement', 'regoin 0x0 .. 0x1000 ram', 'region 0x0 .. 0x1000 ram'],
  ['syntax/unexpected-token', 'region 0x0 .. 0x1000', 'region 0x0 .. 0x1000 ram'],
  ['syntax/invalid-number', 'entry 0x12g4', 'entry 0x1234'],
  ['syntax/number-overflow', 'entry 0x1_0000_0000_0000_0000', 'entry 0xffff_ffff_ffff_ffff'],
  ['syntax/number-overflow', 'region 0xffff_ffff_ffff_f000 + 0x1001 ram', 'region 0xffff_ffff_ffff_f000 + 0x1000 ram'],
  ['syntax/invalid-range', 'region 0x1000 .. 0x1000 ram', 'region 0x1000 ..= 0x1000 ram'],
  ['syntax/invalid-range', 'unaccepted 0x2000 .. 0x1000', 'unaccepted 0x1000 .. 0x2000'],
  ['syntax/invalid-range', 'region 0x1000 + 0 ram', 'region 0x1000 + 1 ram'],
  ['syntax/unknown-key', 'segment k mem=0x1000 memsz=4K bufsize=4K', 'segment k mem=0x1000 memsz=4K bufsz=4K'],
  ['syntax/unknown-key', 'segment k mem=auto memsz=4K topdown', 'segment k mem=auto memsz=4K top-down'],
  ['syntax/unknown-type', 'region 0x0 .. 0x1000 acpi_nvs', 'region 0x0 .. 0x1000 acpi-nvs'],
  ['syntax/unknown-arch', 'arch x86-64', 'arch x86_64'],
  ['syntax/invalid-setting', 'page-size 8K', 'page-size 4K'],
  ['syntax/invalid-setting', 'accept-unit 3M', 'accept-unit 4M'],
  ['syntax/invalid-setting', 'segment k mem=auto memsz=4K align=0x3000', 'segment k mem=auto memsz=4K align=0x4000'],
  ['syntax/invalid-setting', 'kernel 6.x', 'kernel 6.14-rc2'],
  ['syntax/duplicate-setting', 'arch x86_64\narch x86_64', 'arch x86_64'],
  ['syntax/duplicate-segment', 'segment k mem=0x1000 memsz=4K\nsegment k mem=0x2000 memsz=4K', 'segment k mem=0x1000 memsz=4K\nsegment k2 mem=0x2000 memsz=4K'],
];

for (const [code, bad, good] of cases) {
  test(`${code}: "${bad.split('\n').pop()}" triggers it, "${good.split('\n').pop()}" does not`, () => {
    assert.ok(codesOf(bad).includes(code), `expected ${code} in ${JSON.stringify(codesOf(bad))}`);
    assert.deepEqual(codesOf(good), []);
  });
}

test('ranges: three forms give the same half-open range', () => {
  const f = parseLayout('region 0x1000 .. 0x3000 ram\nregion 0x1000 ..= 0x2fff ram\nregion 0x1000 + 8K ram');
  assert.deepEqual(f.diagnostics, []);
  for (const s of f.statements) {
    assert.equal(s.kind, 'region');
    if (s.kind === 'region') { assert.equal(s.span.start, 0x1000n); assert.equal(s.span.end, 0x3000n); }
  }
});

test('a range reaching exactly 2^64 is allowed', () => {
  const f = parseLayout('region 0xffff_ffff_ffff_f000 ..= 0xffff_ffff_ffff_ffff mmio');
  assert.deepEqual(f.diagnostics, []);
  const s = f.statements[0];
  assert.ok(s.kind === 'region' && s.span.end === 1n << 64n);
});

test('tokens keep exact ranges', () => {
  const f = parseLayout('# c\n  segment initrd mem=0x1_4000_0000 memsz=64M  # x');
  const s = f.statements[0];
  assert.ok(s.kind === 'segment');
  assert.deepEqual(s.nameRange, { start: { line: 1, character: 10 }, end: { line: 1, character: 16 } });
  assert.deepEqual(s.values.mem!.valueRange, { start: { line: 1, character: 21 }, end: { line: 1, character: 34 } });
  assert.equal(f.comments.length, 2);
});

test('an error gives an exact range and parsing goes on at the next line', () => {
  const f = parseLayout('region 0x0 .. 0x1000 ramm\nregion 0x1000 .. 0x2000 ram');
  assert.equal(f.diagnostics.length, 1);
  assert.deepEqual(f.diagnostics[0].range, { start: { line: 0, character: 21 }, end: { line: 0, character: 25 } });
  assert.match(f.diagnostics[0].message, /did you mean 'ram'/);
  assert.equal(f.statements.length, 1);
});

test('duplicate setting points at both lines', () => {
  const d = diag('kernel 6.8\n\nkernel 6.15');
  assert.equal(d.length, 1);
  assert.equal(d[0].range.start.line, 2);
  assert.equal(d[0].related?.[0].range.start.line, 0);
});

test('strings: escapes, a # inside a string, unterminated', () => {
  const f = parseLayout('region 0x0 .. 0x1000 mmio "a \\"b\\" # \\\\ c"');
  assert.deepEqual(f.diagnostics, []);
  const s = f.statements[0];
  assert.ok(s.kind === 'region' && s.label === 'a "b" # \\ c');
  assert.deepEqual(codesOf('region 0x0 .. 0x1000 mmio "open'), ['syntax/unexpected-token']);
});

test('settings values: page size per arch, unit at least a page, version forms', () => {
  assert.deepEqual(codesOf('arch arm64\npage-size 64K\naccept-unit 64K'), []);
  assert.deepEqual(codesOf('arch arm64\npage-size 64K\naccept-unit 32K'), ['syntax/invalid-setting']);
  assert.deepEqual(codesOf('kernel 5.15.0'), []);
  assert.deepEqual(codesOf('kernel 6.8.0-45-generic'), []);
  assert.deepEqual(codesOf('syscall kexec_file_load\ncrash\nentry 0x1000'), []);
  assert.deepEqual(codesOf('syscall kexec_fileload'), ['syntax/invalid-setting']);
});

test('segment shape: required keys, auto-only keys, flags', () => {
  assert.deepEqual(codesOf('segment a memsz=4K'), ['syntax/unexpected-token']);
  assert.deepEqual(codesOf('segment a mem=0x1000'), ['syntax/unexpected-token']);
  assert.deepEqual(codesOf('segment a mem=0x1000 memsz=4K top-down'), ['syntax/invalid-setting']);
  assert.deepEqual(codesOf('segment a mem=0x1000 memsz=4K align=2M'), ['syntax/invalid-setting']);
  assert.deepEqual(codesOf('segment a mem=auto memsz=4K align=2M min=0x100000 max=0xffff_ffff top-down'), []);
  assert.deepEqual(codesOf('segment a mem=auto memsz=4K top-down bottom-up'), ['syntax/invalid-setting']);
  assert.deepEqual(codesOf('segment 9a mem=0x1000 memsz=4K'), ['syntax/unexpected-token']);
  assert.deepEqual(codesOf('segment a.b-c_d mem=0x1000 memsz=4K buf=0x7f00_0000'), []);
});

test('crashkernel SIZE@OFFSET is a crashkernel region', () => {
  const f = parseLayout('crashkernel 512M@0x6000_0000\ncrashkernel 256M @ 0x1000_0000');
  assert.deepEqual(f.diagnostics, []);
  const s = f.statements[0];
  assert.ok(s.kind === 'crashkernel' && s.start === 0x6000_0000n && s.end === 0x8000_0000n);
});

test('import statement', () => {
  const f = parseLayout('import auto "dmesg.txt"\nimport e820 "x"');
  assert.deepEqual(f.diagnostics, []);
  assert.deepEqual(codesOf('import e821 "x"'), ['syntax/invalid-setting']);
  assert.deepEqual(codesOf('import e820 x'), ['syntax/unexpected-token']);
});
