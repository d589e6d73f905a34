// Hover: what a number, range, segment or word of a layout means, with the kernel's view of it
// (regions, unaccepted-memory units, placement, outcome). Markdown built from the analysis that
// check.ts computed; nothing is re-checked here.

import { loadBlock, loadKeyHover } from './loadDocs';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import type { Statement, RangeNode, SegmentStmt, ImportStmt } from '../language/ast';
import type { Analysis, SegmentResult } from '../engine/analyze';
import type { Region } from '../engine/memoryMap';
import type { AddrRange } from '../engine/types';
import { hex, human, span } from '../engine/format';
import { largestAlignment } from '../engine/u64';
import { KEYWORD_DOCS, REGION_TYPE_DOCS, ARCH_DOCS, SYSCALL_DOCS, SEGMENT_KEY_DOCS, FLAG_DOCS, AUTO_DOC, IMPORT_FORMAT_DOCS } from './docs';
import { tokenAt, indexOf, regionOf, type Hit, type NumberRole } from './positions';
import { mdText, showLines } from './safeText';

export function hover(result: CheckResult, position: Position): Hover | null {
  const hit = tokenAt(result.file, position);
  if (!hit) return null;
  const md = describe(result, hit);
  if (!md) return null;
  // Document text inside is Markdown-escaped where it is inserted (mdText); no control or bidi
  // character reaches the client in any case.
  return { contents: { kind: MarkupKind.Markdown, value: showLines(md) }, range: hit.range };
}

function describe(result: CheckResult, hit: Hit): string | null {
  const a = result.analysis;
  switch (hit.kind) {
    case 'keyword': return keywordHover(result, hit.stmt);
    case 'number': {
      const parts: (string | null)[] = [numberBlock(a, hit.node.value, hit.role, hit.what, hit.node.text)];
      if (hit.span) parts.push(rangeBlock(result, hit.stmt, hit.span));
      if (hit.stmt.kind === 'crashkernel') parts.push(crashBlock(result, hit.stmt));
      if (hit.stmt.kind === 'segment') parts.push(segmentBrief(indexOf(result).segmentByStmt.get(hit.stmt)));
      if (hit.stmt.kind === 'entry') parts.push(entryBlock(a));
      return join(parts);
    }
    case 'operator': return rangeBlock(result, hit.stmt, hit.span);
    case 'crash-at': return crashBlock(result, hit.stmt);
    case 'region-type': return join([doc(hit.stmt.type, REGION_TYPE_DOCS[hit.stmt.type]), regionNesting(result, hit.stmt)]);
    case 'label': return regionNesting(result, hit.stmt);
    case 'arch': return hit.stmt.kind === 'arch' ? join([doc(hit.stmt.arch, ARCH_DOCS[hit.stmt.arch]), `Page size in this layout: ${human(a.pageSize)}; destination limit ${hex(a.destLimit)}.`]) : null;
    case 'syscall': return hit.stmt.kind === 'syscall' ? join([doc(hit.stmt.syscall, SYSCALL_DOCS[hit.stmt.syscall]), outcomeBlock(a)]) : null;
    case 'kernel-version': return join([doc('kernel', KEYWORD_DOCS.kernel), kernelBlock(a)]);
    case 'import-format': return join([doc(hit.stmt.format, IMPORT_FORMAT_DOCS[hit.stmt.format]), importBlock(result, hit.stmt)]);
    case 'import-path': return importBlock(result, hit.stmt);
    case 'segment-name': return segmentHover(result, hit.stmt);
    case 'segment-key': return join([doc(`${hit.value.key}=`, SEGMENT_KEY_DOCS[hit.value.key]), segmentBrief(indexOf(result).segmentByStmt.get(hit.stmt))]);
    case 'auto': return join([doc('auto', AUTO_DOC), placementBlock(a, indexOf(result).segmentByStmt.get(hit.stmt))]);
    case 'flag': return doc(hit.flag.name, FLAG_DOCS[hit.flag.name]);
    case 'load-key': return loadKeyHover(hit.value.key);
  }
}

function join(parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join('\n\n---\n\n');
}

function doc(word: string, text: string | undefined): string | null {
  return text ? `**\`${word}\`** — ${text}` : null;
}

const code = (s: string) => '`' + s + '`';
const hx = (x: bigint) => code(hex(x));
const sp = (start: bigint, end: bigint) => code(span(start, end));

function alignmentText(x: bigint): string {
  const al = largestAlignment(x);
  if (al >= 1n << 64n) return 'aligned to every power of two (it is 0)';
  return `aligned to ${human(al)} (2^${al.toString(2).length - 1})`;
}

// ---- numbers ------------------------------------------------------------------------------------

function numberBlock(a: Analysis, value: bigint, role: NumberRole, what: string, text: string): string {
  const ps = a.pageSize;
  const lines: string[] = [];
  const title = role === 'size' ? 'Size' : role === 'user-address' ? 'User-space address' : 'Address';
  lines.push(`**${title} ${hx(value)}** — ${what}${text !== hex(value) ? ` (written ${code(text)})` : ''}`);
  lines.push('');
  lines.push(`- hex ${hx(value)}, decimal ${code(value.toString())}, ${human(value)}`);
  if (role === 'size') {
    const pages = value / ps, rest = value % ps;
    lines.push(`- ${pages} page${pages === 1n ? '' : 's'} of ${human(ps)}${rest ? ` + ${rest} bytes (not a multiple of the page size)` : ''}`);
  } else {
    lines.push(`- page frame number ${hx(value / ps)} (${human(ps)} pages)${value % ps ? `, offset ${hx(value % ps)} into the page` : ''}`);
  }
  lines.push(`- ${alignmentText(value)}`);
  if (role === 'user-address') {
    lines.push('- a user-space pointer the kernel copies from at load time, not a physical address');
    return lines.join('\n');
  }
  if (role === 'size') return lines.join('\n');
  if (role === 'end') lines.push(`- the range's exclusive end: the first byte after it; below, what lies at ${hx(value)}`);
  if (value >= a.destLimit) lines.push(`- at or past \`KEXEC_DESTINATION_MEMORY_LIMIT\` (${hex(a.destLimit)}): no segment may reach it`);
  lines.push('', addressBlock(a, value));
  return lines.join('\n');
}

/** Regions, unaccepted-memory unit and segments at one physical address. */
function addressBlock(a: Analysis, addr: bigint): string {
  const out: string[] = [];
  const chain = a.map.containing(addr);
  if (chain.length === 0) out.push(`**Regions**: none — ${hx(addr)} is in a hole of the memory map`);
  else {
    out.push('**Regions** (outermost first)');
    for (const r of chain) {
      const off = addr - r.start;
      out.push(`- ${regionTitle(r)} ${sp(r.start, r.end)}, offset ${hx(off)}${off ? ` (${human(off)})` : ''} into it`);
    }
  }
  const unit = unitText(a, addr);
  if (unit) out.push('', unit);
  const covering = a.segments.filter((s) => s.mem !== null && s.mem <= addr && addr < s.mem + s.memsz);
  if (covering.length) {
    out.push('', '**Segments** covering it');
    for (const s of covering) out.push(`- ${code(s.name)} ${sp(s.mem!, s.mem! + s.memsz)}, offset ${hx(addr - s.mem!)}`);
  }
  return out.join('\n');
}

function regionTitle(r: Region): string {
  return `${code(r.type)}${r.label ? ` "${mdText(r.label)}"` : ''}`;
}

function within(ranges: AddrRange[], x: bigint): boolean {
  return ranges.some((r) => r.start <= x && x < r.end);
}

/** The unaccepted-memory unit holding addr: index from the table base, its range, its state and who accepts it. */
function unitText(a: Analysis, addr: bigint): string | null {
  const t = a.table;
  if (!t) return null;
  const u = t.unit;
  const reach = t.base + t.sizeBytes * 8n * u;
  if (addr < t.base || addr >= reach) {
    return `**Unaccepted memory**: ${hx(addr)} is outside the bitmap ${sp(t.base, reach)} (${human(u)} units), so it counts as accepted`;
  }
  const index = (addr - t.base) / u;
  const start = t.base + index * u;
  const unaccepted = t.isSet(index);
  const lines = [`**Unaccepted memory**: unit ${index} of the bitmap (base ${hx(t.base)}, ${human(u)} units), ${sp(start, start + u)}: **${unaccepted ? 'unaccepted' : 'accepted'}**`];
  if (!unaccepted) return lines.join('\n');
  const own = a.segments.find((s) => within(s.acceptOwn, start));
  const guard = a.segments.find((s) => within(s.acceptGuard, start));
  const by = own ? `segment ${code(own.name)}` : guard ? `segment ${code(guard.name)} (guard unit)` : null;
  const failed = a.outcome.load === 'fails' ? ` — if the load got that far; it fails with -${a.outcome.errno}` : '';
  if (!by) lines.push('- no segment of this load touches it; the running kernel accepts it lazily when it allocates the page');
  else if (a.acceptsAtLoad === true) lines.push(`- accepted at load by ${by}${failed}`);
  else if (a.acceptsAtLoad === null) lines.push(`- from kernel 6.15: accepted at load by ${by}; before 6.15 a destination here kills the guest (no \`kernel\` line decides)`);
  else lines.push(`- touched by ${by}, but kernel ${a.layout.kernel?.text} does not accept kexec destinations (6.15+ does): the copy terminates the guest`);
  return lines.join('\n');
}

// ---- ranges, regions --------------------------------------------------------------------------

function rangeBlock(result: CheckResult, stmt: Statement, rn: RangeNode): string {
  const size = rn.end - rn.start;
  const lines = [
    `**Range** ${code(rn.form === '+' ? 'A + SIZE' : rn.form === '..' ? 'A .. B (exclusive end)' : 'A ..= B (inclusive end)')}`,
    '',
    `- start ${hx(rn.start)}`,
    rn.end >= 1n << 64n ? `- end (exclusive) 2^64` : `- end (exclusive) ${hx(rn.end)}`,
    `- end (inclusive) ${hx(rn.end - 1n)}`,
    `- size ${hx(size)} = ${human(size)} (${size.toString()} bytes)`,
  ];
  if (stmt.kind === 'region') {
    const nest = regionNesting(result, stmt);
    if (nest) lines.push('', nest);
  }
  if (stmt.kind === 'unaccepted' && result.analysis.table) {
    const t = result.analysis.table;
    const u = t.unit;
    const first = ((rn.start + u - 1n) / u) * u, last = (rn.end / u) * u;
    lines.push('', first < last
      ? `Whole ${human(u)} units inside: ${sp(first, last)}, ${(last - first) / u} unit(s) (unit ${(first - t.base) / u} to ${(last - t.base) / u - 1n} of the bitmap)`
      : `No whole ${human(u)} unit inside: the EFI stub accepts partial units at boot`);
  }
  return lines.join('\n');
}

function regionNesting(result: CheckResult, stmt: Statement): string | null {
  const r = regionOf(result, stmt);
  if (!r) return null;
  const map = result.analysis.map;
  const parents = map.ancestors(r).reverse();
  const lines = [`**Region** ${regionTitle(r)} ${sp(r.start, r.end)}, ${human(r.end - r.start)}`];
  if (parents.length) lines.push(`- inside ${parents.map((p) => `${regionTitle(p)} ${sp(p.start, p.end)}`).join(' → ')}`);
  else lines.push('- top level of the memory map');
  return lines.join('\n');
}

function crashBlock(result: CheckResult, stmt: Extract<Statement, { kind: 'crashkernel' }>): string {
  const lines = [`**Crash kernel region** ${sp(stmt.start, stmt.end)}, ${human(stmt.end - stmt.start)} (inclusive end ${hx(stmt.end - 1n)})`];
  const cr = result.analysis.crashRegion;
  if (cr && cr.start === stmt.start && cr.end === stmt.end) lines.push('- this is `crashk_res`: every segment of a crash load must lie inside it');
  const r = regionOf(result, stmt);
  const parents = r ? result.analysis.map.ancestors(r).reverse() : [];
  if (parents.length) lines.push(`- inside ${parents.map((p) => `${regionTitle(p)} ${sp(p.start, p.end)}`).join(' → ')}`);
  else if (r) lines.push('- **not inside a `ram` region**');
  return lines.join('\n');
}

function entryBlock(a: Analysis): string | null {
  if (!a.layout.crash) return 'Not a crash load: the entry is not checked against a crash region.';
  const cr = a.crashRegion;
  if (!cr) return 'Crash load without a crash kernel region: the entry check fails (`crashk_res` is empty).';
  const e = a.layout.entry!;
  const inside = e >= cr.start && e <= cr.end - 1n;
  return `Crash load: \`kimage_alloc_init\` requires ${hx(cr.start)} <= entry <= ${hx(cr.end - 1n)}; this entry is ${inside ? 'inside' : '**outside** (-EADDRNOTAVAIL before any segment check)'}.`;
}

// ---- settings, outcome, imports -----------------------------------------------------------------

function keywordHover(result: CheckResult, stmt: Statement): string | null {
  const a = result.analysis;
  const parts: (string | null)[] = [doc(stmt.kind, KEYWORD_DOCS[stmt.kind])];
  switch (stmt.kind) {
    case 'syscall': parts.push(outcomeBlock(a)); break;
    case 'kernel': parts.push(kernelBlock(a)); break;
    case 'import': parts.push(importBlock(result, stmt)); break;
    case 'load': parts.push(loadBlock(result, stmt)); break;
    case 'segment': parts.push(segmentBrief(indexOf(result).segmentByStmt.get(stmt))); break;
    case 'region': parts.push(regionNesting(result, stmt)); break;
    case 'crashkernel': parts.push(crashBlock(result, stmt)); break;
    case 'crash': parts.push(a.crashRegion ? `Crash region: ${sp(a.crashRegion.start, a.crashRegion.end)} (${human(a.crashRegion.end - a.crashRegion.start)}).` : 'No crash kernel region is declared.'); break;
    case 'total-ram': parts.push(`\`totalram_pages()\` = ${a.totalRamPages} pages; each segment and all together may use at most ${a.totalRamPages / 2n} pages (${human((a.totalRamPages / 2n) * a.pageSize)}).`); break;
    case 'page-size': case 'arch': parts.push(`Page size in this layout: ${human(a.pageSize)}.`); break;
    case 'accept-unit': parts.push(a.table ? `Bitmap base ${hx(a.table.base)}, ${a.table.unitCount()} unit(s) unaccepted now.` : 'Nothing is unaccepted in this layout.'); break;
    default: break;
  }
  return join(parts);
}

function kernelBlock(a: Analysis): string {
  const k = a.layout.kernel;
  if (!k) return 'No kernel version: version-dependent findings describe both sides of 6.15.';
  return a.acceptsAtLoad
    ? `Kernel ${k.text} (6.15 or later): \`sanity_check_segment_list\` accepts every destination with \`accept_memory()\` after the other checks pass.`
    : `Kernel ${k.text} (before 6.15): destinations are not accepted at load; a segment in unaccepted memory terminates the guest when kexec copies it.`;
}

/** The outcome and the kernel's passes as the engine ran them, in the kernel's order (what --explain prints). */
function outcomeBlock(a: Analysis): string {
  const o = a.outcome;
  const load = o.load === 'ok' ? 'load **ok**' : o.load === 'unknown' ? 'load **unknown**' : `load **fails**${o.errno ? ` with -${o.errno}` : ''} (first failure ${code(o.firstFailure ?? '?')})`;
  const lines = [`**Outcome**: ${code(o.syscall)} ${load}; jump **${o.jump}**`, '', o.summary, '', '**Kernel check order**'];
  let decided = false;
  a.passes.forEach((p, n) => {
    const verdict = p.verdict === 'fail' ? (decided && p.decidesLoad ? 'fails (not reached)' : '**fails here**') : p.verdict === 'undecided' ? '**undecided**' : p.verdict;
    const why = p.verdict === 'undecided' && p.undecided ? `: ${p.undecided}` : p.verdict === 'skipped' && p.note ? ` (${p.note})` : '';
    lines.push(`${n + 1}. \`${p.kernel}\`: ${p.title} — ${verdict}${why}`);
    if (p.decidesLoad && (p.verdict === 'fail' || p.verdict === 'undecided')) decided = true;
  });
  return lines.join('\n');
}

function importBlock(result: CheckResult, stmt: ImportStmt): string {
  const got = result.imports.get(stmt);
  if (!got) return `**Import** ${mdText(stmt.path)}: not read here (no file access in this context).`;
  if ('error' in got) return `**Import** ${mdText(got.path)}: cannot be read — ${mdText(got.error)}`;
  const r = got.result;
  const fmt = stmt.format === 'auto' ? `read as ${code(r.format)}` : `format ${code(r.format)}`;
  const lines = [
    `**Import** ${mdText(got.path)}: ${fmt}, ${r.linesRead} line(s) read`,
    '',
    `- ${r.regions.length} region(s), ${r.unaccepted.length} unaccepted range(s), ${r.segments.length} segment(s)`,
  ];
  // What was read per format (`e820: 14 regions, crashkernel: 1, kexec_file: 4 segments; 312 lines skipped`).
  // Built by the importer from format names and counts only: shown as is.
  if (r.summary) lines.push(`- per format: ${r.summary}`);
  for (const s of r.snapshots ?? []) {
    lines.push(`- ${s.lines.length} ${code(s.format)} copies (lines ${s.lines.join(', ')}): copy #${s.chosen} imported; \`#N\` after the path picks another`);
  }
  if (r.partial) lines.push('- the source elides lines: the map is partial');
  if (r.corrupt) lines.push(`- **corrupt**: ${r.corrupt.count} entr${r.corrupt.count === 1 ? 'y' : 'ies'}, first at line ${r.corrupt.line} (${mdText(r.corrupt.reason)})`);
  const extra = [r.arch && `arch ${r.arch}`, r.syscall && `syscall ${r.syscall}`, r.crash && 'crash load', r.entry !== undefined && `entry ${hex(r.entry)}`].filter(Boolean);
  if (extra.length) lines.push(`- also read: ${extra.join(', ')}`);
  if (r.skipped.length === 0) lines.push('- no line skipped');
  else {
    lines.push(`- ${r.skippedCount ?? r.skipped.length} line(s) skipped; first:`);
    for (const s of r.skipped.slice(0, 5)) lines.push(`  - line ${s.line}: ${s.reason}`);
  }
  for (const w of r.warnings.slice(0, 5)) lines.push(`- warning, line ${w.line}: ${mdText(w.message)}`);
  return lines.join('\n');
}

// ---- segments -----------------------------------------------------------------------------------

function unitsOf(ranges: AddrRange[], unit: bigint): bigint {
  return ranges.reduce((n, r) => n + (r.end - r.start) / unit, 0n);
}

function segmentBrief(s: SegmentResult | undefined): string | null {
  if (!s) return null;
  if (s.mem === null) return `Segment ${code(s.name)}: not placed (no hole).`;
  return `Segment ${code(s.name)}: ${sp(s.mem, s.mem + s.memsz)}, ${human(s.memsz)}`;
}

function segmentHover(result: CheckResult, stmt: SegmentStmt): string {
  const a = result.analysis;
  const s = indexOf(result).segmentByStmt.get(stmt);
  if (!s) return `**segment ${code(stmt.name)}**`;
  const ps = a.pageSize;
  const lines = [`**segment ${code(s.name)}** — ${s.auto ? '`mem=auto`, placed by the `kexec_file` hole search' : 'fixed destination'}`, ''];
  if (s.mem === null) lines.push('- **no hole**: the hole search found no slot');
  else {
    const end = s.mem + s.memsz;
    lines.push(`- destination ${sp(s.mem, end)} (inclusive end ${hx(end - 1n)})`);
  }
  lines.push(`- memsz ${hx(s.memsz)} = ${human(s.memsz)}, ${(s.memsz + ps - 1n) / ps} page(s) of ${human(ps)}`);
  lines.push(`- bufsz ${hx(s.bufsz)} = ${human(s.bufsz)}${s.bufsz < s.memsz ? `; the last ${human(s.memsz - s.bufsz)} are zero-filled` : ''}`);
  const acc = acceptBlock(a, s);
  if (acc) lines.push('', acc);
  const pl = placementBlock(a, s);
  if (pl) lines.push('', pl);
  const findings = result.diagnostics.filter((d) => d.segment === s.name);
  if (findings.length) {
    lines.push('', '**Findings**');
    for (const f of findings) lines.push(`- ${f.severity} ${code(f.code)}: ${f.message}`);
  }
  return lines.join('\n');
}

function acceptBlock(a: Analysis, s: SegmentResult): string | null {
  const t = a.table;
  if (!t || s.mem === null) return null;
  const u = t.unit;
  const own = unitsOf(s.acceptOwn, u), guard = unitsOf(s.acceptGuard, u);
  const touched = unitsOf(s.unacceptedTouched, u);
  if (own + guard === 0n) return '**Unaccepted memory**: the destination touches no unaccepted unit, and no guard unit is accepted';
  const list = (rs: AddrRange[]) => rs.map((r) => sp(r.start, r.end)).join(', ');
  const lines = ['**Unaccepted memory**'];
  if (own) lines.push(`- ${own} unit(s) of ${human(u)} in the destination: ${list(s.acceptOwn)}`);
  if (guard) lines.push(`- guard unit ${list(s.acceptGuard)}: the segment ends on a unit boundary, so \`accept_memory\` takes the next unit too`);
  const commit = `${human((own + guard) * u)} (own ${human(own * u)} + guard ${human(guard * u)})`;
  if (a.acceptsAtLoad === true) {
    lines.push(a.outcome.load === 'ok'
      ? `- the load accepts them (\`accept_memory\`), committing ${commit}`
      : `- the load would accept them, committing ${commit}, but it fails first with -${a.outcome.errno}`);
  } else if (a.acceptsAtLoad === null) {
    lines.push(`- from 6.15 the load accepts them, committing ${commit}; before 6.15 ${touched ? 'the copy into unaccepted memory kills the guest' : 'nothing is accepted and nothing breaks'}`);
  } else if (touched) {
    lines.push(`- kernel ${a.layout.kernel?.text} accepts nothing at load: the copy into ${touched} unaccepted unit(s) terminates the guest (6.15+ would accept them, committing ${commit})`);
  } else {
    lines.push(`- kernel ${a.layout.kernel?.text} accepts nothing at load; the destination itself is accepted, so nothing breaks`);
  }
  return lines.join('\n');
}

function placementBlock(a: Analysis, s: SegmentResult | undefined): string | null {
  if (!s || !s.auto || !s.placement) return null;
  const p = s.placement;
  const inp = s.input;
  const dir = inp.topDown ? 'top-down (highest slot first)' : 'bottom-up (lowest slot first)';
  const where = a.layout.crash ? 'the crash kernel region' : 'System RAM';
  const lines = ['**Placement** (`kexec_add_buffer` → `kexec_locate_mem_hole`)', ''];
  lines.push(`- walk: ${dir} over ${where}; ${p.visited} range(s) visited`);
  lines.push(`- memsz rounded to ${human(p.memsz)}, align ${human(p.align)}, min ${hx(inp.min)}, max ${hx(inp.max)}`);
  if (p.mem === null) {
    lines.push('- **no hole**: no range holds an aligned, free slot within min/max → -EADDRNOTAVAIL');
    return lines.join('\n');
  }
  if (p.range) {
    const r = p.range.region;
    lines.push(`- slot found in ${r ? regionTitle(r) + ' ' : ''}[${hex(p.range.start)}, ${hex(p.range.end)}] → ${hx(p.mem)}`);
  }
  if (p.jumps) {
    // The earlier segments between the first candidate and the slot are what the search stepped over.
    const lo = p.firstCandidate! < p.mem ? p.firstCandidate! : p.mem, hi = (p.firstCandidate! > p.mem ? p.firstCandidate! : p.mem) + p.memsz;
    const mine = a.segments.indexOf(s);
    const names = a.segments.slice(0, mine).filter((x) => x.mem !== null && x.mem < hi && lo < x.mem + x.memsz).map((x) => code(x.name));
    const list = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
    lines.push(`- stepped over ${list || 'earlier segments'} (the first slot collided)${p.wrapped ? '; the search wrapped past 2^64' : ''}`);
  } else lines.push('- the first candidate slot was free');
  return lines.join('\n');
}
