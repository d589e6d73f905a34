// `kexec-layout check --format github`: GitHub Actions workflow commands, so a workflow step
// annotates the pull request with no extra action:
//   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=[code]::message
// Escaping is the Actions toolkit's (@actions/core command.ts): data escapes %, CR and LF;
// property values also escape `:` and `,`. Messages show controls and bidi escaped, as in text.

import type { CheckResult } from './check';
import type { Severity } from '../engine/types';
import { showText } from './safeText';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Actions has error, warning and notice: information and hints are notices. */
export function annotationLevel(s: Severity): 'error' | 'warning' | 'notice' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'notice';
}

/**
 * One workflow command per finding, then the outcome as a plain log line (not an annotation).
 * Lines and columns are 1-based; `endColumn` is inclusive, as in check-run annotations, and
 * columns are given only for a finding within one line (GitHub ignores them across lines). A
 * range that ends at the start of a line ends on the line before, without columns. `-` (stdin) has no file property.
 */
export function toGithub(path: string, r: CheckResult): string {
  const file = path === '-' ? undefined : path.replace(/\\/g, '/').replace(/^\.\//, '');
  const lines: string[] = [];
  for (const d of r.diagnostics) {
    const { start, end } = d.range;
    let endLine = end.line;
    let endChar = end.character;
    if (endChar === 0 && endLine > start.line) {
      endLine--;
      endChar = Number.POSITIVE_INFINITY; // to the end of that line, whose length is not needed
    }
    const props: [string, string][] = [];
    if (file !== undefined) props.push(['file', file]);
    props.push(['line', String(start.line + 1)]);
    if (endLine === start.line && Number.isFinite(endChar)) {
      props.push(['col', String(start.character + 1)], ['endLine', String(endLine + 1)], ['endColumn', String(Math.max(start.character + 1, endChar))]);
    } else {
      props.push(['endLine', String(endLine + 1)]);
    }
    props.push(['title', `[${d.code}]`]);
    lines.push(`::${annotationLevel(d.severity)} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(showText(d.message))}`);
  }
  const o = r.analysis.outcome;
  const load = o.load === 'ok' ? 'load ok' : o.load === 'fails' ? `load fails -${o.errno} [${o.firstFailure}]` : `load ${o.load}`;
  // A plain log line must not be read as a command: escape a leading `::`.
  lines.push(escapeData(`${showText(path)}: outcome: ${load}, jump ${o.jump}: ${showText(o.summary)}`).replace(/^::/, ':%3A'));
  return lines.join('\n') + '\n';
}
