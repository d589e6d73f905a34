// The checker: a layout → every finding, each segment's final placement and accepted units, and
// the outcome. The kernel's checks run as the named passes of passes.ts, in the kernel's order for
// the syscall; the load's outcome is the first pass that fails (or unknown, when a pass before it
// cannot be decided), and the jump's comes from the destination and acceptance passes.

import type { Errno } from './types';
import type { LayoutInput } from './layout';
import { MemoryMap, type Region } from './memoryMap';
import { UnacceptedTable } from './unaccepted';
import { archInfo, ACCEPT_AT_LOAD_SINCE } from './arch';
import { KERNEL_ERRNO, type Finding } from './findings';
import { PASSES, makeCtx, type PassReport, type SegmentResult } from './passes';
import { mapFindings, unacceptedFindings } from './mapChecks';

export type { SegmentResult, PassReport } from './passes';

export type Jump = 'ok' | 'fatal' | 'corrupts' | 'unknown';
export type Load = 'ok' | 'fails' | 'unknown';

export interface Outcome {
  syscall: LayoutInput['syscall'];
  load: Load;
  errno: Errno | null;
  firstFailure: string | null;
  jump: Jump;
  /** One line for people: "kexec_load would fail with -EINVAL: segments kernel and initrd overlap". */
  summary: string;
}

export interface Analysis {
  layout: LayoutInput;
  map: MemoryMap;
  /** The unaccepted-memory table before the load (null: nothing unaccepted). */
  table: UnacceptedTable | null;
  crashRegion: Region | null;
  pageSize: bigint;
  destLimit: bigint;
  /** totalram_pages(); 0 when nothing says it (see totalRamKnown). */
  totalRamPages: bigint;
  totalRamKnown: boolean;
  /** true / false when the kernel version decides; null when no version is given. */
  acceptsAtLoad: boolean | null;
  segments: SegmentResult[];
  /** The kernel's passes (then accept_memory and the destination checks), in the order they run. */
  passes: PassReport[];
  findings: Finding[];
  outcome: Outcome;
}

export function analyze(layout: LayoutInput): Analysis {
  const arch = archInfo(layout.arch);
  const ps = layout.pageSize;
  // MemoryMap copies what it keeps from each region (no copy of the list first).
  const map = new MemoryMap(layout.regions);
  const crashRegions = map.regions.filter((r) => r.type === 'crashkernel');
  // crashk_res is the main reservation; with a ",low" part as well, the main one is the higher.
  let crashRegion: Region | null = null;
  for (const r of crashRegions) if (!crashRegion || r.start > crashRegion.start) crashRegion = r;
  const ramBytes = map.ramBytes();
  const totalRamBytes = layout.totalRam ?? (ramBytes > 0n ? ramBytes : null);
  const ctx = makeCtx({
    layout, arch, ps, map, noMap: layout.regions.length === 0, crashRegions, crashRegion,
    table: UnacceptedTable.fromRanges(layout.acceptUnit, layout.unaccepted.map((u) => ({ start: u.start, end: u.end }))),
    acceptsAtLoad: layout.kernel ? versionAtLeast(layout.kernel, ACCEPT_AT_LOAD_SINCE) : null,
    fileLoad: layout.syscall === 'kexec_file_load',
    segs: [],
    totalRamPages: totalRamBytes === null ? null : totalRamBytes / ps,
  });
  mapFindings(ctx);
  unacceptedFindings(ctx);

  const noSegments = layout.segments.length === 0;
  if (noSegments) {
    ctx.push({ code: 'layout/no-segments', range: layout.anchors.firstLine, message: 'nothing to check: the layout has no segment; add segment lines (or import a kexec -d dump) to get a verdict on the load and the jump' });
  }

  // The kernel's passes in order: the first failing one decides; an undecided one before it leaves the load unknown.
  const passes: PassReport[] = [];
  let decided: PassReport | null = null;
  for (const pass of PASSES[layout.syscall]) {
    if (!pass.decidesLoad && !decided) ctx.loadOk = !noSegments;
    const r = pass.run(ctx);
    passes.push(r);
    if (pass.decidesLoad && !decided && (r.verdict === 'fail' || r.verdict === 'undecided')) decided = r;
  }
  const load: Load = noSegments ? 'unknown' : !decided ? 'ok' : decided.verdict === 'fail' ? 'fails' : 'unknown';
  const failure = load === 'fails' ? decided!.failure! : null;
  const errno = failure ? KERNEL_ERRNO[failure.code] : null;

  // The jump: destinations decide "corrupts", unaccepted destinations "fatal" before 6.15.
  const dest = passes.find((p) => p.id === 'destinations')!;
  const touchesUnaccepted = ctx.segs.some((s) => s.unacceptedTouched.length > 0);
  const after: Jump = dest.verdict === 'fail' ? 'corrupts' : dest.verdict === 'undecided' || ctx.segs.some((s) => s.mem === null) ? 'unknown' : 'ok';
  const before: Jump = touchesUnaccepted ? 'fatal' : after;
  let jump: Jump = ctx.acceptsAtLoad === true ? after : ctx.acceptsAtLoad === false ? before : before === after ? after : 'unknown';
  if (load === 'fails' || noSegments) jump = 'unknown';
  else if (load === 'unknown' && jump === 'ok') jump = 'unknown';

  const outcome: Outcome = {
    syscall: layout.syscall, load, errno, firstFailure: failure?.code ?? null, jump,
    summary: summarize(layout, passes, load, failure, errno, jump, ctx.acceptsAtLoad, noSegments) + overrideNote(layout),
  };
  return {
    layout, map, table: ctx.table, crashRegion, pageSize: ps, destLimit: arch.destLimit,
    totalRamPages: ctx.totalRamPages ?? 0n, totalRamKnown: ctx.totalRamPages !== null,
    acceptsAtLoad: ctx.acceptsAtLoad, segments: ctx.segs, passes, findings: ctx.findings, outcome,
  };
}

const DECIDED_WORDS: Record<string, string> = {
  'kexec_load_check': 'at most 16 segments',
  'crash-entry': 'the entry inside the crash region',
  'sanity-1': 'aligned, not wrapping and below the limit',
  'sanity-2': 'disjoint',
  'sanity-3': 'bufsz within memsz',
  'sanity-4': 'within half of RAM',
  'sanity-5': 'inside the crash region',
};

function summarize(layout: LayoutInput, passes: PassReport[], load: Load, failure: { code: string; summary: string } | null, errno: Errno | null, jump: Jump, accepts: boolean | null, noSegments: boolean): string {
  const sc = layout.syscall;
  if (noSegments) return `${sc}: nothing to check (no segment); the load and the jump are unknown`;
  if (load === 'fails') return `${sc} would fail with -${errno}: ${failure!.summary}`;
  if (load === 'unknown') {
    const open = passes.find((p) => p.decidesLoad && p.verdict === 'undecided')!;
    const ok = passes.filter((p) => p.decidesLoad && p.verdict === 'pass' && DECIDED_WORDS[p.id] && passes.indexOf(p) > 0).map((p) => DECIDED_WORDS[p.id]);
    const known = ok.length ? `the segments are ${ok.join(', ')}; ` : '';
    const j = jump === 'unknown' ? '' : jump === 'corrupts' ? '; if it loads, the jump overwrites memory that is not free System RAM' : '; if it loads, the jump kills the guest (unaccepted destination)';
    return `${sc}: the load cannot be decided: ${known}${open.kernel} (${open.id}) needs more: ${open.undecided}${j}`;
  }
  switch (jump) {
    case 'ok': return `${sc} would succeed and the jump is safe`;
    case 'fatal': return `${sc} would succeed, but the jump kills the guest: a destination is unaccepted memory`;
    case 'corrupts': return `${sc} would succeed, but the jump overwrites memory that is not free System RAM (reserved or firmware memory, driver-managed RAM, or a hole)`;
    default: {
      const dest = passes.find((p) => p.id === 'destinations');
      if (dest?.verdict === 'undecided') return `${sc} would succeed; the jump is unknown: ${dest.undecided}`;
      return `${sc} would succeed; the jump ${accepts === null ? 'depends on the kernel version (a destination is unaccepted memory): add a kernel line' : 'cannot be judged'}`;
    }
  }
}

function overrideNote(layout: LayoutInput): string {
  const o = layout.kernelOverride;
  if (!o) return '';
  return ` (kernel ${o.version.text} from --kernel${o.file ? `, over the file's kernel ${o.file}` : ''})`;
}

function versionAtLeast(v: { major: number; minor: number }, min: { major: number; minor: number }): boolean {
  return v.major > min.major || (v.major === min.major && v.minor >= min.minor);
}
