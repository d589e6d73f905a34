// Syntax tree of a layout file. Every node keeps the source range of its tokens, so hover,
// quick fixes and diagnostics can point exactly. Values are already parsed (bigint).

import type { ImportFormat, Range, RegionType, ArchName, Syscall } from '../engine/types';

export interface NumberNode { value: bigint; text: string; range: Range }

/** Half-open [start, end): `A .. B`, `A ..= B` (end = B + 1) and `A + S` (end = A + S). */
export interface RangeNode {
  start: bigint;
  end: bigint;
  form: '..' | '..=' | '+';
  first: NumberNode;  // A
  second: NumberNode; // B or S
  operator: Range;
  range: Range;       // from A through B/S
}

interface Base { line: number; range: Range; keyword: Range }

export interface ArchStmt extends Base { kind: 'arch'; arch: ArchName; value: Range }
export interface PageSizeStmt extends Base { kind: 'page-size'; size: NumberNode }
export interface KernelStmt extends Base { kind: 'kernel'; version: KernelVersion; value: Range }
export interface SyscallStmt extends Base { kind: 'syscall'; syscall: Syscall; value: Range }
export interface CrashStmt extends Base { kind: 'crash' }
/** `partial`: the memory map is an excerpt; memory outside every region is unknown, not a hole. */
export interface PartialStmt extends Base { kind: 'partial' }
export interface EntryStmt extends Base { kind: 'entry'; address: NumberNode }
export interface TotalRamStmt extends Base { kind: 'total-ram'; size: NumberNode }
/** `unaccepted-total SIZE`: how much memory is unaccepted, where unknown (/proc/meminfo `Unaccepted:`); a destination in RAM may be unaccepted. */
export interface UnacceptedTotalStmt extends Base { kind: 'unaccepted-total'; size: NumberNode }
export interface AcceptUnitStmt extends Base { kind: 'accept-unit'; size: NumberNode }
export interface RegionStmt extends Base {
  kind: 'region';
  span: RangeNode;
  type: RegionType;
  typeRange: Range;
  label?: string;
  labelRange?: Range;
}
export interface CrashkernelStmt extends Base { kind: 'crashkernel'; size: NumberNode; offset: NumberNode; start: bigint; end: bigint }
export interface UnacceptedStmt extends Base { kind: 'unaccepted'; span: RangeNode }
export interface ImportStmt extends Base {
  kind: 'import'; format: ImportFormat | 'auto'; formatRange: Range; path: string; pathRange: Range;
  /** `"path#N"`: import copy N (1-based) of a file holding several snapshots or loads; the last when absent. */
  snapshot?: number;
}

export type SegmentKey = 'mem' | 'memsz' | 'bufsz' | 'buf' | 'align' | 'min' | 'max';
export interface SegmentValue { key: SegmentKey; keyRange: Range; value: NumberNode | 'auto'; valueRange: Range; range: Range }
export interface SegmentStmt extends Base {
  kind: 'segment';
  name: string;
  nameRange: Range;
  values: Partial<Record<SegmentKey, SegmentValue>>;
  flags: { name: 'top-down' | 'bottom-up'; range: Range }[];
}

/** `load bzImage64 kernel="vmlinuz" initrd-size=64M …`: the loader `syscall` selects places its segments (common/src/loaders). */
export type LoadKey =
  | 'kernel' | 'initrd' | 'cmdline' | 'kernel-size' | 'init-size' | 'kernel-align' | 'pref-address' | 'setup-sects'
  | 'initrd-size' | 'cmdline-size' | 'purgatory-size' | 'efi-map-size' | 'setup-size' | 'elfcorehdr-size';
export interface LoadValue { key: LoadKey; keyRange: Range; value: NumberNode | string; valueRange: Range; range: Range }
export interface LoadStmt extends Base { kind: 'load'; loader: 'bzImage64'; loaderRange: Range; values: Partial<Record<LoadKey, LoadValue>> }

export type Statement =
  | LoadStmt | UnacceptedTotalStmt | ArchStmt | PageSizeStmt | KernelStmt | SyscallStmt | CrashStmt | PartialStmt | EntryStmt | TotalRamStmt
  | AcceptUnitStmt | RegionStmt | CrashkernelStmt | UnacceptedStmt | ImportStmt | SegmentStmt;

export interface KernelVersion { major: number; minor: number; patch?: number; text: string }

export interface Comment { line: number; range: Range; text: string }

export interface SyntaxDiagnostic {
  code: string;
  message: string;
  range: Range;
  related?: { range: Range; message: string }[];
}

export interface LayoutFile {
  statements: Statement[];
  comments: Comment[];
  diagnostics: SyntaxDiagnostic[];
  lineCount: number;
  /** Lengths of each line (for clamping ranges and positions). */
  lineLengths: number[];
}

export const SETTING_KINDS = ['arch', 'page-size', 'kernel', 'syscall', 'crash', 'partial', 'entry', 'total-ram', 'accept-unit', 'unaccepted-total'] as const;
export const STATEMENT_KEYWORDS = [
  'arch', 'page-size', 'kernel', 'syscall', 'crash', 'entry', 'total-ram', 'region', 'crashkernel',
  'accept-unit', 'unaccepted', 'segment', 'import', 'partial', 'load', 'unaccepted-total',
] as const;
export const LOADERS = ['bzImage64'] as const;
/** Keys whose value is a "quoted string" (paths, the command line); the others are numbers. */
export const LOAD_STRING_KEYS: readonly LoadKey[] = ['kernel', 'initrd', 'cmdline'];
export const LOAD_KEYS: readonly LoadKey[] = [
  'kernel', 'initrd', 'cmdline', 'kernel-size', 'init-size', 'kernel-align', 'pref-address', 'setup-sects',
  'initrd-size', 'cmdline-size', 'purgatory-size', 'efi-map-size', 'setup-size', 'elfcorehdr-size',
];
export const SEGMENT_KEYS: readonly SegmentKey[] = ['mem', 'memsz', 'bufsz', 'buf', 'align', 'min', 'max'];
export const SEGMENT_FLAGS = ['top-down', 'bottom-up'] as const;
export const IMPORT_FORMATS = ['auto', 'iomem', 'e820', 'efi', 'memmap', 'kexec-debug', 'crashkernel'] as const;
export const SYSCALLS: readonly Syscall[] = ['kexec_load', 'kexec_file_load'];
