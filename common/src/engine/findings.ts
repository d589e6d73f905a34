// Finding codes, their default severities and kernel errnos (design/diagnostics.md).

import type { Errno, Range, Severity } from './types';

export interface Related { range: Range; message: string }

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  segment?: string;
  errno?: Errno;
  related?: Related[];
}

export const KERNEL_ERRNO: Record<string, Errno> = {
  'kexec/too-many-segments': 'EINVAL',
  'kexec/entry-outside-crashkernel': 'EADDRNOTAVAIL',
  'kexec/address-wrap': 'EADDRNOTAVAIL',
  'kexec/unaligned': 'EADDRNOTAVAIL',
  'kexec/beyond-limit': 'EADDRNOTAVAIL',
  'kexec/overlap': 'EINVAL',
  'kexec/bufsz-exceeds-memsz': 'EINVAL',
  'kexec/too-large': 'EINVAL',
  'kexec/outside-crashkernel': 'EADDRNOTAVAIL',
  'kexec/no-hole': 'EADDRNOTAVAIL',
};

/** Default severity of every code except accept/unaccepted-destination, which depends on the kernel version. */
export const DEFAULT_SEVERITY: Record<string, Severity> = {
  'syntax/unknown-statement': 'error',
  'syntax/unexpected-token': 'error',
  'syntax/invalid-number': 'error',
  'syntax/number-overflow': 'error',
  'syntax/invalid-range': 'error',
  'syntax/unknown-key': 'error',
  'syntax/unknown-type': 'error',
  'syntax/unknown-arch': 'error',
  'syntax/invalid-setting': 'error',
  'syntax/duplicate-setting': 'error',
  'syntax/duplicate-segment': 'error',
  'import/unreadable': 'error',
  'import/skipped-lines': 'information',
  'import/warning': 'warning',
  'import/corrupt': 'error',
  'memory/region-overlap': 'error',
  'memory/crashkernel-outside-ram': 'error',
  'memory/no-crashkernel': 'error',
  'memory/no-map': 'warning',
  'layout/no-segments': 'information',
  ...Object.fromEntries(Object.keys(KERNEL_ERRNO).map((c) => [c, 'error' as Severity])),
  'dest/not-ram': 'error',
  'dest/reserved': 'error',
  'dest/driver-managed': 'error',
  'dest/unknown-memory': 'information',
  'accept/unaccepted-destination': 'warning',
  'accept/guard-unit': 'information',
  'accept/unaligned-range': 'warning',
  'accept/outside-ram': 'warning',
  'accept/crashkernel-unaccepted': 'warning',
  'accept/maybe-unaccepted': 'warning',
  'load/not-bzimage': 'error',
  'load/cmdline-too-long': 'error',
  'load/no-hole': 'error',
  'load/unreadable': 'error',
  'load/size-unknown': 'information',
  'load/invalid-segment': 'error',
  'load/kernel-version': 'information',
};

export const ERRNO_VALUE: Record<Errno, number> = { EPERM: 1, ENOMEM: 12, EINVAL: 22, EADDRNOTAVAIL: 99 };
