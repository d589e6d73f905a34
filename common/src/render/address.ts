// Address helpers for the memory-map picture. Addresses stay bigint; only small ratios become Number.

import { hexWire, human } from '../engine/format';

export const TWO_64 = 1n << 64n;

const HEX = /^0x[0-9a-f]+$/i;

/** Parses a wire hex string ("0x100000000"); throws on anything else or on values above 2^64. */
export function parseHex(s: string): bigint {
  if (!HEX.test(s)) throw new Error(`not a hex address: ${JSON.stringify(s)}`);
  const v = BigInt(s);
  if (v > TWO_64) throw new Error(`address above 2^64: ${s}`);
  return v;
}

export function isHexAddress(s: unknown): s is string {
  if (typeof s !== 'string' || s.length > 2 + 32 || !HEX.test(s)) return false;
  // Up to 16 digits is always below 2^64: no BigInt needed for the common case.
  return s.length <= 2 + 16 || BigInt(s) <= TWO_64;
}

/** The map's one hex notation, as short as it goes and grouped by four digits like the layout
 *  language: 0x0, 0x10_0000, 0x2_8000_0000 (labels, ruler, table, tooltips). */
export function formatHex(v: bigint): string {
  const digits = hexWire(v).slice(2);
  const groups: string[] = [];
  for (let i = digits.length; i > 0; i -= 4) groups.unshift(digits.slice(Math.max(0, i - 4), i));
  return '0x' + groups.join('_');
}

/**
 * Fixed-width hex for the ruler, grouped by four digits so 64-bit values stay readable:
 * 0x0000_0001_0000_0000. Eight digits when the whole map sits below 4 GiB.
 */
export function formatHexPadded(v: bigint, wide: boolean): string {
  const digits = v.toString(16).padStart(wide ? 16 : 8, '0');
  const groups: string[] = [];
  for (let i = digits.length; i > 0; i -= 4) groups.unshift(digits.slice(Math.max(0, i - 4), i));
  return '0x' + groups.join('_');
}

/** Human size, the same words as messages and hovers: exact when divisible ("2 MiB"), else "≈1.5 GiB". */
export const formatSize = human;

/** "0x100000–0x7fffffff": the inclusive last byte, as /proc/iomem prints ranges. */
export function formatRange(start: bigint, end: bigint): string {
  if (end <= start) return `${formatHex(start)} (empty)`;
  return `${formatHex(start)}–${formatHex(end - 1n)}`;
}

/** Number of trailing zero bits (64 for 0): how "round" an address is. */
export function trailingZeroBits(v: bigint): number {
  if (v === 0n) return 64;
  let n = 0;
  while ((v & 1n) === 0n) { v >>= 1n; n++; }
  return n;
}

/** floor(log2(v)) for v > 0. */
export function log2Floor(v: bigint): number {
  if (v <= 0n) return -1;
  // Exact in a double below 2^53: count bits of the high and low 32-bit halves.
  if (v < 0x20000000000000n) {
    const n = Number(v);
    const hi = Math.floor(n / 4294967296);
    return hi > 0 ? 63 - Math.clz32(hi) : 31 - Math.clz32(n);
  }
  return v.toString(2).length - 1;
}

/** a / b as a Number in [0, 1] for 0 <= a <= b, b > 0, precise to 2^-32. */
export function ratio(a: bigint, b: bigint): number {
  if (b <= 0n) return 0;
  return Number((a << 32n) / b) / 4294967296;
}
