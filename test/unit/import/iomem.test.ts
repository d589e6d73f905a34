import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';
import { iomemType } from '../../../common/src/import/iomem';
import { load, regions } from './fixtures';

const MiB = 1n << 20n;

test('iomem old: lower-case reserved, nested ROMs, kernel and crash children, inclusive ends', () => {
  const r = load('iomem-old.txt', 'iomem');
  assert.equal(r.format, 'iomem');
  assert.equal(r.linesRead, 25);
  assert.equal(r.skipped.length, 0);
  assert.equal(r.regions.length, 24);
  const got = regions(r);
  assert.deepEqual(got[0], [0x0n, 0x10000n, 'reserved', 'reserved', 2]);
  assert.deepEqual(got[1], [0x10000n, 0x9f400n, 'ram', 'System RAM', 3]);
  assert.deepEqual(got[3], [0xa0000n, 0xc0000n, 'mmio', 'PCI Bus 0000:00', 5]);
  assert.deepEqual(got[4], [0xc0000n, 0xc8000n, 'rom', 'Video ROM', 6]);
  assert.deepEqual(got[6], [0xca000n, 0xcb000n, 'rom', 'Adapter ROM', 8]);
  assert.deepEqual(got[10], [0x100000n, 0x7fee0000n, 'ram', 'System RAM', 12]);
  // Kernel ranges are not page aligned and stay exact.
  assert.deepEqual(got[11], [0x1000000n, 0x1520fa5n, 'kernel', 'Kernel code', 13]);
  assert.deepEqual(got[12], [0x1520fa5n, 0x1c0e450n, 'kernel', 'Kernel data', 14]);
  assert.deepEqual(got[14], [0x3000000n, 0xb100000n, 'crashkernel', 'Crash kernel', 16]);
  assert.deepEqual(got[15], [0x7fee0000n, 0x7feff000n, 'acpi', 'ACPI Tables', 17]);
  assert.deepEqual(got[16], [0x7feff000n, 0x7ff00000n, 'acpi-nvs', 'ACPI Non-volatile Storage', 18]);
  // Children of non-RAM keep their own type: IOAPIC under reserved, reserved under Local APIC.
  assert.deepEqual(got[20], [0xfec00000n, 0xfec00400n, 'mmio', 'IOAPIC 0', 22]);
  assert.deepEqual(got[22], [0xfee00000n, 0xfee01000n, 'reserved', 'reserved', 24]);
  assert.deepEqual(got[23], [0xfffe0000n, 0x100000000n, 'reserved', 'reserved', 25]);
  assert.equal(r.arch, undefined);
  assert.equal(r.crash, undefined); // a Crash kernel range says nothing about this load
});

test('iomem modern: addresses wider than 8 digits, Kernel rodata', () => {
  const r = load('iomem-modern.txt', 'iomem');
  const got = regions(r);
  assert.equal(got.length, 10);
  assert.deepEqual(got[5], [0x100000000n, 0x72e300000n, 'ram', 'System RAM', 7]);
  assert.deepEqual(got[7], [0x38b800000n, 0x38c533000n, 'kernel', 'Kernel rodata', 9]);
  assert.deepEqual(got[8], [0x38c600000n, 0x38c88cf80n, 'kernel', 'Kernel data', 10]);
});

test('iomem zeroed: read without CAP_SYS_ADMIN gives a warning and no regions', () => {
  const r = load('iomem-zeroed.txt', 'iomem');
  assert.equal(r.regions.length, 0);
  assert.equal(r.skipped.length, 0);
  assert.deepEqual(r.warnings, [{
    line: 2,
    message: 'addresses are all zero: /proc/iomem was read without CAP_SYS_ADMIN; run as root',
  }]);
});

test('iomem with a single real range among zeros is not called zeroed', () => {
  const r = importText('00000000-00000000 : reserved\n00001000-0009ffff : System RAM\n', 'iomem');
  assert.equal(r.warnings.length, 0);
  assert.equal(r.regions.length, 2);
});

test('iomem CXL/kmem: System RAM under dax or Soft Reserved is driver-managed', () => {
  const r = load('iomem-cxl-kmem.txt', 'iomem');
  const got = regions(r);
  assert.deepEqual(got.map((g) => g[2]), [
    'reserved', 'ram', 'ram', 'kernel',
    'mmio', 'soft-reserved', 'mmio', 'ram-driver',
    'soft-reserved', 'mmio', 'ram-driver',
    'ram-driver',
  ]);
  assert.deepEqual(got[7], [0x1050000000n, 0x3050000000n, 'ram-driver', 'System RAM (kmem)', 9]);
  assert.deepEqual(got[10], [0x4000000000n, 0x4800000000n, 'ram-driver', 'System RAM', 12]);
  assert.deepEqual(got[11], [0x5000000000n, 0x5400000000n, 'ram-driver', 'System RAM (virtio_mem)', 13]);
});

test('iomem TDX guest: high RAM is plain System RAM, PCI children nested as mmio', () => {
  const r = load('iomem-tdx-guest.txt', 'iomem');
  assert.equal(r.regions.length, 21);
  assert.equal(r.unaccepted.length, 0); // iomem cannot show unaccepted memory
  const got = regions(r);
  assert.deepEqual(got[14], [0x80000000n, 0x80010000n, 'mmio', '0000:00:01.0', 16]);
  assert.deepEqual(got[16], [0xe0000000n, 0xf0000000n, 'reserved', 'Reserved', 18]);
  assert.deepEqual(got[19], [0x100000000n, 0x280000000n, 'ram', 'System RAM', 21]);
  const ramBytes = r.regions.filter((x) => x.type === 'ram').reduce((n, x) => n + (x.end - x.start), 0n);
  // 8 GiB less the first page, 0x80000-0xfffff and the 8 MiB of firmware data below 2 GiB.
  assert.equal(ramBytes, 8n * 1024n * MiB - 0x1000n - 0x80000n - 8n * MiB);
});

test('iomem bad lines: truncated, overflowing, reversed and garbage lines are skipped with reasons', () => {
  const r = load('bad-lines.txt', 'iomem');
  assert.deepEqual(regions(r), [
    [0x0n, 0x1000n, 'reserved', 'Reserved', 2],
    [0x100000n, 0x80000000n, 'ram', 'System RAM', 6],
    [0xffffffffffff0000n, 1n << 64n, 'reserved', 'Reserved', 7],
  ]);
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [
    [3, 'malformed /proc/iomem line'],
    [4, 'address does not fit in 64 bits'],
    [5, 'reversed range (end below start)'],
    [8, 'address does not fit in 64 bits'],
    [9, 'not understood'],
    [10, 'not understood'],
    [11, 'not understood'],
  ]);
  assert.equal(r.skipped[0].text, '00001000-0009');
});

test('iomem tolerates tabs, odd padding and an empty name', () => {
  const r = importText('00000000-00000fff :  Reserved  \n\t00000000-000003ff : child\n00001000-00001fff:\n', 'iomem');
  assert.deepEqual(regions(r), [
    [0n, 0x1000n, 'reserved', 'Reserved', 1],
    [0n, 0x400n, 'mmio', 'child', 2],
    [0x1000n, 0x2000n, 'mmio', undefined, 3],
  ]);
});

test('iomem names map to region types without regard to case', () => {
  const cases: [string, string][] = [
    ['System RAM', 'ram'], ['Kernel bss', 'kernel'], ['Crash kernel (low)', 'crashkernel'],
    ['Reserved', 'reserved'], ['Device reserved', 'reserved'], ['RAM buffer', 'reserved'],
    ['ACPI tables', 'acpi'], ['ACPI Non-volatile Storage', 'acpi-nvs'],
    ['Persistent Memory (legacy)', 'pmem'], ['Persistent Memory', 'pmem'], ['Soft Reserved', 'soft-reserved'],
    ['Unusable memory', 'unusable'], ['System ROM', 'rom'], ['PCI Bus 0000:00', 'mmio'], ['<BAD>', 'mmio'],
  ];
  for (const [name, type] of cases) assert.equal(iomemType(name, []), type, name);
  assert.equal(iomemType('System RAM', ['soft-reserved', 'mmio']), 'ram-driver');
  assert.equal(iomemType('System RAM', ['pmem']), 'ram-driver');
  assert.equal(iomemType('System RAM', ['ram']), 'ram');
});

test('iomem drops a pasted "<----" annotation from the name', () => {
  // From a 2019 LKML report (kexec_file and the EFI ESRT), annotated by its author.
  const r = importText('74dd2000-74dd2fff : Reserved                   <----- ESRT\n', 'iomem');
  assert.deepEqual(regions(r), [[0x74dd2000n, 0x74dd3000n, 'reserved', 'Reserved', 1]]);
});

test('a `###` annotation after a name is not the name; `PCI Bus #01` keeps its hash', () => {
  const r = importText([
    'e4000000-e7ffffff : PCI Bus #01',
    '180000000-1ffffffff : Soft Reserved  ### 2 hmem nodes',
    '  180000000-1bfffffff : dax1.0',
    '    180000000-1bfffffff : System RAM (kmem)',
  ].join('\n'), 'iomem');
  assert.deepEqual(r.regions.map((x) => [x.type, x.label]), [
    ['mmio', 'PCI Bus #01'],
    ['soft-reserved', 'Soft Reserved'],
    ['mmio', 'dax1.0'],
    ['ram-driver', 'System RAM (kmem)'],
  ]);
});
