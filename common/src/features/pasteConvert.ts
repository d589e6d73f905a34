// Text pasted from /proc/iomem, dmesg (e820, EFI), /sys/firmware/memmap or kexec -d into a layout
// does not parse; this offers to convert such a block in place, with the import readers.

import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import { importText } from '../import/index';
import { toLayoutText } from '../import/layoutText';
import { splitLines } from '../language/lexer';

const SETTING_LINE = /^(arch|syscall|crash|entry) ?/;

/** Code actions converting the block of unparsable lines around `range`, if it reads as a known format. */
export function pasteConversions(r: CheckResult, text: string, range: Range, uri: string): CodeAction[] {
  const bad = new Set<number>();
  for (const d of r.file.diagnostics) if (d.code.startsWith('syntax/')) bad.add(d.range.start.line);
  const lines = splitLines(text);
  let first = range.start.line, last = range.end.line;
  if (!bad.has(first) && !bad.has(last)) return [];
  // Grow over neighbouring unparsable lines (blank lines and comments inside the block are kept in it).
  const inBlock = (l: number) => bad.has(l) || (lines[l] !== undefined && /^\s*(#.*)?$/.test(lines[l]) && l !== 0);
  while (first > 0 && inBlock(first - 1)) first--;
  while (last + 1 < lines.length && inBlock(last + 1)) last++;
  while (first < last && !bad.has(first)) first++;
  while (last > first && !bad.has(last)) last--;
  const block = lines.slice(first, last + 1).join('\n');
  const got = importText(block, 'auto');
  const items = got.regions.length + got.unaccepted.length + got.segments.length;
  if (items === 0 || got.skipped.length > (last - first + 1) / 2) return [];
  const present = new Set(r.file.statements.map((s) => s.kind));
  const converted = toLayoutText([{ path: 'pasted text', result: got }])
    .split('\n')
    .slice(1) // the "imported by" header: the block is part of this layout
    .filter((l) => { const m = SETTING_LINE.exec(l); return !m || !present.has(m[1] as never); })
    .join('\n')
    .trim();
  const edit = { range: { start: { line: first, character: 0 }, end: { line: last, character: lines[last].length } }, newText: converted };
  return [{
    title: `Convert pasted ${got.format} text (${last - first + 1} lines, ${items} item${items === 1 ? '' : 's'}) to layout statements`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [uri]: [edit] } },
  }];
}
