// Shared vocabulary of the engine. Pure data: no editor, no I/O.
// Addresses and sizes are bigint; ranges are half-open [start, end) unless a name says otherwise.

export const U64_MAX = (1n << 64n) - 1n;
export const TWO_64 = 1n << 64n;

/** A source position/range in the layout text: 0-based line and UTF-16 character, as in LSP. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export const REGION_TYPES = [
  'ram', 'ram-driver', 'crashkernel', 'kernel', 'reserved', 'acpi', 'acpi-nvs',
  'pmem', 'soft-reserved', 'unusable', 'rom', 'mmio',
] as const;
export type RegionType = (typeof REGION_TYPES)[number];

export const ARCHES = ['x86_64', 'arm64', 'riscv64', 'ppc64le', 's390x', 'loongarch64'] as const;
export type ArchName = (typeof ARCHES)[number];

export type Syscall = 'kexec_load' | 'kexec_file_load';
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Errno = 'EINVAL' | 'EADDRNOTAVAIL' | 'EPERM' | 'ENOMEM';

/** Half-open address range [start, end). `end` may be 2^64 for a range that reaches the top. */
export interface AddrRange { start: bigint; end: bigint }

// ---- What the import readers produce (common/src/import) -------------------------------------

export type ImportFormat = 'iomem' | 'e820' | 'efi' | 'memmap' | 'kexec-debug' | 'crashkernel';

export interface ImportedRegion extends AddrRange {
  type: RegionType;
  /** The name the source gave the range (`System RAM (kmem)`, `PCI Bus 0000:00`, `ACPI NVS`). */
  label?: string;
  /** 1-based line of the source text the region came from. */
  line: number;
}
export interface ImportedRange extends AddrRange { line: number }
export interface ImportedSegment {
  /** A name when the source gives one (`kernel`, `initrd`, `purgatory`, `boot_param`), else undefined. */
  name?: string;
  mem: bigint;
  memsz: bigint;
  bufsz: bigint;
  /** Only for kexec -d output, where it is a real user-space pointer; never for hashed %p values. */
  buf?: bigint;
  line: number;
}
export interface SkippedLine { line: number; text: string; reason: string }

export interface ImportResult {
  format: ImportFormat;
  regions: ImportedRegion[];
  unaccepted: ImportedRange[];
  segments: ImportedSegment[];
  /** Lines that were not understood (or were understood and rejected: overflow, reversed range). */
  skipped: SkippedLine[];
  /** How many lines were skipped when more than `skipped` keeps (it keeps the first 10,000). */
  skippedCount?: number;
  /** Lines read in all (blank lines included). */
  linesRead: number;
  /** Findings about the data as a whole, e.g. `/proc/iomem` read without root (all zeros). */
  warnings: { line: number; message: string }[];
  /** What the text tells, when it does. */
  arch?: ArchName;
  entry?: bigint;
  syscall?: Syscall;
  crash?: boolean;
  /** The source elided lines (`...`, `[..]`, `<snip>`): the map it gives is an excerpt. */
  partial?: boolean;
  /** Entries the source printed that cannot be (end before start, past 2^64, unknown type, overlaps): `import/corrupt`. */
  corrupt?: { count: number; line: number; reason: string };
  /** What was read per format, for people: `e820: 14 regions, crashkernel: 1, kexec_file: 4 segments; 312 lines skipped`. */
  summary?: string;
  /** Regions handed to the host's sink (MixedOptions.sink) instead of kept in `regions` (CLI streaming). */
  streamed?: { count: number; crash: number; id: number };
  /** Formats the file holds several copies of (snapshots, loads): 1-based first lines, and the one imported. */
  snapshots?: { format: ImportFormat; lines: number[]; chosen: number }[];
}
