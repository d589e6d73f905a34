import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';
import { efiType } from '../../../common/src/import/efi';
import { load, regions } from './fixtures';

test('efi pre-5.9: 19-character names, ")" exclusive ends, adjacent RAM merged keeping the first line', () => {
  const r = load('efi-pre-5.9.txt', 'efi');
  assert.equal(r.arch, 'x86_64');
  assert.equal(r.skipped.length, 0);
  assert.deepEqual(regions(r), [
    [0x0n, 0x20000n, 'ram', undefined, 2], // Boot Code + Conventional Memory: no single name
    [0x6c000n, 0x6d000n, 'acpi-nvs', 'ACPI Memory NVS', 4],
  ]);
});

test('efi current format with Unaccepted: a ram region and an unaccepted range', () => {
  const r = load('efi-unaccepted.txt', 'efi');
  assert.deepEqual(regions(r), [
    [0x0n, 0xa0000n, 'ram', undefined, 4],
    [0x100000n, 0x7e8a0000n, 'ram', undefined, 6],
    [0x7e8a0000n, 0x7e8a1000n, 'acpi', 'ACPI Reclaim', 8],
    [0x7e8a1000n, 0x7f800000n, 'ram', 'Boot Data', 9],
    [0x7f800000n, 0x7fb7e000n, 'reserved', 'Runtime Data', 10],
    [0x7fb7e000n, 0x7fbfe000n, 'acpi', 'ACPI Reclaim', 11],
    [0x7fbfe000n, 0x80000000n, 'acpi-nvs', 'ACPI Mem NVS', 12],
    [0x100000000n, 0x280000000n, 'ram', 'Unaccepted', 13],
    [0xffc00000n, 0x100000000n, 'mmio', 'MMIO', 15],
  ]);
  assert.deepEqual(r.unaccepted, [{ start: 0x100000000n, end: 0x280000000n, line: 13 }]);
  assert.deepEqual(r.skipped.map((s) => s.line), [2, 3, 16]);
});

test('efi: a firmware\'s own type (OEM 0x70000000+, OS loader 0x80000000+) is reserved memory; a spec-reserved number is corrupt', () => {
  const text = [
    'efi: mem00: [Conventional|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000100000-0x000000007fffffff] (2047MB)',
    'efi: mem01: [type=1879048193|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000080000000-0x0000000080000fff] (0MB)',
    'efi: mem02: [type=2147483650|RUN|  |  |  |  |  |  |  |  |   |WB|  |  |  ] range=[0x0000000080002000-0x0000000080002fff] (0MB)',
    'efi: mem03: [type=1879048192|RUN|  |  |  |  |  |  |  |  |   |  |  |  |UC] range=[0x0000000080004000-0x0000000080004fff] (0MB)',
    'efi: mem04: [type=1000|   |  |  |  |  |  |  |  |  |   |WB|  |  |  ] range=[0x0000000080006000-0x0000000080006fff] (0MB)',
    'efi: mem05: type=2147483648, attr=0xf, range=[0x0000000080008000-0x0000000080009000) (0MB)',
    '',
  ].join('\n');
  const r = importText(text, 'efi');
  assert.deepEqual(r.regions.map((x) => [x.start, x.end, x.type, x.label]), [
    [0x100000n, 0x80000000n, 'ram', 'Conventional'],
    [0x80000000n, 0x80001000n, 'reserved', 'type=1879048193'],
    [0x80002000n, 0x80003000n, 'reserved', 'type=2147483650'],
    [0x80004000n, 0x80005000n, 'reserved', 'type=1879048192'],
    [0x80008000n, 0x80009000n, 'reserved', 'type=2147483648'],
  ]);
  assert.deepEqual(r.corrupt, { count: 1, line: 5, reason: 'EFI memory type 1000 is not one Linux knows' });
});

test('efi with the HP column, [type=N and |attr=0x…]', () => {
  const r = load('efi-hp-column.txt', 'efi');
  // `[type=16` is a type efi_md_typeattr_format() has no name for: corrupt, skipped.
  assert.deepEqual(r.skipped.map((x) => [x.line, x.reason]), [[6, 'EFI memory type 16 is not one Linux knows']]);
  assert.deepEqual(r.corrupt, { count: 1, line: 6, reason: 'EFI memory type 16 is not one Linux knows' });
  assert.deepEqual(regions(r), [
    [0x100000n, 0xc0000000n, 'ram', 'Conventional', 2], // HP does not change the type
    [0x100000000n, 0x180000000n, 'ram', 'Unaccepted', 4],
    [0x180000000n, 0x1c0000000n, 'pmem', 'Persistent', 5],
    [0x1c0100000n, 0x1c0200000n, 'reserved', 'Reserved', 7],
    [0xfee00000n, 0xfee01000n, 'mmio', 'MMIO Port', 8],
  ]);
  assert.deepEqual(r.unaccepted, [{ start: 0x100000000n, end: 0x180000000n, line: 4 }]);
});

test('efi SP attribute on conventional memory means soft-reserved, as a column or an attr= bit', () => {
  const r = load('efi-sp-soft-reserved.txt', 'efi');
  assert.deepEqual(regions(r), [
    [0x100000n, 0x80000000n, 'ram', 'Conventional', 2],
    [0x1050000000n, 0x3100000000n, 'soft-reserved', 'Conventional', 3],
    [0x4000000000n, 0x4800000000n, 'soft-reserved', 'Conventional', 5],
    [0x5000000000n, 0x5000100000n, 'ram', 'Boot Data', 6], // SP matters only for conventional memory
  ]);
});

test('efi arm64 form: no memNN index, inclusive ends, arch not guessed', () => {
  const r = load('efi-arm64.txt', 'efi');
  assert.equal(r.arch, undefined);
  assert.equal(r.skipped.length, 0);
  assert.deepEqual(regions(r), [[0x1400000n, 0x21220000n, 'ram', undefined, 3]]);
});

test('efi very old "type=N, attr=0x…" descriptors', () => {
  const r = importText('efi: mem00: type=7, attr=0xf, range=[0x0000000000000000-0x000000000009f000) (0MB)\n' +
    'efi: mem01: type=11, attr=0x8000000000000001, range=[0x00000000fec00000-0x00000000fec01000) (0MB)\n', 'efi');
  assert.deepEqual(regions(r), [
    [0x0n, 0x9f000n, 'ram', 'Conventional', 1],
    [0xfec00000n, 0xfec01000n, 'mmio', 'MMIO', 2],
  ]);
});

test('efi bad lines: unknown name, empty and reversed ranges, overflow, malformed', () => {
  const text = [
    'efi: mem00: [Magic Memory|   |WB] range=[0x0000000000000000-0x0000000000000fff] (0MB)',
    'efi: mem01: [Conventional|   |WB] range=[0x0000000000001000-0x0000000000001000) (0MB)',
    'efi: mem02: [Conventional|   |WB] range=[0x0000000000002000-0x0000000000000fff] (0MB)',
    'efi: mem03: [Conventional|   |WB] range=[0x0000000000002000-0x10000000000000fff] (0MB)',
    'efi: mem04: [Conventional|   |WB] range=[0x00000000000',
  ].join('\n');
  const r = importText(text, 'efi');
  assert.equal(r.regions.length, 0);
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [
    [1, 'unknown EFI memory type "Magic Memory"'],
    [2, 'empty range'],
    [3, 'reversed range (end below start)'],
    [4, 'address does not fit in 64 bits'],
    [5, 'malformed EFI memory map line'],
  ]);
});

test('efi type mapping', () => {
  const want = ['reserved', 'ram', 'ram', 'ram', 'ram', 'reserved', 'reserved', 'ram', 'unusable', 'acpi',
    'acpi-nvs', 'mmio', 'mmio', 'reserved', 'pmem', 'ram', 'reserved'];
  assert.deepEqual(want.map((_, i) => efiType(i, false)), want);
  assert.equal(efiType(7, true), 'soft-reserved');
});

test('efi x86 line wrapped before range= (a mail): the two lines are one entry; a cut one is warned and not read', () => {
  const text = [
    'kernel: efi: mem00: type=7, attr=0xf,',
    'range=[0x0000000000000000-0x0000000000080000) (0MB)',
    'efi: mem01: [Boot Data          |   |  |  |  |   |WB|WT|WC|UC]',
    '  range=[0x0000000000080000-0x0000000000081000) (0MB)',
    'efi: mem02: type=10, attr=0xf,',
    'some other line',
  ].join('\n');
  for (const format of ['efi', 'auto'] as const) {
    const r = importText(text, format);
    assert.deepEqual(r.regions.map((x) => [x.start, x.end, x.type, x.line]), [[0n, 0x81000n, 'ram', 1]], format);
    assert.ok(r.warnings.some((w) => w.line === 5 && /without its range/.test(w.message)), format);
    assert.equal(r.corrupt, undefined, format);
  }
});

test('efi memNN entry quoted again later (same index, type and range) is read once; a different one still overlaps', () => {
  const map = 'efi: mem00: type=7, attr=0xf, range=[0x0-0x80000) (0MB)\nefi: mem01: type=7, attr=0xf, range=[0x100000-0x200000) (1MB)\n';
  const r = importText(map + 'You see, there is a region:\nefi: mem01: type=7, attr=0xf, range=[0x100000-0x200000) (1MB)\n', 'auto');
  assert.deepEqual(r.regions.map((x) => [x.start, x.end]), [[0n, 0x80000n], [0x100000n, 0x200000n]]);
  assert.deepEqual(r.warnings.map((w) => [w.line, w.message]), [[4, 'repeats the EFI entry of line 2; read once']]);
  assert.equal(r.corrupt, undefined);
  const bad = importText(map + 'efi: mem02: type=7, attr=0xf, range=[0x100000-0x200000) (1MB)\n', 'auto');
  assert.equal(bad.corrupt?.reason, 'EFI memory descriptors overlap');
});
