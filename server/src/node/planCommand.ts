// `kexec-layout plan`: where `kexec -l` (kexec-tools, kexec_load) and `kexec -s -l` (the kernel's
// loader, kexec_file_load) would put a bzImage64's segments on a layout's memory map, and whether
// that load and the jump would work. Files are read through the safe reader (only the kernel
// image's header is kept; the initrd is read only for its size).

import { checkText } from '../../../common/src/features/check';
import { parseNumber } from '../../../common/src/language/numbers';
import { parseVersion } from '../../../common/src/language/parser';
import { planOnMap, planText, planJson, planOutcome } from '../../../common/src/loaders/plan';
import { toSarif } from '../../../common/src/features/sarif';
import { pathToFileURL } from 'node:url';
import { version } from './version';
import type { LoadSpec } from '../../../common/src/loaders/spec';
import type { Syscall } from '../../../common/src/engine/types';
import { jsonText, showText } from '../../../common/src/features/safeText';
import { fileImportResolver } from './fileImports';
import { readKernelImage, readFileSize } from './loadFiles';
import { safeReadText } from './safeRead';
import { readMachine } from './snapshotCommand';
import { snapshotLayout } from '../../../common/src/snapshot/machine';
import { UsageError, type Io } from './cliArgs';

export interface PlanOptions {
  kernelImage?: string;
  kernelSize?: string; initSize?: string; kernelAlign?: string; prefAddress?: string; setupSects?: string;
  initrd?: string; initrdSize?: string;
  cmdline?: string; cmdlineSize?: string;
  purgatorySize?: string; efiMapSize?: string; setupSize?: string; elfcorehdrSize?: string;
  crash: boolean;
  syscall: 'kexec_load' | 'kexec_file_load' | 'both';
  map?: string;
  kernel?: string;
  format: 'text' | 'json' | 'sarif';
  maxBytes?: number;
}

function size(name: string, v: string | undefined): bigint | undefined {
  if (v === undefined) return undefined;
  const n = parseNumber(v);
  if (!n.ok) throw new UsageError(`option '--${name}' needs a number like 64M, 0x1000 or 4096, not '${v}'`);
  return n.value;
}

export async function runPlanCommand(opts: PlanOptions, io: Io): Promise<number> {
  if (opts.kernel !== undefined && !parseVersion(opts.kernel)) throw new UsageError(`option '--kernel' needs a kernel version like 6.13, not '${opts.kernel}'`);
  if (!opts.kernelImage && size('init-size', opts.initSize) === undefined) throw new UsageError("give --kernel-image PATH, or --init-size N (with --kernel-align and --pref-address if they differ from the defaults)");
  if (opts.initrd && opts.initrdSize) throw new UsageError("give --initrd or --initrd-size, not both");
  if (opts.cmdline !== undefined && opts.cmdlineSize) throw new UsageError("give --cmdline or --cmdline-size, not both");
  const setupSects = size('setup-sects', opts.setupSects);
  const spec: LoadSpec = {
    kernelSize: size('kernel-size', opts.kernelSize), initSize: size('init-size', opts.initSize), kernelAlign: size('kernel-align', opts.kernelAlign),
    prefAddress: size('pref-address', opts.prefAddress), setupSects: setupSects === undefined ? undefined : Number(setupSects),
    initrdSize: size('initrd-size', opts.initrdSize), cmdlineLen: size('cmdline-size', opts.cmdlineSize),
    purgatorySize: size('purgatory-size', opts.purgatorySize), efiMapSize: size('efi-map-size', opts.efiMapSize),
    setupSize: size('setup-size', opts.setupSize), elfcorehdrSize: size('elfcorehdr-size', opts.elfcorehdrSize),
  };
  if (opts.cmdline !== undefined) spec.cmdlineLen = BigInt(Buffer.byteLength(opts.cmdline, 'utf8') + 1);
  if (opts.kernelImage) {
    const k = await readKernelImage(opts.kernelImage);
    if ('error' in k) { io.stderr(`kexec-layout: cannot read ${showText(opts.kernelImage)}: ${k.error}\n`); return 2; }
    spec.header = k.header; spec.headerProblems = k.problems;
    // A file no longer than its header is an excerpt: its length says nothing of the image's.
    if (spec.kernelSize === undefined && !k.headerOnly) spec.kernelSize = k.size;
  }
  if (opts.initrd) {
    const s = await readFileSize(opts.initrd);
    if ('error' in s) { io.stderr(`kexec-layout: cannot read ${showText(opts.initrd)}: ${s.error}\n`); return 2; }
    spec.initrdSize = s.size;
  }
  // Without --map: a snapshot of this machine (kexec-layout snapshot), as the map to plan on.
  let mapText: string;
  if (opts.map) {
    const got = await safeReadText(opts.map, { maxBytes: opts.maxBytes });
    if ('error' in got) { io.stderr(`kexec-layout: cannot read ${showText(opts.map)}: ${got.error}\n`); return 2; }
    mapText = got.text;
  } else {
    const snap = snapshotLayout(await readMachine('/'));
    for (const w of snap.warnings) io.stderr(`kexec-layout plan: warning: ${w}\n`);
    mapText = snap.text;
  }
  const checked = await checkText(mapText, fileImportResolver(opts.map ?? null, { maxBytes: opts.maxBytes }), { kernel: opts.kernel });
  const syscalls: Syscall[] = opts.syscall === 'both' ? ['kexec_load', 'kexec_file_load'] : [opts.syscall];
  const plans = planOnMap(checked.file, checked.imports, spec, syscalls, { crash: opts.crash, kernel: opts.kernel });
  if (opts.format === 'json') io.stdout(jsonText(planJson(plans), 2) + '\n');
  else if (opts.format === 'sarif') {
    // One entry per syscall, located in the map file (none for a snapshot of this machine).
    const files = plans.map((p) => ({ path: opts.map ?? '-', diagnostics: p.findings, outcome: { ...planOutcome(p), summary: showText(p.analysis.outcome.summary) }, properties: { syscall: p.syscall } }));
    io.stdout(jsonText(toSarif({ files, unreadable: [], toolVersion: version(), srcRoot: pathToFileURL(process.cwd() + '/').href }), 2) + '\n');
  }
  else io.stdout(planText(plans));
  return plans.some((p) => p.analysis.outcome.load === 'fails' || p.analysis.outcome.jump === 'fatal' || p.analysis.outcome.jump === 'corrupts') ? 1 : 0;
}
