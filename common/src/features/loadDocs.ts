// The `load` statement's words for people: its documentation, each key's, and the hover block
// listing what the loader placed, by which rule, and which sizes are defaults.

import type { CheckResult } from './check';
import type { LoadStmt, LoadKey } from '../language/ast';
import { hex, human } from '../engine/format';
import { mdText } from './safeText';
import { LOAD_DEFAULTS } from '../loaders/spec';

export const LOAD_DOC =
  '`load bzImage64 KEY=VALUE…`: the segments a loader would add for this image, placed by its own rules on this map. ' +
  '`syscall kexec_file_load` runs the kernel\'s loader (`bzImage64_load`: purgatory, boot_params, kernel, initrd, top-down; ' +
  'crash: `elfcorehdr` bottom-up in the crash region); `kexec_load` runs kexec-tools\' (`do_bzImage64_load` with its own ' +
  '`locate_hole`: last qualifying range wins; setup_data bottom-up from 1 MiB). One `load` per layout; its segments come first.';

export const LOAD_KEY_DOCS: Record<LoadKey, string> = {
  kernel: '`"PATH"` of the bzImage: its header gives setup_sects, init_size, kernel_alignment, pref_address, cmdline_size and the probe checks (`-ENOEXEC`). Relative to this file; only the header is kept.',
  initrd: '`"PATH"` of the initrd, read only for its size.',
  cmdline: '`"…"` the command line; its length + 1 (the NUL) is `cmdline_len`. kexec_file refuses it when it plus 30 bytes for ` elfcorehdr=` exceeds `cmdline_size` (`-EINVAL`), on every load.',
  'kernel-size': "The image file's length (bufsz of the kernel segment is this minus the setup area). Default: the file's length; unknown for a header excerpt.",
  'init-size': "`init_size`: the kernel segment's memsz (page-rounded). Over the header's.",
  'kernel-align': "`kernel_alignment`: the kernel segment's alignment. Default: the header's, else 2 MiB.",
  'pref-address': "`pref_address`: the kernel's lower bound with 1 MiB (kexec-tools always; the kernel's loader from 6.9). Default: the header's, else 0x100_0000.",
  'setup-sects': '`setup_sects`: the real-mode part is (setup_sects + 1) * 512 bytes (0 means 4). Default: the header\'s, else 39.',
  'initrd-size': "The initrd's size in bytes.",
  'cmdline-size': '`cmdline_len`: the command line in bytes, the NUL included.',
  'purgatory-size': `The purgatory's memsz (sections plus bss). Defaults: the kernel's ${human(LOAD_DEFAULTS.purgatorySize)}, kexec-tools' ${human(LOAD_DEFAULTS.toolsPurgatorySize)} (as public debug logs show them); give the real size for exact placement.`,
  'efi-map-size': 'The EFI runtime memory map size. kexec_file: part of the boot_params segment; kexec-tools: adds the SETUP_EFI and memory-map segments bottom-up from 1 MiB. Default 0 (no EFI runtime map).',
  'setup-size': "kexec-tools' real-mode data + command line segment. Default: its formula max(4096, (setup_sects + 1) * 512) + cmdline_len + 64.",
  'elfcorehdr-size': `Crash loads: the ELF core header segment. Defaults: kernel loader ${hex(LOAD_DEFAULTS.kernelElfcorehdrSize)} (CRASH_HOTPLUG with 8192 memory ranges), kexec-tools ${human(LOAD_DEFAULTS.toolsElfcorehdrSize)}.`,
};

/** Hover on `load`: each placed segment, its rule, and what was a default. */
export function loadBlock(result: CheckResult, stmt: LoadStmt): string {
  const a = result.analysis;
  const tool = a.layout.syscall === 'kexec_file_load' ? "the kernel's bzImage64 loader (kexec_file_load)" : "kexec-tools' bzImage64 loader (kexec_load)";
  const lines = [`**load ${stmt.loader}** — ${tool}${a.layout.crash ? ', crash load' : ''}`, '', LOAD_DOC, ''];
  const segs = a.segments.filter((s) => s.input.loader !== undefined);
  for (const s of segs) lines.push(`- \`${mdText(s.name)}\` ${s.mem === null ? 'not placed' : `${hex(s.mem)} .. ${hex(s.mem + s.memsz)}`} (${human(s.memsz)}): ${mdText(s.input.loader!)}`);
  if (!segs.length) lines.push('- no segment placed: see the findings on this line');
  const defaults: string[] = [];
  if (!stmt.values['purgatory-size']) defaults.push(`purgatory-size ${human(a.layout.syscall === 'kexec_load' ? LOAD_DEFAULTS.toolsPurgatorySize : LOAD_DEFAULTS.purgatorySize)}`);
  if (!stmt.values['efi-map-size']) defaults.push('efi-map-size 0');
  if (!stmt.values.kernel && !stmt.values['kernel-align']) defaults.push('kernel-align 2 MiB');
  if (!stmt.values.kernel && !stmt.values['pref-address']) defaults.push('pref-address 0x100_0000');
  if (defaults.length) lines.push('', `Defaults used: ${defaults.join(', ')}. The boot_params size is that of a kernel built without IMA_KEXEC, KEXEC_HANDOVER and a forced DTB (each adds a fixed term).`);
  if (a.outcome.firstFailure?.startsWith('load/')) lines.push('', `**The loader stops**: ${mdText(a.outcome.summary)}`);
  return lines.join('\n');
}

/** Hover on one KEY=VALUE of a load: the key's meaning and default (the value given overrides it). */
export function loadKeyHover(key: LoadKey): string {
  return `**\`${key}=\`** — ${LOAD_KEY_DOCS[key]}\n\nGiven here, so it overrides the header and the default.`;
}
