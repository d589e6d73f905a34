// `/proc/iomem` reader (kernel/resource.c r_show): `%*s%0*llx-%0*llx : %s`, two spaces of
// indentation per nesting level, both ends inclusive, no `0x`.
// Top-level resources are printed in address order and never overlap (request_resource refuses
// a conflict), so a top-level line that starts below the end of the previous one begins another
// listing: a snapshot boundary (mixed.ts keeps the listings apart).

import { RegionType } from '../engine/types';
import { BaseReader, LineError, SnapshotBoundary, hex, inclusive } from './lines';

const LINE = /^(\s*)([0-9a-fA-F]+)\s*-\s*([0-9a-fA-F]+)\s*:(?:\s(.*))?$/;
const LOOKS_LIKE = /^\s*[0-9a-fA-F]+\s*-/;

/** A hex digit's value, or -1. */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

/** Name characters that `(.*)$` cannot run over (LINE then fails): a scan leaves such lines to it. */
const NOT_DOT = /[\n\r\u2028\u2029]/;

/**
 * LINE's match on the usual line — blanks and tabs only, at most 13 significant digits per address (a Number
 * holds them exactly), start ≤ last — found by one scan without a regex; anything else (other
 * white space, longer numbers, a reversed range, not an entry) is undefined and LINE decides.
 */
function scanLine(text: string): { indent: number; start: number; last: number; raw: string } | undefined {
  const n = text.length;
  let i = 0;
  let indent = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) indent++;
    else if (c === 0x09) indent += 8;
    else break;
  }
  // Leading zeros do not count toward the 13 digits (`%0*llx` pads).
  let start = 0;
  const s0 = i;
  let sig = 0;
  for (let d: number; i < n && (d = hexDigit(text.charCodeAt(i))) >= 0; i++) {
    start = start * 16 + d;
    if (start > 0) sig++;
  }
  if (i === s0 || sig > 13) return undefined;
  while (i < n && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (text.charCodeAt(i) !== 0x2d) return undefined; // `-`
  i++;
  while (i < n && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  let last = 0;
  const e0 = i;
  sig = 0;
  for (let d: number; i < n && (d = hexDigit(text.charCodeAt(i))) >= 0; i++) {
    last = last * 16 + d;
    if (last > 0) sig++;
  }
  if (i === e0 || sig > 13 || last < start) return undefined;
  while (i < n && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (text.charCodeAt(i) !== 0x3a) return undefined; // `:`
  i++;
  if (i === n) return { indent, start, last, raw: '' };
  const c = text.charCodeAt(i);
  if (c !== 0x20 && c !== 0x09) return undefined;
  const raw = text.slice(i + 1);
  if (NOT_DOT.test(raw)) return undefined;
  return { indent, start, last, raw };
}

interface Open {
  indent: number;
  type: RegionType;
  /** This resource and all its ancestors are RAM-like (System RAM, kernel, crash kernel). */
  ramChain: boolean;
}

const RAM_LIKE: ReadonlySet<RegionType> = new Set<RegionType>(['ram', 'kernel', 'crashkernel']);

/**
 * Region type of one /proc/iomem name given its ancestors (outermost first). Names are
 * compared without case: older kernels print `reserved`, Ingo Molnar's e820 rework prints
 * `Device reserved`, `ACPI tables`, `Persistent memory`.
 */
export function iomemType(name: string, ancestors: readonly RegionType[]): RegionType {
  return typeUnder(name, ancestors.every((t) => RAM_LIKE.has(t)));
}

// Names repeat (every `System RAM`, `Kernel code`): their normalised form is kept, a bounded few.
const NORMAL = new Map<string, string>();

function normalName(name: string): string {
  let n = NORMAL.get(name);
  if (n === undefined) {
    n = name.trim().replace(/\s+/g, ' ').toLowerCase();
    if (NORMAL.size < 4096) NORMAL.set(name, n);
  }
  return n;
}

/** iomemType with the ancestors summed up: are they all RAM-like? */
function typeUnder(name: string, underRamOnly: boolean): RegionType {
  const n = normalName(name);
  if (n === 'system ram') {
    // Top-level System RAM is the kernel's own; System RAM nested under a driver's range
    // (dax, CXL window, Soft Reserved, Persistent Memory) was added by that driver. Before 5.8
    // the dax kmem driver named its memory plain `System RAM` (later `System RAM (kmem)`), so
    // nesting, not the name, tells boot RAM from driver-managed RAM (kernel.md §5.1).
    return underRamOnly ? 'ram' : 'ram-driver';
  }
  if (n.startsWith('system ram (')) return 'ram-driver'; // (kmem), (virtio_mem)
  if (n.startsWith('kernel ')) return 'kernel'; // code, rodata, data, bss
  if (n.startsWith('crash kernel')) return 'crashkernel'; // also "(low)"
  if (n === 'reserved' || n === 'device reserved' || n === 'ram buffer') return 'reserved';
  if (n === 'unknown e820 type' || n === 'uncached ram' || /^type \d+$/.test(n)) return 'reserved';
  if (n === 'acpi tables') return 'acpi';
  if (n === 'acpi non-volatile storage') return 'acpi-nvs';
  if (n.startsWith('persistent memory')) return 'pmem';
  if (n === 'soft reserved') return 'soft-reserved';
  if (n === 'unusable memory') return 'unusable';
  if (/(^| )rom$/.test(n)) return 'rom'; // System ROM, Video ROM, Adapter ROM
  return 'mmio';
}

export class IomemReader extends BaseReader {
  private readonly open: Open[] = [];
  private parsed = 0;
  private nonZero = false;
  private firstLine = 0;
  /** End of the last top-level resource (exclusive), 0 when none. */
  private topEnd = 0n;

  constructor() {
    super('iomem');
  }

  protected parse(text: string, lineNo: number): boolean {
    const fast = scanLine(text);
    if (fast !== undefined) return this.entry(fast.indent, BigInt(fast.start), BigInt(fast.last + 1), fast.raw, lineNo, fast.start, fast.last);
    const m = LINE.exec(text);
    if (!m) {
      if (LOOKS_LIKE.test(text)) throw new LineError('malformed /proc/iomem line');
      return false;
    }
    const indent = m[1].indexOf('\t') < 0 ? m[1].length : m[1].replace(/\t/g, '        ').length;
    const { start, end } = inclusive(hex(m[2]), hex(m[3]));
    return this.entry(indent, start, end, m[4] ?? '', lineNo);
  }

  private entry(indent: number, start: bigint, end: bigint, raw: string, lineNo: number, startNum?: number, lastNum?: number): boolean {
    // Bug reports annotate pasted maps (`Reserved      <----- ESRT`, `Soft Reserved  ### 2 hmem
    // nodes`); the arrow or hashes are not the name (kernel names carry at most one `#`: `PCI Bus #01`).
    const name = (raw.indexOf('<-') < 0 && raw.indexOf('#') < 0 ? raw : raw.replace(/\s+(?:<-{2,}|##|#\s).*$/, '')).trim();
    const zero = startNum !== undefined ? startNum === 0 && lastNum === 0 : start === 0n && end === 1n;
    if (indent === 0 && !zero) {
      if (start < this.topEnd) throw new SnapshotBoundary();
      this.topEnd = end;
    }
    while (this.open.length > 0 && this.open[this.open.length - 1].indent >= indent) this.open.pop();
    const parent = this.open[this.open.length - 1];
    const underRamOnly = parent === undefined || parent.ramChain;
    const type = typeUnder(name, underRamOnly);
    this.open.push({ indent, type, ramChain: underRamOnly && RAM_LIKE.has(type) });
    if (this.parsed++ === 0) this.firstLine = lineNo;
    if (!zero) this.nonZero = true;
    this.region(start, end, type, name, lineNo, startNum, lastNum);
    return true;
  }

  protected override end(): void {
    if (this.parsed > 0 && !this.nonZero) {
      // r_show prints 0-0 for every resource unless the reader has CAP_SYS_ADMIN.
      this.result.regions.length = 0;
      if (this.sink && this.result.streamed) {
        this.sink.sink.discard();
        this.result.streamed.count = this.result.streamed.crash = 0;
      }
      this.warn(this.firstLine, 'addresses are all zero: /proc/iomem was read without CAP_SYS_ADMIN; run as root');
    }
  }
}
