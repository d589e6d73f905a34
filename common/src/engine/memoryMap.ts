// The physical memory map as /proc/iomem nests it: regions, their nesting, and a flat list of
// "leaf" intervals (each address covered by its deepest region) for fast destination queries.

import type { AddrRange, RegionType } from './types';
import { firstEndingAbove } from './u64';

export interface Region extends AddrRange {
  id: number;          // index in declaration order
  type: RegionType;
  label?: string;
  parent?: number;     // id of the containing region
  depth: number;
  /** Opaque link back to the source (the layout's statement). */
  origin?: unknown;
}

export interface RegionOverlap { a: Region; b: Region }

/** A maximal piece of address space whose deepest region is `region`. */
export interface Leaf extends AddrRange { region: Region }

/** System RAM as the kexec_file walkers see it (IORESOURCE_SYSTEM_RAM): crash and kernel regions are children of RAM. */
export const SYSTEM_RAM_TYPES: ReadonlySet<RegionType> = new Set(['ram', 'ram-driver', 'crashkernel', 'kernel']);
/** Types a kexec destination may overwrite (the running kernel and the crash reservation are RAM). */
export const WRITABLE_TYPES: ReadonlySet<RegionType> = new Set(['ram', 'crashkernel', 'kernel']);

/** Start ascending, larger first at equal starts (parents before children), then declaration order. */
function byAddress(a: Region, b: Region): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : a.id - b.id;
}

export class MemoryMap {
  readonly regions: Region[];
  readonly leaves: Leaf[];
  readonly overlaps: RegionOverlap[] = [];
  /** Regions in address order (start ascending, larger first, then declaration order). */
  readonly sorted: Region[];

  constructor(input: { start: bigint; end: bigint; type: RegionType; label?: string; origin?: unknown }[]) {
    this.regions = input.map((r, id) => ({ start: r.start, end: r.end, type: r.type, label: r.label, origin: r.origin, id, depth: 0, parent: undefined }));
    // Maps are usually written in address order: check that in one pass before paying for a sort.
    this.sorted = this.regions.slice();
    let ordered = true;
    for (let i = 1; i < this.sorted.length && ordered; i++) ordered = byAddress(this.sorted[i - 1], this.sorted[i]) < 0;
    if (!ordered) this.sorted.sort(byAddress);
    this.leaves = this.nest();
  }

  /** One sweep: nests each region in the innermost open region that contains it and emits leaves. */
  private nest(): Leaf[] {
    const leaves: Leaf[] = [];
    const stack: Region[] = [];
    let cursor = 0n;
    const emit = (start: bigint, end: bigint, region: Region) => {
      if (start >= end) return;
      const last = leaves[leaves.length - 1];
      if (last && last.region === region && last.end === start) last.end = end;
      else leaves.push({ start, end, region });
    };
    const close = () => {
      const top = stack.pop()!;
      emit(cursor, top.end, top);
      if (top.end > cursor) cursor = top.end;
    };
    for (const r of this.sorted) {
      while (stack.length && stack[stack.length - 1].end <= r.start) close();
      if (stack.length) {
        // A region that starts inside the open one but ends past it overlaps partially (an error).
        // It ends the open regions it straddles, so every address still has one deepest region.
        let reported = false;
        while (stack.length && r.end > stack[stack.length - 1].end) {
          const top = stack[stack.length - 1];
          if (!reported) { this.overlaps.push({ a: top, b: r }); reported = true; }
          emit(cursor, r.start, top);
          cursor = r.start;
          stack.pop();
        }
      }
      const parent = stack[stack.length - 1];
      if (parent) { emit(cursor, r.start, parent); r.parent = parent.id; r.depth = stack.length; }
      cursor = r.start;
      stack.push(r);
    }
    while (stack.length) close();
    return leaves;
  }

  /** Index of the first leaf whose end is above addr. */
  private firstLeafAfter(addr: bigint): number {
    return firstEndingAbove(this.leaves, addr, (l) => l.end);
  }

  /** The pieces of [start, end): each covered part with its deepest region, and the holes. */
  classify(start: bigint, end: bigint): { covered: Leaf[]; holes: AddrRange[] } {
    const covered: Leaf[] = [];
    const holes: AddrRange[] = [];
    let at = start;
    for (let i = this.firstLeafAfter(start); i < this.leaves.length && at < end; i++) {
      const l = this.leaves[i];
      if (l.start >= end) break;
      if (l.start > at) holes.push({ start: at, end: l.start });
      const s = l.start > at ? l.start : at;
      const e = l.end < end ? l.end : end;
      covered.push({ start: s, end: e, region: l.region });
      at = e;
    }
    if (at < end) holes.push({ start: at, end });
    return { covered, holes };
  }

  /** Regions containing addr, outermost first. */
  containing(addr: bigint): Region[] {
    const i = this.firstLeafAfter(addr);
    const leaf = this.leaves[i];
    if (!leaf || leaf.start > addr) return [];
    const chain: Region[] = [];
    for (let r: Region | undefined = leaf.region; r; r = r.parent === undefined ? undefined : this.regions[r.parent]) chain.unshift(r);
    return chain;
  }

  ancestors(r: Region): Region[] {
    const out: Region[] = [];
    for (let p = r.parent; p !== undefined; p = this.regions[p].parent) out.push(this.regions[p]);
    return out;
  }

  /** Sum of RAM the kernel manages: `ram` regions not nested in another `ram` region. */
  ramBytes(): bigint {
    let total = 0n;
    for (const r of this.regions) {
      if (r.type !== 'ram') continue;
      if (this.ancestors(r).some((a) => a.type === 'ram')) continue;
      total += r.end - r.start;
    }
    return total;
  }
}
