import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLayout } from '../../common/src/render/layout';
import type { MapModel, MapRegion, MapSegment } from '../../common/src/render/mapModel';
import { manyRegions } from './fixtures';

const src = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const hex = (v: bigint) => '0x' + v.toString(16);

function region(id: number, start: bigint, end: bigint, type = 'ram', extra: Partial<MapRegion> = {}): MapRegion {
  return { id: `r${id}`, start: hex(start), end: hex(end), type, depth: 0, source: src, ...extra };
}

function segment(id: number, name: string, start: bigint, end: bigint, extra: Partial<MapSegment> = {}): MapSegment {
  return { id: `s${id}`, name, start: hex(start), end: hex(end), auto: false, placed: true, severity: null, messages: [], source: src, ...extra };
}

function model(regions: MapRegion[], segments: MapSegment[] = [], more: Partial<MapModel> = {}): MapModel {
  return {
    version: 1, title: 't.kexec', arch: 'x86_64', pageSize: '0x1000', acceptUnit: '0x200000', kernel: null, syscall: 'kexec_load',
    outcome: { load: 'ok', errno: null, firstFailure: null, jump: 'ok', summary: '' },
    regions, unaccepted: [], accepted: [], segments, ...more,
  };
}

const TWO_64 = 1n << 64n;

test('higher addresses are drawn higher, in both scales', () => {
  const m = model([
    region(0, 0x0n, 0x9f000n), region(1, 0x100000n, 0x80000000n), region(2, 0x100000000n, 0x880000000n),
    region(3, 0x1000000n, 0x2000000n, 'kernel', { depth: 1, parent: 'r1' }),
  ], [segment(0, 'kernel', 0x1800000n, 0x1a00000n)]);
  const probes = [0n, 0x1000n, 0x9f000n, 0xa0000n, 0x100000n, 0x1000000n, 0x1900000n, 0x7fffffffn, 0x100000000n, 0x880000000n];
  for (const mode of ['compressed', 'linear'] as const) {
    const l = computeLayout(m, { mode });
    const ys = probes.map((a) => l.yOf(a));
    for (let i = 1; i < ys.length; i++) assert.ok(ys[i] <= ys[i - 1], `${mode}: y(${hex(probes[i])}) = ${ys[i]} above y(${hex(probes[i - 1])}) = ${ys[i - 1]}`);
    assert.equal(l.yOf(0x880000000n), 0, `${mode}: the top address is at y = 0`);
    assert.equal(l.yOf(0n), l.height, `${mode}: the bottom address is at the bottom`);
    for (const r of l.regions) assert.ok(r.y0 < r.y1, `${mode}: ${r.region.id} has height`);
  }
  // Compressed: strictly decreasing at every breakpoint.
  const c = computeLayout(m, { mode: 'compressed' });
  const points = [0n, 0x9f000n, 0x100000n, 0x1000000n, 0x1800000n, 0x1a00000n, 0x2000000n, 0x80000000n, 0x100000000n, 0x880000000n];
  for (let i = 1; i < points.length; i++) assert.ok(c.yOf(points[i]) < c.yOf(points[i - 1]));
});

test('compressed scale collapses empty stretches into breaks and keeps covered ones', () => {
  const T = 1n << 40n;
  const m = model([region(0, 0n, 0x80000000n), region(1, T + 0x80000000n, T + 0x100000000n, 'pmem'), region(2, 0x1000000n, 0x2000000n, 'kernel', { depth: 1, parent: 'r0' })]);
  const l = computeLayout(m, { mode: 'compressed', breakHeight: 24 });
  assert.equal(l.breaks.length, 1, 'one gap: between the RAM and the pmem above 1 TiB');
  const b = l.breaks[0];
  assert.equal(b.start, 0x80000000n);
  assert.equal(b.end, T + 0x80000000n);
  assert.equal(Math.round(b.y1 - b.y0), 24, 'a 1 TiB gap takes the fixed break height');
  // The gap is far smaller on screen than the 2 GiB region below it.
  assert.ok(b.y1 - b.y0 < l.regions[0].y1 - l.regions[0].y0);
  // Linear: no breaks, and the gap dominates the picture.
  const lin = computeLayout(m, { mode: 'linear' });
  assert.equal(lin.breaks.length, 0);
  assert.ok(lin.yOf(0x80000000n) - lin.yOf(T + 0x80000000n) > lin.height * 0.99);
});

test('a nested region inside its parent creates no break', () => {
  const m = model([region(0, 0n, 0x40000000n), region(1, 0x1000000n, 0x2000000n, 'crashkernel', { depth: 1, parent: 'r0' })]);
  assert.equal(computeLayout(m, { mode: 'compressed' }).breaks.length, 0);
});

test('spans up to 2^64 stay finite and ordered', () => {
  const m = model([
    region(0, 0n, 0x1000n, 'reserved'),
    region(1, 0x1000n, 0x80000000n),
    region(2, TWO_64 - 0x1000000n, TWO_64, 'mmio'),
  ], [segment(0, 'top', TWO_64 - 0x1000n, TWO_64), segment(1, 'low', 0x2000n, 0x3000n)]);
  for (const mode of ['compressed', 'linear'] as const) {
    const l = computeLayout(m, { mode });
    assert.equal(l.top, TWO_64);
    assert.ok(l.wide);
    for (const item of [...l.regions, ...l.segments]) {
      assert.ok(Number.isFinite(item.y0) && Number.isFinite(item.y1), `${mode}: finite`);
      assert.ok(item.y1 - item.y0 >= (mode === 'linear' ? 2 - 1e-9 : 1), `${mode}: a 4 KiB item stays visible on a 2^64 span`);
    }
    assert.ok(l.yOf(TWO_64) < l.yOf(TWO_64 - 0x1000n));
    assert.ok(l.yOf(TWO_64 - 0x1000n) <= l.yOf(0x80000000n));
    assert.ok(l.ticks.some((t) => t.addr === TWO_64), `${mode}: the ruler reaches 2^64`);
  }
  const c = computeLayout(m, { mode: 'compressed' });
  assert.equal(c.breaks.length, 1);
  assert.equal(c.breaks[0].end - c.breaks[0].start, TWO_64 - 0x1000000n - 0x80000000n);
});

test('y of an address inside a stretch interpolates with bigint precision', () => {
  const m = model([region(0, 0n, TWO_64)]);
  const l = computeLayout(m, { mode: 'linear', linearHeight: 1000 });
  assert.equal(l.yOf(TWO_64 / 2n), 500);
  assert.equal(l.yOf(TWO_64 / 4n), 750);
});

test('overlapping segments get their own lanes; touching ones share one', () => {
  const m = model([region(0, 0n, 0x10000000n)], [
    segment(0, 'a', 0x1000000n, 0x1800000n), segment(1, 'b', 0x1400000n, 0x1c00000n),
    segment(2, 'c', 0x1c00000n, 0x2000000n), segment(3, 'empty', 0x3000000n, 0x3000000n),
    segment(4, 'lost', 0n, 0n, { placed: false, auto: true }),
  ]);
  const l = computeLayout(m, { mode: 'compressed' });
  const lane = (name: string) => l.segments.find((s) => s.segment.name === name)!.lane;
  assert.notEqual(lane('a'), lane('b'));
  assert.equal(lane('c'), lane('a'), 'c touches b and starts after a ends: lane 0 is free');
  assert.equal(l.lanes, 2);
  assert.deepEqual(l.unplaced.map((u) => u.segment.name), ['lost']);
  const empty = l.segments.find((s) => s.segment.name === 'empty')!;
  assert.equal(empty.y0, empty.y1, 'zero-length segment is a point');
  assert.equal(empty.y0, l.yOf(0x3000000n));
});

test('ticks: every breakpoint in compressed mode, round addresses get the most room', () => {
  const m = model([region(0, 0n, 0x100000n), region(1, 0x100000n, 0x101000n), region(2, 0x101000n, 0x40000000n)]);
  const l = computeLayout(m, { mode: 'compressed' });
  assert.deepEqual(l.ticks.map((t) => t.addr), [0n, 0x100000n, 0x101000n, 0x40000000n]);
  const room = (a: bigint) => l.ticks.find((t) => t.addr === a)!.room;
  assert.equal(room(0n), Infinity, 'address 0 is the roundest: revealed first');
  assert.ok(room(0x101000n) <= room(0x100000n));
});

test('an empty model lays out without throwing', () => {
  const l = computeLayout(model([]), { mode: 'compressed' });
  assert.equal(l.regions.length, 0);
  assert.ok(l.height > 0);
  computeLayout(model([]), { mode: 'linear' });
});

test('10,000 regions lay out quickly in both scales', () => {
  const m = manyRegions(10_000);
  for (const mode of ['compressed', 'linear'] as const) {
    const t0 = performance.now();
    const l = computeLayout(m, { mode });
    const ms = performance.now() - t0;
    assert.equal(l.regions.length, 10_000);
    assert.ok(ms < 2000, `${mode} layout took ${ms.toFixed(0)} ms`);
    // Top-level regions come in address order: each sits above the one before (linear mode may
    // widen tiny ones to stay visible, so compare centres there).
    let prev = Infinity;
    for (const r of l.regions.filter((x) => x.region.depth === 0)) {
      const bottom = mode === 'compressed' ? r.y1 : (r.y0 + r.y1) / 2;
      assert.ok(bottom <= prev + 1e-6, `${mode}: ${r.region.id} is not above the region before it`);
      prev = mode === 'compressed' ? r.y0 : bottom;
    }
  }
});

/** The room each tick has when ticks are revealed roundest-address-first, the plain way. */
function referenceRooms(ticks: Array<{ addr: bigint; y: number }>): number[] {
  const tz = (v: bigint) => (v === TWO_64 ? 65 : v === 0n ? 64 : (v & -v).toString(2).length - 1);
  const order = ticks.map((_, i) => i).sort((a, b) => tz(ticks[b].addr) - tz(ticks[a].addr) || a - b);
  const shown: number[] = [];
  const rooms = new Array<number>(ticks.length);
  for (const i of order) {
    const y = ticks[i].y;
    rooms[i] = Math.min(Infinity, ...shown.map((s) => Math.abs(s - y)));
    shown.push(y);
  }
  return rooms;
}

test('tick rooms match revealing ticks one by one, roundest first, in both scales', () => {
  let seed = 99;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const models = [manyRegions(300)];
  for (let k = 0; k < 12; k++) {
    const regions: MapRegion[] = [];
    let a = BigInt(Math.floor(rand() * 4)) << 40n;
    for (let i = 0; i < 40; i++) {
      a += BigInt(Math.floor(rand() * 1e6)) * (rand() < 0.2 ? 0x100000000n : 0x1000n) + BigInt(Math.floor(rand() * 3));
      const end = rand() < 0.03 ? TWO_64 : a + BigInt(1 + Math.floor(rand() * 1e9));
      regions.push(region(i, a, end));
      if (end === TWO_64) break;
    }
    models.push(model(regions));
  }
  for (const m of models) {
    for (const mode of ['compressed', 'linear'] as const) {
      const l = computeLayout(m, { mode });
      assert.deepEqual(l.ticks.map((t) => t.room), referenceRooms(l.ticks), `${mode}, ${m.regions.length} regions`);
      assert.deepEqual(Array.from(l.ruler.room), l.ticks.map((t) => t.room), 'ruler arrays and tick objects agree');
      assert.deepEqual(Array.from(l.ruler.y), l.ticks.map((t) => t.y));
    }
  }
});
