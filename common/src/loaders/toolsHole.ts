// kexec-tools' user-space placement for kexec_load: the memory ranges as it reads them
// (kexec/arch/i386/kexec-x86-common.c) and its hole search (kexec/kexec.c locate_hole,
// add_buffer_phys_virt, add_segment_phys_virt, valid_memory_range). A model, written from the
// algorithm; every rule names the function it follows. Inclusive ends, as kexec-tools keeps them.

import type { MemoryMap } from '../engine/memoryMap';
import type { RegionType } from '../engine/types';
import { M64 } from '../engine/u64';

export const RANGE_RAM = 0, RANGE_RESERVED = 1, RANGE_ACPI = 2, RANGE_ACPI_NVS = 3, RANGE_PMEM = 6;

export interface ToolsRange { start: bigint; end: bigint; type: number }
export interface ToolsSegment { mem: bigint; memsz: bigint }

/** REALMODE_IVT_END: the real-mode interrupt table is not reported as RAM. */
const REALMODE_IVT_END = 0x400n;

// get_memory_ranges_proc_iomem / _sysfs: the names kexec-tools keeps ("System RAM\n" exactly,
// "reserved\n" in any case, "ACPI Tables\n", "ACPI Non-volatile Storage\n", "Persistent Memory\n");
// everything else — System RAM (kmem), Kernel code, Crash kernel, Soft Reserved, PCI — is skipped.
const KEPT: Partial<Record<RegionType, number>> = { ram: RANGE_RAM, reserved: RANGE_RESERVED, acpi: RANGE_ACPI, 'acpi-nvs': RANGE_ACPI_NVS, pmem: RANGE_PMEM };

/**
 * get_memory_ranges (x86): the kept regions in address order, then the first RAM range that starts
 * below 0x400 is moved to start there ("Don't report the interrupt table as ram"). A region labelled
 * with another name than kexec-tools keeps (e.g. type ram labelled "System RAM (kmem)") is skipped.
 */
export function toolsMemoryRanges(map: MemoryMap): ToolsRange[] {
  const out: ToolsRange[] = [];
  for (const r of map.sorted) {
    const type = KEPT[r.type];
    if (type === undefined) continue;
    if (type === RANGE_RAM && r.label !== undefined && r.label !== 'System RAM' && /System RAM ?\(/.test(r.label)) continue;
    out.push({ start: r.start, end: r.end - 1n, type });
  }
  for (const r of out) {
    if (r.type === RANGE_RAM && r.start < REALMODE_IVT_END) { r.start = REALMODE_IVT_END; break; }
  }
  return out;
}

export interface ToolsHoleResult {
  /** hole_base, or null when locate_hole returns ULONG_MAX. */
  base: bigint | null;
  /** The message kexec-tools prints on stderr before "locate_hole failed". */
  error?: string;
  /** The free range that won. */
  range?: { start: bigint; end: bigint };
}

/**
 * locate_hole(hole_size, hole_align, hole_min, hole_max, hole_end): carve the placed segments
 * (sorted by mem) out of the RAM ranges, then scan the free ranges in ascending order; bottom-up
 * (hole_end > 0) takes the first that fits, top-down (hole_end < 0) keeps overwriting, so the last
 * qualifying range wins.
 */
export function toolsLocateHole(ranges: ToolsRange[], segments: ToolsSegment[], size: bigint, align: bigint, holeMin: bigint, holeMax: bigint, topDown: boolean, memMin: bigint, memMax: bigint, pageSize: bigint): ToolsHoleResult {
  if (align < pageSize) align = pageSize;                      // locate_hole: align to at least a page
  const free = toolsFreeRanges(ranges, segments);
  let base: bigint | null = null;
  let won: { start: bigint; end: bigint } | undefined;
  for (const f of free) {
    let start = f.start, end = f.end;
    if (start < memMin) start = memMin;
    if (start < holeMin) start = holeMin;
    start = ((start + align - 1n) & M64) & ~(align - 1n) & M64; // _ALIGN on unsigned long long
    if (end > memMax) end = memMax;
    if (end > holeMax) end = holeMax;
    if (start >= end || start >= memMax || end <= memMin) continue;
    const avail = end - start;                                 // one less than the byte count
    if (size === 0n || avail >= size - 1n) {
      won = { start, end };
      if (!topDown) { base = start; break; }
      base = ((end - size + 1n) & M64) & ~(align - 1n) & M64;  // _ALIGN_DOWN(end - hole_size + 1, align)
    }
  }
  if (base === null) return { base: null, error: `Could not find a free area of memory of 0x${size.toString(16)} bytes...` };
  if (size !== 0n && ((base + size - 1n) & M64) > holeMax) return { base: null, error: `Could not find a free area of memory below: 0x${holeMax.toString(16)}...` };
  return { base, range: won };
}

/**
 * locate_hole's free ranges: RAM ranges minus the placed segments (sorted by mem), one segment
 * index shared across all ranges; a remainder is kept only when mstart < mend, so a one-byte
 * remainder is dropped.
 */
export function toolsFreeRanges(ranges: ToolsRange[], segments: ToolsSegment[]): { start: bigint; end: bigint }[] {
  const segs = sortSegments(segments);
  const free: { start: bigint; end: bigint }[] = [];
  let j = 0;
  for (const r of ranges) {                                    // locate_hole: merge of the two sorted lists
    if (r.type !== RANGE_RAM) continue;
    let mstart = r.start;
    const mend = r.end;
    while (j < segs.length && segs[j].mem <= mend) {
      const sstart = segs[j].mem, send = (sstart + segs[j].memsz - 1n) & M64;
      if (mstart < sstart) free.push({ start: mstart, end: sstart - 1n });
      mstart = (send + 1n) & M64;
      j++;
    }
    if (mstart < mend) free.push({ start: mstart, end: mend }); // the one-byte quirk: mstart == mend is dropped
  }
  return free;
}

/** sort_segments: selection sort by mem (stable for equal mem is irrelevant to the carving). */
export function sortSegments(segments: ToolsSegment[]): ToolsSegment[] {
  return segments.slice().sort((a, b) => (a.mem < b.mem ? -1 : a.mem > b.mem ? 1 : 0));
}

/**
 * valid_memory_range(sstart, send): inside [mem_min, mem_max] and inside one RAM range, merged with
 * the next when that one is RAM and starts exactly at this one's inclusive end (kexec-tools compares
 * mend == next.start: a one-byte overlap, so truly adjacent ranges are not merged).
 */
export function toolsValidMemoryRange(ranges: ToolsRange[], sstart: bigint, send: bigint, memMin: bigint, memMax: bigint): boolean {
  if (sstart > send || send > memMax || sstart < memMin) return false;
  for (let i = 0; i < ranges.length; i++) {
    if (ranges[i].type !== RANGE_RAM) continue;
    const mstart = ranges[i].start;
    let mend = ranges[i].end;
    if (i < ranges.length - 1 && ranges[i + 1].start === mend && ranges[i + 1].type === RANGE_RAM) mend = ranges[i + 1].end;
    if (sstart >= mstart && send <= mend) return true;
  }
  return false;
}
