import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';
import { load, regions } from './fixtures';

test('memmap "start end type" dump, with and without an N: prefix', () => {
  const r = load('memmap-dump.txt', 'memmap');
  assert.equal(r.skipped.length, 0);
  const got = regions(r);
  assert.equal(got.length, 11);
  assert.deepEqual(got[0], [0x0n, 0x9fc00n, 'ram', 'System RAM', 2]);
  assert.deepEqual(got[3], [0x100000n, 0x7ffdc000n, 'ram', 'System RAM', 5]);
  assert.deepEqual(got[4], [0x7ffdc000n, 0x80000000n, 'reserved', 'Reserved', 6]);
  assert.deepEqual(got[9], [0x100000000n, 0x180000000n, 'soft-reserved', 'Soft Reserved', 11]);
  assert.deepEqual(got[10], [0xfd00000000n, 0x10000000000n, 'reserved', 'Reserved', 12]);
});

test('memmap grep output is grouped by directory number, incomplete entries skipped', () => {
  const r = load('memmap-grep.txt', 'memmap');
  assert.deepEqual(regions(r), [
    [0x0n, 0x9fc00n, 'ram', 'System RAM', 2],
    [0x9fc00n, 0xa0000n, 'reserved', 'Reserved', 5],
    [0x100000n, 0x7ffdc000n, 'ram', 'System RAM', 11],
    [0x7ffdc000n, 0x80000000n, 'acpi-nvs', 'ACPI Non-volatile Storage', 14],
    [0x100000000n, 0x280000000n, 'ram', 'System RAM', 8],
  ]);
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [[17, 'incomplete entry (no end)']]);
});

test('memmap head output: the value is on the line after the ==> name <== header', () => {
  const text = [
    '==> /sys/firmware/memmap/0/end <==', '0x9fbff', '',
    '==> /sys/firmware/memmap/0/start <==', '0x0', '',
    '==> /sys/firmware/memmap/0/type <==', 'System RAM',
  ].join('\n');
  assert.deepEqual(regions(importText(text, 'memmap')), [[0x0n, 0x9fc00n, 'ram', 'System RAM', 1]]);
});

test('memmap bare hex needs a known type; unknown names with 0x become reserved', () => {
  const text = [
    '100000 7ffdbfff System RAM',
    'abc def ghi',
    '0x80000000 0x8fffffff Uncached RAM',
    '0x90000000 0x9fffffff Something New',
    '0xa0000000 0x9fffffff System RAM',
  ].join('\n');
  const r = importText(text, 'memmap');
  assert.deepEqual(regions(r), [
    [0x100000n, 0x7ffdc000n, 'ram', 'System RAM', 1],
    [0x80000000n, 0x90000000n, 'reserved', 'Uncached RAM', 3],
    [0x90000000n, 0xa0000000n, 'reserved', 'Something New', 4],
  ]);
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [[2, 'not understood'], [5, 'reversed range (end below start)']]);
});
