// `kexec-layout plan`, pure: a load on a layout's memory map, for one syscall or both, each plan
// checked as `check` would check the layout with that `load` line; and its text and JSON forms.

import type { LayoutFile, ImportStmt } from '../language/ast';
import { buildLayout, type ImportOutcome } from '../engine/layout';
import { analyze, type Analysis } from '../engine/analyze';
import type { Finding } from '../engine/findings';
import type { Syscall } from '../engine/types';
import { hex, hexWire, human } from '../engine/format';
import { parseVersion } from '../language/parser';
import { expandLoad, applyLoaderOutcome } from './apply';
import type { LoadSpec } from './spec';
import type { LoaderResult } from './types';
import { maybeUnacceptedFindings } from '../features/unacceptedTotal';

export interface Plan {
  syscall: Syscall;
  loader: LoaderResult;
  analysis: Analysis;
  /** The loader's findings, then the check's, in that order. */
  findings: Finding[];
}

export interface PlanOptions { crash?: boolean; kernel?: string }

/** The map's segments are dropped: a plan is the loader's segments on the map alone. */
export function planOnMap(file: LayoutFile, imports: Map<ImportStmt, ImportOutcome>, spec: LoadSpec, syscalls: Syscall[], opts: PlanOptions = {}): Plan[] {
  return syscalls.map((syscall) => {
    const layout = buildLayout(file, imports);
    layout.syscall = syscall;
    layout.segments = [];
    if (opts.crash) layout.crash = true;
    if (opts.kernel) layout.kernel = parseVersion(opts.kernel) ?? layout.kernel;
    const statement = layout.anchors.firstLine;
    const expansion = expandLoad(layout, spec, { statement });
    const analysis = analyze(layout);
    applyLoaderOutcome(analysis, expansion);
    const findings: Finding[] = [];
    for (const f of expansion.findings) findings.push(f);
    // `unaccepted-total` (a snapshot of a guest): a destination in RAM may be unaccepted.
    const ut = file.statements.find((s) => s.kind === 'unaccepted-total');
    if (ut && ut.kind === 'unaccepted-total') for (const f of maybeUnacceptedFindings(analysis, ut.size.value, ut.range)) findings.push(f);
    for (const f of analysis.findings) if (f.code !== 'layout/no-segments') findings.push(f);
    return { syscall, loader: expansion.result, analysis, findings };
  });
}

const TOOL: Record<LoaderResult['tool'], string> = { kernel: "the kernel's bzImage64 loader", 'kexec-tools': "kexec-tools' bzImage64 loader" };

export function planText(plans: Plan[]): string {
  const out: string[] = [];
  for (const p of plans) {
    out.push(`${p.syscall} (${TOOL[p.loader.tool]}${p.analysis.layout.crash ? ', crash load' : ''}):`);
    const width = p.loader.segments.reduce((w, s) => Math.max(w, s.name.length), 0);
    for (const s of p.loader.segments) {
      const where = s.mem === null ? 'no hole'.padEnd(35) : `${hex(s.mem)} .. ${hex(s.mem + s.memsz)}`.padEnd(35);
      out.push(`  ${s.name.padEnd(width)}  ${where} ${human(s.memsz).padStart(9)}  ${s.rule}`);
    }
    for (const f of p.findings) if (f.severity === 'error' || f.severity === 'warning') out.push(`  ${f.severity}: ${f.message} [${f.code}]`);
    out.push(`  outcome: ${p.analysis.outcome.summary}`);
    out.push('');
  }
  return out.join('\n');
}

export function planJson(plans: Plan[]): unknown {
  return {
    version: 1,
    plans: plans.map((p) => ({
      syscall: p.syscall,
      loader: p.loader.tool,
      // Shaped like a `check` file entry's segments, plus the loader's constraints.
      segments: p.loader.segments.map((s) => {
        const r = p.analysis.segments.find((x) => x.name === s.name && x.input.loader !== undefined);
        return {
          name: s.name, mem: s.mem === null ? null : hexWire(s.mem), memsz: hexWire(s.memsz), bufsz: hexWire(s.bufsz), auto: false,
          loader: s.rule, role: s.role,
          constraints: { align: hexWire(s.align), min: hexWire(s.min), max: hexWire(s.max), direction: s.topDown ? 'top-down' : 'bottom-up' },
          accepts: (r?.accepts ?? []).map((a) => ({ start: hexWire(a.start), end: hexWire(a.end) })),
        };
      }),
      outcome: planOutcome(p),
      diagnostics: p.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: f.range, ...(f.segment ? { segment: f.segment } : {}), ...(f.errno ? { errno: f.errno } : {}) })),
    })),
  };
}

/** A plan's outcome as the JSON and SARIF outputs give it. */
export function planOutcome(p: Plan): { syscall: Syscall; load: string; errno: string | null; firstFailure: string | null; jump: string; summary: string } {
  const o = p.analysis.outcome;
  return { syscall: o.syscall, load: o.load, errno: o.errno, firstFailure: o.firstFailure, jump: o.jump, summary: o.summary };
}
