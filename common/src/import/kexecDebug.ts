// Segment lists of a kexec load.
//  kexec-tools `kexec -d` (kexec/kexec.c): `kexec_load: entry = %p flags = 0x%lx`,
//    `nr_segments = %d`, then four lines per segment `segment[N].buf   = %p`, `.bufsz = 0x%zx`,
//    `.mem   = %p`, `.memsz = 0x%zx` (glibc prints NULL as `(nil)`; kexec-tools before 2013
//    printed the sizes as bare hex), `kexec_file_load: flags = 0x%lx`, and the
//    `MEMORY RANGES` list `%016llx-%016llx (%d)` (inclusive, kexec-tools range type numbers).
//  kernel kexec_file debug: `kexec_file: nr_segments = N`,
//    `segment[N]: buf=0x%p bufsz=… mem=… memsz=…` (older: `Loading segment N: …`), where buf is a
//    hashed pointer and is never stored, `kexec_file_load: type:%u, start:0x%lx head:… flags:…`,
//    the image loaders' `Loaded <what> at 0x… [bufsz=… memsz=…]` lines, which name segments, and
//    bzImage64's `E820 memmap:` list (`%016llx-%016llx (%d)` with e820 type numbers).
//  The proposed kernel-side kexec_load debug prints the same shapes with a `kexec: ` prefix and
//    `kexec_load: type:…, start:…, head:… flags:…` (flags carry the KEXEC_ARCH bits).
//  kexec-lite (kexec.c add_kexec_segment): `add_kexec_segment %-11s buf %p bufsize 0x%08lx, dest %p,
//    memsize 0x%08lx`, one line per segment in load order, named by the first word.
//  Probes (bpftrace, SystemTap, printk patches) print the kernel's `key=value` shape with their own
//    bases: `bufsz=4096 mem=0x1000000 memsz=16384`.
//
// Number bases, by line shape (decided per value, never per file):
//  * `segment[N].field = V` (kexec-tools): V is hex, with or without `0x` (`%p`, and `0x%zx` or,
//    before 2013, `%zx`).
//  * `key=V` / `key: V` (kernel, kexec-lite, probes): `0x…` is hex; bare digits are decimal (the
//    kernel always prints `0x`, so a bare number comes from a `%d`/`%lu` printer); bare digits with
//    a–f can only be hex and are read so.
//  * `MEMORY RANGES`/`E820 memmap` lines: kexec-tools' `%016llx`, always hex.

import { ArchName, ImportedSegment, RegionType } from '../engine/types';
import { BaseReader, LineError, SnapshotBoundary, dec, hex, hexToken, inclusive } from './lines';

const VAL = '(\\(nil\\)|(?:0[xX])?[0-9a-fA-F]+)';
const KEXEC_LOAD = new RegExp(`^\\s*(?:kexec_load:\\s*)?entry\\s*=\\s*${VAL}\\s+flags\\s*=\\s*${VAL}\\s*$`);
const FILE_USER = new RegExp(`\\bkexec_file_load:\\s*flags\\s*=\\s*${VAL}\\s*$`);
const KERNEL_LOADED = new RegExp(`\\bkexec(_file)?_load:\\s*type:\\s*(\\d+),\\s*start:\\s*${VAL},?\\s+head:\\s*${VAL},?\\s+flags:\\s*${VAL}`);
const NR = /\bnr_segments\s*=\s*(\d+)\s*$/;
// `\\]?`: a list retyped into a mail loses a bracket (`segment[1.bufsz = 0x234c800`).
const USER_FIELD = new RegExp(`\\bsegment\\[(\\d+)\\]?\\.(buf|bufsz|mem|memsz)\\s*=\\s*${VAL}\\s*$`);
// An author's note after a kexec-tools value (`segment[0].mem   = 0x40080000  #kernel`): not the value.
const NOTE = /(\S)\s+#.*$/;
// Not anchored at the end: people annotate pasted logs (`memsz=0x24b7000   <---- here`).
const KERNEL_SEG = new RegExp(
  `\\b(?:segment\\[(\\d+)\\]:|Loading segment (\\d+):)\\s*buf=(\\S+)\\s+bufsz=${VAL}\\s+mem=${VAL}\\s+memsz=${VAL}(?![\\w(])`);
// Applied from the first `Loaded ` only, so a line cannot make the search quadratic.
const LOADED = /^Loaded (.+?) at (?:addr )?(0[xX][0-9a-fA-F]+)\b(.*)$/;
// dbgprint_mem_range(prefix, …) headers (kexec/kexec.c): what the `%016llx-%016llx (%d)` lines after them are.
//   the memory map: x86/ppc/s390/… `MEMORY RANGES`, loongarch `MEMORY RANGES:`, arm64 `System RAM ranges;`,
//   riscv `Memory regions:` (its lines `0xA - 0xB : RANGE_RAM (0)`)
//   the crash reservation: arm64 `Reserved memory ranges`, riscv `Reserved memory range`
//   derived lists (what a dump would cover): `Coredump memory ranges`, `CRASH MEMORY RANGES` — read, not imported
const RANGES_HEADER = /^\s*(?:MEMORY RANGES:?|System RAM ranges;?|Memory regions:)\s*$/;
const CRASH_RANGES_HEADER = /^\s*Reserved memory ranges?:?\s*$/;
const DERIVED_RANGES_HEADER = /^\s*(?:Coredump memory ranges|CRASH MEMORY RANGES|ELF core \(kcore\) parse)\s*:?\s*$/i;
const E820_HEADER = /\bE820 memmap:\s*$/;
const RANGE = /^\s*(?:([\w-]+):\s+)?([0-9a-fA-F]+)-([0-9a-fA-F]+)\s+\((-?\d+)\)\s*$/;
// kexec-tools' riscv loader lists the DT memory under `Memory regions:` as `\t0x%llx - 0x%llx : %s (%i)`
// with the RANGE_* name before the number (end inclusive, like the other range lists).
const NAMED_RANGE = /^\s*0x([0-9a-fA-F]+)\s*-\s*0x([0-9a-fA-F]+)\s*:\s*RANGE_[A-Z_]+\s*\((\d+)\)\s*$/;
const SEGMENT_LIKE = /\bsegment\[\d+\]|Loading segment \d/;
// What kexec-tools says when a load fails (kexec/kexec.c: my_load, add_segment_phys_virt, locate_hole,
// valid_memory_segment): the source's own verdict, kept as a warning beside the one the check gives.
const REPORTED_FAILURE = /\b(kexec(?:_file)?_load failed: [^\n]{1,120}|Overlapping memory segments at \S+|Could not find a free area of memory[^\n]{0,80}|locate_hole failed|Invalid memory segment [^\n]{1,80}|Base address: 0x[0-9a-fA-F]+ is not page aligned|Cannot load [^\n]{1,120})/;
const LITE = /\badd_kexec_segment\s+(\S(?:[^\n]{0,40}?\S)?)\s+buf\s+(\S+)\s+bufsize\s+(\S+?),\s*dest\s+(\S+?),\s*memsize\s+(\S+)\s*$/;
// A probe's own line: `bufsz=… mem=… memsz=…` in this order, bounded gaps so matching stays linear.
const PROBE_SEG = /\bbufsz\s*[=:]\s*(\w+),?\s[^\n]{0,80}?\bmem\s*[=:]\s*(\w+),?\s[^\n]{0,80}?\bmemsz\s*[=:]\s*(\w+)/;
const PROBE_INDEX = /\bseg(?:ment)?\s*\[?\s*(\d+)\s*\]?/;

/** KEXEC_ARCH_* values (flags bits 16–31) of the architectures kexec-layout models. */
const ARCH_BY_FLAGS = new Map<number, ArchName>([
  [62, 'x86_64'], [183, 'arm64'], [243, 'riscv64'], [21, 'ppc64le'], [22, 's390x'], [258, 'loongarch64'],
]);

const KEXEC_ON_CRASH = 0x1n;
const KEXEC_FILE_ON_CRASH = 0x2n;
const KEXEC_TYPE_CRASH = 1;

/** kexec-tools RANGE_* numbers. */
function rangeType(n: number): RegionType {
  switch (n) {
    case 0: return 'ram';
    case 2: return 'acpi';
    case 3: return 'acpi-nvs';
    case 6: case 11: return 'pmem';
    default: return 'reserved'; // 1 RESERVED, 4 UNCACHED, anything else
  }
}

/** e820 type numbers, as bzImage64 prints them with %d. */
function e820NumberType(n: number): RegionType {
  switch (n) {
    case 1: return 'ram';
    case 3: return 'acpi';
    case 4: return 'acpi-nvs';
    case 5: return 'unusable';
    case 7: case 12: return 'pmem';
    case 0xefffffff: case 0xefffffff - 0x100000000: return 'soft-reserved';
    default: return 'reserved';
  }
}

/** Segment name from a loader's `Loaded <what> at` phrase. */
export function loadedName(what: string): string {
  const w = what.trim().toLowerCase();
  if (w.startsWith('purgatory')) return 'purgatory';
  if (w.startsWith('boot_param') || w.startsWith('real_mode_data') || w.startsWith('setup')) return 'boot_params';
  if (/(^|\s)kernel$/.test(w) || w === 'kernel image') return 'kernel';
  if (w.startsWith('initrd') || w.startsWith('initramfs')) return 'initrd';
  if (w === 'dtb' || w.startsWith('device tree') || w === 'fdt') return 'dtb';
  if (/elf\s*(core\s*)?header|elfcorehdr/.test(w)) return 'elfcorehdr';
  const id = w.replace(/[^a-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(id) ? id : `seg_${id}`;
}

interface Partial {
  name?: string;
  buf?: bigint;
  bufsz?: bigint;
  mem?: bigint;
  memsz?: bigint;
  line: number;
}

interface Loaded {
  name: string;
  mem: bigint;
  bufsz?: bigint;
  memsz?: bigint;
  line: number;
}

/** kexec-tools `.field = V`: hex with or without `0x`. */
function num(token: string): bigint {
  return hexToken(token);
}

/** A `key=V` value: `0x…` hex, bare digits decimal, bare digits with a–f hex (see the header). */
export function keyValue(token: string): bigint {
  const t = token.trim().replace(/[,;]$/, '');
  if (t === '(nil)') return 0n;
  if (/^0[xX]/.test(t)) return hex(t.slice(2));
  if (/^\d+$/.test(t)) return dec(t);
  return hex(t);
}

export class KexecDebugReader extends BaseReader {
  private segs = new Map<number, Partial>();
  private loaded: Loaded[] = [];
  private announced: { n: number; line: number } | undefined;
  private rangesRead = false;
  /** What the range lines mean: the memory map (RANGE_* numbers), bzImage64's `E820 memmap:` (e820
   *  numbers), the crash reservation, or a derived list that is not imported. */
  private rangeMode: 'map' | 'e820' | 'crash' | 'derived' = 'map';

  constructor() {
    super('kexec-debug');
  }

  protected parse(text: string, lineNo: number): boolean {
    let m: RegExpExecArray | null;
    if (text.indexOf('#') > 0 && /\bsegment\[\d|\bentry\s*=/.test(text)) text = text.replace(NOTE, '$1');
    if ((m = USER_FIELD.exec(text))) {
      const index = Number(m[1]);
      const field = m[2] as 'buf' | 'bufsz' | 'mem' | 'memsz';
      if (this.segs.get(index)?.[field] !== undefined) throw new SnapshotBoundary();
      const p = this.seg(index, lineNo);
      p[field] = num(m[3]);
      return true;
    }
    if ((m = KERNEL_SEG.exec(text))) {
      if (!/^0[xX][0-9a-fA-F]+$|^\(nil\)$/.test(m[3])) throw new LineError('malformed segment line');
      const index = Number(m[1] ?? m[2]);
      this.boundaryAt(index);
      const p = this.seg(index, lineNo);
      // The printer's prefix names the syscall: kernel/kexec_file.c pr_fmt "kexec_file: " (also the
      // older pr_debug "Loading segment N:"), the proposed kexec_load debug "kexec: ".
      const prefix = text.slice(0, m.index);
      if (/\bkexec_file(?:\([^)]*\))?:\s*$/.test(prefix)) this.result.syscall ??= 'kexec_file_load';
      else if (/\bkexec:\s*$/.test(prefix)) this.result.syscall ??= 'kexec_load';
      // buf is printed with %p: a per-boot hash, not an address.
      p.bufsz = keyValue(m[4]);
      p.mem = keyValue(m[5]);
      p.memsz = keyValue(m[6]);
      return true;
    }
    if ((m = LITE.exec(text))) {
      const index = this.segs.size;
      const p = this.seg(index, lineNo);
      this.result.syscall ??= 'kexec_load';
      p.bufsz = keyValue(m[3]);
      p.mem = keyValue(m[4]);
      p.memsz = keyValue(m[5]);
      p.name = loadedName(m[1]);
      return true;
    }
    if ((m = NR.exec(text))) {
      this.boundary();
      this.announced = { n: Number(dec(m[1])), line: lineNo };
      return true;
    }
    if ((m = KEXEC_LOAD.exec(text))) {
      this.boundary();
      const entry = num(m[1]);
      const flags = num(m[2]);
      this.result.syscall = 'kexec_load';
      this.result.entry = entry;
      this.result.crash = (flags & KEXEC_ON_CRASH) !== 0n;
      this.archFromFlags(flags, lineNo);
      return true;
    }
    if ((m = KERNEL_LOADED.exec(text))) {
      const file = m[1] !== undefined;
      const flags = num(m[5]);
      this.result.syscall = file ? 'kexec_file_load' : 'kexec_load';
      this.result.entry = num(m[3]);
      this.result.crash = Number(m[2]) === KEXEC_TYPE_CRASH ||
        (flags & (file ? KEXEC_FILE_ON_CRASH : KEXEC_ON_CRASH)) !== 0n;
      if (!file) this.archFromFlags(flags, lineNo);
      return true;
    }
    if ((m = FILE_USER.exec(text))) {
      const flags = num(m[1]);
      this.result.syscall = 'kexec_file_load';
      this.result.crash = (flags & KEXEC_FILE_ON_CRASH) !== 0n;
      return true;
    }
    const at = text.indexOf('Loaded ');
    if (at >= 0 && (at === 0 || /\W/.test(text[at - 1])) && (m = LOADED.exec(text.slice(at)))) {
      this.boundary();
      const rest = m[3];
      const bufsz = /\bbufsz=(\S+)/.exec(rest);
      const memsz = /\bmemsz=(\S+)/.exec(rest);
      const size = /\bsize\s+(\S+)/.exec(rest);
      const name = loadedName(m[1]);
      // Only the kernel's image loaders print `Loaded … at` (kexec_file_load): kexec-bzImage64 and
      // the kexec_file(Image)/kexec_file(elf) prefixes; kexec-tools never does.
      if (/\b(?:kexec-bzImage64|kexec_file(?:\([^)]*\))?):\s*$/.test(text.slice(0, at))) this.result.syscall ??= 'kexec_file_load';
      if (name === 'boot_params' && /boot_param/.test(m[1])) this.setArch('x86_64');
      if (/64bit kernel/.test(m[1])) this.setArch('x86_64');
      const l: Loaded = { name, mem: keyValue(m[2]), line: lineNo };
      if (bufsz) l.bufsz = keyValue(bufsz[1]);
      if (memsz) l.memsz = keyValue(memsz[1]);
      if (size) {
        l.bufsz ??= keyValue(size[1]);
        l.memsz ??= keyValue(size[1]);
      }
      this.loaded.push(l);
      return true;
    }
    if (RANGES_HEADER.test(text)) {
      this.boundary();
      if (this.rangesRead) throw new SnapshotBoundary();
      this.rangeMode = 'map';
      return true;
    }
    if (E820_HEADER.test(text)) {
      // kexec-tools' x86 setup_e820() (kexec/arch/i386/x86-linux-setup.c) prints the table it hands
      // to the new kernel, built from the MEMORY RANGES above (or the crash ranges with -p): the
      // same memory again, read but not imported. Alone, it is bzImage64's (kernel) map.
      this.rangeMode = this.rangesRead ? 'derived' : 'e820';
      return true;
    }
    if (CRASH_RANGES_HEADER.test(text)) {
      this.rangeMode = 'crash';
      return true;
    }
    if (DERIVED_RANGES_HEADER.test(text)) {
      this.rangeMode = 'derived';
      return true;
    }
    if ((m = RANGE.exec(text)) || (m = NAMED_RANGE.exec(text))) {
      const named = m.length === 4; // NAMED_RANGE: no prefix group
      const r = named ? inclusive(hex(m[1]), hex(m[2])) : inclusive(hex(m[2]), hex(m[3]));
      const n = Number(named ? m[3] : m[4]);
      const mode = !named && /bzImage/i.test(m[1] ?? '') ? 'e820' : this.rangeMode;
      if (mode === 'derived') return true;
      if (mode === 'crash') this.region(r.start, r.end, 'crashkernel', 'Crash kernel', lineNo);
      else {
        this.region(r.start, r.end, mode === 'e820' ? e820NumberType(n) : rangeType(n), undefined, lineNo);
        this.rangesRead = true;
      }
      return true;
    }
    if ((m = PROBE_SEG.exec(text))) {
      const ix = PROBE_INDEX.exec(text);
      const index = ix ? Number(ix[1]) : this.segs.size;
      this.boundaryAt(index);
      const p = this.seg(index, lineNo);
      p.bufsz = keyValue(m[1]);
      p.mem = keyValue(m[2]);
      p.memsz = keyValue(m[3]);
      return true;
    }
    if ((m = REPORTED_FAILURE.exec(text))) {
      this.warn(lineNo, `the log reports a failure: "${m[1].trim()}"`);
      return true;
    }
    if (SEGMENT_LIKE.test(text)) throw new LineError('malformed segment line');
    return false;
  }

  /** A line that starts a load, after a load's segments were read: the next load (snapshot). */
  private boundary(): void {
    if (this.segs.size > 0) throw new SnapshotBoundary();
  }

  /** A segment index read again: the next load. */
  private boundaryAt(index: number): void {
    const p = this.segs.get(index);
    if (p && p.mem !== undefined) throw new SnapshotBoundary();
  }

  private seg(index: number, lineNo: number): Partial {
    let p = this.segs.get(index);
    if (!p) {
      p = { line: lineNo };
      this.segs.set(index, p);
    }
    return p;
  }

  private archFromFlags(flags: bigint, lineNo: number): void {
    const code = Number((flags >> 16n) & 0xffffn);
    if (code === 0) return; // KEXEC_ARCH_DEFAULT
    const arch = ARCH_BY_FLAGS.get(code);
    if (arch) this.result.arch = arch;
    else this.warn(lineNo, `flags name KEXEC_ARCH ${code}, an architecture kexec-layout does not model`);
  }

  protected override end(): void {
    const out: ImportedSegment[] = [];
    const byMem = new Map<bigint, Loaded>();
    for (const l of this.loaded) byMem.set(l.mem, l); // the latest line for an address wins
    if (this.segs.size > 0) {
      for (const [index, p] of [...this.segs.entries()].sort((a, b) => a[0] - b[0])) {
        if (p.mem === undefined || p.memsz === undefined || p.bufsz === undefined) {
          const missing = (['bufsz', 'mem', 'memsz'] as const).filter((k) => p[k] === undefined).join(', ');
          this.warn(p.line, `segment[${index}] is incomplete (no ${missing}); not imported`);
          continue;
        }
        const s: ImportedSegment = { mem: p.mem, memsz: p.memsz, bufsz: p.bufsz, line: p.line };
        const name = p.name ?? byMem.get(p.mem)?.name;
        if (name !== undefined) s.name = name;
        if (p.buf !== undefined) s.buf = p.buf;
        out.push(s);
      }
    } else {
      for (const l of this.loaded) {
        if (l.memsz === undefined) {
          this.warn(l.line, `"${l.name}" at 0x${l.mem.toString(16)} has no size; not imported as a segment`);
          continue;
        }
        out.push({ name: l.name, mem: l.mem, memsz: l.memsz, bufsz: l.bufsz ?? l.memsz, line: l.line });
      }
    }
    for (const s of out) this.result.segments.push(s);
    if (this.announced && out.length !== this.announced.n) {
      const n = this.announced.n;
      this.warn(this.announced.line, out.length < n
        ? `nr_segments = ${n} but only ${out.length} segment${out.length === 1 ? '' : 's'} read: the list is cut short`
        : `nr_segments = ${n} but ${out.length} segments read`);
    }
  }
}
