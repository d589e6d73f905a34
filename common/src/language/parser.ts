// Parser: layout text → syntax tree + syntax diagnostics. One statement per line; an error drops
// that line's statement and parsing goes on at the next line. Never throws on any input.

import { lexLine, type Token } from './lexer';
import { parseNumber, smallNumberIn, looksNumeric, clip, U64_LIMIT } from './numbers';
import { LineSpan, RegionSpan, RegionLine, UnacceptedLine, type SourceText } from './lineNodes';
import { didYouMean } from './suggest';
import {
  type LayoutFile, type Statement, type NumberNode, type RangeNode, type SyntaxDiagnostic, type SegmentStmt,
  type SegmentKey, type SegmentValue, type KernelVersion, type Comment, type LoadStmt, type LoadKey, type ImportStmt,
  LOADERS, LOAD_KEYS, LOAD_STRING_KEYS, STATEMENT_KEYWORDS, SEGMENT_KEYS, SEGMENT_FLAGS, IMPORT_FORMATS, SYSCALLS, SETTING_KINDS,
} from './ast';
import { REGION_TYPES, ARCHES, type Range, type RegionType, type ArchName, type ImportFormat, type Syscall } from '../engine/types';
import { archInfo } from '../engine/arch';

class LineError extends Error {
  constructor(readonly diagnostic: SyntaxDiagnostic) { super(diagnostic.message); }
}

/** A segment name, as the language defines it. */
export const IDENT = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
const SETTING_SET: ReadonlySet<string> = new Set(SETTING_KINDS);
const KEYWORD_SET: ReadonlySet<string> = new Set(STATEMENT_KEYWORDS);

export function parseLayout(text: string): LayoutFile {
  const statements: Statement[] = [];
  const comments: Comment[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  const lineLengths: number[] = [];
  const src: SourceText = { text };
  const n = text.length;
  // Lines as splitLines cuts them (\r\n, \r or \n), found without making a string per line.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  let at = 0;
  for (let i = 0; ; i++) {
    if (lf >= 0 && lf < at) lf = text.indexOf('\n', at);
    if (cr >= 0 && cr < at) cr = text.indexOf('\r', at);
    const e = lf < 0 ? (cr < 0 ? n : cr) : cr < 0 ? lf : Math.min(lf, cr);
    lineLengths.push(e - at);
    // Most lines of a big map are plain `region`/`unaccepted` lines: read in place, compact nodes.
    const fast = e > at ? fastLine(src, i, at, e) : undefined;
    if (fast) statements.push(fast);
    else if (e > at) parseLine(text.slice(at, e), i, statements, comments, diagnostics);
    if (e >= n) break;
    at = text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
  }
  checkFile(statements, diagnostics);
  return { statements, comments, diagnostics, lineCount: lineLengths.length, lineLengths };
}

function parseLine(line: string, i: number, statements: Statement[], comments: Comment[], diagnostics: SyntaxDiagnostic[]): void {
  const tokens = lexLine(line);
  const last = tokens[tokens.length - 1];
  if (last?.kind === 'comment') {
    comments.push({ line: i, range: rangeOf(i, last), text: last.text });
    tokens.pop();
  }
  if (tokens.length === 0) return;
  const p = new LineParser(i, tokens, line.length);
  try {
    const s = p.statement();
    if (p.errors.length) { for (const d of p.errors) diagnostics.push(d); }
    else if (s) statements.push(s);
  } catch (e) {
    if (e instanceof LineError) { for (const d of p.errors) diagnostics.push(d); diagnostics.push(e.diagnostic); }
    else diagnostics.push({ code: 'syntax/unexpected-token', message: `cannot parse this line: ${String(e)}`, range: lineRange(i, line.length) });
  }
}

const REGION_TYPE_OF: ReadonlyMap<string, RegionType> = new Map(REGION_TYPES.map((t) => [t, t]));
const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
const isSpaceCode = (c: number) => c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;

/**
 * The statement of line `i` (text[at..e)) when it is a well-formed `region A op B TYPE ["label"]`
 * or `unaccepted A op B` whose numbers fit in 2^53 and whose label has no escape; undefined for
 * any other line, which the general parser then reads (and explains, if it is wrong). Tokens end
 * where lexLine ends them, so a line read here gives the statement the general parser would.
 */
function fastLine(src: SourceText, i: number, at: number, e: number): RegionLine | UnacceptedLine | undefined {
  const text = src.text;
  let p = at;
  while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  const k0 = p;
  const region = text.startsWith('region', p);
  if (!region && !text.startsWith('unaccepted', p)) return undefined;
  p += region ? 6 : 10;
  if (p < e && isWordCode(text.charCodeAt(p))) return undefined;
  const k1 = p;
  // A
  while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  const a0 = p;
  p = wordEnd(text, p, e);
  const a = smallNumberIn(text, a0, p);
  if (a < 0) return undefined;
  const a1 = p;
  // .. ..= +
  while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  const o0 = p;
  let form: '..' | '..=' | '+';
  const c = text.charCodeAt(p);
  if (c === 43) { form = '+'; p++; }
  else if (c === 46 && text.charCodeAt(p + 1) === 46) {
    if (p + 2 < e && text.charCodeAt(p + 2) === 61) { form = '..='; p += 3; } else { form = '..'; p += 2; }
  } else return undefined;
  if (p > e) return undefined;
  // B
  while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  const b0 = p;
  p = wordEnd(text, p, e);
  const b = smallNumberIn(text, b0, p);
  if (b < 0) return undefined;
  const b1 = p;
  // Empty and reversed ranges are errors: the general parser words them.
  if (form === '+' ? b === 0 : form === '..' ? b <= a : b < a) return undefined;
  const start = BigInt(a);
  const end = form === '+' ? start + BigInt(b) : form === '..' ? BigInt(b) : BigInt(b) + 1n;
  while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  if (!region) return p === e ? new UnacceptedLine(i, new LineSpan(src, i, at, a0 - at, a1 - at, o0 - at, b0 - at, b1 - at, start, end, form), k0 - at, k1 - at) : undefined;
  // TYPE
  const t0 = p;
  p = wordEnd(text, p, e);
  if (p === t0) return undefined;
  const type = REGION_TYPE_OF.get(text.slice(t0, p));
  if (type === undefined) return undefined;
  const t1 = p;
  while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
  let label: string | undefined;
  let l0 = -1, l1 = -1;
  if (p < e) {
    if (text.charCodeAt(p) !== 34) return undefined;
    // The closing quote on this line, with no escape before it (only this line is looked at).
    let q = p + 1;
    for (; q < e; q++) { const x = text.charCodeAt(q); if (x === 34) break; if (x === 92) return undefined; }
    if (q >= e) return undefined;
    label = text.slice(p + 1, q);
    l0 = p; l1 = q + 1;
    p = q + 1;
    while (p < e && isSpaceCode(text.charCodeAt(p))) p++;
    if (p !== e) return undefined;
  }
  const span = new RegionSpan(src, i, at, a0 - at, a1 - at, o0 - at, b0 - at, b1 - at, start, end, form, type, label);
  return new RegionLine(i, span, k0 - at, k1 - at, t0 - at, t1 - at, l0 < 0 ? -1 : l0 - at, l1 < 0 ? -1 : l1 - at);
}

/** Where lexLine's word starting at `p` ends: word characters, never into a `..`. */
function wordEnd(text: string, p: number, e: number): number {
  while (p < e) {
    const c = text.charCodeAt(p);
    if (!isWordCode(c) || (c === 46 && text.charCodeAt(p + 1) === 46)) break;
    p++;
  }
  return p;
}

function rangeOf(line: number, t: { start: number; end: number }): Range {
  return { start: { line, character: t.start }, end: { line, character: t.end } };
}
function lineRange(line: number, length: number): Range {
  return { start: { line, character: 0 }, end: { line, character: length } };
}
function join(a: Range, b: Range): Range { return { start: a.start, end: b.end }; }

class LineParser {
  private i = 0;
  readonly errors: SyntaxDiagnostic[] = [];
  constructor(private readonly line: number, private readonly tokens: Token[], private readonly length: number) {}

  private r(t: Token): Range { return t.range ??= rangeOf(this.line, t); }
  private fail(code: string, message: string, range: Range): never {
    throw new LineError({ code, message, range });
  }
  private peek(): Token | undefined { return this.tokens[this.i]; }
  private endRange(): Range {
    const last = this.tokens[this.tokens.length - 1];
    if (last) { const end = this.r(last).end; return { start: end, end }; }
    const at = { line: this.line, character: this.length };
    return { start: at, end: at };
  }
  private next(what: string): Token {
    const t = this.tokens[this.i];
    if (!t) this.fail('syntax/unexpected-token', `missing ${what}`, this.endRange());
    if (t.kind === 'invalid') this.fail('syntax/unexpected-token', `${t.error}; expected ${what}`, this.r(t));
    if (t.kind === 'string' && t.error) this.fail('syntax/unexpected-token', t.error, this.r(t));
    this.i++;
    return t;
  }
  private word(what: string): Token {
    const t = this.next(what);
    if (t.kind !== 'word') this.fail('syntax/unexpected-token', `expected ${what}, found '${clip(t.text)}'`, this.r(t));
    return t;
  }
  private op(...ops: string[]): Token | undefined {
    const t = this.peek();
    if (t?.kind === 'op' && ops.includes(t.text)) { this.i++; return t; }
    return undefined;
  }
  private number(what: string): NumberNode {
    const t = this.next(what);
    if (t.kind !== 'word') this.fail('syntax/unexpected-token', `expected ${what}, found '${clip(t.text)}'`, this.r(t));
    if (!looksNumeric(t.text)) this.fail('syntax/unexpected-token', `expected ${what}, found '${clip(t.text)}'`, this.r(t));
    const n = parseNumber(t.text);
    if (!n.ok) this.fail(n.code, n.message, this.r(t));
    return { value: n.value, text: t.text, range: this.r(t) };
  }
  private done(): void {
    const t = this.peek();
    if (t) {
      const msg = t.kind === 'invalid' ? t.error! : `unexpected '${clip(t.text)}' at the end of the statement`;
      this.fail('syntax/unexpected-token', msg, this.r(t));
    }
  }

  private addrRange(): RangeNode {
    const first = this.number('a range (A .. B, A ..= B or A + SIZE)');
    const opTok = this.op('..', '..=', '+');
    if (!opTok) {
      const t = this.peek();
      this.fail('syntax/unexpected-token', `expected '..', '..=' or '+' after ${clip(first.text)}`, t ? this.r(t) : this.endRange());
    }
    const form = opTok.text as RangeNode['form'];
    const second = this.number(form === '+' ? 'a size after +' : 'the end of the range');
    const range = join(first.range, second.range);
    let end: bigint;
    if (form === '+') {
      if (second.value === 0n) this.fail('syntax/invalid-range', `empty range: ${first.text} + 0 has no bytes`, range);
      end = first.value + second.value;
      if (end > U64_LIMIT) this.fail('syntax/number-overflow', `range ${clip(first.text)} + ${clip(second.text)} ends past 2^64`, range);
    } else if (form === '..') {
      if (second.value === first.value) this.fail('syntax/invalid-range', `empty range: ${first.text} .. ${second.text} (the end is exclusive; use ..= for an inclusive end)`, range);
      if (second.value < first.value) this.fail('syntax/invalid-range', `reversed range: ${second.text} is below ${first.text}`, range);
      end = second.value;
    } else {
      if (second.value < first.value) this.fail('syntax/invalid-range', `reversed range: ${second.text} is below ${first.text}`, range);
      end = second.value + 1n;
    }
    return { start: first.value, end, form, first, second, operator: this.r(opTok), range };
  }

  statement(): Statement | undefined {
    const kw = this.next('a statement');
    if (kw.kind !== 'word' || !KEYWORD_SET.has(kw.text)) {
      this.fail('syntax/unknown-statement', `unknown statement '${clip(kw.text)}'${didYouMean(kw.text, STATEMENT_KEYWORDS)}`, this.r(kw));
    }
    const keyword = this.r(kw);
    const base = { line: this.line, keyword, range: { start: keyword.start, end: this.endRange().end } };
    switch (kw.text) {
      case 'arch': {
        const t = this.word('an architecture name');
        if (!(ARCHES as readonly string[]).includes(t.text)) {
          this.fail('syntax/unknown-arch', `unknown architecture '${clip(t.text)}'${didYouMean(t.text, ARCHES)}; known: ${ARCHES.join(', ')}`, this.r(t));
        }
        this.done();
        return { kind: 'arch', line: base.line, keyword: base.keyword, range: base.range, arch: t.text as ArchName, value: this.r(t) };
      }
      case 'page-size': { const size = this.number('a page size (4K, 16K or 64K)'); this.done(); return { kind: 'page-size', line: base.line, keyword: base.keyword, range: base.range, size }; }
      case 'total-ram': { const size = this.number('a size'); this.done(); return { kind: 'total-ram', line: base.line, keyword: base.keyword, range: base.range, size }; }
      case 'unaccepted-total': { const size = this.number('a size (/proc/meminfo Unaccepted:)'); this.done(); return { kind: 'unaccepted-total', line: base.line, keyword: base.keyword, range: base.range, size }; }
      case 'accept-unit': { const size = this.number('a unit size (2M)'); this.done(); return { kind: 'accept-unit', line: base.line, keyword: base.keyword, range: base.range, size }; }
      case 'entry': { const address = this.number('an entry address'); this.done(); return { kind: 'entry', line: base.line, keyword: base.keyword, range: base.range, address }; }
      case 'crash': this.done(); return { kind: 'crash', line: base.line, keyword: base.keyword, range: base.range };
      case 'partial': this.done(); return { kind: 'partial', line: base.line, keyword: base.keyword, range: base.range };
      case 'kernel': {
        const t = this.word('a kernel version (6.13, 6.15-rc2, 5.15.0)');
        const version = parseVersion(t.text);
        if (!version) this.fail('syntax/invalid-setting', `'${clip(t.text)}' is not a kernel version: write MAJOR.MINOR[.PATCH][-SUFFIX], e.g. 6.13 or 6.15-rc2`, this.r(t));
        this.done();
        return { kind: 'kernel', line: base.line, keyword: base.keyword, range: base.range, version, value: this.r(t) };
      }
      case 'syscall': {
        const t = this.word('kexec_load or kexec_file_load');
        if (!(SYSCALLS as readonly string[]).includes(t.text)) {
          this.fail('syntax/invalid-setting', `unknown system call '${clip(t.text)}'${didYouMean(t.text, SYSCALLS)}: use kexec_load or kexec_file_load`, this.r(t));
        }
        this.done();
        return { kind: 'syscall', line: base.line, keyword: base.keyword, range: base.range, syscall: t.text as Syscall, value: this.r(t) };
      }
      case 'region': {
        const span = this.addrRange();
        const t = this.word('a region type');
        if (!(REGION_TYPES as readonly string[]).includes(t.text)) {
          this.fail('syntax/unknown-type', `unknown region type '${clip(t.text)}'${didYouMean(t.text, REGION_TYPES)}; known: ${REGION_TYPES.join(', ')}`, this.r(t));
        }
        let label: string | undefined;
        let labelRange: Range | undefined;
        const s = this.peek();
        if (s) {
          const lt = this.next('a label');
          if (lt.kind !== 'string') this.fail('syntax/unexpected-token', `a region label is a "quoted string", found '${clip(lt.text)}'`, this.r(lt));
          label = lt.value;
          labelRange = this.r(lt);
        }
        this.done();
        return { kind: 'region', line: base.line, keyword: base.keyword, range: base.range, span, type: t.text as RegionType, typeRange: this.r(t), label, labelRange };
      }
      case 'crashkernel': {
        const size = this.number('SIZE@OFFSET');
        if (!this.op('@')) {
          const t = this.peek();
          this.fail('syntax/unexpected-token', `expected '@OFFSET' after the size (crashkernel=SIZE@OFFSET)`, t ? this.r(t) : this.endRange());
        }
        const offset = this.number('the offset after @');
        this.done();
        const range = join(size.range, offset.range);
        if (size.value === 0n) this.fail('syntax/invalid-range', 'empty crash kernel region: the size is 0', range);
        const end = offset.value + size.value;
        if (end > U64_LIMIT) this.fail('syntax/number-overflow', `crash kernel region ${clip(offset.text)} + ${clip(size.text)} ends past 2^64`, range);
        return { kind: 'crashkernel', line: base.line, keyword: base.keyword, range: base.range, size, offset, start: offset.value, end };
      }
      case 'unaccepted': { const span = this.addrRange(); this.done(); return { kind: 'unaccepted', line: base.line, keyword: base.keyword, range: base.range, span }; }
      case 'import': {
        const f = this.word(`an import format (${IMPORT_FORMATS.join(', ')})`);
        if (!(IMPORT_FORMATS as readonly string[]).includes(f.text)) {
          this.fail('syntax/invalid-setting', `unknown import format '${clip(f.text)}'${didYouMean(f.text, IMPORT_FORMATS)}; known: ${IMPORT_FORMATS.join(', ')}`, this.r(f));
        }
        const p = this.next('a "quoted path"');
        if (p.kind !== 'string') this.fail('syntax/unexpected-token', `the import path is a "quoted string", found '${clip(p.text)}'`, this.r(p));
        if (!p.value) this.fail('syntax/unexpected-token', 'the import path is empty', this.r(p));
        this.done();
        // A trailing `#N` picks copy N of a file holding several (snapshots, loads); see docs/decisions.md.
        const hash = /^(.+)#(\d{1,9})$/.exec(p.value ?? '');
        if (hash && Number(hash[2]) === 0) this.fail('syntax/invalid-setting', 'snapshot numbers start at 1: `#1` is the first copy in the file', this.r(p));
        const stmt: ImportStmt = { kind: 'import', line: base.line, keyword: base.keyword, range: base.range, format: f.text as ImportFormat | 'auto', formatRange: this.r(f), path: hash ? hash[1] : p.value, pathRange: this.r(p) };
        if (hash && Number(hash[2]) > 0) stmt.snapshot = Number(hash[2]);
        return stmt;
      }
      case 'segment': return this.segment(base);
      case 'load': return this.load(base);
    }
    return undefined;
  }

  private segment(base: { line: number; keyword: Range; range: Range }): SegmentStmt {
    const nameTok = this.word('a segment name');
    if (!IDENT.test(nameTok.text)) {
      this.fail('syntax/unexpected-token', `'${clip(nameTok.text)}' is not a segment name: start with a letter or _, then letters, digits, _ . -`, this.r(nameTok));
    }
    const seg: SegmentStmt = { kind: 'segment', line: base.line, keyword: base.keyword, range: base.range, name: nameTok.text, nameRange: this.r(nameTok), values: {}, flags: [] };
    const known = [...SEGMENT_KEYS, ...SEGMENT_FLAGS] as string[];
    while (this.peek()) {
      const t = this.next('a KEY=VALUE or a flag');
      if (t.kind !== 'word') { this.error('syntax/unexpected-token', `expected KEY=VALUE or a flag, found '${clip(t.text)}'`, this.r(t)); continue; }
      const eq = this.op('=');
      if (!eq) {
        if ((SEGMENT_FLAGS as readonly string[]).includes(t.text)) {
          seg.flags.push({ name: t.text as 'top-down' | 'bottom-up', range: this.r(t) });
        } else if ((SEGMENT_KEYS as readonly string[]).includes(t.text)) {
          this.error('syntax/unexpected-token', `missing '=VALUE' after ${t.text}`, this.r(t));
        } else {
          this.error('syntax/unknown-key', `unknown segment flag '${clip(t.text)}'${didYouMean(t.text, known)}; flags: ${SEGMENT_FLAGS.join(', ')}`, this.r(t));
        }
        continue;
      }
      const v = this.peek();
      if (!v || v.kind !== 'word') {
        this.error('syntax/unexpected-token', `missing value after ${t.text}=`, v ? this.r(v) : this.r(eq));
        if (v) this.i++;
        continue;
      }
      this.i++;
      if (!(SEGMENT_KEYS as readonly string[]).includes(t.text)) {
        this.error('syntax/unknown-key', `unknown segment key '${clip(t.text)}'${didYouMean(t.text, known)}; keys: ${SEGMENT_KEYS.join(', ')}`, this.r(t));
        continue;
      }
      const key = t.text as SegmentKey;
      if (seg.values[key]) { this.error('syntax/unexpected-token', `${key}= is given twice`, join(this.r(t), this.r(v))); continue; }
      let value: NumberNode | 'auto';
      if (v.text === 'auto') {
        if (key !== 'mem') { this.error('syntax/unexpected-token', `only mem= may be auto`, this.r(v)); continue; }
        value = 'auto';
      } else if (!looksNumeric(v.text)) {
        this.error('syntax/unexpected-token', `expected a number for ${key}=, found '${clip(v.text)}'`, this.r(v));
        continue;
      } else {
        const n = parseNumber(v.text);
        if (!n.ok) { this.error(n.code, n.message, this.r(v)); continue; }
        value = { value: n.value, text: v.text, range: this.r(v) };
      }
      const sv: SegmentValue = { key, keyRange: this.r(t), value, valueRange: this.r(v), range: join(this.r(t), this.r(v)) };
      seg.values[key] = sv;
    }
    if (this.errors.length) return seg;
    const whole = seg.nameRange;
    if (!seg.values.mem) this.error('syntax/unexpected-token', `segment ${seg.name} needs mem=ADDRESS or mem=auto`, whole);
    if (!seg.values.memsz) this.error('syntax/unexpected-token', `segment ${seg.name} needs memsz=SIZE`, whole);
    const auto = seg.values.mem?.value === 'auto';
    if (!auto) {
      for (const k of ['align', 'min', 'max'] as const) {
        const sv = seg.values[k];
        if (sv) this.error('syntax/invalid-setting', `${k}= applies only to mem=auto (the kexec_file_load hole search)`, sv.range);
      }
      for (const f of seg.flags) this.error('syntax/invalid-setting', `${f.name} applies only to mem=auto (the kexec_file_load hole search)`, f.range);
    }
    const align = seg.values.align;
    if (align && align.value !== 'auto' && (align.value.value === 0n || (align.value.value & (align.value.value - 1n)) !== 0n)) {
      this.error('syntax/invalid-setting', `align=${clip(align.value.text)} is not a power of two`, align.valueRange);
    }
    if (seg.flags.length > 1) {
      const names = new Set(seg.flags.map((f) => f.name));
      if (names.size > 1) this.error('syntax/invalid-setting', 'top-down and bottom-up contradict each other: keep one', seg.flags[1].range);
      else this.error('syntax/unexpected-token', `${seg.flags[1].name} is given twice`, seg.flags[1].range);
    }
    return seg;
  }

  /** `load LOADER KEY=VALUE…`: paths and the command line are "quoted strings", the rest numbers. */
  private load(base: { line: number; keyword: Range; range: Range }): LoadStmt {
    const l = this.word(`a loader (${LOADERS.join(', ')})`);
    if (!(LOADERS as readonly string[]).includes(l.text)) {
      this.fail('syntax/invalid-setting', `unknown loader '${clip(l.text)}'${didYouMean(l.text, LOADERS)}; known: ${LOADERS.join(', ')}`, this.r(l));
    }
    const stmt: LoadStmt = { kind: 'load', line: base.line, keyword: base.keyword, range: base.range, loader: 'bzImage64', loaderRange: this.r(l), values: {} };
    while (this.peek()) {
      const t = this.next('a KEY=VALUE');
      const eq = t.kind === 'word' ? this.op('=') : undefined;
      if (t.kind !== 'word' || !eq) { this.error('syntax/unexpected-token', `expected KEY=VALUE, found '${clip(t.text)}'`, this.r(t)); continue; }
      const v = this.peek();
      if (!v || (v.kind !== 'word' && v.kind !== 'string')) { this.error('syntax/unexpected-token', `missing value after ${clip(t.text)}=`, v ? this.r(v) : this.r(eq)); if (v) this.i++; continue; }
      this.i++;
      if (!(LOAD_KEYS as readonly string[]).includes(t.text)) {
        this.error('syntax/unknown-key', `unknown load key '${clip(t.text)}'${didYouMean(t.text, LOAD_KEYS)}; keys: ${LOAD_KEYS.join(', ')}`, this.r(t));
        continue;
      }
      const key = t.text as LoadKey;
      if (stmt.values[key]) { this.error('syntax/unexpected-token', `${key}= is given twice`, join(this.r(t), this.r(v))); continue; }
      let value: NumberNode | string;
      if (LOAD_STRING_KEYS.includes(key)) {
        if (v.kind !== 'string') { this.error('syntax/unexpected-token', `${key}= takes a "quoted string", found '${clip(v.text)}'`, this.r(v)); continue; }
        if (key !== 'cmdline' && !v.value) { this.error('syntax/unexpected-token', `the ${key} path is empty`, this.r(v)); continue; }
        value = v.value ?? '';
      } else {
        if (v.kind !== 'word' || !looksNumeric(v.text)) { this.error('syntax/unexpected-token', `expected a number for ${key}=, found '${clip(v.text)}'`, this.r(v)); continue; }
        const n = parseNumber(v.text);
        if (!n.ok) { this.error(n.code, n.message, this.r(v)); continue; }
        value = { value: n.value, text: v.text, range: this.r(v) };
      }
      stmt.values[key] = { key, keyRange: this.r(t), value, valueRange: this.r(v), range: join(this.r(t), this.r(v)) };
    }
    const pairs: [LoadKey, LoadKey][] = [['initrd', 'initrd-size'], ['cmdline', 'cmdline-size']];
    for (const [a, b] of pairs) if (stmt.values[a] && stmt.values[b]) this.error('syntax/invalid-setting', `give ${a}= or ${b}=, not both`, stmt.values[b]!.range);
    if (!stmt.values.kernel && !stmt.values['init-size']) this.error('syntax/unexpected-token', 'load needs kernel="PATH" (its header) or init-size=SIZE', this.r(l));
    return stmt;
  }

  private error(code: string, message: string, range: Range): void {
    this.errors.push({ code, message, range });
  }
}

export function parseVersion(text: string): KernelVersion | undefined {
  const m = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:[-+~][A-Za-z0-9._+~\-]*)?$/.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? undefined : Number(m[3]), text };
}

/** Whole-file rules that are still about the text: once-only settings, unique segment names, settings values. */
function checkFile(statements: Statement[], diagnostics: SyntaxDiagnostic[]): void {
  const first = new Map<string, Statement>();
  const keep: Statement[] = [];
  const names = new Map<string, SegmentStmt>();
  for (const s of statements) {
    if (SETTING_SET.has(s.kind)) {
      const prev = first.get(s.kind);
      if (prev) {
        diagnostics.push({
          code: 'syntax/duplicate-setting',
          message: `${s.kind} is already set on line ${prev.line + 1}; it may appear once`,
          range: s.keyword,
          related: [{ range: prev.keyword, message: `first ${s.kind}` }],
        });
        continue;
      }
      first.set(s.kind, s);
    }
    if (s.kind === 'load') {
      const prev = first.get('load');
      if (prev) {
        diagnostics.push({ code: 'syntax/duplicate-setting', message: `a layout has one load; the first is on line ${prev.line + 1}`, range: s.keyword, related: [{ range: prev.keyword, message: 'first load' }] });
        continue;
      }
      first.set('load', s);
    }
    if (s.kind === 'segment') {
      const prev = names.get(s.name);
      if (prev) {
        diagnostics.push({
          code: 'syntax/duplicate-segment',
          message: `a segment named ${s.name} already exists on line ${prev.line + 1}`,
          range: s.nameRange,
          related: [{ range: prev.nameRange, message: `first segment ${s.name}` }],
        });
        continue;
      }
      names.set(s.name, s);
    }
    keep.push(s);
  }
  // Settings whose validity depends on other settings (page size per arch, unit ≥ page).
  const arch = (first.get('arch') as { arch?: ArchName } | undefined)?.arch ?? 'x86_64';
  const info = archInfo(arch);
  const ps = first.get('page-size');
  let pageSize = info.defaultPageSize;
  if (ps && ps.kind === 'page-size') {
    if (!info.pageSizes.includes(ps.size.value)) {
      diagnostics.push({
        code: 'syntax/invalid-setting',
        message: `page-size ${ps.size.text} is not a PAGE_SIZE ${arch} supports (${info.pageSizes.map(human).join(', ')})`,
        range: ps.size.range,
      });
      keep.splice(keep.indexOf(ps), 1);
    } else pageSize = ps.size.value;
  }
  const au = first.get('accept-unit');
  if (au && au.kind === 'accept-unit') {
    const v = au.size.value;
    if (v === 0n || (v & (v - 1n)) !== 0n || v < pageSize) {
      diagnostics.push({
        code: 'syntax/invalid-setting',
        message: `accept-unit ${au.size.text} must be a power of two and at least the page size (${human(pageSize)})`,
        range: au.size.range,
      });
      keep.splice(keep.indexOf(au), 1);
    }
  }
  statements.length = 0;
  for (const s of keep) statements.push(s);
}

function human(v: bigint): string {
  if (v % (1n << 20n) === 0n) return `${v >> 20n}M`;
  if (v % 1024n === 0n) return `${v >> 10n}K`;
  return v.toString();
}
