// Go to definition and find references for segment names. A name is declared once, on its
// `segment` line; elsewhere in the text it can only appear in comments, so references are the
// declaration plus whole-word mentions in comments. Findings that name a segment point at the
// declaration already (related information), so they add nothing here.

import type { Position, Range } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import type { SegmentStmt } from '../language/ast';
import { tokenAt, commentAt, wordInComment, wordOccurrences, clampPosition, lineRange } from './positions';

function declarations(result: CheckResult): Map<string, SegmentStmt> {
  const m = new Map<string, SegmentStmt>();
  for (const s of result.file.statements) if (s.kind === 'segment' && !m.has(s.name)) m.set(s.name, s);
  return m;
}

/** The segment whose name is under the cursor: on its declaration or mentioned in a comment. */
function segmentAt(result: CheckResult, position: Position): SegmentStmt | null {
  const p = clampPosition(result.file, position);
  if (!p || p.character !== position.character) return null;
  const hit = tokenAt(result.file, p);
  if (hit?.kind === 'segment-name') return hit.stmt;
  const c = commentAt(result.file, p.line);
  if (!c || p.character < c.range.start.character) return null;
  const w = wordInComment(c, p.character);
  if (!w) return null;
  return declarations(result).get(w.word) ?? null;
}

export function definition(result: CheckResult, position: Position): Range | null {
  const s = segmentAt(result, position);
  return s ? s.nameRange : null;
}

export function references(result: CheckResult, position: Position, includeDeclaration: boolean): Range[] {
  const s = segmentAt(result, position);
  if (!s) return [];
  const out: Range[] = includeDeclaration ? [s.nameRange] : [];
  for (const c of result.file.comments) {
    for (const i of wordOccurrences(c.text, s.name)) {
      const start = c.range.start.character + i;
      out.push(lineRange(c.line, start, start + s.name.length));
    }
  }
  return out.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}
