// Per-architecture constants the checks depend on (kernel.md §6.1).

import type { ArchName } from './types';

export interface ArchInfo {
  name: ArchName;
  /** PAGE_SIZE values the arch can be built with. */
  pageSizes: bigint[];
  /** Default when the layout gives no page-size (the common distribution build). */
  defaultPageSize: bigint;
  /** KEXEC_DESTINATION_MEMORY_LIMIT: sanity_check_segment_list rejects mem + memsz >= this. */
  destLimit: bigint;
  destLimitText: string;
  /** kexec_file places buffers in free memblock ranges (CONFIG_ARCH_KEEP_MEMBLOCK) rather than System RAM resources. */
  memblockPlacement: boolean;
}

const K = 1024n;
const ALL_ONES = (1n << 64n) - 1n;

const TABLE: Record<ArchName, ArchInfo> = {
  // x86_64: MAXMEM - 1 with 4-level paging (MAX_PHYSMEM_BITS = 46); the top page below 64 TiB is never a destination.
  x86_64: { name: 'x86_64', pageSizes: [4n * K], defaultPageSize: 4n * K, destLimit: (1n << 46n) - 1n, destLimitText: 'MAXMEM - 1 = 0x3fff_ffff_ffff (4-level paging)', memblockPlacement: false },
  arm64: { name: 'arm64', pageSizes: [4n * K, 16n * K, 64n * K], defaultPageSize: 4n * K, destLimit: ALL_ONES, destLimitText: '-1UL', memblockPlacement: true },
  riscv64: { name: 'riscv64', pageSizes: [4n * K], defaultPageSize: 4n * K, destLimit: ALL_ONES, destLimitText: '-1UL', memblockPlacement: true },
  ppc64le: { name: 'ppc64le', pageSizes: [4n * K, 64n * K], defaultPageSize: 64n * K, destLimit: ALL_ONES, destLimitText: '-1UL', memblockPlacement: true },
  s390x: { name: 's390x', pageSizes: [4n * K], defaultPageSize: 4n * K, destLimit: ALL_ONES, destLimitText: '-1UL', memblockPlacement: false },
  loongarch64: { name: 'loongarch64', pageSizes: [4n * K, 16n * K, 64n * K], defaultPageSize: 16n * K, destLimit: ALL_ONES, destLimitText: '-1UL', memblockPlacement: true },
};

export function archInfo(name: ArchName): ArchInfo {
  return TABLE[name];
}

/** KEXEC_SEGMENT_MAX. */
export const KEXEC_SEGMENT_MAX = 16;
/** The kernel release whose sanity_check_segment_list() accepts segment destinations (commit caeb8ba598f0). */
export const ACCEPT_AT_LOAD_SINCE = { major: 6, minor: 15 };
