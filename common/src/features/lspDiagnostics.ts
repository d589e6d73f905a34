// Findings as LSP diagnostics, plus (when the setting asks for it) the outcome once per file on the
// syscall line; by default the client's language status item shows the outcome instead.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import type { Severity } from '../engine/types';
import { showText } from './safeText';

export const SOURCE = 'kexec-layout';
export const OUTCOME_CODE = 'outcome';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostics(r: CheckResult, uri: string, showOutcome = false): Diagnostic[] {
  const out: Diagnostic[] = r.diagnostics.map((d) => ({
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: SOURCE,
    message: showText(d.errno ? `${d.message} [-${d.errno}]` : d.message),
    ...(d.related?.length ? { relatedInformation: d.related.map((x) => ({ location: { uri, range: x.range }, message: showText(x.message) })) } : {}),
    data: { segment: d.segment ?? null },
  }));
  const a = r.analysis;
  if (showOutcome && (r.file.statements.length > 0)) {
    const anchor = a.layout.anchors.syscall ?? a.layout.anchors.firstLine;
    out.push({
      range: anchor,
      severity: DiagnosticSeverity.Information,
      code: OUTCOME_CODE,
      source: SOURCE,
      message: `${a.outcome.summary} (jump: ${a.outcome.jump})`,
    });
  }
  return out;
}
