// The kexec_file_load hole search (kernel/kexec_file.c): kexec_add_buffer → kexec_locate_mem_hole
// → walker → locate_mem_hole_callback → locate_mem_hole_top_down / _bottom_up. Collisions are
// resolved by jumping straight to the first slot clear of the colliding segment, which is where
// the kernel's page-by-page stepping ends up (every slot in between overlaps that segment).

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
  /** Earlier segments the search had to step over in the winning range. */
  steppedOver: number[];
  /** Ranges visited, in walk order. */
  visited: number;
}

/**
 * The ranges the walker visits, in order. Crash loads: only the crash region (walk_iomem_res_desc on
 * crashk_res, or kexec_walk_memblock's single call with crashk_res). Otherwise: top-level System RAM
 * resources (children such as Kernel code and Crash kernel are part of their parent's range), or, on
 * memblock arches, RAM minus what is nested inside it (the running kernel, reservations) as an
 * approximation of the free memblock ranges; driver-managed RAM is skipped by the callback.
 */
export function walkRanges(map: MemoryMap, opts: { crash: Region | null; crashLoad: boolean; memblock: boolean; topDown: boolean }): WalkRange[] {
  let ranges: WalkRange[];
  if (opts.crashLoad) {
    ranges = opts.crash ? [{ start: opts.crash.start, end: opts.crash.end - 1n, region: opts.crash }] : [];
    return ranges;
  }
  ranges = [];
  for (const r of map.sorted) {
    if (!SYSTEM_RAM_TYPES.has(r.type)) continue;
    if (map.ancestors(r).some((a) => SYSTEM_RAM_TYPES.has(a.type))) continue; // reported with its parent
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

/** kimage_is_destination_range: inclusive [start, end] against each segment's inclusive extent; first hit. */
export function firstCollision(start: bigint, end: bigint, segments: PlacedSegment[]): number {
  for (let i = 0; i < segments.length; i++) {
    const ms = segments[i].mem;
    const me = (segments[i].mem + segments[i].memsz - 1n) & M64;
    if (end >= ms && start <= me) return i;
  }
  return -1;
}

const LOOP_GUARD = 100_000;

function topDown(range: WalkRange, kbuf: KexecBuf, pageSize: bigint, segs: PlacedSegment[], stepped: number[]): bigint | null {
  const tempEnd = range.end < kbuf.bufMax ? range.end : kbuf.bufMax;
  let c = (tempEnd - kbuf.memsz + 1n) & M64;
  for (let n = 0; n < LOOP_GUARD; n++) {
    c = alignDown(c, kbuf.align);
    if (c < range.start || c < kbuf.bufMin) return null;
    const e = (c + kbuf.memsz - 1n) & M64;
    const j = firstCollision(c, e, segs);
    if (j < 0) return c;
    stepped.push(j);
    // Slots from c down to ms - memsz + 1 all overlap segment j; the next candidate is ms - memsz.
    const target = segs[j].mem - kbuf.memsz;
    c = c + kbuf.memsz - 1n <= M64 && target >= 0n && target < c ? target : (c - pageSize) & M64;
  }
  return null;
}

function bottomUp(range: WalkRange, kbuf: KexecBuf, pageSize: bigint, segs: PlacedSegment[], stepped: number[]): bigint | null {
  let c = bmax(range.start, kbuf.bufMin);
  for (let n = 0; n < LOOP_GUARD; n++) {
    c = alignUp(c, kbuf.align);
    const e = (c + kbuf.memsz - 1n) & M64;
    if (e > range.end || e > kbuf.bufMax) return null;
    const j = firstCollision(c, e, segs);
    if (j < 0) return c;
    stepped.push(j);
    // Slots from c up to the segment's last byte all overlap it; the next candidate is just past it.
    const past = segs[j].mem + segs[j].memsz;
    c = c + kbuf.memsz - 1n <= M64 && past <= M64 && past > c ? past : (c + pageSize) & M64;
  }
  return null;
}

/** kexec_add_buffer for a segment with mem = KEXEC_BUF_MEM_UNKNOWN. */
export function locateHole(ranges: WalkRange[], input: KexecBuf, pageSize: bigint, segs: PlacedSegment[]): HoleResult {
  const memsz = alignUp(input.memsz, pageSize);       // kbuf->memsz = ALIGN(kbuf->memsz, PAGE_SIZE)
  const align = bmax(input.align, pageSize);          // kbuf->buf_align = max(buf_align, PAGE_SIZE)
  const kbuf = { ...input, memsz, align };
  let visited = 0;
  for (const range of ranges) {
    visited++;
    const sz = (range.end - range.start + 1n) & M64;  // locate_mem_hole_callback: unsigned long size
    if (sz < memsz) continue;
    if (range.end < kbuf.bufMin || range.start > kbuf.bufMax) continue;
    const stepped: number[] = [];
    const mem = kbuf.topDown ? topDown(range, kbuf, pageSize, segs, stepped) : bottomUp(range, kbuf, pageSize, segs, stepped);
    if (mem !== null) return { mem, memsz, align, range, steppedOver: [...new Set(stepped)], visited };
  }
  return { mem: null, memsz, align, steppedOver: [], visited };
}
