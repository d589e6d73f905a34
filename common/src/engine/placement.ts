// The kexec_file_load hole search (kernel/kexec_file.c): kexec_add_buffer → kexec_locate_mem_hole
// → walker → locate_mem_hole_callback → locate_mem_hole_top_down / _bottom_up. The kernel steps one
// page per collision; here every run of colliding candidates is crossed in one jump to the first
// candidate the kernel's stepping would reach that clears it, including the unsigned wrap past zero
// (top-down) or past 2^64 (bottom-up). No loop guard: every iteration moves past a colliding
// segment (or block of segments), and a search that would wrap a second time is the kernel's
// endless loop, reported as such.

import { MemoryMap, SYSTEM_RAM_TYPES, type Region } from './memoryMap';
import { M64, alignUp, alignDown, max as bmax } from './u64';

/** An inclusive [start, end] range, as struct resource and the walkers pass it. */
export interface WalkRange { start: bigint; end: bigint; region?: Region }

export interface PlacedSegment { mem: bigint; memsz: bigint }

export interface KexecBuf {
  memsz: bigint;
  align: bigint;
  bufMin: bigint;
  bufMax: bigint;
  topDown: boolean;
}

export interface HoleResult {
  mem: bigint | null;
  /** memsz after kexec_add_buffer rounded it to PAGE_SIZE. */
  memsz: bigint;
  /** buf_align after kexec_add_buffer raised it to at least PAGE_SIZE. */
  align: bigint;
  /** The range that yielded the slot. */
  range?: WalkRange;
  /** The slot wraps past 2^64 (the top-down start wrapped, or the search went round): pass 1 rejects it. */
  wrapped?: boolean;
  /** Every candidate collides and the search would go round the address space forever: the syscall never returns. */
  endless?: boolean;
  /** Ranges visited, in walk order. */
  visited: number;
  /** Runs of colliding candidates the search moved past in the winning range (0: the first candidate was free). */
  jumps: number;
  /** The first candidate of the winning range (where the search started in it). */
  firstCandidate?: bigint;
}

/**
 * The ranges the walker visits, in order. Crash loads: only the crash region (walk_iomem_res_desc on
 * crashk_res, or kexec_walk_memblock's single call with crashk_res). Memblock arches call back with
 * crashk_res even when nothing is reserved: the empty resource [0, 0]. Otherwise: top-level System
 * RAM resources (children such as Kernel code and Crash kernel are part of their parent's range), or,
 * on memblock arches, RAM minus what is nested inside it (the running kernel, reservations) as an
 * approximation of the free memblock ranges; driver-managed RAM is skipped by the callback.
 */
export function walkRanges(map: MemoryMap, opts: { crash: Region | null; crashLoad: boolean; memblock: boolean; topDown: boolean }): WalkRange[] {
  if (opts.crashLoad) {
    // kexec_walk_memblock: func(&crashk_res, kbuf) for a crash image, whatever it holds;
    // kexec_walk_resources: walk_iomem_res_desc(crashk_res.desc, ...), which finds nothing unreserved.
    if (opts.crash) return [{ start: opts.crash.start, end: opts.crash.end - 1n, region: opts.crash }];
    return opts.memblock ? [{ start: 0n, end: 0n }] : [];
  }
  const ranges: WalkRange[] = [];
  for (const r of map.sorted) {
    if (!SYSTEM_RAM_TYPES.has(r.type)) continue;
    if (hasRamAncestor(map, r)) continue; // reported with its parent
    if (r.type === 'ram-driver') continue; // IORESOURCE_SYSRAM_DRIVER_MANAGED: locate_mem_hole_callback returns 0
    if (!opts.memblock) { ranges.push({ start: r.start, end: r.end - 1n, region: r }); continue; }
    let at = r.start;
    for (const leaf of map.classify(r.start, r.end).covered) {
      if (leaf.region === r || leaf.region.type === 'ram') continue;
      if (leaf.start > at) ranges.push({ start: at, end: leaf.start - 1n, region: r });
      at = leaf.end;
    }
    if (at < r.end) ranges.push({ start: at, end: r.end - 1n, region: r });
  }
  return opts.topDown ? ranges.reverse() : ranges;
}

function hasRamAncestor(map: MemoryMap, r: Region): boolean {
  for (let p = r.parent; p !== undefined; p = map.regions[p].parent) if (SYSTEM_RAM_TYPES.has(map.regions[p].type)) return true;
  return false;
}

/** kimage_is_destination_range, literally: inclusive [start, end] against each segment's inclusive extent; first hit. */
export function firstCollision(start: bigint, end: bigint, segments: PlacedSegment[]): number {
  for (let i = 0; i < segments.length; i++) {
    const ms = segments[i].mem;
    const me = (segments[i].mem + segments[i].memsz - 1n) & M64;
    if (end >= ms && start <= me) return i;
  }
  return -1;
}

/** A colliding extent: a segment's inclusive [ms, me] (me may be below ms: empty or wrapping), or a merged block. */
interface Extent { ms: bigint; me: bigint }

/**
 * The destinations placed so far, arranged for kimage_is_destination_range(start, end), which is true
 * when some segment has ms <= end and me >= start (unsigned). Ordinary segments (ms <= me) are merged
 * into disjoint blocks of touching or overlapping extents: for a query that does not wrap (start <=
 * end) a block meets it exactly when one of its segments does. Empty segments (me = ms - 1) are kept
 * as sorted points, segments that wrap past 2^64 in a short list, and a query that wraps is answered
 * from the full list (only candidates in the top memsz of the address space, or memsz 0, wrap).
 */
export class Occupancy {
  private blocks: Extent[] = [];          // sorted, disjoint, not touching
  private empties: bigint[] = [];         // sorted ms of memsz-0 segments above 0
  private wrapping: Extent[] = [];
  private all: Extent[] = [];

  constructor(segs: PlacedSegment[] = []) {
    const ordinary: Extent[] = [];
    for (const s of segs) {
      const x = extentOf(s);
      this.all.push(x);
      if (x.ms <= x.me) ordinary.push(x);
      else if (s.memsz === 0n) this.empties.push(x.ms);
      else this.wrapping.push(x);
    }
    ordinary.sort((a, b) => (a.ms < b.ms ? -1 : a.ms > b.ms ? 1 : 0));
    for (const x of ordinary) {
      const last = this.blocks[this.blocks.length - 1];
      if (last && x.ms <= last.me + 1n) { if (x.me > last.me) last.me = x.me; } else this.blocks.push({ ms: x.ms, me: x.me });
    }
    this.empties.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get size(): number { return this.all.length; }

  add(s: PlacedSegment): void {
    const x = extentOf(s);
    this.all.push(x);
    if (x.ms <= x.me) this.addBlock(x);
    else if (s.memsz === 0n) this.empties.splice(upperBound(this.empties, x.ms), 0, x.ms);
    else this.wrapping.push(x);
  }

  private addBlock(x: Extent): void {
    // First block that ends at or after x.ms - 1 (could touch or overlap x).
    let lo = 0, hi = this.blocks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.blocks[mid].me + 1n < x.ms) lo = mid + 1; else hi = mid; }
    let j = lo, ms = x.ms, me = x.me;
    while (j < this.blocks.length && this.blocks[j].ms <= me + 1n) {
      if (this.blocks[j].ms < ms) ms = this.blocks[j].ms;
      if (this.blocks[j].me > me) me = this.blocks[j].me;
      j++;
    }
    this.blocks.splice(lo, j - lo, { ms, me });
  }

  /** An extent that collides with the inclusive query [c, e] (kimage_is_destination_range), or null. */
  collider(c: bigint, e: bigint, topDown: boolean): Extent | null {
    if (c > e) {
      // A wrapping query: only a segment spanning from <= e to >= c collides; ask each one.
      let best: Extent | null = null;
      for (const x of this.all) {
        if (!(x.ms <= e && x.me >= c)) continue;
        if (!best || (topDown ? x.ms < best.ms : x.me > best.me)) best = x;
      }
      return best;
    }
    // The last block starting at or below e meets [c, e] iff it ends at or above c.
    let lo = 0, hi = this.blocks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.blocks[mid].ms <= e) lo = mid + 1; else hi = mid; }
    if (lo > 0 && this.blocks[lo - 1].me >= c) return this.blocks[lo - 1];
    // An empty segment at ms (me = ms - 1) collides iff c < ms <= e.
    const k = upperBound(this.empties, c);
    if (k < this.empties.length && this.empties[k] <= e) return { ms: this.empties[k], me: this.empties[k] - 1n };
    for (const x of this.wrapping) if (x.ms <= e && x.me >= c) return x;
    return null;
  }
}

function extentOf(s: PlacedSegment): Extent {
  return { ms: s.mem, me: (s.mem + s.memsz - 1n) & M64 };
}

/** Index of the first element above x in a sorted bigint array. */
function upperBound(xs: bigint[], x: bigint): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

type Found = { mem: bigint; jumps: number; first: bigint } | { endless: true } | null;

/**
 * locate_mem_hole_top_down: c = min(end, buf_max) - memsz + 1; then ALIGN_DOWN, stop below start or
 * buf_min, and on a collision c -= PAGE_SIZE. From an aligned c that step lands on c - align; from 0
 * it wraps to ALIGN_DOWN(2^64 - PAGE_SIZE, align), where the lower-bound test can no longer stop it.
 */
function topDown(range: WalkRange, k: KexecBuf, ps: bigint, occ: Occupancy): Found {
  const tempEnd = range.end < k.bufMax ? range.end : k.bufMax;
  let c = (tempEnd - k.memsz + 1n) & M64;
  let wraps = 0, jumps = 0;
  let first: bigint | null = null;
  for (;;) {
    c = alignDown(c, k.align);
    if (first === null) first = c;
    if (c < range.start || c < k.bufMin) return null;
    const e = (c + k.memsz - 1n) & M64;
    const x = occ.collider(c, e, true);
    if (!x) return { mem: c, jumps, first: first! };
    jumps++;
    // Every candidate above ALIGN_DOWN(ms - memsz) still reaches ms and starts at or below me.
    const t = alignDown((x.ms - k.memsz) & M64, k.align);
    if (t < c) { c = t; continue; }
    // The run reaches 0 (ms < memsz): the kernel steps down to 0, then past it to the top.
    if (c !== 0n) { c = 0n; continue; }
    if (++wraps === 2) return { endless: true };
    c = (0n - ps) & M64;
  }
}

/**
 * locate_mem_hole_bottom_up: c = max(start, buf_min); then ALIGN up, stop when the end passes the
 * range or buf_max, and on a collision c += PAGE_SIZE (re-aligned: the next multiple of align). A
 * range reaching 2^64 - 1 never stops it: the end wraps past 2^64 and the candidate later wraps to 0.
 */
function bottomUp(range: WalkRange, k: KexecBuf, occ: Occupancy): Found {
  const A = k.align, M = k.memsz;
  const tooHigh = (e: bigint) => e > range.end || e > k.bufMax;
  let c = bmax(range.start, k.bufMin);
  let wraps = 0, jumps = 0;
  let first: bigint | null = null;
  for (;;) {
    c = alignUp(c, A);
    if (first === null) first = c;
    const e = (c + M - 1n) & M64;
    if (tooHigh(e)) return null;
    const x = occ.collider(c, e, false);
    if (!x) return { mem: c, jumps, first: first! };
    jumps++;
    let next: bigint;
    if (M === 0n && c === 0n) next = A;                     // [0, 2^64 - 1] meets everything; just step
    else {
      // Candidates up to me keep colliding with x: their end stays at or above ms.
      next = alignUp((x.me + 1n) & M64, A);                 // 0: past 2^64
      if (c <= e && M > 0n) {
        // ... as long as their end does not wrap past 2^64 (the first such candidate is asked again).
        const firstWrap = alignUp((0n - M + 1n) & M64, A);
        if (firstWrap !== 0n && firstWrap > c && (next === 0n || next > firstWrap)) next = firstWrap;
      }
    }
    // The kernel tests the upper bound on every candidate on the way; the last has the highest end.
    const before = (next === 0n ? 1n << 64n : next) - A;
    if (before > c && tooHigh((before + M - 1n) & M64)) return null;
    if (next === 0n) {
      // Past 2^64 the candidate wraps to 0 and the search starts again from the bottom.
      if (++wraps === 2) return { endless: true };
    }
    c = next;
  }
}

/**
 * kexec_add_buffer for a segment with mem = KEXEC_BUF_MEM_UNKNOWN: round memsz up to PAGE_SIZE,
 * raise buf_align to PAGE_SIZE, then walk the ranges; locate_mem_hole_callback skips ranges smaller
 * than memsz (size computed in unsigned long) or outside [buf_min, buf_max].
 */
export function locateHole(ranges: WalkRange[], input: KexecBuf, pageSize: bigint, placed: PlacedSegment[] | Occupancy, skip = 0): HoleResult {
  const memsz = alignUp(input.memsz, pageSize);       // kbuf->memsz = ALIGN(kbuf->memsz, PAGE_SIZE)
  const align = bmax(input.align, pageSize);          // kbuf->buf_align = max(buf_align, PAGE_SIZE)
  const kbuf: KexecBuf = { memsz, align, bufMin: input.bufMin, bufMax: input.bufMax, topDown: input.topDown };
  const occ = placed instanceof Occupancy ? placed : new Occupancy(placed);
  let visited = skip;
  for (let i = skip; i < ranges.length; i++) {
    const range = ranges[i];
    visited++;
    const sz = (range.end - range.start + 1n) & M64;  // locate_mem_hole_callback: unsigned long size
    if (sz < memsz) continue;
    if (range.end < kbuf.bufMin || range.start > kbuf.bufMax) continue;
    const found = kbuf.topDown ? topDown(range, kbuf, pageSize, occ) : bottomUp(range, kbuf, occ);
    if (found === null) continue;
    if ('endless' in found) return { mem: null, memsz, align, range, endless: true, visited, jumps: 0 };
    const wrapped = found.mem + memsz > M64 + 1n;
    return { mem: found.mem, memsz, align, range, ...(wrapped ? { wrapped } : {}), visited, jumps: found.jumps, firstCandidate: found.first };
  }
  return { mem: null, memsz, align, visited, jumps: 0 };
}
