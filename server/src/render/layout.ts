// MapModel → vertical positions. High addresses at the top (y = 0), low addresses at the bottom,
// as memory maps are usually drawn. Two scales:
//  - compressed: every stretch between two consecutive breakpoints (any item's start or end) gets a
//    height that grows with log2 of its size from a minimum, and a stretch no item covers collapses
//    into a fixed-height break; readable on sparse 64-bit maps.
//  - linear: y is proportional to the address; items get a minimum height so they stay visible.
// Address math is bigint throughout; only ratios below 1 become Number.

import type { MapAccepted, MapModel, MapRegion, MapSegment, MapUnaccepted } from './mapModel';
import { log2Floor, parseHex, ratio, trailingZeroBits, TWO_64 } from './address';

export type ScaleMode = 'compressed' | 'linear';

export interface LayoutOptions {
  mode: ScaleMode;
  /** Minimum height of a covered stretch between two breakpoints (compressed). */
  rowHeight?: number;
  /** Extra height per doubling of a stretch's size above 4 KiB (compressed). */
  rowGrowth?: number;
  /** Height of a collapsed gap (compressed). */
  breakHeight?: number;
  /** Total height in linear mode; defaults to the compressed height, at least 400. */
  linearHeight?: number;
  /** Minimum height of an item in linear mode. */
  minItemHeight?: number;
}

/** y0 is the top (the item's end address), y1 the bottom (its start); y0 <= y1. */
export interface Placed { start: bigint; end: bigint; y0: number; y1: number }
export interface PlacedRegion extends Placed { index: number; region: MapRegion }
export interface PlacedSegment extends Placed { index: number; segment: MapSegment; lane: number }
export interface PlacedUnaccepted extends Placed { index: number; range: MapUnaccepted }
export interface PlacedAccepted extends Placed { index: number; range: MapAccepted }
export type GapBreak = Placed;
/** `room`: the free height around the tick when ticks appear roundest-address-first; the renderer hides ticks whose room, zoomed, is too small. */
export interface Tick { addr: bigint; y: number; room: number }

export interface Layout {
  mode: ScaleMode;
  height: number;
  /** Lowest and highest breakpoint; equal when the map is empty or a single point. */
  bottom: bigint;
  top: bigint;
  /** True when some address needs more than 32 bits (the ruler then prints 16 digits). */
  wide: boolean;
  regions: PlacedRegion[];
  segments: PlacedSegment[];
  /** Segments with `placed: false` (no hole found): not on the axis. */
  unplaced: Array<{ index: number; segment: MapSegment }>;
  unaccepted: PlacedUnaccepted[];
  accepted: PlacedAccepted[];
  breaks: GapBreak[];
  ticks: Tick[];
  lanes: number;
  yOf(addr: bigint): number;
}

const DEFAULTS = { rowHeight: 22, rowGrowth: 2.5, breakHeight: 24, minItemHeight: 2 };

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Item { start: bigint; end: bigint }

export function computeLayout(model: MapModel, options: LayoutOptions): Layout {
  const rowHeight = options.rowHeight ?? DEFAULTS.rowHeight;
  const rowGrowth = options.rowGrowth ?? DEFAULTS.rowGrowth;
  const breakHeight = options.breakHeight ?? DEFAULTS.breakHeight;
  const minItem = options.minItemHeight ?? DEFAULTS.minItemHeight;

  const parse = (s: { start: string; end: string }): Item => {
    const start = parseHex(s.start);
    const end = parseHex(s.end);
    return { start, end: end < start ? start : end };
  };
  const regionItems = model.regions.map(parse);
  const unacceptedItems = model.unaccepted.map(parse);
  const acceptedItems = model.accepted.map(parse);
  const placedSegs: Array<{ index: number; item: Item }> = [];
  const unplaced: Layout['unplaced'] = [];
  model.segments.forEach((segment, index) => {
    if (segment.placed) placedSegs.push({ index, item: parse(segment) });
    else unplaced.push({ index, segment });
  });
  const all: Item[] = [...regionItems, ...unacceptedItems, ...acceptedItems, ...placedSegs.map((s) => s.item)];

  // Breakpoints, sorted and unique.
  const raw: bigint[] = [];
  for (const it of all) raw.push(it.start, it.end);
  raw.sort(compareBig);
  const points: bigint[] = [];
  for (const p of raw) if (points.length === 0 || points[points.length - 1] !== p) points.push(p);
  const m = points.length;
  const indexOf = new Map<bigint, number>();
  points.forEach((p, i) => indexOf.set(p, i));

  // Coverage of each stretch [points[i], points[i+1]) by a sweep over +1/-1 events.
  const delta = new Int32Array(Math.max(m, 1));
  for (const it of all) {
    if (it.end > it.start) {
      delta[indexOf.get(it.start)!]++;
      delta[indexOf.get(it.end)!]--;
    }
  }
  // Compressed heights, from the bottom up.
  const stretchH = new Float64Array(Math.max(m - 1, 0));
  const pos = new Float64Array(Math.max(m, 1)); // distance of points[i] from the bottom
  const gaps: number[] = [];
  let cover = 0;
  for (let i = 0; i < m - 1; i++) {
    cover += delta[i];
    const size = points[i + 1] - points[i];
    if (cover > 0) {
      stretchH[i] = rowHeight + rowGrowth * Math.max(0, log2Floor(size) - 12);
    } else {
      stretchH[i] = breakHeight;
      gaps.push(i);
    }
    pos[i + 1] = pos[i] + stretchH[i];
  }
  const compressedHeight = m > 1 ? pos[m - 1] : rowHeight;
  const bottom = m > 0 ? points[0] : 0n;
  const top = m > 0 ? points[m - 1] : 0n;

  let height: number;
  let yOf: (addr: bigint) => number;
  if (options.mode === 'compressed') {
    height = compressedHeight;
    yOf = (addr) => {
      if (m < 2) return height / 2;
      if (addr <= bottom) return height;
      if (addr >= top) return 0;
      let lo = 0;
      let hi = m - 1; // invariant: points[lo] <= addr < points[hi]
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (points[mid] <= addr) lo = mid; else hi = mid;
      }
      return height - (pos[lo] + ratio(addr - points[lo], points[lo + 1] - points[lo]) * stretchH[lo]);
    };
  } else {
    height = options.linearHeight ?? Math.max(400, compressedHeight);
    const span = top - bottom;
    yOf = (addr) => {
      if (span <= 0n) return height / 2;
      const a = addr < bottom ? bottom : addr > top ? top : addr;
      return height - ratio(a - bottom, span) * height;
    };
  }

  const place = (it: Item): Placed => {
    let y0 = yOf(it.end);
    let y1 = yOf(it.start);
    if (options.mode === 'linear' && it.end > it.start && y1 - y0 < minItem) {
      const mid = (y0 + y1) / 2;
      y0 = mid - minItem / 2;
      y1 = mid + minItem / 2;
    }
    return { start: it.start, end: it.end, y0, y1 };
  };

  const regions = regionItems.map((it, index) => ({ ...place(it), index, region: model.regions[index] }));
  const unaccepted = unacceptedItems.map((it, index) => ({ ...place(it), index, range: model.unaccepted[index] }));
  const accepted = acceptedItems.map((it, index) => ({ ...place(it), index, range: model.accepted[index] }));
  const segments: PlacedSegment[] = placedSegs.map(({ index, item }) => ({ ...place(item), index, segment: model.segments[index], lane: 0 }));
  const lanes = assignLanes(segments);

  const breaks: GapBreak[] = options.mode === 'compressed'
    ? gaps.map((i) => ({ start: points[i], end: points[i + 1], y0: yOf(points[i + 1]), y1: yOf(points[i]) }))
    : [];

  const tickAddrs = options.mode === 'compressed' ? points : linearTickAddresses(bottom, top, height);
  const ticks = thinTicks(tickAddrs.map((addr) => ({ addr, y: yOf(addr), room: 0 })));

  return {
    mode: options.mode, height, bottom, top, wide: top > 0x100000000n,
    regions, segments, unplaced, unaccepted, accepted, breaks, ticks, lanes, yOf,
  };
}

/** Greedy lanes by address so segments that overlap sit side by side; touching ones share a lane. */
function assignLanes(segments: PlacedSegment[]): number {
  const order = [...segments].sort((a, b) => compareBig(a.start, b.start) || compareBig(b.end, a.end));
  const laneEnd: bigint[] = [];
  for (const s of order) {
    let lane = laneEnd.findIndex((end) => end <= s.start);
    if (lane < 0) { lane = laneEnd.length; laneEnd.push(0n); }
    laneEnd[lane] = s.end;
    s.lane = lane;
  }
  return Math.max(1, laneEnd.length);
}

/** Power-of-two steps, about one tick per 24 px of the linear axis. */
function linearTickAddresses(bottom: bigint, top: bigint, height: number): bigint[] {
  const span = top - bottom;
  if (span <= 0n) return [bottom];
  const wanted = BigInt(Math.max(2, Math.floor(height / 24)));
  let shift = 0n;
  while ((span >> shift) > wanted) shift++;
  const step = 1n << shift;
  const out: bigint[] = [bottom];
  for (let a = ((bottom + step - 1n) / step) * step; a < top; a += step) if (a !== bottom) out.push(a);
  out.push(top);
  return out;
}

/**
 * Gives each tick the room it has when ticks are revealed roundest-address-first: the renderer
 * shows a tick only when that room, zoomed, fits its text. Coarse zoom keeps round addresses.
 */
function thinTicks(ticks: Tick[]): Tick[] {
  const order = ticks
    .map((t, i) => ({ i, weight: t.addr === TWO_64 ? 65 : trailingZeroBits(t.addr) }))
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  const ys: number[] = []; // y of ticks revealed so far, sorted
  for (const { i } of order) {
    const y = ticks[i].y;
    let lo = 0;
    let hi = ys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ys[mid] < y) lo = mid + 1; else hi = mid;
    }
    let room = Infinity;
    if (lo < ys.length) room = Math.min(room, ys[lo] - y);
    if (lo > 0) room = Math.min(room, y - ys[lo - 1]);
    ticks[i].room = room;
    ys.splice(lo, 0, y);
  }
  return ticks;
}
