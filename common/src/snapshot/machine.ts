// `kexec-layout snapshot`, pure: the files a Linux machine exposes (read by the host) → a layout of
// that machine. /proc/iomem gives the regions (nested: Kernel code, Crash kernel); without root its
// addresses are zero, and /sys/firmware/memmap (what kexec-tools reads, readable by anyone) gives
// them instead. /proc/meminfo `Unaccepted:` gives only a total: `unaccepted-total`.

import { importText } from '../import/read';
import { toLayoutText } from '../import/layoutText';
import { parseNumber } from '../language/numbers';

export interface MachineFiles {
  iomem?: string;
  /** /sys/firmware/memmap/N/{start,end,type}, in directory-number order. */
  memmap?: { start: string; end: string; type: string }[];
  cmdline?: string;
  /** /sys/kernel/kexec_crash_size. */
  crashSize?: string;
  meminfo?: string;
  /** /proc/sys/kernel/osrelease (uname -r). */
  osrelease?: string;
  /** uname -m. */
  machine?: string;
  cpuinfo?: string;
}

const ARCH: Record<string, string> = { x86_64: 'x86_64', aarch64: 'arm64', riscv64: 'riscv64', ppc64le: 'ppc64le', s390x: 's390x', loongarch64: 'loongarch64' };

export interface Snapshot { text: string; warnings: string[] }

export function snapshotLayout(f: MachineFiles): Snapshot {
  const warnings: string[] = [];
  const head: string[] = ['# Layout of this machine, written by kexec-layout snapshot.'];
  const arch = f.machine ? ARCH[f.machine.trim()] : undefined;
  if (arch) head.push(`arch ${arch}`);
  else if (f.machine) warnings.push(`unknown machine '${f.machine.trim()}': arch left out (x86_64 is assumed)`);
  const release = f.osrelease?.trim();
  if (release && /^\d+\.\d+/.test(release)) head.push(`kernel ${release.replace(/\s.*/, '')}`);

  // What the machine says about unaccepted memory.
  const flags = /^flags\s*:(.*)$/m.exec(f.cpuinfo ?? '')?.[1] ?? '';
  const guest = /\btdx_guest\b/.test(flags) ? 'an Intel TDX guest' : /\bsev_snp\b/.test(flags) ? 'an AMD SEV-SNP guest' : null;
  if (guest) head.push(`# This is ${guest} (/proc/cpuinfo flags).`);
  const un = /^Unaccepted:\s+(\d+)\s*kB/m.exec(f.meminfo ?? '');
  if (un) {
    const bytes = BigInt(un[1]) * 1024n;
    head.push('# /proc/meminfo Unaccepted: how much is unaccepted, not where. Import an efi=debug memory map for the ranges.');
    head.push(`unaccepted-total ${bytes === 0n ? '0' : bytes % (1n << 20n) === 0n ? `${bytes >> 20n}M` : `${bytes >> 10n}K`}`);
  } else if (guest) head.push('# /proc/meminfo has no Unaccepted: line (a kernel without CONFIG_UNACCEPTED_MEMORY): nothing is known to be unaccepted.');

  const iomem = f.iomem ? importText(f.iomem, 'iomem') : null;
  const zeroed = !!iomem && (iomem.warnings.some((w) => /all zero/.test(w.message)) || (iomem.regions.length > 0 && iomem.regions.every((r) => r.start === 0n && r.end <= 1n)));
  const memmapText = (f.memmap ?? []).map((e) => `${e.start.trim()} ${e.end.trim()} ${e.type.trim()}`).join('\n');
  const memmap = memmapText ? importText(memmapText, 'memmap') : null;
  let body: string;
  if (iomem && !zeroed && iomem.regions.length) {
    body = toLayoutText([{ path: '/proc/iomem', result: iomem }]);
  } else if (memmap && memmap.regions.length) {
    if (zeroed) warnings.push('/proc/iomem was read without root (addresses are zero): the regions come from /sys/firmware/memmap, without the running kernel and the crash region; run as root for those');
    body = toLayoutText([{ path: '/sys/firmware/memmap', result: memmap }]);
    const ck = /(?:^|\s)crashkernel=(\S+)/.exec(f.cmdline ?? '')?.[1];
    const at = ck ? /^(\d+[KMG]?)@(0x[0-9a-fA-F]+|\d+[KMG]?)$/i.exec(ck) : null;
    if (at) body += `crashkernel ${at[1]}@${at[2]}\n`;
    else if (ck || (f.crashSize && f.crashSize.trim() !== '0')) {
      const size = f.crashSize ? parseNumber(f.crashSize.trim()) : null;
      body += `# crashkernel=${ck ?? '?'} reserved ${size?.ok ? `${size.value} bytes` : 'memory'}, but where is only in /proc/iomem (as root)\n`;
    }
  } else {
    warnings.push('no memory map: neither /proc/iomem nor /sys/firmware/memmap could be read');
    body = '';
  }
  if (memmap && iomem && !zeroed && memmap.regions.length) {
    head.push(`# /sys/firmware/memmap (what kexec -l reads; ${memmap.regions.length} entries) is not repeated here: its RAM is the iomem System RAM before the kernel's own changes.`);
  }
  for (const w of warnings) head.push(`# warning: ${w}`);
  return { text: head.join('\n') + '\n' + body, warnings };
}
