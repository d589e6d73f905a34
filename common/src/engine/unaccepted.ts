// The EFI unaccepted-memory table (drivers/firmware/efi/unaccepted_memory.c): a bitmap of
// `unit`-sized units above `base`, bit set = not yet accepted. Set bits are stored as sorted
// runs of unit indices, so a 1 TiB unaccepted range costs one entry, not 512 Ki bits.

import type { AddrRange } from './types';
import { M64, firstEndingAbove } from './u64';

export interface BitRun { first: bigint; last: bigint } // unit indices, half-open

export class UnacceptedTable {
  private runs: BitRun[];

  constructor(
    readonly unit: bigint,
    /** phys_base: address of bit 0 (unit-aligned). */
    readonly base: bigint,
    /** size of the bitmap in bytes; memory at or past base + sizeBytes * 8 * unit counts as accepted. */
    readonly sizeBytes: bigint,
    runs: BitRun[],
  ) {
    this.runs = normalize(runs);
  }

  /**
   * Builds the table the EFI stub would leave for these unaccepted ranges (allocate_unaccepted_bitmap:
   * base rounded down, end rounded up, bitmap bytes rounded up). Only whole units inside a range are
   * set: the stub accepts partial units at boot (process_unaccepted_memory).
   */
  static fromRanges(unit: bigint, ranges: AddrRange[]): UnacceptedTable | null {
    if (ranges.length === 0) return null;
    let lo = ranges[0].start, hi = ranges[0].end;
    for (const r of ranges) { if (r.start < lo) lo = r.start; if (r.end > hi) hi = r.end; }
    const base = (lo / unit) * unit;
    const end = ((hi + unit - 1n) / unit) * unit;
    const sizeBytes = (end - base + unit * 8n - 1n) / (unit * 8n);
    const runs: BitRun[] = [];
    for (const r of ranges) {
      const first = (r.start - base + unit - 1n) / unit;
      const last = (r.end - base) / unit;
      if (first < last) runs.push({ first, last });
    }
    return new UnacceptedTable(unit, base, sizeBytes, runs);
  }

  clone(): UnacceptedTable {
    return new UnacceptedTable(this.unit, this.base, this.sizeBytes, this.runs.map((r) => ({ ...r })));
  }

  /** Set-bit runs as physical ranges. */
  ranges(): AddrRange[] {
    return this.runs.map((r) => this.toPhys(r.first, r.last));
  }

  get isEmpty(): boolean { return this.runs.length === 0; }

  unitCount(): bigint {
    let n = 0n;
    for (const r of this.runs) n += r.last - r.first;
    return n;
  }

  private toPhys(first: bigint, last: bigint): AddrRange {
    return { start: this.base + first * this.unit, end: this.base + last * this.unit };
  }

  /** Index of the first run whose last is above bit. */
  private firstRunAfter(bit: bigint): number {
    return firstEndingAbove(this.runs, bit, (r) => r.last);
  }

  /** Set-bit runs clipped to bits [first, last). */
  setRunsIn(first: bigint, last: bigint): BitRun[] {
    const out: BitRun[] = [];
    for (let i = this.firstRunAfter(first); i < this.runs.length; i++) {
      const r = this.runs[i];
      if (r.first >= last) break;
      out.push({ first: r.first > first ? r.first : first, last: r.last < last ? r.last : last });
    }
    return out;
  }

  isSet(bit: bigint): boolean {
    const r = this.runs[this.firstRunAfter(bit)];
    return !!r && r.first <= bit;
  }

  /** Unaccepted units overlapping the bytes [start, end) (plain overlap, no guard unit), as physical ranges. */
  unacceptedIn(start: bigint, end: bigint): AddrRange[] {
    if (end <= start || end <= this.base) return [];
    const s = start > this.base ? start : this.base;
    const first = (s - this.base) / this.unit;
    const last = (end - this.base + this.unit - 1n) / this.unit;
    return this.setRunsIn(first, last).map((r) => this.toPhys(r.first, r.last));
  }

  /** Steps 1–8 of accept_memory / range_contains_unaccepted_memory: the bit range a call covers, or null. */
  private bitWindow(start: bigint, size: bigint): { first: bigint; last: bigint; offStart: bigint; offEnd: bigint } | null {
    let end = (start + size) & M64;                       // phys_addr_t wraps before any clamping
    if (start < this.base) start = this.base;             // clamp to the bitmap start
    if (end < this.base) return null;                     // strict <: ending exactly at base is not skipped
    start -= this.base;
    end -= this.base;
    if (end % this.unit === 0n) end += this.unit;         // guard unit for load_unaligned_zeropad()
    const cap = this.sizeBytes * this.unit * 8n;
    if (end > cap) end = cap;                             // clamp to the bitmap's reach
    return { first: start / this.unit, last: (end + this.unit - 1n) / this.unit, offStart: start, offEnd: end };
  }

  /**
   * accept_memory(start, size): accepts every set bit in the covered window, in maximal runs
   * (one arch_accept_memory call each), and clears them. Returns the runs as physical ranges.
   */
  acceptMemory(start: bigint, size: bigint): AddrRange[] {
    const w = this.bitWindow(start, size);
    if (!w || w.first >= w.last) return [];
    const runs = this.setRunsIn(w.first, w.last);
    for (const r of runs) this.clear(r.first, r.last);
    return runs.map((r) => this.toPhys(r.first, r.last));
  }

  /**
   * range_contains_unaccepted_memory(start, size): walks whole units from a possibly unaligned start,
   * so when start is unaligned the last partly covered unit can be missed (faithful to mainline).
   */
  rangeContainsUnaccepted(start: bigint, size: bigint): boolean {
    const w = this.bitWindow(start, size);
    if (!w) return false;
    if (w.offStart >= w.offEnd) return false;
    // Tested bits: floor(offStart/unit) + k for every k with offStart + k*unit < offEnd.
    const firstBit = w.offStart / this.unit;
    const steps = (w.offEnd - w.offStart + this.unit - 1n) / this.unit;
    return this.setRunsIn(firstBit, firstBit + steps).length > 0;
  }

  /** Clears bits [first, last): only the runs it meets are touched (a binary search finds them). */
  private clear(first: bigint, last: bigint): void {
    const i = this.firstRunAfter(first);
    let j = i;
    const keep: BitRun[] = [];
    for (; j < this.runs.length && this.runs[j].first < last; j++) {
      const r = this.runs[j];
      if (r.first < first) keep.push({ first: r.first, last: first });
      if (r.last > last) keep.push({ first: last, last: r.last });
    }
    // keep holds at most the two trimmed ends.
    if (keep.length === 2) this.runs.splice(i, j - i, keep[0], keep[1]);
    else if (keep.length === 1) this.runs.splice(i, j - i, keep[0]);
    else if (j > i) this.runs.splice(i, j - i);
  }
}

function normalize(runs: BitRun[]): BitRun[] {
  const sorted = runs.filter((r) => r.first < r.last).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: BitRun[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.first <= last.last) { if (r.last > last.last) last.last = r.last; }
    else out.push({ ...r });
  }
  return out;
}
