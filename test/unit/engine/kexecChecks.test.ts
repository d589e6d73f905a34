// sanity_check_segment_list, kexec_load_check and the crash checks: each code triggered once and
// just missed once, and the kernel's pass order deciding the errno.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, has, machine } from '../helpers';

const seg = (name: string, mem: string, memsz: string, extra = '') => `segment ${name} mem=${mem} memsz=${memsz} ${extra}`;

test('kexec/overlap: touching segments are fine, one byte more is not', () => {
  const touching = check(machine([seg('a', '0x100_0000', '0x10_0000'), seg('b', '0x110_0000', '0x10_0000')].join('\n')));
  assert.equal(has(touching, 'kexec/overlap'), false);
  assert.equal(touching.analysis.outcome.load, 'ok');
  const over = check(machine([seg('a', '0x100_0000', '0x10_1000'), seg('b', '0x110_0000', '0x10_0000')].join('\n')));
  const d = over.diagnostics.find((x) => x.code === 'kexec/overlap')!;
  assert.equal(d.errno, 'EINVAL');
  assert.equal(d.segment, 'b');
  assert.equal(d.related?.[0].range.start.line, 7); // the other segment
  assert.equal(over.analysis.outcome.errno, 'EINVAL');
});

test('kexec/overlap with a zero-length segment: only strictly inside counts', () => {
  assert.equal(has(check(machine([seg('a', '0x100_0000', '0x2000'), seg('z', '0x100_2000', '0')].join('\n'))), 'kexec/overlap'), false);
  assert.equal(has(check(machine([seg('a', '0x100_0000', '0x2000'), seg('z', '0x100_1000', '0')].join('\n'))), 'kexec/overlap'), true);
});

test('kexec/unaligned: mem or mem + memsz off the page', () => {
  assert.equal(has(check(machine(seg('a', '0x100_0000', '0x1000'))), 'kexec/unaligned'), false);
  assert.equal(has(check(machine(seg('a', '0x100_0800', '0x1000'))), 'kexec/unaligned'), true);
  const r = check(machine(seg('a', '0x100_0000', '0x1800')));
  const d = r.diagnostics.find((x) => x.code === 'kexec/unaligned')!;
  assert.equal(d.errno, 'EADDRNOTAVAIL');
  assert.equal(d.range.start.character, 'segment a mem=0x100_0000 memsz='.length); // points at memsz
});

test('kexec/address-wrap: mem + memsz past 2^64 (not a syntax error)', () => {
  const r = check(machine(seg('a', '0xffff_ffff_ffff_f000', '0x2000')));
  assert.ok(has(r, 'kexec/address-wrap'));
  assert.equal(r.file.diagnostics.length, 0);
  assert.equal(r.analysis.outcome.firstFailure, 'kexec/address-wrap');
  // Ending exactly at 2^64 wraps mend to 0: also caught by the wrap test.
  assert.ok(has(check(machine(seg('a', '0xffff_ffff_ffff_f000', '0x1000'))), 'kexec/address-wrap'));
  assert.equal(has(check(machine(seg('a', '0xffff_ffff_ffff_e000', '0x1000'))), 'kexec/address-wrap'), false);
});

test('kexec/beyond-limit: x86_64 MAXMEM - 1 compared with >= against the exclusive end', () => {
  const limit = (1n << 46n);
  const r = check(machine(seg('a', '0x' + (limit - 0x1000n).toString(16), '0x1000')));
  assert.ok(has(r, 'kexec/beyond-limit'));   // mend = 2^46 >= 2^46 - 1
  const ok = check(machine(seg('a', '0x' + (limit - 0x2000n).toString(16), '0x1000')));
  assert.equal(has(ok, 'kexec/beyond-limit'), false); // mend = 2^46 - 4096: the largest legal end
  // arm64: the limit is -1UL, so only the wrap test can fire near the top.
  assert.equal(has(check('arch arm64\n' + seg('a', '0xffff_ffff_ffff_e000', '0x1000')), 'kexec/beyond-limit'), false);
});

test('kexec/bufsz-exceeds-memsz: equal passes', () => {
  assert.equal(has(check(machine(seg('a', '0x100_0000', '0x2000', 'bufsz=0x2000'))), 'kexec/bufsz-exceeds-memsz'), false);
  assert.ok(has(check(machine(seg('a', '0x100_0000', '0x2000', 'bufsz=0x2001'))), 'kexec/bufsz-exceeds-memsz'));
});

test('kexec/too-large: per segment and in total against totalram_pages() / 2', () => {
  const ram = 'total-ram 64M\n';
  assert.equal(has(check(machine(ram + seg('a', '0x100_0000', '32M'))), 'kexec/too-large'), false);
  assert.ok(has(check(machine(ram + seg('a', '0x100_0000', '0x200_1000'))), 'kexec/too-large'));
  const total = check(machine(ram + seg('a', '0x100_0000', '16M') + '\n' + seg('b', '0x300_0000', '0x100_1000')));
  assert.ok(has(total, 'kexec/too-large'));
  assert.match(total.diagnostics.find((d) => d.code === 'kexec/too-large')!.message, /all segments together/);
});

test('kexec/too-many-segments: 16 pass, 17 fail (kexec_load_check)', () => {
  const segs = (n: number) => Array.from({ length: n }, (_, i) => seg(`s${i}`, '0x' + (0x100_0000 + i * 0x1000).toString(16), '0x1000')).join('\n');
  assert.equal(check(machine(segs(16))).analysis.outcome.load, 'ok');
  const r = check(machine(segs(17)));
  assert.ok(has(r, 'kexec/too-many-segments'));
  assert.equal(r.analysis.outcome.errno, 'EINVAL');
});

test('kexec/outside-crashkernel: inclusive end, exactly at the end passes', () => {
  const base = machine('crash\ncrashkernel 256M@0x1000_0000');
  assert.equal(has(check(base + '\n' + seg('a', '0x1ff0_0000', '1M')), 'kexec/outside-crashkernel'), false);
  const r = check(base + '\n' + seg('a', '0x1ff0_0000', '0x10_1000'));
  assert.ok(has(r, 'kexec/outside-crashkernel'));
  assert.equal(r.analysis.outcome.errno, 'EADDRNOTAVAIL');
  assert.ok(has(check(base + '\n' + seg('a', '0xfff_f000', '0x1000')), 'kexec/outside-crashkernel'));
  // A normal load is not checked against the crash region.
  assert.equal(has(check(machine('crashkernel 256M@0x1000_0000\n' + seg('a', '0x100_0000', '1M'))), 'kexec/outside-crashkernel'), false);
});

test('kexec/entry-outside-crashkernel runs before the segment checks', () => {
  const base = machine('crash\ncrashkernel 256M@0x1000_0000');
  const ok = check(base + '\nentry 0x1fff_ffff\n' + seg('a', '0x1000_0000', '1M'));
  assert.equal(ok.analysis.outcome.load, 'ok');
  const r = check(base + '\nentry 0x2000_0000\n' + seg('a', '0x1000_0800', '1M'));
  assert.ok(has(r, 'kexec/entry-outside-crashkernel'));
  assert.ok(has(r, 'kexec/unaligned'));
  assert.equal(r.analysis.outcome.firstFailure, 'kexec/entry-outside-crashkernel');
});

test('memory/no-crashkernel: a crash load with no reservation fails every segment', () => {
  const r = check(machine('crash\n' + seg('a', '0x100_0000', '1M')));
  assert.ok(has(r, 'memory/no-crashkernel'));
  assert.equal(r.analysis.outcome.firstFailure, 'kexec/outside-crashkernel');
  assert.equal(has(check(machine('crash\ncrashkernel 16M@0x100_0000\n' + seg('a', '0x100_0000', '1M'))), 'memory/no-crashkernel'), false);
});

test('pass order: misaligned and overlapping → EADDRNOTAVAIL, not EINVAL', () => {
  const r = check(machine([seg('a', '0x100_0000', '0x10_0000'), seg('b', '0x108_0000', '0x10_0000'), seg('c', '0x400_0800', '0x1000')].join('\n')));
  assert.ok(has(r, 'kexec/overlap'));
  assert.ok(has(r, 'kexec/unaligned'));
  assert.equal(r.analysis.outcome.errno, 'EADDRNOTAVAIL');
  assert.equal(r.analysis.outcome.firstFailure, 'kexec/unaligned');
  // overlap (pass 2) before bufsz (pass 3) even when the bufsz segment comes first
  const r2 = check(machine([seg('a', '0x100_0000', '0x1000', 'bufsz=0x2000'), seg('b', '0x200_0000', '0x2000'), seg('c', '0x200_1000', '0x1000')].join('\n')));
  assert.equal(r2.analysis.outcome.firstFailure, 'kexec/overlap');
});

test('zero-length segments are legal in the kernel', () => {
  const r = check(machine(seg('z', '0x100_0000', '0')));
  assert.equal(r.analysis.outcome.load, 'ok');
  assert.deepEqual(r.diagnostics, []);
});

test('a failing load leaves accepts empty and the jump unknown', () => {
  const r = check(machine('unaccepted 0x1_0000_0000 .. 0x1_8000_0000\n' + [seg('a', '0x1_0000_0000', '2M'), seg('b', '0x1_0010_0000', '2M')].join('\n'), '6.15'));
  assert.equal(r.analysis.outcome.load, 'fails');
  assert.equal(r.analysis.outcome.jump, 'unknown');
  assert.ok(r.analysis.segments.every((s) => s.accepts.length === 0));
});
