// The kernel's checks as named passes, one function each, listed per syscall in the order the
// kernel runs them (PASSES below). Each pass looks at the segments, records findings (every one,
// not just the kernel's first), and returns a verdict: the outcome is the first pass that fails;
// a pass that cannot be decided before any failing one leaves the load unknown.

import type { AddrRange, Errno, Range, Severity, Syscall } from './types';
import type { LayoutInput, Origin, SegmentInput } from './layout';
import type { MemoryMap, Region } from './memoryMap';
import { WRITABLE_TYPES } from './memoryMap';
import type { UnacceptedTable } from './unaccepted';
import type { ArchInfo } from './arch';
import { KEXEC_SEGMENT_MAX } from './arch';
import { walkRanges, locateHole, Occupancy, type HoleResult, type WalkRange } from './placement';
import { overlaps } from './overlap';
import { DEFAULT_SEVERITY, type Finding, type Related } from './findings';
import { M64, alignUp } from './u64';
import { hex, human, span } from './format';

export type Verdict = 'pass' | 'fail' | 'undecided' | 'skipped';

export interface SegmentResult {
  input: SegmentInput;
  name: string;
  auto: boolean;
  /** Final destination (fixed, or placed by the hole search); null when not placed (no hole, or the map cannot say). */
  mem: bigint | null;
  /** memsz as the kernel sees it (kexec_file_load: rounded up to PAGE_SIZE by kexec_add_buffer). */
  memsz: bigint;
  bufsz: bigint;
  placement?: HoleResult;
  /** Unaccepted units the destination overlaps before the load (no guard unit). */
  unacceptedTouched: AddrRange[];
  /** What this segment's accept_memory call accepts, as 6.15 would run it in load order: own units and guard unit. */
  acceptOwn: AddrRange[];
  acceptGuard: AddrRange[];
  /** The runs arch_accept_memory gets during the load; empty unless the load succeeds on a kernel that accepts. */
  accepts: AddrRange[];
}

export interface PassReport {
  id: string;
  /** The kernel (or kexec-tools) function that makes the check. */
  kernel: string;
  /** What it checks, in one line. */
  title: string;
  /** Kernel passes decide the load; the destination checks and accept_memory do not. */
  decidesLoad: boolean;
  verdict: Verdict;
  /** Segments the pass looked at, by index, in the order it looked. */
  looked: number[];
  /** Segments that fail it, by index, each once. */
  failing: number[];
  /** The first failure in the kernel's order: the finding code and a one-line summary. */
  failure?: { code: string; summary: string };
  /** Why the pass cannot be decided, and what would decide it. */
  undecided?: string;
  /** Anything else a reader of --explain should know (skipped because..., numbers used). */
  note?: string;
}

export interface Ctx {
  layout: LayoutInput;
  arch: ArchInfo;
  ps: bigint;
  map: MemoryMap;
  noMap: boolean;
  crashRegions: Region[];
  crashRegion: Region | null;
  table: UnacceptedTable | null;
  acceptsAtLoad: boolean | null;
  fileLoad: boolean;
  segs: SegmentResult[];
  /** totalram_pages(), or null when neither total-ram nor any ram region says it. */
  totalRamPages: bigint | null;
  /** Set by the kernel passes: the load succeeds (accepts are reported only then). */
  loadOk: boolean;
  findings: Finding[];
  push(f: Omit<Finding, 'severity'> & { severity?: Severity }): void;
  originOf(r: Region): Origin;
  where(o: { source?: string }): string;
  regionName(r: Region): string;
  rangeOf(s: SegmentResult, key?: 'mem' | 'memsz' | 'bufsz'): Range;
}

export function makeCtx(base: Omit<Ctx, 'findings' | 'push' | 'originOf' | 'where' | 'regionName' | 'rangeOf' | 'loadOk'>): Ctx {
  const findings: Finding[] = [];
  return {
    ...base,
    loadOk: false,
    findings,
    push: (f) => { findings.push({ severity: DEFAULT_SEVERITY[f.code] ?? 'error', ...f }); },
    originOf: (r) => base.layout.regions[r.id].origin,
    where: (o) => (o.source ? ` (${o.source})` : ''),
    regionName: (r) => `${r.type}${r.label ? ` "${r.label}"` : ''} ${span(r.start, r.end)}`,
    rangeOf: (s, key) => (key && s.input.stmt?.values[key]?.valueRange) || s.input.origin.range,
  };
}

type PassFn = (ctx: Ctx) => PassReport;
export interface Pass { id: string; kernel: string; title: string; decidesLoad: boolean; run: PassFn }

/** A report with a verdict from per-segment events in the kernel's order: the first event decides. */
class Tally {
  looked: number[] = [];
  failing: number[] = [];
  failure?: { code: string; summary: string };
  undecided?: string;
  private first: 'fail' | 'undecided' | null = null;
  fail(i: number | null, code: string, summary: string): void {
    if (i !== null && this.failing[this.failing.length - 1] !== i) this.failing.push(i);
    if (this.first === null) { this.first = 'fail'; this.failure = { code, summary }; }
  }
  unknown(why: string): void {
    if (this.first === null) { this.first = 'undecided'; this.undecided = why; }
  }
  report(p: Pass, note?: string): PassReport {
    const verdict: Verdict = this.first === null ? 'pass' : this.first === 'fail' ? 'fail' : 'undecided';
    return { id: p.id, kernel: p.kernel, title: p.title, decidesLoad: p.decidesLoad, verdict, looked: this.looked, failing: this.failing, failure: this.failure, undecided: this.undecided, note };
  }
}

const skipped = (p: Pass, note: string): PassReport =>
  ({ id: p.id, kernel: p.kernel, title: p.title, decidesLoad: p.decidesLoad, verdict: 'skipped', looked: [], failing: [], note });

const mendOf = (s: SegmentResult) => (s.mem! + s.memsz) & M64;

// ---- placement ------------------------------------------------------------------------------------

function placement(p: Pass, ctx: Ctx): PassReport {
  const { layout, ps, fileLoad } = ctx;
  const t = new Tally();
  const occ = new Occupancy();
  const rangesFor = new Map<boolean, WalkRange[]>();
  const skipFor = new Map<string, number>(); // a range that found nothing stays full: later segments need not revisit it
  const n = layout.segments.length;
  layout.segments.forEach((s, i) => {
    const auto = s.mem === 'auto';
    // kexec_add_buffer: kbuf->memsz = ALIGN(kbuf->memsz, PAGE_SIZE), for every kexec_file segment.
    const memsz = fileLoad || auto ? alignUp(s.memsz, ps) : s.memsz;
    const r: SegmentResult = { input: s, name: s.name, auto, mem: auto ? null : (s.mem as bigint), memsz, bufsz: s.bufsz, unacceptedTouched: [], acceptOwn: [], acceptGuard: [], accepts: [] };
    ctx.segs.push(r);
    if (fileLoad && i === KEXEC_SEGMENT_MAX) {
      // kexec_add_buffer: image->nr_segments >= KEXEC_SEGMENT_MAX → -EINVAL, before the segment is placed.
      ctx.push({ code: 'kexec/too-many-segments', errno: 'EINVAL', segment: s.name, range: s.origin.range, message: `${n} segments: the kernel takes at most KEXEC_SEGMENT_MAX = 16 (kexec_add_buffer returns -EINVAL for segment ${s.name}, the 17th); merge or drop segments` });
      t.fail(i, 'kexec/too-many-segments', `${n} segments, at most 16`);
    }
    if (auto) {
      t.looked.push(i);
      if (ctx.noMap) { t.unknown('the layout has no memory map: the hole search has no RAM to walk (add the map)'); return; }
      if (!rangesFor.has(s.topDown)) rangesFor.set(s.topDown, walkRanges(ctx.map, { crash: ctx.crashRegion, crashLoad: layout.crash, memblock: ctx.arch.memblockPlacement, topDown: s.topDown }));
      const ranges = rangesFor.get(s.topDown)!;
      const align = s.align ?? ps;
      const key = `${s.memsz}|${align}|${s.min}|${s.max}|${s.topDown}`;
      // kexec_add_buffer → kexec_locate_mem_hole → the walker and locate_mem_hole_callback.
      const hole = locateHole(ranges, { memsz: s.memsz, align, bufMin: s.min, bufMax: s.max, topDown: s.topDown }, ps, occ, skipFor.get(key) ?? 0);
      skipFor.set(key, hole.mem === null ? ranges.length : hole.visited - 1);
      r.placement = hole;
      if (hole.mem === null) {
        const where = layout.crash ? (ctx.crashRegion ? 'the crash kernel region' : `the empty crash resource${ranges.length ? ' [0, 0]' : ''} (nothing reserved)`) : 'System RAM';
        const message = hole.endless
          ? `the hole search for segment ${s.name} (${human(hole.memsz)}, align ${human(hole.align)}) never ends: every candidate collides with an earlier segment, and the kernel's unsigned step goes round the address space (locate_mem_hole_${s.topDown ? 'top_down' : 'bottom_up'} has no stop there); the syscall hangs. Move or drop the colliding segment`
          : `no hole for segment ${s.name} (${human(hole.memsz)}, align ${human(hole.align)}, min ${hex(s.min)}, max ${hex(s.max)}) in ${where} among ${ranges.length} range(s): kexec_locate_mem_hole returns -EADDRNOTAVAIL; lower the alignment or size, widen min/max, or free memory`;
        ctx.push({ code: 'kexec/no-hole', errno: 'EADDRNOTAVAIL', segment: s.name, range: s.stmt?.values.mem?.valueRange ?? s.origin.range, message });
        t.fail(i, 'kexec/no-hole', hole.endless ? `the hole search for segment ${s.name} never ends` : `no hole for segment ${s.name}`);
        return;
      }
      r.mem = hole.mem;
      if (layout.partial) t.unknown('the map is partial: RAM outside the known regions could hold a slot the search prefers (complete the map)');
    }
    occ.add({ mem: r.mem!, memsz: r.memsz });
  });
  const note = fileLoad ? undefined : layout.segments.some((s) => s.mem === 'auto') ? 'kexec_load: user space places mem=auto segments; modelled with the kexec_file hole search' : 'kexec_load: every destination is fixed by user space';
  return t.report(p, note);
}

// ---- kexec_load_check, crash entry --------------------------------------------------------------

function loadCheck(p: Pass, ctx: Ctx): PassReport {
  const t = new Tally();
  const n = ctx.layout.segments.length;
  if (n > KEXEC_SEGMENT_MAX) {
    const s = ctx.segs[KEXEC_SEGMENT_MAX];
    ctx.push({ code: 'kexec/too-many-segments', errno: 'EINVAL', segment: s.name, range: s.input.origin.range, message: `${n} segments: the kernel takes at most KEXEC_SEGMENT_MAX = 16 (kexec_load_check returns -EINVAL); merge or drop segments` });
    t.fail(null, 'kexec/too-many-segments', `${n} segments, at most 16`);
  }
  return t.report(p, `nr_segments = ${n}`);
}

/** crashk_res as the kernel holds it: inclusive bounds; an absent reservation is the empty resource [0, 0]. */
function crashBounds(ctx: Ctx): { start: bigint; last: bigint; text: string } {
  const c = ctx.crashRegion;
  return c ? { start: c.start, last: c.end - 1n, text: `[${hex(c.start)}, ${hex(c.end - 1n)}]` } : { start: 0n, last: 0n, text: '(none reserved: [0, 0])' };
}

function crashEntry(p: Pass, ctx: Ctx): PassReport {
  const { layout } = ctx;
  if (!layout.crash) return skipped(p, 'not a crash load');
  if (layout.entry === null) return skipped(p, 'no entry given: the check is not modelled (add an entry line)');
  const t = new Tally();
  if (!ctx.crashRegion && (ctx.noMap || layout.partial)) {
    t.unknown(`the crash kernel region is not in the ${ctx.noMap ? 'layout (no memory map)' : 'partial map'}: add the crashkernel region`);
    return t.report(p);
  }
  const c = crashBounds(ctx);
  // kimage_alloc_init: a crash entry outside [crashk_res.start, crashk_res.end] → -EADDRNOTAVAIL, before the segments.
  if (layout.entry < c.start || layout.entry > c.last) {
    ctx.push({ code: 'kexec/entry-outside-crashkernel', errno: 'EADDRNOTAVAIL', range: layout.anchors.entry ?? layout.anchors.firstLine, message: `entry ${hex(layout.entry)} is outside the crash kernel region ${c.text}: kimage_alloc_init returns -EADDRNOTAVAIL before any segment check` });
    t.fail(null, 'kexec/entry-outside-crashkernel', `entry ${hex(layout.entry)} is outside the crash kernel region`);
  }
  return t.report(p, `entry ${hex(layout.entry)}, crashk_res ${c.text}`);
}

// ---- sanity_check_segment_list ------------------------------------------------------------------

/** Segments the sanity passes see; an unplaced one (no map, partial map) leaves a clean pass undecided. */
function sanityTally(ctx: Ctx): { t: Tally; live: number[] } {
  const t = new Tally();
  const live: number[] = [];
  ctx.segs.forEach((s, i) => { if (s.mem !== null) live.push(i); });
  t.looked = live;
  return { t, live };
}
function unplacedLeftOpen(ctx: Ctx, t: Tally): void {
  const unplaced = ctx.segs.filter((s) => s.mem === null && !s.placement);
  if (unplaced.length) t.unknown(`segment ${unplaced[0].name}${unplaced.length > 1 ? ` and ${unplaced.length - 1} more` : ''} could not be placed without the memory map`);
}

function sanity1(p: Pass, ctx: Ctx): PassReport {
  const { t, live } = sanityTally(ctx);
  const ps = ctx.ps;
  for (const i of live) {
    const s = ctx.segs[i];
    const start = s.mem!, end = mendOf(s);
    if (start > end) {
      ctx.push({ code: 'kexec/address-wrap', errno: 'EADDRNOTAVAIL', segment: s.name, range: ctx.rangeOf(s, 'memsz'), message: `segment ${s.name}: mem ${hex(start)} + memsz ${hex(s.memsz)} wraps past 2^64 (sanity_check_segment_list: mstart > mend → -EADDRNOTAVAIL)` });
      t.fail(i, 'kexec/address-wrap', `segment ${s.name} wraps past 2^64`);
    }
    const badStart = start % ps !== 0n, badEnd = end % ps !== 0n;
    if (badStart || badEnd) {
      const what = badStart ? `mem ${hex(start)}` : `mem + memsz = ${hex(end)}`;
      const fix = badStart ? `use mem=${hex(start - (start % ps))} or ${hex(start - (start % ps) + ps)}` : `use memsz=${hex(s.memsz + ps - (end % ps))}`;
      ctx.push({ code: 'kexec/unaligned', errno: 'EADDRNOTAVAIL', segment: s.name, range: ctx.rangeOf(s, badStart ? 'mem' : 'memsz'), message: `segment ${s.name}: ${what} is not a multiple of the ${human(ps)} page size (sanity_check_segment_list → -EADDRNOTAVAIL); ${fix}` });
      t.fail(i, 'kexec/unaligned', `segment ${s.name} is not page-aligned`);
    }
    if (start <= end && end >= ctx.arch.destLimit) {
      ctx.push({ code: 'kexec/beyond-limit', errno: 'EADDRNOTAVAIL', segment: s.name, range: ctx.rangeOf(s, 'mem'), message: `segment ${s.name} ends at ${hex(end)}, at or past KEXEC_DESTINATION_MEMORY_LIMIT of ${ctx.layout.arch} (${ctx.arch.destLimitText}): -EADDRNOTAVAIL` });
      t.fail(i, 'kexec/beyond-limit', `segment ${s.name} ends past the destination limit`);
    }
  }
  unplacedLeftOpen(ctx, t);
  return t.report(p);
}

function sanity2(p: Pass, ctx: Ctx): PassReport {
  const { t, live } = sanityTally(ctx);
  const spans = ctx.segs.map((s) => (s.mem !== null && s.mem <= mendOf(s) ? { start: s.mem, end: mendOf(s) } : null));
  const info = overlaps(spans);
  for (const i of live) {
    const o = info[i];
    if (!o || !o.earlier) continue;
    const a = ctx.segs[i], b = ctx.segs[o.first];
    const lo = a.mem! > b.mem! ? a.mem! : b.mem!, hi = mendOf(a) < mendOf(b) ? mendOf(a) : mendOf(b);
    const inWhat = `${span(lo, hi)}${hi > lo ? ` (${human(hi - lo)})` : ''}`;
    const message = o.count === 1
      ? `segments ${b.name} and ${a.name} overlap in ${inWhat}: sanity_check_segment_list returns -EINVAL; move ${a.name} to ${hex(mendOf(b))} or later`
      : `segment ${a.name} ${span(a.mem!, mendOf(a))} overlaps ${o.count.toLocaleString('en-US')} other segments, first (lowest address): ${b.name}, in ${inWhat}: sanity_check_segment_list returns -EINVAL; move ${a.name} clear of them`;
    ctx.push({ code: 'kexec/overlap', errno: 'EINVAL', segment: a.name, range: a.input.origin.range, message, related: [{ range: b.input.origin.range, message: `segment ${b.name} ${span(b.mem!, mendOf(b))}` }] });
    t.fail(i, 'kexec/overlap', o.count === 1 ? `segments ${b.name} and ${a.name} overlap` : `segment ${a.name} overlaps ${o.count} other segments`);
  }
  unplacedLeftOpen(ctx, t);
  const wrapped = live.filter((i) => !spans[i]).length;
  return t.report(p, wrapped ? `${wrapped} segment(s) that wrap past 2^64 are left out (pass 1 rejects them first)` : undefined);
}

function sanity3(p: Pass, ctx: Ctx): PassReport {
  const { t, live } = sanityTally(ctx);
  for (const i of live) {
    const s = ctx.segs[i];
    if (s.bufsz > s.memsz) {
      ctx.push({ code: 'kexec/bufsz-exceeds-memsz', errno: 'EINVAL', segment: s.name, range: ctx.rangeOf(s, 'bufsz'), message: `segment ${s.name}: bufsz ${hex(s.bufsz)} (${human(s.bufsz)}) exceeds memsz ${hex(s.memsz)} (${human(s.memsz)}): -EINVAL; raise memsz or shrink the buffer` });
      t.fail(i, 'kexec/bufsz-exceeds-memsz', `segment ${s.name} has bufsz > memsz`);
    }
  }
  unplacedLeftOpen(ctx, t);
  return t.report(p);
}

function sanity4(p: Pass, ctx: Ctx): PassReport {
  const { t, live } = sanityTally(ctx);
  const ps = ctx.ps;
  const pageCount = (x: bigint) => ((x + ps - 1n) & M64) / ps;   // PAGE_COUNT in unsigned long
  // The pass needs only memsz, which every segment has, placed or not.
  t.looked = ctx.segs.map((_, i) => i).filter((i) => ctx.segs[i].mem !== null || ctx.segs[i].placement === undefined);
  const all = ctx.segs.filter((s) => s.mem !== null || !s.placement);
  if (ctx.totalRamPages === null) {
    if (all.some((s) => pageCount(s.memsz) > 0n)) t.unknown('totalram_pages() is not known: add a total-ram line (or the ram regions of the map)');
    return t.report(p, 'no total-ram and no ram region');
  }
  const half = ctx.totalRamPages / 2n;
  let total = 0n;
  let perSegmentFailed = false;
  ctx.segs.forEach((s, i) => {
    if (s.mem === null && s.placement) return; // never added: the kernel stopped at it
    const pages = pageCount(s.memsz);
    if (pages > half) {
      ctx.push({ code: 'kexec/too-large', errno: 'EINVAL', segment: s.name, range: ctx.rangeOf(s, 'memsz'), message: `segment ${s.name} needs ${pages} pages (${human(s.memsz)}), more than half of RAM: totalram_pages() / 2 = ${half} pages (${human(half * ps)}) → -EINVAL` });
      t.fail(i, 'kexec/too-large', `segment ${s.name} needs more than half of RAM`);
      perSegmentFailed = true;
    }
    total += pages;
  });
  if (!perSegmentFailed && total > half && live.length) {
    const last = ctx.segs[live[live.length - 1]];
    ctx.push({ code: 'kexec/too-large', errno: 'EINVAL', segment: last.name, range: last.input.origin.range, message: `all segments together need ${total} pages (${human(total * ps)}), more than half of RAM: totalram_pages() / 2 = ${half} pages (${human(half * ps)}) → -EINVAL` });
    t.fail(null, 'kexec/too-large', 'the segments together need more than half of RAM');
  }
  return t.report(p, `totalram_pages() = ${ctx.totalRamPages}, half = ${half} pages; the segments need ${total}`);
}

function sanity5(p: Pass, ctx: Ctx): PassReport {
  if (!ctx.layout.crash) return skipped(p, 'not a crash load (image->type is not KEXEC_TYPE_CRASH)');
  const { t, live } = sanityTally(ctx);
  if (!ctx.crashRegion && (ctx.noMap || ctx.layout.partial)) {
    t.unknown(`the crash kernel region is not in the ${ctx.noMap ? 'layout (no memory map)' : 'partial map'}: add the crashkernel region`);
    return t.report(p);
  }
  const c = crashBounds(ctx);
  for (const i of live) {
    const s = ctx.segs[i];
    const last = (s.mem! + s.memsz - 1n) & M64;
    if (s.mem! < c.start || last > c.last) {
      ctx.push({
        code: 'kexec/outside-crashkernel', errno: 'EADDRNOTAVAIL', segment: s.name, range: ctx.rangeOf(s, 'mem'),
        message: `crash segment ${s.name} [${hex(s.mem!)}, ${hex(last)}] is not inside the crash kernel region ${c.text}: -EADDRNOTAVAIL`,
        related: ctx.crashRegion ? [{ range: ctx.originOf(ctx.crashRegion).range, message: 'crash kernel region' }] : undefined,
      });
      t.fail(i, 'kexec/outside-crashkernel', `crash segment ${s.name} is outside the crash kernel region`);
    }
  }
  unplacedLeftOpen(ctx, t);
  return t.report(p, `crashk_res ${c.text}`);
}

// ---- accept_memory (6.15+) ------------------------------------------------------------------------

const ACCEPT_CODE = 'accept/unaccepted-destination';

function acceptMemory(p: Pass, ctx: Ctx): PassReport {
  const t = new Tally();
  const table = ctx.table;
  const version = ctx.acceptsAtLoad === false ? `kernel ${ctx.layout.kernel?.text} predates 6.15: nothing is accepted at load` : undefined;
  if (!table) return skipped(p, version ?? 'nothing is unaccepted in this layout (no unaccepted-memory table)');
  const unit = table.unit;
  const sim = table.clone();
  let units = 0n;
  ctx.segs.forEach((s, i) => {
    if (s.mem === null) return;
    t.looked.push(i);
    const end = s.mem + s.memsz;
    if (end <= 1n << 64n) s.unacceptedTouched = table.unacceptedIn(s.mem, end);
    const runs = sim.acceptMemory(s.mem, s.memsz);
    // A unit is the segment's own when its bytes meet the destination; a unit past them is the
    // guard unit (phys_base is unit-aligned, so units are aligned in absolute addresses too).
    const ownLo = (s.mem / unit) * unit, ownHi = ((end + unit - 1n) / unit) * unit;
    for (const run of runs) {
      const lo = run.start > ownLo ? run.start : ownLo, hi = run.end < ownHi ? run.end : ownHi;
      if (lo < hi) s.acceptOwn.push({ start: lo, end: hi });
      const g0 = run.start > ownHi ? run.start : ownHi;
      if (g0 < run.end) s.acceptGuard.push({ start: g0, end: run.end });
      units += (run.end - run.start) / unit;
    }
    if (ctx.loadOk && ctx.acceptsAtLoad !== false) s.accepts = runs;
    if (s.unacceptedTouched.length) ctx.push(acceptFinding(ctx, s, unit));
    if (s.acceptGuard.length && ctx.acceptsAtLoad !== false) {
      const g = s.acceptGuard[0];
      ctx.push({ code: 'accept/guard-unit', segment: s.name, range: ctx.rangeOf(s, 'memsz'), message: `segment ${s.name} ends at ${hex(end)}, on a ${human(unit)} unit boundary, so accept_memory also accepts the next unit ${span(g.start, g.end)} (the guard unit for load_unaligned_zeropad), which is unaccepted${ctx.acceptsAtLoad === null ? ' (from kernel 6.15)' : ''}; it is counted in the units this segment's load accepts` });
    }
  });
  const r = t.report(p, version ?? `${units} unit(s) of ${human(unit)} accepted in load order${ctx.acceptsAtLoad === null ? ' (as 6.15 would; no kernel line)' : ''}${ctx.loadOk ? '' : ', if the load got this far'}`);
  if (ctx.acceptsAtLoad === false) r.verdict = 'skipped';
  return r;
}

function unitsOf(ranges: AddrRange[], unit: bigint): bigint {
  let n = 0n;
  for (const r of ranges) n += (r.end - r.start) / unit;
  return n;
}

function acceptFinding(ctx: Ctx, s: SegmentResult, unit: bigint): Omit<Finding, 'severity'> & { severity: Severity } {
  const touched = unitsOf(s.unacceptedTouched, unit);
  const own = unitsOf(s.acceptOwn, unit), guard = unitsOf(s.acceptGuard, unit);
  const first = s.unacceptedTouched[0];
  const dest = `segment ${s.name} ${span(s.mem!, s.mem! + s.memsz)} touches ${touched} unaccepted ${human(unit)} unit${touched === 1n ? '' : 's'} (${human(touched * unit)}) from ${hex(first.start)}`;
  const total = own + guard;
  // "accepts 49 units (98 MiB) at load, the guard unit included": one total, said once.
  const accepted = `${total} unit${total === 1n ? '' : 's'} (${human(total * unit)}) at load${guard ? ', the guard unit included' : ''}${own < touched ? `; ${touched - own} of its units were already accepted by an earlier segment's call` : ''}`;
  const kernel = ctx.layout.kernel?.text;
  const range = s.input.origin.range;
  if (ctx.acceptsAtLoad === true) {
    return { code: ACCEPT_CODE, severity: 'information', segment: s.name, range, message: `${dest}: kernel ${kernel} accepts ${accepted} (sanity_check_segment_list → accept_memory); the load and the jump are safe` };
  }
  if (ctx.acceptsAtLoad === false) {
    return { code: ACCEPT_CODE, severity: 'error', segment: s.name, range, message: `${dest}: kernel ${kernel} does not accept kexec destinations (that began in 6.15), so the load succeeds and the guest is terminated when kexec copies the segment (TDX: PENDING page; SEV-SNP: page not validated); move the segment into accepted memory, boot with accept_memory=eager, or run 6.15+` };
  }
  return { code: ACCEPT_CODE, severity: 'warning', segment: s.name, range, message: `${dest}: fatal before kernel 6.15 (the copy touches memory the guest never accepted); from 6.15 the kernel accepts ${accepted}; add a 'kernel' line to decide` };
}

// ---- destinations (the kernel does not check them; the jump needs them) -----------------------

function destinations(p: Pass, ctx: Ctx): PassReport {
  const t = new Tally();
  const { map, layout } = ctx;
  if (ctx.noMap) {
    if (ctx.segs.length) {
      ctx.push({ code: 'memory/no-map', range: layout.anchors.firstLine, message: `the layout has no memory map (no region): the ${ctx.segs.length} destination(s) cannot be checked against RAM and the jump is unknown; add the map (import iomem "/proc/iomem", or region lines)` });
    }
    t.unknown('no memory map: add the regions (or import the map)');
    return t.report(p);
  }
  ctx.segs.forEach((s, i) => {
    if (s.mem === null) return;
    t.looked.push(i);
    const start = s.mem, end = s.mem + s.memsz;
    if (s.memsz === 0n || end > 1n << 64n) return;
    const { covered, holes } = map.classify(start, end);
    if (holes.length) {
      const bytes = holes.reduce((n, h) => n + (h.end - h.start), 0n);
      const more = holes.length > 1 ? ` and ${holes.length - 1} more gap(s)` : '';
      if (layout.partial) {
        ctx.push({ code: 'dest/unknown-memory', segment: s.name, range: s.input.origin.range, message: `segment ${s.name} ${span(start, end)}: ${human(bytes)} at ${span(holes[0].start, holes[0].end)}${more} lies outside every region of this partial map, so whether it is RAM is unknown; add that part of the map to decide the jump` });
        t.unknown(`segment ${s.name} reaches memory the partial map does not describe`);
      } else {
        ctx.push({ code: 'dest/not-ram', segment: s.name, range: s.input.origin.range, message: `segment ${s.name} ${span(start, end)}: ${human(bytes)} at ${span(holes[0].start, holes[0].end)}${more} is described by no region — the copy writes to memory that is not RAM; move it into a ram region` });
        t.fail(i, 'dest/not-ram', `segment ${s.name} reaches a hole in the map`);
      }
    }
    const seen = new Set<Region>();
    for (const leaf of covered) {
      const reg = leaf.region;
      if (WRITABLE_TYPES.has(reg.type) || seen.has(reg)) continue;
      seen.add(reg);
      const driver = reg.type === 'ram-driver';
      const related: Related[] = [{ range: ctx.originOf(reg).range, message: ctx.regionName(reg) }];
      const inside = driver && s.auto ? ramParent(ctx, reg) : null;
      const message = !driver
        ? `segment ${s.name} ${span(start, end)} overlaps ${ctx.regionName(reg)}${ctx.where(ctx.originOf(reg))}: the kernel does not check destinations, so the jump overwrites ${reg.type} memory; move the segment into ram`
        : inside
          ? `segment ${s.name} ${span(start, end)} lies in driver-managed RAM ${ctx.regionName(reg)}${ctx.where(ctx.originOf(reg))}: the hole search placed it there because that memory is nested in System RAM ${ctx.regionName(inside)}, which the walker returns whole (the driver-managed flag is only on the child); the jump overwrites memory a driver owns — give the segment min/max outside it`
          : `segment ${s.name} ${span(start, end)} overlaps driver-managed RAM ${ctx.regionName(reg)}${ctx.where(ctx.originOf(reg))}: a driver (dax/kmem, virtio-mem, CXL) owns that memory, and the kernel does not check a fixed destination, so the jump overwrites it (the kexec_file hole search would skip it); move the segment into ram`;
      ctx.push({ code: driver ? 'dest/driver-managed' : 'dest/reserved', segment: s.name, range: s.input.origin.range, related, message });
      t.fail(i, driver ? 'dest/driver-managed' : 'dest/reserved', `segment ${s.name} overwrites ${driver ? 'driver-managed RAM' : `${reg.type} memory`}`);
    }
  });
  return t.report(p, layout.partial ? 'partial map: memory outside every region is unknown' : undefined);
}

function ramParent(ctx: Ctx, r: Region): Region | null {
  for (let p = r.parent; p !== undefined; p = ctx.map.regions[p].parent) if (ctx.map.regions[p].type === 'ram') return ctx.map.regions[p];
  return null;
}

// ---- the tables ---------------------------------------------------------------------------------

const P = (id: string, kernel: string, title: string, decidesLoad: boolean, fn: (p: Pass, ctx: Ctx) => PassReport): Pass => {
  const pass: Pass = { id, kernel, title, decidesLoad, run: (ctx) => fn(pass, ctx) };
  return pass;
};

const SANITY = [
  P('sanity-1', 'sanity_check_segment_list', 'pass 1: mem + memsz does not wrap, both page-aligned, below KEXEC_DESTINATION_MEMORY_LIMIT → -EADDRNOTAVAIL', true, sanity1),
  P('sanity-2', 'sanity_check_segment_list', 'pass 2: no segment overlaps an earlier one (half-open) → -EINVAL', true, sanity2),
  P('sanity-3', 'sanity_check_segment_list', 'pass 3: bufsz <= memsz → -EINVAL', true, sanity3),
  P('sanity-4', 'sanity_check_segment_list', 'pass 4: each segment and all together at most totalram_pages() / 2 pages → -EINVAL', true, sanity4),
  P('sanity-5', 'sanity_check_segment_list', 'pass 5 (crash images): every segment inside crashk_res → -EADDRNOTAVAIL', true, sanity5),
  P('accept_memory', 'sanity_check_segment_list → accept_memory', 'accept_memory(mem, memsz) for every segment, in load order (6.15+)', false, acceptMemory),
  P('destinations', '(not checked by the kernel)', 'destinations lie in RAM: not reserved, firmware, driver-managed or a hole (the jump needs it)', false, destinations),
];

/** Every pass, per syscall, in the order the kernel runs them. */
export const PASSES: Record<Syscall, Pass[]> = {
  kexec_load: [
    P('placement', 'user space (kexec-tools locate_hole)', 'mem=auto segments placed before the syscall', true, placement),
    P('kexec_load_check', 'kexec_load_check', 'nr_segments <= KEXEC_SEGMENT_MAX (16) → -EINVAL', true, loadCheck),
    P('crash-entry', 'kimage_alloc_init', 'crash load: entry inside [crashk_res.start, crashk_res.end] → -EADDRNOTAVAIL', true, crashEntry),
    ...SANITY,
  ],
  kexec_file_load: [
    P('placement', 'kexec_add_buffer', 'per segment: at most 16 (-EINVAL), memsz rounded up to PAGE_SIZE, mem=auto placed by kexec_locate_mem_hole (-EADDRNOTAVAIL)', true, placement),
    ...SANITY,
  ],
};

export type { Errno };
