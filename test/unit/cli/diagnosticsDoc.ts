// Writes docs/diagnostics.md from the catalogue (common/src/features/docs.ts): one section per
// code, anchored as SARIF help URIs point (sarif.ts codeAnchor). diagnosticsDoc.test.ts keeps
// the committed page equal to this; UPDATE_DOCS=1 rewrites it.

import { CODE_DOCS } from '../../../common/src/features/docs';
import { DEFAULT_SEVERITY, KERNEL_ERRNO, ERRNO_VALUE } from '../../../common/src/engine/findings';
import { codeAnchor } from '../../../common/src/features/sarif';

const GROUPS: Record<string, string> = {
  syntax: 'Language',
  import: 'Imports',
  memory: 'Memory map',
  layout: 'Layout',
  kexec: 'Kernel checks (`kexec_load_check`, `sanity_check_segment_list`, `kexec_add_buffer`)',
  dest: 'Destinations (what the kernel does not check, but the jump needs)',
  accept: 'Acceptance (confidential guests)',
  load: 'Loaders',
};

export function diagnosticsDoc(): string {
  const out: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from common/src/features/docs.ts by test/unit/cli/diagnosticsDoc.ts:',
    '     UPDATE_DOCS=1 node --test out/test/unit/cli/diagnosticsDoc.test.js -->',
    '',
    'Every finding of `kexec-layout check` (and of the editor) has a stable code. Codes never change',
    'meaning; switch one off or change its severity with the `kexecLayout.diagnostics.severity`',
    'setting, e.g. `{"accept/guard-unit": "off"}`. The CLI prints the code in brackets (text), in',
    '`code` (JSON), as the rule id (SARIF) and as the annotation title (GitHub).',
  ];
  let group = '';
  for (const [code, doc] of Object.entries(CODE_DOCS)) {
    const g = code.split('/')[0];
    if (g !== group) {
      group = g;
      out.push('', `## ${GROUPS[g] ?? g}`);
    }
    const sev = code === 'accept/unaccepted-destination'
      ? 'error before kernel 6.15, information from 6.15, warning when no kernel is given'
      : DEFAULT_SEVERITY[code] ?? 'see the message';
    const errno = KERNEL_ERRNO[code];
    out.push(
      '',
      `<a id="${codeAnchor(code)}"></a>`,
      '',
      `### \`${code}\``,
      '',
      `Severity: ${sev}.${errno ? ` The kernel returns \`-${errno}\` (${ERRNO_VALUE[errno]}).` : ''}`,
      '',
      doc,
    );
  }
  return out.join('\n') + '\n';
}
