// The checker: a layout → every finding, each segment's final placement and accepted units, and
// the outcome (what the syscall returns, computed in the kernel's order; whether the jump survives).

import type { AddrRange, Errno, Range, Severity } from './types';
import type { LayoutInput, SegmentInput } from './layout';
import { MemoryMap, WRITABLE_TYPES, type Region } from './memoryMap';
import { UnacceptedTable } from './unaccepted';
import { archInfo, KEXEC_SEGMENT_MAX, ACCEPT_AT_LOAD_SINCE } from './arch';
import { walkRanges, locateHole, Occupancy, type HoleResult } from './placement';
import { KERNEL_ERRNO, DEFAULT_SEVERITY, type Finding, type Related } from './findings';
import { M64 } from './u64';
import { hex, human, span } from './format';

export type Jump = 'ok' | 'fatal' | 'corrupts' | 'unknown';

export interface Outcome {
  syscall: LayoutInput['syscall'];
  load: 'ok' | 'fails';
  errno: Errno | null;
  firstFailure: string | null;
  jump: Jump;
  /** One line for people: "kexec_load would fail with -EINVAL: segments kernel and initrd overlap". */
  summary: string;
}

export interface SegmentResult {
  input: SegmentInput;
  name: string;
  auto: boolean;
  /** Final destination (fixed, or placed by the hole search); null when no hole was found or never placed. */
  mem: bigint | null;
  /** memsz as the kernel sees it (rounded to pages for mem=auto). */
  memsz: bigint;
  bufsz: bigint;
  placement?: HoleResult;
  /** Unaccepted units the destination overlaps before the load (no guard unit). */
  unacceptedTouched: AddrRange[];
  /** What this segment's accept_memory call accepts, as 6.15 would run it in load order: own units and guard unit. */
  acceptOwn: AddrRange[];
  acceptGuard: AddrRange[];
  /** The runs arch_accept_memory gets during the load; empty when the load fails or the kernel predates 6.15. */
  accepts: AddrRange[];
}

export interface Analysis {
  layout: LayoutInput;
  map: MemoryMap;
  /** The unaccepted-memory table before the load (null: nothing unaccepted). */
  table: UnacceptedTable | null;
  crashRegion: Region | null;
  pageSize: bigint;
  destLimit: bigint;
  totalRamPages: bigint;
  /** true / false when the kernel version decides; null when no version is given. */
  acceptsAtLoad: boolean | null;
  segments: SegmentResult[];
  findings: Finding[];
  outcome: Outcome;
}

const ACCEPT_CODE = 'accept/unaccepted-destination';

export function analyze(layout: LayoutInput): Analysis {
  const findings: Finding[] = [];
  const push = (f: Omit<Finding, 'severity'> & { severity?: Severity }) =>
    findings.push({ severity: DEFAULT_SEVERITY[f.code] ?? 'error', ...f });
  const arch = archInfo(layout.arch);
  const ps = layout.pageSize;
  const map = new MemoryMap(layout.regions.map((r) => ({ start: r.start, end: r.end, type: r.type, label: r.label, origin: r.origin })));
  const originOf = (r: Region) => layout.regions[r.id].origin;
  const where = (o: { source?: string }) => (o.source ? ` (${o.source})` : '');
  const regionName = (r: Region) => `${r.type}${r.label ? ` "${r.label}"` : ''} ${span(r.start, r.end)}`;

  // ---- memory map -------------------------------------------------------------------------------
  for (const { a, b } of map.overlaps) {
    push({
      code: 'memory/region-overlap',
      message: `region ${regionName(b)}${where(originOf(b))} partially overlaps ${regionName(a)}${where(originOf(a))}: regions must nest or be disjoint`,
      range: originOf(b).range,
      related: [{ range: originOf(a).range, message: `overlapping region ${regionName(a)}` }],
    });
  }
  const crashRegions = map.regions.filter((r) => r.type === 'crashkernel');
  for (const c of crashRegions) {
    if (!map.ancestors(c).some((a) => a.type === 'ram')) {
      push({ code: 'memory/crashkernel-outside-ram', message: `crash kernel region ${span(c.start, c.end)}${where(originOf(c))} is not inside a ram region: crashkernel= is reserved out of System RAM`, range: originOf(c).range });
    }
  }
  // crashk_res is the main reservation; with a ",low" part as well, the main one is the higher.
  const crashRegion = crashRegions.reduce<Region | null>((best, r) => (!best || r.start > best.start ? r : best), null);
  if (layout.crash && !crashRegion) {
    push({ code: 'memory/no-crashkernel', message: 'a crash load needs a crashkernel region (crashkernel=SIZE@OFFSET on the running kernel\'s command line); without one crashk_res is empty and the kernel refuses every crash segment with -EADDRNOTAVAIL', range: layout.anchors.crash ?? layout.anchors.firstLine });
  }

  // ---- unaccepted memory ------------------------------------------------------------------------
  const unit = layout.acceptUnit;
  for (const u of layout.unaccepted) {
    if (u.start % unit !== 0n || u.end % unit !== 0n) {
      const first = ((u.start + unit - 1n) / unit) * unit, last = (u.end / unit) * unit;
      const whole = first < last ? `only ${span(first, last)} (${human(last - first)}) stays unaccepted` : 'no whole unit stays unaccepted';
      push({ code: 'accept/unaligned-range', message: `unaccepted ${span(u.start, u.end)}${where(u.origin)} is not aligned to the ${human(unit)} accept unit: the EFI stub accepts partial units at boot, so ${whole}`, range: u.origin.range });
    }
    const { covered, holes } = map.classify(u.start, u.end);
    const outside = covered.filter((l) => !WRITABLE_TYPES.has(l.region.type));
    if (holes.length || outside.length) {
      const what = holes.length ? `${span(holes[0].start, holes[0].end)} is in no region` : `${span(outside[0].start, outside[0].end)} is ${regionName(outside[0].region)}`;
      push({ code: 'accept/outside-ram', message: `unaccepted ${span(u.start, u.end)}${where(u.origin)} is not inside ram: ${what}; unaccepted memory is System RAM the firmware has not accepted`, range: u.origin.range });
    }
    for (const c of crashRegions) {
      if (u.start < c.end && c.start < u.end) {
        push({ code: 'accept/crashkernel-unaccepted', message: `unaccepted ${span(u.start, u.end)}${where(u.origin)} overlaps the crash kernel region ${span(c.start, c.end)}, which the kernel accepts when memblock reserves it at boot`, range: u.origin.range, related: [{ range: originOf(c).range, message: 'crash kernel region' }] });
      }
    }
  }
  const table = UnacceptedTable.fromRanges(unit, layout.unaccepted.map((u) => ({ start: u.start, end: u.end })));
  const acceptsAtLoad = layout.kernel ? versionAtLeast(layout.kernel, ACCEPT_AT_LOAD_SINCE) : null;

  // ---- kernel order: placement (kexec_add_buffer), kexec_load_check, crash entry, sanity passes ----
  const failures: { code: string; summary: string }[] = [];
  const fail = (code: string, summary: string) => failures.push({ code, summary });
  const segs: SegmentResult[] = [];
  const placed = new Occupancy();
  const fileLoad = layout.syscall === 'kexec_file_load';
  const tooMany = layout.segments.length > KEXEC_SEGMENT_MAX;
  const tooManyFinding = (s: SegmentInput) => push({
    code: 'kexec/too-many-segments', errno: 'EINVAL', segment: s.name, range: s.origin.range,
    message: `${layout.segments.length} segments: the kernel takes at most KEXEC_SEGMENT_MAX = 16 (${fileLoad ? 'kexec_add_buffer' : 'kexec_load_check'} returns -EINVAL); merge or drop segments`,
  });

  layout.segments.forEach((s, i) => {
    const auto = s.mem === 'auto';
    const r: SegmentResult = { input: s, name: s.name, auto, mem: auto ? null : (s.mem as bigint), memsz: s.memsz, bufsz: s.bufsz, unacceptedTouched: [], acceptOwn: [], acceptGuard: [], accepts: [] };
    segs.push(r);
    // kexec_add_buffer: image->nr_segments >= KEXEC_SEGMENT_MAX → -EINVAL, before this segment is placed.
    if (fileLoad && i === KEXEC_SEGMENT_MAX) { tooManyFinding(s); fail('kexec/too-many-segments', `${layout.segments.length} segments, at most 16`); }
    if (auto) {
      // kexec_add_buffer → kexec_locate_mem_hole → the walker and locate_mem_hole_callback.
      const ranges = walkRanges(map, { crash: crashRegion, crashLoad: layout.crash, memblock: arch.memblockPlacement, topDown: s.topDown });
      const hole = locateHole(ranges, { memsz: s.memsz, align: s.align ?? ps, bufMin: s.min, bufMax: s.max, topDown: s.topDown }, ps, placed);
      r.placement = hole;
      r.memsz = hole.memsz;
      if (hole.mem === null) {
        push({
          code: 'kexec/no-hole', errno: 'EADDRNOTAVAIL', segment: s.name, range: s.stmt?.values.mem?.valueRange ?? s.origin.range,
          message: `no hole for segment ${s.name} (${human(hole.memsz)}, align ${human(hole.align)}, min ${hex(s.min)}, max ${hex(s.max)}) in ${layout.crash ? 'the crash kernel region' : 'System RAM'} among ${ranges.length} range(s): kexec_locate_mem_hole returns -EADDRNOTAVAIL; lower the alignment or size, widen min/max, or free memory`,
        });
        fail('kexec/no-hole', `no hole for segment ${s.name}`);
        return;
      }
      r.mem = hole.mem;
    }
    placed.add({ mem: r.mem!, memsz: r.memsz });
  });
  // kexec_load_check: nr_segments > KEXEC_SEGMENT_MAX → -EINVAL (after user space placed its buffers).
  if (!fileLoad && tooMany) { tooManyFinding(layout.segments[KEXEC_SEGMENT_MAX]); fail('kexec/too-many-segments', `${layout.segments.length} segments, at most 16`); }

  // Crash region as crashk_res holds it (inclusive end); an absent reservation is the empty resource [0, 0].
  const crashStart = crashRegion?.start ?? 0n;
  const crashLast = crashRegion ? crashRegion.end - 1n : 0n;
  if (!fileLoad && layout.crash && layout.entry !== null) {
    // kimage_alloc_init: a crash entry outside [crashk_res.start, crashk_res.end] → -EADDRNOTAVAIL, before the segments.
    if (layout.entry < crashStart || layout.entry > crashLast) {
      push({
        code: 'kexec/entry-outside-crashkernel', errno: 'EADDRNOTAVAIL', range: layout.anchors.entry ?? layout.anchors.firstLine,
        message: `entry ${hex(layout.entry)} is outside the crash kernel region ${crashRegion ? `[${hex(crashStart)}, ${hex(crashLast)}]` : '(none reserved)'}: kimage_alloc_init returns -EADDRNOTAVAIL before any segment check`,
      });
      fail('kexec/entry-outside-crashkernel', `entry ${hex(layout.entry)} is outside the crash kernel region`);
    }
  }

  const live = segs.filter((s) => s.mem !== null);
  const mend = (s: SegmentResult) => (s.mem! + s.memsz) & M64;
  const rangeOf = (s: SegmentResult, key?: 'mem' | 'memsz' | 'bufsz'): Range =>
    (key && s.input.stmt?.values[key]?.valueRange) || s.input.origin.range;

  // sanity_check_segment_list pass 1: wrap, page alignment, destination limit (-EADDRNOTAVAIL).
  for (const s of live) {
    const start = s.mem!, end = mend(s);
    if (start > end) {
      push({ code: 'kexec/address-wrap', errno: 'EADDRNOTAVAIL', segment: s.name, range: rangeOf(s, 'memsz'), message: `segment ${s.name}: mem ${hex(start)} + memsz ${hex(s.memsz)} wraps past 2^64 (sanity_check_segment_list: mstart > mend → -EADDRNOTAVAIL)` });
      fail('kexec/address-wrap', `segment ${s.name} wraps past 2^64`);
    }
    const badStart = start % ps !== 0n, badEnd = end % ps !== 0n;
    if (badStart || badEnd) {
      const what = badStart ? `mem ${hex(start)}` : `mem + memsz = ${hex(end)}`;
      const fix = badStart ? `use mem=${hex(start - (start % ps))} or ${hex(start - (start % ps) + ps)}` : `use memsz=${hex(s.memsz + ps - (end % ps))}`;
      push({ code: 'kexec/unaligned', errno: 'EADDRNOTAVAIL', segment: s.name, range: rangeOf(s, badStart ? 'mem' : 'memsz'), message: `segment ${s.name}: ${what} is not a multiple of the ${human(ps)} page size (sanity_check_segment_list → -EADDRNOTAVAIL); ${fix}` });
      fail('kexec/unaligned', `segment ${s.name} is not page-aligned`);
    }
    if (start <= end && end >= arch.destLimit) {
      push({ code: 'kexec/beyond-limit', errno: 'EADDRNOTAVAIL', segment: s.name, range: rangeOf(s, 'mem'), message: `segment ${s.name} ends at ${hex(end)}, at or past KEXEC_DESTINATION_MEMORY_LIMIT of ${layout.arch} (${arch.destLimitText}): -EADDRNOTAVAIL` });
      fail('kexec/beyond-limit', `segment ${s.name} ends past the destination limit`);
    }
  }
  // Pass 2: half-open overlap against every earlier segment (-EINVAL).
  for (let i = 0; i < live.length; i++) {
    const a = live[i];
    for (let j = 0; j < i; j++) {
      const b = live[j];
      if (mend(a) > b.mem! && a.mem! < mend(b)) {
        const lo = a.mem! > b.mem! ? a.mem! : b.mem!, hi = mend(a) < mend(b) ? mend(a) : mend(b);
        push({
          code: 'kexec/overlap', errno: 'EINVAL', segment: a.name, range: a.input.origin.range,
          message: `segments ${b.name} and ${a.name} overlap in ${span(lo, hi)}${hi > lo ? ` (${human(hi - lo)})` : ''}: sanity_check_segment_list returns -EINVAL; move ${a.name} to ${hex(mend(b))} or later`,
          related: [{ range: b.input.origin.range, message: `segment ${b.name} ${span(b.mem!, mend(b))}` }],
        });
        fail('kexec/overlap', `segments ${b.name} and ${a.name} overlap`);
      }
    }
  }
  // Pass 3: bufsz > memsz (-EINVAL).
  for (const s of live) {
    if (s.bufsz > s.memsz) {
      push({ code: 'kexec/bufsz-exceeds-memsz', errno: 'EINVAL', segment: s.name, range: rangeOf(s, 'bufsz'), message: `segment ${s.name}: bufsz ${hex(s.bufsz)} (${human(s.bufsz)}) exceeds memsz ${hex(s.memsz)} (${human(s.memsz)}): -EINVAL; raise memsz or shrink the buffer` });
      fail('kexec/bufsz-exceeds-memsz', `segment ${s.name} has bufsz > memsz`);
    }
  }
  // Pass 4: each segment and all together at most totalram_pages() / 2 (-EINVAL).
  const ramBytes = layout.totalRam ?? map.ramBytes();
  const totalRamPages = ramBytes / ps;
  const half = totalRamPages / 2n;
  const pageCount = (x: bigint) => ((x + ps - 1n) & M64) / ps;
  let total = 0n;
  let perSegmentFailed = false;
  for (const s of live) {
    const pages = pageCount(s.memsz);
    if (pages > half) {
      push({ code: 'kexec/too-large', errno: 'EINVAL', segment: s.name, range: rangeOf(s, 'memsz'), message: `segment ${s.name} needs ${pages} pages (${human(s.memsz)}), more than half of RAM: totalram_pages() / 2 = ${half} pages (${human(half * ps)}) → -EINVAL` });
      if (!perSegmentFailed) fail('kexec/too-large', `segment ${s.name} needs more than half of RAM`);
      perSegmentFailed = true;
    }
    total += pages;
  }
  if (!perSegmentFailed && total > half && live.length) {
    const last = live[live.length - 1];
    push({ code: 'kexec/too-large', errno: 'EINVAL', segment: last.name, range: last.input.origin.range, message: `all segments together need ${total} pages (${human(total * ps)}), more than half of RAM: totalram_pages() / 2 = ${half} pages (${human(half * ps)}) → -EINVAL` });
    fail('kexec/too-large', 'the segments together need more than half of RAM');
  }
  // Pass 5 (crash images): every segment inside crashk_res, inclusive end (-EADDRNOTAVAIL).
  if (layout.crash) {
    for (const s of live) {
      const last = (s.mem! + s.memsz - 1n) & M64;
      if (s.mem! < crashStart || last > crashLast) {
        push({
          code: 'kexec/outside-crashkernel', errno: 'EADDRNOTAVAIL', segment: s.name, range: rangeOf(s, 'mem'),
          message: `crash segment ${s.name} [${hex(s.mem!)}, ${hex(last)}] is not inside the crash kernel region ${crashRegion ? `[${hex(crashStart)}, ${hex(crashLast)}]` : '(none reserved)'}: -EADDRNOTAVAIL`,
          related: crashRegion ? [{ range: originOf(crashRegion).range, message: 'crash kernel region' }] : undefined,
        });
        fail('kexec/outside-crashkernel', `crash segment ${s.name} is outside the crash kernel region`);
      }
    }
  }
  const loadOk = failures.length === 0;

  // ---- destinations: what the jump overwrites -------------------------------------------------
  let corrupts = false;
  for (const s of live) {
    const start = s.mem!, end = s.mem! + s.memsz;
    if (s.memsz === 0n || end > 1n << 64n) continue;
    const { covered, holes } = map.classify(start, end);
    if (holes.length) {
      corrupts = true;
      const bytes = holes.reduce((n, h) => n + (h.end - h.start), 0n);
      push({ code: 'dest/not-ram', segment: s.name, range: s.input.origin.range, message: `segment ${s.name} ${span(start, end)}: ${human(bytes)} at ${span(holes[0].start, holes[0].end)}${holes.length > 1 ? ` and ${holes.length - 1} more gap(s)` : ''} is described by no region — the copy writes to memory that is not RAM; move it into a ram region` });
    }
    const seen = new Set<Region>();
    for (const leaf of covered) {
      const reg = leaf.region;
      if (WRITABLE_TYPES.has(reg.type) || seen.has(reg)) continue;
      seen.add(reg);
      corrupts = true;
      const driver = reg.type === 'ram-driver';
      const related: Related[] = [{ range: originOf(reg).range, message: `${regionName(reg)}` }];
      push({
        code: driver ? 'dest/driver-managed' : 'dest/reserved', segment: s.name, range: s.input.origin.range, related,
        message: driver
          ? `segment ${s.name} ${span(start, end)} overlaps driver-managed RAM ${regionName(reg)}${where(originOf(reg))}: that memory belongs to a driver (dax/kmem, virtio-mem, CXL), kexec_file never places there; move the segment into ram`
          : `segment ${s.name} ${span(start, end)} overlaps ${regionName(reg)}${where(originOf(reg))}: the kernel does not check destinations, so the jump overwrites ${reg.type} memory; move the segment into ram`,
      });
    }
  }

  // ---- acceptance: accept_memory in load order, as 6.15+ runs it after every other check ----------
  let touchesUnaccepted = false;
  if (table) {
    const sim = table.clone();
    for (const s of live) {
      const end = s.mem! + s.memsz;
      if (end <= 1n << 64n) s.unacceptedTouched = table.unacceptedIn(s.mem!, end);
      const runs = sim.acceptMemory(s.mem!, s.memsz);
      // A unit is the segment's own when its bytes meet the destination; a unit past them is the
      // guard unit (phys_base is unit-aligned, so units are aligned in absolute addresses too).
      const ownLo = (s.mem! / unit) * unit, ownHi = ((end + unit - 1n) / unit) * unit;
      for (const run of runs) {
        const lo = run.start > ownLo ? run.start : ownLo, hi = run.end < ownHi ? run.end : ownHi;
        if (lo < hi) s.acceptOwn.push({ start: lo, end: hi });
        const g0 = run.start > ownHi ? run.start : ownHi;
        if (g0 < run.end) s.acceptGuard.push({ start: g0, end: run.end });
      }
      if (loadOk && acceptsAtLoad !== false) s.accepts = runs;
      if (s.unacceptedTouched.length) {
        touchesUnaccepted = true;
        push(acceptFinding(s, unit, acceptsAtLoad, layout.kernel?.text));
      }
      if (s.acceptGuard.length && acceptsAtLoad !== false) {
        const g = s.acceptGuard[0];
        push({ code: 'accept/guard-unit', segment: s.name, range: rangeOf(s, 'memsz'), message: `segment ${s.name} ends at ${hex(end)}, on a ${human(unit)} unit boundary, so accept_memory also accepts the next unit ${span(g.start, g.end)} (the guard unit for load_unaligned_zeropad), which is unaccepted${acceptsAtLoad === null ? ' (from kernel 6.15)' : ''}; this commits ${human(g.end - g.start)} more` });
      }
    }
  }

  // ---- outcome ---------------------------------------------------------------------------------
  const first = failures[0];
  const errno = first ? KERNEL_ERRNO[first.code] : null;
  let jump: Jump;
  if (!loadOk) jump = 'unknown';
  else {
    const after: Jump = corrupts ? 'corrupts' : 'ok';
    const before: Jump = touchesUnaccepted ? 'fatal' : after;
    jump = acceptsAtLoad === true ? after : acceptsAtLoad === false ? before : before === after ? after : 'unknown';
  }
  const outcome: Outcome = {
    syscall: layout.syscall,
    load: loadOk ? 'ok' : 'fails',
    errno,
    firstFailure: first?.code ?? null,
    jump,
    summary: summarize(layout.syscall, first, errno, jump, acceptsAtLoad),
  };
  return { layout, map, table, crashRegion, pageSize: ps, destLimit: arch.destLimit, totalRamPages, acceptsAtLoad, segments: segs, findings, outcome };
}

function acceptFinding(s: SegmentResult, unit: bigint, acceptsAtLoad: boolean | null, kernel?: string): Omit<Finding, 'severity'> & { severity: Severity } {
  const units = s.unacceptedTouched.reduce((n, r) => n + (r.end - r.start) / unit, 0n);
  const bytes = units * unit;
  const first = s.unacceptedTouched[0];
  const at = `${units} unaccepted ${human(unit)} unit${units === 1n ? '' : 's'} (${human(bytes)}) from ${hex(first.start)}`;
  const dest = `segment ${s.name} ${span(s.mem!, s.mem! + s.memsz)} touches ${at}`;
  const range = s.input.origin.range;
  if (acceptsAtLoad === true) {
    return { code: ACCEPT_CODE, severity: 'information', segment: s.name, range, message: `${dest}: kernel ${kernel} accepts them at load (sanity_check_segment_list → accept_memory), committing ${human(bytes)}; the load and the jump are safe` };
  }
  if (acceptsAtLoad === false) {
    return { code: ACCEPT_CODE, severity: 'error', segment: s.name, range, message: `${dest}: kernel ${kernel} does not accept kexec destinations (that began in 6.15), so the load succeeds and the guest is terminated when kexec copies the segment (TDX: PENDING page; SEV-SNP: page not validated); move the segment into accepted memory, boot with accept_memory=eager, or run 6.15+` };
  }
  return { code: ACCEPT_CODE, severity: 'warning', segment: s.name, range, message: `${dest}: fatal before kernel 6.15 (the copy touches memory the guest never accepted), accepted at load from 6.15 (${human(bytes)}); add a 'kernel' line to decide` };
}

function summarize(syscall: string, first: { code: string; summary: string } | undefined, errno: Errno | null, jump: Jump, accepts: boolean | null): string {
  if (first) return `${syscall} would fail with -${errno}: ${first.summary}`;
  switch (jump) {
    case 'ok': return `${syscall} would succeed and the jump is safe`;
    case 'fatal': return `${syscall} would succeed, but the jump kills the guest: a destination is unaccepted memory`;
    case 'corrupts': return `${syscall} would succeed, but the jump overwrites memory that is not RAM`;
    default: return `${syscall} would succeed; the jump ${accepts === null ? 'depends on the kernel version (a destination is unaccepted memory): add a kernel line' : 'cannot be judged'}`;
  }
}

function versionAtLeast(v: { major: number; minor: number }, min: { major: number; minor: number }): boolean {
  return v.major > min.major || (v.major === min.major && v.minor >= min.minor);
}
