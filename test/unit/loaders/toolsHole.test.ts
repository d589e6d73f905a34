// kexec-tools' locate_hole: top-down keeps the last qualifying range, bottom-up the first; the
// free ranges drop a one-byte remainder; mem_min/mem_max bound every search; sizes are exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toolsLocateHole, toolsFreeRanges, toolsValidMemoryRange, toolsMemoryRanges, RANGE_RAM, RANGE_RESERVED, type ToolsRange } from '../../../common/src/loaders/toolsHole';
import { MemoryMap } from '../../../common/src/engine/memoryMap';

const M = 1n << 20n, PS = 4096n, MAX = (1n << 64n) - 1n;
const ram = (start: bigint, endIncl: bigint): ToolsRange => ({ start, end: endIncl, type: RANGE_RAM });

test('top-down: the highest qualifying range wins, base aligned down from its end', () => {
  const ranges = [ram(0x100000n, 0x7fffffffn), { start: 0x80000000n, end: 0xffffffffn, type: RANGE_RESERVED }, ram(0x100000000n, 0x17fffffffn)];
  const r = toolsLocateHole(ranges, [], 64n * M, PS, 0x1000000n, MAX, true, 0n, MAX, PS);
  assert.equal(r.base, 0x180000000n - 64n * M);
  // Bounded by hole_max below 4 GiB: the low range wins.
  const low = toolsLocateHole(ranges, [], 64n * M, PS, 0x1000000n, 0xffffffffn, true, 0n, MAX, PS);
  assert.equal(low.base, 0x80000000n - 64n * M);
});

test('bottom-up: the first range that fits, at its aligned start', () => {
  const ranges = [ram(0x400n, 0x9ffffn), ram(0x100000n, 0x7fffffffn)];
  const r = toolsLocateHole(ranges, [], PS, PS, 0x100000n, MAX, false, 0n, MAX, PS);
  assert.equal(r.base, 0x100000n);
  const r2 = toolsLocateHole(ranges, [{ mem: 0x100000n, memsz: PS }], PS, PS, 0x100000n, MAX, false, 0n, MAX, PS);
  assert.equal(r2.base, 0x101000n);
});

test('size test: a free range of exactly hole_size bytes qualifies, one byte less does not', () => {
  const exact = [ram(0x200000n, 0x200000n + 16n * PS - 1n)];
  assert.equal(toolsLocateHole(exact, [], 16n * PS, PS, 0n, MAX, true, 0n, MAX, PS).base, 0x200000n);
  const short = [ram(0x200000n, 0x200000n + 16n * PS - 2n)];
  const r = toolsLocateHole(short, [], 16n * PS, PS, 0n, MAX, true, 0n, MAX, PS);
  assert.equal(r.base, null);
  assert.match(r.error!, /Could not find a free area of memory of 0x10000 bytes/);
});

test('free ranges: carved around placed segments; a one-byte remainder is dropped', () => {
  assert.deepEqual(toolsFreeRanges([ram(0n, 0x2000n)], [{ mem: 0n, memsz: 0x2000n }]), []);
  assert.deepEqual(toolsFreeRanges([ram(0n, 0x2001n)], [{ mem: 0n, memsz: 0x2000n }]), [{ start: 0x2000n, end: 0x2001n }]);
  assert.deepEqual(toolsFreeRanges([ram(0n, 0xffffn)], [{ mem: 0x8000n, memsz: 0x1000n }, { mem: 0x1000n, memsz: 0x1000n }]),
    [{ start: 0n, end: 0xfffn }, { start: 0x2000n, end: 0x7fffn }, { start: 0x9000n, end: 0xffffn }]);
});

test('crash loads: mem_min/mem_max narrow every search to the crash region', () => {
  const ranges = [ram(0x100000n, 0xbfffffffn)];
  const top = toolsLocateHole(ranges, [], 16n * M, 2n * M, 0x1000000n, MAX, true, 0x60000000n, 0x7fffffffn, PS);
  assert.equal(top.base, 0x80000000n - 16n * M);
  const none = toolsLocateHole(ranges, [], 600n * M, PS, 0n, MAX, true, 0x60000000n, 0x7fffffffn, PS);
  assert.equal(none.base, null);
});

test('valid_memory_range merges the next RAM range only on a one-byte overlap', () => {
  const adjacent = [ram(0x1000n, 0x1fffn), ram(0x2000n, 0x2fffn)];
  assert.equal(toolsValidMemoryRange(adjacent, 0x1000n, 0x2fffn, 0n, MAX), false);
  const overlapping = [ram(0x1000n, 0x2000n), ram(0x2000n, 0x2fffn)];
  assert.equal(toolsValidMemoryRange(overlapping, 0x1000n, 0x2fffn, 0n, MAX), true);
});

test('memory ranges as kexec-tools reads them: kept names only, the first RAM range starts at 0x400', () => {
  const map = new MemoryMap([
    { start: 0n, end: 0xa0000n, type: 'ram' },
    { start: 0x100000n, end: 0x80000000n, type: 'ram', label: 'System RAM' },
    { start: 0x1000000n, end: 0x2000000n, type: 'kernel', label: 'Kernel code' },
    { start: 0x80000000n, end: 0x90000000n, type: 'soft-reserved' },
    { start: 0x100000000n, end: 0x140000000n, type: 'ram-driver', label: 'System RAM (kmem)' },
  ]);
  assert.deepEqual(toolsMemoryRanges(map), [ram(0x400n, 0x9ffffn), ram(0x100000n, 0x7fffffffn)]);
});

test('property: a found hole is aligned, inside one free RAM range and the bounds, clear of placed segments; top-down no higher free range qualifies, bottom-up no lower one', async () => {
  const fc = (await import('fast-check')).default;
  const arb = fc.record({
    ranges: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 64 }), len: fc.integer({ min: 1, max: 256 }), ram: fc.boolean() }), { minLength: 1, maxLength: 6 }),
    segs: fc.array(fc.record({ at: fc.nat(2000), len: fc.integer({ min: 1, max: 32 }) }), { maxLength: 5 }),
    size: fc.integer({ min: 1, max: 96 }),
    alignShift: fc.integer({ min: 12, max: 21 }),
    min: fc.nat(600), max: fc.option(fc.nat(2000), { nil: undefined }),
    topDown: fc.boolean(),
  });
  fc.assert(fc.property(arb, (c) => {
    const P = 4096n;
    const ranges: ToolsRange[] = [];
    let at = 0n;
    for (const r of c.ranges) { at += BigInt(r.gap) * P; ranges.push({ start: at, end: at + BigInt(r.len) * P - 1n, type: r.ram ? RANGE_RAM : RANGE_RESERVED }); at += BigInt(r.len) * P; }
    // Placed segments: page-aligned, inside RAM, not overlapping (as earlier add_buffer calls leave them).
    const placed: { mem: bigint; memsz: bigint }[] = [];
    for (const s of c.segs) {
      const mem = BigInt(s.at) * P, memsz = BigInt(s.len) * P;
      const inRam = ranges.some((r) => r.type === RANGE_RAM && mem >= r.start && mem + memsz - 1n <= r.end);
      if (inRam && placed.every((p) => mem + memsz <= p.mem || p.mem + p.memsz <= mem)) placed.push({ mem, memsz });
    }
    const size = BigInt(c.size) * P, align = 1n << BigInt(c.alignShift);
    const holeMin = BigInt(c.min) * P, holeMax = c.max === undefined ? MAX : BigInt(c.max) * P + P - 1n;
    const r = toolsLocateHole(ranges, placed, size, align, holeMin, holeMax, c.topDown, 0n, MAX, PS);
    const free = toolsFreeRanges(ranges, placed);
    const fits = (f: { start: bigint; end: bigint }) => {
      const s = ((f.start > holeMin ? f.start : holeMin) + align - 1n) & ~(align - 1n);
      const e = f.end < holeMax ? f.end : holeMax;
      return s < e && e - s + 1n >= size;
    };
    if (r.base === null) { assert.ok(!free.some(fits)); return; }
    assert.equal(r.base % align, 0n);
    assert.ok(r.base >= holeMin && r.base + size - 1n <= holeMax);
    const home = free.findIndex((f) => r.base! >= f.start && r.base! + size - 1n <= f.end);
    assert.ok(home >= 0, 'inside one free range');
    for (const p of placed) assert.ok(r.base + size <= p.mem || p.mem + p.memsz <= r.base, 'clear of placed segments');
    if (c.topDown) assert.ok(!free.slice(home + 1).some(fits), 'no higher free range qualifies');
    else assert.ok(!free.slice(0, home).some(fits), 'no lower free range qualifies');
  }), { numRuns: 500 });
});
