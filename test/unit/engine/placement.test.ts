// The kexec_file_load hole search: direction, alignment, inclusive min/max, collisions, crash
// loads, driver-managed RAM — and the jump-over-collision shortcut checked against the kernel's
// page-by-page stepping on random inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check, has, machine } from '../helpers';
import { locateHole, firstCollision, type WalkRange, type KexecBuf, type PlacedSegment } from '../../../common/src/engine/placement';
import { M64, alignUp, alignDown } from '../../../common/src/engine/u64';

const placed = (text: string) => check(text).analysis.segments.map((s) => (s.mem === null ? null : '0x' + s.mem.toString(16)));
const file = (segs: string) => machine('syscall kexec_file_load\n' + segs);

test('bottom-up takes the lowest slot of the lowest RAM range; min is inclusive', () => {
  assert.deepEqual(placed(file('segment a mem=auto memsz=4K')), ['0x0']);
  assert.deepEqual(placed(file('segment a mem=auto memsz=4K min=0x10_0000')), ['0x100000']);
  assert.deepEqual(placed(file('segment a mem=auto memsz=4K min=0x9_e000')), ['0x9e000']); // last page of the first range
  assert.deepEqual(placed(file('segment a mem=auto memsz=8K min=0x9_e000')), ['0x100000']);
});

test('top-down takes the highest slot of the highest RAM range; max is inclusive', () => {
  assert.deepEqual(placed(file('segment a mem=auto memsz=4K top-down')), ['0x17ffff000']);
  assert.deepEqual(placed(file('segment a mem=auto memsz=4K max=0x7fff_ffff top-down')), ['0x7ffff000']);
  assert.deepEqual(placed(file('segment a mem=auto memsz=4K max=0x7fff_fffe top-down')), ['0x7fffe000']);
});

test('alignment: at least a page, memsz rounded to pages', () => {
  const r = check(file('segment a mem=auto memsz=0x3001 align=2M top-down\nsegment b mem=auto memsz=100 align=16'));
  assert.equal(r.analysis.segments[0].mem, 0x1_7fe0_0000n);
  assert.equal(r.analysis.segments[0].memsz, 0x4000n);
  assert.equal(r.analysis.segments[0].bufsz, 0x3001n);
  assert.equal(r.analysis.segments[1].mem, 0n);
  assert.equal(r.analysis.segments[1].memsz, 0x1000n);
});

test('collisions: later segments step past earlier ones, in file order', () => {
  assert.deepEqual(placed(file('segment a mem=auto memsz=4K top-down\nsegment b mem=auto memsz=4K top-down')), ['0x17ffff000', '0x17fffe000']);
  assert.deepEqual(placed(file('segment a mem=auto memsz=2M top-down\nsegment b mem=auto memsz=4K align=2M top-down')), ['0x17fe00000', '0x17fc00000']);
  assert.deepEqual(placed(file('segment a mem=auto memsz=1M min=0x10_0000\nsegment b mem=auto memsz=4K min=0x10_0000')), ['0x100000', '0x200000']);
  // A fixed segment earlier in the file is in the image and is avoided; a later one is not yet.
  assert.deepEqual(placed(file('segment f mem=0x17ffff000 memsz=4K\nsegment a mem=auto memsz=4K top-down')), ['0x17ffff000', '0x17fffe000']);
});

test('no hole: kexec/no-hole with EADDRNOTAVAIL, later segments still placed', () => {
  const r = check(file('segment big mem=auto memsz=3G\nsegment a mem=auto memsz=4K'));
  assert.ok(has(r, 'kexec/no-hole'));
  assert.equal(r.analysis.outcome.errno, 'EADDRNOTAVAIL');
  assert.equal(r.analysis.outcome.firstFailure, 'kexec/no-hole');
  assert.equal(r.analysis.segments[0].mem, null);
  assert.equal(r.analysis.segments[1].mem, 0n);
  assert.equal(has(check(file('segment big mem=auto memsz=2G')), 'kexec/no-hole'), false);
});

test('crash loads search only the crash region', () => {
  const r = check(file('crash\ncrashkernel 64M@0x1000_0000\nsegment hdr mem=auto memsz=4K\nsegment k mem=auto memsz=16M align=2M top-down'));
  assert.deepEqual(r.analysis.segments.map((s) => s.mem), [0x1000_0000n, 0x1300_0000n]);
  assert.equal(r.analysis.outcome.load, 'ok');
  assert.ok(has(check(file('crash\ncrashkernel 64M@0x1000_0000\nsegment k mem=auto memsz=65M')), 'kexec/no-hole'));
});

test('driver-managed RAM is skipped; a normal load may land in the crash region', () => {
  const kmem = 'region 0x2_0000_0000 .. 0x3_0000_0000 soft-reserved\nregion 0x2_0000_0000 .. 0x3_0000_0000 ram-driver "System RAM (kmem)"\n';
  assert.deepEqual(placed(file(kmem + 'segment a mem=auto memsz=4K top-down')), ['0x17ffff000']);
  assert.deepEqual(placed(file('crashkernel 64M@0x1_7c00_0000\nsegment a mem=auto memsz=4K top-down')), ['0x17ffff000']);
});

test('memblock arches (arm64) skip what is nested inside RAM', () => {
  const text = 'arch arm64\nsyscall kexec_file_load\nregion 0x4000_0000 .. 0x8000_0000 ram\nregion 0x7f00_0000 .. 0x8000_0000 reserved\nsegment a mem=auto memsz=4K top-down';
  assert.deepEqual(placed(text), ['0x7efff000']);
});

// ---- the shortcut against the kernel's own stepping --------------------------------------------

/** locate_mem_hole_top_down / _bottom_up exactly as the kernel steps: one page per collision. */
function reference(ranges: WalkRange[], k: KexecBuf, ps: bigint, segs: PlacedSegment[]): bigint | null {
  const memsz = alignUp(k.memsz, ps), align = k.align > ps ? k.align : ps;
  for (const r of ranges) {
    const sz = (r.end - r.start + 1n) & M64;
    if (sz < memsz || r.end < k.bufMin || r.start > k.bufMax) continue;
    if (k.topDown) {
      let c = ((r.end < k.bufMax ? r.end : k.bufMax) - memsz + 1n) & M64;
      for (;;) {
        c = alignDown(c, align);
        if (c < r.start || c < k.bufMin) break;
        if (firstCollision(c, (c + memsz - 1n) & M64, segs) >= 0) { c = (c - ps) & M64; continue; }
        return c;
      }
    } else {
      let c = r.start > k.bufMin ? r.start : k.bufMin;
      for (;;) {
        c = alignUp(c, align);
        const e = (c + memsz - 1n) & M64;
        if (e > r.end || e > k.bufMax) break;
        if (firstCollision(c, e, segs) >= 0) { c = (c + ps) & M64; continue; }
        return c;
      }
    }
  }
  return null;
}

test('property: direct placement equals page-by-page stepping', () => {
  const P = 0x1000n;
  const page = fc.integer({ min: 0, max: 256 }).map((n) => BigInt(n) * P);
  fc.assert(fc.property(
    fc.array(fc.tuple(page, fc.integer({ min: 1, max: 64 })), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(page, fc.integer({ min: 0, max: 8 })), { maxLength: 5 }),
    fc.integer({ min: 1, max: 12 }), fc.constantFrom(1n, P, 2n * P, 4n * P, 16n * P), page, fc.boolean(), fc.boolean(),
    (rs, ss, pages, align, bufMin, topDown, clipMax) => {
      const ranges = rs.map(([s, n]) => ({ start: s, end: s + BigInt(n) * P - 1n }));
      const segs = ss.map(([mem, n]) => ({ mem, memsz: BigInt(n) * P }));
      const k: KexecBuf = { memsz: BigInt(pages) * P - 7n, align, bufMin, bufMax: clipMax ? bufMin + 40n * P : M64, topDown };
      assert.equal(locateHole(ranges, k, P, segs).mem, reference(ranges, k, P, segs));
    },
  ), { numRuns: 3000 });
});
