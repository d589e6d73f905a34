// One test per pasted shape on real excerpts (test/fixtures/import, each names its source): the
// imported bytes per region type, the crash region, each segment's mem/memsz; then mixed files,
// several copies in one file, elided and corrupt maps.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';
import type { ImportResult } from '../../../common/src/engine/types';
import { fixture } from './fixtures';

const MiB = 1n << 20n;

function bytesByType(r: ImportResult): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const x of r.regions) out[x.type] = (out[x.type] ?? 0n) + (x.end - x.start);
  return out;
}

function crash(r: ImportResult): [bigint, bigint, string | undefined][] {
  return r.regions.filter((x) => x.type === 'crashkernel').map((x) => [x.start, x.end, x.label]);
}

function segs(r: ImportResult): [string | undefined, bigint, bigint, bigint][] {
  return r.segments.map((s) => [s.name, s.mem, s.memsz, s.bufsz]);
}

// ---- crashkernel lines ----------------------------------------------------------------------

test('crashkernel, generic form with a low part, quoted in a mail reply (riscv)', () => {
  const r = importText(fixture('crashkernel-riscv-quoted.txt'), 'auto');
  // The printed end is crash_base + crash_size: exclusive.
  assert.deepEqual(crash(r), [
    [0xf8000000n, 0x100000000n, 'Crash kernel (low)'],
    [0x177e00000n, 0x277e00000n, 'Crash kernel'],
  ]);
  assert.equal(r.format, 'crashkernel');
  assert.equal(r.summary?.startsWith('crashkernel: 2;'), true, r.summary);
});

test('crashkernel, x86 `Reserving N MB of memory at M MB` form', () => {
  const r = importText(fixture('crashkernel-x86-reserving.txt'), 'auto');
  assert.deepEqual(crash(r), [[704n * MiB, 865n * MiB, 'Crash kernel']]);
  assert.equal(r.skipped.length, 2); // the prompt and the command line
});

test('crashkernel, s390 `setup: Reserving …` amid a quoted boot log', () => {
  const r = importText(fixture('crashkernel-s390-setup.txt'), 'auto');
  assert.deepEqual(crash(r), [[130048n * MiB, 131072n * MiB, 'Crash kernel']]);
  assert.equal(r.regions.length, 1); // zone and node [mem …] lines are not a memory map
});

test('crashkernel, generic low and high with a CMA line that reserves no fixed region', () => {
  const r = importText(fixture('crashkernel-riscv-cma.txt'), 'crashkernel');
  assert.deepEqual(crash(r), [
    [0xe8000000n, 0xf0000000n, 'Crash kernel (low)'],
    [0x23e600000n, 0x33e600000n, 'Crash kernel'],
  ]);
});

test('crashkernel lines beside /proc/iomem Crash kernel lines: the iomem regions are kept, not both', () => {
  const r = importText(fixture('crashkernel-arm64-low-iomem.txt'), 'auto');
  assert.equal(r.format, 'iomem');
  assert.deepEqual(crash(r), [
    [0xe2200000n, 0xf1c00000n, 'Crash kernel (low)'],
    [0x8c0000000n, 0x940000000n, 'Crash kernel'],
  ]);
  assert.ok(r.warnings.some((w) => /crashkernel lines \(4–5\) are not imported: the iomem listing already holds the crash region/.test(w.message)));
  // The MB form of the low line (3618 MB, 250 MB) and the iomem line agree.
  const alone = importText(fixture('crashkernel-arm64-low-iomem.txt'), 'crashkernel');
  assert.deepEqual(crash(alone), crash(r));
});

// ---- e820 extended map and setup_data updates -------------------------------------------------

test('e820: the extended map (reserve setup_data) with its setup_data splits', () => {
  const r = importText(fixture('e820-setup-data-hassos.txt'), 'auto');
  assert.equal(r.format, 'e820');
  assert.equal(r.regions.length, 13);
  assert.deepEqual(bytesByType(r), {
    ram: 0x4f000n + 0x50000n + 0x1ef00000n + 0xf00000n + (0x68f66058n - 0x20100000n),
    'acpi-nvs': 0x1000n,
    reserved: 0x100000n + 0x100000n,
  });
  assert.deepEqual(r.skipped, []);
});

test('e820: update lines before the extended map are already in it; the later map is the one imported', () => {
  const r = importText(fixture('e820-setup-data-cloudhv.txt'), 'auto');
  assert.equal(r.regions.length, 10);
  assert.deepEqual(bytesByType(r), {
    ram: 0xa0000n + (0x9d1f000n - 0x100000n) + 0x200000n + (0xb9dec068n - 0xa20e000n),
    reserved: 0x60000n + 0x2e1000n,
    'acpi-nvs': 0xe000n,
  });
});

test('e820: update/remove lines after the extended map apply to it; EFI banner lines are skipped', () => {
  const r = importText(fixture('e820-setup-data-ckb.txt'), 'auto');
  assert.deepEqual(bytesByType(r), { reserved: 0x1000n + 0x4000n + 0x4000n + 0x1000n + 0x1000000n, ram: 0x41e000000n - 0x100000000n });
  assert.equal(r.skipped.length, 6);
});

// ---- segment lists: number bases by line shape -------------------------------------------------

test('kexec-lite segment lines: hex sizes with 0x, named by type; the ELF line with decimal sizes is not a segment', () => {
  const r = importText(fixture('kexec-lite-ppc64.txt'), 'auto');
  assert.deepEqual(segs(r), [
    ['kernel', 0x10000000n, 0x15d0000n, 0x1420000n],
    ['initrd', 0x115d0000n, 0xc20000n, 0xc1a2b4n],
    ['dtb', 0x3fff0000n, 0x20000n, 0x12f4cn],
    ['trampoline', 0x3ffe0000n, 0x10000n, 0x180n],
  ]);
  assert.equal(r.syscall, 'kexec_load');
  assert.deepEqual(r.skipped.map((s) => s.line), [2]);
});

test('probe lines: bare numbers are decimal, 0x numbers hex', () => {
  const r = importText(fixture('kexec-probe-decimal.txt'), 'auto');
  assert.deepEqual(segs(r), [
    [undefined, 0x23fffb000n, 24576n, 20480n],
    [undefined, 0x23fff9000n, 8192n, 4816n],
    [undefined, 0x23d400000n, 44789760n, 14103552n],
    [undefined, 0x23bd0b000n, 24068264n, 24068264n],
  ]);
  assert.equal(44789760n, 0x2ab7000n); // the bzImage64 kernel memsz of kexec-file-bzimage64.txt, printed in decimal
});

test('kexec-tools before 2013: `.bufsz = cc` without 0x is hex', () => {
  const r = importText(fixture('kexec-d-old-no-0x.txt'), 'auto');
  assert.ok(r.segments.length > 0);
  for (const s of r.segments) assert.ok(s.memsz % 0x1000n === 0n, `memsz ${s.memsz.toString(16)} is page-sized when read as hex`);
});

test('arm64 kexec -d ranges: the system map, the crash reservation, and the coredump list left out', () => {
  const r = importText(fixture('kexec-d-arm64-crash-ranges.txt'), 'auto');
  assert.deepEqual(bytesByType(r), { ram: 0x80000000n + 0x40000000n, crashkernel: 0x10000000n });
  assert.deepEqual(crash(r), [[0xa0000000n, 0xb0000000n, 'Crash kernel']]);
});

// ---- mixed files ------------------------------------------------------------------------------

test('a mixed dmesg: e820 map, crashkernel line and kexec_file segments all imported, noise counted', () => {
  const text = [
    fixture('e820-classic.txt'),
    fixture('crashkernel-x86-reserving.txt'),
    fixture('kexec-file-bzimage64.txt'),
  ].join('\n');
  const r = importText(text, 'auto');
  const e820 = importText(fixture('e820-classic.txt'), 'e820');
  assert.equal(r.format, 'e820');
  assert.deepEqual(r.regions.filter((x) => x.type !== 'crashkernel').map((x) => [x.start, x.end, x.type]), e820.regions.map((x) => [x.start, x.end, x.type]));
  assert.deepEqual(crash(r), [[704n * MiB, 865n * MiB, 'Crash kernel']]);
  const file = importText(fixture('kexec-file-bzimage64.txt'), 'kexec-debug');
  assert.deepEqual(segs(r), segs(file));
  assert.ok(r.segments.length > 0);
  // bzImage64's E820 memmap list is a memory map too, but e820 ranks first: never two copies.
  assert.ok(r.warnings.some((w) => /the kexec-debug map .* describes the same memory as the e820 one/.test(w.message)), JSON.stringify(r.warnings));
  assert.match(r.summary!, /^e820: \d+ regions, crashkernel: 1, kexec_file: \d+ segments, \d+ ranges \(not used: e820 describes the memory\); \d+ lines skipped$/);
});

test('e820 and EFI maps of one boot: e820 regions, EFI unaccepted ranges', () => {
  const r = importText(fixture('e820-classic.txt') + '\n' + fixture('efi-unaccepted.txt'), 'auto');
  assert.equal(r.format, 'e820');
  const efi = importText(fixture('efi-unaccepted.txt'), 'efi');
  assert.deepEqual(r.unaccepted.map((u) => [u.start, u.end]), efi.unaccepted.map((u) => [u.start, u.end]));
  assert.deepEqual(bytesByType(r), bytesByType(importText(fixture('e820-classic.txt'), 'e820')));
});

// ---- several copies ---------------------------------------------------------------------------

test('two /proc/iomem listings in one report: never merged, the last by default, #1 on request', () => {
  const a = fixture('iomem-old.txt');
  const b = fixture('iomem-modern.txt');
  const text = a + '\n' + b;
  const second = a.split('\n').length + 1 + 1; // the first listing line of b (after its source comment)
  const r = importText(text, 'auto');
  assert.deepEqual(bytesByType(r), bytesByType(importText(b, 'iomem')));
  assert.equal(r.snapshots?.length, 1);
  assert.equal(r.snapshots![0].format, 'iomem');
  assert.equal(r.snapshots![0].chosen, 2);
  assert.equal(r.snapshots![0].lines[1], second);
  assert.ok(r.warnings.some((w) => w.message.startsWith('2 iomem copies in this file, starting at lines ')));
  const first = importText(text, 'auto', { snapshot: 1 });
  assert.deepEqual(bytesByType(first), bytesByType(importText(a, 'iomem')));
  assert.equal(first.snapshots![0].chosen, 1);
  const none = importText(text, 'auto', { snapshot: 3 });
  assert.equal(none.snapshots![0].chosen, 2);
  assert.ok(none.warnings.some((w) => /there is no #3: the last/.test(w.message)));
});

test('two boots in one log: each boot\'s e820 map and crashkernel line stay together', () => {
  const boot1 = fixture('e820-classic.txt') + '\n[    0.000000] Reserving 128MB of memory at 256MB for crashkernel (System RAM: 4095MB)';
  const boot2 = fixture('e820-modified.txt') + '\n[    0.000000] Reserving 256MB of memory at 512MB for crashkernel (System RAM: 4095MB)';
  const last = importText(boot1 + '\n' + boot2, 'auto');
  assert.deepEqual(crash(last), [[512n * MiB, 768n * MiB, 'Crash kernel']]);
  const firstBoot = importText(boot1 + '\n' + boot2, 'auto', { snapshot: 1 });
  assert.deepEqual(crash(firstBoot), [[256n * MiB, 384n * MiB, 'Crash kernel']]);
  assert.deepEqual(bytesByType(firstBoot).ram, bytesByType(importText(fixture('e820-classic.txt'), 'e820')).ram);
});

// ---- elided and corrupt maps ------------------------------------------------------------------

test('elision marks make the import partial and are not counted as skipped', () => {
  for (const mark of ['...', '......', '…', '[..]', '[...]', '<snip>', '[snip]', '--- snip ---']) {
    const r = importText(`00000000-00000fff : Reserved\n${mark}\n00100000-7fffffff : System RAM\n`, 'auto');
    assert.equal(r.partial, true, mark);
    assert.equal(r.skipped.length, 0, mark);
    assert.equal(r.regions.length, 2, mark);
  }
  assert.equal(importText('00000000-00000fff : Reserved\n', 'auto').partial, undefined);
});

test('corrupt maps: reversed, past 2^64, unknown types and overlaps are counted with the first line', () => {
  const efi = importText([
    'efi: mem00: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000100000-0x000000007fffffff] (2047MB)',
    'efi: mem01: [Bogus Type  |   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000080000000-0x00000000bfffffff] (1024MB)',
    'efi: mem02: [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x00000000c0000000-0x00000000bfffffff] (0MB)',
  ].join('\n'), 'auto');
  assert.deepEqual(efi.corrupt, { count: 2, line: 2, reason: 'unknown EFI memory type "Bogus Type"' });
  const e820 = importText([
    'BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable',
    'BIOS-e820: [mem 0x0000000000090000-0x00000000000fffff] reserved',
  ].join('\n'), 'auto');
  assert.deepEqual(e820.corrupt, { count: 1, line: 2, reason: 'e820 entries overlap' });
  const wrap = importText('fffffffffffff000-1ffffffffffffffff : Reserved\n', 'iomem');
  assert.equal(wrap.corrupt?.count, 1);
  assert.equal(importText(fixture('e820-classic.txt'), 'auto').corrupt, undefined);
});

test('unknown text is skipped and counted; a file that yields nothing says so', () => {
  const r = importText('hello\nworld\n', 'auto');
  assert.equal(r.skipped.length, 2);
  assert.deepEqual(r.warnings, [{ line: 0, message: 'nothing was imported: no line is one the importer reads (2 lines skipped)' }]);
  assert.equal(r.summary, 'nothing read; 2 lines skipped');
});

test('skipped lines beyond the first 10,000 are counted, not kept', () => {
  const noise: string[] = [];
  for (let i = 0; i < 12_000; i++) noise.push(`noise ${i}`);
  noise.push('00100000-7fffffff : System RAM');
  const r = importText(noise.join('\n'), 'auto');
  assert.equal(r.skipped.length, 10_000);
  assert.equal(r.skippedCount, 12_000);
  assert.equal(r.summary, 'iomem: 1 region; 12000 lines skipped');
  assert.equal(r.regions.length, 1);
});

test('kexec-tools failure lines are kept as the source\'s own verdict (a warning on their line)', () => {
  const r = importText([
    'kexec_load failed: Cannot assign requested address',
    'entry       = 0x6aff72c0 flags = 0x3e0001',
    'nr_segments = 1',
    'segment[0].buf   = 0x55d2e8a3b2a0',
    'segment[0].bufsz = 0x400',
    'segment[0].mem   = 0x630a0000',
    'segment[0].memsz = 0x1000',
  ].join('\n'), 'auto');
  assert.deepEqual(r.warnings, [{ line: 1, message: 'the log reports a failure: "kexec_load failed: Cannot assign requested address"' }]);
  assert.deepEqual(segs(r), [[undefined, 0x630a0000n, 0x1000n, 0x400n]]);
  assert.equal(r.crash, true);
});

test('memmap `start-end (type)` from a shell glob: directory order 0, 1, 10, …, 2 is one listing; a repeat is a second', () => {
  const dirs = ['0', '1', '10', '2'];
  const entries: Record<string, string> = {
    0: '0x0-0x9fbff (System RAM)', 1: '0x9fc00-0x9ffff (Reserved)', 2: '0xf0000-0xfffff (Reserved)', 10: '0x100000000-0x17fffffff (System RAM)',
  };
  const one = dirs.map((d) => entries[d]).join('\n');
  const r = importText(one, 'auto');
  assert.equal(r.format, 'memmap');
  assert.equal(r.snapshots, undefined);
  assert.deepEqual(bytesByType(r), { ram: 0x9fc00n + 0x80000000n, reserved: 0x400n + 0x10000n });
  const two = importText(one + '\n' + one.replace('0x100000000-0x17fffffff', '0x100000000-0x1ffffffff'), 'auto');
  assert.equal(two.snapshots?.[0].lines.length, 2);
  assert.equal(bytesByType(two).ram, 0x9fc00n + 0x100000000n);
});

test('an indented dmesg (a Markdown code block) reads like a plain one; iomem indentation still nests', () => {
  const plain = fixture('e820-classic.txt');
  const indented = plain.split('\n').map((l) => (l.startsWith('#') ? l : '    ' + l)).join('\n');
  assert.deepEqual(bytesByType(importText(indented, 'auto')), bytesByType(importText(plain, 'auto')));
  assert.ok(importText(plain, 'auto').regions.length > 0);
  const iomem = importText('00100000-7fffffff : System RAM\n  01000000-01ffffff : Kernel code\n', 'auto');
  assert.deepEqual(iomem.regions.map((r) => r.type), ['ram', 'kernel']);
});
