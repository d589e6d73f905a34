// EFI memory map as printed with `efi=debug`.
//   x86:   `efi: mem07: [Conventional|   |  |…|UC] range=[0x…-0x…] (2047MB)`
//          pre-v5.9 names were 19 characters wide (`Conventional Memory`), ≈v6.9 added an `HP`
//          column, unknown attribute bits print `|attr=0x…]`, unknown types `[type=N|…`; older
//          logs end the range with `)` (exclusive) instead of `]` (inclusive); very old ones
//          print `type=7, attr=0xf, range=[…)`.
//   arm64/riscv/loongarch: `efi:   0x…-0x… [Conventional|…]` (inclusive, maybe a trailing `*`).
// Attribute columns are read by name, so any number of them is accepted.
// Corrupt (import/corrupt): end before start, past 2^64, a type name Linux never prints or a
// `type=N` beyond the 16 types efi_md_typeattr_format() names that is not an OEM or OS-loader type
// (those are reserved memory), overlapping descriptors.
// A second map (`mem00:` again, or another `Processing EFI memory map:`) is the next snapshot.
// Pasted into a mail, an x86 line may be wrapped before `range=`: the descriptor line and the
// `range=[…]` line after it are read as one entry. A `memNN:` entry repeated identically (quoted
// again in prose) is read once with a warning: the kernel prints each descriptor once.

import { RegionType } from '../engine/types';
import { BaseReader, LineError, SnapshotBoundary, exclusive, hex, inclusive } from './lines';

// The descriptor is `[…]` without a `]` inside, or the very old `type=N, attr=0x…,`; keeping
// it unambiguous keeps matching linear on hostile input.
const X86_START = /\bmem\d+:/;
const X86 = /^mem(\d+):\s*(\[[^\]]*\]|type=\d+,\s*attr=0x[0-9a-fA-F]+,?)\s*range=\[\s*0x([0-9a-fA-F]+)\s*-\s*0x([0-9a-fA-F]+)\s*([\])])/;
const GENERIC = /^\s*efi:\s+0x([0-9a-fA-F]+)\s*-\s*0x([0-9a-fA-F]+)\s*\[(.*)\]\s*\*?\s*$/;
const HEADER = /^\s*efi:\s*Processing EFI memory map:\s*$/;
const OLD_DESC = /^type=(\d+),\s*attr=0x([0-9a-fA-F]+),?$/;
/** An x86 entry cut before `range=` (a mailer wrapped it): the rest comes on the next line. */
const X86_HEAD = /^mem\d+:\s*(?:\[[^\]]*\]|type=\d+,\s*attr=0x[0-9a-fA-F]+,?)\s*$/;
const RANGE_TAIL = /^\s*range=\[/;

const EFI_MEMORY_SP = 0x40000n;
const UNACCEPTED = 15;
const CONVENTIONAL = 7;

// Index = EFI memory type number. Both the current 12-character names and the pre-v5.9 ones.
const TYPE_NAMES: readonly (readonly string[])[] = [
  ['reserved'],
  ['loader code'],
  ['loader data'],
  ['boot code'],
  ['boot data'],
  ['runtime code'],
  ['runtime data'],
  ['conventional', 'conventional memory'],
  ['unusable', 'unusable memory'],
  ['acpi reclaim', 'acpi reclaim memory'],
  ['acpi mem nvs', 'acpi memory nvs'],
  ['mmio', 'memory mapped i/o'],
  ['mmio port', 'mmio port space'],
  ['pal code'],
  ['persistent', 'persistent memory'],
  ['unaccepted'],
];
const CANONICAL = ['Reserved', 'Loader Code', 'Loader Data', 'Boot Code', 'Boot Data', 'Runtime Code', 'Runtime Data',
  'Conventional', 'Unusable', 'ACPI Reclaim', 'ACPI Mem NVS', 'MMIO', 'MMIO Port', 'PAL Code', 'Persistent', 'Unaccepted'];

const BY_NAME = new Map<string, number>();
TYPE_NAMES.forEach((names, i) => names.forEach((n) => BY_NAME.set(n, i)));

/** Region type of an EFI memory type number (boot-services and loader memory is RAM to Linux). */
export function efiType(efi: number, softReserved: boolean): RegionType {
  switch (efi) {
    case 1: case 2: case 3: case 4: return 'ram';
    case CONVENTIONAL: return softReserved ? 'soft-reserved' : 'ram';
    case 8: return 'unusable';
    case 9: return 'acpi';
    case 10: return 'acpi-nvs';
    case 11: case 12: return 'mmio';
    case 14: return 'pmem';
    case UNACCEPTED: return 'ram'; // usable RAM once accepted; also listed as unaccepted
    default: return 'reserved'; // Reserved, Runtime Code/Data, PAL Code, unknown types
  }
}

/**
 * A `type=N` number: one of the 16 types Linux names, or a firmware's own type in the ranges the
 * UEFI spec gives OEMs (0x70000000–0x7fffffff) and OS loaders (0x80000000–0xffffffff), which the
 * kernel prints as `[type=N` and x86 `do_add_efi_memmap()` hands over as reserved. Any other number
 * is one the spec reserves and no firmware may use: the entry is corrupt.
 */
function knownType(digits: string): number {
  const n = Number(digits);
  if (n < CANONICAL.length || (n >= 0x7000_0000 && n <= 0xffff_ffff)) return n;
  throw new LineError(`EFI memory type ${digits} is not one Linux knows`, true);
}

interface Desc {
  efi: number;
  label: string;
  sp: boolean;
}

function parseBracket(inner: string): Desc {
  const fields = inner.split('|').map((f) => f.trim());
  const name = fields[0];
  let efi: number;
  let label: string;
  const typeNum = /^type=(\d+)$/.exec(name);
  if (typeNum) {
    efi = knownType(typeNum[1]);
    label = CANONICAL[efi] ?? `type=${typeNum[1]}`;
  } else {
    const n = BY_NAME.get(name.replace(/\s+/g, ' ').toLowerCase());
    if (n === undefined) throw new LineError(`unknown EFI memory type "${name}"`, true);
    efi = n;
    label = name.replace(/\s+/g, ' ');
  }
  let sp = false;
  for (const f of fields.slice(1)) {
    if (f === 'SP') sp = true;
    const attr = /^attr=0x([0-9a-fA-F]+)$/.exec(f);
    if (attr && (hex(attr[1]) & EFI_MEMORY_SP) !== 0n) sp = true;
  }
  return { efi, label, sp };
}

function parseDesc(desc: string): Desc {
  const d = desc.trim();
  const br = /^\[(.*)\]$/.exec(d);
  if (br) return parseBracket(br[1]);
  const old = OLD_DESC.exec(d);
  if (old) {
    const efi = knownType(old[1]);
    return { efi, label: CANONICAL[efi] ?? `type=${old[1]}`, sp: (hex(old[2]) & EFI_MEMORY_SP) !== 0n };
  }
  throw new LineError('malformed EFI memory descriptor', true);
}

export class EfiReader extends BaseReader {
  private entries = 0;
  private spans: { start: bigint; end: bigint; line: number; index?: number; efi?: number }[] = [];
  /** The descriptor half of a wrapped x86 line, waiting for its `range=[…]` line. */
  private head: { text: string; line: number } | undefined;

  constructor() {
    super('efi');
  }

  /** Descriptors never overlap in a map the firmware hands over (efi_memmap_insert() keeps it so). */
  protected override end(): void {
    this.cutHead();
    const sorted = this.spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let reach = 0n;
    sorted.forEach((e, i) => {
      if (i > 0 && e.start < reach) this.corrupt(e.line, 'EFI memory descriptors overlap');
      if (e.end > reach) reach = e.end;
    });
    this.spans = [];
  }

  private cutHead(): void {
    if (this.head) this.warn(this.head.line, 'EFI entry without its range=[…] (the line is cut); not read');
    this.head = undefined;
  }

  protected parse(text: string, lineNo: number): boolean {
    let entryLine = lineNo;
    if (this.head && RANGE_TAIL.test(text)) {
      text = `${this.head.text} ${text.trim()}`;
      entryLine = this.head.line;
      this.head = undefined;
    } else {
      this.cutHead();
    }
    const start = X86_START.exec(text);
    const x86 = start ? text.slice(start.index) : '';
    let m = start ? X86.exec(x86) : null;
    if (m) {
      const index = Number(m[1]);
      if (index === 0 && this.entries > 0) throw new SnapshotBoundary();
      const desc = parseDesc(m[2]);
      const first = hex(m[3]);
      const r = m[5] === ']' ? inclusive(first, hex(m[4])) : exclusive(first, hex(m[4]));
      // efi_print_memmap() with `memNN:` numbering is the x86 form; other arches print GENERIC.
      this.setArch('x86_64');
      const same = this.spans.find((e) => e.index === index && e.efi === desc.efi && e.start === r.start && e.end === r.end);
      if (same) {
        this.warn(entryLine, `repeats the EFI entry of line ${same.line}; read once`);
        return true;
      }
      this.add(r.start, r.end, desc, entryLine, index);
      return true;
    }
    if (start && X86_HEAD.test(x86)) {
      if (/^mem0+:/.test(x86) && this.entries > 0) throw new SnapshotBoundary();
      this.head = { text, line: lineNo };
      return true;
    }
    if (HEADER.test(text)) {
      if (this.entries > 0) throw new SnapshotBoundary();
      return true;
    }
    // x86 efi_remove_e820_mmio(): `efi: Remove memNN: MMIO range=[…] (NMB) from e820 map` changes the
    // e820 table (whose later print holds the result), not the EFI map: read, nothing imported.
    if (/\bRemove mem\d+:\s*MMIO range=\[/.test(text)) return true;
    m = GENERIC.exec(text);
    if (m) {
      const desc = parseBracket(m[3]);
      const r = inclusive(hex(m[1]), hex(m[2]));
      this.add(r.start, r.end, desc, lineNo);
      return true;
    }
    if (/\bmem\d+:/.test(text) && /range=/.test(text)) throw new LineError('malformed EFI memory map line');
    return false;
  }

  /** Firmware splits memory finely; adjacent descriptors of one region type are merged. */
  private add(start: bigint, end: bigint, desc: Desc, lineNo: number, index?: number): void {
    this.entries++;
    this.spans.push({ start, end, line: lineNo, index, efi: desc.efi });
    const type = efiType(desc.efi, desc.efi === CONVENTIONAL && desc.sp);
    const regions = this.result.regions;
    const last = regions[regions.length - 1];
    if (last && last.type === type && last.end === start) {
      last.end = end;
      if (last.label !== desc.label) delete last.label; // a mix of EFI types: no single name
    } else {
      this.region(start, end, type, desc.label, lineNo);
    }
    if (desc.efi === UNACCEPTED) {
      const un = this.result.unaccepted;
      const prev = un[un.length - 1];
      if (prev && prev.end === start) prev.end = end;
      else un.push({ start, end, line: lineNo });
    }
  }
}
