// Code actions. Quick fixes change exactly what their title says (one value token, written in the
// style the user wrote it); range rewrites keep start and end identical; "fix all alignment"
// page-aligns every fixed segment outward, so it still covers the bytes it covered before.

import {
  CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit,
} from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import type { NumberNode, RangeNode } from '../language/ast';
import { STATEMENT_KEYWORDS, SEGMENT_KEYS, SEGMENT_FLAGS, IMPORT_FORMATS, SYSCALLS } from '../language/ast';
import { REGION_TYPES, ARCHES, type AddrRange } from '../engine/types';
import type { SegmentResult } from '../engine/analyze';
import { WRITABLE_TYPES } from '../engine/memoryMap';
import { locateHole, type WalkRange } from '../engine/placement';
import { human } from '../engine/format';
import { alignDown, alignUp } from '../engine/u64';
import { parseNumber } from '../language/numbers';
import { lexLine, splitLines } from '../language/lexer';
import { nearest } from '../language/suggest';
import { clampRange, indexOf, intersects, statementAt } from './positions';

const TWO_64 = 1n << 64n;

// ---- writing numbers the way the user wrote them ---------------------------------------------------

const UNIT_SHIFT: [string, bigint][] = [['E', 60n], ['P', 50n], ['T', 40n], ['G', 30n], ['M', 20n], ['K', 10n]];

function group(digits: string, every: number): string {
  let out = '';
  for (let i = digits.length; i > 0; i -= every) out = digits.slice(Math.max(0, i - every), i) + (out ? '_' + out : '');
  return out;
}

/**
 * `value` in the notation of `sample`: hex keeps its prefix, case, `_` grouping and zero padding;
 * a decimal with a unit suffix keeps the suffix style (16M, 4KiB, 2gb) when the value divides
 * exactly; plain decimal keeps `_` grouping. The result always parses back to `value`.
 */
export function formatLike(value: bigint, sample: string): string {
  let out: string;
  const hexm = /^(0[xX])([0-9a-fA-F_]+)$/.exec(sample);
  if (hexm) {
    const body = hexm[2].replace(/_/g, '');
    let digits = value.toString(16);
    if (body.length > 1 && body.startsWith('0')) digits = digits.padStart(body.length, '0');
    if (/[A-F]/.test(hexm[2])) digits = digits.toUpperCase();
    out = hexm[1] + (hexm[2].includes('_') ? group(digits, 4) : digits);
  } else {
    const dec = /^([0-9_]+)([kKmMgGtTpPeE])?((?:[iI][bB]|[bB])?)$/.exec(sample);
    const grouped = !!dec && dec[1].includes('_');
    const plain = (v: bigint) => (grouped ? group(v.toString(), 3) : v.toString());
    out = plain(value);
    if (dec?.[2] && value !== 0n) {
      const lower = dec[2] === dec[2].toLowerCase();
      const own = UNIT_SHIFT.find(([u]) => u === dec[2].toUpperCase())!;
      const pick = value % (1n << own[1]) === 0n ? own : UNIT_SHIFT.find(([, s]) => value % (1n << s) === 0n);
      if (pick) out = plain(value >> pick[1]) + (lower ? pick[0].toLowerCase() : pick[0]) + dec[3];
    }
  }
  const back = parseNumber(out);
  return back.ok && back.value === value ? out : '0x' + value.toString(16);
}

/** A size for people: the largest exact binary unit (6G, 640K), else hex in the sample's style. */
function sizeLike(value: bigint, sample: string): string {
  if (value >= 1024n && value % 1024n === 0n) {
    const pick = UNIT_SHIFT.find(([, s]) => value % (1n << s) === 0n)!;
    return `${value >> pick[1]}${pick[0]}`;
  }
  return /^0[xX]/.test(sample) ? formatLike(value, sample) : value.toString();
}

// ---- helpers -------------------------------------------------------------------------------------

function codeOf(d: Diagnostic): string {
  return typeof d.code === 'string' ? d.code : d.code === undefined ? '' : String(d.code);
}

function edit(uri: string, edits: TextEdit[]): CodeAction['edit'] {
  return { changes: { [uri]: edits } };
}

/** The segment a diagnostic is about: its data, the finding at that spot, or the segment on that line. */
function segmentFor(result: CheckResult, d: Diagnostic): SegmentResult | undefined {
  const ix = indexOf(result);
  const name = (d.data as { segment?: unknown } | undefined)?.segment;
  if (typeof name === 'string') return ix.segmentByName.get(name);
  const f = result.diagnostics.find((x) => x.code === codeOf(d) && x.segment && x.range.start.line === d.range?.start?.line && x.range.start.character === d.range.start.character);
  if (f?.segment) return ix.segmentByName.get(f.segment);
  const s = d.range && statementAt(result.file, d.range.start.line);
  return s?.kind === 'segment' ? ix.segmentByStmt.get(s) : undefined;
}

function numberValue(seg: SegmentResult, key: 'mem' | 'memsz'): NumberNode | undefined {
  const v = seg.input.stmt?.values[key]?.value;
  return v && v !== 'auto' ? v : undefined;
}

function replaceNumber(node: NumberNode, value: bigint): TextEdit {
  return { range: node.range, newText: formatLike(value, node.text) };
}

// ---- the first free, accepted slot --------------------------------------------------------------------

/** Subtracts sorted, disjoint `cut` ranges from sorted, disjoint `from` ranges. */
function subtract(from: AddrRange[], cut: AddrRange[]): AddrRange[] {
  const out: AddrRange[] = [];
  let j = 0;
  for (const r of from) {
    let at = r.start;
    while (j < cut.length && cut[j].end <= at) j++;
    for (let k = j; k < cut.length && cut[k].start < r.end; k++) {
      if (cut[k].start > at) out.push({ start: at, end: cut[k].start });
      if (cut[k].end > at) at = cut[k].end;
    }
    if (at < r.end) out.push({ start: at, end: r.end });
  }
  return out;
}

function mergeSorted(rs: AddrRange[]): AddrRange[] {
  const out: AddrRange[] = [];
  for (const r of [...rs].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) { if (r.end > last.end) last.end = r.end; } else out.push({ ...r });
  }
  return out;
}

/**
 * The lowest page-aligned destination for `seg` that is writable RAM (the crash region for crash
 * loads), overlaps no other segment, holds no unaccepted unit, and does not end right before one
 * (accept_memory's guard unit would be unaccepted memory too). The engine's bottom-up hole search
 * runs over those pieces.
 */
export function freeSlot(result: CheckResult, seg: SegmentResult): bigint | null {
  const a = result.analysis;
  const ps = a.pageSize;
  if (seg.memsz === 0n) return null;
  let pieces: AddrRange[] = [];
  for (const l of a.map.leaves) {
    if (!WRITABLE_TYPES.has(l.region.type)) continue;
    const last = pieces[pieces.length - 1];
    if (last && last.end === l.start) last.end = l.end; else pieces.push({ start: l.start, end: l.end });
  }
  if (a.layout.crash) {
    const c = a.crashRegion;
    pieces = c ? pieces.flatMap((p) => (p.start < c.end && c.start < p.end ? [{ start: p.start > c.start ? p.start : c.start, end: p.end < c.end ? p.end : c.end }] : [])) : [];
  }
  if (a.table) pieces = subtract(pieces, mergeSorted(a.table.ranges().map((r) => ({ start: r.start > ps ? r.start - ps : 0n, end: r.end }))));
  const ranges: WalkRange[] = pieces.map((p) => ({ start: p.start, end: p.end - 1n }));
  const others = a.segments.filter((s) => s !== seg && s.mem !== null).map((s) => ({ mem: s.mem!, memsz: s.memsz }));
  const bufMax = (a.destLimit < TWO_64 - 1n ? a.destLimit : TWO_64 - 1n) - 2n; // mem + memsz < limit
  // Page 0 is skipped: tools read mem=0 as "unset", and x86 keeps the first page for firmware data.
  const hole = locateHole(ranges, { memsz: seg.memsz, align: ps, bufMin: ps, bufMax, topDown: false }, ps, others);
  return hole.mem;
}

// ---- the actions -----------------------------------------------------------------------------------

const MOVE_CODES = (c: string) => c === 'accept/unaccepted-destination' || c === 'kexec/overlap' || c.startsWith('dest/');

export function codeActions(
  result: CheckResult, text: string, range: Range, diagnostics: Diagnostic[], uri: string, only?: string[],
): CodeAction[] {
  const r = clampRange(result.file, range);
  if (!r || typeof text !== 'string') return [];
  const wants = (kind: string) => !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const out: CodeAction[] = [];
  const diags = Array.isArray(diagnostics) ? diagnostics.filter((d) => d && d.range) : [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const a of typoFixes(text, diags, uri)) out.push(a);
    for (const a of alignmentFixes(result, diags, uri)) out.push(a);
    for (const a of moveFixes(result, diags, uri)) out.push(a);
  }
  if (wants(CodeActionKind.RefactorRewrite)) { for (const a of rangeRewrites(result, r, uri)) out.push(a); }
  if (wants(CodeActionKind.SourceFixAll)) {
    const all = fixAllAlignment(result, diags, uri);
    if (all) out.push(all);
  }
  return out;
}

/** "Did you mean": replace an unknown keyword, type, arch, key, flag, syscall or format by the nearest known word. */
function typoFixes(text: string, diags: Diagnostic[], uri: string): CodeAction[] {
  const out: CodeAction[] = [];
  let lines: string[] | undefined;
  for (const d of diags) {
    const c = codeOf(d);
    if (!['syntax/unknown-statement', 'syntax/unknown-type', 'syntax/unknown-arch', 'syntax/unknown-key', 'syntax/invalid-setting'].includes(c)) continue;
    if (d.range.start.line !== d.range.end.line) continue;
    lines ??= splitLines(text);
    const line = lines[d.range.start.line];
    if (line === undefined) continue;
    const word = line.slice(d.range.start.character, d.range.end.character);
    if (!word || /\s/.test(word)) continue;
    const tokens = lexLine(line);
    const first = tokens[0]?.text;
    const after = tokens.find((t) => t.start === d.range.end.character);
    let candidates: readonly string[] | undefined;
    if (c === 'syntax/unknown-statement') candidates = STATEMENT_KEYWORDS;
    else if (c === 'syntax/unknown-type') candidates = REGION_TYPES;
    else if (c === 'syntax/unknown-arch') candidates = ARCHES;
    else if (c === 'syntax/unknown-key') candidates = after?.text === '=' ? SEGMENT_KEYS : SEGMENT_FLAGS;
    else if (first === 'syscall' && tokens[1]?.start === d.range.start.character) candidates = SYSCALLS;
    else if (first === 'import' && tokens[1]?.start === d.range.start.character) candidates = IMPORT_FORMATS.filter((f) => f !== 'auto');
    if (!candidates) continue;
    const best = nearest(word, candidates);
    if (!best || best === word) continue;
    out.push({
      title: `Replace '${word}' with '${best}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
      edit: edit(uri, [{ range: d.range, newText: best }]),
    });
  }
  return out;
}

function alignmentFixes(result: CheckResult, diags: Diagnostic[], uri: string): CodeAction[] {
  const out: CodeAction[] = [];
  const ps = result.analysis.pageSize;
  const done = new Set<SegmentResult>();
  for (const d of diags) {
    if (codeOf(d) !== 'kexec/unaligned') continue;
    const seg = segmentFor(result, d);
    if (!seg || seg.auto || seg.mem === null || done.has(seg)) continue;
    done.add(seg);
    const memNode = numberValue(seg, 'mem'), szNode = numberValue(seg, 'memsz');
    const mine: CodeAction[] = [];
    if (memNode && seg.mem % ps !== 0n) {
      const down = alignDown(seg.mem, ps), up = down + ps;
      const to = (v: bigint, dir: string) => {
        const e = replaceNumber(memNode, v);
        mine.push({ title: `Align mem of ${seg.name} ${dir} to ${e.newText}`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(uri, [e]) });
      };
      to(down, 'down');
      if (up < TWO_64) to(up, 'up');
    }
    if (szNode && seg.memsz % ps !== 0n) {
      const sz = alignUp(seg.memsz, ps);
      if (sz > seg.memsz) mine.push({ title: `Round memsz of ${seg.name} up to the ${human(ps)} page size (${formatLike(sz, szNode.text)})`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(uri, [replaceNumber(szNode, sz)]) });
    }
    if (mine.length === 1) mine[0].isPreferred = true;
    for (const a of mine) out.push(a);
  }
  return out;
}

function moveFixes(result: CheckResult, diags: Diagnostic[], uri: string): CodeAction[] {
  const bySeg = new Map<SegmentResult, Diagnostic[]>();
  for (const d of diags) {
    if (!MOVE_CODES(codeOf(d))) continue;
    const seg = segmentFor(result, d);
    if (!seg || seg.auto || seg.mem === null || !numberValue(seg, 'mem')) continue;
    bySeg.set(seg, [...(bySeg.get(seg) ?? []), d]);
  }
  const out: CodeAction[] = [];
  for (const [seg, ds] of bySeg) {
    let slot: bigint | null = null;
    try { slot = freeSlot(result, seg); } catch { slot = null; }
    if (slot === seg.mem) continue;
    if (slot === null) {
      const where = result.analysis.layout.crash ? 'the crash kernel region' : 'RAM';
      out.push({
        title: `No free, accepted slot for ${seg.name} (${human(seg.memsz)})`, kind: CodeActionKind.QuickFix, diagnostics: ds,
        disabled: { reason: `no page-aligned ${human(seg.memsz)} in ${where} is free of other segments and of unaccepted memory` },
      });
      continue;
    }
    const e = replaceNumber(numberValue(seg, 'mem')!, slot);
    out.push({ title: `Move ${seg.name} to ${e.newText}`, kind: CodeActionKind.QuickFix, diagnostics: ds, isPreferred: true, edit: edit(uri, [e]) });
  }
  return out;
}

/** The other two spellings of a range, with identical start and end. */
function rangeRewrites(result: CheckResult, r: Range, uri: string): CodeAction[] {
  if (r.start.line !== r.end.line) return []; // a whole-file selection would offer thousands
  const s = statementAt(result.file, r.start.line);
  if (!s || (s.kind !== 'region' && s.kind !== 'unaccepted')) return [];
  const sp = s.span;
  if (!intersects(sp.range, r)) return [];
  const out: CodeAction[] = [];
  for (const form of ['..', '..=', '+'] as const) {
    if (form === sp.form) continue;
    const second = rewriteSecond(sp, form);
    if (second === null) continue;
    const shown = `${sp.first.text} ${form} ${second}`;
    out.push({
      title: `Rewrite range as ${shown}${form === '..' ? ' (exclusive end)' : form === '..=' ? ' (inclusive end)' : ' (start + size)'}`,
      kind: CodeActionKind.RefactorRewrite,
      edit: edit(uri, [{ range: sp.operator, newText: form }, { range: sp.second.range, newText: second }]),
    });
  }
  return out;
}

function rewriteSecond(sp: RangeNode, form: '..' | '..=' | '+'): string | null {
  const addrSample = /^0[xX]/.test(sp.first.text) || sp.form === '+' ? sp.first.text : sp.second.text;
  let value: bigint, textOut: string;
  if (form === '..') {
    if (sp.end >= TWO_64) return null; // an end of 2^64 has no 64-bit spelling
    value = sp.end;
    textOut = formatLike(value, sp.form === '..=' ? sp.second.text : addrSample);
  } else if (form === '..=') {
    value = sp.end - 1n;
    textOut = formatLike(value, sp.form === '..' ? sp.second.text : addrSample);
  } else {
    value = sp.end - sp.start;
    if (value >= TWO_64) return null;
    textOut = sizeLike(value, sp.first.text);
  }
  // Never change meaning: the new spelling must read back as the same number.
  const back = parseNumber(textOut);
  return back.ok && back.value === value ? textOut : null;
}

/** One edit page-aligning every fixed segment: mem down, mem + memsz up (the old bytes stay covered). */
function fixAllAlignment(result: CheckResult, diags: Diagnostic[], uri: string): CodeAction | null {
  const ps = result.analysis.pageSize;
  const edits: TextEdit[] = [];
  let n = 0;
  for (const seg of result.analysis.segments) {
    if (seg.auto || seg.mem === null) continue;
    const end = seg.mem + seg.memsz;
    if (seg.mem % ps === 0n && end % ps === 0n) continue;
    const memNode = numberValue(seg, 'mem'), szNode = numberValue(seg, 'memsz');
    if (!memNode || !szNode) continue;
    const mem = alignDown(seg.mem, ps);
    const last = ((end + ps - 1n) / ps) * ps;
    if (last >= TWO_64) continue;
    if (mem !== seg.mem) edits.push(replaceNumber(memNode, mem));
    if (last - mem !== seg.memsz) edits.push(replaceNumber(szNode, last - mem));
    n++;
  }
  if (!edits.length) return null;
  edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return {
    title: `Fix all alignment: page-align ${n} segment${n === 1 ? '' : 's'} (${human(ps)} pages)`,
    kind: CodeActionKind.SourceFixAll,
    diagnostics: diags.filter((d) => codeOf(d) === 'kexec/unaligned'),
    edit: edit(uri, edits),
  };
}

