import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importText } from '../../../common/src/import';
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

test('binary garbage: auto reads nothing, says so, and skips everything', () => {
  const r = importText(fixture('garbage.bin'), 'auto');
  assert.equal(r.regions.length + r.segments.length + r.unaccepted.length, 0);
  assert.match(r.warnings[0].message, /^nothing was imported: no line is one the importer reads \(\d+ lines skipped\)$/);
  assert.equal(r.warnings[0].line, 0);
  assert.ok(r.skipped.length > 0);
  assert.ok(r.skipped.some((s) => s.reason === 'binary data'));
});

test('auto import of a single-format fixture names that format and equals the explicit import', () => {
  for (const [name, format] of EXPECTED) {
    const auto = importText(fixture(name), 'auto');
    assert.equal(auto.format, format, name);
    const explicit = importText(fixture(name), format as never);
    assert.deepEqual(auto, explicit, name);
  }
});
