// `kexec-layout snapshot [-o OUT.kexec [--force]] [--root DIR]`: a layout of the machine it runs
// on, from /proc and /sys (or the same files under DIR, which is how tests feed it captures).
// Every file goes through the safe reader; -o is written atomically and never over a file unasked.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { snapshotLayout, type MachineFiles } from '../../../common/src/snapshot/machine';
import { showText } from '../../../common/src/features/safeText';
import { safeReadText } from './safeRead';
import { writeFileAtomic } from './atomicWrite';
import type { Io } from './cliArgs';

export interface SnapshotOptions { output?: string; force: boolean; root?: string }

/** Reads the machine's files under root ('/' for this machine); a file that cannot be read is left out. */
export async function readMachine(root: string): Promise<MachineFiles> {
  const at = (p: string) => path.join(root, p);
  const text = async (p: string): Promise<string | undefined> => {
    const got = await safeReadText(at(p), { maxBytes: 64 * 1024 * 1024 });
    return 'error' in got ? undefined : got.text;
  };
  const files: MachineFiles = {
    iomem: await text('proc/iomem'), cmdline: await text('proc/cmdline'), crashSize: await text('sys/kernel/kexec_crash_size'),
    meminfo: await text('proc/meminfo'), osrelease: await text('proc/sys/kernel/osrelease'), cpuinfo: await text('proc/cpuinfo'),
  };
  // uname -m: this machine's, or under --root the capture's proc/sys/kernel/arch (absent: leave it out).
  files.machine = root === '/' ? os.machine() : await text('proc/sys/kernel/arch');
  let dirs: string[] = [];
  try { dirs = fs.readdirSync(at('sys/firmware/memmap')).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(a) - Number(b)); } catch { dirs = []; }
  const memmap: MachineFiles['memmap'] = [];
  for (const d of dirs) {
    const start = await text(`sys/firmware/memmap/${d}/start`), end = await text(`sys/firmware/memmap/${d}/end`), type = await text(`sys/firmware/memmap/${d}/type`);
    if (start !== undefined && end !== undefined && type !== undefined) memmap.push({ start, end, type });
  }
  if (memmap.length) files.memmap = memmap;
  return files;
}

export async function runSnapshotCommand(opts: SnapshotOptions, io: Io): Promise<number> {
  const snap = snapshotLayout(await readMachine(opts.root ?? '/'));
  for (const w of snap.warnings) io.stderr(`kexec-layout snapshot: warning: ${w}\n`);
  if (!opts.output) { io.stdout(snap.text); return 0; }
  const wrote = await writeFileAtomic(opts.output, snap.text, { force: opts.force });
  if ('error' in wrote) { io.stderr(`kexec-layout: cannot write ${showText(opts.output)}: ${wrote.error}\n`); return 2; }
  io.stderr(`kexec-layout snapshot: wrote ${showText(opts.output)}\n`);
  return 0;
}
