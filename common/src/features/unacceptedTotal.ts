// `unaccepted-total SIZE`: the machine says how much memory is unaccepted but not where (Linux
// exports only /proc/meminfo `Unaccepted:`). With a non-zero total and no `unaccepted` ranges, a
// destination in RAM may be unaccepted: before 6.15 the jump is then unknown (accept/maybe-unaccepted,
// warning); from 6.15 sanity_check_segment_list → accept_memory accepts it at load. Zero: nothing is.

import type { Analysis } from '../engine/analyze';
import type { Finding } from '../engine/findings';
import type { Range } from '../engine/types';
import { human, span } from '../engine/format';

export function maybeUnacceptedFindings(analysis: Analysis, total: bigint, range: Range): Finding[] {
  const a = analysis;
  if (total === 0n || a.layout.unaccepted.length > 0 || a.outcome.load !== 'ok') return [];
  const out: Finding[] = [];
  for (const s of a.segments) {
    if (s.mem === null || s.memsz === 0n) continue;
    const inRam = a.map.classify(s.mem, s.mem + s.memsz).covered.some((l) => l.region.type === 'ram' || l.region.type === 'kernel');
    if (!inRam) continue;
    const dest = `segment ${s.name} ${span(s.mem, s.mem + s.memsz)} is in RAM and this machine has ${human(total)} unaccepted, location unknown (only the total is exported)`;
    if (a.acceptsAtLoad === true) {
      out.push({ code: 'accept/maybe-unaccepted', severity: 'information', segment: s.name, range, message: `${dest}: kernel ${a.layout.kernel?.text} accepts every destination at load, so this is safe (it may commit up to ${human(s.memsz)} more)` });
    } else {
      out.push({ code: 'accept/maybe-unaccepted', severity: 'warning', segment: s.name, range, message: `${dest}: ${a.acceptsAtLoad === false ? `kernel ${a.layout.kernel?.text} does not accept kexec destinations (6.15 does)` : 'before kernel 6.15 destinations are not accepted (add a kernel line)'}, so if this range is unaccepted the guest dies when kexec copies the segment. Decide it: import an efi=debug memory map (its Unaccepted ranges), boot with accept_memory=eager, or run 6.15+` });
    }
  }
  // A possibly unaccepted destination before 6.15 leaves the jump undecided.
  if (out.some((f) => f.severity === 'warning') && a.outcome.jump === 'ok') {
    a.outcome = { ...a.outcome, jump: 'unknown', summary: `${a.outcome.syscall} would succeed; the jump is unknown: a destination may be unaccepted memory (unaccepted-total ${human(total)}, no ranges)` };
  }
  return out;
}
