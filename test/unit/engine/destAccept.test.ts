// Destination findings (dest/*), acceptance findings (accept/*, with the 6.15 boundary), memory map findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, has, machine } from '../helpers';
import { hexWire } from '../../../common/src/engine/format';

test('dest/reserved names the region; touching it is fine', () => {
  const r = check(machine('segment a mem=0x9_e000 memsz=0x2000'));
  const d = r.diagnostics.find((x) => x.code === 'dest/reserved')!;
  assert.match(d.message, /reserved/);
  assert.equal(d.related?.[0].range.start.line, 3);
  assert.equal(r.analysis.outcome.jump, 'corrupts');
  assert.equal(has(check(machine('segment a mem=0x9_e000 memsz=0x1000')), 'dest/reserved'), false);
});

test('dest/reserved with a label, e.g. mmio "PCI hole"', () => {
  const r = check(machine('segment a mem=0x7fff_f000 memsz=0x2000'));
  assert.match(r.diagnostics.find((x) => x.code === 'dest/reserved')!.message, /PCI hole/);
});

test('dest/not-ram: a hole in the map', () => {
  assert.ok(has(check(machine('segment a mem=0x1_7fff_f000 memsz=0x2000')), 'dest/not-ram'));
  assert.equal(has(check(machine('segment a mem=0x1_7fff_e000 memsz=0x2000')), 'dest/not-ram'), false);
});

test('dest/driver-managed: ram-driver nested in soft-reserved', () => {
  const text = machine('region 0x2_0000_0000 .. 0x3_0000_0000 soft-reserved\nregion 0x2_0000_0000 .. 0x3_0000_0000 ram-driver "System RAM (kmem)"\nsegment a mem=0x2_0000_0000 memsz=4K');
  const r = check(text);
  assert.ok(has(r, 'dest/driver-managed'));
  assert.equal(has(r, 'dest/reserved'), false); // the deepest region decides
});

test('destinations over the running kernel or the crash region are RAM', () => {
  const r = check(machine('region 0x100_0000 .. 0x200_0000 kernel "Kernel code"\ncrashkernel 64M@0x1000_0000\nsegment a mem=0x100_0000 memsz=1M\nsegment b mem=0x1000_0000 memsz=1M'));
  assert.deepEqual(r.diagnostics, []);
});

const tdx = (kernel: string | null, segs: string) => [
  'arch x86_64', kernel ? `kernel ${kernel}` : '',
  'region 0x0 .. 0x8000_0000 ram',
  'region 0x1_0000_0000 .. 0x2_0000_0000 ram',
  'unaccepted 0x1_4000_0000 .. 0x2_0000_0000',
  segs,
].join('\n');

test('accept/unaccepted-destination: error before 6.15, information from 6.15, warning without a kernel', () => {
  const segs = 'segment initrd mem=0x1_3e00_0000 memsz=64M';
  const old = check(tdx('6.14', segs));
  assert.equal(old.diagnostics.find((d) => d.code === 'accept/unaccepted-destination')!.severity, 'error');
  assert.equal(old.analysis.outcome.jump, 'fatal');
  assert.equal(old.analysis.outcome.load, 'ok');
  assert.deepEqual(old.analysis.segments[0].accepts, []);
  const now = check(tdx('6.15', segs));
  const info = now.diagnostics.find((d) => d.code === 'accept/unaccepted-destination')!;
  assert.equal(info.severity, 'information');
  assert.match(info.message, /16 unaccepted 2 MiB units \(32 MiB\)/);
  assert.equal(now.analysis.outcome.jump, 'ok');
  const unknown = check(tdx(null, segs));
  assert.equal(unknown.diagnostics.find((d) => d.code === 'accept/unaccepted-destination')!.severity, 'warning');
  assert.equal(unknown.analysis.outcome.jump, 'unknown');
  // computed as 6.15 would when no kernel is given
  assert.deepEqual(unknown.analysis.segments[0].accepts, now.analysis.segments[0].accepts);
  // just missed: ending at the start of the unaccepted range touches nothing (but see the guard unit)
  const missed = check(tdx('6.14', 'segment initrd mem=0x1_3c00_0000 memsz=64M'));
  assert.equal(has(missed, 'accept/unaccepted-destination'), false);
  assert.equal(missed.analysis.outcome.jump, 'ok');
});

test('accept/guard-unit: a segment ending on a unit boundary accepts the next unit', () => {
  const r = check(tdx('6.15', 'segment initrd mem=0x1_3c00_0000 memsz=64M'));
  assert.ok(has(r, 'accept/guard-unit'));
  assert.deepEqual(r.analysis.segments[0].accepts.map((a) => [hexWire(a.start), hexWire(a.end)]), [['0x140000000', '0x140200000']]);
  const notAligned = check(tdx('6.15', 'segment initrd mem=0x1_3c00_0000 memsz=0x3ff_f000'));
  assert.equal(has(notAligned, 'accept/guard-unit'), false);
  assert.deepEqual(notAligned.analysis.segments[0].accepts, []);
  assert.equal(has(check(tdx('6.14', 'segment initrd mem=0x1_3c00_0000 memsz=64M')), 'accept/guard-unit'), false);
});

test('accepts: a unit accepted by an earlier call is not listed again', () => {
  const r = check(tdx('6.15', 'segment a mem=0x1_3fe0_0000 memsz=2M\nsegment b mem=0x1_4000_0000 memsz=2M'));
  const [a, b] = r.analysis.segments;
  assert.deepEqual(a.accepts.map((x) => [hexWire(x.start), hexWire(x.end)]), [['0x140000000', '0x140200000']]); // a's guard
  assert.deepEqual(b.accepts.map((x) => [hexWire(x.start), hexWire(x.end)]), [['0x140200000', '0x140400000']]); // b's guard only
});

test('zero-length segment at an aligned address accepts that unit', () => {
  const r = check(tdx('6.15', 'segment z mem=0x1_4000_0000 memsz=0'));
  assert.deepEqual(r.analysis.segments[0].accepts.map((x) => [hexWire(x.start), hexWire(x.end)]), [['0x140000000', '0x140200000']]);
});

test('accept/unaligned-range, accept/outside-ram, accept/crashkernel-unaccepted', () => {
  assert.ok(has(check(machine('unaccepted 0x1_0010_0000 .. 0x1_4000_0000')), 'accept/unaligned-range'));
  assert.equal(has(check(machine('unaccepted 0x1_0000_0000 .. 0x1_4000_0000')), 'accept/unaligned-range'), false);
  assert.ok(has(check(machine('unaccepted 0x7fe0_0000 .. 0x8020_0000')), 'accept/outside-ram'));
  assert.equal(has(check(machine('unaccepted 0x7fc0_0000 .. 0x8000_0000')), 'accept/outside-ram'), false);
  assert.ok(has(check(machine('crashkernel 64M@0x1000_0000\nunaccepted 0x1200_0000 .. 0x2000_0000')), 'accept/crashkernel-unaccepted'));
  assert.equal(has(check(machine('crashkernel 64M@0x1000_0000\nunaccepted 0x1400_0000 .. 0x2000_0000')), 'accept/crashkernel-unaccepted'), false);
});

test('memory/region-overlap and memory/crashkernel-outside-ram', () => {
  const r = check('region 0x0 .. 0x2000 ram\nregion 0x1000 .. 0x3000 reserved');
  const d = r.diagnostics.find((x) => x.code === 'memory/region-overlap')!;
  assert.equal(d.range.start.line, 1);
  assert.equal(d.related?.[0].range.start.line, 0);
  assert.equal(has(check('region 0x0 .. 0x2000 ram\nregion 0x1000 .. 0x2000 kernel'), 'memory/region-overlap'), false);
  assert.equal(has(check('region 0x0 .. 0x2000 ram\nregion 0x2000 .. 0x3000 reserved'), 'memory/region-overlap'), false);
  assert.ok(has(check('region 0x0 .. 0x2000 ram\ncrashkernel 4K@0x2000'), 'memory/crashkernel-outside-ram'));
  assert.equal(has(check('region 0x0 .. 0x3000 ram\ncrashkernel 4K@0x2000'), 'memory/crashkernel-outside-ram'), false);
});

test('settings: severity overrides and the default kernel', () => {
  const text = tdx(null, 'segment initrd mem=0x1_3e00_0000 memsz=64M');
  const off = check(text, { severity: { 'accept/unaccepted-destination': 'off' } });
  assert.equal(has(off, 'accept/unaccepted-destination'), false);
  const old = check(text, { kernel: '6.13' });
  assert.equal(old.analysis.outcome.jump, 'fatal');
  assert.equal(check(tdx('6.16', 'segment initrd mem=0x1_3e00_0000 memsz=64M'), { kernel: '6.13' }).analysis.outcome.jump, 'ok');
});
