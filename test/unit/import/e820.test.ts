import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';
import { e820Type } from '../../../common/src/import/e820';
import { load, regions } from './fixtures';

test('e820 classic: inclusive ends, usable/reserved, x86_64', () => {
  const r = load('e820-classic.txt', 'e820');
  assert.equal(r.arch, 'x86_64');
  assert.equal(r.skipped.length, 0);
  assert.equal(r.linesRead, 12);
  const got = regions(r);
  assert.equal(got.length, 10);
  assert.deepEqual(got[0], [0x0n, 0x9fc00n, 'ram', 'usable', 3]);
  assert.deepEqual(got[1], [0x9fc00n, 0xa0000n, 'reserved', 'reserved', 4]);
  assert.deepEqual(got[3], [0x100000n, 0x7ffdc000n, 'ram', 'usable', 6]);
  assert.deepEqual(got[9], [0xfd00000000n, 0x10000000000n, 'reserved', 'reserved', 12]);
});

test('e820 sized/gap style: size column dropped, gap lines are not regions, new type names', () => {
  const r = load('e820-sized-gap.txt', 'e820');
  const classic = load('e820-classic.txt', 'e820');
  assert.equal(r.skipped.length, 0);
  assert.deepEqual(r.regions.map((x) => [x.start, x.end, x.type]), classic.regions.map((x) => [x.start, x.end, x.type]));
  assert.deepEqual(regions(r)[3], [0x100000n, 0x7ffdc000n, 'ram', 'kernel usable RAM', 7]);
  assert.deepEqual(regions(r)[1], [0x9fc00n, 0xa0000n, 'reserved', 'device reserved', 4]);
});

test('e820 update and remove lines are applied in order, splitting entries', () => {
  const r = load('e820-update-remove.txt', 'e820');
  assert.deepEqual(regions(r), [
    [0x0n, 0x1000n, 'reserved', 'reserved', 11],
    [0x1000n, 0xa0000n, 'ram', 'usable', 3],
    [0x100000n, 0x7e000000n, 'ram', 'usable', 4],
    [0x7e000000n, 0x7e100000n, 'reserved', 'reserved', 13],
    [0x7e100000n, 0x7f800000n, 'ram', 'usable', 4],
    [0x7f800000n, 0x7fb7e000n, 'reserved', 'reserved', 5],
    [0x7fb7e000n, 0x7fbfe000n, 'acpi', 'ACPI data', 6],
    [0x7fbfe000n, 0x80000000n, 'acpi-nvs', 'ACPI NVS', 7],
    [0x100000000n, 0x260000000n, 'ram', 'usable', 8],
  ]);
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [
    [9, 'unrelated log line'], [10, 'unrelated log line'], [15, 'unrelated log line'],
  ]);
});

test('e820 update only changes entries of the old type; remove without a type removes any', () => {
  const text = [
    'BIOS-e820: [mem 0x0000000000000000-0x0000000000000fff] reserved',
    'BIOS-e820: [mem 0x0000000000001000-0x0000000000002fff] usable',
    'e820: update [mem 0x00000000-0x00001fff] usable ==> reserved',
    'e820: remove [mem 0x00000800-0x000017ff]',
  ].join('\n');
  assert.deepEqual(regions(importText(text, 'e820')), [
    [0x0n, 0x800n, 'reserved', 'reserved', 1],
    [0x1800n, 0x2000n, 'reserved', 'reserved', 3],
    [0x2000n, 0x3000n, 'ram', 'usable', 2],
  ]);
});

test('e820 user-defined map supersedes the BIOS map; later updates apply to it', () => {
  const r = load('e820-modified.txt', 'e820');
  assert.deepEqual(regions(r), [
    [0x0n, 0x1000n, 'reserved', 'reserved', 14],
    [0x1000n, 0x9fc00n, 'ram', 'usable', 8],
    [0x9fc00n, 0xa0000n, 'reserved', 'reserved', 9],
    [0x100000n, 0x40000000n, 'ram', 'usable', 10],
    [0x40000000n, 0x80000000n, 'pmem', 'persistent (type 12)', 11],
    [0x80000000n, 0xbffe0000n, 'ram', 'usable', 12],
    [0xbffe0000n, 0xc0000000n, 'reserved', 'reserved', 13],
  ]);
});

test('e820 modified map without a header line still supersedes', () => {
  const text = [
    'BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable',
    'BIOS-e820: [mem 0x0000000000100000-0x00000000bfffffff] usable',
    'modified: [mem 0x0000000000000000-0x0000000000000fff] reserved',
    'modified: [mem 0x0000000000001000-0x000000000009ffff] usable',
  ].join('\n');
  assert.deepEqual(regions(importText(text, 'e820')), [
    [0x0n, 0x1000n, 'reserved', 'reserved', 3],
    [0x1000n, 0xa0000n, 'ram', 'usable', 4],
  ]);
});

test('e820 with <6> levels, timestamps, syslog and dmesg -x prefixes and CRLF', () => {
  const r = load('e820-dmesg-crlf.txt', 'e820');
  assert.equal(r.linesRead, 9);
  assert.deepEqual(regions(r), [
    [0x0n, 0x9fc00n, 'ram', 'usable', 4],
    [0x9fc00n, 0xa0000n, 'reserved', 'reserved', 5],
    [0xf0000n, 0x100000n, 'reserved', 'reserved', 6],
    [0x100000n, 0xbffe0000n, 'ram', 'usable', 7],
    [0xbffe0000n, 0xc0000000n, 'reserved', 'reserved', 8],
  ]);
  assert.deepEqual(r.skipped.map((s) => s.line), [2, 9]);
  assert.equal(r.skipped[1].text, 'NX (Execute Disable) protection: active');
});

test('e820 2.6-era lines with exclusive ends and a parenthesised type', () => {
  const r = importText(' BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n BIOS-e820: 00000000000f0000 - 0000000000100000 (reserved)\n', 'e820');
  assert.deepEqual(regions(r), [
    [0x0n, 0x9fc00n, 'ram', 'usable', 1],
    [0xf0000n, 0x100000n, 'reserved', 'reserved', 2],
  ]);
});

test('e820 bad entries: unknown type, reversed, overflow, malformed', () => {
  const text = [
    'BIOS-e820: [mem 0x0000000000000000-0x0000000000000fff] weird memory',
    'BIOS-e820: [mem 0x0000000000002000-0x0000000000001fff] usable',
    'BIOS-e820: [mem 0x10000000000000000-0x10000000000000fff] usable',
    'BIOS-e820: [mem 0x0000000000001000-',
    'e820: update [mem 0x00000000-0x00000fff] usable ==> sparkly',
    'BIOS-e820: [mem 0x0000000000003000-0x0000000000003fff] type 20',
  ].join('\n');
  const r = importText(text, 'e820');
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [
    [1, 'unknown e820 type "weird memory"'],
    [2, 'reversed range (end below start)'],
    [3, 'address does not fit in 64 bits'],
    [4, 'malformed e820 line'],
    [5, 'unknown e820 type "sparkly"'],
  ]);
  assert.deepEqual(regions(r), [[0x3000n, 0x4000n, 'reserved', 'type 20', 6]]);
});

test('e820 type names, old and new', () => {
  const cases: [string, string | undefined][] = [
    ['usable', 'ram'], ['System RAM', 'ram'], ['kernel usable RAM', 'ram'],
    ['reserved', 'reserved'], ['device reserved', 'reserved'], ['ACPI data', 'acpi'], ['ACPI tables', 'acpi'],
    ['ACPI NVS', 'acpi-nvs'], ['unusable', 'unusable'], ['persistent (type 7)', 'pmem'],
    ['persistent (type 12)', 'pmem'], ['persistent RAM (type 12)', 'pmem'], ['soft reserved', 'soft-reserved'],
    ['type 13', 'reserved'], ['available for PCI devices', undefined],
  ];
  for (const [name, type] of cases) assert.equal(e820Type(name), type, name);
});

test('e820 ignores non-map e820 lines but counts them as skipped', () => {
  const r = importText('e820: [mem 0xc0000000-0xfebfffff] available for PCI devices\ne820: reserve RAM buffer [mem 0x0009fc00-0x0009ffff]\n', 'e820');
  assert.equal(r.regions.length, 0);
  assert.deepEqual(r.skipped.map((s) => [s.line, s.reason]), [[1, 'unrelated log line']]);
});

test('a line the paste repeats is read once; going back to the first address is still the next boot', () => {
  const map = [
    'BIOS-provided physical RAM map:',
    'BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable',
    'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable',
    'BIOS-e820: [mem 0x0000000080000000-0x00000000800fffff] reserved',
    'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable',
    'BIOS-e820: [mem 0x0000000080000000-0x00000000800fffff] reserved',
    'BIOS-e820: [mem 0x0000000100000000-0x000000017fffffff] usable',
  ];
  const r = importText(map.join('\n'), 'auto');
  assert.equal(r.regions.length, 4);
  assert.equal(r.corrupt, undefined);
  assert.deepEqual(r.warnings.map((w) => [w.line, w.message]), [
    [5, 'repeats the e820 entry of line 3; read once'],
    [6, 'repeats the e820 entry of line 4; read once'],
  ]);
  // The same entries from address 0 again (a grep over two boots): two copies, not one map.
  const twice = importText([...map.slice(1, 4), ...map.slice(1, 4)].join('\n'), 'auto');
  assert.equal(twice.snapshots?.[0].lines.length, 2);
  // A repeated entry that differs is not a repeat: the map goes back, the next boot.
  const differs = importText([...map.slice(0, 4), 'BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] reserved'].join('\n'), 'auto');
  assert.equal(differs.snapshots?.[0].lines.length, 2);
});
