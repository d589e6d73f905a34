// The hole search computed directly, against the kernel's page-by-page stepping, on inputs drawn
// across the whole 64-bit space: empty and wrapping segments, the top-down start that underflows,
// candidates that step past zero (top-down) or past 2^64 (bottom-up), and searches that never end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { locateHole, firstCollision, Occupancy, type WalkRange, type KexecBuf, type PlacedSegment } from '../../../common/src/engine/placement';
import { M64, alignUp, alignDown } from '../../../common/src/engine/u64';

type Ref = bigint | null | 'endless';

/**
 * locate_mem_hole_callback + locate_mem_hole_top_down / _bottom_up, literally, one PAGE_SIZE per
 * collision. A search that has gone round the address space twice is the kernel's endless loop.
 */
function reference(ranges: WalkRange[], k: KexecBuf, ps: bigint, segs: PlacedSegment[]): Ref {
  const memsz = alignUp(k.memsz, ps), align = k.align > ps ? k.align : ps;
  const limit = 3n * ((1n << 64n) / align) + 16n;
  for (const r of ranges) {
    const sz = (r.end - r.start + 1n) & M64;
    if (sz < memsz || r.end < k.bufMin || r.start > k.bufMax) continue;
    let steps = 0n;
    if (k.topDown) {
      let c = ((r.end < k.bufMax ? r.end : k.bufMax) - memsz + 1n) & M64;
      for (;;) {
        if (++steps > limit) return 'endless';
        c = alignDown(c, align);
        if (c < r.start || c < k.bufMin) break;
        if (firstCollision(c, (c + memsz - 1n) & M64, segs) >= 0) { c = (c - ps) & M64; continue; }
        return c;
      }
    } else {
      let c = r.start > k.bufMin ? r.start : k.bufMin;
      for (;;) {
        if (++steps > limit) return 'endless';
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

function direct(ranges: WalkRange[], k: KexecBuf, ps: bigint, segs: PlacedSegment[]): Ref {
  const h = locateHole(ranges, k, ps, segs);
  return h.endless ? 'endless' : h.mem;
}

const TOP = 1n << 64n;
// Addresses anywhere, with weight on the edges (0, the top, multiples of large powers of two).
const addr = fc.oneof(
  fc.bigInt({ min: 0n, max: M64 }),
  fc.bigInt({ min: 0n, max: 64n }).map((n) => n * 0x1000n),
  fc.bigInt({ min: 1n, max: 64n }).map((n) => TOP - n * 0x1000n),
  fc.tuple(fc.integer({ min: 52, max: 63 }), fc.bigInt({ min: 0n, max: 15n })).map(([b, n]) => (n << BigInt(b)) & M64),
  fc.constantFrom(0n, M64, 1n << 63n),
);
const size = fc.oneof(
  fc.constant(0n),
  fc.bigInt({ min: 1n, max: 64n }).map((n) => n * 0x1000n),
  fc.integer({ min: 52, max: 63 }).map((b) => 1n << BigInt(b)),
  fc.bigInt({ min: 0n, max: M64 }),
  fc.bigInt({ min: 1n, max: 8n }).map((n) => TOP - n * 0x1000n),
);
const range = fc.oneof(
  fc.constant<[bigint, bigint]>([0n, M64]),
  fc.tuple(addr, addr).map(([a, b]): [bigint, bigint] => (a <= b ? [a, b] : [b, a])),
);

test('property: the direct search equals page stepping anywhere in 64 bits (large alignments, wrap cases)', () => {
  fc.assert(fc.property(
    fc.array(range, { minLength: 1, maxLength: 3 }),
    fc.array(fc.tuple(addr, size), { maxLength: 6 }),
    size, fc.integer({ min: 56, max: 63 }), addr, addr, fc.boolean(), fc.constantFrom(0x1000n, 0x4000n, 0x10000n),
    (rs, ss, memsz, alignBits, a, b, topDown, ps) => {
      const ranges = rs.map(([s, e]) => ({ start: s, end: e }));
      const segs = ss.map(([mem, sz]) => ({ mem, memsz: sz }));
      const [bufMin, bufMax] = a <= b ? [a, b] : [b, a];
      const k: KexecBuf = { memsz, align: 1n << BigInt(alignBits), bufMin, bufMax, topDown };
      assert.equal(direct(ranges, k, ps, segs), reference(ranges, k, ps, segs));
    },
  ), { numRuns: 4000 });
});

test('property: the direct search equals page stepping on small maps near zero and the top', () => {
  const P = 0x1000n;
  const near = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 48 })).map(([top, n]) => (top ? TOP - BigInt(n + 1) * P : BigInt(n) * P));
  fc.assert(fc.property(
    fc.array(fc.tuple(near, fc.integer({ min: 0, max: 48 })), { minLength: 1, maxLength: 3 }),
    fc.array(fc.tuple(near, fc.integer({ min: 0, max: 10 })), { maxLength: 6 }),
    fc.integer({ min: 0, max: 12 }), fc.constantFrom(P, 2n * P, 8n * P), near, fc.boolean(), fc.boolean(), fc.boolean(),
    (rs, ss, pages, align, lo, topDown, clipMin, fullTop) => {
      // Ranges either end inside the space or reach 2^64 - 1 (where bottom-up never stops).
      const ranges = rs.map(([s, n]) => ({ start: s, end: fullTop ? M64 : (s + BigInt(n) * P - 1n + P) & M64 })).filter((r) => r.start <= r.end);
      if (!ranges.length) return;
      const segs = ss.map(([mem, n]) => ({ mem, memsz: BigInt(n) * P }));
      const k: KexecBuf = { memsz: BigInt(pages) * P, align, bufMin: clipMin ? lo : 0n, bufMax: M64, topDown };
      // Stepping a whole 2^64 cycle page by page is out of reach: compare only when the reference ends.
      const ref = referenceBounded(ranges, k, P, segs, 200_000);
      if (ref === 'too-long') return;
      assert.equal(direct(ranges, k, P, segs), ref);
    },
  ), { numRuns: 3000 });
});

/** The reference with a step budget, for small alignments where a full cycle is 2^52 steps. */
function referenceBounded(ranges: WalkRange[], k: KexecBuf, ps: bigint, segs: PlacedSegment[], budget: number): Ref | 'too-long' {
  const memsz = alignUp(k.memsz, ps), align = k.align > ps ? k.align : ps;
  let steps = 0;
  for (const r of ranges) {
    const sz = (r.end - r.start + 1n) & M64;
    if (sz < memsz || r.end < k.bufMin || r.start > k.bufMax) continue;
    let c = k.topDown ? ((r.end < k.bufMax ? r.end : k.bufMax) - memsz + 1n) & M64 : r.start > k.bufMin ? r.start : k.bufMin;
    for (;;) {
      if (++steps > budget) return 'too-long';
      c = k.topDown ? alignDown(c, align) : alignUp(c, align);
      const e = (c + memsz - 1n) & M64;
      if (k.topDown ? c < r.start || c < k.bufMin : e > r.end || e > k.bufMax) break;
      if (firstCollision(c, e, segs) >= 0) { c = k.topDown ? (c - ps) & M64 : (c + ps) & M64; continue; }
      return c;
    }
  }
  return null;
}

test('top-down: a collision below page 0 wraps to the top of the address space and the search goes on there', () => {
  const P = 0x1000n;
  // RAM from 0, a segment on page 0..1, a 2-page request with the top-down start at page 0.
  const ranges = [{ start: 0n, end: 2n * P - 1n }];
  const h = locateHole(ranges, { memsz: 2n * P, align: P, bufMin: 0n, bufMax: M64, topDown: true }, P, [{ mem: 0n, memsz: P }]);
  // The kernel steps 0 → 2^64 - 4096; that slot's end wraps past 2^64 and collides with nothing.
  assert.equal(h.mem, TOP - P);
  assert.equal(h.wrapped, true);
  assert.equal(reference(ranges, { memsz: 2n * P, align: 1n << 56n, bufMin: 0n, bufMax: M64, topDown: true }, P, [{ mem: 0n, memsz: P }]), TOP - (1n << 56n));
});

test('just missing the wrap: a range that starts one page up stops instead of wrapping', () => {
  const P = 0x1000n;
  const h = locateHole([{ start: P, end: 3n * P - 1n }], { memsz: 2n * P, align: P, bufMin: 0n, bufMax: M64, topDown: true }, P, [{ mem: P, memsz: P }]);
  assert.equal(h.mem, null);
  assert.equal(h.endless, undefined);
});

test('an empty segment at 0 collides with every candidate: a search from 0 never ends', () => {
  const P = 0x1000n;
  // (A range of all 2^64 bytes is skipped: its size wraps to 0 in unsigned long.)
  assert.equal(locateHole([{ start: 0n, end: M64 }], { memsz: P, align: P, bufMin: 0n, bufMax: M64, topDown: true }, P, []).mem, null);
  const h = locateHole([{ start: 0n, end: M64 - 1n }], { memsz: P, align: P, bufMin: 0n, bufMax: M64, topDown: true }, P, [{ mem: 0n, memsz: 0n }]);
  assert.equal(h.endless, true);
  // bottom-up with an end below 2^64 - 1 stops at the range end instead.
  const b = locateHole([{ start: 0n, end: 0xffff_ffffn }], { memsz: P, align: 1n << 20n, bufMin: 0n, bufMax: M64, topDown: false }, P, [{ mem: 0n, memsz: 0n }]);
  assert.equal(b.mem, null);
  assert.equal(b.endless, undefined);
});

test('the top-down start underflows when buf_max + 1 < memsz and the slot is returned wrapped', () => {
  const P = 0x1000n;
  const h = locateHole([{ start: 0n, end: 0xffff_ffffn }], { memsz: 0x10_0000n, align: P, bufMin: 0n, bufMax: 0xfffffn - P, topDown: true }, P, []);
  assert.equal(h.mem, alignDown((0xfffffn - P - 0x10_0000n + 1n) & M64, P));
  assert.equal(h.wrapped, true);
});

test('Occupancy agrees with kimage_is_destination_range on arbitrary queries', () => {
  fc.assert(fc.property(fc.array(fc.tuple(addr, size), { maxLength: 8 }), addr, addr, (ss, c, e) => {
    const segs = ss.map(([mem, memsz]) => ({ mem, memsz }));
    const occ = new Occupancy();
    for (const s of segs) occ.add(s);
    assert.equal(occ.collider(c, e, true) !== null, firstCollision(c, e, segs) >= 0);
  }), { numRuns: 5000 });
});
