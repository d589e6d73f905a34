// One-line Markdown documentation for every word of the layout language and every diagnostic
// code. Pure data: hover and completion look words up here. Each entry states the kernel
// meaning (function, condition, errno) as restated in shared/reference/kernel.md.

/** Statement keywords (the first word of a line). */
export const KEYWORD_DOCS: Record<string, string> = {
  arch:
    'Target architecture: sets `PAGE_SIZE` and `KEXEC_DESTINATION_MEMORY_LIMIT` (`asm/kexec.h`). ' +
    'One of x86_64, arm64, riscv64, ppc64le, s390x, loongarch64; default x86_64.',
  'page-size':
    "The kernel's `PAGE_SIZE` (4K, 16K or 64K as the arch allows). `mem` and `mem + memsz` must be " +
    'multiples of it (`sanity_check_segment_list` pass 1, `-EADDRNOTAVAIL`).',
  kernel:
    'Running kernel version (`6.13`, `6.14-rc2`). From 6.15 `sanity_check_segment_list` calls ' +
    '`accept_memory()` on every destination; before, an unaccepted destination kills the guest.',
  syscall:
    '`kexec_load` (user space picks every `mem`) or `kexec_file_load` (the kernel places buffers with ' +
    '`kexec_add_buffer`). Both end in `sanity_check_segment_list`. Default `kexec_load`.',
  partial:
    'The memory map is an excerpt (an elided dump): memory outside every region is unknown, not a hole. ' +
    'A destination there is `dest/unknown-memory` and the jump is `unknown` unless another finding decides it.',
  crash:
    'A crash (kdump) load: `KEXEC_ON_CRASH` / `KEXEC_FILE_ON_CRASH`. Every segment (and, for ' +
    '`kexec_load`, the entry) must lie inside `crashk_res`, else `-EADDRNOTAVAIL`.',
  entry:
    'Entry point of the new image. For a crash load `kimage_alloc_init` requires ' +
    '`crashk_res.start <= entry <= crashk_res.end` before any segment check, else `-EADDRNOTAVAIL`.',
  'total-ram':
    '`totalram_pages()` in bytes (lazily-unaccepted RAM included). Each segment, and all together, may ' +
    'use at most half of it (pass 4, `-EINVAL`). Default: sum of `ram` regions.',
  region:
    '`region RANGE TYPE ["label"]`: one resource of the physical memory map, as `/proc/iomem` lists it. ' +
    'Regions may nest; a partial overlap is an error.',
  crashkernel:
    '`crashkernel SIZE@OFFSET`: the reservation made by `crashkernel=SIZE@OFFSET` (`crashk_res`); ' +
    'same as `region OFFSET + SIZE crashkernel`.',
  'accept-unit':
    '`unit_size` of the EFI unaccepted-memory table: bytes per bitmap bit (power of two, at least the ' +
    'page size; 2M = `PMD_SIZE` on x86). `accept_memory()` works in whole units. Default 2M.',
  unaccepted:
    'Memory whose bits are set in the unaccepted-memory bitmap now (TDX, SEV-SNP). e820 and ' +
    '`/proc/iomem` show it as RAM; touching it before `accept_memory()` terminates the guest.',
  segment:
    '`segment NAME KEY=VALUE... [FLAG...]`: one `struct kexec_segment` (`buf`, `bufsz`, `mem`, ' +
    '`memsz`), in load order; at most `KEXEC_SEGMENT_MAX` (16).',
  load:
    '`load bzImage64 KEY=VALUE…`: the segments `kexec -s -l` (kernel loader, `syscall kexec_file_load`) or ' +
    '`kexec -l` (kexec-tools, `kexec_load`) would add for this image, placed by that tool\'s rules on this map.',
  'unaccepted-total':
    'How much memory is unaccepted (`/proc/meminfo` `Unaccepted:`), where unknown: a RAM destination may be ' +
    'unaccepted (before 6.15 the jump is then unknown). 0 means nothing is unaccepted.',
  import:
    '`import FORMAT "PATH"`: read regions, unaccepted ranges or segments from `/proc/iomem`, e820 or EFI ' +
    'dmesg, `/sys/firmware/memmap` or `kexec -d` text. PATH is relative to this file.',
};

/** Region types (the word after a `region` range). */
export const REGION_TYPE_DOCS: Record<string, string> = {
  ram:
    '`System RAM` (`IORESOURCE_SYSTEM_RAM`): the only memory kexec may write. The `kexec_file` hole ' +
    'search (`walk_system_ram_res`) places `auto` segments in it.',
  'ram-driver':
    'Driver-managed RAM (`System RAM (kmem)`, virtio-mem, CXL): `IORESOURCE_SYSRAM_DRIVER_MANAGED`, ' +
    'skipped by the `kexec_file` hole search. Not a valid destination.',
  crashkernel:
    '`Crash kernel` (`crashk_res`), inside `ram`. Every segment of a crash load must lie in it ' +
    '(`sanity_check_segment_list` pass 5, `-EADDRNOTAVAIL`). Accepted at boot when reserved.',
  kernel:
    'The running kernel (`Kernel code`, `rodata`, `data`, `bss`), inside `ram`. Informational: ' +
    'destinations are written only at `machine_kexec`, when the old kernel is done.',
  reserved:
    '`Reserved` (e820 type 2): firmware-owned, not RAM. The kernel does not check destinations ' +
    'against it; a segment there corrupts it at the jump.',
  acpi:
    '`ACPI Tables` (e820 type 3, ACPI reclaim; the EFI unaccepted-memory table lives here). Not a ' +
    'valid destination.',
  'acpi-nvs':
    '`ACPI Non-volatile Storage` (e820 type 4): firmware state that must survive. Not a valid ' +
    'destination.',
  pmem:
    '`Persistent Memory` / `Persistent Memory (legacy)` (e820 types 7 and 12): not System RAM; a ' +
    'segment there overwrites stored data.',
  'soft-reserved':
    '`Soft Reserved` (`EFI_MEMORY_SP`, e820 `0xefffffff`): specific-purpose memory left to drivers ' +
    '(dax, CXL). Not a valid destination.',
  unusable: '`Unusable memory` (e820 type 5): firmware marked it bad. Not a valid destination.',
  rom: '`System ROM`, `Video ROM`, `Adapter ROM`: firmware images. Not a valid destination.',
  mmio:
    'Device or bus address space (PCI windows, BARs, `IOAPIC`, ...): not memory. Not a valid ' +
    'destination.',
};

/** Architectures (after `arch`): page sizes and KEXEC_DESTINATION_MEMORY_LIMIT (kernel.md §6.1). */
export const ARCH_DOCS: Record<string, string> = {
  x86_64:
    'x86_64: `PAGE_SIZE` 4 KiB. `KEXEC_DESTINATION_MEMORY_LIMIT` = `MAXMEM - 1` = 2^46 − 1 ' +
    '(2^52 − 1 with 5-level paging); `mem + memsz >=` it fails with `-EADDRNOTAVAIL`.',
  arm64:
    'arm64: `PAGE_SIZE` 4, 16 or 64 KiB (`CONFIG_ARM64_*_PAGES`). `KEXEC_DESTINATION_MEMORY_LIMIT` = ' +
    '`-1UL`: only the 64-bit wrap check applies.',
  riscv64:
    'riscv64: `PAGE_SIZE` 4 KiB. `KEXEC_DESTINATION_MEMORY_LIMIT` = `-1UL`: only the 64-bit wrap ' +
    'check applies.',
  ppc64le:
    'ppc64le: `PAGE_SIZE` 4 or 64 KiB. `KEXEC_DESTINATION_MEMORY_LIMIT` = `-1UL`: only the 64-bit ' +
    'wrap check applies.',
  s390x:
    's390x: `PAGE_SIZE` 4 KiB. `KEXEC_DESTINATION_MEMORY_LIMIT` = `-1UL`: only the 64-bit wrap check ' +
    'applies. Control pages must lie below 2 GiB.',
  loongarch64:
    'loongarch64: `PAGE_SIZE` 4, 16 or 64 KiB. `KEXEC_DESTINATION_MEMORY_LIMIT` = `-1UL`: only the ' +
    '64-bit wrap check applies.',
};

/** System calls (after `syscall`). */
export const SYSCALL_DOCS: Record<string, string> = {
  kexec_load:
    '`kexec_load(entry, nr_segments, segments, flags)`: user space (kexec-tools) chooses every `mem`. ' +
    '`kexec_load_check`, the crash entry check, then `sanity_check_segment_list`.',
  kexec_file_load:
    '`kexec_file_load(kernel_fd, initrd_fd, cmdline_len, cmdline, flags)`: the kernel places each buffer ' +
    '(`kexec_add_buffer`), then runs `sanity_check_segment_list`.',
};

/** Segment keys (before `=` on a `segment` line). */
export const SEGMENT_KEY_DOCS: Record<string, string> = {
  mem:
    'Destination physical address (`struct kexec_segment.mem`); must be page-aligned ' +
    '(`sanity_check_segment_list` pass 1, `-EADDRNOTAVAIL`). `auto`: the `kexec_file` hole search picks it.',
  memsz:
    'Bytes at the destination (`memsz`, required). `mem + memsz` must not wrap, be page-aligned and stay ' +
    'below `KEXEC_DESTINATION_MEMORY_LIMIT` (pass 1, `-EADDRNOTAVAIL`).',
  bufsz:
    'Bytes copied from the source buffer (`bufsz`); the rest of `memsz` is zero-filled. `bufsz > memsz` ' +
    'fails with `-EINVAL` (pass 3). Default: `memsz`.',
  buf:
    'User-space source address (`struct kexec_segment.buf`). Informational: the kernel copies from it ' +
    'at load time (`-EFAULT` if unreadable).',
  align:
    '`auto` only: alignment of the chosen address (`kexec_buf.buf_align`, power of two); ' +
    '`kexec_add_buffer` raises it to at least `PAGE_SIZE`. Default: the page size.',
  min: '`auto` only: lowest allowed first byte, inclusive (`kexec_buf.buf_min`). Default 0.',
  max: '`auto` only: highest allowed last byte, inclusive (`kexec_buf.buf_max`). Default 2^64 − 1.',
};

/** Segment flags (bare words at the end of a `segment` line). */
export const FLAG_DOCS: Record<string, string> = {
  'top-down':
    '`auto` only: `kexec_buf.top_down`. Walk System RAM from the top (`walk_system_ram_res_rev`) and ' +
    'take the highest aligned free slot that ends at or below `max`.',
  'bottom-up':
    '`auto` only (default): walk System RAM upward (`walk_system_ram_res`) and take the lowest aligned ' +
    'free slot that starts at or above `min`.',
};

/** The value `auto` (`mem=auto`; `import auto` is in IMPORT_FORMAT_DOCS). */
export const AUTO_DOC =
  '`mem=auto`: let the kernel choose the destination as `kexec_file_load` does (`kexec_add_buffer` → ' +
  '`kexec_locate_mem_hole`), honouring `align`, `min`, `max` and the direction flag.';

/** Values that are words rather than numbers. */
export const VALUE_DOCS: Record<string, string> = { auto: AUTO_DOC };

/** Import formats (after `import`). */
export const IMPORT_FORMAT_DOCS: Record<string, string> = {
  iomem:
    '`/proc/iomem` text: `start-end : name`, inclusive ends, nesting by two-space indentation. Read ' +
    'without root, every address prints as 0.',
  e820:
    'dmesg `BIOS-e820: [mem 0x…-0x…] TYPE` lines (inclusive ends), then `e820: update` / `remove` lines ' +
    'applied in order. Unaccepted memory shows as `usable`.',
  efi:
    'dmesg `efi: memNN: [TYPE|…] range=[0x…-0x…]` lines (`efi=debug`); type `Unaccepted` becomes ' +
    '`unaccepted`. Old kernels print `range=[A-B)` with an exclusive end.',
  memmap:
    '`/sys/firmware/memmap/*/{start,end,type}` dumped as `start end type` lines; inclusive ends, type ' +
    'names as in `/proc/iomem`.',
  'kexec-debug':
    'Segments from `kexec -d` (`segment[N].mem = …`) and from `kexec_file: segment[N]: buf=… bufsz=… ' +
    'mem=… memsz=…` lines; hashed `%p` buffer values are ignored.',
  crashkernel:
    'Crash-kernel reservations from a boot log (`crashkernel reserved: 0x… - 0x… (N MB)`, `crashkernel low memory ' +
    'reserved: …`, `Reserving N MB of memory at M MB for crashkernel (System RAM: …)`) as `crashkernel` regions.',
  auto: 'Every line is tried with every reader, so a mixed log imports every part: one source of regions (iomem, then ' +
    'memmap, e820, kexec-debug ranges, efi), the crash region, unaccepted ranges and segments. Several copies in one ' +
    'file are never merged: the last is imported, or copy N with `#N` after the path.',
};

/** Every diagnostic code of shared/design/diagnostics.md. */
export const CODE_DOCS: Record<string, string> = {
  // Language
  'syntax/unknown-statement': 'The line starts with no known statement keyword. Not a kernel check.',
  'syntax/unexpected-token':
    "Something does not fit the statement's shape, or a value is missing. Not a kernel check.",
  'syntax/invalid-number':
    'Malformed digits or unit suffix. Numbers are decimal or `0x` hex with `_` between digits; decimal ' +
    'may end in K, M, G, T, P or E (+ `iB`/`B`).',
  'syntax/number-overflow':
    'A value ≥ 2^64, or a range ending past 2^64. (A segment whose `mem + memsz` wraps is ' +
    '`kexec/address-wrap` instead.)',
  'syntax/invalid-range': 'An empty or reversed range (`A .. B` with B ≤ A, `A ..= B` with B < A, `A + 0`).',
  'syntax/unknown-key': 'Unknown segment key or flag. Keys: mem, memsz, bufsz, buf, align, min, max; flags: top-down, bottom-up.',
  'syntax/unknown-type':
    'Unknown region type. Types: ram, ram-driver, crashkernel, kernel, reserved, acpi, acpi-nvs, pmem, ' +
    'soft-reserved, unusable, rom, mmio.',
  'syntax/unknown-arch': 'Unknown `arch`. Known: x86_64, arm64, riscv64, ppc64le, s390x, loongarch64.',
  'syntax/invalid-setting':
    'A value the setting cannot take: a page size the arch lacks, an `accept-unit` or `align` that is not ' +
    'a power of two, a malformed kernel version.',
  'syntax/duplicate-setting': 'A once-only statement appears twice; related information points at the first.',
  'syntax/duplicate-segment': 'Two segments share one name.',
  'import/unreadable': 'The imported file cannot be read; the message carries the OS reason.',
  'import/skipped-lines': 'Lines of the imported file that were not understood (how many, and the first line number).',
  'import/corrupt':
    'The imported map holds entries no kernel prints (end before start, past 2^64, an unknown type, overlapping ' +
    'e820 or EFI entries): the message gives their count and the first line. A verdict on a corrupt map cannot be trusted.',
  'import/warning':
    'The imported file was read, but something in it needs a look (all-zero `/proc/iomem` addresses ' +
    'read without `CAP_SYS_ADMIN`, an incomplete `kexec -d` segment, several loads in one log); the ' +
    "message names the file's line.",

  // Memory map
  'memory/region-overlap':
    'Two regions overlap without one containing the other; `/proc/iomem` resources only nest.',
  'memory/crashkernel-outside-ram':
    'A `crashkernel` region not inside a `ram` region; `crashk_res` is always a child of System RAM.',
  'memory/no-crashkernel':
    'A `crash` load but no `crashkernel` region: without a `crashk_res` reservation the crash image has ' +
    'nowhere to go.',
  'memory/no-map':
    'The layout has no region at all: destinations (and `mem=auto` placement) cannot be checked. One ' +
    'finding instead of one per segment; the jump is `unknown`. Add the map (`import iomem "..."`).',
  'layout/no-segments':
    'Nothing to check: no `segment` (and no `load`). The outcome is `unknown`, never "safe".',

  // Kernel checks
  'kexec/too-many-segments':
    'More than `KEXEC_SEGMENT_MAX` (16) segments: `kexec_load_check` (or `kexec_add_buffer` for ' +
    '`kexec_file_load`) returns `-EINVAL` (22).',
  'kexec/entry-outside-crashkernel':
    'Crash load whose entry is outside `[crashk_res.start, crashk_res.end]`: `kimage_alloc_init` returns ' +
    '`-EADDRNOTAVAIL` (99), before any segment check.',
  'kexec/address-wrap':
    '`mem + memsz` wraps past 2^64: `sanity_check_segment_list` pass 1 (`mstart > mend`) returns ' +
    '`-EADDRNOTAVAIL` (99).',
  'kexec/unaligned':
    '`mem` or `mem + memsz` is not a multiple of `PAGE_SIZE`: `sanity_check_segment_list` pass 1 returns ' +
    '`-EADDRNOTAVAIL` (99).',
  'kexec/beyond-limit':
    '`mem + memsz >= KEXEC_DESTINATION_MEMORY_LIMIT` (x86_64: 2^46 − 1): `sanity_check_segment_list` ' +
    'pass 1 returns `-EADDRNOTAVAIL` (99).',
  'kexec/overlap':
    'Two segments overlap (half-open `[mem, mem + memsz)`; touching is fine): ' +
    '`sanity_check_segment_list` pass 2 returns `-EINVAL` (22).',
  'kexec/bufsz-exceeds-memsz':
    '`bufsz > memsz`: `sanity_check_segment_list` pass 3 returns `-EINVAL` (22). kexec-tools clamps ' +
    '`bufsz` before the call; raw callers do not.',
  'kexec/too-large':
    'A segment, or all together, need more than `totalram_pages() / 2` pages: ' +
    '`sanity_check_segment_list` pass 4 returns `-EINVAL` (22).',
  'kexec/outside-crashkernel':
    'Crash load with a segment not inside `crashk_res` (inclusive bounds): `sanity_check_segment_list` ' +
    'pass 5 returns `-EADDRNOTAVAIL` (99).',
  'kexec/no-hole':
    'No free slot for a `mem=auto` segment within `min`/`max` at `align` in System RAM (crash: ' +
    '`crashk_res`): `kexec_locate_mem_hole` returns `-EADDRNOTAVAIL` (99).',

  // Destinations
  'dest/not-ram':
    'Part of the destination lies in no region (a hole in the map). The kernel does not check this; ' +
    'the copy at `machine_kexec` writes there anyway.',
  'dest/reserved':
    'Destination overlaps reserved, ACPI, NVS, pmem, soft-reserved, unusable, ROM or MMIO memory. Not ' +
    'checked by `sanity_check_segment_list`; the jump corrupts it.',
  'dest/unknown-memory':
    'On a `partial` map, part of the destination lies outside every known region: whether it is RAM is ' +
    'unknown, so the jump is `unknown`. Add the missing part of the map.',
  'dest/driver-managed':
    'Destination overlaps driver-managed RAM (`System RAM (kmem)`), which the `kexec_file` search skips ' +
    '(`IORESOURCE_SYSRAM_DRIVER_MANAGED`); the jump corrupts it.',

  // Acceptance
  'accept/unaccepted-destination':
    'Destination touches unaccepted units. Before 6.15 the guest is terminated when kexec copies the ' +
    'segment; from 6.15 `sanity_check_segment_list` calls `accept_memory()` on it.',
  'accept/guard-unit':
    'The segment ends on a unit boundary, so `accept_memory()` also accepts the next unit (the ' +
    '`load_unaligned_zeropad` guard), and that unit is unaccepted.',
  'accept/unaligned-range':
    'An `unaccepted` range is not unit-aligned: the EFI stub accepts partial units at boot, so only the ' +
    'whole units inside it count.',
  'accept/outside-ram':
    'An `unaccepted` range is not inside `ram`: unaccepted memory is reported as System RAM, so the map ' +
    'or the range is wrong.',
  'accept/crashkernel-unaccepted':
    'An `unaccepted` range overlaps the crash region, which the kernel accepts when it reserves it at ' +
    'boot (memblock allocation).',
  'accept/maybe-unaccepted':
    '`unaccepted-total` says memory is unaccepted but not where, and a destination is in RAM: before 6.15 ' +
    'the jump is `unknown` (warning); from 6.15 it is accepted at load (information).',

  // Loaders (`load`, `kexec-layout plan`)
  'load/not-bzimage':
    'The image is not a loadable bzImage64 (magic, boot protocol < 2.12, no 64-bit entry, not loadable above ' +
    '4 GiB, or truncated): `bzImage64_probe`/`bzImage64_load` return `-ENOEXEC` (8); kexec-tools refuses the file.',
  'load/cmdline-too-long':
    'kexec_file: the command line plus the 30 bytes kept for ` elfcorehdr=` exceeds the header\'s `cmdline_size` ' +
    '(every load): `-EINVAL` (22). kexec-tools: only beyond `cmdline_size`.',
  'load/no-hole':
    'A loader segment finds no place: kexec-tools prints "locate_hole failed"; the kernel\'s `kexec_add_buffer` ' +
    'returns `-EADDRNOTAVAIL` (99). The loader stops there.',
  'load/unreadable': 'The kernel image or initrd a `load` names cannot be read. Nothing is placed.',
  'load/size-unknown':
    'Only the image\'s header is known (a header excerpt), so its length is not: the kernel segment\'s bufsz is ' +
    'taken as its memsz. Placement does not depend on it; `kernel-size=` gives it.',
  'load/invalid-segment': 'kexec-tools\' `valid_memory_range` rejects a placed segment ("Invalid memory segment").',
  'load/kernel-version':
    'No `kernel` line: the kernel loader\'s lower bound for the kernel is `max(pref_address, 1 MiB)` from 6.9 and ' +
    '1 MiB before, and the two give different places.',
};
