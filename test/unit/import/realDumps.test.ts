// Real public dumps (test/fixtures/import/real, each names its source in its first line), one
// table per shape: the imported bytes per region type, the crash region and each segment's
// mem/memsz/bufsz. Expected values are written from the dumps' own lines (ends as printed:
// inclusive `[mem A-B]`/iomem/memmap, exclusive old `A - B (type)`/EFI `[A-B)`), not from the
// importer's output. Types the kernel nests (kernel, mmio, rom) are left out of the byte sums.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';
import type { ImportResult } from '../../../common/src/engine/types';
import { fixture } from './fixtures';

const MiB = 1n << 20n;
const SUMMED = ['ram', 'reserved', 'acpi', 'acpi-nvs', 'unusable', 'soft-reserved', 'ram-driver', 'pmem'];

/** Bytes of an inclusive range as the dump prints it. */
function incl(a: bigint, b: bigint): bigint {
  return b - a + 1n;
}

function bytesByType(r: ImportResult): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const x of r.regions) if (SUMMED.includes(x.type)) out[x.type] = (out[x.type] ?? 0n) + (x.end - x.start);
  return out;
}

function crash(r: ImportResult): [bigint, bigint][] {
  return r.regions.filter((x) => x.type === 'crashkernel').map((x) => [x.start, x.end]);
}

function segs(r: ImportResult): [bigint, bigint, bigint][] {
  return r.segments.map((s) => [s.mem, s.memsz, s.bufsz]);
}

interface Case {
  file: string;
  bytes: Record<string, bigint>;
  /** [start, end exclusive] */
  crash?: [bigint, bigint][];
  /** [mem, memsz, bufsz] */
  segments?: [bigint, bigint, bigint][];
  more?: (r: ImportResult) => void;
}

function run(cases: Case[]): void {
  for (const c of cases) {
    const r = importText(fixture(`real/${c.file}`), 'auto');
    assert.deepEqual(bytesByType(r), c.bytes, `${c.file}: bytes per type`);
    assert.deepEqual(crash(r), c.crash ?? [], `${c.file}: crash region`);
    assert.deepEqual(segs(r), c.segments ?? [], `${c.file}: segments`);
    assert.equal(r.corrupt, undefined, `${c.file}: not corrupt`);
    c.more?.(r);
  }
}

test('real e820 dumps, [mem A-B] and older `A - B (type)` forms', () => {
  run([
    {
      file: 'e820-old-lkml-2006-kasprzak.txt', // exclusive ends
      bytes: {
        ram: 0x9fc00n + (0xfaff0000n - 0x100000n) + (0x300000000n - 0x100000000n),
        reserved: (0xa0000n - 0x9fc00n) + (0x100000n - 0xe0000n) + (0x100000000n - 0xff7c0000n),
        acpi: 0xfafff000n - 0xfaff0000n,
        'acpi-nvs': 0xfb000000n - 0xfafff000n,
      },
    },
    {
      file: 'e820-old-syslog-ubuntu-2008.txt', // syslog prefix; pnp "iomem range" lines are not a map
      bytes: {
        ram: 0x9fc00n + (0x3ffd0000n - 0x100000n),
        reserved: 0x400n + 0x20000n + 0x1000n + (0x100000000n - 0xffb80000n),
        acpi: 0x3ffde000n - 0x3ffd0000n,
        'acpi-nvs': 0x40000000n - 0x3ffde000n,
      },
    },
    {
      // BIOS-e820, then the extended map (setup_data splits), then update/remove; crashkernel=512M.
      file: 'e820-setup-data-crashkernel-ricci-2025.txt',
      bytes: {
        // `e820: update [mem 0x00000000-0x00000fff] usable ==> reserved` takes the first page.
        ram: incl(0x1000n, 0x9fbffn) + incl(0x100000n, 0xbffdffffn) + incl(0x100000000n, 0x13fffffffn),
        reserved: 0x1000n + incl(0x9fc00n, 0x9ffffn) + incl(0xf0000n, 0xfffffn) + incl(0xbffe0000n, 0xbfffffffn) +
          incl(0xfeffc000n, 0xfeffffffn) + incl(0xfffc0000n, 0xffffffffn),
      },
      crash: [[0x9f000000n, 0xbf000000n]], // printed end is exclusive: 512 MB
      more: (r) => assert.equal(r.regions.filter((x) => x.type === 'ram').length, 5), // the setup_data split kept
    },
    {
      // Unaligned ACPI-data ends; the `Nosave address range: A - B` lines after it are not a map.
      file: 'e820-old-lkml-2006-ben-yehuda.txt',
      bytes: {
        ram: 0x99000n + (0xe7f9c640n - 0x100000n) + (0x198000000n - 0x100000000n),
        reserved: (0xa0000n - 0x99000n) + (0x100000n - 0xe0000n) + (0xe8000000n - 0xe7fa6a40n) + (0x100000000n - 0xfec00000n),
        acpi: 0xe7fa6a40n - 0xe7f9c640n,
      },
    },
    {
      file: 'e820-old-lkml-2004-bestel-two-boots.txt', // two attached dmesgs, the same map twice: two copies
      bytes: {
        ram: 0x9fc00n + (0x9ff8000n - 0x100000n),
        reserved: (0xa0000n - 0x9fc00n) + (0x100000n - 0xf0000n),
        'acpi-nvs': 0xa000000n - 0x9ff8000n,
      },
      more: (r) => assert.deepEqual(r.snapshots?.find((s) => s.format === 'e820')?.lines, [8, 37]),
    },
  ]);
});

test('real mixed logs: e820 beside EFI (e820 wins), kexec_file loads, a paste that repeats lines, quoted crashkernel lines', () => {
  run([
    {
      file: 'mixed-efi-e820-kexec-file-weiser-2019.txt',
      bytes: {
        ram: incl(0x1000n, 0x9efffn) + incl(0x100000n, 0x763fafffn) + 0x1000n + incl(0x100000000n, 0x47dffffffn),
        reserved: 0x1000n + incl(0x9f000n, 0xfffffn) + incl(0x763fb000n, 0x79979fffn) + incl(0x79aac000n, 0x7a40dfffn) +
          incl(0x7a40f000n, 0x7fffffffn) + 0x8000000n + 0x11000n + 0x1000n + 0x4000n + 0x1000n + 0x1000000n,
        acpi: incl(0x7997a000n, 0x799f6fffn),
        'acpi-nvs': incl(0x799f7000n, 0x79aabfffn),
      },
      // Two loads in the mail: the last (CONFIG_ARCH_KEEP_MEMBLOCK) is imported by default.
      segments: [[0x47df8e000n, 0x6000n, 0x5000n], [0x47df8c000n, 0x2000n, 0x1240n], [0x469000000n, 0x2497000n, 0x1133888n]],
      more: (r) => {
        assert.equal(r.syscall, 'kexec_file_load'); // the `kexec_file: ` prefix
        assert.equal(r.partial, true); // the mail's "[...]"
        assert.deepEqual(r.snapshots?.find((s) => s.format === 'kexec-debug')?.lines, [11, 26]);
        const first = importText(fixture('real/mixed-efi-e820-kexec-file-weiser-2019.txt'), 'auto', { snapshot: 1 });
        assert.deepEqual(segs(first), [[0x91000n, 0x6000n, 0x5000n], [0x8f000n, 0x2000n, 0x1240n], [0x73000000n, 0x249a000n, 0x1133888n]]);
        // The EFI map alone: Boot/Loader/Conventional are RAM after ExitBootServices, runtime is reserved.
        const efi = importText(fixture('real/mixed-efi-e820-kexec-file-weiser-2019.txt'), 'efi');
        assert.equal(bytesByType(efi).ram, incl(0x0n, 0x9efffn) + incl(0x100000n, 0x763fafffn) + 0x1000n + incl(0x100000000n, 0x47dffffffn));
      },
    },
    {
      file: 'mixed-e820-efi-old-syslog-mint-2015.txt', // two e820 lines pasted twice; the EFI paste stops at mem31
      bytes: {
        ram: 0x8f000n + incl(0x90000n, 0x9dfffn) + incl(0x100000n, 0x1fffffffn) + incl(0x20100000n, 0x98a7dfffn) + 0x1000n +
          incl(0x99bcf000n, 0x99d3dfffn) + incl(0x99ffa000n, 0x99ffffffn) + incl(0x100000000n, 0x15fffffffn),
        reserved: 0x2000n + 0x100000n + incl(0x98a7e000n, 0x98aadfffn) + incl(0x99271000n, 0x99b3ffffn) +
          incl(0x99b40000n, 0x99b8bfffn) /* type 20 */ + incl(0x99b8d000n, 0x99bcefffn) + incl(0x99d3e000n, 0x99ff9fffn) +
          0x1000n + 0x1000n + incl(0xffb00000n, 0xffffffffn),
        acpi: incl(0x98aae000n, 0x98abdfffn),
        'acpi-nvs': 0x1000n + incl(0x98abe000n, 0x99270fffn),
      },
      more: (r) => {
        assert.deepEqual(r.warnings.filter((w) => /repeats/.test(w.message)).map((w) => w.line), [28, 29]);
        assert.equal(r.snapshots, undefined);
      },
    },
    {
      // Serial capture (lines padded with blanks): the setup_data map replaces BIOS-e820 (its five
      // `usable` pieces kept); two EFI prints (the firmware map, then the runtime map from mem00
      // again) and memattr lines, which are not a map.
      file: 'mixed-e820-efi-runtime-map-memattr-sankar-2020.txt',
      bytes: {
        ram: incl(0x0n, 0x9ffffn) + incl(0x100000n, 0x805fffn) + incl(0x808000n, 0x80ffffn) + incl(0x900000n, 0xbe58700fn) +
          incl(0xbe587010n, 0xbe5c1a4fn) + incl(0xbe5c1a50n, 0xbe5e800fn) + incl(0xbe5e8010n, 0xbe5f184fn) +
          incl(0xbe5f1850n, 0xbe933fffn) + incl(0xbe961000n, 0xbea6bfffn) + incl(0xbeb1b000n, 0xbfb9afffn) +
          incl(0xbfbff000n, 0xbfef3fffn),
        reserved: incl(0xbe946000n, 0xbe960fffn) + incl(0xbea6c000n, 0xbeb1afffn) + incl(0xbfb9b000n, 0xbfbf2fffn) +
          incl(0xbfef4000n, 0xbff77fffn) + incl(0xffc00000n, 0xffffffffn),
        acpi: incl(0xbfbf3000n, 0xbfbfafffn),
        'acpi-nvs': incl(0x806000n, 0x807fffn) + incl(0x810000n, 0x8fffffn) + incl(0xbe934000n, 0xbe945fffn) +
          incl(0xbfbfb000n, 0xbfbfefffn) + incl(0xbff78000n, 0xbfffffffn),
      },
      more: (r) => {
        assert.equal(r.regions.length, 22);
        assert.deepEqual(r.snapshots?.find((s) => s.format === 'efi')?.lines, [53, 114]);
        // The runtime map alone: Runtime Code/Data reserved, the rest of it RAM as after ExitBootServices.
        const efi = importText(fixture('real/mixed-e820-efi-runtime-map-memattr-sankar-2020.txt'), 'efi');
        assert.equal(bytesByType(efi).reserved, incl(0xbea6c000n, 0xbeb1afffn) + incl(0xbfb9b000n, 0xbfbeefffn) + incl(0xbfef4000n, 0xbff77fffn));
        assert.equal(bytesByType(efi).ram, bytesByType(r).ram);
      },
    },
    {
      // The same low and high crashkernel lines quoted twice (the first pair wrapped by the mailer,
      // `… 0x000000c01f000000 -` / `0x000000c03f000000 (512 MB)`), a modern `efi: mem22:` line, e820
      // update lines without a map, `......snip...`.
      file: 'mixed-efi-crashkernel-bgrt-li-huafei-2024.txt',
      bytes: { ram: incl(0x51329000n, 0x5cefefffn) }, // EFI Boot Data
      crash: [[0x49000000n, 0x59000000n], [0xc01f000000n, 0xc03f000000n]], // 256 MB low, 512 MB high
      more: (r) => {
        assert.equal(r.partial, true);
        assert.equal(r.arch, 'x86_64');
        assert.deepEqual(r.snapshots?.find((s) => s.format === 'crashkernel')?.lines, [42, 151]);
        const first = importText(fixture('real/mixed-efi-crashkernel-bgrt-li-huafei-2024.txt'), 'auto', { snapshot: 1 });
        assert.deepEqual(crash(first), [[0x49000000n, 0x59000000n], [0xc01f000000n, 0xc03f000000n]]); // the wrapped pair
      },
    },
  ]);
});

test('real EFI maps: old `type=N, attr=`, 19-character names with exclusive ends, elided, a current-form line, a garbage map', () => {
  run([
    {
      file: 'efi-elided-fake-mem-izumi-2015.txt',
      bytes: {
        ram: 0x1000n + 0x1000n + (0x48014000n - 0x47ee6000n) + (0x20a0000000n - 0x100000000n),
        reserved: 0x90000000n - 0x60000000n,
      },
      more: (r) => assert.equal(r.partial, true),
    },
    {
      // Every `type=N, attr=` line wrapped before `range=` by the mailer; mem39 out of order; mem05
      // quoted again in the prose after the map.
      file: 'efi-old-wrapped-hyperv-song-2019.txt',
      bytes: {
        ram: 0xa0000n + (0x7fff2000n - 0x100000n) + (0xf6dfb000n - 0x7fff3000n) + (0xf6eea000n - 0xf6e07000n) +
          (0xf7f9b000n - 0xf6f1b000n) + (0xf8000000n - 0xf7fff000n) + (0x108000000n - 0x100000000n),
        reserved: (0x7fff3000n - 0x7fff2000n) + (0xf6e06000n - 0xf6dfb000n) + (0xf6f1b000n - 0xf6ef2000n) +
          (0xf7ff3000n - 0xf7f9b000n) + (0x100000n - 0xc0000n),
        acpi: (0xf6e07000n - 0xf6e06000n) + (0xf6ef2000n - 0xf6eea000n) + (0xf7ffb000n - 0xf7ff3000n),
        'acpi-nvs': 0xf7fff000n - 0xf7ffb000n,
      },
      more: (r) => {
        assert.equal(r.regions.length, 16);
        assert.deepEqual(r.warnings.map((w) => [w.line, w.message]), [[90, 'repeats the EFI entry of line 18; read once']]);
      },
    },
    {
      // Ubuntu Forums code block; mem48/mem49 (type 0, attr=0x0) come after mem47; MMIO not summed.
      file: 'efi-old-ubuntuforums-lenovo-twist-2013.txt',
      bytes: {
        ram: 0x9c000n + 0x1000n + (0x20000000n - 0x100000n) + (0x40004000n - 0x20200000n) + (0xc7f6d000n - 0x40005000n) +
          (0xd6814000n - 0xc816f000n) + 0x1000n + (0x11e600000n - 0x100000000n),
        reserved: 0x1000n + 0x2000n + 0x200000n + 0x1000n + (0xc816f000n - 0xc7f6d000n) + (0xdae9f000n - 0xd6814000n) +
          (0xc0000n - 0xa0000n) + (0xdfa00000n - 0xdb000000n),
        acpi: 0xdafff000n - 0xdaf9f000n,
        'acpi-nvs': 0xdaf9f000n - 0xdae9f000n,
      },
      more: (r) => assert.deepEqual(r.regions.filter((x) => x.type === 'mmio').map((x) => [x.start, x.end]),
        [[0xf80f8000n, 0xf80f9000n], [0xfed1c000n, 0xfed20000n]]),
    },
    {
      file: 'efi-x86-modern-one-line-helgaas-2023.txt', // 12-character name, inclusive `]` end, quoted in prose
      bytes: { ram: incl(0x0n, 0x7fffn) }, // Boot Code
      more: (r) => assert.equal(r.arch, 'x86_64'),
    },
    {
      file: 'efi-arm64-mirror-abbrev-ma-2025.txt', // arm64 `efi:   0xA-0xB [type|…]`, columns abbreviated `|...|`
      bytes: {
        ram: incl(0x84004000000n, 0x847ffffffffn) + incl(0x85000000000n, 0x85fffffffffn),
        reserved: incl(0x84000000000n, 0x84003ffffffn),
      },
      more: (r) => assert.equal(r.partial, true),
    },
  ]);
  // A kexec'd SEV-SNP guest's garbage EFI map (`[type=N|attr=0x…]`, ranges past 2^64, `(invalid)`):
  // every entry is corrupt, nothing is imported, and the result says so.
  const snp = importText(fixture('real/efi-x86-invalid-entries-snp-kexec-kalra-2024.txt'), 'auto');
  assert.equal(snp.regions.length, 0);
  assert.equal(snp.corrupt?.count, 27);
  assert.equal(snp.corrupt?.line, 9);
  assert.equal(snp.partial, true); // the `..` after mem44
  assert.deepEqual(snp.warnings.map((w) => w.message), ['nothing was imported: every map entry read is corrupt (27, the first at line 9)']);
  // Only the old-format `type=N, attr=0xf` EFI lines of the Mint log: types 1/2/4/7 are RAM,
  // 0 reserved, 10 NVS; the paste stops at mem31.
  const efi = importText(fixture('real/mixed-e820-efi-old-syslog-mint-2015.txt'), 'efi');
  assert.deepEqual(bytesByType(efi), {
    ram: 0x8f000n + (0x9e000n - 0x90000n) + (0x20000000n - 0x100000n) + (0x9847e000n - 0x20100000n),
    reserved: 0x2000n + 0x100000n,
    'acpi-nvs': 0x1000n,
  });
});


test('real /proc/iomem listings: x86 and arm64 with Crash kernel, Soft Reserved and System RAM (kmem), before/after copies', () => {
  run([
    {
      file: 'iomem-x86-crash-karwatzki-2026.txt',
      bytes: {
        ram: incl(0x1000n, 0x9ffffn) + incl(0x100000n, 0x9bfefffn) + incl(0xa001000n, 0xa1fffffn) + incl(0xa20f000n, 0xe6057fffn) +
          incl(0xe614c000n, 0xe868afffn) + incl(0xe868c000n, 0xe9cdefffn) + incl(0xed1ff000n, 0xedffffffn) + incl(0x100000000n, 0x3ee2fffffn),
        reserved: 0x1000n + incl(0xa0000n, 0xfffffn) + incl(0x9bff000n, 0xa000fffn) + incl(0xe6058000n, 0xe614bfffn) + 0x1000n +
          incl(0xe9cdf000n, 0xeb1fdfffn) + incl(0xeb556000n, 0xed1fefffn) + incl(0xee000000n, 0xefffffffn) + 0x1000n + 0x1000n +
          incl(0xfed40000n, 0xfed44fffn) + 0x10000n + incl(0xfedc4000n, 0xfedc9fffn) + 0x3000n + 0x1000n + incl(0x3ee300000n, 0x40fffffffn),
        acpi: incl(0xeb1fe000n, 0xeb25dfffn),
        'acpi-nvs': incl(0xa200000n, 0xa20efffn) + incl(0xeb25e000n, 0xeb555fffn),
      },
      crash: [[0x9c000000n, 0xdc000000n]], // 1 GiB
    },
    {
      // arm64 (no e820 behind it): nested `reserved` is memblock's; two listings, the last imported;
      // the before-listing's quoted-printable soft break leaves a `0000` line that is skipped.
      file: 'iomem-arm64-rzg2m-qp-lad-2025.txt',
      bytes: {
        ram: incl(0x48000000n, 0xbfffffffn) + incl(0x600000000n, 0x67fffffffn),
        reserved: incl(0x496b0000n, 0x4987ffffn) + incl(0xb9eca000n, 0xb9ed8fffn) + incl(0xba000000n, 0xbfffffffn) +
          incl(0x67b140000n, 0x67f5fffffn) + incl(0x67f64d000n, 0x67f64dfffn) + incl(0x67f64e000n, 0x67f6ddfffn) +
          incl(0x67f6df000n, 0x67f6e2fffn) + incl(0x67f6e3000n, 0x67f7e6fffn) + incl(0x67f7e7000n, 0x67f843fffn) +
          incl(0x67f844000n, 0x67fffffffn),
      },
      more: (r) => {
        assert.deepEqual(r.snapshots?.find((s) => s.format === 'iomem')?.lines, [6, 84]);
        const before = importText(fixture('real/iomem-arm64-rzg2m-qp-lad-2025.txt'), 'auto', { snapshot: 1 });
        assert.equal(bytesByType(before).ram, incl(0x48000000n, 0xbfffffffn) + incl(0x600000000n, 0x67fffffffn));
        assert.equal(before.corrupt, undefined);
        assert.deepEqual(before.regions.filter((x) => x.label === '=EF=BF=BD=EF=BF=BD').map((x) => [x.start, x.type]),
          [[0x30000000n, 'mmio'], [0x38000000n, 'mmio'], [0xfe100000n, 'mmio'], [0xfe200000n, 'mmio']]);
      },
    },
    {
      // arm64 with a top-level DT carve-out `reserved` holding `Jailhouse hypervisor` (not summed twice).
      file: 'iomem-arm64-imx8mm-jailhouse-2023.txt',
      bytes: {
        ram: incl(0x40000000n, 0x55ffffffn) + incl(0x58000000n, 0x93bfffffn) + incl(0xb8400000n, 0xbb6fffffn) +
          incl(0xbbc00000n, 0xbfffffffn),
        reserved: incl(0x41cf0000n, 0x4206ffffn) + incl(0x43000000n, 0x4300afffn) + incl(0x6a000000n, 0x91ffffffn) +
          incl(0x93c00000n, 0xb83fffffn) + incl(0xbb700000n, 0xbbbfffffn) + incl(0xbd900000n, 0xbfbfffffn) +
          0x1000n + incl(0xbfc6e000n, 0xbfce5fffn) + 0x2000n + 0x1000n + incl(0xbfceb000n, 0xbfcfefffn) + 0x1000n +
          incl(0xbfd00000n, 0xbfd35fffn) + incl(0xbfd36000n, 0xbfffffffn),
      },
    },
    {
      file: 'iomem-arm64-qemu-crash-kernel-sysinfo-2025.txt', // Markdown fence; Crash kernel nested in System RAM
      bytes: {
        ram: incl(0x40000000n, 0x7fffffffn),
        reserved: incl(0x41c00000n, 0x4208ffffn) + incl(0x48000000n, 0x480fffffn) + incl(0x6ac00000n, 0x6fbfffffn) +
          incl(0x6fd77000n, 0x6fdeefffn) + 0x2000n + incl(0x6fdf3000n, 0x6fdf7fffn) + incl(0x6fdf8000n, 0x6fdfffffn) +
          0x1000n + 0x3000n + incl(0x7fe04000n, 0x7fffffffn),
      },
      crash: [[0x6fe00000n, 0x7fe00000n]], // 256 MiB
    },
    {
      file: 'iomem-soft-reserved-kmem-li-2025.txt', // quoted, with `###` notes
      bytes: {
        'soft-reserved': incl(0x180000000n, 0x1ffffffffn),
        'ram-driver': incl(0x180000000n, 0x1bfffffffn) + incl(0x1c0000000n, 0x1ffffffffn) + incl(0x5d0000000n, 0x64fffffffn),
      },
    },
    {
      file: 'iomem-kmem-before-after-williams-2023.txt', // four listings: the last is imported
      bytes: {
        pmem: incl(0x480000000n, 0x243fffffffn),
        'ram-driver': incl(0x580000000n, 0x243fffffffn),
      },
      more: (r) => assert.deepEqual(r.snapshots?.[0].lines, [6, 12, 19, 25]),
    },
  ]);
});

test('real /sys/firmware/memmap listings: grep "" …/*/*, the ABI document\'s `%016x-%016x (%s)` snippet (end + 1)', () => {
  run([
    {
      file: 'memmap-grep-blog-2025.txt',
      bytes: {
        ram: incl(0x0n, 0x9fbffn) + incl(0x100000n, 0xbff7ffffn) + incl(0x100000000n, 0x103fffffffn),
        reserved: incl(0x9fc00n, 0x9ffffn) + incl(0xf0000n, 0xfffffn) + incl(0xbff80000n, 0xbfffffffn) +
          incl(0xfeffc000n, 0xfeffffffn) + incl(0xfffc0000n, 0xffffffffn),
      },
    },
    {
      // Three listings (before, after a reboot, after the change): the last is imported. The
      // snippet prints `$[ $end +1]`, so the second address is exclusive: adjacent entries touch.
      file: 'memmap-doc-script-dax-kmem-hildenbrand-2020.txt',
      bytes: {
        ram: 0x9fc00n + (0xbffdf000n - 0x100000n) + (0x140000000n - 0x100000000n),
        reserved: (0xa0000n - 0x9fc00n) + (0x100000n - 0xf0000n) + (0xc0000000n - 0xbffdf000n) + (0xff000000n - 0xfeffc000n) +
          (0x100000000n - 0xfffc0000n),
      },
      more: (r) => {
        assert.deepEqual(r.snapshots?.find((s) => s.format === 'memmap')?.lines, [3, 14, 24]);
        const before = importText(fixture('real/memmap-doc-script-dax-kmem-hildenbrand-2020.txt'), 'auto', { snapshot: 1 });
        assert.equal(bytesByType(before).ram, 0x9fc00n + (0xbffdf000n - 0x100000n) + (0x140000000n - 0x100000000n) +
          (0x340000000n - 0x150000000n)); // the kmem range listed as System RAM before the change
        assert.equal(before.corrupt, undefined);
      },
    },
    {
      // An elided /proc/iomem (`[...]`, `[..]`) above the memmap listing: iomem is the region source.
      file: 'memmap-doc-script-virtio-mem-iomem-hildenbrand-2020.txt',
      bytes: {
        ram: incl(0x1000n, 0x9fbffn) + incl(0x100000000n, 0x13fffffffn),
        reserved: 0x1000n + incl(0xfffc0000n, 0xffffffffn),
        'ram-driver': incl(0x140000000n, 0x147ffffffn) + incl(0x340000000n, 0x347ffffffn) + incl(0x348000000n, 0x34fffffffn),
      },
      more: (r) => {
        assert.equal(r.partial, true);
        assert.ok(r.warnings.some((w) => /memmap map .* only the iomem regions are imported/.test(w.message)));
        const memmap = importText(fixture('real/memmap-doc-script-virtio-mem-iomem-hildenbrand-2020.txt'), 'memmap');
        assert.deepEqual(bytesByType(memmap), {
          ram: 0x9fc00n + (0xbffe0000n - 0x100000n) + (0x140000000n - 0x100000000n),
          reserved: (0xa0000n - 0x9fc00n) + (0x100000n - 0xf0000n) + (0xc0000000n - 0xbffe0000n) + (0xff000000n - 0xfeffc000n) +
            (0x100000000n - 0xfffc0000n),
        });
        assert.equal(memmap.corrupt, undefined);
      },
    },
  ]);
});

test('real crashkernel lines: arm64 low + high, wrapped lines beside iomem, x86 `dmesg -T`, riscv64, x86_32', () => {
  run([
    {
      file: 'crashkernel-arm64-low-high-sharma.txt',
      bytes: {},
      crash: [[3560n * MiB, 3816n * MiB], [0xbc5a00000n, 0xbfd000000n]], // 256 MB low at 3560 MB; 886 MB high
    },
    {
      // The dmesg lines (another boot: 786 MB at 654158 MB) lose to the iomem grep, which holds the crash region.
      file: 'crashkernel-arm64-iomem-wrapped-sharma-2020.txt',
      bytes: {},
      crash: [[0xb0000000n, 0xc0000000n], [0xbfcbe00000n, 0xbffd000000n]],
    },
    {
      // Two boots' greps: the second (low + high; the stub's `tmp reserved` block is freed) is imported.
      file: 'crashkernel-arm64-high-low-two-boots-zhen-lei-2022.txt',
      bytes: {},
      crash: [[0xca800000n, 0xd2800000n], [0xd2800000n, 0xf2800000n]], // 128 MB low, 512 MB high
      more: (r) => {
        assert.deepEqual(r.snapshots?.find((s) => s.format === 'crashkernel')?.lines, [5, 11]);
        const first = importText(fixture('real/crashkernel-arm64-high-low-two-boots-zhen-lei-2022.txt'), 'auto', { snapshot: 1 });
        assert.deepEqual(crash(first), [[0x420000000n, 0x440000000n]]);
      },
    },
    {
      file: 'crashkernel-x86-dmesg-T-rhel9.txt',
      bytes: {},
      crash: [[1776n * MiB, 2032n * MiB]],
    },
    {
      // riscv64 generic reservation, quoted three levels deep; the insert_resource() warning after it.
      file: 'crashkernel-riscv-low-high-insert-warn-chen-2023.txt',
      bytes: {},
      crash: [[0xf8000000n, 0x100000000n], [0x177e00000n, 0x277e00000n]], // 128 MB low, 4096 MB high
    },
    {
      // riscv's own `crashkernel: reserved A - B` (end exclusive); the kexec -d after it lists the DT
      // memory as `Memory regions:` `0xA - 0xB : RANGE_… (N)` (inclusive) and fails in locate_hole.
      file: 'crashkernel-riscv-tumbleweed-kexec-d-tesarik-2023.txt',
      bytes: { ram: incl(0x80080000n, 0xffffffffn), reserved: incl(0x80000000n, 0x8007ffffn) },
      crash: [[0xd7400000n, 0xf7400000n]], // 512 MB
      more: (r) => assert.ok(r.warnings.some((w) => /locate_hole failed/.test(w.message))),
    },
    {
      file: 'crashkernel-x86-32-larger-than-ram-ruan-2024.txt', // the printed 4096 MB, past the 1 GB guest's RAM
      bytes: {},
      crash: [[0x20000000n, 0x120000000n]],
    },
  ]);
});

test('real kexec -d (kexec-tools) segment lists: failures, hand-retyped and annotated lists', () => {
  run([
    {
      file: 'kexec-d-loongarch-kdump-eaddrnotavail.txt',
      bytes: {},
      segments: [[0x200000n, 0x3344000n, 0x322bc00n], [0xb0040000n, 0x218c000n, 0x2189e00n],
        [0xb21cc000n, 0x4000n, 0x200n], [0xecdfc000n, 0x4000n, 0x2000n]],
      more: (r) => {
        assert.equal(r.arch, 'loongarch64'); // flags 0x1020001: KEXEC_ARCH 258 | KEXEC_ON_CRASH
        assert.equal(r.crash, true);
        assert.ok(r.warnings.some((w) => /Cannot assign requested address/.test(w.message)));
      },
    },
    {
      // MEMORY RANGES (RANGE_* numbers), then the same map as kexec-tools' E820 memmap (read once).
      file: 'kexec-d-x86-memory-ranges-ricci-2025.txt',
      bytes: {
        ram: incl(0x400n, 0x9fbffn) + incl(0x100000n, 0xbffdffffn) + incl(0x100000000n, 0x13fffffffn),
        reserved: incl(0x9fc00n, 0x9ffffn) + incl(0xf0000n, 0xfffffn) + incl(0xbffe0000n, 0xbfffffffn) +
          incl(0xfeffc000n, 0xfeffffffn) + incl(0xfffc0000n, 0xffffffffn),
      },
      segments: [[0x100000n, 0x1000n, 0x30n], [0x13d855000n, 0x7ab000n, 0x7aae28n], [0x13e000000n, 0x1feb000n, 0x8a5340n],
        [0x13fff2000n, 0x5000n, 0x4291n], [0x13fff7000n, 0x9000n, 0x70e0n]],
      more: (r) => {
        assert.equal(r.arch, 'x86_64'); // flags 0x3e0000: KEXEC_ARCH_X86_64
        assert.equal(r.entry, 0x13fff7760n);
        assert.equal(r.crash, false);
      },
    },
    {
      // ARM32 (KEXEC_ARCH 40, not modelled): reserved ranges (1) listed inside the RAM range (0);
      // the `...` in the pasted boot log after it marks the excerpt partial.
      file: 'kexec-d-arm32-ls1021a-reserved-yu-chen-2019.txt',
      bytes: {
        ram: incl(0x80000000n, 0xbfffffffn),
        reserved: incl(0x80003000n, 0x80007fffn) + incl(0x80e00000n, 0x80ffffffn) + incl(0x810c45a4n, 0x810c4fffn) +
          incl(0x81ac4000n, 0x85159fffn) + incl(0x8515a000n, 0x8515ffffn) + incl(0x88000000n, 0x8b695fffn) +
          incl(0x8f000000n, 0x8f004fffn) + incl(0xaf709000n, 0xaf7eafffn) + incl(0xaf7ed000n, 0xafffbfffn) +
          incl(0xafffc000n, 0xafffcfffn) + incl(0xafffd000n, 0xafffffffn) + incl(0xbc000000n, 0xbfffffffn),
      },
      segments: [[0x80008000n, 0x318000n, 0x317a78n], [0x80f7f000n, 0x3696000n, 0x3695e40n], [0x84615000n, 0x6000n, 0x5090n]],
      more: (r) => {
        assert.equal(r.entry, 0x80008000n);
        assert.equal(r.partial, true);
        assert.ok(r.warnings.some((w) => /KEXEC_ARCH 40/.test(w.message)));
      },
    },
    {
      file: 'kexec-d-arm32-socfpga-aggelis-2019.txt', // one RAM range; `Kernel:`/`DT    :` placement lines are not segments
      bytes: { ram: incl(0x0n, 0x3fffffffn) },
      segments: [[0x8000n, 0x4a6000n, 0x4a55ccn], [0x1799000n, 0x8000n, 0x7cf4n]],
      more: (r) => assert.equal(r.entry, 0x8000n),
    },
    {
      file: 'kexec-d-arm64-rpi4-ebusy.txt', // `segment[1.bufsz`, `mem = 3d97000` (hex without 0x)
      bytes: {},
      segments: [[0x80000n, 0x19ca000n, 0x1951a99n], [0x1a4a000n, 0x234d000n, 0x234c800n],
        [0x3d97000n, 0x6000n, 0x521bn], [0x3d9d000n, 0x4000n, 0x3458n]],
      more: (r) => assert.equal(r.arch, 'arm64'),
    },
    {
      file: 'kexec-d-arm64-annotated-blog.txt', // `#…` notes after values
      bytes: {},
      segments: [[0x40080000n, 0xce4000n, 0xc89200n], [0x40d64000n, 0x2000n, 0x1dd6n], [0x40d66000n, 0x4000n, 0x3570n]],
      more: (r) => assert.equal(r.entry, 0x40d666b0n),
    },
    {
      file: 'kexec-d-mips-ps2-oom.txt', // `.mem = 0` printed by %p as 0
      bytes: {},
      segments: [[0x0n, 0x1000n, 0x200n], [0x800000n, 0x8ed000n, 0x3e9120n], [0x10ed000n, 0x1000n, 0x1cdn]],
    },
  ]);
});

test('real kexec_file debug lines (kernel side): arm64 Image loader, a console-cut line replayed, x86 bzImage64', () => {
  run([
    {
      // A kexec_load (the kernel's own `kexec:` lines) then a kexec_file load with its E820 memmap
      // (inclusive ends, e820 type numbers): two copies, the last imported.
      file: 'kexec-file-x86-load-and-file-load-qiang-ma-2025.txt',
      bytes: {
        ram: incl(0x0n, 0x9ffffn) + incl(0x100000n, 0x811fffn) + incl(0x813000n, 0xbee38fffn) + incl(0xbeec3000n, 0xbf8ecfffn) +
          incl(0xbfbff000n, 0xbff7bfffn) + incl(0x100000000n, 0x23fffffffn),
        reserved: incl(0x812000n, 0x812fffn) + incl(0xbee39000n, 0xbeec2fffn) + incl(0xbf8ed000n, 0xbfb6cfffn) +
          incl(0xbff7c000n, 0xbfffffffn) + incl(0xfeffc000n, 0xfeffffffn) + incl(0xffc00000n, 0xffffffffn),
        acpi: incl(0xbfb6d000n, 0xbfb7efffn),
        'acpi-nvs': incl(0xbfb7f000n, 0xbfbfefffn),
      },
      segments: [[0x23fffb000n, 0x5000n, 0x4000n], [0x23fff9000n, 0x2000n, 0x12d0n], [0x23d400000n, 0x2ab7000n, 0xd73400n],
        [0x23bd0b000n, 0x16f5000n, 0x16f40a8n]],
      more: (r) => {
        assert.equal(r.syscall, 'kexec_file_load');
        assert.equal(r.arch, 'x86_64');
        assert.equal(r.entry, 0x23fffb150n);
        assert.deepEqual(r.segments.map((s) => s.name), ['purgatory', 'boot_params', 'kernel', 'initrd']);
        assert.deepEqual(r.snapshots?.find((s) => s.format === 'kexec-debug')?.lines, [8, 20]);
        const load = importText(fixture('real/kexec-file-x86-load-and-file-load-qiang-ma-2025.txt'), 'auto', { snapshot: 1 });
        assert.deepEqual(segs(load), [[0x100000n, 0x1000n, 0x70n], [0x101000n, 0x1000n, 0x140n], [0x102000n, 0x1000n, 0x30n],
          [0x23bd0b000n, 0x16f5000n, 0x16f40a8n], [0x23d400000n, 0x2ab7000n, 0xd73400n], [0x23fff1000n, 0x6000n, 0x50dcn],
          [0x23fff7000n, 0x9000n, 0x70e0n]]);
        assert.equal(load.syscall, 'kexec_load'); // the `kexec: ` prefix
        assert.equal(load.entry, 0x23fff7700n);
        assert.equal(load.crash, false); // flags:0x3e0010
      },
    },
    {
      // IMA buffer as segment 0 (no `Loaded` line names it); the E820 memmap cut with `.....snip`.
      file: 'kexec-file-x86-sr850-ima-baoquan-he-2024.txt',
      bytes: {
        ram: incl(0x0n, 0x3dfffn) + incl(0x100000000n, 0x403fffffffn),
        reserved: incl(0x3e000n, 0x3ffffn) + incl(0xff000000n, 0xffffffffn),
      },
      segments: [[0x71435000n, 0x1000n, 0x59en], [0x71430000n, 0x5000n, 0x4000n], [0x7142c000n, 0x2000n, 0x1320n],
        [0x6d000000n, 0x3c4c000n, 0xcc6200n], [0x6ac0f000n, 0x23f1000n, 0x23f0175n]],
      more: (r) => {
        assert.equal(r.partial, true);
        assert.equal(r.syscall, 'kexec_file_load');
        assert.equal(r.entry, 0x714301a0n);
        assert.deepEqual(r.segments.map((s) => s.name), [undefined, 'purgatory', 'boot_params', 'kernel', 'initrd']);
      },
    },
    {
      file: 'kexec-file-arm64-ima-he-2025.txt',
      bytes: {},
      segments: [[0xff206000n, 0x1000n, 0x0n], [0x80400000n, 0x48b0000n, 0x48b0000n],
        [0x84cb0000n, 0x25ed000n, 0x25ec426n], [0xff400000n, 0x1000n, 0x39en]],
      more: (r) => {
        assert.equal(r.syscall, 'kexec_file_load');
        assert.deepEqual(r.segments.map((s) => s.name), [undefined, 'kernel', 'initrd', 'dtb']); // named by the Loaded lines
        assert.equal(r.snapshots, undefined); // the replayed segment[3] is one load, not two
      },
    },
  ]);
});
