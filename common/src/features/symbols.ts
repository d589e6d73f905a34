// Document outline: settings, the regions nested as the memory map nests them, unaccepted ranges
// and segments. Linear in the number of regions (one pass over the map's sorted order).

import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import type { Statement } from '../language/ast';
import type { Origin } from '../engine/layout';
import { hex, human } from '../engine/format';
import { comparePos } from './positions';

const SETTING_KINDS = new Set(['arch', 'page-size', 'kernel', 'syscall', 'crash', 'entry', 'total-ram', 'accept-unit', 'import']);

function hexSpan(start: bigint, end: bigint): string {
  return `${hex(start)} .. ${end >= 1n << 64n ? '2^64' : hex(end)}`;
}

function union(a: Range, b: Range): Range {
  return {
    start: comparePos(a.start, b.start) <= 0 ? a.start : b.start,
    end: comparePos(a.end, b.end) >= 0 ? a.end : b.end,
  };
}

function group(name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol | null {
  if (children.length === 0) return null;
  let range = children[0].range;
  for (const c of children) range = union(range, c.range);
  return { name, kind, range, selectionRange: children[0].selectionRange, children };
}

function settingValue(s: Statement): string {
  switch (s.kind) {
    case 'arch': return s.arch;
    case 'kernel': return s.version.text;
    case 'syscall': return s.syscall;
    case 'crash': return 'crash load';
    case 'page-size': case 'total-ram': case 'accept-unit': return `${s.size.text} (${human(s.size.value)})`;
    case 'entry': return hex(s.address.value);
    case 'import': return `${s.format} "${s.path}"`;
    default: return '';
  }
}

export function documentSymbols(result: CheckResult): DocumentSymbol[] {
  const file = result.file;
  const a = result.analysis;
  // Statement by the range object findings and origins carry, to get whole-line ranges.
  const lineOf = new Map<Range, Range>();
  const settings: DocumentSymbol[] = [];
  for (const s of file.statements) {
    if (s.kind === 'region' || s.kind === 'unaccepted') lineOf.set(s.span.range, s.range);
    else if (s.kind === 'crashkernel') lineOf.set(s.range, s.range);
    if (SETTING_KINDS.has(s.kind)) {
      settings.push({ name: s.kind, detail: settingValue(s), kind: s.kind === 'import' ? SymbolKind.File : SymbolKind.Property, range: s.range, selectionRange: s.keyword });
    }
  }

  // Regions: the map's sorted order lists every parent before its children, so one forward pass
  // attaches children and one backward pass widens each parent's range over its children's.
  const map = a.map;
  const syms: DocumentSymbol[] = new Array(map.regions.length);
  for (const r of map.regions) {
    const o = r.origin as Origin | undefined;
    const sel = o?.range ?? file.statements[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const label = r.label ? ` "${r.label}"` : '';
    syms[r.id] = {
      name: `${r.type}${label}`,
      detail: `${hexSpan(r.start, r.end)} (${human(r.end - r.start)})${o?.source ? ` from ${o.source}` : ''}`,
      kind: r.type === 'ram' || r.type === 'crashkernel' || r.type === 'kernel' ? SymbolKind.Struct : SymbolKind.Object,
      range: lineOf.get(sel) ?? sel,
      selectionRange: sel,
      children: [],
    };
  }
  const top: DocumentSymbol[] = [];
  for (const r of map.sorted) (r.parent === undefined ? top : syms[r.parent].children!).push(syms[r.id]);
  for (let i = map.sorted.length - 1; i >= 0; i--) {
    const r = map.sorted[i];
    if (r.parent !== undefined) syms[r.parent].range = union(syms[r.parent].range, syms[r.id].range);
  }

  const unaccepted: DocumentSymbol[] = a.layout.unaccepted.map((u) => ({
    name: hexSpan(u.start, u.end),
    detail: `${human(u.end - u.start)}${u.origin.source ? ` from ${u.origin.source}` : ''}`,
    kind: SymbolKind.Event,
    range: lineOf.get(u.origin.range) ?? u.origin.range,
    selectionRange: u.origin.range,
  }));

  const segments: DocumentSymbol[] = a.segments.map((s) => {
    const sel = s.input.origin.range;
    const where = s.mem === null ? 'no hole' : hexSpan(s.mem, s.mem + s.memsz);
    return {
      name: s.name,
      detail: `${where}${s.auto ? ' (auto)' : ''}, ${human(s.memsz)}${s.input.loader ? ` — ${s.input.loader}` : ''}`,
      kind: SymbolKind.Variable,
      range: s.input.stmt?.range ?? sel,
      selectionRange: sel,
    };
  });

  const out: DocumentSymbol[] = [];
  const g = group('Settings', SymbolKind.Namespace, settings);
  if (g) out.push(g);
  for (const s of top) out.push(s);
  const u = group('Unaccepted', SymbolKind.Namespace, unaccepted);
  if (u) out.push(u);
  const sg = group('Segments', SymbolKind.Namespace, segments);
  if (sg) out.push(sg);
  return out;
}
