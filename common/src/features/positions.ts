// Shared position helpers for the editor features: which token of the syntax tree lies under a
// position, range containment and clamping, and per-result indexes (statement by line, region by
// statement) built once per CheckResult so hover and hints stay fast on 10,000-line files.

import type { Position, Range } from 'vscode-languageserver-types';
import type {
  LayoutFile, Statement, NumberNode, RangeNode, SegmentStmt, SegmentValue, RegionStmt, ImportStmt, Comment, SegmentKey, LoadStmt, LoadValue,
} from '../language/ast';
import type { CheckResult } from './check';
import type { Region } from '../engine/memoryMap';
import type { SegmentResult } from '../engine/analyze';
import type { Origin, UnacceptedInput } from '../engine/layout';

// ---- plain position arithmetic ------------------------------------------------------------------

export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** start <= pos <= end: a cursor just after a token still counts as on it, as editors expect. */
export function contains(range: Range, pos: Position): boolean {
  return comparePos(range.start, pos) <= 0 && comparePos(pos, range.end) <= 0;
}

/** start <= pos < end. */
export function containsStrict(range: Range, pos: Position): boolean {
  return comparePos(range.start, pos) <= 0 && comparePos(pos, range.end) < 0;
}

/** Ranges share at least one position (touching counts). */
export function intersects(a: Range, b: Range): boolean {
  return comparePos(a.start, b.end) <= 0 && comparePos(b.start, a.end) <= 0;
}

export function isValidPosition(pos: unknown): pos is Position {
  const p = pos as Position | null | undefined;
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0;
}

/** The position inside the document, or null when it is not a position of this file at all. */
export function clampPosition(file: LayoutFile, pos: Position): Position | null {
  if (!isValidPosition(pos) || pos.line >= file.lineCount) return null;
  const len = file.lineLengths[pos.line] ?? 0;
  return { line: pos.line, character: Math.min(pos.character, len) };
}

/** A range clamped to the document; null when it lies wholly outside or is malformed. */
export function clampRange(file: LayoutFile, range: Range): Range | null {
  if (!range || !isValidPosition(range.start) || !isValidPosition(range.end)) return null;
  if (range.start.line >= file.lineCount) return null;
  const start = clampPosition(file, range.start)!;
  const endLine = Math.min(range.end.line, file.lineCount - 1);
  const end = { line: endLine, character: Math.min(range.end.line > endLine ? Infinity : range.end.character, file.lineLengths[endLine] ?? 0) };
  return comparePos(start, end) <= 0 ? { start, end } : { start: end, end: start };
}

// ---- per-result indexes ---------------------------------------------------------------------------

export interface ResultIndex {
  /** Regions of the memory map by the source range object of the statement that declared them. */
  regionByOrigin: Map<Range, Region>;
  /** Segment results by statement. */
  segmentByStmt: Map<SegmentStmt, SegmentResult>;
  segmentByName: Map<string, SegmentResult>;
  /** Unaccepted inputs by the statement's span range. */
  unacceptedByOrigin: Map<Range, UnacceptedInput>;
  /** Segments with a destination, sorted by mem (for "which segments cover this address"). */
  placed: SegmentResult[];
}

const indexes = new WeakMap<CheckResult, ResultIndex>();

export function indexOf(result: CheckResult): ResultIndex {
  let ix = indexes.get(result);
  if (ix) return ix;
  const a = result.analysis;
  const regionByOrigin = new Map<Range, Region>();
  for (const r of a.map.regions) {
    const o = r.origin as Origin | undefined;
    if (o && !o.source) regionByOrigin.set(o.range, r);
  }
  const segmentByStmt = new Map<SegmentStmt, SegmentResult>();
  const segmentByName = new Map<string, SegmentResult>();
  for (const s of a.segments) {
    if (s.input.stmt) segmentByStmt.set(s.input.stmt, s);
    if (!segmentByName.has(s.name)) segmentByName.set(s.name, s);
  }
  const unacceptedByOrigin = new Map<Range, UnacceptedInput>();
  for (const u of a.layout.unaccepted) if (!u.origin.source) unacceptedByOrigin.set(u.origin.range, u);
  const placed = a.segments.filter((s) => s.mem !== null).sort((x, y) => (x.mem! < y.mem! ? -1 : x.mem! > y.mem! ? 1 : 0));
  ix = { regionByOrigin, segmentByStmt, segmentByName, unacceptedByOrigin, placed };
  indexes.set(result, ix);
  return ix;
}

/** The region a `region` or `crashkernel` statement declared. */
export function regionOf(result: CheckResult, stmt: Statement): Region | undefined {
  const ix = indexOf(result);
  if (stmt.kind === 'region') return ix.regionByOrigin.get(stmt.span.range);
  if (stmt.kind === 'crashkernel') return ix.regionByOrigin.get(stmt.range);
  return undefined;
}

// ---- statements and comments by line ------------------------------------------------------------

/** Index of the first statement on or after `line` (statements are in line order, one per line). */
export function firstStatementFrom(file: LayoutFile, line: number): number {
  const st = file.statements;
  let lo = 0, hi = st.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st[mid].line < line) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export function statementAt(file: LayoutFile, line: number): Statement | undefined {
  const s = file.statements[firstStatementFrom(file, line)];
  return s && s.line === line ? s : undefined;
}

export function commentAt(file: LayoutFile, line: number): Comment | undefined {
  const cs = file.comments;
  let lo = 0, hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid].line < line) lo = mid + 1; else hi = mid;
  }
  const c = cs[lo];
  return c && c.line === line ? c : undefined;
}

// ---- the token under a position -----------------------------------------------------------------

/**
 * What a number means where it stands: an address (a physical byte), the exclusive end of a range,
 * the inclusive last byte, a size, or a user-space address (segment `buf`, not physical).
 */
export type NumberRole = 'address' | 'end' | 'last' | 'size' | 'user-address';

export type Hit =
  | { kind: 'keyword'; stmt: Statement; range: Range }
  | { kind: 'number'; stmt: Statement; node: NumberNode; role: NumberRole; what: string; span?: RangeNode; key?: SegmentKey; range: Range }
  | { kind: 'operator'; stmt: RegionStmt | Extract<Statement, { kind: 'unaccepted' }>; span: RangeNode; range: Range }
  | { kind: 'crash-at'; stmt: Extract<Statement, { kind: 'crashkernel' }>; range: Range }
  | { kind: 'region-type'; stmt: RegionStmt; range: Range }
  | { kind: 'label'; stmt: RegionStmt; range: Range }
  | { kind: 'arch' | 'syscall' | 'kernel-version'; stmt: Statement; range: Range }
  | { kind: 'import-format' | 'import-path'; stmt: ImportStmt; range: Range }
  | { kind: 'segment-name'; stmt: SegmentStmt; range: Range }
  | { kind: 'segment-key'; stmt: SegmentStmt; value: SegmentValue; range: Range }
  | { kind: 'auto'; stmt: SegmentStmt; value: SegmentValue; range: Range }
  | { kind: 'flag'; stmt: SegmentStmt; flag: SegmentStmt['flags'][number]; range: Range }
  | { kind: 'load-key'; stmt: LoadStmt; value: LoadValue; range: Range };

const KEY_ROLE: Record<SegmentKey, NumberRole> = {
  mem: 'address', memsz: 'size', bufsz: 'size', buf: 'user-address', align: 'size', min: 'address', max: 'address',
};

function spanHits(stmt: RegionStmt | Extract<Statement, { kind: 'unaccepted' }>, span: RangeNode): Hit[] {
  const secondRole: NumberRole = span.form === '+' ? 'size' : span.form === '..' ? 'end' : 'last';
  const secondWhat = span.form === '+' ? 'range size' : span.form === '..' ? 'range end (exclusive)' : 'range end (inclusive)';
  return [
    { kind: 'number', stmt, node: span.first, role: 'address', what: 'range start', span, range: span.first.range },
    { kind: 'operator', stmt, span, range: span.operator },
    { kind: 'number', stmt, node: span.second, role: secondRole, what: secondWhat, span, range: span.second.range },
  ];
}

/** Every token of a statement that features care about, in line order. */
export function tokensOf(stmt: Statement): Hit[] {
  const out: Hit[] = [{ kind: 'keyword', stmt, range: stmt.keyword }];
  switch (stmt.kind) {
    case 'arch': out.push({ kind: 'arch', stmt, range: stmt.value }); break;
    case 'syscall': out.push({ kind: 'syscall', stmt, range: stmt.value }); break;
    case 'kernel': out.push({ kind: 'kernel-version', stmt, range: stmt.value }); break;
    case 'page-size': out.push({ kind: 'number', stmt, node: stmt.size, role: 'size', what: 'page size', range: stmt.size.range }); break;
    case 'total-ram': out.push({ kind: 'number', stmt, node: stmt.size, role: 'size', what: 'total RAM', range: stmt.size.range }); break;
    case 'accept-unit': out.push({ kind: 'number', stmt, node: stmt.size, role: 'size', what: 'accept unit', range: stmt.size.range }); break;
    case 'entry': out.push({ kind: 'number', stmt, node: stmt.address, role: 'address', what: 'entry point', range: stmt.address.range }); break;
    case 'crash': break;
    case 'region':
      for (const h of spanHits(stmt, stmt.span)) out.push(h);
      out.push({ kind: 'region-type', stmt, range: stmt.typeRange });
      if (stmt.labelRange) out.push({ kind: 'label', stmt, range: stmt.labelRange });
      break;
    case 'unaccepted': for (const h of spanHits(stmt, stmt.span)) out.push(h); break;
    case 'crashkernel':
      out.push(
        { kind: 'number', stmt, node: stmt.size, role: 'size', what: 'crash kernel size', range: stmt.size.range },
        { kind: 'crash-at', stmt, range: { start: stmt.size.range.end, end: stmt.offset.range.start } },
        { kind: 'number', stmt, node: stmt.offset, role: 'address', what: 'crash kernel offset', range: stmt.offset.range },
      );
      break;
    case 'import':
      out.push({ kind: 'import-format', stmt, range: stmt.formatRange }, { kind: 'import-path', stmt, range: stmt.pathRange });
      break;
    case 'load': {
      // Each KEY=VALUE of a load: its doc, and whether the loader used a default instead.
      const items: Hit[] = [];
      for (const v of Object.values(stmt.values)) if (v) items.push({ kind: 'load-key', stmt, value: v, range: v.range });
      items.sort((a, b) => comparePos(a.range.start, b.range.start));
      for (const h of items) out.push(h);
      break;
    }
    case 'segment': {
      out.push({ kind: 'segment-name', stmt, range: stmt.nameRange });
      const items: Hit[] = [];
      for (const v of Object.values(stmt.values)) {
        if (!v) continue;
        items.push({ kind: 'segment-key', stmt, value: v, range: { start: v.keyRange.start, end: v.valueRange.start } });
        if (v.value === 'auto') items.push({ kind: 'auto', stmt, value: v, range: v.valueRange });
        else items.push({ kind: 'number', stmt, node: v.value, role: KEY_ROLE[v.key], what: `${v.key}=`, key: v.key, range: v.valueRange });
      }
      for (const f of stmt.flags) items.push({ kind: 'flag', stmt, flag: f, range: f.range });
      items.sort((a, b) => comparePos(a.range.start, b.range.start));
      for (const h of items) out.push(h);
      break;
    }
  }
  return out;
}

/**
 * The token under `pos`: the token whose characters include it, else the token that ends exactly
 * there (cursor right after a word). Inside a range's white space the range operator stands for it.
 */
export function tokenAt(file: LayoutFile, pos: Position): Hit | null {
  const p = clampPosition(file, pos);
  if (!p || p.character !== pos.character) return null;
  const stmt = statementAt(file, p.line);
  if (!stmt) return null;
  const hits = tokensOf(stmt);
  const inside = hits.find((h) => containsStrict(h.range, p));
  if (inside) return inside;
  const after = hits.find((h) => comparePos(h.range.end, p) === 0 && comparePos(h.range.start, p) < 0);
  if (after) return after;
  if ((stmt.kind === 'region' || stmt.kind === 'unaccepted') && contains(stmt.span.range, p)) {
    return { kind: 'operator', stmt, span: stmt.span, range: stmt.span.range };
  }
  return null;
}

// ---- words in comments --------------------------------------------------------------------------

const NAME_CHAR = /[A-Za-z0-9_.\-]/;
const NAME_INNER = /[A-Za-z0-9_\-]/;

/**
 * Whole-word occurrences of `name` in `text`: not glued to other name characters. A trailing dot
 * followed by no name character is sentence punctuation, not part of the word.
 */
export function wordOccurrences(text: string, name: string): number[] {
  const out: number[] = [];
  if (!name) return out;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const before = text[i - 1];
    const after = text[i + name.length];
    if (before !== undefined && NAME_CHAR.test(before)) continue;
    if (after !== undefined && NAME_INNER.test(after)) continue;
    if (after === '.' && NAME_CHAR.test(text[i + name.length + 1] ?? '')) continue;
    out.push(i);
  }
  return out;
}

/** The name-like word of a comment under `character` (offset in the line). */
export function wordInComment(comment: Comment, character: number): { word: string; start: number; end: number } | null {
  const base = comment.range.start.character;
  const t = comment.text;
  let i = character - base;
  if (i < 0 || i > t.length) return null;
  if (i === t.length || !NAME_CHAR.test(t[i])) {
    if (i > 0 && NAME_CHAR.test(t[i - 1])) i--; else return null;
  }
  let s = i, e = i + 1;
  while (s > 0 && NAME_CHAR.test(t[s - 1])) s--;
  while (e < t.length && NAME_CHAR.test(t[e])) e++;
  while (e > s && t[e - 1] === '.') e--; // sentence punctuation
  if (e <= s) return null;
  return { word: t.slice(s, e), start: base + s, end: base + e };
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
