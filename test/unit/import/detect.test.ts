import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { detectFormat, importText } from '../../../common/src/import';
import { fixture } from './fixtures';

const EXPECTED: [string, string][] = [
  ['iomem-old.txt', 'iomem'], ['iomem-modern.txt', 'iomem'], ['iomem-zeroed.txt', 'iomem'],
  ['iomem-cxl-kmem.txt', 'iomem'], ['iomem-tdx-guest.txt', 'iomem'], ['bad-lines.txt', 'iomem'],
  ['e820-classic.txt', 'e820'], ['e820-sized-gap.txt', 'e820'], ['e820-update-remove.txt', 'e820'],
  ['e820-modified.txt', 'e820'], ['e820-dmesg-crlf.txt', 'e820'],
  ['efi-pre-5.9.txt', 'efi'], ['efi-unaccepted.txt', 'efi'], ['efi-hp-column.txt', 'efi'],
  ['efi-sp-soft-reserved.txt', 'efi'], ['efi-arm64.txt', 'efi'],
  ['memmap-dump.txt', 'memmap'], ['memmap-grep.txt', 'memmap'],
  ['kexec-d-x86_64.txt', 'kexec-debug'], ['kexec-d-old-no-0x.txt', 'kexec-debug'],
  ['kexec-file-arm64.txt', 'kexec-debug'], ['kexec-file-bzimage64.txt', 'kexec-debug'],
  ['kexec-file-loading-segment.txt', 'kexec-debug'], ['kexec-load-kernel-debug.txt', 'kexec-debug'],
];

test('detection names the format of every fixture', () => {
  for (const [name, format] of EXPECTED) {
    assert.equal(detectFormat(fixture(name).split(/\r?\n/)), format, name);
  }
});

test('detection finds nothing in binary garbage; auto then warns and skips everything', () => {
  assert.equal(detectFormat(fixture('garbage.bin').split('\n')), undefined);
  const r = importText(fixture('garbage.bin'), 'auto');
  assert.equal(r.regions.length + r.segments.length + r.unaccepted.length, 0);
  assert.equal(r.warnings[0].message, 'the format could not be recognised from the first lines; read as iomem');
  assert.ok(r.skipped.length > 0);
  assert.ok(r.skipped.some((s) => s.reason === 'binary data'));
});

test('detection follows the majority in a log that mixes e820 and EFI lines', () => {
  const log = [
    '[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable',
    '[    0.000000] efi: mem00: [Conventional|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000000000-0x000000000009ffff] (0MB)',
    '[    0.000000] efi: mem01: [Unaccepted  |   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000100000000-0x000000017fffffff] (2048MB)',
  ];
  assert.equal(detectFormat(log), 'efi');
  assert.equal(detectFormat(log.slice(0, 1)), 'e820');
  assert.equal(detectFormat([]), undefined);
});

test('auto import of a fixture equals the explicit format', () => {
  for (const [name, format] of EXPECTED) {
    const auto = importText(fixture(name), 'auto');
    assert.equal(auto.format, format, name);
    assert.deepEqual(auto, importText(fixture(name), format as never), name);
  }
});
