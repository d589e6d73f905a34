// Number literals of the layout language: unsigned 64-bit, hex or decimal, `_` between digits,
// decimal with a binary unit suffix (K M G T P E, optionally followed by iB or B, any case).

export const U64_LIMIT = 1n << 64n;

export type NumberResult =
  | { ok: true; value: bigint }
  | { ok: false; code: 'syntax/invalid-number' | 'syntax/number-overflow'; message: string };

const HEX = /^0[xX]([0-9a-fA-F]+(?:_+[0-9a-fA-F]+)*)$/;
const DEC = /^([0-9]+(?:_+[0-9]+)*)(?:([kKmMgGtTpPeE])(?:[iI][bB]|[bB])?)?$/;
const SHIFT: Record<string, bigint> = { k: 10n, m: 20n, g: 30n, t: 40n, p: 50n, e: 60n };

/** True when the word looks like it was meant as a number (starts with a digit). */
export function looksNumeric(text: string): boolean {
  return /^[0-9]/.test(text);
}

export function parseNumber(text: string): NumberResult {
  const fast = smallNumber(text);
  if (fast >= 0) return { ok: true, value: BigInt(fast) };
  return parseNumberExact(text);
}

/** The reference parse, all in BigInt (every literal, every error message). */
export function parseNumberExact(text: string): NumberResult {
  const hex = HEX.exec(text);
  if (hex) return bounded(BigInt('0x' + hex[1].replace(/_/g, '')), text);
  const dec = DEC.exec(text);
  if (dec) {
    const digits = BigInt(dec[1].replace(/_/g, ''));
    const unit = dec[2] ? SHIFT[dec[2].toLowerCase()] : 0n;
    return bounded(digits << unit, text);
  }
  return { ok: false, code: 'syntax/invalid-number', message: `'${clip(text)}' is not a number: use decimal (4096, 16M, 4KiB) or hex (0x1000, 0x1_0000_0000)` };
}

const UNIT_SHIFT: Record<string, number> = { k: 10, K: 10, m: 20, M: 20, g: 30, G: 30, t: 40, T: 40, p: 50, P: 50, e: 60, E: 60 };

/**
 * The value of a well-formed literal that fits in 2^53 (nearly every literal in a layout),
 * computed with doubles and no regular expression; -1 for anything else, which the exact
 * BigInt path then parses (and explains, if it is wrong). Same grammar as HEX and DEC: `_` only
 * between digits; a decimal may end in one unit letter, optionally followed by iB or B.
 */
function smallNumber(text: string): number {
  return smallNumberIn(text, 0, text.length);
}

/** smallNumber of `text.slice(from, to)`, read in place (the parser's fast line path slices nothing). */
export function smallNumberIn(text: string, from: number, to: number): number {
  const n = to;
  let i = from;
  let v = 0;
  let digits = 0;
  let hex = false;
  if (n - from > 2 && text.charCodeAt(from) === 48 && (text.charCodeAt(from + 1) | 32) === 120) { hex = true; i = from + 2; }
  let lastUnderscore = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (hex && (c | 32) >= 97 && (c | 32) <= 102) d = (c | 32) - 87;
    else if (c === 95) { if (digits === 0) return -1; lastUnderscore = true; continue; }
    else break;
    v = v * (hex ? 16 : 10) + d;
    digits++;
    lastUnderscore = false;
  }
  if (digits === 0 || lastUnderscore || v > Number.MAX_SAFE_INTEGER) return -1;
  if (i === n) return v;
  if (hex) return -1;
  const shift = UNIT_SHIFT[text[i]];
  if (shift === undefined) return -1;
  // The rest after the unit: nothing, iB or B (any case).
  const rest = n - i - 1;
  if (rest === 1 && (text.charCodeAt(i + 1) | 32) !== 98) return -1;
  if (rest === 2 && ((text.charCodeAt(i + 1) | 32) !== 105 || (text.charCodeAt(i + 2) | 32) !== 98)) return -1;
  if (rest > 2) return -1;
  const scaled = v * 2 ** shift;
  return scaled > Number.MAX_SAFE_INTEGER ? -1 : scaled;
}

function bounded(value: bigint, text: string): NumberResult {
  if (value >= U64_LIMIT) {
    return { ok: false, code: 'syntax/number-overflow', message: `${clip(text)} does not fit in 64 bits (the largest value is 0xffff_ffff_ffff_ffff)` };
  }
  return { ok: true, value };
}

/** Keeps messages short when a line holds a huge token. */
export function clip(text: string, max = 40): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}
