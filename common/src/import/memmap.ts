// Dumps of /sys/firmware/memmap (drivers/firmware/memmap.c): every directory N holds `start`
// and `end` (`0x%llx`, end inclusive) and `type` (the /proc/iomem names). Accepted shapes:
//   `0x100000 0xbffdffff System RAM`          one entry per line (also `N:` or `/sys/…/N:` first)
//   `0x100000-0xbffdffff (System RAM)`        a shell loop's `start-end (type)` form
//   `0000000000100000-00000000bffe0000 (System RAM)`  the ABI document's snippet: end exclusive
//   `/sys/firmware/memmap/3/start:0x100000`   `grep . /sys/firmware/memmap/*/*`, grouped by N
//   `==> /sys/firmware/memmap/3/start <==`    `head` output: the value is on the next line
// Values without `0x` are read as hex, as the files print them.
// A start address seen again, or a directory's file read twice, begins another listing (a snapshot
// boundary, see mixed.ts). Addresses going back do not: a shell glob lists the directories as
// 0, 1, 10, 11, …, 2, so a single listing is not in address order.

import { RegionType } from '../engine/types';
import { BaseReader, LineError, SnapshotBoundary, exclusive, hexToken, inclusive } from './lines';

const PLAIN = /^\s*(?:(?:\/sys\/firmware\/memmap\/)?(\d+)\s*:\s*)?(0[xX])?([0-9a-fA-F]+)(?:\s*-\s*|\s+)(0[xX])?([0-9a-fA-F]+)\s+([^\s:].*)$/;
const GREP = /(?:^|\/)(\d+)\/(start|end|type)\s*:(.*)$/;
const DOC_SCRIPT = /^\s*[0-9a-fA-F]{16}-[0-9a-fA-F]{16} \(/;
const HEAD = /^\s*==>\s*(?:.*\/)?(\d+)\/(start|end|type)\s*<==\s*$/;

/** Region type of a memmap `type` string; undefined when the name is not one the kernel uses. */
export function memmapType(name: string): RegionType | undefined {
  const n = name.trim().replace(/\s+/g, ' ').toLowerCase();
  switch (n) {
    case 'system ram': return 'ram';
    case 'reserved': case 'device reserved': case 'unknown e820 type': case 'uncached ram': return 'reserved';
    case 'acpi tables': return 'acpi';
    case 'acpi non-volatile storage': return 'acpi-nvs';
    case 'unusable memory': return 'unusable';
    case 'soft reserved': return 'soft-reserved';
  }
  if (n.startsWith('persistent memory')) return 'pmem';
  return undefined;
}

interface Group {
  dir: number;
  start?: string;
  end?: string;
  type?: string;
  line: number;
}

export class MemmapReader extends BaseReader {
  private readonly groups = new Map<number, Group>();
  private pending: { dir: number; key: 'start' | 'end' | 'type' } | undefined;
  private readonly starts = new Set<bigint>();

  constructor() {
    super('memmap');
  }

  protected parse(text: string, lineNo: number): boolean {
    let m: RegExpExecArray | null;
    if ((m = HEAD.exec(text))) {
      if (this.groups.get(Number(m[1]))?.[m[2] as 'start' | 'end' | 'type'] !== undefined) throw new SnapshotBoundary();
      this.pending = { dir: Number(m[1]), key: m[2] as 'start' | 'end' | 'type' };
      this.group(this.pending.dir, lineNo);
      return true;
    }
    if ((m = GREP.exec(text))) {
      if (this.groups.get(Number(m[1]))?.[m[2] as 'start' | 'end' | 'type'] !== undefined) throw new SnapshotBoundary();
      this.pending = undefined;
      this.set(Number(m[1]), m[2] as 'start' | 'end' | 'type', m[3], lineNo);
      return true;
    }
    if (this.pending) {
      const p = this.pending;
      this.pending = undefined;
      this.set(p.dir, p.key, text, lineNo);
      return true;
    }
    if ((m = PLAIN.exec(text))) {
      const paren = /^\((.*)\)$/.exec(m[6].trim());
      const label = (paren ? paren[1] : m[6]).trim();
      let type = memmapType(label);
      if (type === undefined) {
        // Without `0x` two hex-looking words are too weak a signal to call the line an entry.
        if (!m[2] || !m[4]) return false;
        type = 'reserved'; // kexec-tools reads unknown names as RANGE_RESERVED
      }
      // The snippet in Documentation/ABI/testing/sysfs-firmware-memmap prints
      // `printf "%016x-%016x (%s)\n" $start $[ $end +1] "$type"`: in that shape the end is exclusive.
      const r = DOC_SCRIPT.test(text) ? exclusive(hexToken(m[3]), hexToken(m[5])) : inclusive(hexToken(m[3]), hexToken(m[5]));
      if (this.starts.has(r.start)) throw new SnapshotBoundary();
      this.starts.add(r.start);
      this.region(r.start, r.end, type, label, lineNo);
      return true;
    }
    return false;
  }

  private group(dir: number, lineNo: number): Group {
    let g = this.groups.get(dir);
    if (!g) {
      g = { dir, line: lineNo };
      this.groups.set(dir, g);
    }
    return g;
  }

  private set(dir: number, key: 'start' | 'end' | 'type', value: string, lineNo: number): void {
    const v = value.trim();
    if (key !== 'type' && !/^(0[xX])?[0-9a-fA-F]+$/.test(v)) throw new LineError('malformed number');
    this.group(dir, lineNo)[key] = v;
  }

  protected override end(): void {
    const groups = [...this.groups.values()].sort((a, b) => a.dir - b.dir);
    const made: { g: Group; start: bigint; end: bigint; type: RegionType }[] = [];
    for (const g of groups) {
      const missing = (['start', 'end', 'type'] as const).filter((k) => g[k] === undefined);
      if (missing.length > 0) {
        this.skip(g.line, `/sys/firmware/memmap/${g.dir}`, `incomplete entry (no ${missing.join(', ')})`);
        continue;
      }
      try {
        const r = inclusive(hexToken(g.start!), hexToken(g.end!));
        made.push({ g, start: r.start, end: r.end, type: memmapType(g.type!) ?? 'reserved' });
      } catch (e) {
        this.skip(g.line, `/sys/firmware/memmap/${g.dir}`, e instanceof LineError ? e.message : 'malformed entry');
      }
    }
    for (const x of made) this.region(x.start, x.end, x.type, x.g.type, x.g.line);
  }
}
