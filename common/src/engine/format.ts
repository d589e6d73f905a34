// How numbers are written for people (messages, hover) and for the wire (JSON).

/** 0x1_0000_0000: hex grouped by 4 digits from the right, for people. */
export function hex(x: bigint): string {
  const digits = x.toString(16);
  let out = '';
  for (let i = digits.length; i > 0; i -= 4) out = digits.slice(Math.max(0, i - 4), i) + (out ? '_' + out : '');
  return '0x' + out;
}

/** 0x100000000: plain lower-case hex, for JSON and LSP payloads. */
export function hexWire(x: bigint): string {
  return '0x' + x.toString(16);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** 64 MiB, 1.5 GiB, 4 KiB, 512 B; exact when divisible, otherwise one decimal with ≈. */
export function human(bytes: bigint): string {
  if (bytes < 1024n) return `${bytes} B`;
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 1024n << BigInt(unit * 10)) unit++;
  const div = 1n << BigInt(unit * 10);
  if (bytes % div === 0n) return `${bytes / div} ${UNITS[unit]}`;
  const tenths = (bytes * 10n) / div;
  return `≈${tenths / 10n}.${tenths % 10n} ${UNITS[unit]}`;
}

/** "[0x1000, 0x2000)" */
export function span(start: bigint, end: bigint): string {
  return `[${hex(start)}, ${hex(end)})`;
}
