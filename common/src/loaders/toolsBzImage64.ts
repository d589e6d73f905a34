// kexec-tools' x86_64 bzImage path for kexec_load (kexec/arch/x86_64/kexec-bzImage64.c
// do_bzImage64_load; kexec/arch/i386/x86-linux-setup.c for the initrd and setup_data; crash:
// kexec/arch/i386/crashdump-x86.c load_crashdump_segments): the segments in the order it adds
// them, each placed by the model of its locate_hole on the ranges it reads.

import type { MemoryMap, Region } from '../engine/memoryMap';
import { hex, human } from '../engine/format';
import { M64 } from '../engine/u64';
import type { ResolvedLoad } from './spec';
import { LOAD_DEFAULTS } from './spec';
import { toolsMemoryRanges, toolsLocateHole, toolsValidMemoryRange, type ToolsSegment } from './toolsHole';
import type { LoaderFinding, LoaderResult, LoaderRole, LoaderSegment } from './types';
import { sizeUnknownNotes } from './kernelBzImage64';

const KERN32_BASE = 0x100000n;
const INITRD_BASE = 0x1000000n;
const PURGATORY_CMDLINE_SIZE = 64n;
const ULONG_MAX = M64;
/** load_crashdump_segments aligns the backup and ELF header segments to 1 KiB (raised to a page by locate_hole). */
const CRASH_ALIGN = 1024n;
/** " elfcorehdr=NNNNNK": what cmdline_add_elfcorehdr appends on a crash load (at most). */
const ELFCOREHDR_ARG = 30n;

export interface ToolsLoaderInput {
  load: ResolvedLoad;
  map: MemoryMap;
  crashRegion: Region | null;
  crash: boolean;
  pageSize: bigint;
  headerProblems: string[];
}

/** kexec-tools' setup segment: max(4096, kern16_size) + cmdline_len + PURGATORY_CMDLINE_SIZE (do_bzImage64_load). */
export function toolsSetupSize(kern16: bigint, cmdlineLen: bigint): bigint {
  return (kern16 < 4096n ? 4096n : kern16) + cmdlineLen + PURGATORY_CMDLINE_SIZE;
}

export function runToolsBzImage64(input: ToolsLoaderInput): LoaderResult {
  const { load, pageSize: ps } = input;
  const findings: LoaderFinding[] = [];
  const segments: LoaderSegment[] = [];
  const result: LoaderResult = { tool: 'kexec-tools', syscall: 'kexec_load', segments, findings, failed: null, entry: null };
  const die = (f: Omit<LoaderFinding, 'severity' | 'errno'>) => { const x: LoaderFinding = { severity: 'error', errno: null, ...f }; findings.push(x); result.failed = x; return result; };

  // bzImage64_probe (kexec-tools): magic, protocol >= 2.12, LOADED_HIGH, XLF_KERNEL_64, above-4G → "Cannot determine the file type".
  if (input.headerProblems.length) {
    return die({ code: 'load/not-bzimage', key: 'kernel', message: `kexec-tools does not recognise the kernel image as a bzImage64 (${input.headerProblems[0]}); kexec -l says "Cannot determine the file type of" the image` });
  }
  // do_bzImage64_load: kernel_len < kern16_size → "BzImage truncated?".
  if (load.kernelSize.value !== null && load.kernelSize.value < load.kern16Size) {
    return die({ code: 'load/not-bzimage', key: 'kernel', message: `the kernel image is ${load.kernelSize.value} bytes, shorter than its ${load.kern16Size}-byte setup area: kexec-tools says "BzImage truncated?" and stops` });
  }
  // do_bzImage64_load: command_line_len > cmdline_size → refused (only beyond cmdline_size; no elfcorehdr room).
  if (load.cmdlineLen > load.cmdlineSize.value) {
    return die({ code: 'load/cmdline-too-long', key: 'cmdline', message: `the command line is ${load.cmdlineLen} bytes, more than the header's cmdline_size ${load.cmdlineSize.value}: kexec-tools refuses it ("Kernel command line too long for kernel!")` });
  }
  if (load.initSize.value === null) {
    return die({ code: 'load/size-unknown', key: 'init-size', message: 'the kernel segment\'s size is unknown: give kernel="PATH" (the header\'s init_size) or init-size=' });
  }
  sizeUnknownNotes(load, findings);

  // get_memory_ranges; a crash load narrows mem_min/mem_max to the (last) Crash kernel range.
  const ranges = toolsMemoryRanges(input.map);
  let memMin = 0n, memMax = ULONG_MAX;
  if (input.crash) {
    if (!input.crashRegion) return die({ code: 'load/no-hole', key: 'crash', message: 'a crash load needs the crash kernel region: kexec-tools says "No crash kernel segment found in /proc/iomem" (get_crash_kernel_load_range failed)' });
    memMin = input.crashRegion.start; memMax = input.crashRegion.end - 1n;
  }
  const placed: ToolsSegment[] = [];
  const names = new Map<LoaderRole, number>();
  const nameOf = (role: LoaderRole) => { const n = (names.get(role) ?? 0) + 1; names.set(role, n); return n === 1 ? role : `${role}_${n}`; };
  const add = (role: LoaderRole, bufsz: bigint, memszIn: bigint, align: bigint, min: bigint, max: bigint, topDown: boolean, rule: string): boolean => {
    const name = nameOf(role);
    // add_buffer_phys_virt: sort_segments, memsz = _ALIGN(memsz, pagesize), locate_hole.
    const memsz = (memszIn + ps - 1n) & ~(ps - 1n);
    const hole = toolsLocateHole(ranges, placed, memsz, align, min, max, topDown, memMin, memMax, ps);
    const seg: LoaderSegment = { role, name, mem: hole.base, memsz, bufsz: bufsz > memsz ? memsz : bufsz, align, min, max, topDown, rule };
    segments.push(seg);
    if (hole.base === null) {
      die({ code: 'load/no-hole', segment: name, message: `kexec-tools: no hole for the ${name} segment (${human(memsz)}, align ${human(align < ps ? ps : align)}, min ${hex(min)}${max !== ULONG_MAX ? `, max ${hex(max)}` : ''}${input.crash ? ', inside the crash kernel region' : ''}): "${hole.error}" then "locate_hole failed"` });
      return false;
    }
    // add_segment_phys_virt: memsz 0 is dropped; an invalid range dies ("Invalid memory segment").
    if (memsz === 0n) { segments.pop(); return true; }
    if (!toolsValidMemoryRange(ranges, hole.base, (hole.base + memsz - 1n) & M64, memMin, memMax)) {
      die({ code: 'load/invalid-segment', segment: name, message: `kexec-tools: "Invalid memory segment ${hex(hole.base)} - ${hex((hole.base + memsz - 1n) & M64)}" (valid_memory_range)` });
      return false;
    }
    placed.push({ mem: hole.base, memsz });
    return true;
  };

  let cmdlineLen = load.cmdlineLen;
  if (input.crash) {
    // load_crashdump_segments: backup of the first 640 KiB, then the ELF core header, both top-down (min 0, max -1) in the crash region.
    // get_backup_area: the first System RAM range (any line containing "System RAM") ending at or below 0xa0000; else 640 KiB.
    let backupSrc = LOAD_DEFAULTS.toolsBackupSize;
    for (const r of input.map.sorted) {
      if ((r.type === 'ram' || r.type === 'ram-driver') && r.end - 1n <= 0xa0000n) { backupSrc = r.end - r.start; break; }
    }
    const backup = (backupSrc + CRASH_ALIGN - 1n) & ~(CRASH_ALIGN - 1n);
    if (!add('backup', backup, backup, CRASH_ALIGN, 0n, ULONG_MAX, true, `kexec-tools (load_crashdump_segments): backup of the first RAM below 640 KiB (${human(backup)}), top-down in the crash region`)) return result;
    const eh = load.elfcorehdrSize ?? LOAD_DEFAULTS.toolsElfcorehdrSize;
    if (!add('elfcorehdr', eh, eh, CRASH_ALIGN, 0n, ULONG_MAX, true, 'kexec-tools (load_crashdump_segments): elfcorehdr, at least 16 KiB, top-down in the crash region')) return result;
    cmdlineLen += ELFCOREHDR_ARG;
  }
  // elf_rel_build_load(purgatory, min 0x3000, max -1, end -1): top-down.
  const purg = load.purgatorySize.from === 'default' ? LOAD_DEFAULTS.toolsPurgatorySize : load.purgatorySize.value;
  if (!add('purgatory', purg, purg, 16n, 0x3000n, ULONG_MAX, true, `kexec-tools (elf_rel_build_load): purgatory, min 0x3000, top-down${load.purgatorySize.from === 'default' ? ` (size ${human(purg)} is a default: purgatory-size=)` : ''}`)) return result;
  result.entry = segments[segments.length - 1].mem;
  // do_bzImage64_load: real-mode data + command line, align 16, min 0x3000, top-down.
  const setup = load.setupSize ?? toolsSetupSize(load.kern16Size, cmdlineLen);
  if (!add('setup', setup, setup, 16n, 0x3000n, ULONG_MAX, true, `kexec-tools (do_bzImage64_load): real-mode data + command line (${setup} bytes), min 0x3000, top-down`)) return result;
  // do_bzImage64_load: kernel, memsz = _ALIGN(init_size, 4096), align = kernel_alignment, min = max(KERN32_BASE, pref_address), top-down.
  const kmem = (load.initSize.value + 4095n) & ~4095n;
  const pref = load.prefAddress.value;
  const kmin = pref > KERN32_BASE ? pref : KERN32_BASE;
  const kbuf = load.kernelSize.value !== null ? load.kernelSize.value - load.kern16Size : kmem;
  const kalign = load.kernelAlign.value;
  if (!add('kernel', kbuf, kmem, kalign, kmin, ULONG_MAX, true, `kexec-tools (do_bzImage64_load): kernel, min = max(1 MiB, pref_address) = ${hex(kmin)}, align = kernel_alignment ${human(kalign)}, top-down`)) return result;
  // setup_linux_bootloader_parameters_high(initrd_high = 1): align 4096, min INITRD_BASE, max ULONG_MAX, top-down.
  if (load.initrdSize !== null) {
    const sz = load.initrdSize;
    if (!add('initrd', sz, sz, 4096n, INITRD_BASE, ULONG_MAX, true, 'kexec-tools (setup_linux_bootloader_parameters_high): initrd, min 16 MiB, no maximum for bzImage64, top-down')) return result;
  }
  // setup_linux_system_parameters → add_setup_data: page-aligned, from 1 MiB, bottom-up (end INT_MAX):
  // on EFI machines the SETUP_EFI data and the EFI runtime map (setup_efi_data), then the RNG seed (setup_rng_seed).
  const efiMap = load.efiMapSize.value;
  const sdRule = (what: string) => `kexec-tools (add_setup_data): ${what}, page-aligned, min 1 MiB, bottom-up`;
  if (efiMap > 0n) {
    if (!add('setup_data', 16n + 96n, 16n + 96n, ps, KERN32_BASE, ULONG_MAX, false, sdRule('SETUP_EFI setup_data'))) return result;
    if (!add('setup_data', efiMap, efiMap, ps, KERN32_BASE, ULONG_MAX, false, sdRule('EFI runtime memory map (setup_efi_data)'))) return result;
  }
  if (!add('setup_data', 16n + 32n, 16n + 32n, ps, KERN32_BASE, ULONG_MAX, false, sdRule('SETUP_RNG_SEED setup_data'))) return result;
  return result;
}
