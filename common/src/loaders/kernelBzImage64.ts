// The kernel's own bzImage64 loader for kexec_file_load (arch/x86/kernel/kexec-bzimage64.c,
// bzImage64_probe and bzImage64_load; crash: arch/x86/kernel/crash.c crash_load_segments): the
// segments in the order it adds them, each placed by the engine's model of kexec_add_buffer.

import type { MemoryMap, Region } from '../engine/memoryMap';
import { walkRanges, locateHole, Occupancy } from '../engine/placement';
import { hex, human } from '../engine/format';
import { M64 } from '../engine/u64';
import type { KernelVersion } from '../language/ast';
import type { ResolvedLoad } from './spec';
import { LOAD_DEFAULTS } from './spec';
import type { LoaderFinding, LoaderResult, LoaderRole, LoaderSegment } from './types';

export const MIN_PURGATORY_ADDR = 0x3000n;
export const MIN_BOOTPARAM_ADDR = 0x3000n;
export const MIN_KERNEL_LOAD_ADDR = 0x100000n;
export const MIN_INITRD_LOAD_ADDR = 0x1000000n;
export const MAX_ELFCOREHDR_STR_LEN = 30n;
const ELF_CORE_HEADER_ALIGN = 4096n;
const SIZEOF_BOOT_PARAMS = 4096n, SIZEOF_SETUP_DATA = 16n, SIZEOF_EFI_SETUP_DATA = 96n, RNG_SEED_LENGTH = 32n;
const ULONG_MAX = M64;

export interface KernelLoaderInput {
  load: ResolvedLoad;
  map: MemoryMap;
  crashRegion: Region | null;
  crash: boolean;
  memblock: boolean;
  pageSize: bigint;
  kernel: KernelVersion | null;
  headerProblems: string[];
}

const align16 = (x: bigint) => (x + 15n) & ~15n;

/**
 * bzImage64_load's boot_params segment: ALIGN(sizeof(boot_params) + cmdline_len +
 * MAX_ELFCOREHDR_STR_LEN, 16) + ALIGN(efi_map_sz, 16) + setup_data + efi_setup_data + setup_data +
 * RNG_SEED_LENGTH (a kernel built without IMA_KEXEC, KEXEC_HANDOVER and a forced DTB).
 */
export function kernelBootParamsSize(cmdlineLen: bigint, efiMapSize: bigint): bigint {
  return align16(SIZEOF_BOOT_PARAMS + cmdlineLen + MAX_ELFCOREHDR_STR_LEN) + align16(efiMapSize) + SIZEOF_SETUP_DATA + SIZEOF_EFI_SETUP_DATA + SIZEOF_SETUP_DATA + RNG_SEED_LENGTH;
}

export function runKernelBzImage64(input: KernelLoaderInput): LoaderResult {
  const { load, pageSize: ps } = input;
  const findings: LoaderFinding[] = [];
  const segments: LoaderSegment[] = [];
  const result: LoaderResult = { tool: 'kernel', syscall: 'kexec_file_load', segments, findings, failed: null, entry: null };
  const refuse = (f: Omit<LoaderFinding, 'severity'>) => { const x: LoaderFinding = { severity: 'error', ...f }; findings.push(x); result.failed = x; return result; };

  // bzImage64_probe: the first failing header check → -ENOEXEC ("No loader found" from arch_kexec_kernel_image_probe).
  if (input.headerProblems.length) {
    return refuse({ code: 'load/not-bzimage', errno: 'ENOEXEC', key: 'kernel', message: `the kernel image is not a loadable bzImage64: ${input.headerProblems[0]}; kexec_file_load returns -ENOEXEC` });
  }
  // bzImage64_load: kernel_len < kern16_size → -ENOEXEC ("bzImage truncated").
  if (load.kernelSize.value !== null && load.kernelSize.value < load.kern16Size) {
    return refuse({ code: 'load/not-bzimage', errno: 'ENOEXEC', key: 'kernel', message: `the kernel image is ${load.kernelSize.value} bytes, shorter than its ${load.kern16Size}-byte setup area ((setup_sects + 1) * 512): bzImage64_load says "bzImage truncated" and returns -ENOEXEC` });
  }
  // bzImage64_load: cmdline_len > cmdline_size, then cmdline_len + MAX_ELFCOREHDR_STR_LEN > cmdline_size → -EINVAL, on every load.
  const room = load.cmdlineSize.value;
  if (load.cmdlineLen > room) {
    return refuse({ code: 'load/cmdline-too-long', errno: 'EINVAL', key: 'cmdline', message: `the command line is ${load.cmdlineLen} bytes, more than the header's cmdline_size ${room}: bzImage64_load says "Kernel command line too long" and returns -EINVAL` });
  }
  if (load.cmdlineLen + MAX_ELFCOREHDR_STR_LEN > room) {
    return refuse({ code: 'load/cmdline-too-long', errno: 'EINVAL', key: 'cmdline', message: `the command line is ${load.cmdlineLen} bytes; with the 30 bytes bzImage64_load keeps for " elfcorehdr=0x…" (on every load, not only crash loads) it exceeds cmdline_size ${room}: -EINVAL; shorten it to ${room - MAX_ELFCOREHDR_STR_LEN} bytes (NUL included)` });
  }
  if (load.initSize.value === null) {
    return refuse({ code: 'load/size-unknown', errno: null, key: 'init-size', message: 'the kernel segment\'s size is unknown: give kernel="PATH" (the header\'s init_size) or init-size=' });
  }
  sizeUnknownNotes(load, findings);

  const occ = new Occupancy();
  const version69 = input.kernel === null || input.kernel.major > 6 || (input.kernel.major === 6 && input.kernel.minor >= 9);
  const add = (role: LoaderRole, name: string, memsz: bigint, bufsz: bigint, align: bigint, min: bigint, max: bigint, topDown: boolean, rule: string): boolean => {
    // kexec_add_buffer → kexec_locate_mem_hole → the walker (crash images: only crashk_res) → locate_mem_hole_callback.
    const ranges = walkRanges(input.map, { crash: input.crashRegion, crashLoad: input.crash, memblock: input.memblock, topDown });
    const hole = locateHole(ranges, { memsz, align, bufMin: min, bufMax: max, topDown }, ps, occ);
    segments.push({ role, name, mem: hole.mem, memsz: hole.memsz, bufsz, align, min, max, topDown, rule });
    if (hole.mem === null) {
      refuse({ code: 'load/no-hole', errno: 'EADDRNOTAVAIL', segment: name, message: `bzImage64 (kexec_file): no hole for the ${name} segment (${human(hole.memsz)}, align ${human(hole.align)}, min ${hex(min)}) in ${input.crash ? 'the crash kernel region' : 'System RAM'}: kexec_add_buffer returns -EADDRNOTAVAIL and the loader stops` });
      return false;
    }
    occ.add({ mem: hole.mem, memsz: hole.memsz });
    return true;
  };

  // crash_load_segments: the ELF core header, bottom-up, align ELF_CORE_HEADER_ALIGN, searched only in crashk_res.
  if (input.crash) {
    const sz = load.elfcorehdrSize ?? LOAD_DEFAULTS.kernelElfcorehdrSize;
    if (!add('elfcorehdr', 'elfcorehdr', sz, sz, ELF_CORE_HEADER_ALIGN, 0n, ULONG_MAX, false, 'bzImage64 (kexec_file, crash_load_segments): elfcorehdr, align 4 KiB, bottom-up in the crash region')) return result;
  }
  // kexec_load_purgatory: pbuf buf_min = MIN_PURGATORY_ADDR, top-down.
  const purg = load.purgatorySize.value;
  if (!add('purgatory', 'purgatory', purg, purg, 16n, MIN_PURGATORY_ADDR, ULONG_MAX, true, `bzImage64 (kexec_file): purgatory, buf_min = 0x3000, top-down${load.purgatorySize.from === 'default' ? ` (size ${human(purg)} is a default: purgatory-size=)` : ''}`)) return result;
  result.entry = segments[segments.length - 1].mem;
  // bzImage64_load: boot_params + command line + EFI map + setup_data, buf_align 16, buf_min = MIN_BOOTPARAM_ADDR, top-down.
  const bp = kernelBootParamsSize(load.cmdlineLen, load.efiMapSize.value);
  if (!add('boot_params', 'boot_params', bp, bp, 16n, MIN_BOOTPARAM_ADDR, ULONG_MAX, true, `bzImage64 (kexec_file): boot_params + command line + EFI map + setup_data (${bp} bytes), buf_min = 0x3000, top-down`)) return result;
  // bzImage64_load: kernel, memsz = PAGE_ALIGN(init_size), buf_align = kernel_alignment, buf_min = max(pref_address, 1 MiB) since 6.9 (1 MiB before).
  const initSize = load.initSize.value;
  const kmem = (initSize + ps - 1n) & ~(ps - 1n);
  const pref = load.prefAddress.value;
  const kmin = version69 ? (pref < MIN_KERNEL_LOAD_ADDR ? MIN_KERNEL_LOAD_ADDR : pref) : MIN_KERNEL_LOAD_ADDR;
  const kbuf = load.kernelSize.value !== null ? load.kernelSize.value - load.kern16Size : kmem;
  const kalign = load.kernelAlign.value;
  const minText = version69 ? `max(pref_address, 1 MiB) = ${hex(kmin)}${input.kernel === null ? ' (6.9+; 1 MiB before: add a kernel line)' : ''}` : '1 MiB (before 6.9)';
  // No kernel line: the 6.9+ bound is used; say where a kernel before 6.9 (buf_min 1 MiB) would put it, when that differs.
  if (input.kernel === null && kmin !== MIN_KERNEL_LOAD_ADDR) {
    const ranges = walkRanges(input.map, { crash: input.crashRegion, crashLoad: input.crash, memblock: input.memblock, topDown: true });
    const before = locateHole(ranges, { memsz: kmem, align: kalign, bufMin: MIN_KERNEL_LOAD_ADDR, bufMax: ULONG_MAX, topDown: true }, ps, occ);
    const now = locateHole(ranges, { memsz: kmem, align: kalign, bufMin: kmin, bufMax: ULONG_MAX, topDown: true }, ps, occ);
    if (before.mem !== now.mem) {
      findings.push({ code: 'load/kernel-version', severity: 'information', errno: null, key: 'kernel', segment: 'kernel', message: `no kernel line: the kernel segment is placed by the 6.9+ rule (buf_min = pref_address ${hex(kmin)}) at ${now.mem === null ? 'no hole' : hex(now.mem)}; a kernel before 6.9 (buf_min 1 MiB) would place it at ${before.mem === null ? 'no hole' : hex(before.mem)}. Add a kernel line to decide` });
    }
  }
  if (!add('kernel', 'kernel', kmem, kbuf, kalign, kmin, ULONG_MAX, true, `bzImage64 (kexec_file): kernel, memsz = PAGE_ALIGN(init_size), buf_min = ${minText}, align = kernel_alignment ${human(kalign)}, top-down`)) return result;
  // bzImage64_load: initrd, buf_align = PAGE_SIZE, buf_min = MIN_INITRD_LOAD_ADDR, top-down.
  if (load.initrdSize !== null) {
    const sz = load.initrdSize;
    if (!add('initrd', 'initrd', sz, sz, ps, MIN_INITRD_LOAD_ADDR, ULONG_MAX, true, 'bzImage64 (kexec_file): initrd, buf_min = 16 MiB, align = PAGE_SIZE, top-down')) return result;
  }
  return result;
}

/** An image shorter than its setup area may be a header excerpt: the loader would refuse a truncated file, so say what decides it. */
export function sizeUnknownNotes(load: ResolvedLoad, findings: LoaderFinding[]): void {
  if (load.kernelSize.value === null) {
    findings.push({ code: 'load/size-unknown', severity: 'information', errno: null, key: 'kernel', message: 'the kernel file\'s length is unknown (only the header is known), so the kernel segment\'s bufsz is taken as its memsz; placement does not depend on it. Give kernel-size= (the file\'s length) to check it too' });
  }
}
