// What a loader model returns: the segments it adds, in the order it adds them, each with its
// placement rule and address; and the loader's own refusals, in the order the real tool meets them.

import type { Syscall, Severity } from '../engine/types';

export type LoaderRole = 'backup' | 'elfcorehdr' | 'purgatory' | 'boot_params' | 'setup' | 'kernel' | 'initrd' | 'setup_data';

export interface LoaderSegment {
  role: LoaderRole;
  /** Unique name in the layout (setup_data segments are numbered: setup_data, setup_data_2, …). */
  name: string;
  /** Where the search put it; null when it found no hole (then no later segment is added). */
  mem: bigint | null;
  /** memsz as the syscall receives it (page-rounded). */
  memsz: bigint;
  bufsz: bigint;
  /** The search's constraints as the tool passes them (align before raising to a page). */
  align: bigint;
  min: bigint;
  max: bigint;
  topDown: boolean;
  /** One line for people: "bzImage64: kernel, buf_min = max(pref_address, 1 MiB) = 0x1000000, align 2 MiB, top-down". */
  rule: string;
}

export type LoaderCode = 'load/not-bzimage' | 'load/cmdline-too-long' | 'load/no-hole' | 'load/unreadable' | 'load/size-unknown' | 'load/invalid-segment' | 'load/kernel-version';
export type LoaderErrno = 'ENOEXEC' | 'EINVAL' | 'EADDRNOTAVAIL';

export interface LoaderFinding {
  code: LoaderCode;
  severity: Severity;
  message: string;
  /** kexec_file_load: what the syscall returns. kexec_load: null (kexec-tools dies before the syscall). */
  errno: LoaderErrno | null;
  /** The key the finding is about (kernel, initrd, cmdline, …), for pointing at it. */
  key?: string;
  segment?: string;
}

export interface LoaderResult {
  /** Which model ran: the kernel's (kexec_file_load) or kexec-tools' (kexec_load). */
  tool: 'kernel' | 'kexec-tools';
  syscall: Syscall;
  segments: LoaderSegment[];
  findings: LoaderFinding[];
  /** The refusal that ends the load before the syscall's own checks (first error), or null. */
  failed: LoaderFinding | null;
  /** Where execution starts (kexec-tools: the purgatory; used as `entry` for crash loads). */
  entry: bigint | null;
}

export const LOADER_ROLES: readonly LoaderRole[] = ['backup', 'elfcorehdr', 'purgatory', 'boot_params', 'setup', 'kernel', 'initrd', 'setup_data'];
