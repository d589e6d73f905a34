// e820 lines of an x86 boot log (arch/x86/kernel/e820.c): `WHO: [mem 0xA-0xB] TYPE` with an
// inclusive end, optionally with Ingo Molnar's size column and `[gap …]` lines, plus the
// `e820: update`/`e820: remove` lines, applied in order.
//
// Which map wins: every print of the table is complete (BIOS-e820, BIOS-88, BIOS-e801,
// `modified`, `user`, `reserve setup_data`). A new print starts when the WHO word changes or a
// "... physical RAM map:" header appears, and it replaces the map read so far. So a `modified`
// or `user` map supersedes the BIOS one (it already contains the updates printed before it),
// and update/remove lines apply to the most recent map. A second boot in one log (a new
// `BIOS-provided physical RAM map:` header, or firmware entries that start again from a lower
// address) is a snapshot boundary: the mixed reader keeps the boots apart (mixed.ts).
// Printed maps never overlap (e820__update_table() sanitizes the table before it is printed), so
// overlapping entries mark the map corrupt.

import { RegionType } from '../engine/types';
import { BaseReader, LineError, SnapshotBoundary, exclusive, hex, inclusive } from './lines';

const HEXN = '0x([0-9a-fA-F]+)';
const ENTRY = new RegExp(`^\\s*(BIOS-\\w+|Xen|modified|user|reserve setup_data)\\s*:\\s*\\[(mem|gap)\\s+${HEXN}\\s*-\\s*${HEXN}\\s*\\]\\s*(.*)$`, 'i');
// Type texts are captured whole and trimmed in code: lazy groups next to `\s*` can take
// quadratic time on long runs of spaces.
const UPDATE = new RegExp(`^\\s*e820:?\\s*update\\s*\\[mem\\s+${HEXN}\\s*-\\s*${HEXN}\\s*\\]([^=]*)==>(.*)$`);
const REMOVE = new RegExp(`^\\s*e820:?\\s*remove\\s*\\[mem\\s+${HEXN}\\s*-\\s*${HEXN}\\s*\\](.*)$`);
// 2.6-era kernels: ` BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)`, end exclusive.
const OLD_ENTRY = /^\s*(BIOS-e820|BIOS-88|BIOS-e801|modified|user)\s*:\s*([0-9a-fA-F]+)\s*-\s*([0-9a-fA-F]+)\s*\(([^)]*)\)\s*$/;
const HEADER = /physical RAM map:\s*$/;
const BOOT_HEADER = /BIOS-provided physical RAM map:\s*$/;
const RAM_BUFFER = /^\s*e820:\s*reserve RAM buffer\s*\[mem/;
const SIZE_COLUMN = /^\d+(?:\.\d+)?\s*[KMGTPE]?i?B\b\s*/i;

interface Entry {
  start: bigint;
  end: bigint;
  type: RegionType;
  label: string;
  line: number;
}

/** Region type of an e820 type text, old names and new; undefined when unknown. */
export function e820Type(text: string): RegionType | undefined {
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase();
  switch (t) {
    case 'usable': case 'system ram': case 'kernel usable ram': return 'ram';
    case 'reserved': case 'device reserved': case 'unknown e820 type': return 'reserved';
    case 'acpi data': case 'acpi tables': return 'acpi';
    case 'acpi nvs': case 'acpi non-volatile storage': return 'acpi-nvs';
    case 'unusable': case 'unusable memory': return 'unusable';
    case 'soft reserved': return 'soft-reserved';
  }
  if (/^persistent\b/.test(t)) return 'pmem'; // `persistent (type 7)`, `persistent RAM (type 12)`, `Persistent memory`
  if (/^type \d+$/.test(t)) return 'reserved'; // an e820 type the kernel has no name for
  return undefined;
}

/** What an update/remove line's type must equal: unknown numbered types stay distinct. */
function matchKey(type: RegionType, label: string): string {
  const t = label.trim().toLowerCase();
  return /^type \d+$/.test(t) ? t : type;
}

function typeText(rest: string): string {
  return rest.replace(SIZE_COLUMN, '').trim();
}

export class E820Reader extends BaseReader {
  private map: Entry[] = [];
  private lastWho: string | undefined;
  private headerSeen = false;
  private entries = 0;
  /** Start of the last firmware (BIOS-*, Xen) entry of the current print. */
  private lastFirmwareStart: bigint | undefined;

  constructor() {
    super('e820');
  }

  protected parse(text: string, lineNo: number): boolean {
    let m: RegExpExecArray | null;
    if ((m = UPDATE.exec(text))) {
      this.update(m, lineNo);
      return true;
    }
    if ((m = REMOVE.exec(text))) {
      this.remove(m);
      return true;
    }
    if (HEADER.test(text)) {
      if (BOOT_HEADER.test(text) && this.entries > 0) throw new SnapshotBoundary();
      this.headerSeen = true;
      return true;
    }
    if (RAM_BUFFER.test(text)) return true; // an iomem padding resource, not an e820 entry
    if ((m = ENTRY.exec(text))) {
      const r = inclusive(hex(m[3]), hex(m[4]));
      if (m[2] !== 'gap' && this.repeated(m[1], r.start, r.end, typeText(m[5]), lineNo)) return true;
      this.nextBoot(m[1], r.start);
      this.block(m[1]);
      if (m[2] === 'gap') return true; // a hole between entries, printed for people
      this.add(r.start, r.end, typeText(m[5]), lineNo);
      return true;
    }
    if ((m = OLD_ENTRY.exec(text))) {
      const r = exclusive(hex(m[2]), hex(m[3]));
      if (this.repeated(m[1], r.start, r.end, m[4].trim(), lineNo)) return true;
      this.nextBoot(m[1], r.start);
      this.block(m[1]);
      this.add(r.start, r.end, m[4].trim(), lineNo);
      return true;
    }
    if (/^\s*(BIOS-\w+|modified|user)\s*:/.test(text)) throw new LineError('malformed e820 line');
    return false;
  }

  /**
   * A line repeated in a paste (a syslog or an editor doubles it): an entry of the current print
   * read again, identical, that does not go back to the print's first address. The kernel never
   * prints one (e820__update_table() sanitizes the table first), so it is the paste's, read once;
   * going back to the first address is the next boot (nextBoot).
   */
  private repeated(who: string, start: bigint, end: bigint, label: string, lineNo: number): boolean {
    const first = this.map[0];
    if (first === undefined || who.toLowerCase() !== this.lastWho || this.headerSeen || start <= first.start) return false;
    const same = this.map.find((e) => e.start === start && e.end === end && e.label === label);
    if (same === undefined) return false;
    this.warn(lineNo, `repeats the e820 entry of line ${same.line}; read once`);
    return true;
  }

  /**
   * Firmware entries come in address order within one print; one that goes back, or that follows
   * a `modified`/`user` print without a header, is the next boot's map.
   */
  private nextBoot(who: string, start: bigint): void {
    const w = who.toLowerCase();
    const firmware = w.startsWith('bios-') || w === 'xen';
    if (!firmware || this.entries === 0) {
      if (firmware) this.lastFirmwareStart = start;
      return;
    }
    const sameBlock = w === this.lastWho && !this.headerSeen;
    if (!this.headerSeen && (!sameBlock || (this.lastFirmwareStart !== undefined && start < this.lastFirmwareStart))) {
      if (!(this.lastWho ?? '').startsWith('bios-') || sameBlock) throw new SnapshotBoundary();
    }
    this.lastFirmwareStart = start;
  }

  private block(who: string): void {
    const w = who.toLowerCase();
    if (w !== this.lastWho || this.headerSeen) {
      this.map = [];
      this.lastWho = w;
      this.headerSeen = false;
    }
  }

  private add(start: bigint, end: bigint, label: string, lineNo: number): void {
    const type = e820Type(label);
    if (type === undefined) throw new LineError(`unknown e820 type "${label}"`, true);
    this.setArch('x86_64');
    this.entries++;
    this.map.push({ start, end, type, label, line: lineNo });
  }

  private update(m: RegExpExecArray, lineNo: number): void {
    const { start, end } = inclusive(hex(m[1]), hex(m[2]));
    const oldText = typeText(m[3]);
    const newText = typeText(m[4]);
    const oldType = e820Type(oldText);
    const newType = e820Type(newText);
    if (oldType === undefined || newType === undefined) {
      throw new LineError(`unknown e820 type "${oldType === undefined ? oldText : newText}"`);
    }
    const key = matchKey(oldType, oldText);
    this.map = this.map.flatMap((e) => {
      if (matchKey(e.type, e.label) !== key || e.end <= start || e.start >= end) return [e];
      const lo = e.start > start ? e.start : start;
      const hi = e.end < end ? e.end : end;
      const out: Entry[] = [];
      if (e.start < lo) out.push({ ...e, end: lo });
      out.push({ start: lo, end: hi, type: newType, label: newText, line: lineNo });
      if (hi < e.end) out.push({ ...e, start: hi });
      return out;
    });
  }

  private remove(m: RegExpExecArray): void {
    const { start, end } = inclusive(hex(m[1]), hex(m[2]));
    const oldText = typeText(m[3]);
    let key: string | undefined;
    if (oldText !== '') {
      const oldType = e820Type(oldText);
      if (oldType === undefined) throw new LineError(`unknown e820 type "${oldText}"`);
      key = matchKey(oldType, oldText);
    }
    this.map = this.map.flatMap((e) => {
      if ((key !== undefined && matchKey(e.type, e.label) !== key) || e.end <= start || e.start >= end) return [e];
      const out: Entry[] = [];
      if (e.start < start) out.push({ ...e, end: start });
      if (end < e.end) out.push({ ...e, start: end });
      return out;
    });
  }

  protected override end(): void {
    const sorted = this.map.slice().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let reach = 0n;
    sorted.forEach((e, i) => {
      if (i > 0 && e.start < reach) this.corrupt(e.line, 'e820 entries overlap');
      if (e.end > reach) reach = e.end;
      this.region(e.start, e.end, e.type, e.label, e.line);
    });
  }
}
