// sanity_check_segment_list pass 2 in O(n log n): for every segment, whether it overlaps an earlier
// one (what the kernel tests: mend > pstart && mstart < pend for j < i, half-open), how many other
// segments it overlaps in all, and the overlapping segment at the lowest address. Sort and sweep:
// a Fenwick tree of prefix maxima for "any earlier", binary searches for the counts, a max segment
// tree for the lowest-address partner. Segments whose end wraps past 2^64 are left out (pass 1
// rejects them first).

export interface Span { start: bigint; end: bigint } // half-open, start <= end

export interface OverlapInfo {
  /** Overlaps some earlier segment (the kernel's pass-2 test fails on it). */
  earlier: boolean;
  /** How many other segments it overlaps, earlier or later. */
  count: number;
  /** Index of the overlapping segment at the lowest address (ties: lowest index); -1 when none. */
  first: number;
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** Number of items < x in a sorted array. */
function countBelow(xs: bigint[], x: bigint): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}
/** Number of items <= x in a sorted array. */
function countAtMost(xs: bigint[], x: bigint): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Overlap facts per segment; `null` entries (unplaced or wrapping segments) get no facts. */
export function overlaps(spans: (Span | null)[]): (OverlapInfo | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < spans.length; i++) if (spans[i]) idx.push(i);
  const n = idx.length;
  const out: (OverlapInfo | null)[] = spans.map(() => null);
  if (n === 0) return out;
  const S = (k: number) => spans[idx[k]]!;

  // Address order: by start, then index.
  const order = Array.from({ length: n }, (_, k) => k);
  order.sort((a, b) => cmp(S(a).start, S(b).start) || a - b);
  const posOf = new Int32Array(n);
  order.forEach((k, p) => { posOf[k] = p; });
  const starts = order.map((k) => S(k).start);
  const ends = idx.map((_, k) => S(k).end).sort(cmp);
  const zeros = new Map<bigint, number>();
  for (let k = 0; k < n; k++) if (S(k).start === S(k).end) zeros.set(S(k).start, (zeros.get(S(k).start) ?? 0) + 1);

  // Max-end segment tree over address order, for the leftmost partner.
  let size = 1;
  while (size < n) size <<= 1;
  const tree: bigint[] = new Array(2 * size).fill(-1n);
  for (let p = 0; p < n; p++) tree[size + p] = S(order[p]).end;
  for (let v = size - 1; v >= 1; v--) tree[v] = tree[2 * v] > tree[2 * v + 1] ? tree[2 * v] : tree[2 * v + 1];
  /** Leftmost position >= l whose end is above x, or -1. */
  const leftmostFrom = (l: number, x: bigint): number => {
    if (l >= n) return -1;
    let v = l + size;
    for (;;) {
      if (tree[v] > x) {
        while (v < size) { v = 2 * v; if (!(tree[v] > x)) v++; }
        return v - size;
      }
      while (v & 1) v >>= 1;
      if (v === 0) return -1;
      v++;
    }
  };

  // Fenwick tree of prefix maxima of ends, keyed by address position, filled in index order.
  const fen: bigint[] = new Array(n + 1).fill(-1n);
  const fenAdd = (p: number, v: bigint) => { for (let i = p + 1; i <= n; i += i & -i) if (fen[i] < v) fen[i] = v; };
  const fenMax = (count: number) => { let m = -1n; for (let i = count; i > 0; i -= i & -i) if (fen[i] > m) m = fen[i]; return m; };

  for (let k = 0; k < n; k++) {
    const { start, end } = S(k);
    const below = countBelow(starts, end);            // segments starting before this one ends
    // Earlier segments (already in the tree) starting before our end and ending after our start.
    const earlier = fenMax(below) > start;
    fenAdd(posOf[k], end);
    const zero = start === end;
    const count = below - countAtMost(ends, start) + (zero ? zeros.get(start)! : -1);
    let p = leftmostFrom(0, start);
    if (p === posOf[k]) p = leftmostFrom(p + 1, start);
    const first = p >= 0 && p < below && count > 0 ? idx[order[p]] : -1;
    out[idx[k]] = { earlier, count, first };
  }
  return out;
}
