// Formatter: canonical spacing and column alignment, rebuilt from the tokens of each line, so the
// layout's meaning cannot change. Numbers, labels and comments keep the user's text; a line with a
// syntax error is left exactly as it is; line endings (LF, CRLF, CR) stay per line.

import type { TextEdit } from 'vscode-languageserver-types';
import { parseLayout } from '../language/parser';
import { lexLine } from '../language/lexer';
import type { Statement, SegmentStmt } from '../language/ast';

export interface FormatOptions {
  /** Add a line ending at the end of the file when it has none (LSP FormattingOptions.insertFinalNewline). */
  insertFinalNewline?: boolean;
}

/** One physical line and what the formatter made of it. */
interface Line {
  text: string;
  eol: string;
  /** untouched: syntax error (or nothing to do); blank; comment-only; statement. */
  kind: 'raw' | 'blank' | 'comment' | 'stmt';
  stmt?: Statement;
  comment?: string;
  /** Canonical code of a statement line, before alignment. */
  cells?: string[];
  group?: 'region' | 'unaccepted' | 'segment';
  code?: string;
  out?: string | null;
}

const BOM = '\uFEFF';

function splitWithEol(text: string): { text: string; eol: string }[] {
  const out: { text: string; eol: string }[] = [];
  const re = /\r\n|\r|\n/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(at, m.index), eol: m[0] });
    at = m.index + m[0].length;
  }
  out.push({ text: text.slice(at), eol: '' });
  return out;
}

function slice(line: string, r: { start: { character: number }; end: { character: number } }): string {
  return line.slice(r.start.character, r.end.character);
}

/** The statement's tokens in canonical form, one cell per alignable column. */
function cellsOf(s: Statement, line: string): { cells: string[]; group?: Line['group'] } {
  switch (s.kind) {
    case 'region': {
      const r = s;
      const cells = ['region', r.span.first.text, r.span.form, r.span.second.text, r.type];
      if (r.labelRange) cells.push(slice(line, r.labelRange));
      return { cells, group: 'region' };
    }
    case 'unaccepted': {
      const u = s;
      return { cells: ['unaccepted', u.span.first.text, u.span.form, u.span.second.text], group: 'unaccepted' };
    }
    case 'segment': return { cells: segmentCells(s), group: 'segment' };
    case 'arch': return { cells: ['arch', s.arch] };
    case 'kernel': return { cells: ['kernel', s.version.text] };
    case 'syscall': return { cells: ['syscall', s.syscall] };
    case 'crash': return { cells: ['crash'] };
    case 'partial': return { cells: ['partial'] };
    case 'page-size': case 'total-ram': case 'accept-unit': case 'unaccepted-total': return { cells: [s.kind, s.size.text] };
    case 'entry': return { cells: ['entry', s.address.text] };
    case 'crashkernel': return { cells: ['crashkernel', `${s.size.text}@${s.offset.text}`] };
    case 'import': return { cells: ['import', s.format, slice(line, s.pathRange)] };
    // load: keys in the user's order, values as written (a quoted string keeps its quotes).
    case 'load': return { cells: ['load', s.loader, ...Object.values(s.values).sort((a, b) => a!.range.start.character - b!.range.start.character).map((v) => `${v!.key}=${slice(line, v!.valueRange)}`)] };
  }
}

/** `segment NAME key=value... flag...`, keys and flags in the user's order. */
function segmentCells(s: SegmentStmt): string[] {
  const items: { at: number; text: string }[] = [];
  for (const v of Object.values(s.values)) {
    if (!v) continue;
    items.push({ at: v.keyRange.start.character, text: `${v.key}=${v.value === 'auto' ? 'auto' : v.value.text}` });
  }
  for (const f of s.flags) items.push({ at: f.range.start.character, text: f.name });
  items.sort((a, b) => a.at - b.at);
  return ['segment', s.name, ...items.map((i) => i.text)];
}

function analyseLines(text: string): Line[] {
  const pieces = splitWithEol(text);
  // The empty piece after a final line ending is not a line of its own.
  if (pieces.length > 1 && pieces[pieces.length - 1].text === '') pieces.pop();
  const file = parseLayout(text);
  const bad = new Set<number>();
  for (const d of file.diagnostics) for (let l = d.range.start.line; l <= d.range.end.line; l++) bad.add(l);
  const byLine = new Map<number, Statement>();
  for (const s of file.statements) byLine.set(s.line, s);
  const comments = new Map<number, string>();
  for (const c of file.comments) comments.set(c.line, c.text.trimEnd());
  return pieces.map((p, i): Line => {
    const base = { text: p.text, eol: p.eol };
    if (bad.has(i)) return { ...base, kind: 'raw' };
    const stmt = byLine.get(i);
    const comment = comments.get(i);
    if (stmt) {
      const { cells, group } = cellsOf(stmt, p.text);
      return { ...base, kind: 'stmt', stmt, comment, cells, group };
    }
    if (comment !== undefined) return { ...base, kind: 'comment', comment };
    return { ...base, kind: lexLine(p.text).length === 0 ? 'blank' : 'raw' };
  });
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - s.length));
/** Largest value of f over xs (a loop: spreading 100,000 lines into Math.max overflows the stack). */
function widest<T>(xs: T[], f: (x: T) => number): number {
  let m = 0;
  for (const x of xs) { const v = f(x); if (v > m) m = v; }
  return m;
}

/** Joins cells; a cell is padded to its width only when something follows it on the line. */
function joinPadded(cells: (string | undefined)[], widths: number[]): string {
  let lastFilled = -1;
  cells.forEach((c, i) => { if (c) lastFilled = i; });
  const parts: string[] = [];
  for (let i = 0; i <= lastFilled; i++) {
    const c = cells[i] ?? '';
    parts.push(i < lastFilled ? pad(c, widths[i]) : c);
  }
  return parts.join(' ');
}

function alignGroup(lines: Line[]): void {
  const group = lines[0].group!;
  if (group !== 'segment') {
    const n = widest(lines, (l) => l.cells!.length);
    const widths = Array.from({ length: n }, (_, i) => widest(lines, (l) => l.cells![i]?.length ?? 0));
    for (const l of lines) l.code = joinPadded(l.cells!, widths);
    return;
  }
  // Segments: a column per key, in an order every line agrees with; positional when they disagree.
  const keyOf = (cell: string) => (cell.includes('=') ? cell.slice(0, cell.indexOf('=')) : '');
  const rows = lines.map((l) => l.cells!.slice(2));
  const order: string[] = [];
  let consistent = true;
  for (const row of rows) {
    let pos = -1;
    for (const cell of row) {
      const k = keyOf(cell);
      if (!k) continue;
      const idx = order.indexOf(k);
      if (idx < 0) { order.splice(pos + 1, 0, k); pos++; } else if (idx <= pos) { consistent = false; break; } else pos = idx;
    }
    if (!consistent) break;
  }
  const nameWidth = widest(lines, (l) => l.cells![1].length);
  if (!consistent) {
    const n = widest(rows, (r) => r.length);
    const widths = [7, nameWidth, ...Array.from({ length: n }, (_, i) => widest(rows, (r) => r[i]?.length ?? 0))];
    for (const l of lines) l.code = joinPadded(l.cells!, widths);
    return;
  }
  const keyWidths = order.map((k) => widest(rows, (r) => r.find((c) => keyOf(c) === k)?.length ?? 0));
  for (let i = 0; i < lines.length; i++) {
    const row = rows[i];
    const cells: (string | undefined)[] = ['segment', lines[i].cells![1], ...order.map((k) => row.find((c) => keyOf(c) === k))];
    const flags = row.filter((c) => !keyOf(c));
    if (flags.length) cells.push(flags.join(' '));
    lines[i].code = joinPadded(cells, [7, nameWidth, ...keyWidths, 0]);
  }
}

/** The formatted text (see format for the rules). */
export function formatText(text: string, options: FormatOptions = {}): string {
  return render(text, options).text;
}

function render(text: string, options: FormatOptions): { lines: Line[]; text: string } {
  const lines = analyseLines(text);
  // Column alignment within runs of adjacent statement lines of one group.
  for (let i = 0; i < lines.length;) {
    const g = lines[i].kind === 'stmt' ? lines[i].group : undefined;
    let j = i + 1;
    if (g) while (j < lines.length && lines[j].kind === 'stmt' && lines[j].group === g) j++;
    if (g) alignGroup(lines.slice(i, j));
    else if (lines[i].kind === 'stmt') lines[i].code = lines[i].cells!.join(' ');
    i = j;
  }
  // Trailing comments line up within a run of adjacent statement lines.
  for (let i = 0; i < lines.length;) {
    if (lines[i].kind !== 'stmt') { i++; continue; }
    let j = i;
    while (j < lines.length && lines[j].kind === 'stmt') j++;
    const run = lines.slice(i, j);
    const col = widest(run, (l) => (l.comment !== undefined ? l.code!.length : 0));
    for (const l of run) l.out = l.comment !== undefined ? `${pad(l.code!, col)}  ${l.comment}` : l.code!;
    i = j;
  }
  let blanks = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.kind === 'blank') {
      blanks++;
      // A whitespace-only line between a lone CR and an LF keeps its whitespace: emptied, the CR
      // and LF would join into one CRLF and two line breaks would become one (not idempotent).
      const joins = i > 0 && lines[i - 1].eol === '\r' && l.eol.startsWith('\n') && l.text !== '';
      l.out = blanks > 2 ? null : joins ? l.text : '';
      continue;
    }
    blanks = 0;
    if (l.kind === 'raw') l.out = l.text;
    else if (l.kind === 'comment') l.out = l.comment!;
  }
  if (lines[0] && lines[0].text.startsWith(BOM) && lines[0].kind !== 'raw' && lines[0].out !== null) lines[0].out = BOM + lines[0].out;
  let out = '';
  for (const l of lines) if (l.out !== null) out += l.out + l.eol;
  if (options.insertFinalNewline && out !== '' && !/[\r\n]$/.test(out)) out += dominantEol(lines);
  return { lines, text: out };
}

function dominantEol(lines: Line[]): string {
  const n = { '\n': 0, '\r\n': 0, '\r': 0 } as Record<string, number>;
  for (const l of lines) if (l.eol) n[l.eol]++;
  return n['\r\n'] > n['\n'] && n['\r\n'] >= n['\r'] ? '\r\n' : n['\r'] > n['\n'] ? '\r' : '\n';
}

/**
 * Edits that turn `text` into formatText(text): one per changed line, plus deletions of the
 * blank lines beyond two in a row. Never overlapping; empty when the text is already formatted.
 */
export function format(text: string, options: FormatOptions = {}): TextEdit[] {
  if (typeof text !== 'string') return [];
  const { lines, text: formatted } = render(text, options);
  if (formatted === text) return [];
  const edits: TextEdit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.out === null) {
      let j = i;
      while (j + 1 < lines.length && lines[j + 1].out === null) j++;
      // Lines i..j go with their line endings; the line before keeps its own.
      const end = lines[j].eol ? { line: j + 1, character: 0 } : { line: j, character: lines[j].text.length };
      edits.push({ range: { start: { line: i, character: 0 }, end }, newText: '' });
      i = j;
      continue;
    }
    if (l.out !== l.text) edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: l.text.length } }, newText: l.out! });
  }
  const lastIndex = lines.length - 1;
  const last = lines[lastIndex];
  if (options.insertFinalNewline && last && !last.eol && last.out !== null && /[\r\n]$/.test(formatted)) {
    // The final line ending joins the last line's edit when there is one, so edits never touch twice.
    const prev = edits[edits.length - 1];
    if (prev && prev.range.start.line === lastIndex && prev.newText !== '') prev.newText += dominantEol(lines);
    else edits.push({ range: { start: { line: lastIndex, character: last.text.length }, end: { line: lastIndex, character: last.text.length } }, newText: dominantEol(lines) });
  }
  return edits;
}
