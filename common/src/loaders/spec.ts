// What a `load` asks for, loader-neutral: the image's header fields, the sizes, the command line,
// each either given, read from the file, or a documented default. Explicit values always win over
// the header and over the formulas. Pure data and one resolver.

import type { BzImageHeader } from './bzImageHeader';
import { kern16Size } from './bzImageHeader';

/** The keys of `load bzImage64 …` and the flags of `kexec-layout plan`. Sizes in bytes. */
export interface LoadSpec {
  /** The header read from kernel="PATH" (null: no file, or not a bzImage at all). */
  header?: BzImageHeader | null;
  /** Why the file is not a bzImage64 (bzImage64_probe), already found by the header reader. */
  headerProblems?: string[];
  /** Length of the kernel file (kernel-size=, or the file's size). */
  kernelSize?: bigint;
  initSize?: bigint;
  kernelAlign?: bigint;
  prefAddress?: bigint;
  setupSects?: number;
  initrdSize?: bigint;
  /** cmdline_len: bytes with the terminating NUL (cmdline-size=, or the cmdline="…" text's UTF-8 length + 1). */
  cmdlineLen?: bigint;
  purgatorySize?: bigint;
  efiMapSize?: bigint;
  /** kexec-tools' real-mode data + command line segment (setup-size=). */
  setupSize?: bigint;
  /** Crash loads: the ELF core header segment's memsz (elfcorehdr-size=). */
  elfcorehdrSize?: bigint;
}

/** Defaults: what a current distribution kernel and kexec-tools produce (docs/decisions.md, "Loaders"). */
export const LOAD_DEFAULTS = {
  /** Debian 6.1 cloud kernel: kernel_alignment 2 MiB, pref_address 16 MiB, cmdline_size 2047. */
  kernelAlign: 2n << 20n,
  prefAddress: 0x100_0000n,
  cmdlineSize: 2047n,
  setupSects: 39,
  /** The kernel's x86_64 purgatory memsz (sections plus bss), as the public kexec_file debug logs show it. */
  purgatorySize: 0x5000n,
  /** kexec-tools' x86_64 purgatory memsz, as the public kexec -d log shows it (it carries more code). */
  toolsPurgatorySize: 0x9000n,
  /** No EFI runtime map: a BIOS machine, or efi=noruntime. */
  efiMapSize: 0n,
  /** kexec_file with CRASH_HOTPLUG and MEMORY_HOTPLUG (crash_load_segments): 64 + 56 * (2 + 64 CPUs + 8192 ranges), page-rounded. */
  kernelElfcorehdrSize: 0x71000n,
  /** kexec-tools: memsz is at least 16 KiB (load_crashdump_segments). */
  toolsElfcorehdrSize: 0x4000n,
  /** kexec-tools' crash backup of the first 640 KiB. */
  toolsBackupSize: 0xa0000n,
} as const;

/** A value and where it came from, for the hover and the plan ("init_size 0x3378000 (header)"). */
export interface Sourced<T> { value: T; from: 'given' | 'header' | 'default' | 'formula' | 'none' }

export interface ResolvedLoad {
  kernelSize: Sourced<bigint | null>;
  initSize: Sourced<bigint | null>;
  kernelAlign: Sourced<bigint>;
  prefAddress: Sourced<bigint>;
  setupSects: Sourced<number>;
  /** The header's cmdline_size (2047 when no header says). */
  cmdlineSize: Sourced<bigint>;
  /** Boot protocol version, null without a header. */
  version: number | null;
  initrdSize: bigint | null;
  cmdlineLen: bigint;
  purgatorySize: Sourced<bigint>;
  efiMapSize: Sourced<bigint>;
  setupSize: bigint | null;
  elfcorehdrSize: bigint | null;
  /** kern16_size = (setup_sects + 1) * 512. */
  kern16Size: bigint;
}

export function resolveLoad(spec: LoadSpec): ResolvedLoad {
  const h = spec.header ?? null;
  const pick = <T>(given: T | undefined, fromHeader: T | undefined, dflt: T): Sourced<T> =>
    given !== undefined ? { value: given, from: 'given' } : fromHeader !== undefined ? { value: fromHeader, from: 'header' } : { value: dflt, from: 'default' };
  const setupSects = pick(spec.setupSects, h?.setupSects, LOAD_DEFAULTS.setupSects);
  return {
    kernelSize: spec.kernelSize !== undefined ? { value: spec.kernelSize, from: 'given' } : { value: null, from: 'none' },
    initSize: spec.initSize !== undefined ? { value: spec.initSize, from: 'given' } : h?.initSize !== undefined ? { value: h.initSize, from: 'header' } : { value: null, from: 'none' },
    kernelAlign: pick(spec.kernelAlign, h?.kernelAlignment, LOAD_DEFAULTS.kernelAlign),
    prefAddress: pick(spec.prefAddress, h?.prefAddress, LOAD_DEFAULTS.prefAddress),
    setupSects,
    cmdlineSize: pick(undefined, h?.cmdlineSize, LOAD_DEFAULTS.cmdlineSize),
    version: h ? h.version : null,
    initrdSize: spec.initrdSize ?? null,
    cmdlineLen: spec.cmdlineLen ?? 0n,
    purgatorySize: pick(spec.purgatorySize, undefined, LOAD_DEFAULTS.purgatorySize),
    efiMapSize: pick(spec.efiMapSize, undefined, LOAD_DEFAULTS.efiMapSize),
    setupSize: spec.setupSize ?? null,
    elfcorehdrSize: spec.elfcorehdrSize ?? null,
    kern16Size: kern16Size(setupSects.value),
  };
}
