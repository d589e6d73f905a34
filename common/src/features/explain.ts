// `kexec-layout check --explain`: the kernel's passes in the order the kernel runs them, each with
// its verdict and the segments it looked at, ending with the outcome — to read beside the source.

import type { CheckResult } from './check';
import type { PassReport } from '../engine/analyze';
import { hex } from '../engine/format';

const LIST_MAX = 8;
const VERDICT: Record<PassReport['verdict'], string> = { pass: 'pass', fail: 'FAIL', undecided: 'undecided', skipped: 'skipped' };

function names(r: CheckResult, idx: number[]): string {
  const segs = r.analysis.segments;
  const shown = idx.slice(0, LIST_MAX).map((i) => {
    const s = segs[i];
    return s.mem === null ? s.name : `${s.name} ${hex(s.mem)}+${hex(s.memsz)}`;
  });
  return idx.length > LIST_MAX ? `${shown.join(', ')} and ${idx.length - LIST_MAX} more` : shown.join(', ');
}

export function explainText(path: string, r: CheckResult): string {
  const a = r.analysis;
  const o = a.outcome;
  const lines = [`${path}: ${o.syscall}, arch ${a.layout.arch}, page size ${hex(a.pageSize)}, ${a.segments.length} segment(s)${a.layout.kernel ? `, kernel ${a.layout.kernel.text}` : ', no kernel version'}${a.layout.crash ? ', crash load' : ''}`];
  let decided = false;
  a.passes.forEach((p, n) => {
    if (!p.decidesLoad && n > 0 && a.passes[n - 1].decidesLoad) lines.push('   -- the kernel checks end here; what follows decides the jump --');
    const late = decided && p.decidesLoad ? ' (not reached by the kernel)' : '';
    lines.push(`${n + 1}. ${p.kernel}: ${p.title}`);
    lines.push(`   verdict: ${VERDICT[p.verdict]}${late}${p.failure && p.verdict === 'fail' ? ` — ${p.failure.summary} [${p.failure.code}]` : ''}${p.undecided && p.verdict === 'undecided' ? ` — ${p.undecided}` : ''}`);
    if (p.looked.length) lines.push(`   looked at: ${names(r, p.looked)}`);
    if (p.failing.length) lines.push(`   failing: ${names(r, p.failing)}`);
    if (p.note) lines.push(`   note: ${p.note}`);
    if (p.decidesLoad && (p.verdict === 'fail' || p.verdict === 'undecided')) decided = true;
  });
  const load = o.load === 'ok' ? 'load ok' : o.load === 'unknown' ? 'load unknown' : `load fails${o.errno ? ` with -${o.errno}` : ''} [${o.firstFailure}]`;
  lines.push(`outcome: ${load}, jump ${o.jump}: ${o.summary}`);
  return lines.join('\n') + '\n';
}
