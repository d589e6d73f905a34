// The JSON fields against an independent, literal model of the kernel: sanity_check_segment_list as
// written (pass-major, pairwise overlap loop, PAGE_COUNT in unsigned long), kexec_add_buffer's memsz
// round-up, and accept_memory as a loop over single bitmap bits, on random layouts across every
// arch, both syscalls, crash and normal loads, edge sizes (0, wrapping, unaligned).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check } from '../helpers';
import { toJsonFile } from '../../../common/src/features/report';
import { archInfo } from '../../../common/src/engine/arch';
import type { ArchName } from '../../../common/src/engine/types';

const M64 = (1n << 64n) - 1n;
type Seg = { mem: bigint; memsz: bigint; bufsz: bigint };

function sanity(segs: Seg[], ps: bigint, limit: bigint, ramPages: bigint, crash: { start: bigint; end: bigint } | null): string | null {
  for (const s of segs) {
    const mstart = s.mem, mend = (s.mem + s.memsz) & M64;
    if (mstart > mend) return 'EADDRNOTAVAIL';
    if (mstart % ps !== 0n || mend % ps !== 0n) return 'EADDRNOTAVAIL';
    if (mend >= limit) return 'EADDRNOTAVAIL';
  }
  for (let i = 0; i < segs.length; i++) {
    const mstart = segs[i].mem, mend = (segs[i].mem + segs[i].memsz) & M64;
    for (let j = 0; j < i; j++) {
      const pstart = segs[j].mem, pend = (segs[j].mem + segs[j].memsz) & M64;
      if (mend > pstart && mstart < pend) return 'EINVAL';
    }
  }
  for (const s of segs) if (s.bufsz > s.memsz) return 'EINVAL';
  const pc = (x: bigint) => ((x + ps - 1n) & M64) / ps;
  const half = ramPages / 2n;
  let total = 0n;
  for (const s of segs) { if (pc(s.memsz) > half) return 'EINVAL'; total += pc(s.memsz); }
  if (total > half) return 'EINVAL';
  if (crash) for (const s of segs) if (s.mem < crash.start || ((s.mem + s.memsz - 1n) & M64) > crash.end) return 'EADDRNOTAVAIL';
  return null;
}

/** accept_memory, one bit at a time; returns the maximal runs accepted, as hex pairs. */
function acceptLiteral(bits: Set<bigint>, unit: bigint, base: bigint, sizeBytes: bigint, start: bigint, size: bigint): { start: string; end: string }[] {
  let end = (start + size) & M64;
  if (start < base) start = base;
  if (end < base) return [];
  start -= base; end -= base;
  if (end % unit === 0n) end += unit;
  const cap = sizeBytes * unit * 8n;
  if (end > cap) end = cap;
  const out: { start: string; end: string }[] = [];
  for (let b = start / unit; b < (end + unit - 1n) / unit; b++) {
    if (!bits.has(b)) continue;
    bits.delete(b);
    const s = base + b * unit, e = s + unit;
    const last = out[out.length - 1];
    if (last && BigInt(last.end) === s) last.end = '0x' + e.toString(16); else out.push({ start: '0x' + s.toString(16), end: '0x' + e.toString(16) });
  }
  return out;
}

const U = 2n << 20n;
const hx = (x: bigint) => '0x' + x.toString(16);

test('property: load, errno, memsz and accepts equal a literal model of the kernel', () => {
  const seg = fc.tuple(
    fc.oneof(fc.bigInt({ min: 0n, max: 0x400n }).map((n) => n * 0x1000n), fc.bigInt({ min: 0n, max: 0x4_0000n }), fc.constantFrom(M64 - 0xfffn, 1n << 46n, (1n << 46n) - 0x2000n)),
    fc.oneof(fc.bigInt({ min: 0n, max: 0x400n }).map((n) => n * 0x1000n), fc.bigInt({ min: 0n, max: 0x40_0000n }), fc.constantFrom(0n, 0x1000n, M64)),
    fc.integer({ min: -1, max: 2 }),
  );
  fc.assert(fc.property(
    fc.constantFrom<ArchName>('x86_64', 'arm64', 'riscv64', 'ppc64le', 's390x', 'loongarch64'),
    fc.constantFrom('kexec_load', 'kexec_file_load'), fc.boolean(), fc.boolean(), fc.constantFrom('6.13', '6.15'),
    fc.array(seg, { maxLength: 18 }), fc.bigInt({ min: 1n, max: 0x800n }),
    (arch, sc, crash, withUnaccepted, kernel, raw, ramPagesK) => {
      const ps = 0x1000n;
      const info = archInfo(arch);
      const ram = ramPagesK * 0x10_0000n; // whole MiB of RAM
      const crashRegion = { start: 0x20_0000n, end: 0x60_0000n };
      const lines = [`arch ${arch}`, 'page-size 4K', `syscall ${sc}`, `kernel ${kernel}`, `total-ram ${hx(ram)}`, 'region 0x0 .. 0x1_0000_0000 ram'];
      if (crash) lines.push('crash', `crashkernel ${hx(crashRegion.end - crashRegion.start)}@${hx(crashRegion.start)}`);
      if (withUnaccepted) lines.push('unaccepted 0x40_0000 .. 0x100_0000', 'unaccepted 0x200_0000 .. 0x280_0000');
      const segs: Seg[] = raw.map(([mem, memsz, b]) => ({ mem, memsz, bufsz: b < 0 ? memsz : b === 0 ? 0n : memsz + BigInt(b) > M64 ? M64 : memsz + BigInt(b) }));
      segs.forEach((s, i) => lines.push(`segment s${i} mem=${hx(s.mem)} memsz=${hx(s.memsz)} bufsz=${hx(s.bufsz)}`));
      const r = check(lines.join('\n'));
      const json = toJsonFile('x', r);
      // kexec_add_buffer rounds every kexec_file memsz (ALIGN wraps in unsigned long).
      const seen = sc === 'kexec_file_load' ? segs.map((s) => ({ ...s, memsz: ((s.memsz + ps - 1n) & M64) & ~(ps - 1n) })) : segs;
      let errno: string | null;
      if (segs.length === 0) errno = 'none';
      else if (segs.length > 16) errno = 'EINVAL';
      else errno = sanity(seen, ps, info.destLimit, ram / ps, crash ? { start: crashRegion.start, end: crashRegion.end - 1n } : null);
      if (errno === 'none') { assert.equal(json.outcome.load, 'unknown'); return; }
      assert.equal(json.outcome.load, errno ? 'fails' : 'ok', lines.join('\n'));
      assert.equal(json.outcome.errno, errno);
      json.segments.forEach((js, i) => assert.equal(js.memsz, hx(seen[i].memsz)));
      // accept_memory in load order, only when the load succeeds on 6.15.
      const bits = new Set<bigint>();
      if (withUnaccepted) { for (let b = 0n; b < 6n; b++) bits.add(b); for (let b = 14n; b < 18n; b++) bits.add(b); }
      const base = 0x40_0000n, sizeBytes = ((0x280_0000n - base) / U + 7n) / 8n;
      seen.forEach((s, i) => {
        const want = withUnaccepted && errno === null && kernel === '6.15' ? acceptLiteral(bits, U, base, sizeBytes, s.mem, s.memsz) : [];
        assert.deepEqual(json.segments[i].accepts, want, lines.join('\n'));
      });
    },
  ), { numRuns: 1500 });
});
