// Runs the loader a layout's `syscall` selects on the layout's memory map and puts its segments
// first in the layout (fixed at the addresses the loader chose); after the check, the loader's own
// refusal, which comes before any check of the syscall, decides the outcome.

import type { LayoutInput, SegmentInput, Origin } from '../engine/layout';
import type { Analysis } from '../engine/analyze';
import type { Finding } from '../engine/findings';
import type { Errno, Range, Syscall } from '../engine/types';
import { MemoryMap } from '../engine/memoryMap';
import { archInfo } from '../engine/arch';
import { resolveLoad, type LoadSpec } from './spec';
import { runKernelBzImage64 } from './kernelBzImage64';
import { runToolsBzImage64 } from './toolsBzImage64';
import type { LoaderResult, LoaderSegment } from './types';

export interface LoadExpansion {
  result: LoaderResult;
  findings: Finding[];
}

/** Where findings point: the statement, and the keys that have their own range. */
export interface LoadAnchors { statement: Range; keys?: Partial<Record<string, Range>> }

/** The loader for this syscall: kexec_file_load → the kernel's bzImage64_load; kexec_load → kexec-tools' do_bzImage64_load. */
export function runLoader(layout: LayoutInput, spec: LoadSpec, syscall: Syscall = layout.syscall): LoaderResult {
  const map = new MemoryMap(layout.regions.map((r) => ({ start: r.start, end: r.end, type: r.type, label: r.label })));
  // crashk_res is the main reservation; with a ",low" part as well, the main one is the higher (as analyze picks it).
  let crashRegion = null;
  for (const r of map.regions) if (r.type === 'crashkernel' && (!crashRegion || r.start > crashRegion.start)) crashRegion = r;
  const load = resolveLoad(spec);
  // bzImage64 is an x86_64 format: other arches have no loader that claims it (arch_kexec_kernel_image_probe → -ENOEXEC).
  const headerProblems = layout.arch === 'x86_64' ? spec.headerProblems ?? [] : [`arch ${layout.arch} has no bzImage64 loader (only x86_64 has)`];
  if (syscall === 'kexec_file_load') {
    return runKernelBzImage64({ load, map, crashRegion, crash: layout.crash, memblock: archInfo(layout.arch).memblockPlacement, pageSize: layout.pageSize, kernel: layout.kernel, headerProblems });
  }
  return runToolsBzImage64({ load, map, crashRegion, crash: layout.crash, pageSize: layout.pageSize, headerProblems });
}

/** Runs the loader and puts its placed segments before the layout's own, in the loader's order. */
export function expandLoad(layout: LayoutInput, spec: LoadSpec, anchors: LoadAnchors): LoadExpansion {
  const result = runLoader(layout, spec);
  const origin: Origin = { range: anchors.statement };
  const segs: SegmentInput[] = [];
  for (const s of result.segments) {
    if (s.mem === null) continue;
    segs.push(segmentInput(s, origin));
  }
  for (const s of layout.segments) segs.push(s);
  layout.segments = segs;
  // kexec-tools passes its purgatory entry; a crash load's entry is checked against the crash region.
  if (layout.entry === null && result.entry !== null && result.tool === 'kexec-tools') layout.entry = result.entry;
  const findings: Finding[] = result.findings.map((f) => ({
    code: f.code, severity: f.severity, message: f.message,
    range: (f.key && anchors.keys?.[f.key]) || anchors.statement,
    ...(f.segment ? { segment: f.segment } : {}),
    ...(f.errno ? { errno: f.errno as Errno } : {}),
  }));
  return { result, findings };
}

function segmentInput(s: LoaderSegment, origin: Origin): SegmentInput {
  return { name: s.name, mem: s.mem!, memsz: s.memsz, bufsz: s.bufsz, min: s.min, max: s.max, align: s.align, topDown: s.topDown, origin, loader: s.rule };
}

const SHORT: Record<string, string> = {
  'load/not-bzimage': 'the kernel image is not a loadable bzImage64',
  'load/cmdline-too-long': 'the command line is too long for the image',
  'load/no-hole': 'no hole for a segment',
  'load/invalid-segment': 'a segment is outside RAM',
  'load/size-unknown': 'the kernel segment\'s size is unknown',
};

/** The loader's refusal ends the load before the syscall's checks: it decides the outcome. */
export function applyLoaderOutcome(analysis: Analysis, expansion: LoadExpansion): void {
  const f = expansion.result.failed;
  if (!f) return;
  const who = expansion.result.tool === 'kernel' ? `kexec_file_load would fail with -${f.errno}` : 'kexec -l stops before calling kexec_load';
  analysis.outcome = {
    ...analysis.outcome,
    load: 'fails',
    // ENOEXEC is the kernel loader's own errno (bzImage64_probe); the engine's Errno lists the syscall checks' ones.
    errno: (f.errno ?? null) as Errno | null,
    firstFailure: f.code,
    jump: 'unknown',
    summary: `${who}: ${SHORT[f.code]}${f.segment ? ` (${f.segment})` : ''}`,
  };
}
