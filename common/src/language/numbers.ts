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
