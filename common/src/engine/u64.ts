// Unsigned 64-bit arithmetic as the kernel does it: every + and - wraps modulo 2^64.

export const M64 = (1n << 64n) - 1n;
export const wrap = (x: bigint): bigint => x & M64;
export const add = (a: bigint, b: bigint): bigint => (a + b) & M64;
export const sub = (a: bigint, b: bigint): bigint => (a - b) & M64;
/** ALIGN(x, a): round up to a multiple of the power of two a, wrapping like the C macro. */
export const alignUp = (x: bigint, a: bigint): bigint => ((x + a - 1n) & M64) & ~(a - 1n);
/** ALIGN_DOWN(x, a). */
export const alignDown = (x: bigint, a: bigint): bigint => x & ~(a - 1n) & M64;
export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
export const isPow2 = (x: bigint): boolean => x > 0n && (x & (x - 1n)) === 0n;

/** Largest power of two dividing x (x = 0 → 2^64). */
export function largestAlignment(x: bigint): bigint {
  if (x === 0n) return 1n << 64n;
  return x & -x;
}

/** In a list sorted by end, the index of the first item whose (exclusive) end is above x. */
export function firstEndingAbove<T>(items: readonly T[], x: bigint, endOf: (item: T) => bigint): number {
  let lo = 0, hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endOf(items[mid]) <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}
