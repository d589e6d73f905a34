import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hover } from '../../../common/src/features/hover';
import { check, cursor, at, readExample, TDX_EXAMPLE, anyTextArb, positionArb, FC_RUNS } from './support';

const text = (h: ReturnType<typeof hover>) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const digits = (s: string) => s.replace(/[_\s,]/g, '').toLowerCase();

test('an unaccepted address in the TDX example: hex, decimal, ram, unit index, unaccepted, initrd', () => {
  const t = readExample(TDX_EXAMPLE);
  const r = check(t);
  const h = text(hover(r, at(t, 'unaccepted 0x1_4000_0000', 13)));
  assert.ok(digits(h).includes('0x140000000'), h);
  assert.ok(h.includes('5368709120'));
  assert.match(h, /`ram` `\[0x1_0000_0000, 0x2_8000_0000\)`/);
  assert.match(h, /unit 0 of the bitmap/);
  assert.match(h, /\*\*unaccepted\*\*/);
  assert.match(h, /page frame number `0x14_0000`/);
  assert.match(h, /aligned to 1 GiB/);
  assert.match(h, /`initrd`/, 'the initrd covers it');
  assert.match(h, /kernel 6\.13 does not accept/);
  // The range as a whole: exclusive and inclusive end, size.
  assert.match(h, /end \(inclusive\) `0x2_7fff_ffff`/);
  assert.match(h, /size `0x1_4000_0000` = 5 GiB/);
});

test('an accepted address below the bitmap says accepted as a word', () => {
  const t = readExample(TDX_EXAMPLE);
  const h = text(hover(check(t), at(t, 'mem=0x1_3e00_0000', 7)));
  assert.match(h, /\baccepted\b/);
  assert.match(h, /`ram`/);
  assert.match(h, /offset `0x3e00_0000` \(992 MiB\) into it/);
});

test('on 6.16 the unit says which segment accepts it at load, and the guard unit', () => {
  const base = [
    'kernel 6.16', 'region 0x0 .. 0x1_0000_0000 ram', 'accept-unit 2M', 'unaccepted 0x4000_0000 .. 0x8000_0000',
    'segment a mem=0x3fe0_0000 memsz=4M',
  ].join('\n');
  const r = check(base);
  assert.match(text(hover(r, at(base, '0x4000_0000', 0))), /accepted at load by segment `a`/);
  // 0x3fe0_0000 + 4M = 0x4020_0000: a unit boundary, so the unit after it is the guard unit.
  const u = base + '\nentry 0x4020_0000';
  assert.match(text(hover(check(u), at(u, 'entry 0x4020_0000', 7))), /accepted at load by segment `a` \(guard unit\)/);
});

test('a size: pages and alignment, no regions', () => {
  const { text: t, pos } = cursor('region 0x0 .. 0x1000_0000 ram\nsegment k mem=0x100_0000 memsz=1<|>2K');
  const h = text(hover(check(t), pos));
  assert.match(h, /\*\*Size `0x3000`\*\*/);
  assert.match(h, /3 pages of 4 KiB/);
  assert.match(h, /aligned to 4 KiB/);
  assert.doesNotMatch(h, /Regions/);
});

test('a hole in the map and an address past the destination limit', () => {
  const { text: t, pos } = cursor('region 0x0 .. 0x1000 ram\nentry 0x4000_0000_00<|>00');
  const h = text(hover(check(t), pos));
  assert.match(h, /hole of the memory map/);
  assert.match(h, /KEXEC_DESTINATION_MEMORY_LIMIT/);
});

test('the operator of a range: start, exclusive and inclusive end, size, nesting', () => {
  const t = 'region 0x0 .. 0x8000_0000 ram\nregion 0x100_0000 + 16M kernel "Kernel code"';
  const r = check(t);
  const h = text(hover(r, at(t, '+', 0)));
  assert.match(h, /start `0x100_0000`/);
  assert.match(h, /end \(exclusive\) `0x200_0000`/);
  assert.match(h, /end \(inclusive\) `0x1ff_ffff`/);
  assert.match(h, /16 MiB/);
  assert.match(h, /inside `ram`/);
  // White space inside the range counts as the range too.
  assert.match(text(hover(r, at(t, ' + ', 0))), /\*\*Range\*\*/);
});

test('a segment name: range, pages, bufsz, accept units and commit, findings', () => {
  const t = [
    'kernel 6.16', 'region 0x0 .. 0x1_0000_0000 ram', 'unaccepted 0x4000_0000 .. 0x8000_0000',
    'segment initrd mem=0x3fe0_0000 memsz=4M bufsz=1M',
  ].join('\n');
  const h = text(hover(check(t), at(t, 'initrd', 2)));
  assert.match(h, /destination `\[0x3fe0_0000, 0x4020_0000\)`/);
  assert.match(h, /1024 page\(s\) of 4 KiB/);
  assert.match(h, /the last 3 MiB are zero-filled/);
  assert.match(h, /1 unit\(s\) of 2 MiB in the destination/);
  assert.match(h, /guard unit/);
  assert.match(h, /committing 4 MiB \(own 2 MiB \+ guard 2 MiB\)/);
  assert.match(h, /`accept\/unaccepted-destination`/);
});

test('a mem=auto segment: where it was placed and why', () => {
  const t = [
    'syscall kexec_file_load', 'region 0x0 .. 0x10_0000 reserved', 'region 0x10_0000 .. 0x8000_0000 ram "low"',
    'segment a mem=0x10_0000 memsz=1M', 'segment b mem=auto memsz=64K align=0x10_0000',
  ].join('\n');
  const r = check(t);
  const h = text(hover(r, at(t, 'segment b', 8)));
  assert.match(h, /bottom-up/);
  assert.match(h, /slot found in `ram` "low" \[0x10_0000, 0x7fff_ffff\] → `0x20_0000`/);
  assert.match(h, /align 1 MiB/);
  assert.match(h, /stepped over `a`/);
  assert.match(text(hover(r, at(t, 'auto', 1))), /slot found/);
});

test('keywords, types, arches, keys, flags, syscalls, formats: their doc lines', () => {
  const t = 'arch arm64\nregion 0x0 .. 0x1000 acpi-nvs\nsegment s mem=auto memsz=4K top-down\nimport e820 "x.txt"';
  const r = check(t);
  assert.match(text(hover(r, at(t, 'arch', 1))), /Target architecture/);
  assert.match(text(hover(r, at(t, 'arm64', 1))), /CONFIG_ARM64_\*_PAGES/);
  assert.match(text(hover(r, at(t, 'acpi-nvs', 1))), /ACPI Non-volatile Storage/);
  assert.match(text(hover(r, at(t, 'memsz', 1))), /Bytes at the destination/);
  assert.match(text(hover(r, at(t, 'top-down', 1))), /walk_system_ram_res_rev/);
  assert.match(text(hover(r, at(t, 'e820', 1))), /BIOS-e820/);
  assert.match(text(hover(r, at(t, 'import', 1))), /not read here/);
});

test('the syscall keyword: outcome and the kernel check order, failure marked', () => {
  const t = 'syscall kexec_load\nregion 0x0 .. 0x1000_0000 ram\nsegment a mem=0x10_0000 memsz=1M\nsegment b mem=0x18_0000 memsz=1M';
  const h = text(hover(check(t), at(t, 'syscall', 2)));
  assert.match(h, /load \*\*fails\*\* with -EINVAL \(first failure `kexec\/overlap`\)/);
  // the passes as the engine ran them, in the kernel's order (placement by user space first)
  assert.match(h, /2\. `kexec_load_check`/);
  assert.match(h, /pass 2: no segment overlaps an earlier one \(half-open\) → -EINVAL — \*\*fails here\*\*/);
  assert.match(h, /pass 3: .* — pass/);
  assert.match(h, /accept_memory\(mem, memsz\)/);
});

test('an import line: what was read and what was skipped', () => {
  const t = 'import auto "dmesg.txt"';
  const r = check(t);
  const stmt = r.file.statements[0];
  assert.equal(stmt.kind, 'import');
  r.imports.set(stmt as never, {
    path: 'dmesg.txt',
    result: {
      format: 'e820', regions: [{ start: 0n, end: 0x1000n, type: 'ram', line: 1 }], unaccepted: [], segments: [],
      skipped: [{ line: 3, text: 'foo', reason: 'not an e820 line' }, { line: 9, text: 'bar', reason: 'reversed range' }],
      linesRead: 10, warnings: [],
      summary: 'e820: 1 region, crashkernel: 1; 2 lines skipped',
      snapshots: [{ format: 'e820', lines: [1, 6], chosen: 2 }],
    },
  });
  const h = text(hover(r, at(t, 'import', 1)));
  assert.match(h, /read as `e820`, 10 line\(s\) read/);
  assert.match(h, /per format: e820: 1 region, crashkernel: 1; 2 lines skipped/);
  assert.match(h, /2 `e820` copies \(lines 1, 6\): copy #2 imported/);
  assert.match(h, /1 region\(s\), 0 unaccepted range\(s\), 0 segment\(s\)/);
  assert.match(h, /2 line\(s\) skipped/);
  assert.match(h, /line 3: not an e820 line/);
});

test('nothing on comments, blank lines, past the end, on broken lines', () => {
  const t = '# region 0x0 .. 0x1000 ram\n\nregion 0x0 .. 0x1000 ram\nregion 0x0 .. zz ram';
  const r = check(t);
  assert.equal(hover(r, { line: 0, character: 12 }), null);
  assert.equal(hover(r, { line: 1, character: 0 }), null);
  assert.equal(hover(r, { line: 2, character: 99 }), null);
  assert.equal(hover(r, { line: 99, character: 0 }), null);
  assert.equal(hover(r, { line: 3, character: 8 }), null);
});

test('never throws on random text and positions', () => {
  fc.assert(fc.property(anyTextArb, fc.array(positionArb, { maxLength: 8 }), (t, ps) => {
    const r = check(t);
    for (const p of ps) hover(r, p);
    // And on every token start of the first lines.
    t.split(/\r\n|\r|\n/).slice(0, 12).forEach((l, line) => { for (let c = 0; c <= l.length; c++) hover(r, { line, character: c }); });
  }), FC_RUNS);
});
