import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IMPORT_FORMATS, createReader, importText, toLayoutText } from '../../../common/src/import';
import { forEachLine } from '../../../common/src/import/lines';
import { fixture } from './fixtures';

// Lines that look almost like the real formats, to reach deep into every reader.
const pieces = [
  'BIOS-e820: [mem 0x', 'e820: update [mem 0x', ' ==> ', 'efi: mem0', ': [Conventional|', '|SP|', '] range=[0x',
  ')', ']', ' : System RAM', '  ', '-', '0x', 'ffffffffffffffff', '10000000000000000', '(nil)', 'segment[',
  '].memsz = ', 'nr_segments = ', 'kexec_load: entry = ', ' flags = 0x3e0001', 'Loaded initrd at 0x',
  ' bufsz=', ' memsz=', '/sys/firmware/memmap/', '/start:', 'MEMORY RANGES', ' (0)', '\u0000', '\r', '\uFEFF', '[    0.000000] ',
];
const lineArb = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')),
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.stringMatching(/^[0-9a-f]{1,18}$/)), { maxLength: 12 }).map((p) => p.join('')),
);

test('no reader throws on any input, and every result stays within 64 bits', () => {
  fc.assert(
    fc.property(fc.constantFrom(...IMPORT_FORMATS), fc.array(lineArb, { maxLength: 40 }), (format, lines) => {
      const reader = createReader(format);
      lines.forEach((l, i) => reader.line(l, i + 1));
      const r = reader.finish();
      assert.equal(r.linesRead, lines.length);
      for (const x of [...r.regions, ...r.unaccepted]) {
        assert.ok(x.start >= 0n && x.start < x.end && x.end <= 1n << 64n);
        assert.ok(x.line >= 1 && x.line <= lines.length);
      }
      for (const s of r.skipped) assert.ok(s.line >= 0 && s.line <= lines.length);
      toLayoutText([{ path: 'p', result: r }]);
    }),
    { numRuns: 400 },
  );
});

test('auto import of arbitrary text and of shuffled fixture lines never throws', () => {
  const corpus = ['kexec-d-x86_64.txt', 'efi-unaccepted.txt', 'e820-update-remove.txt', 'iomem-old.txt', 'memmap-grep.txt']
    .flatMap((n) => fixture(n).split('\n'));
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...corpus), fc.string()), { maxLength: 60 }), (lines) => {
      const text = lines.join('\n');
      let count = 0;
      forEachLine(text, () => count++);
      const r = importText(text, 'auto');
      assert.equal(r.linesRead, count);
      assert.equal(r.skipped.length <= count, true);
    }),
    { numRuns: 300 },
  );
});
