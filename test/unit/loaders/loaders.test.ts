// The two bzImage64 loaders on small maps whose placements are worked out by hand from the
// kernel's and kexec-tools' rules; their refusals; and the property that whatever they place
// passes the kernel's own checks (sanity_check_segment_list) on the same map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseLayout } from '../../../common/src/language/parser';
import { buildLayout } from '../../../common/src/engine/layout';
import { analyze } from '../../../common/src/engine/analyze';
import { runLoader, expandLoad, applyLoaderOutcome } from '../../../common/src/loaders/apply';
import { readBzImageHeader } from '../../../common/src/loaders/bzImageHeader';
import { kernelBootParamsSize } from '../../../common/src/loaders/kernelBzImage64';
import { toolsSetupSize } from '../../../common/src/loaders/toolsBzImage64';
import type { LoadSpec } from '../../../common/src/loaders/spec';
import { ROOT } from '../helpers';

const M = 1n << 20n;
const layoutOf = (text: string) => buildLayout(parseLayout(text));
const at = (r: ReturnType<typeof runLoader>) => Object.fromEntries(r.segments.map((s) => [s.name, s.mem]));
const HDR = readBzImageHeader(fs.readFileSync(path.join(ROOT, 'test/fixtures/bzimage/debian-6.1.0-50-cloud-amd64.hdr')));
const REAL: LoadSpec = { header: HDR.header, headerProblems: HDR.problems, initrdSize: 64n * M, purgatorySize: 0x5000n };

const TWO_GIB = 'arch x86_64\nkernel 6.12\nregion 0x0 ..= 0x9_ffff ram\nregion 0x10_0000 .. 0x8000_0000 ram\n';

test('kernel loader (kexec_file): purgatory, boot_params, kernel, initrd top-down from the top of RAM', () => {
  const r = runLoader(layoutOf(TWO_GIB + 'syscall kexec_file_load\n'), REAL);
  assert.equal(r.failed, null);
  assert.deepEqual(r.segments.map((s) => s.name), ['purgatory', 'boot_params', 'kernel', 'initrd']);
  // purgatory 0x5000 below 2 GiB; boot_params (4288 bytes → 2 pages) below it; the kernel's
  // PAGE_ALIGN(init_size) end-aligned then rounded down to 2 MiB; the initrd right below the kernel.
  assert.equal(kernelBootParamsSize(0n, 0n), 4288n);
  assert.deepEqual(at(r), { purgatory: 0x7fffb000n, boot_params: 0x7fff9000n, kernel: 0x7cc00000n, initrd: 0x78c00000n });
});

test('kexec-tools loader (kexec_load): the same order, its setup segment, then setup_data bottom-up from 1 MiB', () => {
  const r = runLoader(layoutOf(TWO_GIB + 'syscall kexec_load\n'), REAL);
  assert.equal(r.failed, null);
  assert.equal(toolsSetupSize(40n * 512n, 0n), 20544n);
  assert.deepEqual(at(r), { purgatory: 0x7fffb000n, setup: 0x7fff5000n, kernel: 0x7cc00000n, initrd: 0x78c00000n, setup_data: 0x100000n });
  const efi = runLoader(layoutOf(TWO_GIB + 'syscall kexec_load\n'), { ...REAL, efiMapSize: 0x1800n });
  assert.deepEqual(efi.segments.filter((s) => s.role === 'setup_data').map((s) => s.mem), [0x100000n, 0x101000n, 0x103000n]);
});

test("kernel loader: the kernel's lower bound is pref_address from 6.9, 1 MiB before", () => {
  const small = 'arch x86_64\nsyscall kexec_file_load\nregion 0x10_0000 .. 0x120_0000 ram\n';
  const spec: LoadSpec = { initSize: 4n * M, kernelAlign: 2n * M, prefAddress: 0x1000000n, purgatorySize: 0x5000n };
  const old = runLoader(layoutOf(small + 'kernel 6.8\n'), spec);
  assert.equal(old.failed, null);
  assert.equal(at(old).kernel, 0xc00000n);
  const now = runLoader(layoutOf(small + 'kernel 6.9\n'), spec);
  assert.equal(now.failed?.code, 'load/no-hole');
  assert.equal(now.failed?.errno, 'EADDRNOTAVAIL');
  // No kernel line: the 6.9+ rule, and a note saying where an older kernel would put it.
  const unknown = runLoader(layoutOf(small), spec);
  assert.equal(unknown.failed?.code, 'load/no-hole');
  assert.match(unknown.findings.find((f) => f.code === 'load/kernel-version')!.message, /before 6\.9.*0xc0_0000/);
});

test('command line: kexec_file keeps 30 bytes for elfcorehdr= on every load; kexec-tools only checks cmdline_size', () => {
  const L = layoutOf(TWO_GIB);
  assert.equal(runLoader(L, { ...REAL, cmdlineLen: 2018n }, 'kexec_file_load').failed?.code, 'load/cmdline-too-long');
  assert.equal(runLoader(L, { ...REAL, cmdlineLen: 2018n }, 'kexec_file_load').failed?.errno, 'EINVAL');
  assert.equal(runLoader(L, { ...REAL, cmdlineLen: 2017n }, 'kexec_file_load').failed, null);
  assert.equal(runLoader(L, { ...REAL, cmdlineLen: 2047n }, 'kexec_load').failed, null);
  assert.equal(runLoader(L, { ...REAL, cmdlineLen: 2048n }, 'kexec_load').failed?.code, 'load/cmdline-too-long');
});

test('not a bzImage64: -ENOEXEC from the kernel, kexec-tools stops before the syscall', () => {
  const bad = Buffer.from(fs.readFileSync(path.join(ROOT, 'test/fixtures/bzimage/debian-6.1.0-50-cloud-amd64.hdr')));
  bad.writeUInt16LE(0x020b, 0x206);
  const h = readBzImageHeader(bad);
  const L = layoutOf(TWO_GIB);
  const k = runLoader(L, { header: h.header, headerProblems: h.problems }, 'kexec_file_load');
  assert.equal(k.failed?.code, 'load/not-bzimage');
  assert.equal(k.failed?.errno, 'ENOEXEC');
  assert.equal(k.segments.length, 0);
  const t = runLoader(L, { header: h.header, headerProblems: h.problems }, 'kexec_load');
  assert.equal(t.failed?.code, 'load/not-bzimage');
  assert.equal(t.failed?.errno, null);
  // A truncated image (its length below the setup area) is refused by both.
  assert.equal(runLoader(L, { ...REAL, kernelSize: 4096n }, 'kexec_file_load').failed?.errno, 'ENOEXEC');
});

test('crash loads: kexec_file puts elfcorehdr lowest in the crash region; kexec-tools stays inside it top-down', () => {
  const text = TWO_GIB + 'crash\ncrashkernel 256M@0x6000_0000\n';
  const k = runLoader(layoutOf(text + 'syscall kexec_file_load\n'), REAL);
  assert.equal(k.failed, null);
  assert.equal(at(k).elfcorehdr, 0x60000000n);
  const t = runLoader(layoutOf(text + 'syscall kexec_load\n'), REAL);
  assert.equal(t.failed, null);
  for (const s of t.segments) assert.ok(s.mem! >= 0x60000000n && s.mem! + s.memsz <= 0x70000000n, s.name);
  // The backup is the first RAM range below 640 KiB (here 0x0 ..= 0x9_ffff), at the top of the crash region.
  assert.equal(at(t).backup, 0x70000000n - 0xa0000n);
  const low = runLoader(layoutOf(text.replace('region 0x0 ..= 0x9_ffff ram', 'region 0x1000 ..= 0x9_efff ram') + 'syscall kexec_load\n'), REAL);
  assert.equal(low.segments.find((s) => s.role === 'backup')!.memsz, 0x9e000n);
  // A crash region too small for the kernel: both loaders say so.
  const tiny = TWO_GIB + 'crash\ncrashkernel 32M@0x6000_0000\n';
  assert.equal(runLoader(layoutOf(tiny + 'syscall kexec_file_load\n'), REAL).failed?.segment, 'kernel');
  assert.equal(runLoader(layoutOf(tiny + 'syscall kexec_load\n'), REAL).failed?.segment, 'kernel');
});

test("a loader's refusal decides the outcome before the syscall's checks", () => {
  const L = layoutOf(TWO_GIB + 'syscall kexec_file_load\n');
  const e = expandLoad(L, { ...REAL, cmdlineLen: 3000n }, { statement: L.anchors.firstLine });
  const a = analyze(L);
  applyLoaderOutcome(a, e);
  assert.equal(a.outcome.load, 'fails');
  assert.equal(a.outcome.errno, 'EINVAL');
  assert.equal(a.outcome.firstFailure, 'load/cmdline-too-long');
});

// Random maps: RAM ranges with reserved gaps, an optional crash region, random image sizes.
const mapArb = fc.record({
  ranges: fc.array(fc.record({ gapMiB: fc.integer({ min: 0, max: 64 }), sizeMiB: fc.integer({ min: 1, max: 512 }) }), { minLength: 1, maxLength: 5 }),
  crash: fc.option(fc.record({ at: fc.nat(100), sizeMiB: fc.integer({ min: 16, max: 256 }) }), { nil: undefined }),
  initMiB: fc.integer({ min: 1, max: 96 }),
  alignShift: fc.integer({ min: 12, max: 24 }),
  prefMiB: fc.constantFrom(1, 16),
  initrdKiB: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
  cmdline: fc.integer({ min: 0, max: 2100 }),
  efi: fc.constantFrom(0, 0x1800, 0x3000),
  syscall: fc.constantFrom('kexec_load', 'kexec_file_load'),
  version: fc.constantFrom('6.8', '6.13'),
});

test('property: every placement passes sanity_check_segment_list on the same map, or the loader said why it failed first', () => {
  fc.assert(fc.property(mapArb, (c) => {
    const lines = [`arch x86_64`, `kernel ${c.version}`, `syscall ${c.syscall}`, 'total-ram 64G'];
    let at = 0x100000n;
    const ramSpans: [bigint, bigint][] = [];
    for (const r of c.ranges) {
      at += BigInt(r.gapMiB) * M;
      const end = at + BigInt(r.sizeMiB) * M;
      lines.push(`region 0x${at.toString(16)} .. 0x${end.toString(16)} ram`);
      ramSpans.push([at, end]);
      at = end;
    }
    if (c.crash) {
      const [s, e] = ramSpans[c.crash.at % ramSpans.length];
      const size = BigInt(c.crash.sizeMiB) * M;
      if (e - s >= size) { lines.push(`crashkernel ${c.crash.sizeMiB}M@0x${s.toString(16)}`, 'crash'); }
    }
    const L = layoutOf(lines.join('\n') + '\n');
    const spec: LoadSpec = { initSize: BigInt(c.initMiB) * M, kernelAlign: 1n << BigInt(c.alignShift), prefAddress: BigInt(c.prefMiB) * M, initrdSize: c.initrdKiB === undefined ? undefined : BigInt(c.initrdKiB) * 1024n, cmdlineLen: BigInt(c.cmdline), efiMapSize: BigInt(c.efi) };
    const e = expandLoad(L, spec, { statement: L.anchors.firstLine });
    const a = analyze(L);
    if (e.result.failed) {
      // The loader stopped: nothing after the failing segment was added.
      const i = e.result.segments.findIndex((s) => s.mem === null);
      assert.ok(i === -1 || i === e.result.segments.length - 1);
      return;
    }
    assert.equal(a.outcome.firstFailure, null, `${a.outcome.summary} :: ${lines.join(' | ')}`);
    for (const f of a.findings) assert.ok(!f.code.startsWith('dest/'), f.message);
    for (const s of e.result.segments) assert.equal(s.mem! % (s.align > 4096n ? s.align : 4096n), 0n, s.name);
  }), { numRuns: 400 });
});

test('bzImage64 on another arch: no loader claims it', () => {
  const r = runLoader(layoutOf(TWO_GIB.replace('arch x86_64', 'arch arm64') + 'syscall kexec_file_load\n'), REAL);
  assert.equal(r.failed?.code, 'load/not-bzimage');
  assert.match(r.failed!.message, /arm64 has no bzImage64 loader/);
});
