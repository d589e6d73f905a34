// Folding: blocks of comment lines, `# region` / `# endregion` markers, and runs of consecutive
// region, unaccepted or segment lines; inside a run of regions, a region folds over the lines
// right after it that the memory map nests inside it.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import type { Statement } from '../language/ast';
import type { Region } from '../engine/memoryMap';
import { splitLines } from '../language/lexer';
import { regionOf } from './positions';

const MARK_START = /^\s*#\s*region\b/;
const MARK_END = /^\s*#\s*endregion\b/;
const COMMENT_LINE = /^\s*#/;

type RunKind = 'region' | 'unaccepted' | 'segment';
function runKind(s: Statement): RunKind | null {
  if (s.kind === 'region' || s.kind === 'crashkernel') return 'region';
  if (s.kind === 'unaccepted' || s.kind === 'segment') return s.kind;
  return null;
}

export function foldingRanges(result: CheckResult, text: string): FoldingRange[] {
  if (typeof text !== 'string') return [];
  const lines = splitLines(text);
  const out: FoldingRange[] = [];
  const push = (startLine: number, endLine: number, kind?: string) => {
    if (endLine > startLine) out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  // Comment blocks and markers, from the text (comments are not statements).
  const stack: number[] = [];
  let blockStart = -1;
  for (let i = 0; i <= lines.length; i++) {
    const l = lines[i];
    const marker = l !== undefined && (MARK_START.test(l) || MARK_END.test(l));
    const comment = l !== undefined && !marker && COMMENT_LINE.test(l);
    if (comment) { if (blockStart < 0) blockStart = i; continue; }
    if (blockStart >= 0) { push(blockStart, i - 1, FoldingRangeKind.Comment); blockStart = -1; }
    if (l === undefined) break;
    if (MARK_START.test(l)) stack.push(i);
    else if (MARK_END.test(l) && stack.length) push(stack.pop()!, i, FoldingRangeKind.Region);
  }

  // Runs of consecutive statement lines of one kind.
  const st = result.file.statements.filter((s) => s.line < lines.length);
  for (let i = 0; i < st.length;) {
    const kind = runKind(st[i]);
    let j = i + 1;
    while (kind && j < st.length && st[j].line === st[j - 1].line + 1 && runKind(st[j]) === kind) j++;
    if (kind && j - i > 1) {
      push(st[i].line, st[j - 1].line);
      if (kind === 'region') nested(result, st.slice(i, j), push);
    }
    i = kind ? j : i + 1;
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return dedupe(out);
}

/** Within a run of region lines: each region folds over the following lines whose regions it contains. */
function nested(result: CheckResult, run: Statement[], push: (s: number, e: number) => void): void {
  const regions = run.map((s) => regionOf(result, s));
  // A stack of open regions (by run index): a line closes every open region that is not its ancestor.
  const open: number[] = [];
  const isAncestor = (anc: Region, r: Region): boolean => {
    for (let p = r.parent, guard = 0; p !== undefined && guard < 10_000; p = result.analysis.map.regions[p].parent, guard++) {
      if (p === anc.id) return true;
    }
    return false;
  };
  const close = (k: number, lastLine: number) => push(run[k].line, lastLine); // duplicates of the run's fold are dropped later
  for (let k = 0; k < run.length; k++) {
    const r = regions[k];
    while (open.length) {
      const top = regions[open[open.length - 1]];
      if (r && top && isAncestor(top, r)) break;
      close(open.pop()!, run[k - 1].line);
    }
    open.push(k);
  }
  while (open.length) close(open.pop()!, run[run.length - 1].line);
}

function dedupe(ranges: FoldingRange[]): FoldingRange[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const key = `${r.startLine}:${r.endLine}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
