// The memory-map model (render/mapModel.ts) of a checked layout: what the webview and
// `kexec-layout map` draw. Built from the analysis only; nothing is re-checked here.

import type { CheckResult } from './check';
import type { MapModel, MapSeverity } from '../render/mapModel';
import { hexWire } from '../engine/format';
import { showText } from './safeText';

const RANK: Record<MapSeverity, number> = { error: 4, warning: 3, information: 2, hint: 1 };

export function memoryMapModel(r: CheckResult, title: string): MapModel {
  const a = r.analysis;
  const layout = a.layout;
  const loadAccepts = a.outcome.load === 'ok' && a.acceptsAtLoad !== false;
  const unit = layout.acceptUnit;
  const bySegment = new Map<string, { severity: MapSeverity; messages: string[] }>();
  for (const d of r.diagnostics) {
    if (d.segment === undefined) continue;
    const cur = bySegment.get(d.segment) ?? { severity: d.severity, messages: [] };
    if (RANK[d.severity] > RANK[cur.severity]) cur.severity = d.severity;
    cur.messages.push(showText(`${d.message} [${d.code}]`));
    bySegment.set(d.segment, cur);
  }
  return {
    version: 1,
    // Document text (labels, names, messages, the file name) with controls and bidi shown escaped.
    title: showText(title),
    arch: layout.arch,
    pageSize: hexWire(a.pageSize),
    acceptUnit: hexWire(unit),
    kernel: layout.kernel?.text ?? null,
    syscall: layout.syscall,
    outcome: { load: a.outcome.load, errno: a.outcome.errno, firstFailure: a.outcome.firstFailure, jump: a.outcome.jump, summary: showText(a.outcome.summary) },
    regions: a.map.regions.map((reg) => ({
      id: `r${reg.id}`,
      start: hexWire(reg.start),
      end: hexWire(reg.end),
      type: reg.type,
      ...(reg.label !== undefined ? { label: showText(reg.label) } : {}),
      depth: reg.depth,
      ...(reg.parent !== undefined ? { parent: `r${reg.parent}` } : {}),
      source: layout.regions[reg.id].origin.range,
    })),
    // Whole units only: the EFI stub accepted the partial units at boot.
    unaccepted: layout.unaccepted.flatMap((u) => {
      const first = ((u.start + unit - 1n) / unit) * unit, last = (u.end / unit) * unit;
      return first < last ? [{ start: hexWire(first), end: hexWire(last), source: u.origin.range }] : [];
    }),
    accepted: loadAccepts
      ? a.segments.flatMap((s) => [
        ...s.acceptOwn.map((x) => ({ start: hexWire(x.start), end: hexWire(x.end), segment: showText(s.name), guard: false })),
        ...s.acceptGuard.map((x) => ({ start: hexWire(x.start), end: hexWire(x.end), segment: showText(s.name), guard: true })),
      ])
      : [],
    segments: a.segments.map((s, i) => {
      const f = bySegment.get(s.name);
      const end = s.mem === null ? 0n : s.mem + s.memsz;
      return {
        id: `s${i}`,
        name: showText(s.name),
        start: hexWire(s.mem ?? 0n),
        end: hexWire(end > 1n << 64n ? 1n << 64n : end),
        auto: s.auto,
        placed: s.mem !== null,
        severity: f?.severity ?? null,
        // A `load` segment's placement rule comes first in its tooltip.
        messages: s.input.loader !== undefined ? [showText(s.input.loader)].concat(f?.messages ?? []) : f?.messages ?? [],
        source: s.input.origin.range,
      };
    }),
  };
}
