// What the CLI prints: the JSON of design/diagnostics.md and compiler-style text lines.

import type { CheckResult } from './check';
import { hexWire } from '../engine/format';
import { showText } from './safeText';

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  segment?: string;
  errno?: string;
}

export interface JsonFile {
  path: string;
  outcome: { syscall: string; load: string; errno: string | null; firstFailure: string | null; jump: string };
  diagnostics: JsonDiagnostic[];
  segments: { name: string; mem: string | null; memsz: string; bufsz: string; auto: boolean; loader?: string; accepts: { start: string; end: string }[] }[];
}

export function toJsonFile(path: string, r: CheckResult): JsonFile {
  const o = r.analysis.outcome;
  return {
    path,
    outcome: { syscall: o.syscall, load: o.load, errno: o.errno, firstFailure: o.firstFailure, jump: o.jump },
    diagnostics: r.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
      ...(d.segment !== undefined ? { segment: d.segment } : {}),
      ...(d.errno !== undefined ? { errno: d.errno } : {}),
    })),
    segments: r.analysis.segments.map((s) => ({
      name: s.name,
      mem: s.mem === null ? null : hexWire(s.mem),
      memsz: hexWire(s.memsz),
      bufsz: hexWire(s.bufsz),
      auto: s.auto,
      // A `load` statement's segment: the loader's placement rule.
      ...(s.input.loader !== undefined ? { loader: s.input.loader } : {}),
      accepts: s.accepts.map((a) => ({ start: hexWire(a.start), end: hexWire(a.end) })),
    })),
  };
}

/** `path:line:col: severity: message [code]`, 1-based, then one outcome line. */
export function toText(path: string, r: CheckResult): string {
  // Labels and paths come from files the user did not write: controls and bidi shown escaped.
  const p = showText(path);
  const lines = r.diagnostics.map((d) => `${p}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${showText(d.message)} [${d.code}]`);
  const o = r.analysis.outcome;
  const load = o.load === 'ok' ? 'load ok' : o.load === 'unknown' ? 'load unknown' : `load fails${o.errno ? ` -${o.errno}` : ''} [${o.firstFailure}]`;
  lines.push(`${p}: outcome: ${load}, jump ${o.jump}: ${showText(o.summary)}`);
  return lines.join('\n') + '\n';
}
