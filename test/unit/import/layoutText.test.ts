import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ImportResult } from '../../../common/src/engine/types';
import { hexGrouped, importText, quote, toLayoutText } from '../../../common/src/import';
import { load } from './fixtures';

function empty(format: ImportResult['format']): ImportResult {
  return { format, regions: [], unaccepted: [], segments: [], skipped: [], linesRead: 0, warnings: [] };
}

test('hexGrouped groups by four digits from the right', () => {
  assert.equal(hexGrouped(0n), '0x0');
  assert.equal(hexGrouped(0xfffn), '0xfff');
  assert.equal(hexGrouped(0x9fbffn), '0x9_fbff');
  assert.equal(hexGrouped(0x100000000n), '0x1_0000_0000');
  assert.equal(hexGrouped((1n << 64n) - 1n), '0xffff_ffff_ffff_ffff');
});

test('quote escapes quotes and backslashes and drops control characters', () => {
  assert.equal(quote('PCI Bus 0000:00'), '"PCI Bus 0000:00"');
  assert.equal(quote('a "b" \\c\u0007\nd'), '"a \\"b\\" \\\\cd"');
});

test('toLayoutText of an EFI import: header, arch, regions with ..=, unaccepted ranges', () => {
  const r = load('efi-hp-column.txt', 'efi');
  const text = toLayoutText([{ path: 'efi.log', result: r }]);
  assert.equal(text, [
    '# Memory layout imported by kexec-layout from 1 file.',
    '# efi.log (efi): efi: 5 regions, 1 unaccepted; 1 line skipped (first at line 6); 8 lines in all',
    '# error: efi.log: 1 corrupt entry (first at line 6: EFI memory type 16 is not one Linux knows)',
    'arch x86_64',
    '',
    '# from efi.log',
    'region 0x10_0000     ..= 0xbfff_ffff   ram',
    'region 0x1_0000_0000 ..= 0x1_7fff_ffff ram "Unaccepted"',
    'region 0x1_8000_0000 ..= 0x1_bfff_ffff pmem',
    'region 0x1_c010_0000 ..= 0x1_c01f_ffff reserved',
    'region 0xfee0_0000   ..= 0xfee0_0fff   mmio "MMIO Port"',
    'unaccepted 0x1_0000_0000 .. 0x1_8000_0000',
    '',
  ].join('\n'));
});

test('toLayoutText of an iomem import: crashkernel statement, labels only when informative', () => {
  const text = toLayoutText([{ path: '/proc/iomem', result: load('iomem-old.txt', 'iomem') }]);
  const lines = text.split('\n');
  assert.ok(lines.includes('crashkernel 0x810_0000@0x300_0000'));
  assert.ok(lines.includes('region 0x0         ..= 0xffff      reserved'));
  assert.ok(lines.includes('region 0x10_0000   ..= 0x7fed_ffff ram'));
  assert.ok(lines.includes('region 0x100_0000  ..= 0x152_0fa4  kernel "Kernel code"'));
  assert.ok(lines.includes('region 0xfec0_0000 ..= 0xfec0_03ff mmio "IOAPIC 0"'));
  assert.equal(lines.filter((l) => l.startsWith('region ')).length, 23);
  assert.equal(lines.filter((l) => /^(arch|syscall|crash|entry)\b/.test(l)).length, 0);
});

test('toLayoutText of a kexec -d import: syscall, crash, entry and named segments', () => {
  const text = toLayoutText([{ path: 'kexec-d.txt', result: load('kexec-d-x86_64.txt', 'kexec-debug') }]);
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(2, 6), ['arch x86_64', 'syscall kexec_load', 'crash', 'entry 0x6aff_72c0']);
  assert.deepEqual(lines.filter((l) => l.startsWith('segment ')), [
    'segment seg0 mem=0x6300_0000 memsz=0xa_0000 bufsz=0x0',
    'segment seg1 mem=0x630a_0000 memsz=0x1000 bufsz=0x400',
    'segment kernel mem=0x6400_0000 memsz=0x2a6_c000 bufsz=0x8d_4000',
    'segment initrd mem=0x6820_0000 memsz=0x1d3_0000 bufsz=0x1d2_f3a1',
    'segment boot_params mem=0x6aff_3000 memsz=0x4000 bufsz=0x3a90',
    'segment purgatory mem=0x6aff_7000 memsz=0x9000 bufsz=0x4070',
  ]);
  assert.equal(lines[1], '# kexec-d.txt (kexec-debug): kexec_load: 6 segments, 7 ranges; 2 lines skipped (first at line 2); 41 lines in all');
});

test('toLayoutText of several sources: counts per source, warnings, conflicts noted, names unique', () => {
  const a = empty('kexec-debug');
  a.arch = 'x86_64';
  a.segments.push({ name: 'kernel', mem: 0x1000000n, memsz: 0x1000n, bufsz: 0x1000n, line: 3 });
  a.skipped.push({ line: 9, text: 'x', reason: 'not understood' });
  a.linesRead = 10;
  const b = empty('kexec-debug');
  b.arch = 'arm64';
  b.segments.push({ name: 'kernel', mem: 0x2000000n, memsz: 0x2000n, bufsz: 0x1000n, line: 1 });
  b.segments.push({ name: 'bad name!', mem: 0x3000000n, memsz: 0x1000n, bufsz: 0x1000n, line: 2 });
  b.warnings.push({ line: 2, message: 'something\nodd' });
  b.linesRead = 2;
  const text = toLayoutText([{ path: 'a.log', result: a }, { path: 'b\n.log', result: b }]);
  assert.equal(text, [
    '# Memory layout imported by kexec-layout from 2 files.',
    '# a.log (kexec-debug): 0 regions, 0 unaccepted ranges, 1 segment read; 10 lines, 1 skipped (first at line 9)',
    '# b .log (kexec-debug): 0 regions, 0 unaccepted ranges, 2 segments read; 2 lines, 0 skipped',
    '# warning: b .log line 2: something odd',
    'arch x86_64',
    '# note: b .log tells `arch arm64`; kept `arch x86_64` from a.log',
    '',
    '# from a.log',
    'segment kernel mem=0x100_0000 memsz=0x1000',
    '',
    '# from b .log',
    'segment kernel_2 mem=0x200_0000 memsz=0x2000 bufsz=0x1000',
    'segment bad_name_ mem=0x300_0000 memsz=0x1000  # name in the source: "bad name!"',
    '',
  ].join('\n'));
});

test('toLayoutText keeps region labels with quotes escaped and regions reaching 2^64', () => {
  const r = importText('ffffffffffff0000-ffffffffffffffff : weird "dev" \\x\n', 'iomem');
  const text = toLayoutText([{ path: 'x', result: r }]);
  assert.ok(text.includes('region 0xffff_ffff_ffff_0000 ..= 0xffff_ffff_ffff_ffff mmio "weird \\"dev\\" \\\\x"\n'));
});
