// The layout as the engine sees it: settings resolved, defaults applied, imported data merged.
// Built from the syntax tree (plus what the import statements read); every item keeps the source
// range it came from, so findings point at the right line.

import type { LayoutFile, KernelVersion, SegmentStmt, ImportStmt } from '../language/ast';
import type { ArchName, Range, RegionType, Syscall, ImportResult } from './types';
import { archInfo } from './arch';
import { U64_MAX } from './types';
import { RegionSpan } from '../language/lineNodes';

export interface Origin {
  range: Range;
  /** For imported data: "dmesg.txt:12". */
  source?: string;
}

export interface RegionInput { start: bigint; end: bigint; type: RegionType; label?: string; origin: Origin }
export interface UnacceptedInput { start: bigint; end: bigint; origin: Origin }
export interface SegmentInput {
  name: string;
  mem: bigint | 'auto';
  memsz: bigint;
  bufsz: bigint;
  buf?: bigint;
  align?: bigint;
  min: bigint;
  max: bigint;
  topDown: boolean;
  origin: Origin;
  /** The statement, when the segment is written in the layout (not imported). */
  stmt?: SegmentStmt;
  /** Added by a `load` statement: the loader's placement rule, one line (common/src/loaders). */
  loader?: string;
}

export interface LayoutInput {
  arch: ArchName;
  pageSize: bigint;
  kernel: KernelVersion | null;
  /** Set when the kernel version comes from the command line over the file's `kernel` line (text of that line, or null). */
  kernelOverride?: { version: KernelVersion; file: string | null };
  syscall: Syscall;
  crash: boolean;
  entry: bigint | null;
  totalRam: bigint | null;
  acceptUnit: bigint;
  /** The map is an excerpt (`partial`, or an import whose source elided lines): memory outside every region is unknown. */
  partial: boolean;
  regions: RegionInput[];
  unaccepted: UnacceptedInput[];
  segments: SegmentInput[];
  /** Ranges of the statements findings about the whole file attach to. */
  anchors: { syscall?: Range; crash?: Range; entry?: Range; kernel?: Range; partial?: Range; firstLine: Range };
}

export type ImportOutcome = { path: string; result: ImportResult } | { path: string; error: string };

export function buildLayout(file: LayoutFile, imports: Map<ImportStmt, ImportOutcome> = new Map()): LayoutInput {
  const firstLine: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: file.lineLengths[0] ?? 0 } };
  const layout: LayoutInput = {
    arch: 'x86_64', pageSize: 0n, kernel: null, syscall: 'kexec_load', crash: false, entry: null, totalRam: null,
    acceptUnit: 2n << 20n, partial: false, regions: [], unaccepted: [], segments: [], anchors: { firstLine },
  };
  let pageSize: bigint | null = null;
  for (const s of file.statements) {
    switch (s.kind) {
      case 'arch': layout.arch = s.arch; break;
      case 'page-size': pageSize = s.size.value; break;
      case 'kernel': layout.kernel = s.version; layout.anchors.kernel = s.range; break;
      case 'syscall': layout.syscall = s.syscall; layout.anchors.syscall = s.range; break;
      case 'crash': layout.crash = true; layout.anchors.crash = s.range; break;
      case 'partial': layout.partial = true; layout.anchors.partial = s.range; break;
      case 'entry': layout.entry = s.address.value; layout.anchors.entry = s.address.range; break;
      case 'total-ram': layout.totalRam = s.size.value; break;
      case 'accept-unit': layout.acceptUnit = s.size.value; break;
      case 'region':
        // A fast-path line's span is its RegionInput (../language/lineNodes.ts). Otherwise the span
        // is the origin: its `range` (A through B) is made only if a finding or feature asks.
        layout.regions.push(s.span instanceof RegionSpan ? s.span : { start: s.span.start, end: s.span.end, type: s.type, label: s.label, origin: s.span });
        break;
      case 'crashkernel':
        layout.regions.push({ start: s.start, end: s.end, type: 'crashkernel', label: `crashkernel=${s.size.text}@${s.offset.text}`, origin: { range: s.range } });
        break;
      case 'unaccepted':
        layout.unaccepted.push({ start: s.span.start, end: s.span.end, origin: s.span });
        break;
      case 'segment': layout.segments.push(segmentInput(s)); break;
      case 'import': {
        const got = imports.get(s);
        if (!got || !('result' in got)) break;
        const r = got.result;
        if (r.partial) { layout.partial = true; layout.anchors.partial ??= s.range; }
        const origin = (line: number): Origin => ({ range: s.range, source: `${got.path}:${line}` });
        for (const x of r.regions) layout.regions.push({ start: x.start, end: x.end, type: x.type, label: x.label, origin: origin(x.line) });
        for (const x of r.unaccepted) layout.unaccepted.push({ start: x.start, end: x.end, origin: origin(x.line) });
        for (const x of r.segments) {
          layout.segments.push({
            name: uniqueName(x.name ?? `seg${layout.segments.length}`, layout.segments),
            mem: x.mem, memsz: x.memsz, bufsz: x.bufsz, buf: x.buf, min: 0n, max: U64_MAX, topDown: false, origin: origin(x.line),
          });
        }
        break;
      }
    }
  }
  layout.pageSize = pageSize ?? archInfo(layout.arch).defaultPageSize;
  return layout;
}

function uniqueName(name: string, segs: SegmentInput[]): string {
  if (!segs.some((s) => s.name === name)) return name;
  for (let i = 2; ; i++) if (!segs.some((s) => s.name === `${name}_${i}`)) return `${name}_${i}`;
}

function segmentInput(s: SegmentStmt): SegmentInput {
  const num = (k: 'memsz' | 'bufsz' | 'buf' | 'align' | 'min' | 'max'): bigint | undefined => {
    const v = s.values[k]?.value;
    return v && v !== 'auto' ? v.value : undefined;
  };
  const memv = s.values.mem?.value;
  const mem: bigint | 'auto' = memv === 'auto' || memv === undefined ? 'auto' : memv.value;
  const memsz = num('memsz') ?? 0n;
  return {
    name: s.name,
    mem,
    memsz,
    bufsz: num('bufsz') ?? memsz,
    buf: num('buf'),
    align: num('align'),
    min: num('min') ?? 0n,
    max: num('max') ?? U64_MAX,
    topDown: s.flags.some((f) => f.name === 'top-down'),
    origin: { range: s.nameRange },
    stmt: s,
  };
}
