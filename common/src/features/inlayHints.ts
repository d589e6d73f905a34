// Inlay hints: the size and end of each range, where a `mem=auto` segment landed, where a crash
// reservation ends, and what an import read. Only statements on the requested lines are visited
// (binary search on the statement list), so scrolling a 10,000-line file stays cheap.

import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import type { RangeNode } from '../language/ast';
import { hex, human } from '../engine/format';
import { firstStatementFrom, indexOf, clampRange } from './positions';

function hint(position: InlayHint['position'], label: string, tooltip?: string): InlayHint {
  return { position, label, kind: InlayHintKind.Type, paddingLeft: true, ...(tooltip ? { tooltip } : {}) };
}

function endText(end: bigint): string {
  return end >= 1n << 64n ? '2^64' : hex(end);
}

/** `64 MiB → 0x1_4200_0000`: size and exclusive end, whichever form the range is written in. */
function rangeLabel(sp: RangeNode): string {
  return `${human(sp.end - sp.start)} → ${endText(sp.end)}`;
}

export function inlayHints(result: CheckResult, range: Range): InlayHint[] {
  const file = result.file;
  const r = clampRange(file, range);
  if (!r) return [];
  const out: InlayHint[] = [];
  const st = file.statements;
  for (let i = firstStatementFrom(file, r.start.line); i < st.length && st[i].line <= r.end.line; i++) {
    const s = st[i];
    switch (s.kind) {
      case 'region': case 'unaccepted':
        out.push(hint(s.span.range.end, rangeLabel(s.span), `[${hex(s.span.start)}, ${endText(s.span.end)}), ${(s.span.end - s.span.start).toString()} bytes`));
        break;
      case 'crashkernel':
        out.push(hint(s.offset.range.end, `→ ${endText(s.end)}`, `crash kernel region [${hex(s.start)}, ${endText(s.end)}), ${human(s.end - s.start)}`));
        break;
      case 'segment': {
        const mem = s.values.mem;
        if (mem?.value !== 'auto') break;
        const seg = indexOf(result).segmentByStmt.get(s);
        if (!seg) break;
        out.push(seg.mem === null
          ? hint(mem.valueRange.end, '→ no hole', 'the kexec_file hole search finds no slot: -EADDRNOTAVAIL')
          : hint(mem.valueRange.end, `→ ${hex(seg.mem)}`, `placed at [${hex(seg.mem)}, ${endText(seg.mem + seg.memsz)}), ${human(seg.memsz)}`));
        break;
      }
      case 'import': {
        const got = result.imports.get(s);
        if (!got) break;
        if ('error' in got) { out.push(hint(s.pathRange.end, '→ unreadable', got.error)); break; }
        const x = got.result;
        const parts = [`${x.regions.length} regions`, `${x.unaccepted.length} unaccepted`, `${x.segments.length} segments`];
        if (x.skipped.length) parts.push(`${x.skipped.length} skipped`);
        out.push(hint(s.pathRange.end, `${x.format}: ${parts.join(', ')}`));
        break;
      }
      default: break;
    }
  }
  return out;
}
