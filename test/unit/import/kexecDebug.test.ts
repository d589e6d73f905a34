import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ImportResult } from '../../../common/src/engine/types';
import { importText } from '../../../common/src/import';
import { loadedName } from '../../../common/src/import/kexecDebug';
import { load, regions } from './fixtures';

function segs(r: ImportResult): [string | undefined, bigint, bigint, bigint, number][] {
  return r.segments.map((s) => [s.name, s.mem, s.memsz, s.bufsz, s.line]);
}

test('kexec -d x86_64 crash load: (nil) buffer, flags, entry, names from Loaded lines, MEMORY RANGES', () => {
  const r = load('kexec-d-x86_64.txt', 'kexec-debug');
  assert.equal(r.syscall, 'kexec_load');
  assert.equal(r.arch, 'x86_64');
  assert.equal(r.crash, true);
  assert.equal(r.entry, 0x6aff72c0n);
  assert.deepEqual(segs(r), [
    [undefined, 0x63000000n, 0xa0000n, 0x0n, 18],
    [undefined, 0x630a0000n, 0x1000n, 0x400n, 22],
    ['kernel', 0x64000000n, 0x2a6c000n, 0x8d4000n, 26],
    ['initrd', 0x68200000n, 0x1d30000n, 0x1d2f3a1n, 30],
    ['boot_params', 0x6aff3000n, 0x4000n, 0x3a90n, 34],
    ['purgatory', 0x6aff7000n, 0x9000n, 0x4070n, 38],
  ]);
  assert.equal(r.segments[0].buf, 0n);
  assert.equal(r.segments[1].buf, 0x55d2e8a3b2a0n); // a real user-space pointer with kexec -d
  assert.deepEqual(regions(r).slice(0, 2), [
    [0x1000n, 0x9f000n, 'ram', undefined, 4],
    [0x9f000n, 0x100000n, 'reserved', undefined, 5],
  ]);
  assert.equal(r.regions.length, 7);
  assert.deepEqual(r.skipped.map((s) => s.line), [2, 11]);
  assert.deepEqual(r.warnings, []);
});

test('kexec -d old style: bare hex sizes, a cut list warns twice', () => {
  const r = load('kexec-d-old-no-0x.txt', 'kexec-debug');
  assert.equal(r.crash, false);
  assert.equal(r.entry, 0x91000n);
  assert.deepEqual(segs(r), [
    [undefined, 0x90000n, 0x1000n, 0xccn, 4],
    [undefined, 0x1000000n, 0x3a3000n, 0x3a2b10n, 8],
  ]);
  assert.deepEqual(r.warnings, [
    { line: 3, message: 'nr_segments = 3 but only 2 segments read: the list is cut short' },
    { line: 12, message: 'segment[2] is incomplete (no mem, memsz); not imported' },
  ]);
});

test('kexec_file arm64 segment[N] lines: hashed buf never stored, names by mem, syscall and entry', () => {
  const r = load('kexec-file-arm64.txt', 'kexec-debug');
  assert.equal(r.syscall, 'kexec_file_load');
  assert.equal(r.crash, false);
  assert.equal(r.entry, 0x80400000n);
  assert.equal(r.arch, undefined);
  assert.deepEqual(segs(r), [
    [undefined, 0xbfff0000n, 0x1000n, 0x1000n, 6],
    ['kernel', 0x80400000n, 0x48b0000n, 0x48b0000n, 7],
    ['initrd', 0xbd800000n, 0x1f3f000n, 0x1f3e2a6n, 8],
    ['dtb', 0xbfe00000n, 0x3000n, 0x2bd1n, 9],
  ]);
  assert.ok(r.segments.every((s) => s.buf === undefined));
  assert.equal(r.skipped.length, 0);
});

test('bzImage64 Loaded lines and segment lines describe one segment each; E820 memmap uses e820 numbers', () => {
  const r = load('kexec-file-bzimage64.txt', 'kexec-debug');
  assert.equal(r.arch, 'x86_64');
  assert.equal(r.syscall, 'kexec_file_load');
  assert.equal(r.entry, 0x23fffb150n);
  assert.deepEqual(segs(r), [
    ['purgatory', 0x23fffb000n, 0x5000n, 0x4000n, 24],
    ['boot_params', 0x23fff9000n, 0x2000n, 0x12d0n, 25],
    ['kernel', 0x23d400000n, 0x2ab7000n, 0xd73400n, 26],
    ['initrd', 0x23bd0b000n, 0x16f5000n, 0x16f40a8n, 27],
  ]);
  const got = regions(r);
  assert.equal(got.length, 14);
  assert.deepEqual(got[2], [0x812000n, 0x813000n, 'reserved', undefined, 11]);
  assert.deepEqual(got[7], [0xbfb6d000n, 0xbfb7f000n, 'acpi', undefined, 16]);
  assert.deepEqual(got[8], [0xbfb7f000n, 0xbfbff000n, 'acpi-nvs', undefined, 17]);
  assert.deepEqual(got[13], [0x100000000n, 0x240000000n, 'ram', undefined, 22]);
  assert.deepEqual(r.skipped.map((s) => s.line), [2, 7]);
});

test('older "Loading segment N:" lines with an annotation after them', () => {
  const r = load('kexec-file-loading-segment.txt', 'kexec-debug');
  assert.deepEqual(segs(r), [
    ['purgatory', 0x98000n, 0x6000n, 0x5000n, 9],
    ['boot_params', 0x96000n, 0x2000n, 0x1240n, 10],
    ['kernel', 0x72000000n, 0x24b7000n, 0x1140888n, 11],
  ]);
  assert.equal(r.syscall, 'kexec_file_load'); // the `kexec_file: ` prefix (kernel/kexec_file.c pr_fmt)
  assert.equal(r.skipped.length, 3); // two "Considering" lines and "Final command line"
  assert.equal(r.partial, true); // the mail's "[...]" elides lines
});

test('kernel-side kexec_load debug: type/start/flags line gives entry and arch', () => {
  const r = load('kexec-load-kernel-debug.txt', 'kexec-debug');
  assert.equal(r.syscall, 'kexec_load');
  assert.equal(r.entry, 0x23fff7700n);
  assert.equal(r.arch, 'x86_64');
  assert.equal(r.crash, false);
  assert.equal(r.segments.length, 7);
  assert.deepEqual(segs(r)[6], [undefined, 0x23fff7000n, 0x9000n, 0x70e0n, 9]);
});

test('kexec_load flags: crash bit and every modelled KEXEC_ARCH value', () => {
  const arches: [number, string][] = [[62, 'x86_64'], [183, 'arm64'], [243, 'riscv64'], [21, 'ppc64le'], [22, 's390x'], [258, 'loongarch64']];
  for (const [code, arch] of arches) {
    const flags = ((code << 16) | 1).toString(16);
    const r = importText(`kexec_load: entry = 0x80000000 flags = 0x${flags}\n`, 'kexec-debug');
    assert.equal(r.arch, arch, arch);
    assert.equal(r.crash, true);
  }
  const i386 = importText('kexec_load: entry = 0x100000 flags = 0x30000\n', 'kexec-debug');
  assert.equal(i386.arch, undefined);
  assert.deepEqual(i386.warnings.map((w) => w.line), [1]);
  const def = importText('kexec_load: entry = (nil) flags = 0x0\n', 'kexec-debug');
  assert.equal(def.entry, 0n);
  assert.equal(def.arch, undefined);
  assert.equal(def.crash, false);
});

test('kexec_file_load flags: bit 1 is a crash load', () => {
  assert.equal(importText('kexec_file_load: flags = 0x2\n', 'kexec-debug').crash, true);
  const normal = importText('kexec_file_load: flags = 0x0\n', 'kexec-debug');
  assert.equal(normal.crash, false);
  assert.equal(normal.syscall, 'kexec_file_load');
  assert.equal(importText('kexec_file: kexec_file_load: type:1, start:0x6b000000 head:0x1 flags:0x2\n', 'kexec-debug').crash, true);
});

test('a second load in one log is the next snapshot: the last is imported, #1 on request', () => {
  const text = [
    'kexec_file: nr_segments = 1',
    'kexec_file: segment[0]: buf=0x00000000aaaaaaaa bufsz=0x1000 mem=0x1000000 memsz=0x1000',
    'kexec-bzImage64: Loaded 64bit kernel at 0x2000000 bufsz=0x1000 memsz=0x2000',
    'kexec_file: nr_segments = 1',
    'kexec_file: segment[0]: buf=0x00000000bbbbbbbb bufsz=0x1000 mem=0x2000000 memsz=0x2000',
  ].join('\n');
  const r = importText(text, 'kexec-debug');
  assert.deepEqual(segs(r), [['kernel', 0x2000000n, 0x2000n, 0x1000n, 5]]);
  assert.deepEqual(r.warnings, [{ line: 3, message: '2 kexec-debug copies in this file, starting at lines 1, 3; imported #2 (the last), lines 3–5; pick another with #N after the path (or --snapshot N)' }]);
  assert.deepEqual(r.snapshots, [{ format: 'kexec-debug', lines: [1, 3], chosen: 2 }]);
  const first = importText(text, 'kexec-debug', { snapshot: 1 });
  assert.deepEqual(segs(first), [[undefined, 0x1000000n, 0x1000n, 0x1000n, 2]]);
});

test('Loaded lines alone become segments; a Loaded line without a size is only a warning', () => {
  const text = [
    'kexec-bzImage64: Loaded purgatory at 0x23fffb000',
    'kexec-bzImage64: Loaded 64bit kernel at 0x23d400000 bufsz=0xd73400 memsz=0x2ab7000',
    'Loaded initrd at 0x68200000 size 0x1d2f3a1',
  ].join('\n');
  const r = importText(text, 'kexec-debug');
  assert.deepEqual(segs(r), [
    ['kernel', 0x23d400000n, 0x2ab7000n, 0xd73400n, 2],
    ['initrd', 0x68200000n, 0x1d2f3a1n, 0x1d2f3a1n, 3],
  ]);
  assert.deepEqual(r.warnings, [{ line: 1, message: '"purgatory" at 0x23fffb000 has no size; not imported as a segment' }]);
});

test('kexec-debug bad lines: overflowing and malformed segment values', () => {
  const text = [
    'segment[0].mem   = 0x10000000000000000',
    'segment[0].memsz = 0xzz',
    'kexec_file: segment[1]: buf=0x1 bufsz=0x1000 mem=0x-1 memsz=0x1000',
    'MEMORY RANGES',
    '0000000000002000-0000000000001000 (0)',
  ].join('\n');
  const r = importText(text, 'kexec-debug');
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [
    [1, 'address does not fit in 64 bits'],
    [2, 'malformed segment line'],
    [3, 'malformed segment line'],
    [5, 'reversed range (end below start)'],
  ]);
  assert.equal(r.segments.length, 0);
});

test('segment names from loader phrases', () => {
  assert.equal(loadedName('purgatory'), 'purgatory');
  assert.equal(loadedName('boot_param, command line and misc'), 'boot_params');
  assert.equal(loadedName('real_mode_data and command line'), 'boot_params');
  assert.equal(loadedName('64bit kernel'), 'kernel');
  assert.equal(loadedName('elf core header'), 'elfcorehdr');
  assert.equal(loadedName('ELF headers'), 'elfcorehdr');
  assert.equal(loadedName('dtb'), 'dtb');
  assert.equal(loadedName('IMA buffer'), 'ima_buffer');
});

test('the printer prefix names the syscall: kexec_file: and kexec-bzImage64: are kexec_file_load, kexec: is kexec_load', () => {
  const seg = 'segment[0]: buf=0x00000000c22469d2 bufsz=0x70 mem=0x100000 memsz=0x1000\n';
  assert.equal(importText(`kexec_file: ${seg}`, 'kexec-debug').syscall, 'kexec_file_load');
  assert.equal(importText(`[   81.4] kexec: ${seg}`, 'kexec-debug').syscall, 'kexec_load');
  assert.equal(importText(seg, 'kexec-debug').syscall, undefined); // a bare line says nothing
  assert.equal(importText('kexec-bzImage64: Loaded purgatory at 0x98000\n', 'kexec-debug').syscall, 'kexec_file_load');
  assert.equal(importText('kexec_file(Image): Loaded kernel at 0x80400000 bufsz=0x48b0000 memsz=0x48b0000\n', 'kexec-debug').syscall, 'kexec_file_load');
});

test('kexec -d pasted by hand: a note after a value, a lost bracket', () => {
  const noted = importText([
    'kexec_load: entry = 0x40d666b0 flags = 0xb70000 #purgatory_start',
    'nr_segments = 1',
    'segment[0].buf   = 0x7faa968010',
    'segment[0].bufsz = 0xc89200',
    'segment[0].mem   = 0x40080000  #the kernel image',
    'segment[0].memsz = 0xce4000',
  ].join('\n'), 'kexec-debug');
  assert.equal(noted.entry, 0x40d666b0n);
  assert.equal(noted.arch, 'arm64');
  assert.deepEqual(segs(noted), [[undefined, 0x40080000n, 0xce4000n, 0xc89200n, 3]]);
  const bracket = importText('segment[1].buf = 0x7f81fc9010\nsegment[1.bufsz = 0x234c800\nsegment[1].mem = 0x1a4a000\nsegment[1].memsz = 0x234d000\n', 'kexec-debug');
  assert.deepEqual(segs(bracket), [[undefined, 0x1a4a000n, 0x234d000n, 0x234c800n, 1]]);
});

test('kexec -d on x86: the E820 memmap kexec-tools prints after MEMORY RANGES is the same map, read once', () => {
  const text = [
    'MEMORY RANGES',
    '0000000000000400-000000000009fbff (0)',
    '000000000009fc00-000000000009ffff (1)',
    '0000000000100000-00000000bffdffff (0)',
    'E820 memmap:',
    '0000000000000400-000000000009fbff (1)',
    '000000000009fc00-000000000009ffff (2)',
    '0000000000100000-00000000bffdffff (1)',
    'kexec_load: entry = 0x13fff7760 flags = 0x3e0000',
  ].join('\n');
  for (const format of ['kexec-debug', 'auto'] as const) {
    const r = importText(text, format);
    assert.deepEqual(r.regions.map((x) => [x.start, x.end, x.type, x.line]),
      [[0x400n, 0x9fc00n, 'ram', 2], [0x9fc00n, 0xa0000n, 'reserved', 3], [0x100000n, 0xbffe0000n, 'ram', 4]], format);
    assert.equal(r.corrupt, undefined, format);
  }
  // Alone (the kernel's bzImage64 kexec_file debug), E820 memmap is the map, in e820 numbers.
  const alone = importText(text.split('\n').slice(4).join('\n'), 'kexec-debug');
  assert.deepEqual(alone.regions.map((x) => x.type), ['ram', 'reserved', 'ram']);
});
