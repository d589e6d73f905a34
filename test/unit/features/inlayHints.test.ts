import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inlayHints } from '../../../common/src/features/inlayHints';
import { check, anyTextArb, rangeArbLsp, FC_RUNS } from './support';

const all = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };

test('ranges, auto placements, no hole, crashkernel end', () => {
  const t = [
    'syscall kexec_file_load',
    'region 0x0 .. 0x10_0000 reserved',
    'region 0x1_0000_0000 + 64M ram',
    'crashkernel 16M@0x1_0100_0000',
    'segment a mem=auto memsz=1M',
    'segment b mem=auto memsz=1G',
  ].join('\n');
  const hints = inlayHints(check(t), all).map((h) => `${h.position.line}:${h.position.character} ${h.label}`);
  assert.deepEqual(hints, [
    '1:23 1 MiB → 0x10_0000',
    '2:26 64 MiB → 0x1_0400_0000',
    '3:29 → 0x1_0200_0000',
    '4:18 → 0x1_0000_0000',
    '5:18 → no hole',
  ]);
});

test('only the requested lines, fast on 10,000 lines', () => {
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) lines.push(`region 0x${(i * 0x1000).toString(16)} + 4K ram`);
  const r = check(lines.join('\n'));
  const t0 = performance.now();
  const h = inlayHints(r, { start: { line: 5000, character: 0 }, end: { line: 5009, character: 99 } });
  assert.ok(performance.now() - t0 < 20);
  assert.deepEqual(h.map((x) => x.position.line), [5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009]);
  assert.equal(inlayHints(r, all).length, 10_000);
});

test('never throws on random text and ranges', () => {
  fc.assert(fc.property(anyTextArb, rangeArbLsp, (t, range) => { assert.ok(Array.isArray(inlayHints(check(t), range))); }), FC_RUNS);
});
