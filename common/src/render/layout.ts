// MapModel → vertical positions. High addresses at the top (y = 0), low addresses at the bottom,
// as memory maps are usually drawn. Two scales:
//  - compressed: every stretch between two consecutive breakpoints (any item's start or end) gets a
//    height that grows with log2 of its size from a minimum, and a stretch no item covers collapses
//    into a fixed-height break; readable on sparse 64-bit maps.
//  - linear: y is proportional to the address; items get a minimum height so they stay visible.
// Address math is exact: on doubles while every address is below 2^53 (where they are exact), else
// on bigints, where only ratios below 1 become Number.

import type { MapAccepted, MapModel, MapRegion, MapSegment, MapUnaccepted } from './mapModel';
import { log2Floor, parseHex, ratio, TWO_64 } from './address';

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
  /** The ruler: tick addresses (ascending), their y and room, as arrays (a big map has tens of thousands). */
  ruler: { addr: bigint[]; y: Float64Array; room: Float64Array };
  /** The same ticks as objects. */
  readonly ticks: Tick[];
  lanes: number;
  yOf(addr: bigint): number;
}

const DEFAULTS = { rowHeight: 22, rowGrowth: 2.5, breakHeight: 24, minItemHeight: 2 };

/** Integers below this are exact as doubles. */
const EXACT = 2 ** 53;
/** Wire hex of at most 13 digits: below 2^52, parsed exactly by parseInt. */
const SHORT_HEX = /^0x[0-9a-f]{1,13}$/i;

/** floor(log2(d)) for an integer 0 < d < 2^53 held in a double. */
function log2FloorExact(d: number): number {
  const hi = Math.floor(d / 4294967296);
  return hi > 0 ? 63 - Math.clz32(hi) : 31 - Math.clz32(d);
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function computeLayout(model: MapModel, options: LayoutOptions): Layout {
  const rowHeight = options.rowHeight ?? DEFAULTS.rowHeight;
  const rowGrowth = options.rowGrowth ?? DEFAULTS.rowGrowth;
  const breakHeight = options.breakHeight ?? DEFAULTS.breakHeight;
  const minItem = options.minItemHeight ?? DEFAULTS.minItemHeight;

  // Every item's ends, flat: item k (regions, unaccepted, accepted, placed segments in turn)
  // spans ends[2k]..ends[2k+1]. Flat arrays keep a 10,000-region map cheap to lay out.
  const placedSegs: number[] = [];
  const unplaced: Layout['unplaced'] = [];
  model.segments.forEach((segment, index) => {
    if (segment.placed) placedSegs.push(index);
    else unplaced.push({ index, segment });
  });
  const n = model.regions.length + model.unaccepted.length + model.accepted.length + placedSegs.length;
  const ends: bigint[] = new Array<bigint>(2 * n);
  // The same ends as doubles: Number() of a bigint rounds monotonically, so keys order the ends
  // as the bigints do, and below 2^53 (every real map) they are exact and sorting, comparing and
  // measuring need no BigInt arithmetic.
  const key = new Float64Array(2 * n);
  let exact = true;
  let k = 0;
  const add = (s: { start: string; end: string }) => {
    // Up to 13 hex digits (below 2^52) parseInt is exact and much cheaper than BigInt(string).
    if (s.start.length <= 15 && s.end.length <= 15 && SHORT_HEX.test(s.start) && SHORT_HEX.test(s.end)) {
      const a = parseInt(s.start, 16);
      const b = Math.max(a, parseInt(s.end, 16));
      ends[k] = BigInt(a);
      key[k++] = a;
      ends[k] = BigInt(b);
      key[k++] = b;
      return;
    }
    const start = parseHex(s.start);
    let end = parseHex(s.end);
    if (end < start) end = start;
    const a = Number(start);
    const b = Number(end);
    if (b >= EXACT) exact = false;
    ends[k] = start;
    key[k++] = a;
    ends[k] = end;
    key[k++] = b;
  };
  for (const r of model.regions) add(r);
  for (const u of model.unaccepted) add(u);
  for (const a of model.accepted) add(a);
  for (const i of placedSegs) add(model.segments[i]);

  // Breakpoints, sorted and unique (as bigints and as keys), and each end's breakpoint index.
  const at = new Int32Array(2 * n);
  const points: bigint[] = [];
  let pointKey: Float64Array;
  if (exact) {
    // Indices sorted by key (a plain array: its sort is fast on the nearly sorted ends of a map).
    const order: number[] = new Array<number>(2 * n);
    for (let i = 0; i < 2 * n; i++) order[i] = i;
    order.sort((a, b) => key[a] - key[b]);
    pointKey = new Float64Array(2 * n);
    let last = -1;
    for (let j = 0; j < 2 * n; j++) {
      const i = order[j];
      const v = key[i];
      if (last < 0 || pointKey[last] !== v) {
        pointKey[++last] = v;
        points.push(ends[i]);
      }
      at[i] = last;
    }
    pointKey = pointKey.subarray(0, last + 1);
  } else {
    const order = new Int32Array(2 * n);
    for (let i = 0; i < 2 * n; i++) order[i] = i;
    order.sort((a, b) => key[a] - key[b] || compareBig(ends[a], ends[b]));
    for (let j = 0; j < 2 * n; j++) {
      const v = ends[order[j]];
      if (points.length === 0 || points[points.length - 1] !== v) points.push(v);
      at[order[j]] = points.length - 1;
    }
    pointKey = Float64Array.from(points, Number);
  }
  const m = points.length;

  // Coverage of each stretch [points[i], points[i+1]) by a sweep over +1/-1 events.
  const delta = new Int32Array(Math.max(m, 1));
  for (let i = 0; i < n; i++) {
    if (at[2 * i + 1] > at[2 * i]) {
      delta[at[2 * i]]++;
      delta[at[2 * i + 1]]--;
    }
  }
  // Compressed heights, from the bottom up.
  const stretchH = new Float64Array(Math.max(m - 1, 0));
  const pos = new Float64Array(Math.max(m, 1)); // distance of points[i] from the bottom
  const gaps: number[] = [];
  let cover = 0;
  for (let i = 0; i < m - 1; i++) {
    cover += delta[i];
    if (cover > 0) {
      const bits = exact ? log2FloorExact(pointKey[i + 1] - pointKey[i]) : log2Floor(points[i + 1] - points[i]);
      stretchH[i] = rowHeight + rowGrowth * Math.max(0, bits - 12);
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

  // y of breakpoint i; in the compressed scale read off directly.
  const compressed = options.mode === 'compressed' && m >= 2;
  const yPoint = (i: number) => (compressed ? height - pos[i] : yOf(points[i]));
  // Item k's y extent, top (ey0) and bottom (ey1): set by `extent`, no array per item.
  const linear = options.mode === 'linear';
  let ey0 = 0;
  let ey1 = 0;
  const extent = (k: number): void => {
    ey0 = yPoint(at[2 * k + 1]);
    ey1 = yPoint(at[2 * k]);
    if (linear && at[2 * k + 1] > at[2 * k] && ey1 - ey0 < minItem) {
      const mid = (ey0 + ey1) / 2;
      ey0 = mid - minItem / 2;
      ey1 = mid + minItem / 2;
    }
  };

  const regions: PlacedRegion[] = new Array(model.regions.length);
  for (let i = 0; i < regions.length; i++) {
    extent(i);
    regions[i] = { start: ends[2 * i], end: ends[2 * i + 1], y0: ey0, y1: ey1, index: i, region: model.regions[i] };
  }
  let base = regions.length;
  const unaccepted: PlacedUnaccepted[] = model.unaccepted.map((range, index) => {
    const k = base + index;
    extent(k);
    return { start: ends[2 * k], end: ends[2 * k + 1], y0: ey0, y1: ey1, index, range };
  });
  base += unaccepted.length;
  const accepted: PlacedAccepted[] = model.accepted.map((range, index) => {
    const k = base + index;
    extent(k);
    return { start: ends[2 * k], end: ends[2 * k + 1], y0: ey0, y1: ey1, index, range };
  });
  base += accepted.length;
  const segments: PlacedSegment[] = placedSegs.map((index, j) => {
    const k = base + j;
    extent(k);
    return { start: ends[2 * k], end: ends[2 * k + 1], y0: ey0, y1: ey1, index, segment: model.segments[index], lane: 0 };
  });
  const lanes = assignLanes(segments);

  const breaks: GapBreak[] = options.mode === 'compressed'
    ? gaps.map((i) => ({ start: points[i], end: points[i + 1], y0: yPoint(i + 1), y1: yPoint(i) }))
    : [];

  const tickAddr = options.mode === 'compressed' ? points : linearTickAddresses(bottom, top, height);
  const tickY = new Float64Array(tickAddr.length);
  for (let i = 0; i < tickAddr.length; i++) tickY[i] = options.mode === 'compressed' ? yPoint(i) : yOf(tickAddr[i]);
  const ruler = { addr: tickAddr, y: tickY, room: thinTicks(tickAddr, tickY, options.mode === 'compressed' && exact ? pointKey : null) };
  let ticks: Tick[] | null = null;

  return {
    mode: options.mode, height, bottom, top, wide: top > 0x100000000n,
    regions, segments, unplaced, unaccepted, accepted, breaks, ruler, lanes, yOf,
    get ticks() {
      return ticks ??= tickAddr.map((addr, i) => ({ addr, y: tickY[i], room: ruler.room[i] }));
    },
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

/** Trailing zero bits of a tick address, 65 for 2^64 (the roundest of all). */
function roundness(v: bigint, exact?: number): number {
  if (exact !== undefined) return roundnessExact(exact);
  if (v === TWO_64) return 65;
  if (v === 0n) return 64;
  if (v < 0x20000000000000n) return roundnessExact(Number(v));
  const lo = Number(BigInt.asUintN(32, v));
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  const hi = Number(BigInt.asUintN(32, v >> 32n));
  return 63 - Math.clz32(hi & -hi);
}

/** roundness() of an integer below 2^53, given as a double: 32-bit halves, no BigInt. */
function roundnessExact(n: number): number {
  if (n === 0) return 64;
  const lo = n % 4294967296;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  const hi = n / 4294967296;
  return 63 - Math.clz32(hi & -hi);
}

/**
 * The room of each tick when ticks are revealed roundest-address-first: the renderer shows a
 * tick only when that room, zoomed, fits its text. Coarse zoom keeps round addresses.
 * Ticks come in address order, so y never increases along the arrays. Undoing the reveal order
 * on a linked list finds each tick's nearest earlier-revealed neighbours in O(1).
 */
function thinTicks(addr: bigint[], y: Float64Array, exact: Float64Array | null): Float64Array {
  const n = addr.length;
  const room = new Float64Array(n);
  // Reveal order: roundness descending, then index (a counting sort: roundness is 0..65).
  const weight = new Uint8Array(n);
  const count = new Int32Array(67);
  for (let i = 0; i < n; i++) count[65 - (weight[i] = roundness(addr[i], exact?.[i])) + 1]++;
  for (let w = 1; w < 67; w++) count[w] += count[w - 1];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[count[65 - weight[i]]++] = i;
  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) { prev[i] = i - 1; next[i] = i + 1 < n ? i + 1 : -1; }
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k];
    const p = prev[i];
    const q = next[i];
    room[i] = Math.min(p >= 0 ? y[p] - y[i] : Infinity, q >= 0 ? y[i] - y[q] : Infinity);
    if (p >= 0) next[p] = q;
    if (q >= 0) prev[q] = p;
  }
  return room;
}
