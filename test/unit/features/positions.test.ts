import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenAt, clampPosition, clampRange, contains, wordOccurrences, statementAt } from '../../../common/src/features/positions';
import { check, anyTextArb, positionArb, rangeArbLsp, FC_RUNS } from './support';

test('the token under a position, with the cursor right after a word counting', () => {
  const f = check('region 0x0 ..= 0xfff ram "low"\nsegment k mem=auto memsz=4K top-down').file;
  const kind = (line: number, character: number) => tokenAt(f, { line, character })?.kind;
  assert.equal(kind(0, 0), 'keyword');
  assert.equal(kind(0, 6), 'keyword');
  assert.equal(kind(0, 8), 'number');
  assert.equal(kind(0, 12), 'operator');
  assert.equal(kind(0, 22), 'region-type');
  assert.equal(kind(0, 27), 'label');
  assert.equal(kind(1, 9), 'segment-name');
  assert.equal(kind(1, 11), 'segment-key');
  assert.equal(kind(1, 16), 'auto');
  assert.equal(kind(1, 26), 'number');
  assert.equal(kind(1, 34), 'flag');
  assert.equal(kind(0, 99), undefined);
  const n = tokenAt(f, { line: 0, character: 16 });
  assert.ok(n?.kind === 'number' && n.role === 'last');
});

test('clamping and containment', () => {
  const f = check('ab\ncdef').file;
  assert.deepEqual(clampPosition(f, { line: 1, character: 99 }), { line: 1, character: 4 });
  assert.equal(clampPosition(f, { line: 2, character: 0 }), null);
  assert.equal(clampPosition(f, { line: -1, character: 0 }), null);
  assert.deepEqual(clampRange(f, { start: { line: 0, character: 1 }, end: { line: 9, character: 9 } }), { start: { line: 0, character: 1 }, end: { line: 1, character: 4 } });
  assert.ok(contains({ start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }, { line: 0, character: 3 }));
  assert.equal(statementAt(check('\narch x86_64').file, 1)?.kind, 'arch');
});

test('whole words, with sentence punctuation', () => {
  assert.deepEqual(wordOccurrences('initrd, initrd.img, initrd. my_initrd initrd-2 (initrd)', 'initrd'), [0, 20, 48]);
});

test('never throws on random text, positions and ranges', () => {
  fc.assert(fc.property(anyTextArb, positionArb, rangeArbLsp, (t, p, r) => {
    const f = check(t).file;
    tokenAt(f, p);
    const c = clampRange(f, r);
    if (c) assert.ok(c.end.line < f.lineCount);
  }), FC_RUNS);
});
